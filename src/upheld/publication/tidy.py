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
        statistics = edition.statistics
        for council, row in zip(statistics.councils, edition.rows, strict=True):
            about = [row["year"], edition.number, row["authority: gss"], row["authority: name"],
                     row["authority: type"], row["population: value"], row["population: basis"]]
            for column in FIGURES:
                value, base, small, note = row[column.name], "", "", ""
                if column.measure is not None:
                    figures = statistics.similar(council) if column.pooled else council
                    base, small = column.measure.base(figures), column.measure.small_base(figures)
                    note = column.measure.not_applicable if value == "" else column.measure.too_few(figures)
                found.append([*about, *measure_and_category(column), value, base, small, note])
    return found


def versions_key(editions: list[Edition]) -> tuple:
    """What a file made of `editions` depends on: each year's version (a revision changes it)."""
    return tuple((e.year.start_year, e.version.id, e.version.frozen_at) for e in editions)


def render(editions: list[Edition]) -> bytes:
    """The tidy CSV of `editions`, made once per set of versions (`page_cache`, like each year's files)."""
    key = material_key("open-data-tidy", versions_key(editions))
    content, _ = built_once(key, lambda: (csv_text(header(), rows(editions)).encode(), None), WHOLE_KEY_TIMEOUT)
    return content
