"""The filters of the map's table view, in one place.

The map's table view and its "download this table" CSV take the same plain
query parameters, so a reader who filtered the table gets exactly its rows:

- `type`: an `AuthorityType` value (`district`, `county`, …); empty or `all` for every type;
- `q`: part of the council's name, in any case (`sef` finds Sefton);
- `measure`: which measure the map colours councils by (a key of `MEASURES`).

Both the map's views and the open-data CSV call `TableFilter.from_query` and
`TableFilter.apply`, so the two cannot disagree about which councils match.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlencode

from upheld.authorities.models import Authority, AuthorityType

# A measure's columns in the open data (`upheld stats --format csv` names): the figure, then its base.
MEASURES: dict[str, tuple[str, ...]] = {
    "uphold_rate": ("uphold_rate", "decisions: Upheld", "detailed_investigations"),
    "upheld_per_100k": ("upheld_per_100k", "decisions: Upheld", "population: value", "population: basis"),
    "compliance_rate": ("compliance: rate", "compliance: complied", "compliance: outcomes"),
    "satisfactory_remedy_rate": ("satisfactory_remedy_rate", "remedied: satisfactory by authority",
                                 "decisions: Upheld"),
}
# Columns every row of the table view keeps, whatever the measure.
IDENTITY = ("authority: gss", "authority: name", "authority: type", "year")

Row = TypeVar("Row")


@dataclass(frozen=True)
class TableFilter:
    type: str = ""
    q: str = ""
    measure: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> TableFilter:
        """The filter from a request's query parameters; a ValueError names a parameter that makes no sense.

        An unknown `measure` is kept, not refused: the map may offer measures
        whose columns the downloads do not single out (`columns` then keeps all).
        """
        kind = (query.get("type") or "").strip()
        if kind == "all":
            kind = ""
        if kind and kind not in AuthorityType.values:
            raise ValueError(f"type={kind!r} is not a kind of council: use one of {', '.join(AuthorityType.values)}")
        return cls(type=kind, q=" ".join((query.get("q") or "").split()), measure=(query.get("measure") or "").strip())

    def matches(self, authority: Authority) -> bool:
        if self.type and authority.type != self.type:
            return False
        needle = self.q.casefold()
        return not needle or needle in authority.name.casefold() or needle in authority.short_name.casefold()

    def apply(self, rows: Iterable[Row], authority=lambda row: row.authority) -> list[Row]:
        """The rows whose council matches, in their order; `authority` finds a row's council
        (by default its `.authority`, as in `CouncilYear`)."""
        return [row for row in rows if self.matches(authority(row))]

    def columns(self, all_columns: list[str]) -> list[str]:
        """The open-data columns of the table view: the council and the measure with its base,
        or every column when no (known) measure is chosen."""
        if self.measure not in MEASURES:
            return all_columns
        return [*IDENTITY, *MEASURES[self.measure]]

    def query_string(self) -> str:
        """The same filter as query parameters (empty ones left out), for links and file names."""
        return urlencode({key: value for key, value in (("type", self.type), ("q", self.q),
                                                        ("measure", self.measure)) if value})
