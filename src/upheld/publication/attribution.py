"""The credits for the data the product ships, read from the package's ATTRIBUTION.md.

The licences (CC BY, OGL, MIT) require the credit to go wherever the data
goes, so the open-data page and every workbook carry it. It is read from the
one file that records it, so a new source is credited everywhere at once.
The data package lists the licences the credits name (`licences`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ATTRIBUTION_FILE = Path(__file__).resolve().parent.parent / "data" / "ATTRIBUTION.md"
HEADERS = ("Data", "Source", "Licence", "Vintage")
# The licences a credit may name: how it names it, and the licence's identifier (SPDX), title and text.
LICENCES = (
    ("CC BY 4.0", "CC-BY-4.0", "Creative Commons Attribution 4.0 International",
     "https://creativecommons.org/licenses/by/4.0/"),
    ("Open Government Licence v3.0", "OGL-UK-3.0", "Open Government Licence v3.0",
     "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
    ("MIT", "MIT", "MIT License", "https://opensource.org/license/mit"),
)


@cache
def sources() -> tuple[tuple[str, str, str, str], ...]:
    """One (file, source, licence, vintage) per row of the file's table."""
    rows = []
    for line in ATTRIBUTION_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
        if len(cells) == len(HEADERS) and cells[0] != "file" and not set(cells[0]) <= set("-: "):
            rows.append(cells)
    return tuple(rows)


def rows() -> list[tuple[str, ...]]:
    """The credits as table rows, header first: for the workbooks' sheet."""
    return [HEADERS, *sources()]


def as_json() -> list[dict[str, str]]:
    return [dict(zip(("data", "source", "licence", "vintage"), row, strict=True)) for row in sources()]


def licences() -> list[dict[str, str]]:
    """The licences the credits name, as a data package lists them (name, title and path)."""
    named = " ".join(licence for _, _, licence, _ in sources())
    return [{"name": name, "title": title, "path": path} for words, name, title, path in LICENCES
            if re.search(rf"\b{re.escape(words)}\b", named)]
