"""The statistics page of a letter, in the layout of its year.

To 2017-18 the page is the "Local Authority Report" of the reference letter:
complaints and enquiries received by category, decisions by outcome with the
uphold rate, and from 2015-16 the complaints remedied. From 2018-19 it gives
the three measures (complaints upheld, with upheld decisions per 100,000
residents; compliance with recommendations; satisfactory remedy by the
council), each beside the similar-authorities average and its base, and an
overview of the decisions. Every figure is read from the year's statistics
(`upheld.stats`), the same objects `upheld stats --json` prints, and
formatted here; nothing here computes a rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from upheld.casework.vocabulary import DETAILED_INVESTIGATIONS, Category, Outcome
from upheld.letters.formats import number, per_100k, period
from upheld.letters.merge import Block
from upheld.stats.annual import CouncilYear, YearStatistics

LAST_TABLES_YEAR = 2017  # 2017-18: the last year of the received/decisions tables
FIRST_REMEDIED_YEAR = 2015  # 2015-16: the first year with the complaints remedied table


@dataclass(frozen=True)
class Cell:
    text: str
    header: bool = False
    scope: str = "col"  # of a header cell: "col", "colgroup" or "row"
    colspan: int = 1
    rowspan: int = 1

    @property
    def is_figure(self) -> bool:
        """A number, a rate or "-": set right-aligned so that figures line up."""
        return not self.header and re.fullmatch(r"[\d.,%-]+", self.text) is not None


@dataclass(frozen=True)
class Table:
    caption: str
    columns: int
    head: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...] = ()  # relative column widths on paper; equal when empty
    is_table = True  # tells a table from a Block among a page's parts, in templates too

    def body_texts(self) -> list[list[str]]:
        return [[cell.text for cell in row] for row in self.body]


@dataclass(frozen=True)
class Report:
    heading: str
    subheading: str
    parts: tuple[Block | Table, ...]


def _headers(*texts: str) -> tuple[Cell, ...]:
    return tuple(Cell(text, header=True) for text in texts)


def _data(*texts: str) -> tuple[Cell, ...]:
    return tuple(Cell(text) for text in texts)


def _simple_table(caption: str, headers: list[str], values: list[str]) -> Table:
    """One header row over one row of figures."""
    return Table(caption, len(headers), (_headers(*headers),), (_data(*values),))


def received_table(council: CouncilYear) -> Table:
    received = council.counts.received
    return _simple_table(
        "Complaints and enquiries received",
        [*Category.labels, "Total"],
        [*(number(received[category]) for category in Category.values), number(council.received_total)],
    )


def decisions_table(council: CouncilYear) -> Table:
    """Decisions by outcome, with Not Upheld and Upheld grouped as the detailed investigations."""
    decisions = council.counts.decisions
    assessed = [outcome for outcome in Outcome if outcome not in DETAILED_INVESTIGATIONS]
    first_row = (
        *(Cell(outcome.label, header=True, rowspan=2) for outcome in assessed),
        Cell("Detailed Investigations", header=True, scope="colgroup", colspan=2),
        Cell("Uphold Rate", header=True, rowspan=2),
        Cell("Total", header=True, rowspan=2),
    )
    return Table(
        "Decisions made", len(Outcome) + 2,
        (first_row, _headers(*(outcome.label for outcome in DETAILED_INVESTIGATIONS))),
        (_data(*(number(decisions[outcome]) for outcome in [*assessed, *DETAILED_INVESTIGATIONS]),
               council.uphold_rate.display(), number(council.decisions_total)),),
    )


def remedied_table(council: CouncilYear) -> Table:
    return _simple_table(
        "Complaints remedied",
        ["By the Ombudsman", "Satisfactorily by the authority before the Ombudsman's involvement"],
        [number(council.remedied_by_ombudsman), number(council.remedied_by_authority)],
    )


TABLES_NOTES = (
    "Decisions made in the year include decisions on complaints received in earlier years, so the two tables "
    "need not add up to the same total.",
    "The uphold rate is the share of our detailed investigations (Not Upheld plus Upheld) in which we upheld the "
    "complaint. A dash (-) means there were no detailed investigations to base it on.",
)
REMEDIED_NOTE = (
    "Fewer complaints may be remedied than upheld: we can find that a council was at fault without finding that "
    "the fault caused an injustice that needs a remedy.",
)


def _tables_page(statistics: YearStatistics, council: CouncilYear) -> tuple[Block | Table, ...]:
    parts: list[Block | Table] = [received_table(council), decisions_table(council)]
    notes = TABLES_NOTES
    if statistics.year.start_year >= FIRST_REMEDIED_YEAR:
        parts.append(remedied_table(council))
        notes += REMEDIED_NOTE
    return (*parts, Block("Notes", heading=True), *(Block(note) for note in notes))


def _based_on(total: int, what: str, statistics: YearStatistics) -> str:
    return f"Based on a total of {number(total)} {what} for the period between {period(statistics.year, 'and')}"


def measures_table(statistics: YearStatistics, council: CouncilYear) -> Table:
    similar = statistics.similar(council)
    if council.population:
        population = f"Based on a population of {number(council.population)} ({council.population_estimate})"
    else:
        population = "Population not known"
    rows = (
        ("Complaints upheld", council.uphold_rate.display(), similar.uphold_rate.display(),
         _based_on(council.detailed_investigations, "detailed investigations", statistics)),
        ("Upheld decisions per 100,000 residents", per_100k(council.upheld_per_100k),
         per_100k(similar.upheld_per_100k), population),
        ("Compliance with recommendations", council.compliance_rate.display(), similar.compliance_rate.display(),
         _based_on(council.compliance_rate.denominator, "compliance outcomes", statistics)),
        ("Satisfactory remedy provided by the authority", council.satisfactory_remedy_rate.display(),
         similar.satisfactory_remedy_rate.display(), _based_on(council.upheld, "upheld decisions", statistics)),
    )
    return Table(
        "Key measures", 4,
        (_headers("Measure", council.authority.short_name,
                  f"Average for similar authorities ({council.authority.get_type_display()})", "Base"),),
        tuple((Cell(name, header=True, scope="row"), *_data(*figures)) for name, *figures in rows),
        widths=(4, 2, 3, 6),
    )


def overview_table(council: CouncilYear) -> Table:
    return _simple_table(
        "Complaints and enquiries dealt with",
        ["Dealt with", "Not for us", "Assessed and closed", "Investigated"],
        [number(council.decisions_total), number(council.not_for_us), number(council.assessed_and_closed),
         number(council.detailed_investigations)],
    )


MEASURES_NOTES = (
    "Not for us: complaints that were incomplete or invalid, on which we gave advice, or that we referred back "
    "to the council because it had not yet had the chance to deal with them. Investigated: our detailed "
    "investigations, Upheld and Not Upheld.",
    "Each average for similar authorities is pooled over every council of the same kind: the total of their "
    "upheld decisions divided by the total of their detailed investigations, and likewise for each measure, so "
    "that every complaint counts the same.",
    "A dash (-) means not applicable: there were no cases on which to base the rate.",
)


def _measures_page(statistics: YearStatistics, council: CouncilYear) -> tuple[Block | Table, ...]:
    return (overview_table(council), measures_table(statistics, council), Block("Notes", heading=True),
            *(Block(note) for note in MEASURES_NOTES))


def statistics_page(statistics: YearStatistics, council: CouncilYear) -> Report:
    year = statistics.year
    page = _tables_page if year.start_year <= LAST_TABLES_YEAR else _measures_page
    return Report(
        heading=f"Local Authority Report: {council.authority.name}",
        subheading=f"For the Period Ending: {year.last_day:%d/%m/%Y}",
        parts=page(statistics, council),
    )
