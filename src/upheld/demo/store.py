"""Put generated demonstration data in the database, replacing any before it.

A whole scheme's casework is some 200,000 cases with their decisions, and the
benchmarks build a national-scale database the same way. Rows are written as
plain values in large batches inside one transaction, so memory stays flat
and a failure leaves the previous data as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.db.models import Max

from upheld.audit import record as audit
from upheld.audit.context import acting_as
from upheld.audit.models import Action
from upheld.authorities.models import Authority
from upheld.casework.improvements import DEMO_REVIEWER, approve_demonstration
from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation, Subcategory
from upheld.casework.rules import subcategory_key
from upheld.demo import texts
from upheld.demo.code_returns import replace_returns
from upheld.demo.generator import CaseRecord, Council, generate
from upheld.demo.models import DemoDataset
from upheld.years import ReportingYear

FLUSH_EVERY = 20_000  # cases held in memory before writing


@dataclass
class DemoSummary:
    councils: int = 0
    cases: int = 0
    decisions: int = 0
    recommendations: int = 0
    compliance_outcomes: int = 0
    code_returns: int = 0  # Complaint Handling Code self-assessment returns sent (`upheld.demo.code_returns`)


def councils_from_register() -> list[Council]:
    rows = Authority.objects.order_by("gss").values_list("gss", "type", "start_date", "end_date", "population_2020")
    return [Council(*row) for row in rows]


@transaction.atomic
def replace_demo_data(seed: int, years: Sequence[ReportingYear], scale: float = 1.0,
                      progress: Callable[[Iterable, int], Iterable] = lambda items, total: items) -> DemoSummary:
    """Delete earlier synthetic cases, generate new ones and mark the database as a demonstration."""
    delete_synthetic_cases()
    DemoDataset.objects.all().delete()
    _list_subcategories()
    councils = councils_from_register()
    writer = _Writer({gss: pk for pk, gss in Authority.objects.values_list("pk", "gss")})
    for _, cases in progress(generate(councils, seed, years, scale), len(councils)):
        writer.add(cases)
    writer.flush()
    writer.summary.councils = len(councils)
    _approve_improvements()
    writer.summary.code_returns = replace_returns(seed, years)
    DemoDataset.objects.create(seed=seed, first_year=min(years).label, last_year=max(years).label,
                               cases=writer.summary.cases)
    return writer.summary


def _list_subcategories() -> None:
    """Every subcategory the generator files cases under is listed, so the cases can be edited as they are
    (a new installation lists them already; staff may have added others, which stay)."""
    listed = Subcategory.objects.listed()
    Subcategory.objects.bulk_create(
        Subcategory(category=category, name=name) for category, names in texts.SUBCATEGORIES.items()
        for name in names if (category, subcategory_key(name)) not in listed)


def _approve_improvements() -> None:
    """The synthetic service improvements are approved for publication by a "demo" step, not a publisher,
    when the anonymisation guard passes their text: the public pages show them, as real ones once approved."""
    if approved := approve_demonstration(Recommendation.objects):
        with acting_as(DEMO_REVIEWER):
            audit.record(Action.CHANGE, object_type="casework.recommendation",
                         object_repr=f"{approved:,} demonstration service improvements approved for publication",
                         after={"approved": True, "reviewer_name": DEMO_REVIEWER, "count": approved})


class _Writer:
    """Collects generated cases and writes them, with their decisions and the rest, in batches."""

    def __init__(self, authority_ids: dict[str, int]) -> None:
        self.authority_ids = authority_ids
        self.pending: list[CaseRecord] = []
        self.summary = DemoSummary()
        self.day = connection.ops.adapt_datefield_value

    def add(self, cases: list[CaseRecord]) -> None:
        self.pending += cases
        if len(self.pending) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        records, self.pending = self.pending, []
        day = self.day
        last_id = Case.objects.aggregate(last=Max("pk"))["last"] or 0
        _insert(Case, ("reference", "authority", "received", "category", "subcategory", "synthetic"), [
            (r.reference, self.authority_ids[r.gss], day(r.received), r.category, r.subcategory, True)
            for r in records
        ])
        ids = dict(Case.objects.filter(pk__gt=last_id, synthetic=True).values_list("reference", "pk"))
        decisions, recommendations, compliance = [], [], []
        for record in records:
            case_id = ids[record.reference]
            if record.decision:
                decided, outcome, remedy = record.decision
                decisions.append((case_id, day(decided), outcome, remedy))
            recommendations += ((case_id, kind, text, day(due)) for kind, text, due in record.recommendations)
            if record.compliance:
                compliance.append((case_id, day(record.compliance.recorded), record.compliance.outcome))
        _insert(Decision, ("case", "decided", "outcome", "remedy"), decisions)
        _insert(Recommendation, ("case", "kind", "text", "due"), recommendations)
        _insert(ComplianceOutcome, ("case", "recorded", "outcome"), compliance)
        self.summary.cases += len(records)
        self.summary.decisions += len(decisions)
        self.summary.recommendations += len(recommendations)
        self.summary.compliance_outcomes += len(compliance)


def _insert(model: type[models.Model], fields: Sequence[str], rows: list[tuple]) -> None:
    """Insert rows of plain values in bulk: COPY on PostgreSQL, executemany elsewhere.

    The ORM's bulk_create spends most of its time building a model instance
    and preparing each value, which generated values do not need.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)  # names come from the model, never from input
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608


def delete_synthetic_cases() -> None:
    """Delete the synthetic cases and every record that depends on them.

    Django's cascading delete collects the cases a few hundred at a time,
    which takes seconds for a whole scheme's casework; one statement per
    dependent table and one for the cases take a fraction of that. A
    reference to a case that does not cascade still stops the delete: the
    foreign key constraint fails when the transaction commits.
    """
    for relation in Case._meta.related_objects:
        relation.related_model._base_manager.filter(**{f"{relation.field.name}__synthetic": True}).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(Case._meta.db_table)} WHERE synthetic = %s",  # noqa: S608
                       [True])
