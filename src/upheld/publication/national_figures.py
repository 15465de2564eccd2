"""What the national annual review shows, as plain values for its template: the year's totals, the
breakdowns by service area, council type and region, the national rates, the series since the first
published year, and the funnel plot that tells councils that differ from the national rate from
those whose rate is noise (exact binomial limits, and no verdict on too few cases). Every figure is
read from `upheld.stats` objects.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from upheld.authorities.models import AuthorityType
from upheld.casework.vocabulary import Category
from upheld.publication.caveats import caveat
from upheld.publication.charts import FunnelPlot, FunnelPoint, LineChart, funnel_plot, rate_trend
from upheld.publication.council_figures import Measure, Previous, figure
from upheld.stats import registry
from upheld.stats.annual import CouncilYear, Figures, YearStatistics
from upheld.stats.funnel import Position
from upheld.stats.measures import MINIMUM_BASE, Rate
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


def rates(statistics: YearStatistics, previous: Previous | None = None) -> list[Measure]:
    """The national rates of the year, each with its interval and base, and beside the year before's
    where `previous` gives it."""
    return [figure(measure, statistics.national, statistics.year, what=f"{measure.label}, all councils",
                   previous=previous)
            for measure in registry.HEADLINE if measure.is_rate]


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
    judged: int  # councils with at least `MINIMUM_BASE` detailed investigations
    too_few: int  # councils with some detailed investigations, but too few to compare
    minimum_base: int = MINIMUM_BASE


def funnel(statistics: YearStatistics) -> Funnel:
    councils = statistics.councils
    target = statistics.national.uphold_rate
    plot = funnel_plot(
        f"Funnel plot: uphold rate of each council against its number of detailed investigations in "
        f"{statistics.year.label}, with exact 95% and 99.8% control limits around the national rate of "
        f"{target.display()}, from {MINIMUM_BASE} detailed investigations",
        target, [(council.authority.short_name, council.uphold_rate) for council in councils])
    plotted = [council for council in councils if council.detailed_investigations]
    outside = [(council, point) for council, point in zip(plotted, plot.points, strict=True)
               if not point.too_few and point.position_95 is not Position.WITHIN]
    outside.sort(key=lambda pair: (-pair[1].position_998, -pair[1].position_95, -pair[1].rate.exact,
                                   pair[0].authority.short_name))
    too_few = sum(point.too_few for point in plot.points)
    return Funnel(plot, outside, len(plotted) - too_few, too_few)
