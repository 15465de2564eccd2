"""Each council's statistical nearest neighbours, from the data the package ships.

Source: ONS, "Lower and upper tier local authority statistical nearest
neighbours and distances, England" (October 2025, December 2024 boundaries),
tidied by `scripts/tidy-neighbours.py` into
`upheld/data/neighbours/nearest-neighbours.csv`: each council's 15 nearest
neighbours in each tier it belongs to, nearest first, with ONS's relative
distance. ONS compares councils on their population, economy, housing and
geography; the neighbours are the councils most like it on those, wherever
they are.

District councils are compared among the lower tier; every other council
(county and unitary councils, metropolitan and London boroughs: the councils
that run social care and education, which most complaints are about) among
the upper tier. Councils abolished before December 2024 have no neighbours.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from upheld.authorities.models import Authority, AuthorityType
from upheld.authorities.register import read_register

NEIGHBOURS_FILE = "data/neighbours/nearest-neighbours.csv"
LOWER, UPPER = "lower", "upper"


@dataclass(frozen=True)
class Neighbour:
    gss: str  # the council's current code (ONS's file predates some recodings)
    name: str  # as ONS names it
    rank: int  # 1 is the nearest
    distance: float


def tier(authority: Authority) -> str:
    return LOWER if authority.type == AuthorityType.DISTRICT else UPPER


@cache
def _table() -> dict[tuple[str, str], tuple[Neighbour, ...]]:
    """(tier, current GSS code) → the council's neighbours, nearest first. Codes are made current from the
    register's file, not the database: both are the package's own data, and a page then needs no query."""
    current = {code: entry.gss for entry in read_register() for code in (entry.gss, *entry.former_codes)}
    text = resources.files("upheld").joinpath(NEIGHBOURS_FILE).read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    names = {current.get(row["gss"], row["gss"]): row["name"] for row in rows}
    found: dict[tuple[str, str], list[Neighbour]] = {}
    for row in rows:
        neighbour = current.get(row["neighbour_gss"], row["neighbour_gss"])
        found.setdefault((row["tier"], current.get(row["gss"], row["gss"])), []).append(
            Neighbour(neighbour, names.get(neighbour, neighbour), int(row["rank"]), float(row["distance"])))
    return {key: tuple(sorted(neighbours, key=lambda n: n.rank)) for key, neighbours in found.items()}


def nearest(authority: Authority) -> tuple[Neighbour, ...]:
    """The council's nearest neighbours, nearest first (empty for a council ONS did not compare)."""
    return _table().get((tier(authority), authority.gss), ())
