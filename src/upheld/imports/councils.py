"""Imports of facts about councils: populations and contacts.

There is one population per council per reporting year and one contact per
council per role, so these files update rather than add: importing a council
and year (or role) that is already stored replaces it. That is what a user
re-sending a corrected file expects, and ONS revises its estimates. Within
one file, the same council and year (or role) twice is a problem: which of
the two was meant is not for the import to guess. Any code of a council
counts as that council, so Barnsley's old and new GSS codes in one file are
the same council twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from upheld.authorities.models import Contact, Population
from upheld.casework import rules
from upheld.imports.engine import Importer
from upheld.imports.values import Parser, contact_role, email, population, reporting_year, text
from upheld.years import ReportingYear


class _PerCouncilImport(Importer):
    """One record per council and one other column (`upsert_on`), replaced on re-import."""

    def lookup(self, keys: list[tuple]) -> dict[tuple, bool]:
        council_field, other = self.upsert_on
        stored = set(self.model.objects.filter(**{f"{council_field}__in": {c.id for c, _ in keys}})
                     .values_list(f"{council_field}_id", other))
        return {key: True for key in keys if (key[0].id, key[1]) in stored}

    def row(self, record: list, found: Any) -> tuple:
        return (record[0].id, *record[1:])


class PopulationImport(_PerCouncilImport):
    kind = "population"
    noun = ("population figure", "population figures")
    model = Population
    fields = ("authority", "year", "population")
    key_columns = ("authority", "year")
    upsert_on = ("authority", "year")

    def parsers(self) -> dict[str, Parser]:
        return {"authority": self.councils.parse, "year": reporting_year, "population": population}

    def check(self, record: list, found: Any) -> list[tuple[str, str]]:
        council, year = record[0], ReportingYear(record[1])
        problem = rules.authority_period_problem(
            council.name, council.start_date, council.end_date, year.first_day, year.last_day)
        return [("year", f"{problem}, so it has no population for {year}")] if problem else []


class ContactImport(_PerCouncilImport):
    kind = "contacts"
    noun = ("contact", "contacts")
    model = Contact
    fields = ("authority", "role", "name", "email")
    key_columns = ("authority", "role")
    upsert_on = ("authority", "role")

    def parsers(self) -> dict[str, Parser]:
        field = Contact._meta.get_field
        return {
            "authority": self.councils.parse,
            "role": contact_role,
            "name": text(field("name").max_length),
            "email": email(field("email").max_length),
        }

    def check(self, record: list, found: Any) -> list[tuple[str, str]]:
        """Contacts are for councils that exist now or are about to (a new
        council's officers are named before it starts), not for past ones."""
        council = record[0]
        problem = rules.authority_period_problem(
            council.name, council.start_date, council.end_date, self.today, datetime.date.max)
        return [("authority", problem)] if problem else []
