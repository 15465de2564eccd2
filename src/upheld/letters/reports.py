"""The statistics page of a letter, in the layout of its year.

To 2017-18 the page is the "Local Authority Report" of the reference letter:
complaints and enquiries received by category, decisions by outcome with the
uphold rate, and from 2015-16 the complaints remedied. From 2018-19 it gives
the three measures (complaints upheld, with upheld decisions per 100,000
residents; compliance with recommendations; satisfactory remedy by the
council), each beside the similar-authorities average and its base, and an
overview of the decisions. Every figure is read from the year's statistics
(`upheld.stats`), the same objects `upheld stats --json` prints, and named,
based, formatted and explained by the measures of `upheld.stats.registry`;
nothing here computes a rate. The notes say what each measure a page names
(`layout_measures`) counts, and the letter's `measures` merge field what each
means, both in the registry's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import slugify

from upheld.casework.vocabulary import DETAILED_INVESTIGATIONS, Category, Outcome
from upheld.letters.formats import number
from upheld.letters.merge import Block
from upheld.stats.annual import CouncilYear, YearStatistics
from upheld.stats.registry import HEADLINE, NOT_APPLICABLE_NOTE, TOO_FEW_NOTE, UPHOLD_RATE, Measure
from upheld.years import ReportingYear

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
class Placed:
    """A cell as a web page writes it: a header cell with its `id`, a data cell with the `headers` naming the ids
    of every header cell over its column and before it in its row."""
    cell: Cell
    id: str = ""
    headers: str = ""


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

    @property
    def placed(self) -> tuple[tuple[tuple[Placed, ...], ...], tuple[tuple[Placed, ...], ...]]:
        """The head and the body rows as `Placed` cells. `scope` alone cannot tie a figure to both rows of a
        two-row head (WCAG 1.3.1; HTML_CodeSniffer's H43), so every data cell names its headers. Ids start
        with the caption, which no two tables on a page share, and give the cell's row and column."""
        prefix = slugify(self.caption)
        over: dict[int, list[str]] = {}  # column → ids of the head cells over it, top first
        taken: set[tuple[int, int]] = set()  # (row, column) of the head covered by a cell above or before
        head = []
        for r, row in enumerate(self.head):
            placed, c = [], 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                placed.append(Placed(cell, id=f"{prefix}-{r + 1}-{c + 1}"))
                for column in range(c, c + cell.colspan):
                    over.setdefault(column, []).append(placed[-1].id)
                    taken.update((r + down, column) for down in range(cell.rowspan))
                c += cell.colspan
            head.append(tuple(placed))
        body = []
        for r, row in enumerate(self.body, start=len(self.head) + 1):
            placed, before = [], []
            for c, cell in enumerate(row):
                if cell.header:
                    placed.append(Placed(cell, id=f"{prefix}-{r}-{c + 1}"))
                    before.append(placed[-1].id)
                else:
                    placed.append(Placed(cell, headers=" ".join([*over.get(c, []), *before])))
            body.append(tuple(placed))
        return tuple(head), tuple(body)


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


TABLES_MEASURES = (UPHOLD_RATE,)  # the decisions table's Uphold Rate


def layout_measures(year: ReportingYear) -> tuple[Measure, ...]:
    """The measures the year's statistics page names: the uphold rate of the decisions table to 2017-18, the
    rows of the key measures table after."""
    return TABLES_MEASURES if year.start_year <= LAST_TABLES_YEAR else HEADLINE


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def measure_note(measure: Measure, named: str = "") -> str:
    """What the measure counts, by the name its table gives it (by default its label): "Complaints upheld:
    upheld decisions as a share of detailed investigations." (What it means is the letter's to say, in the
    `measures` merge field: the notes have to fit under the tables on one page.)"""
    return f"{named or measure.label}: {_lower_first(measure.description)}."


def measures_in_words(year: ReportingYear) -> str:
    """The measures of the year's page for a sentence of the letter: "complaints upheld (how often we found
    fault when we investigated in detail); …; and satisfactory remedy provided by the council (how often …)"."""
    described = [f"{_lower_first(measure.label)} ({_lower_first(measure.meaning)})" for measure in
                 layout_measures(year)]
    return "; and ".join(["; ".join(described[:-1]), described[-1]]) if len(described) > 1 else described[0]


TABLES_NOTES = (
    "Decisions made in the year include decisions on complaints received in earlier years, so the two tables "
    "need not add up to the same total.",
    *(measure_note(measure, measure.short_label) for measure in TABLES_MEASURES),
    "Detailed investigations are the decisions Not Upheld and Upheld.",
    NOT_APPLICABLE_NOTE,
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


def measures_table(statistics: YearStatistics, council: CouncilYear) -> Table:
    """The measures of `upheld.stats.registry`, each beside the similar-authorities average, with its base."""
    similar = statistics.similar(council)
    return Table(
        "Key measures", 4,
        (_headers("Measure", council.authority.short_name,
                  f"Average for similar authorities ({council.authority.get_type_display()})", "Base"),),
        tuple((Cell(measure.label, header=True, scope="row"),
               *_data(measure.display(council), measure.display(similar), measure.base_cell(council, statistics.year)))
              for measure in HEADLINE),
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
    *(measure_note(measure) for measure in HEADLINE),
    "Not for us: complaints that were incomplete or invalid, on which we gave advice, or that we referred back "
    "to the council because it had not yet had the chance to deal with them. Investigated: our detailed "
    "investigations, Upheld and Not Upheld.",
    "Each average for similar authorities is pooled over every council of the same kind: the total of their "
    "upheld decisions divided by the total of their detailed investigations, and likewise for each measure, so "
    "that every complaint counts the same.",
    NOT_APPLICABLE_NOTE,
    TOO_FEW_NOTE,
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
