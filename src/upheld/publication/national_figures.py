"""What the national annual review shows, as plain values for its template: the year's totals, the
breakdowns by service area, council type and region, the national rates, the series since the first
published year, and the funnel plot that tells councils that differ from the national rate from
those whose rate is noise. Every figure is read from `upheld.stats` objects.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from upheld.authorities.models import AuthorityType
from upheld.casework.vocabulary import Category
from upheld.publication.caveats import caveat
from upheld.publication.charts import FunnelPlot, FunnelPoint, LineChart, funnel_plot, interval_bar, rate_trend
from upheld.publication.council_figures import Measure, based_on
from upheld.stats.annual import CouncilYear, Figures, YearStatistics
from upheld.stats.funnel import Position
from upheld.stats.measures import Rate
from upheld.years import ReportingYear


@dataclass(frozen=True)
class Share:
    name: str
    count: int
    share: Rate  # of the year's total


@dataclass(frozen=True)
class Group:
    name: str
    councils: int
    figures: Figures


def rates(statistics: YearStatistics) -> list[Measure]:
    national, year = statistics.national, statistics.year
    rows = (
        ("Complaints upheld", "How often we found fault when we investigated in detail", national.uphold_rate,
         based_on(national.detailed_investigations, "detailed investigations", year)),
        ("Compliance with recommendations", "How often councils did what we recommended", national.compliance_rate,
         based_on(national.compliance_rate.denominator, "compliance outcomes", year)),
        ("Satisfactory remedy provided by the council",
         "How often the council had already put things right before the complaint reached us",
         national.satisfactory_remedy_rate, based_on(national.upheld, "upheld decisions", year)),
    )
    return [Measure(name, meaning, rate.display(), rate.interval_display() if rate.denominator else "", "", base,
                    interval_bar(rate, f"{name}, all councils"))
            for name, meaning, rate, base in rows]


def by_category(statistics: YearStatistics) -> list[Share]:
    """Complaints and enquiries received by service area, with each area's share of the total."""
    national = statistics.national
    received, total = national.counts.received, national.received_total
    return [Share(label, received[value], Rate(received[value], total)) for value, label in Category.choices]


def by_type(statistics: YearStatistics) -> list[Group]:
    councils = Counter(council.authority.type for council in statistics.councils)
    return [Group(label, councils[value], statistics.groups[value]) for value, label in AuthorityType.choices]


def by_region(statistics: YearStatistics) -> list[Group]:
    councils = Counter(council.authority.region for council in statistics.councils)
    return [Group(region, councils[region], figures) for region, figures in statistics.by_region.items()]


@dataclass(frozen=True)
class SeriesRow:
    year: ReportingYear
    figures: Figures
    caveat: bool


def series(years: list[ReportingYear], statistics_of) -> tuple[list[SeriesRow], LineChart]:
    """The national figures of every published year, oldest first, and the chart of their three rates."""
    rows = [SeriesRow(year, statistics_of(year).national, caveat(year) is not None) for year in sorted(years)]
    chart = rate_trend(
        "National rates each year: complaints upheld (with 95% intervals), compliance with recommendations "
        "and satisfactory remedy by the council",
        [row.year.label for row in rows],
        [("Complaints upheld", [row.figures.uphold_rate for row in rows]),
         ("Compliance with recommendations", [row.figures.compliance_rate for row in rows]),
         ("Satisfactory remedy by the council", [row.figures.satisfactory_remedy_rate for row in rows])],
    )
    return rows, chart


@dataclass(frozen=True)
class Funnel:
    plot: FunnelPlot
    outside: list[tuple[CouncilYear, FunnelPoint]]  # beyond the 95% limits, furthest above first
    judged: int  # councils with at least one detailed investigation


def funnel(statistics: YearStatistics) -> Funnel:
    councils = statistics.councils
    target = statistics.national.uphold_rate
    plot = funnel_plot(
        f"Funnel plot: uphold rate of each council against its number of detailed investigations in "
        f"{statistics.year.label}, with 95% and 99.8% control limits around the national rate of {target.display()}",
        target, [(council.authority.short_name, council.uphold_rate) for council in councils])
    judged = [council for council in councils if council.detailed_investigations]
    outside = [(council, point) for council, point in zip(judged, plot.points, strict=True)
               if point.position_95 is not Position.WITHIN]
    outside.sort(key=lambda pair: (-pair[1].position_998, -pair[1].position_95, -pair[1].rate.exact,
                                   pair[0].authority.short_name))
    return Funnel(plot, outside, len(judged))
