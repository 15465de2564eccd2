"""The Complaint Handling Code on the public pages: a council's self-assessment and own complaint figures beside
ours, the Code failures our investigations found, and the national picture.

What of a return is public is `upheld.releases.visibility`'s to say (a return's accepted version, and nothing
else); the figures are `upheld.stats.code_returns`' and the registry's, formatted here, never recomputed. The
council page and the scrutiny page and pack read the same `CodeSection` (the same `Table`s), so they cannot
disagree. A council's explanation of an answer is its own free text: it is shown only when the anonymisation
guard (`upheld.decisions.guard`) finds nothing in it, as for every other free text the public site shows.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone

from upheld.code.editions import Edition, Provision
from upheld.code.returns import Answer, ProvisionAnswer, ReturnDeadline, SelfAssessment, Version
from upheld.decisions import guard
from upheld.letters.formats import number
from upheld.letters.reports import Cell, Table
from upheld.stats import registry
from upheld.stats.annual import CouncilYear, YearStatistics
from upheld.stats.code_returns import (
    NotFollowed,
    ReturnFigures,
    ReturnsYear,
    failures_by_provision,
    fetch_returns,
    not_followed_by_provision,
    returns_year,
)
from upheld.stats.wording import counted, long_date, plural
from upheld.years import ReportingYear

WITHHELD = ("The council's explanation is not shown: it may contain someone's personal details, which we never "
            "publish.")
# The figures of a return's table: its counts (label, field), then the registry's measures of it.
OWN_COUNTS = (("Stage 1 complaints received", "stage1_received"), ("Stage 2 complaints received", "stage2_received"))
OWN_MEASURES = (registry.STAGE1_IN_TIME, registry.STAGE2_IN_TIME, registry.OWN_STAGE2_PER_10K,
                registry.RECEIVED_PER_10K)


def code_applies(year: ReportingYear) -> tuple[bool, bool]:
    """Whether councils assess themselves against the Code for `year` (from 2024-25), and whether we applied it
    in the year's investigations (decisions from 1 April 2026): one query, however many editions."""
    first = Edition.objects.aggregate(returns=Min("first_return_year"), starts=Min("starts"))
    return (first["returns"] is not None and first["returns"] <= year.start_year,
            first["starts"] is not None and first["starts"] <= year.last_day)


def public_returns(statistics: YearStatistics) -> ReturnsYear:
    """The councils' own figures of the year from the returns a publisher accepted, pooled for similar
    authorities and the nation."""
    year = statistics.year.start_year
    return returns_year(statistics, fetch_returns(Version.objects.public(), year))


@dataclass(frozen=True)
class Departure:
    """A provision the council says it does not follow, or follows only in part, and its explanation."""

    provision: Provision
    answer: str  # `Answer`'s value
    label: str  # and its label
    explanation: str  # empty when withheld
    withheld: bool


@dataclass(frozen=True)
class Return:
    """A council's accepted return: when we received it, what it answers and where its report is."""

    received: datetime.date
    report_url: str
    answers: list[tuple[str, int]]  # (answer's label, provisions so answered), in the order of `Answer`
    departures: list[Departure]

    @property
    def answers_table(self) -> Table:
        head = ((Cell("Answer", header=True), Cell("Provisions", header=True)),)
        body = tuple((Cell(label, header=True, scope="row"), Cell(number(count))) for label, count in self.answers)
        return Table("The council's answers", 2, head, body, widths=(3, 2))


def explanation(text: str) -> tuple[str, bool]:
    """A council's explanation as the public may read it, and whether it is withheld (the guard found
    something in it)."""
    if guard.check_text(text):
        return "", True
    return text.strip(), False


def accepted_return(authority, year: ReportingYear) -> Return | None:
    """The council's return for `year` as published (its accepted version only), or None."""
    assessment = (SelfAssessment.objects.public().filter(authority=authority, year=year.start_year)
                  .select_related("accepted_version").first())
    if assessment is None:
        return None
    version = assessment.accepted_version
    answers = list(ProvisionAnswer.objects.public().filter(version=version).select_related("provision")
                   .order_by("provision__section", "provision__item"))
    counted = Counter(answer.answer for answer in answers)
    departures = [Departure(answer.provision, answer.answer, answer.get_answer_display(),
                            *explanation(answer.explanation))
                  for answer in answers if answer.answer != Answer.FOLLOWS]
    return Return(timezone.localtime(version.submitted_at).date(), version.report_url,
                  [(label, counted[value]) for value, label in Answer.choices], departures)


def figures_table(authority, own: ReturnFigures, similar: ReturnFigures, year: ReportingYear) -> Table:
    """The council's own figures beside ours (complaints reaching us per 10,000 residents) and beside the
    pooled figures of similar authorities with a published return."""
    group = authority.get_type_display()
    head = ((Cell("Figure", header=True), Cell(authority.short_name, header=True),
             Cell(f"Similar authorities ({group}, pooled)", header=True), Cell("Base", header=True)),)
    counts = tuple((Cell(label, header=True, scope="row"), Cell(number(getattr(own, name))),
                    Cell(number(getattr(similar, name))), Cell("A count, from the council's return"))
                   for label, name in OWN_COUNTS)
    measures = tuple((Cell(measure.label, header=True, scope="row"), Cell(measure.display(own)),
                      Cell(measure.display(similar)), Cell(measure.base_cell(own, year)))
                     for measure in OWN_MEASURES)
    return Table(f"{authority.short_name}'s own complaint figures, {year.label}", 4, head, counts + measures,
                 widths=(4, 2, 3, 5))


@dataclass(frozen=True)
class Failures:
    """The Code failures we found in the year's upheld complaints about the council (as released)."""

    share: Table
    found: list[tuple[Provision, int]]  # (provision, upheld decisions finding it not followed), most often first
    caption: str

    @property
    def by_provision(self) -> Table | None:
        """None where we found none."""
        return provision_table(self.caption, self.found)


def failures_section(statistics: YearStatistics, council: CouncilYear) -> Failures:
    authority, measure = council.authority, registry.CODE_FAILURE_SHARE
    similar = statistics.similar(council)
    head = ((Cell("Measure", header=True), Cell(authority.short_name, header=True),
             Cell(f"Similar authorities ({authority.get_type_display()}, pooled)", header=True),
             Cell("Base", header=True)),)
    share = Table(f"Code failures found, {statistics.year.label}", 4, head,
                  ((Cell(measure.label, header=True, scope="row"), Cell(measure.display(council)),
                    Cell(measure.display(similar)), Cell(measure.base_cell(council, statistics.year))),),
                  widths=(4, 2, 3, 5))
    return Failures(share,
                    failures_by_provision(council.code_failures, Provision.objects.all()),
                    f"Code failures by provision, {authority.short_name} {statistics.year.label}")


def provision_table(caption: str, found: list[tuple[Provision, int]]) -> Table | None:
    """Upheld decisions finding each provision not followed (`failures_by_provision`); None when none."""
    if not found:
        return None
    head = ((Cell("Provision", header=True), Cell("Upheld decisions", header=True)),)
    return Table(caption, 2, head, tuple((Cell(str(provision), header=True, scope="row"), Cell(number(count)))
                                         for provision, count in found), widths=(5, 2))


@dataclass(frozen=True)
class CodeSection:
    """A council's Complaint Handling Code section for a year: its return (if one is published), its own
    figures beside ours, and the Code failures we found (from 2026-27)."""

    year: ReportingYear
    due: datetime.date | None  # when the year's returns are due; None before the first return year
    returned: Return | None
    figures: Table | None
    failures: Failures | None

    @property
    def none_published(self) -> str:
        return f"No self-assessment published for {self.year.label}."

    @property
    def due_text(self) -> str:
        tense = "were" if self.due < timezone.localdate() else "are"
        return f"Self-assessments for {self.year.label} {tense} due by {long_date(self.due)}."


def code_section(statistics: YearStatistics, council: CouncilYear) -> CodeSection | None:
    """The council's Code section of the year; None for a year before the Code (no return, no failures)."""
    year, authority = statistics.year, council.authority
    returns, failures = code_applies(year)
    if not (returns or failures):
        return None
    returned = accepted_return(authority, year) if returns else None
    figures = None
    if returned is not None:
        own = public_returns(statistics)
        figures = figures_table(authority, own.councils[authority.gss], own.similar(authority), year)
    return CodeSection(year, ReturnDeadline.due_for(year.start_year) if returns else None, returned, figures,
                       failures_section(statistics, council) if failures else None)


def questions(section: CodeSection | None) -> list[str]:
    """Questions for councillors from the provisions the council says it does not (fully) follow and from the
    Code failures we found, in our own words."""
    if section is None:
        return []
    asked = []
    for departure in section.returned.departures if section.returned else []:
        provision = departure.provision
        if departure.answer == Answer.DOES_NOT_FOLLOW:
            asked.append(f"The council says it does not follow {provision.number} ({provision.title}). What stops "
                         "it, what would it take to follow it, and by when?")
        else:
            asked.append(f"The council says it follows {provision.number} ({provision.title}) only in part. Which "
                         "part is missing, and what is the plan to close the gap?")
    for provision, count in section.failures.found if section.failures else []:
        asked.append(f"We found the council did not follow {provision.number} ({provision.title}) in "
                     f"{counted(count, plural('upheld complaint'))}. What has it changed since, and how does it know "
                     "the change is working?")
    return asked


# The national review -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NationalCode:
    year: ReportingYear
    returned: int  # councils of the year with a published return
    councils: int  # councils of the year
    returns_apply: bool  # councils assess themselves for the year (from 2024-25)
    not_followed: Table | None  # provisions most often not (fully) followed; None when no return says so
    failures_apply: bool  # we applied the Code in the year's investigations (from 2026-27)
    failures: Table | None  # Code failures by provision; None before the Code applied or where none


def not_followed_table(found: list[NotFollowed], year: ReportingYear) -> Table | None:
    if not found:
        return None
    head = ((Cell("Rank", header=True), Cell("Provision", header=True), Cell("Councils not following", header=True),
             Cell("Councils partly following", header=True), Cell("Together", header=True)),)
    body, rank, before = [], 0, None
    for place, entry in enumerate(found, start=1):
        if entry.councils != before:
            rank, before = place, entry.councils
        body.append((Cell(number(rank)), Cell(str(entry.provision), header=True, scope="row"),
                     Cell(number(entry.does_not_follow)), Cell(number(entry.partly)), Cell(number(entry.councils))))
    return Table(f"Provisions most often not followed, {year.label}", 5, head, tuple(body), widths=(1, 6, 2, 2, 2))


def national_code(statistics: YearStatistics) -> NationalCode | None:
    """The year's returns received (published), the provisions councils most often say they do not follow,
    and the Code failures we found by provision; None for a year before the Code."""
    year = statistics.year
    returns, failures = code_applies(year)
    if not (returns or failures):
        return None
    ids = [council.authority.id for council in statistics.councils]
    returned = SelfAssessment.objects.public().filter(year=year.start_year, authority_id__in=ids).count()
    answers = (ProvisionAnswer.objects.public()
               .filter(version__assessment__year=year.start_year, version__assessment__authority_id__in=ids)
               .values_list("provision_id", "answer"))
    return NationalCode(
        year, returned, len(ids), returns,
        not_followed_table(not_followed_by_provision(answers, Provision.objects.all()), year), failures,
        provision_table(f"Code failures by provision, all councils {year.label}",
                        failures_by_provision(statistics.national.code_failures, Provision.objects.all()))
        if failures else None)
