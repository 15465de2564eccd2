"""Freeze a year's counts, and bring them back as `YearStatistics`.

Only counts and populations are stored, never rates: thawed figures go
through the same `upheld.stats` definitions as live ones, so a page, a letter
and a download made from a published version agree to the digit.
"""

from __future__ import annotations

import datetime
from collections import Counter
from functools import lru_cache

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from upheld.authorities.models import Authority
from upheld.code.editions import Provision
from upheld.releases.models import FiguresVersion, Release
from upheld.stats.annual import YearStatistics, assemble, council_json, council_year, year_statistics
from upheld.stats.counts import Counts
from upheld.years import ReportingYear

COUNT_FIELDS = ("received", "decisions", "upheld_remedies", "compliance", "code_failures")

# Sent (with `version`) inside the transaction that freezes a version, so that what goes out with the figures
# is frozen with them: the letters app issues the year's letters (`upheld.letters.issue`).
figures_frozen = Signal()
RELEASE_TIME = datetime.time(9, 30)


def freeze(statistics: YearStatistics) -> dict:
    return {"councils": [
        {"authority": council.authority.id,
         **{name: dict(getattr(council.counts, name)) for name in COUNT_FIELDS},
         "upheld_with_code_failure": council.counts.upheld_with_code_failure,
         "population": council.population, "population_basis": council.population_basis}
        for council in statistics.councils
    ]}


def thaw(year: ReportingYear, frozen: dict) -> YearStatistics:
    """The frozen counts as figures. Versions frozen before the Complaint Handling Code's counts were kept
    have none: no Code failures (none could be recorded then)."""
    authorities = Authority.objects.in_bulk([entry["authority"] for entry in frozen["councils"]])
    councils = [
        council_year(authorities[entry["authority"]], year,
                     Counts(*(Counter(entry.get(name) or {}) for name in COUNT_FIELDS),
                            upheld_with_code_failure=entry.get("upheld_with_code_failure", 0)),
                     entry["population"], entry["population_basis"])
        for entry in frozen["councils"]
    ]
    return assemble(year, councils)


@lru_cache(maxsize=64)
def _thawed(version_id: int, frozen_at: datetime.datetime) -> YearStatistics:
    """Versions never change once written, so each is thawed once per process
    (keyed by its freezing time too, as ids are reused after a rollback)."""
    version = FiguresVersion.objects.select_related("release").get(id=version_id)
    return thaw(version.release.reporting_year, version.counts)


def version_statistics(version: FiguresVersion) -> YearStatistics:
    return _thawed(version.id, version.frozen_at)


def default_release_time(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, RELEASE_TIME))


@transaction.atomic
def schedule_release(year: ReportingYear, at: datetime.datetime | None = None) -> Release:
    """Schedule (or reschedule, before it happens) a year's release, freezing its figures now.

    Freezing at scheduling rather than at release means the letters issued to
    councils under embargo carry exactly the figures that will be published.
    """
    at = at or timezone.now()
    release = Release.objects.select_for_update().filter(year=year.start_year).first()
    if release is None:
        release = Release.objects.create(year=year.start_year, scheduled_for=at)
    elif release.is_released():
        raise ValueError(f"{year.label} was released on {timezone.localtime(release.scheduled_for):%d %B %Y}: "
                         "correct it with a revision")
    else:
        release.scheduled_for = at
        release.save(update_fields=["scheduled_for"])
    FiguresVersion.objects.filter(release=release).delete()
    version = FiguresVersion.objects.create(release=release, version=1, counts=freeze(year_statistics(year)))
    figures_frozen.send(sender=FiguresVersion, version=version)
    return release


def changes(before: YearStatistics, after: YearStatistics) -> list[str]:
    """One line per council whose published figures differ, naming each changed figure (the Code failures
    found among them)."""
    numbers = dict(Provision.objects.values_list("id", "number"))
    # Every provision found failed in either version, so that a council's first failure of one shows as 0 → 1.
    failed = sorted({key for statistics in (before, after) for council in statistics.councils
                     for key, count in council.code_failures.items() if count}, key=int)

    def code_failures(council) -> dict:
        return {"upheld with a Code failure": council.counts.upheld_with_code_failure,
                **{f"Code failures: provision {numbers.get(int(key), key)}": council.code_failures[key]
                   for key in failed}}

    def flat(statistics):
        return {c.authority.gss: (c.authority.short_name, {**_flatten(council_json(statistics, c)),
                                                            **code_failures(c)})
                for c in statistics.councils}

    old, new = flat(before), flat(after)
    lines = []
    for gss in sorted(old.keys() | new.keys(), key=lambda code: (old.get(code) or new.get(code))[0]):
        name = (old.get(gss) or new.get(gss))[0]
        if gss not in old or gss not in new:
            lines.append(f"{name}: {'added' if gss not in old else 'removed'}")
            continue
        differing = [f"{key} {old[gss][1][key]} → {new[gss][1][key]}"
                     for key in old[gss][1] if old[gss][1][key] != new[gss][1].get(key)
                     and not key.startswith("similar_authorities")]
        if differing:
            lines.append(f"{name}: " + "; ".join(differing))
    return lines


def _flatten(record: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}: "))
        else:
            flat[f"{prefix}{key}"] = "-" if value is None else value
    return flat


@transaction.atomic
def revise(year: ReportingYear, cause: str) -> FiguresVersion | None:
    """Publish the year's current figures as a new version, if they differ; None if nothing changed."""
    if not cause.strip():
        raise ValueError("a revision needs its cause: say what was corrected and why")
    release = Release.objects.select_for_update().filter(year=year.start_year).first()
    if release is None or not release.is_released():
        raise ValueError(f"{year.label} has not been released: schedule its release again instead")
    current = release.versions.order_by("-version").first()
    live = year_statistics(year)
    lines = changes(version_statistics(current), live)
    if not lines:
        return None
    scale = f"{len(lines)} council{'s' if len(lines) != 1 else ''} changed.\n" + "\n".join(lines)
    version = FiguresVersion.objects.create(release=release, version=current.version + 1, counts=freeze(live),
                                            cause=cause.strip(), scale=scale)
    figures_frozen.send(sender=FiguresVersion, version=version)
    return version


def statistics_for(year: ReportingYear) -> YearStatistics:
    """The figures that go out for `year`: frozen once a release is scheduled, live before."""
    version = FiguresVersion.objects.filter(release__year=year.start_year).order_by("-version").first()
    return version_statistics(version) if version else year_statistics(year)
