"""What a councillor's scrutiny page and pack say about one council in one released year.

Page and pack are drawn from one `Scrutiny`, so they cannot disagree, and every figure in it comes
from the same objects as the public council page: the published year's statistics (`published()`,
so an embargoed year is a 404 here exactly as there), the letters' tables and the council page's
measures (`publication.council_figures`), formatted, never recomputed. The rest is public material
already on the site: letters, published decision statements, service improvements agreed, public
interest reports with the council's response, and the questions staff curate in focus reports.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Category
from upheld.decisions.models import FocusReport, PublicInterestReport, Statement, StatementOutcome
from upheld.decisions.reports import Duty, duty_of, focus_reports_for, reports_for
from upheld.decisions.search import SearchParams
from upheld.demo.marking import DEMONSTRATION, is_demonstration, notice
from upheld.letters.formats import number
from upheld.letters.models import LetterText
from upheld.letters.reports import Cell, Table, overview_table
from upheld.publication import code_sections, council_figures, revisions, service_improvements
from upheld.publication.caveats import caveat
from upheld.publication.service_improvements import Improvement
from upheld.releases.published import PublishedYears
from upheld.stats.annual import CouncilYear, Figures, YearStatistics
from upheld.stats.registry import HEADLINE, UPHOLD_RATE
from upheld.stats.wording import counted, plural
from upheld.years import ReportingYear

DECISIONS_SHOWN = 10


@dataclass(frozen=True)
class Decisions:
    """The newest published upheld decisions of the year (at most `DECISIONS_SHOWN`) and how many there are."""

    shown: list[Statement]
    total: int
    search_query: str  # the decision search for all of them


@dataclass(frozen=True)
class ReportResponse:
    report: PublicInterestReport
    duty: Duty


@dataclass(frozen=True)
class FocusQuestions:
    report: FocusReport
    questions: list[str]


@dataclass(frozen=True)
class QuestionArea:
    """Suggested questions for one category of complaint, with how many complaints of the year were in it."""

    category: str  # its label
    complaints: int
    focus: list[FocusQuestions]

    @property
    def heading(self) -> str:
        return f"{self.category}: {counted(self.complaints, plural('complaint'))} received"


@dataclass(frozen=True)
class Scrutiny:
    authority: Authority
    year: ReportingYear
    years: list[ReportingYear]  # every released year with figures for the council, newest first
    council: CouncilYear
    group: str  # the council's comparison group, e.g. Metropolitan Boroughs
    tables_layout: bool
    figures: list[Table]  # the council page's tables of the year
    uphold: list[str]  # tables years: the uphold rate, its interval and base, as the council page words them
    comparison: Table
    caveat: str | None
    revision: revisions.Notice | None
    letters: list[ReportingYear]
    decisions: Decisions
    improvements: list[tuple[str, list[Improvement]]]
    reports: list[ReportResponse]
    questions: list[QuestionArea]
    code: code_sections.CodeSection | None  # the council page's Complaint Handling Code section (from 2024-25)
    today: datetime.date
    demonstration: bool  # the figures are demonstration data (`upheld.demo.marking`)

    @property
    def marking(self) -> str:
        """What the pack says on every page when its figures are synthetic; empty for a real pack."""
        return notice("a real scrutiny pack") if self.demonstration else ""

    @property
    def code_questions(self) -> list[str]:
        """Questions from the provisions the council says it does not (fully) follow and the Code failures we
        found."""
        return code_sections.questions(self.code)

    @property
    def is_latest(self) -> bool:
        return self.year == self.years[0]

    @property
    def decisions_intro(self) -> str:
        shown, total, label = len(self.decisions.shown), self.decisions.total, self.year.label
        if shown == total:
            return f"The {counted(total, plural('published upheld decision'))} we made about the council in {label}."
        return f"The newest {shown} of the {number(total)} published upheld decisions we made about the council in " \
               f"{label}."

    @property
    def title(self) -> str:
        title = f"Scrutiny pack: {self.authority.name}, {self.year.label}"
        return f"{DEMONSTRATION}: {title}" if self.demonstration else title


def scrutiny_for(public: PublishedYears, slug: str, label: str | None, today: datetime.date) -> Scrutiny:
    """The council's scrutiny content for the released year `label` (by default its newest); 404 otherwise."""
    authority = get_object_or_404(Authority, slug=slug)
    council_years = public.council_years(authority.gss)
    if not council_years:
        raise Http404("no published figures for this council")
    year = public.year(label) if label else next(iter(council_years))
    if year not in council_years:
        raise Http404("the council has no figures for that year")
    council, statistics = council_years[year], public.statistics(year)
    tables_layout = council_figures.uses_tables(year)
    return Scrutiny(
        authority=authority,
        year=year,
        years=list(council_years),
        council=council,
        group=authority.get_type_display(),
        tables_layout=tables_layout,
        figures=(council_figures.tables(statistics, council) if tables_layout
                 else [overview_table(council), measures_table(statistics, council)]),
        uphold=uphold_lines(council) if tables_layout else [],
        comparison=comparison_table(statistics, council),
        caveat=caveat(year),
        revision=revisions.notice(public.versions[year], authority),
        letters=letter_years(list(council_years)),
        decisions=upheld_decisions(authority, year, today),
        improvements=service_improvements.agreed(authority, year, today),
        reports=[ReportResponse(report, duty_of(report, today)) for report in reports_for(authority, today=today)],
        questions=suggested_questions(council, today),
        code=code_sections.code_section(statistics, council),
        today=today,
        demonstration=is_demonstration(),
    )


# Figures -------------------------------------------------------------------------------------------------------

def uphold_lines(council: CouncilYear) -> list[str]:
    """The uphold rate of a tables year as the council page gives it: the rate, its interval, its base."""
    lines = [f"Uphold rate: {council.uphold_rate.display()}"]
    if council.uphold_rate.denominator:
        lines.append(f"95% interval: {council.uphold_rate.interval_display()}")
    lines.append(UPHOLD_RATE.based_on(council, council.year))
    if too_few := UPHOLD_RATE.too_few(council):
        lines.append(too_few)
    return lines


def measures_table(statistics: YearStatistics, council: CouncilYear) -> Table:
    """The council page's "Key measures" table (the measures of `council_figures.measures`)."""
    group = council.authority.get_type_display()
    head = tuple(Cell(text, header=True) for text in (
        "Measure", council.authority.short_name, "95% interval", f"Similar authorities ({group}, pooled)", "Base"))
    body = tuple((Cell(m.name, header=True, scope="row"), Cell(m.value), Cell(m.interval), Cell(m.average),
                  Cell(m.base_cell))
                 for m in council_figures.measures(statistics, council))
    return Table("Key measures", 5, (head,), body, widths=(4, 2, 3, 3, 5))


COMPARISON_COLUMNS = ("Complaints received", "Decisions", "Detailed investigations", "Upheld",
                      *(measure.short_label for measure in HEADLINE))


def _comparison_row(name: str, figures: Figures) -> tuple[Cell, ...]:
    values = (number(figures.received_total), number(figures.decisions_total),
              number(figures.detailed_investigations), number(figures.upheld),
              *(measure.display(figures) for measure in HEADLINE))
    return (Cell(name, header=True, scope="row"), *(Cell(value) for value in values))


def comparison_table(statistics: YearStatistics, council: CouncilYear) -> Table:
    """The council's row of the council page's table of years, beside its group's pooled figures."""
    group = council.authority.get_type_display()
    return Table(
        f"{council.authority.short_name} and similar authorities, {statistics.year.label}",
        len(COMPARISON_COLUMNS) + 1,
        ((Cell("Council or group", header=True), *(Cell(text, header=True) for text in COMPARISON_COLUMNS)),),
        (_comparison_row(council.authority.short_name, council),
         _comparison_row(f"Similar authorities ({group}, pooled)", statistics.similar(council))),
        widths=(4, *(2,) * len(COMPARISON_COLUMNS)),
    )


# Letters, decisions, reports ----------------------------------------------------------------------------------

def letter_years(years: list[ReportingYear]) -> list[ReportingYear]:
    """The released years, newest first, for which an annual review letter was written (as on the council page)."""
    written = set(LetterText.objects.filter(year__in=[year.start_year for year in years])
                  .values_list("year", flat=True))
    return [year for year in years if year.start_year in written]


def upheld_decisions(authority: Authority, year: ReportingYear, today: datetime.date) -> Decisions:
    """The council's published upheld decisions made in the year, newest first (only what the decision
    search would show today: `Statement.objects.public`)."""
    search = SearchParams(council=authority, outcome=StatementOutcome.UPHELD, date_from=year.first_day,
                          date_to=year.last_day)
    found = Statement.objects.public(today).filter(search.filters())
    return Decisions(list(found.order_by("-decided", "-id")[:DECISIONS_SHOWN]), found.count(), search.query_string())


def suggested_questions(council: CouncilYear, today: datetime.date) -> list[QuestionArea]:
    """The published focus reports' questions for the categories the council's complaints of the year were in,
    the category with the most complaints first (ties in the letters' order of categories).

    A question belongs to its focus report, and the report to its categories (`FocusReportTopic`); a report
    on several categories is given once, under the one with the most of the council's complaints. A report
    dated after `today` is not public yet, so neither are its questions.
    """
    received = council.counts.received
    ranked = sorted((category for category in Category.values if received[category]),
                    key=lambda category: -received[category])
    placed: dict[str, list[FocusQuestions]] = {}
    for report in focus_reports_for(*ranked, today=today):
        if not report.questions.all():
            continue
        home = min((topic.category for topic in report.topics.all() if topic.category in ranked), key=ranked.index)
        placed.setdefault(home, []).append(FocusQuestions(report, [q.text for q in report.questions.all()]))
    labels = dict(Category.choices)
    return [QuestionArea(labels[category], received[category], placed[category])
            for category in ranked if category in placed]
