"""Load ONS's mid-year population estimates from the data the package ships.

Source: `upheld/data/population/population-mid-year-2013-2024.csv`, ONS mid-year
estimates (all ages, persons) by council and mid-year, tidied from ONS's tables
(see `data/ATTRIBUTION.md` for the tables and their caveats). A reporting year
uses the estimate whose mid-year (30 June) falls inside it: 2023-24 uses
mid-2023, stored as `Population(year=2023)`. Decisions the file leaves to us:

- An estimate for a mid-year in which the council did not exist (ONS puts a
  council formed in 2019 back onto earlier years' boundaries) is left out: the
  council has no figures for those years.
- A population already stored is never replaced: it may be a correction a
  member of staff imported, and `upheld setup` is safe to run again.
"""

from __future__ import annotations

import csv
from importlib import resources

from django.db import transaction

from upheld.authorities.models import Authority, AuthorityCode, Population
from upheld.years import ReportingYear

POPULATION_FILE = "data/population/population-mid-year-2013-2024.csv"
SOURCE = "ONS"


def read_estimates() -> list[tuple[int, str, int, int]]:
    """(line, GSS code, mid-year, population) for every row of the shipped file; a ValueError names
    the line and column of a row that is not one."""
    text = resources.files("upheld").joinpath(POPULATION_FILE).read_text(encoding="utf-8")
    rows = []
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        for column in ("mid_year", "population"):
            if not (row.get(column) or "").isdigit():
                raise ValueError(f"{POPULATION_FILE}, line {line}, column {column}: "
                                 f"{row.get(column)!r} is not a whole number")
        rows.append((line, row["gss"], int(row["mid_year"]), int(row["population"])))
    return rows


@transaction.atomic
def load_populations() -> tuple[int, int]:
    """Store every estimate not stored yet, for the years each council existed. Returns (added, kept)."""
    codes = dict(AuthorityCode.objects.values_list("code", "authority_id"))
    authorities = Authority.objects.in_bulk()
    stored = set(Population.objects.values_list("authority_id", "year"))
    added, kept = [], 0
    for line, gss, mid_year, population in read_estimates():
        if gss not in codes:
            raise ValueError(f"{POPULATION_FILE}, line {line}, column gss: no council in the register has "
                             f"the code {gss!r}")
        authority, year = authorities[codes[gss]], ReportingYear(mid_year)
        if not authority.existed_between(year.first_day, year.last_day):
            continue
        if (authority.id, mid_year) in stored:
            kept += 1
            continue
        stored.add((authority.id, mid_year))
        added.append(Population(authority=authority, year=mid_year, population=population, source=SOURCE))
    Population.objects.bulk_create(added)
    return len(added), kept
