"""The councils a council's page compares it with, each with its own figures for the year.

Two lists: its similar authorities (every council of its type, whose pooled
rate the measures are set beside) and its ONS statistical nearest neighbours
(`upheld.authorities.neighbours`: the councils most like it in population,
economy, housing and geography). Each is a table with the council's own row
picked out, in an order that means something without JavaScript (nearest
first; A–Z by the name people use), and sortable by any column with it.
Every figure is read from `upheld.stats` objects.

A council's row is the same on every page that lists it (a similar
authorities table lists the whole group, on each of its councils' pages), so
each row is rendered once per process and figures object (`rendered_row`):
a third of a council page's rendering was these rows, again and again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString

from upheld.authorities.neighbours import nearest
from upheld.stats.annual import CouncilYear, YearStatistics


@dataclass(frozen=True)
class Row:
    council: CouncilYear
    this: bool  # the council the page is about
    rank: int | None = None  # nearest neighbours: 1 is the nearest


@dataclass(frozen=True)
class Comparison:
    key: str  # for ids
    title: str
    rows: list[Row]
    ranked: bool  # whether the rows have a neighbour rank (and are in its order)
    missing: list[str]  # councils of the list with no figures for the year (not in the table)
    estimates: str  # which population estimates the rates per 100,000 residents use, in a sentence


ROWS_KEPT = 20_000  # rendered rows each process keeps: every council of every year, in each of its tables, fits


def estimates_sentence(councils: list[CouncilYear]) -> str:
    """Which population estimates the figures per 100,000 residents of `councils` use: the one most of
    them use, and the councils that use another or whose population is not known."""
    used = Counter(c.population_estimate for c in councils if c.population)
    if not used:
        return "Upheld decisions per 100,000 residents: no council here has a known population."
    common = used.most_common(1)[0][0]
    others = {}
    for council in councils:
        estimate = council.population_estimate if council.population else "population not known"
        if estimate != common:
            others.setdefault(estimate, []).append(council.authority.known_as)
    rest = "".join(f"; {estimate} for {', '.join(names)}" for estimate, names in sorted(others.items()))
    return f"Upheld decisions per 100,000 residents use the {common} of each council's population{rest}."


def similar_authorities(statistics: YearStatistics, council: CouncilYear) -> Comparison:
    """Every council of the same type in the year, A–Z, the council among them."""
    group = [c for c in statistics.councils if c.authority.type == council.authority.type]
    group.sort(key=lambda c: c.authority.known_as.casefold())
    return Comparison("similar", f"Similar authorities: all {council.authority.get_type_display()}",
                      [Row(c, c is council) for c in group], False, [], estimates_sentence(group))


def nearest_neighbours(statistics: YearStatistics, council: CouncilYear) -> Comparison | None:
    """The council and its ONS nearest neighbours, nearest first; None for a council ONS did not compare."""
    neighbours = nearest(council.authority)
    if not neighbours:
        return None
    rows, missing = [Row(council, True)], []
    for neighbour in neighbours:
        figures = statistics.by_gss.get(neighbour.gss)
        if figures is None:
            missing.append(neighbour.name)
        else:
            rows.append(Row(figures, False, neighbour.rank))
    return Comparison("neighbours", f"Nearest neighbours of {council.authority.known_as}", rows, True, missing,
                      estimates_sentence([r.council for r in rows]))


def comparisons(statistics: YearStatistics, council: CouncilYear) -> list[Comparison]:
    found = nearest_neighbours(statistics, council)
    return [*([found] if found else []), similar_authorities(statistics, council)]


_rendered: dict[tuple, tuple[CouncilYear, SafeString]] = {}


def rendered_rows(comparison: Comparison, year) -> SafeString:
    """The table's rows (each `rendered_row`), joined here rather than by a template tag a row: a district's
    similar authorities are 160 rows, and each tag call resolves its arguments again."""
    return SafeString("".join(rendered_row(row, comparison.ranked, year) for row in comparison.rows))


def rendered_row(row: Row, ranked: bool, year) -> SafeString:
    """A comparison table's row (`comparison_row.html`), rendered once per process for each figures object.

    Published figures are thawed once per process and version (`upheld.releases.freezing`), and never change
    after, so the object's identity names the figures the row shows; it is kept with the row, so that the
    identity cannot be taken by another object while the row is kept. Everything else the row shows is in
    the key (and the script prefix its link starts with)."""
    key = (id(row.council), row.this, row.rank, ranked, year.label, get_script_prefix())
    found = _rendered.get(key)
    if found is None or found[0] is not row.council:
        if len(_rendered) >= ROWS_KEPT:
            _rendered.clear()
        found = (row.council, render_to_string("publication/includes/comparison_row.html",
                                               {"row": row, "ranked": ranked, "year": year}))
        _rendered[key] = found
    return found[1]
