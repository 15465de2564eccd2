"""`/data/datapackage.json`: the open data described as a Frictionless Data Package.

A program can read the package and know what every file holds without
reading the pages: the tidy file of every year, and each year's CSV (its
newest version), each with a Table Schema whose field names, types and
descriptions are the data dictionary's (`upheld.publication.dictionary`) and
whose sources and licences are the credits' (`upheld.publication.attribution`).
Paths are relative to the package, so it is as true in a static export
(`upheld publish`) as on the site. The complaint figures are the Ombudsman's;
the licences are those of the data the files include or the site uses.
"""

from __future__ import annotations

import json

from upheld.publication import attribution, dictionary, tidy
from upheld.publication.open_data import Edition
from upheld.publication.page_cache import WHOLE_KEY_TIMEOUT, kept, material_key

NAME = "upheld-council-complaints"
FILENAME = "datapackage.json"
GSS_PATTERN = "[EWSN][0-9]{8}"
YEAR_PATTERN = "[0-9]{4}-[0-9]{2}"
PATTERNS = {"year": YEAR_PATTERN, "authority: gss": GSS_PATTERN, "gss_code": GSS_PATTERN}


def field(column: dictionary.Column) -> dict:
    """A Table Schema field in the dictionary's words: what the column means, how it is defined, when empty."""
    described = {"name": column.name, "type": column.type, "title": column.meaning,
                 "description": f"{column.meaning} {column.definition} When empty: {column.when_empty}"}
    if column.type == "boolean":  # written as Python writes them, True and False
        described |= {"trueValues": ["True"], "falseValues": ["False"]}
    constraints = {"required": True} if column.required else {}
    if column.name in PATTERNS:
        constraints["pattern"] = PATTERNS[column.name]
    if column.name == "measure":
        constraints["enum"] = list(dict.fromkeys(tidy.measure_and_category(c)[0] for c in tidy.FIGURES))
    if constraints:
        described["constraints"] = constraints
    return described


def schema(columns: tuple[dictionary.Column, ...], primary_key: list[str] | None = None) -> dict:
    described = {"fields": [field(column) for column in columns], "missingValues": [""]}
    if primary_key:
        described["primaryKey"] = primary_key
    return described


def resource(name: str, path: str, title: str, description: str, table: dict) -> dict:
    return {"name": name, "path": path, "profile": "tabular-data-resource", "title": title,
            "description": description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": table}


def year_resource(edition: Edition, path: str) -> dict:
    label = edition.year.label
    return resource(
        f"upheld-{label}", path, f"Complaints about councils: statistics for {label}, version {edition.number}",
        f"One row per council for the reporting year {label} (version {edition.number}, released "
        f"{edition.released}); one column per figure.", schema(dictionary.COLUMNS, ["authority: gss"]))


def descriptor(editions: list[Edition], year_path) -> dict:
    """The package of `editions` (the released years, newest first); `year_path(edition)` is where a year's
    CSV is, relative to the package."""
    labels = sorted(edition.year.label for edition in editions)
    span = f"{labels[0]} to {labels[-1]}" if labels else "no year yet"
    return {
        "name": NAME,
        "title": "Complaints about councils: statistics",
        "description": (f"The complaint statistics of every council, for every published year ({span}): in one "
                        "tidy file, one figure a row, and in a file per year, one council a row. "
                        + " ".join(dictionary.NOTES)),
        "profile": "tabular-data-package",
        "licenses": attribution.licences(),
        "sources": [{"title": source, "data": data, "licence": licence, "vintage": vintage}
                    for data, source, licence, vintage in attribution.sources()],
        "resources": [
            resource(tidy.FILENAME.removesuffix(".csv"), tidy.FILENAME,
                     "Complaints about councils: every published year, one figure a row",
                     "One row per council, year and figure, for the newest version of every published year. "
                     "measure and category name the column of the year's file the value is in.",
                     schema(dictionary.TIDY_COLUMNS)),
            *(year_resource(edition, year_path(edition)) for edition in editions),
        ],
    }


def render(editions: list[Edition], year_path) -> bytes:
    """The package as JSON, kept once per set of versions (it names each year's newest version)."""
    key = material_key("open-data-package", tidy.versions_key(editions))
    content, _ = kept(key, lambda: (
        (json.dumps(descriptor(editions, year_path), indent=2, ensure_ascii=False) + "\n").encode(), None),
        WHOLE_KEY_TIMEOUT)
    return content
