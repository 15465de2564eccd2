"""Import of decision statements (`upheld import statements FILE`).

A row is one statement: its case reference, council, decision date,
category, outcome, summary and body, and whether to publish it. Rows asking
to be published go through the anonymisation guard, and a row in which it
finds likely personal data is refused, naming the column and what was found,
so that nothing identifying reaches the public site by import; the whole
file is then refused, as every import is. A statement imported with
`publish` = no is stored for staff, unpublished, and checked again by the
guard whenever it is saved.

When the casework holds the case the statement is about, the statement must
agree with it: same council and, if the case is decided, the same outcome and
date. A premature complaint (referred back to the council) has no statement.
"""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

from django.db import connection
from django.utils import timezone

from upheld.casework.models import Case, Subcategory
from upheld.casework.vocabulary import Outcome, parse_remedy
from upheld.decisions import guard, publication_rules
from upheld.decisions.models import EventAction, Statement, StatementEvent, StatementIds, StatementOutcome
from upheld.imports.casework import listed_category
from upheld.imports.engine import Importer
from upheld.imports.values import REQUIRED, Parser, date_until, memo, reference_of, text
from upheld.releases import visibility
from upheld.stats.wording import long_date

_OUTCOMES = {label.casefold(): code for code, label in StatementOutcome.choices}
_YES, _NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}
ACTOR = "upheld import statements"
TEXT_COLUMNS = {"summary": "summary", "body": "body", "remedies": "remedies",
                "service improvements": "service_improvements"}


def statement_outcome(value: str) -> str:
    key = " ".join(value.split()).casefold()
    if not key:
        raise ValueError(REQUIRED)
    if key not in _OUTCOMES:
        names = "; ".join(label for _, label in StatementOutcome.choices)
        raise ValueError(f"{value!r} is not an outcome a statement is published for; expected one of: {names}")
    return _OUTCOMES[key]


def yes_or_no(value: str) -> bool:
    key = value.strip().casefold()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError(REQUIRED if not key else f"{value!r} is neither yes nor no")


def statement_text(max_length: int = 100_000, *, optional: bool = False) -> Parser:
    """Free text that may run over lines; Windows line ends become plain ones."""
    parse = text(max_length, optional=optional)

    def parse_statement_text(value: str) -> str:
        return parse(value.replace("\r\n", "\n").replace("\r", "\n"))

    return parse_statement_text


class Casework(NamedTuple):
    authority_id: int
    decided: datetime.date | None
    outcome: str | None


class StatementImport(Importer):
    kind = "statements"
    noun = ("statement", "statements")
    model = Statement
    fields = ("id", "reference", "slug", "authority", "category", "subcategory", "outcome", "remedy", "decided",
              "summary", "body", "remedies", "service_improvements", "has_service_improvement", "publish",
              "guard_findings", "publishable", "search_facets")
    key_columns = ("reference",)
    optional_columns = ("remedy", "remedies", "service improvements")
    multiline_columns = ("summary", "body", "remedies", "service improvements")

    def __init__(self) -> None:
        super().__init__()
        self.ids = StatementIds()
        self.derived: dict[str, dict] = {}  # by reference: the checked rows' guard findings and the like

    def parsers(self) -> dict[str, Parser]:
        return {
            "reference": reference_of(Statement),
            "authority": self.councils.parse,
            "decided": date_until(self.today),
            "category": memo(listed_category(Subcategory.objects.listed())),
            "outcome": memo(statement_outcome),
            "summary": statement_text(),
            "body": statement_text(),
            "publish": memo(yes_or_no),
            "remedy": memo(parse_remedy),
            "remedies": statement_text(optional=True),
            "service improvements": statement_text(optional=True),
        }

    def lookup(self, references: list[str]) -> dict[str, Any]:
        found: dict[str, Any] = dict.fromkeys(Statement.objects.filter(reference__in=references)
                                              .values_list("reference", flat=True), "statement")
        cases = Case.objects.filter(reference__in=references).values_list(
            "reference", "authority_id", "decision__decided", "decision__outcome")
        for reference, authority_id, decided, outcome in cases:
            found.setdefault(reference, Casework(authority_id, decided, outcome))
        return found

    def check(self, record: list, found: Any) -> list[tuple[str, str]]:
        reference, council, decided, _, outcome, summary, body, publish, remedy, remedies, improvements = record
        problems = []
        if found == "statement":
            problems.append(("reference", f"statement {reference} is already in the database"))
        elif isinstance(found, Casework):
            problems += _casework_problems(reference, council, decided, outcome, found, self.councils)
        rules = publication_rules.field_problems(outcome=outcome, remedy=remedy, withheld="", withheld_reason="",
                                                 texts={})
        problems += [(column, message) for column, message in rules.items()]
        values = {"reference": reference, "summary": summary, "body": body, "remedies": remedies,
                  "service_improvements": improvements, "publish": publish, "authority_id": council.id,
                  "category": record[3][0], "subcategory": record[3][1], "outcome": outcome, "remedy": remedy}
        derived = publication_rules.derived(values)
        if publish:
            for column, field in TEXT_COLUMNS.items():
                findings = [finding for finding in derived["guard_findings"] if finding["field"] == field]
                if findings:
                    problems.append((column, f"possible personal data: {guard.describe(findings)}; anonymise it "
                                             "or import the row with publish = no and release it after checking"))
        if not problems:
            self.derived[reference] = derived
        return problems

    def writing(self) -> None:
        self.ids = StatementIds().preload()  # the ids taken when the rows are written, not when checked

    def row(self, record: list, found: Any) -> tuple:
        reference, council, decided, (code, subcategory), outcome, summary, body, publish, remedy, remedies, \
            improvements = record
        derived = self.derived.pop(reference)
        return (self.ids(decided), reference, derived["slug"], council.id, code, subcategory, outcome, remedy,
                decided, summary, body, remedies, improvements, derived["has_service_improvement"], publish,
                Statement._meta.get_field("guard_findings").get_db_prep_save(derived["guard_findings"], connection),
                derived["publishable"], derived["search_facets"])

    def written(self, rows: list[tuple]) -> None:
        now = timezone.now()
        StatementEvent.objects.bulk_create(
            StatementEvent(statement_id=row[0], at=now, actor_name=ACTOR, action=EventAction.IMPORTED,
                           reason="" if row[14] else "imported with publish = no")
            for row in rows)
        visibility.changed()  # inserted in bulk, without the signals that count changes to public things


def _casework_problems(reference: str, council, decided, outcome, casework: Casework, councils) -> list:
    if casework.authority_id != council.id:
        owner = councils.by_id[casework.authority_id].name
        return [("authority", f"case {reference} is about {owner}, not {council.name}")]
    if casework.outcome is None:
        return []
    if casework.outcome == Outcome.REFERRED_BACK:
        return [("outcome", f"case {reference} was referred back to the council as premature: premature "
                            "complaints have no published statement")]
    problems = []
    if casework.outcome != outcome:
        problems.append(("outcome", f"case {reference} was decided {Outcome(casework.outcome).label}, "
                                    f"not {StatementOutcome(outcome).label}"))
    if casework.decided != decided:
        problems.append(("decided", f"case {reference} was decided on {long_date(casework.decided)}"))
    return problems
