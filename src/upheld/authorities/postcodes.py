"""Which councils a postcode district lies in, from the data the package ships.

Source: `upheld/data/postcodes/postcode-district-to-council.csv` (see
`data/ATTRIBUTION.md`): for each postcode district (`L20`), every council
some of its postcodes lie in, lower tier (district, unitary, metropolitan or
London borough) and upper tier (county council), with how many of the
district's postcodes lie in each. A district can span councils, so a lookup
gives all of them, most postcodes first. A full postcode (`L20 3QX`) is looked
up by its district: the file holds no finer detail.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

POSTCODES_FILE = "data/postcodes/postcode-district-to-council.csv"
LOWER, UPPER = "lower", "upper"
# An outward code (the district) alone, or with the inward code (a digit and two letters), spaces optional.
POSTCODE = re.compile(r"(?P<district>[A-Z]{1,2}[0-9][A-Z0-9]?)(?:(?P<inward>[0-9][A-Z]{2}))?")


@dataclass(frozen=True)
class Share:
    gss: str
    tier: str  # LOWER or UPPER
    postcodes: int  # how many of the district's postcodes lie in the council


@dataclass(frozen=True)
class Postcode:
    district: str  # "L20"
    full: str  # "L20 3QX", or the district when only that was given


def parse(text: str) -> Postcode | None:
    """The postcode or postcode district `text` is written as (any case, spaces anywhere), or None."""
    squeezed = re.sub(r"\s+", "", text).upper()
    match = POSTCODE.fullmatch(squeezed)
    if match is None:
        return None
    district = match["district"]
    return Postcode(district, f"{district} {match['inward']}" if match["inward"] else district)


@cache
def districts() -> dict[str, tuple[Share, ...]]:
    """Every postcode district with its councils, most postcodes first within each tier, lower tier first."""
    text = resources.files("upheld").joinpath(POSTCODES_FILE).read_text(encoding="utf-8")
    found: dict[str, list[Share]] = {}
    for row in csv.DictReader(text.splitlines()):
        found.setdefault(row["postcode_district"], []).append(Share(row["gss"], row["tier"], int(row["postcodes"])))
    return {district: tuple(sorted(shares, key=lambda s: (s.tier != LOWER, -s.postcodes, s.gss)))
            for district, shares in found.items()}


def councils_of(postcode: Postcode) -> tuple[Share, ...]:
    """The councils the postcode's district lies in (none for a district the file does not know)."""
    return districts().get(postcode.district, ())
