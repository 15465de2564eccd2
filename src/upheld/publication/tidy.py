"""Every published year in one tidy file: one row per council, year and figure.

The per-year files are wide, one column per figure (`received: Housing`),
which suits a spreadsheet but not a reader comparing years or loading the
figures into a database. The tidy file has one figure a row, with the
council and the year beside it (`dictionary.TIDY_COLUMNS`). Its rows are made
from the rows of the years' own files (`Edition.rows`, the frozen figures of
each year's newest version), so the two cannot disagree: `measure` and
`category` name the year's column the value comes from. A rate's base and
small-base mark, and the note on an empty figure, are the registry's
(`upheld.stats.registry`), as the pages give them.
"""

from __future__ import annotations

from upheld.publication import dictionary
from upheld.publication.downloads import csv_text
from upheld.publication.open_data import Edition
from upheld.publication.page_cache import WHOLE_KEY_TIMEOUT, built_once, material_key
from upheld.stats.registry import CODE_FAILURE_SHARE

FILENAME = "upheld-all-years.csv"
FIGURES = tuple(column for column in dictionary.COLUMNS if column.figure)


def header() -> list[str]:
    return [column.name for column in dictionary.TIDY_COLUMNS]


def measure_and_category(column: dictionary.Column) -> tuple[str, str]:
    """`received: Housing` → (`received`, `Housing`); `uphold_rate` → (`uphold_rate`, ``)."""
    measure, _, category = column.name.partition(": ")
    return measure, category


def rows(editions: list[Edition]) -> list[list]:
    """The figures of `editions`, oldest year first, then by council as in the year's file, then by column."""
    found = []
    for edition in sorted(editions, key=lambda e: e.year):
        statistics, returns = edition.statistics, edition.year_code.returns
        for council, row in zip(statistics.councils, edition.rows, strict=True):
            about = [row["year"], edition.number, row["authority: gss"], row["authority: name"],
                     row["authority: type"], row["population: value"], row["population: basis"]]
            own = returns.councils.get(council.authority.gss)
            for column in FIGURES:
                value, base, small, note = row[column.name], "", "", ""
                if column.returns and own is None and not column.pooled:
                    note = dictionary.NO_RETURN
                elif column.measure is CODE_FAILURE_SHARE and not edition.year_code.applies:
                    note = dictionary.CODE_NOT_APPLIED
                elif column.measure is not None:
                    figures = figures_for(column, statistics, returns, council)
                    base, small = column.measure.base(figures), column.measure.small_base(figures)
                    note = column.measure.not_applicable if value == "" else column.measure.too_few(figures)
                found.append([*about, *measure_and_category(column), value, base, small, note])
    return found


def figures_for(column: dictionary.Column, statistics, returns, council):
    """What `column`'s measure reads: the council's figures or its similar authorities', from casework or from
    accepted returns (`upheld.stats.code_returns.ReturnsYear`)."""
    if column.returns:
        return returns.similar(council.authority) if column.pooled else returns.councils[council.authority.gss]
    return statistics.similar(council) if column.pooled else council


def versions_key(editions: list[Edition]) -> tuple:
    """What a file made of `editions` depends on: each year's version (a revision changes it) and accepted
    returns."""
    return tuple((e.year.start_year, e.version.id, e.version.frozen_at, e.returns_key) for e in editions)


def render(editions: list[Edition]) -> bytes:
    """The tidy CSV of `editions`, made once per set of versions (`page_cache`, like each year's files)."""
    key = material_key("open-data-tidy", versions_key(editions))
    content, _ = built_once(key, lambda: (csv_text(header(), rows(editions)).encode(), None), WHOLE_KEY_TIMEOUT)
    return content
