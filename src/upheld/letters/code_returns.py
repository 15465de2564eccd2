"""What a letter says about the Complaint Handling Code: the council's self-assessment return (received or not,
when, where it is published, its own figures beside ours) and the Code failures we found.

The returns a letter may speak of are those published (`upheld.releases.visibility`: a return's accepted
version) when the letters are issued: `published_returns` reads them, and `upheld.letters.issue` freezes what it
read with the letters (`LetterIssue.code_returns`), so a return accepted after the issue changes no letter
already sent, as for the text and the contacts. The figures are `upheld.stats.code_returns`' and the registry's,
formatted as the council page formats them (`upheld.publication.code_sections`).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from upheld.code.editions import Edition, Provision
from upheld.code.returns import ReturnDeadline, Version
from upheld.letters.formats import Count, long_date
from upheld.stats import registry
from upheld.stats.annual import CouncilYear, YearStatistics
from upheld.stats.code_returns import OWN_FIGURES, ReturnFigures, failures_by_provision, returns_year
from upheld.years import ReportingYear


def published_returns(year: ReportingYear) -> dict:
    """The year's published returns as a letter needs them (plain JSON, to be kept with the letters): when
    they are due, and by council id (a string) the day we received the accepted version, its annual complaints
    report link and its own figures. Empty for a year before the first self-assessments."""
    if Edition.objects.for_return_year(year.start_year) is None:
        return {}
    rows = (Version.objects.public().filter(assessment__year=year.start_year)
            .values_list("assessment__authority_id", "submitted_at", "report_url", *OWN_FIGURES))
    return {"due": ReturnDeadline.due_for(year.start_year).isoformat(), "councils": {
        str(authority_id): {"received": timezone.localtime(submitted).date().isoformat(), "report_url": url,
                            "figures": dict(zip(OWN_FIGURES, figures, strict=True))}
        for authority_id, submitted, url, *figures in rows}}


def code_fields(statistics: YearStatistics, council: CouncilYear, returns: dict) -> dict:
    """The merge fields of the Code (see `upheld.letters.merge.MERGE_FIELDS`) for `council`, from `returns`
    (`published_returns`, as issued). No query but the provisions' names where we found Code failures."""
    year, authority = statistics.year, council.authority
    councils = returns.get("councils", {})
    pooled = returns_year(statistics, {int(key): entry["figures"] for key, entry in councils.items()})
    own = pooled.councils.get(authority.gss, ReturnFigures())
    similar = pooled.similar(authority)
    entry = councils.get(str(authority.id))
    failed = +council.code_failures
    found = failures_by_provision(failed, Provision.objects.filter(pk__in=[int(key) for key in failed]))
    due = returns.get("due")
    page = reverse("council-year", kwargs={"slug": authority.slug, "year": year.label})
    return {
        "return_received": long_date(datetime.date.fromisoformat(entry["received"])) if entry else "",
        "return_due": long_date(datetime.date.fromisoformat(due)) if due else "",
        "return_url": f"{settings.UPHELD_SITE_URL}{page}#code",
        "report_url": entry["report_url"] if entry else "",
        "stage1_received": Count(own.stage1_received),
        "stage2_received": Count(own.stage2_received),
        "stage1_in_time_rate": registry.STAGE1_IN_TIME.display(own),
        "stage2_in_time_rate": registry.STAGE2_IN_TIME.display(own),
        "own_stage2_per_10k": registry.OWN_STAGE2_PER_10K.display(own),
        "received_per_10k": registry.RECEIVED_PER_10K.display(own),
        "similar_stage1_in_time_rate": registry.STAGE1_IN_TIME.display(similar),
        "similar_stage2_in_time_rate": registry.STAGE2_IN_TIME.display(similar),
        "similar_own_stage2_per_10k": registry.OWN_STAGE2_PER_10K.display(similar),
        "code_failures": Count(council.counts.upheld_with_code_failure),
        "code_failure_share": registry.CODE_FAILURE_SHARE.display(council),
        "code_failures_by_provision": "; ".join(f"{provision} ({count})" for provision, count in found),
    }
