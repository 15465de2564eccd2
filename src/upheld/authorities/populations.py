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


def read_estimates(text: str | None = None, name: str = POPULATION_FILE) -> list[tuple[int, str, int, int]]:
    """(line, GSS code, mid-year, population) for every row of the shipped file (or of `text`, read as the
    file `name`); a ValueError names the file, line and column of a row that is not one."""
    if text is None:
        text = resources.files("upheld").joinpath(POPULATION_FILE).read_text(encoding="utf-8")
    rows = []
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        for column in ("gss", "mid_year", "population"):
            value = (row.get(column) or "").strip()
            if not value or (column != "gss" and not value.isdigit()):
                raise ValueError(f"{name}, line {line}, column {column}: "
                                 f"{value!r} is not {'a GSS code' if column == 'gss' else 'a whole number'}")
        rows.append((line, row["gss"].strip(), int(row["mid_year"]), int(row["population"])))
    return rows


@transaction.atomic
def load_populations(estimates: list[tuple[int, str, int, int]] | None = None, name: str = POPULATION_FILE
                     ) -> tuple[int, int]:
    """Store every estimate (by default the shipped file's) not stored yet, for the years each council
    existed. Returns (added, kept). A ValueError names the line of a code no council has; nothing is stored."""
    codes = dict(AuthorityCode.objects.values_list("code", "authority_id"))
    authorities = Authority.objects.in_bulk()
    stored = set(Population.objects.values_list("authority_id", "year"))
    added, kept = [], 0
    for line, gss, mid_year, population in read_estimates() if estimates is None else estimates:
        if gss not in codes:
            raise ValueError(f"{name}, line {line}, column gss: no council in the register has the code {gss!r}")
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
