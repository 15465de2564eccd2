"""Imports of case-level records: cases, decisions, compliance outcomes.

The rules are those of `upheld.casework.rules`, the same the admin applies;
here they run over plain values fetched in one query per batch.

A decision or compliance outcome names its case by reference *and* council:
the council must be the case's own (any of its codes will do), which catches
a reference typed against the wrong council. It is not checked against the
decision or compliance date: a case about a council that was abolished
while the case was open still gets its decision, recorded against the
council the case was about.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Min, QuerySet

from upheld.casework import rules
from upheld.casework.models import Case, ComplianceOutcome, Decision, Subcategory
from upheld.casework.vocabulary import parse_compliance, parse_outcome, parse_remedy
from upheld.code.editions import Edition, Provision, edition_on, number_key
from upheld.code.findings import CodeFailure, failures_problems
from upheld.imports.engine import Importer, stored_values
from upheld.imports.values import Parser, category, date_until, memo, reference_of, required

CODE_FAILURES = "code failures"


class CaseImport(Importer):
    kind = "cases"
    noun = ("case", "cases")
    model = Case
    fields = ("reference", "authority", "received", "category", "subcategory")
    key_columns = ("reference",)

    def parsers(self) -> dict[str, Parser]:
        return {
            "reference": reference_of(Case),
            "authority": self.councils.parse,
            "received": date_until(self.today),
            "category": memo(listed_category(Subcategory.objects.listed())),
        }

    def lookup(self, references: list[str]) -> dict[str, bool]:
        return dict.fromkeys(stored_values(Case, "reference", references), True)

    def check(self, record: list, found: Any) -> list[tuple[str, str]]:
        reference, council, received, _ = record
        problems = list(rules.case_problems(council, received).items())
        if found:
            problems.append(("reference", f"case {reference} is already in the database"))
        return problems

    def row(self, record: list, found: Any) -> tuple:
        reference, council, received, (code, subcategory) = record
        return reference, council.id, received, code, subcategory


def listed_category(listed: dict[tuple[str, str], str]) -> Parser:
    """`Housing > homelessness` → ("housing", "Homelessness"): the subcategory as the list spells it, whatever
    the file's capitals and spaces; one not listed for the category is refused. Remembered (`memo`) by the
    import, as a file repeats the same few texts a million times."""
    parse_named = category(Case._meta.get_field("subcategory").max_length)

    def parse(value: str) -> tuple[str, str]:
        code, subcategory = parse_named(value)
        if not subcategory:
            return code, subcategory
        if (name := listed.get((code, rules.subcategory_key(subcategory)))) is None:
            raise ValueError(rules.subcategory_message(
                code, subcategory, [name for (listed_code, _), name in listed.items() if listed_code == code]))
        return code, name

    return parse


class _CaseRecordImport(Importer):
    """A record about a case already in the database, one per case."""

    key_columns = ("reference",)
    related: str  # the reverse one-to-one name on Case: a case has at most one
    case_fields: tuple[str, ...] = ()  # what else the rules need to know about the case

    def case_parsers(self) -> dict[str, Parser]:
        return {"reference": reference_of(Case), "authority": self.councils.parse}

    def lookup(self, references: list[str]) -> dict[str, Any]:
        fields = ("reference", "id", "authority_id", f"{self.related}__id", *self.case_fields)
        cases = self.cases().filter(reference__in=references).values_list(*fields, named=True)
        return {case.reference: case for case in cases}

    def cases(self) -> QuerySet:
        """The cases, with anything `case_fields` names that is not a field."""
        return Case.objects.all()

    def check_case(self, record: list, case: Any) -> list[tuple[str, str]]:
        reference, council = record[0], record[1]
        if case is None:
            return [("reference", f"no case {reference} in the database; import the cases first")]
        if case.authority_id != council.id:
            owner = self.councils.by_id[case.authority_id].name
            return [("authority", f"case {reference} is about {owner}, not {council.name}")]
        if getattr(case, f"{self.related}__id") is not None:
            return [("reference", f"case {reference} already has a {self.noun[0]}")]
        return []

    def row(self, record: list, case: Any) -> tuple:
        return (case.id, *record[2:])


class DecisionImport(_CaseRecordImport):
    """Decisions, each with the provisions of the Complaint Handling Code the council did not follow (the
    optional `code failures` column), checked by the Code's one rule (`upheld.code.findings`) and written
    with their decisions."""

    kind = "decisions"
    noun = ("decision", "decisions")
    model = Decision
    fields = ("case", "decided", "outcome", "remedy")
    optional_columns = (CODE_FAILURES,)
    related = "decision"
    case_fields = ("received", "first_due")

    def __init__(self) -> None:
        super().__init__()
        self.editions = list(Edition.objects.all())
        self.provisions = {(provision.edition_id, provision.number): provision
                           for provision in Provision.objects.select_related("edition")}
        self.failures: dict[int, list[int]] = {}  # by case id: the provisions of the decisions being written

    def cases(self) -> QuerySet:
        return Case.objects.annotate(first_due=Min("recommendations__due"))

    def parsers(self) -> dict[str, Parser]:
        return self.case_parsers() | {
            "decided": date_until(self.today),
            "outcome": memo(required(parse_outcome)),
            "remedy": memo(parse_remedy),
            CODE_FAILURES: memo(provision_numbers),
        }

    def check(self, record: list, case: Any) -> list[tuple[str, str]]:
        _, _, decided, outcome, remedy, numbers = record
        received = case.received if case is not None else None
        problems = self.check_case(record, case) + list(
            rules.decision_problems(received, decided, outcome, remedy, case.first_due if case else None).items())
        for number in numbers:
            provision = self.provision(number, decided)
            if provision is None:
                problems.append((CODE_FAILURES, f"{number} is not a provision of the Complaint Handling Code"))
            else:
                problems += [(CODE_FAILURES, message)
                             for message in failures_problems(decided, outcome, [provision], self.editions)]
        return problems

    def provision(self, number: str, decided) -> Provision | None:
        """The provision `number` of the edition applying on `decided`, or else of the latest edition that has
        one (for the rule to say why it does not apply); None when no edition has it."""
        applying = edition_on(self.editions, decided)
        found = self.provisions.get((applying.pk, number)) if applying else None
        others = (self.provisions.get((edition.pk, number)) for edition in reversed(self.editions))
        return found or next((provision for provision in others if provision is not None), None)

    def row(self, record: list, case: Any) -> tuple:
        _, _, decided, outcome, remedy, numbers = record
        if numbers:
            self.failures[case.id] = [self.provision(number, decided).pk for number in numbers]
        return case.id, decided, outcome, remedy

    def written(self, rows: list[tuple]) -> None:
        """The Code failures of the decisions just written, now that they have ids."""
        decisions = Decision.objects.filter(case_id__in=[row[0] for row in rows if row[0] in self.failures])
        CodeFailure.objects.bulk_create(
            CodeFailure(decision_id=decision_id, provision_id=provision_id)
            for case_id, decision_id in decisions.values_list("case_id", "id")
            for provision_id in self.failures.pop(case_id))


def provision_numbers(value: str) -> tuple[str, ...]:
    """`5.3; 6.1` → ("5.3", "6.1"): provision numbers separated by `;`, each written section.item, once."""
    if not value.strip():
        return ()
    numbers: list[str] = []
    for part in value.split(";"):
        if not part.strip():
            raise ValueError(f"{value!r} has an empty provision number; separate numbers with ';', e.g. 5.3; 6.1")
        number = "{}.{}".format(*number_key(part))
        if number in numbers:
            raise ValueError(f"{number} is named twice")
        numbers.append(number)
    return tuple(numbers)


class ComplianceImport(_CaseRecordImport):
    kind = "compliance"
    noun = ("compliance outcome", "compliance outcomes")
    model = ComplianceOutcome
    fields = ("case", "recorded", "outcome")
    related = "compliance"
    case_fields = ("decision__decided", "decision__outcome")

    def parsers(self) -> dict[str, Parser]:
        return self.case_parsers() | {
            "recorded": date_until(self.today),
            "outcome": memo(required(parse_compliance)),
        }

    def check(self, record: list, case: Any) -> list[tuple[str, str]]:
        problems = self.check_case(record, case)
        if case is not None and not problems:
            problems += rules.compliance_problems(
                case.decision__decided, case.decision__outcome, record[2]).items()
        return problems
