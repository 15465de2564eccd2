"""What a council's page shows, as plain values for its template: the year's figures in the layout
of that year, and the council's trend over every published year.

To 2017-18 a year is shown as the letters showed it then: the received, decisions and remedied
tables (the very `Table`s of `upheld.letters.reports`, so page and letter cannot differ). From
2018-19 it is the three measures, each beside the pooled average of similar authorities and with
its base, and the overview of decisions. Every figure is read from `upheld.stats` objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from upheld.letters.formats import number, per_100k, period
from upheld.letters.reports import (
    FIRST_REMEDIED_YEAR,
    LAST_TABLES_YEAR,
    Table,
    decisions_table,
    received_table,
    remedied_table,
)
from upheld.publication.caveats import caveat
from upheld.publication.charts import IntervalBar, LineChart, interval_bar, rate_trend
from upheld.stats.annual import CouncilYear, Figures, YearStatistics
from upheld.stats.measures import Rate
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
    interval: str  # the 95% interval in words, or "" where the measure has none
    average: str
    base: str
    bar: IntervalBar | None


def based_on(count: int, what: str, year: ReportingYear) -> str:
    return f"Based on {number(count)} {what} between {period(year, 'and')}"


def population_base(council: CouncilYear) -> str:
    if not council.population:
        return "Population not known"
    return f"Based on {number(council.upheld)} upheld decisions and a population of {number(council.population)} " \
           f"({council.population_estimate})"


def _rate_measure(name: str, meaning: str, rate: Rate, average: Rate, group: str, base: str) -> Measure:
    return Measure(name, meaning, rate.display(), rate.interval_display() if rate.denominator else "",
                   average.display(), base,
                   interval_bar(rate, name, average, f"average for similar authorities ({pooled(group)})"))


def measures(statistics: YearStatistics, council: CouncilYear) -> list[Measure]:
    """The three measures of 2018-19 on (complaints upheld also per 100,000 residents)."""
    year, similar = statistics.year, statistics.similar(council)
    group = council.authority.get_type_display()
    return [
        _rate_measure("Complaints upheld", "How often we found fault when we investigated in detail",
                      council.uphold_rate, similar.uphold_rate, group,
                      based_on(council.detailed_investigations, "detailed investigations", year)),
        Measure("Upheld decisions per 100,000 residents", "Upheld complaints for the size of the population",
                per_100k(council.upheld_per_100k), "", per_100k(similar.upheld_per_100k),
                population_base(council), None),
        _rate_measure("Compliance with recommendations", "How often the council did what we recommended",
                      council.compliance_rate, similar.compliance_rate, group,
                      based_on(council.compliance_rate.denominator, "compliance outcomes", year)),
        _rate_measure("Satisfactory remedy provided by the council",
                      "How often the council had already put things right before the complaint reached us",
                      council.satisfactory_remedy_rate, similar.satisfactory_remedy_rate, group,
                      based_on(council.upheld, "upheld decisions", year)),
    ]


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


def uphold_bar(council: CouncilYear) -> IntervalBar | None:
    """The uphold rate of the tables years with its interval (those letters had no comparison)."""
    return interval_bar(council.uphold_rate, "Uphold rate")

