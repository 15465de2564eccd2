"""The credits for the data the product ships, read from the package's ATTRIBUTION.md.

The licences (CC BY, OGL, MIT) require the credit to go wherever the data
goes, so the open-data page and every workbook carry it. It is read from the
one file that records it, so a new source is credited everywhere at once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

ATTRIBUTION_FILE = Path(__file__).resolve().parent.parent / "data" / "ATTRIBUTION.md"
HEADERS = ("Data", "Source", "Licence", "Vintage")


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
