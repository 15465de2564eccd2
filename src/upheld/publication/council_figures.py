"""What a council's page shows, as plain values for its template: the year's figures in the layout
of that year, and the council's trend over every published year.

To 2017-18 a year is shown as the letters showed it then: the received, decisions and remedied
tables (the very `Table`s of `upheld.letters.reports`, so page and letter cannot differ). From
2018-19 it is the three measures, each beside the pooled average of similar authorities and with
its base, marked where the base is too small to compare, beside the year before where the two
compare, and the overview of decisions. Every figure, word and test is read from `upheld.stats`
(the measures of `upheld.stats.registry`).
"""

from __future__ import annotations

from dataclasses import dataclass

from upheld.letters.reports import (
    FIRST_REMEDIED_YEAR,
    LAST_TABLES_YEAR,
    Table,
    decisions_table,
    received_table,
    remedied_table,
)
from upheld.publication.caveats import caveat, comparable
from upheld.publication.charts import IntervalBar, LineChart, interval_bar, rate_trend
from upheld.stats import registry
from upheld.stats.annual import CouncilYear, Figures, YearStatistics
from upheld.stats.change import Change, Verdict
from upheld.stats.funnel import TAIL_95, TAIL_998, described, position
from upheld.stats.wording import NO_INTERVAL
from upheld.years import ReportingYear


def uses_tables(year: ReportingYear) -> bool:
    """Whether the year is shown in the letters' tables layout (to 2017-18) rather than the three measures."""
    return year.start_year <= LAST_TABLES_YEAR


def pooled(group: str) -> str:
    """How an average of similar authorities is made, in the words every page uses."""
    return f"the pooled rate of all {group}"


@dataclass(frozen=True)
class Measure:
    name: str
    meaning: str  # what the figure answers, in a line
    value: str
    interval: str  # the 95% interval in words: "-" where no cases, `NO_INTERVAL` where the measure has none
    average: str
    base: str
    base_cell: str  # the base as a table gives it, with the small-base mark
    bar: IntervalBar | None
    too_few: str = ""  # "Too few cases to compare: fewer than 10 …" where the base is small, else ""
    national: str = ""  # the uphold rate's place against the national funnel limits, else ""
    since: registry.Since | None = None  # beside the year before, where it compares


@dataclass(frozen=True)
class Previous:
    """The year before the one shown, with its figures (None where it has none), and whether the two compare."""

    year: ReportingYear
    figures: Figures | None
    compares: bool

    def since(self, measure: registry.Measure, figures: Figures) -> registry.Since | None:
        if self.figures is None:
            return None
        if not self.compares:
            return registry.Since(f"Not compared with {self.year.label}",
                                  "The two years' figures do not compare directly: see the note on this page.",
                                  Change(Verdict.NOT_APPLICABLE))
        return measure.since(self.figures, figures, self.year)


def previous_year(year: ReportingYear, figures_of: dict[ReportingYear, Figures]) -> Previous:
    """The year before `year`, with its figures from `figures_of` where there are some."""
    earlier = ReportingYear(year.start_year - 1)
    return Previous(earlier, figures_of.get(earlier), comparable(year))



def figure(measure: registry.Measure, figures: Figures, year: ReportingYear, *, average: Figures | None = None,
           average_name: str = "", what: str = "", previous: Previous | None = None,
           national: Figures | None = None) -> Measure:
    """One measure of `figures` (a council's, or the nation's) as a page shows it: the figure, its interval,
    the `average` it is compared with, its base, the small-base flag, its place against the `national`
    funnel limits (the uphold rate of a council) and how it moved since the `previous` year."""
    reading = measure.read(figures)
    place = ""
    if national is not None and measure is registry.UPHOLD_RATE and not measure.small_base(figures):
        target = national.uphold_rate
        place = described(position(reading, target, TAIL_95), position(reading, target, TAIL_998))
    bar = None
    if measure.is_rate:
        bar = interval_bar(reading, what or measure.label, measure.read(average) if average is not None else None,
                           average_name)
    return Measure(
        measure.label, measure.meaning, measure.display(figures),
        reading.interval_display() if measure.is_rate else NO_INTERVAL,
        measure.display(average) if average is not None else "", measure.based_on(figures, year),
        measure.base_cell(figures, year), bar, too_few=measure.too_few(figures), national=place,
        since=previous.since(measure, figures) if previous else None,
    )


def measures(statistics: YearStatistics, council: CouncilYear,
             previous: Previous | None = None) -> list[Measure]:
    """The headline measures of 2018-19 on (complaints upheld, also per 100,000 residents), each beside the
    average for similar authorities and, where `previous` gives the year before, its figure then."""
    similar = statistics.similar(council)
    average_name = f"average for similar authorities ({pooled(council.authority.get_type_display())})"
    return [figure(measure, council, statistics.year, average=similar, average_name=average_name,
                   previous=previous, national=statistics.national)
            for measure in registry.HEADLINE]


def tables(statistics: YearStatistics, council: CouncilYear) -> list[Table]:
    """The letters' tables of the year: received and decisions, and from 2015-16 remedied."""
    found = [received_table(council), decisions_table(council)]
    if statistics.year.start_year >= FIRST_REMEDIED_YEAR:
        found.append(remedied_table(council))
    return found


@dataclass(frozen=True)
class TrendRow:
    year: ReportingYear
    figures: Figures
    similar: Figures
    caveat: bool
    from_letter: bool = False  # imported from the year's published letter: no page, no similar-authorities average


@dataclass(frozen=True)
class Trend:
    rows: list[TrendRow]  # oldest first
    chart: LineChart
    group: str

    @property
    def from_letters(self) -> bool:
        return any(row.from_letter for row in self.rows)


def trend(council_years: dict[ReportingYear, CouncilYear], statistics_of,
          from_letters: dict[ReportingYear, CouncilYear] | None = None) -> Trend:
    """The council's figures in every published year it appears in, beside its group's, oldest first.

    `statistics_of(year)` gives a year's published statistics (for the similar-authorities average).
    `from_letters` adds the years known only from the published letters (`LetterHistory`); a year with
    published figures shows those instead.
    """
    rows = [TrendRow(year, council, statistics_of(year).similar(council), caveat(year) is not None)
            for year, council in council_years.items()]
    rows += [TrendRow(year, council, Figures(), caveat(year) is not None, from_letter=True)
             for year, council in (from_letters or {}).items() if year not in council_years]
    rows.sort(key=lambda row: row.year)
    latest = rows[-1].figures.authority
    group = latest.get_type_display()
    labels = [row.year.label for row in rows]
    chart = rate_trend(
        f"Complaints upheld by {latest.short_name} each year, with 95% intervals, and {pooled(group)}",
        labels,
        [(latest.short_name, [row.figures.uphold_rate for row in rows]),
         (f"Similar authorities ({group})", [row.similar.uphold_rate for row in rows])],
    )
    return Trend(rows, chart, group)


def uphold(statistics: YearStatistics, council: CouncilYear, previous: Previous | None = None) -> Measure:
    """The uphold rate of the tables years, with its interval, its place against the national limits and the
    year before (those letters had no comparison with similar authorities)."""
    return figure(registry.UPHOLD_RATE, council, statistics.year, what="Uphold rate", previous=previous,
                  national=statistics.national)

