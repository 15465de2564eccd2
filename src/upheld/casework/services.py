"""The casework screens' workflow: the caseload query, intake, saving with
optimistic locking, and a case's history read from the audit trail.

Saving. Two people may open the same record; the second to save must not
silently overwrite the first. Each form carries the `version` the record had
when it was loaded, and `save_versioned` claims the row with a conditional
`UPDATE ... WHERE version = N` inside the saving transaction: if someone
saved in between the version is no longer N, no row matches, and nothing is
written (`Conflict`). The claim holds the row (PostgreSQL's row lock; SQLite
writes one transaction at a time), so the check and the save cannot be split
by another writer. The save itself goes through `Model.save()`, so the audit
trail's signals record the change with its before and after values
(`upheld.audit.tracking`), the version among them: that is how a refused save
can show what the other person changed. It writes only the fields the form
sets and its user changed (and the version): a column the form does not
carry, such as a complainant's details hidden from this user, or one the user
left as it was when the form was opened, keeps its stored value.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Replace
from django.utils import timezone

from upheld.audit.models import Action, AuditEvent
from upheld.audit.record import REDACTED
from upheld.casework.compliance import ComplianceStatus, compliance_status, delayed_from
from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation
from upheld.casework.vocabulary import ComplianceResult, Outcome
from upheld.years import ReportingYear

ONE_DAY = datetime.timedelta(days=1)
UNDECIDED = "undecided"  # the caseload's filter value for cases without a decision
# Synthetic (demonstration) references start at 500 000 in each year; given ones stay below.
GIVEN_REFERENCES_BELOW = 500_000
# A case has at most one of each: two people creating one at once is a conflict, not a fault.
ONE_PER_CASE = (Decision, ComplianceOutcome)


class Conflict(Exception):
    """A save based on version `expected` of a record that someone else has changed since
    (or, with `expected` 0, created meanwhile). Nothing was written."""

    def __init__(self, model: type[models.Model], pk: int | None, expected: int):
        super().__init__(f"{model._meta.verbose_name} changed by someone else")
        self.model = model
        self.current = model._base_manager.filter(pk=pk).first() if pk is not None else None
        self.expected = expected
        self.changes = changes_since(self.current, expected) if self.current is not None else []

    @property
    def version(self) -> int:
        """The version now stored: what a deliberate second save must quote."""
        return self.current.version if self.current is not None else 0


class ReferenceTaken(Exception):
    """An entered reference was taken by another case between checking and saving."""


# The caseload ---------------------------------------------------------------------------------------------

def caseload(filters: dict, today: datetime.date) -> tuple[QuerySet, dict[str, int]]:
    """Cases matching `filters` (the cleaned values of `CaseloadFilterForm`), each annotated
    with what the list shows (earliest recommendation due date, decision and compliance
    outcome: one query for a page of any length), and how many of the cases matching the
    other filters are in each compliance status (one more query)."""
    # The list shows no personal data, so it does not fetch any.
    cases = _annotated(Case.objects.select_related("authority").defer(*Case.PERSONAL_FIELDS))
    if reference := filters.get("reference"):
        compact = "".join(reference.split())
        cases = cases.annotate(compact_reference=Replace("reference", Value(" "), Value(""))).filter(
            compact_reference__icontains=compact)
    if council := filters.get("council"):
        council = " ".join(council.split())
        cases = cases.filter(Q(authority__gss__iexact=council) | Q(authority__name__icontains=council)
                             | Q(authority__short_name__icontains=council))
    if category := filters.get("category"):
        cases = cases.filter(category=category)
    if first := filters.get("received_from"):
        cases = cases.filter(received__gte=first)
    if last := filters.get("received_to"):
        cases = cases.filter(received__lte=last)
    if first := filters.get("decided_from"):
        cases = cases.filter(decision__decided__gte=first)
    if last := filters.get("decided_to"):
        cases = cases.filter(decision__decided__lte=last)
    if decision := filters.get("decision"):
        cases = cases.filter(decision__isnull=True) if decision == UNDECIDED else cases.filter(
            decision__outcome=decision)
    counts = status_counts(cases, today)
    if status := filters.get("status"):
        cases = cases.filter(status_filter(status, today))
    return cases, counts


def _annotated(cases: QuerySet) -> QuerySet:
    first_due = Recommendation.objects.filter(case=OuterRef("pk")).order_by("due").values("due")[:1]
    return cases.annotate(first_due=Subquery(first_due), decision_outcome=models.F("decision__outcome"),
                          decided=models.F("decision__decided"),
                          compliance_outcome=models.F("compliance__outcome"))


def status_filter(status: ComplianceStatus, today: datetime.date) -> Q:
    """The cases whose `compliance_status(...)` on `today` is `status`, as a condition on the
    annotations of `caseload`: the same definition, in SQL."""
    if status in ComplianceResult.values:
        return Q(compliance_outcome=status)
    outstanding = Q(compliance_outcome__isnull=True)
    latest_delayed = latest_delayed_due(today)
    return outstanding & {
        ComplianceStatus.NO_RECOMMENDATIONS: Q(first_due__isnull=True),
        ComplianceStatus.AWAITING: Q(first_due__gte=today),
        ComplianceStatus.OVERDUE: Q(first_due__lt=today, first_due__gt=latest_delayed),
        ComplianceStatus.DELAYED: Q(first_due__lte=latest_delayed),
    }[ComplianceStatus(status)]


def latest_delayed_due(today: datetime.date) -> datetime.date:
    """The latest due date that counts as delayed on `today`. `delayed_from` never decreases,
    and twelve months are at most 366 days, so the answer is at or just after today - 366 days."""
    day = today - datetime.timedelta(days=366)
    while delayed_from(day + ONE_DAY) <= today:
        day += ONE_DAY
    return day


def status_counts(cases: QuerySet, today: datetime.date) -> dict[str, int]:
    """How many of `cases` are in each compliance status, in one query."""
    return cases.aggregate(**{status.value: Count("pk", filter=status_filter(status, today))
                              for status in ComplianceStatus})


@dataclass
class Row:
    """One case of the list, with its status worked out by `compliance_status`."""

    case: Case
    status: ComplianceStatus
    outcome: str


def rows(cases, today: datetime.date) -> list[Row]:
    return [Row(case, compliance_status(case.first_due, case.compliance_outcome, today),
                Outcome(case.decision_outcome).label if case.decision_outcome else "")
            for case in cases]


def case_status(case: Case, today: datetime.date) -> ComplianceStatus:
    """The compliance status of one case (its recommendations and compliance already loaded)."""
    dues = [recommendation.due for recommendation in case.recommendations.all()]
    compliance = getattr(case, "compliance", None)
    return compliance_status(min(dues, default=None), compliance.outcome if compliance else None, today)


# Intake ---------------------------------------------------------------------------------------------------

def next_reference(received: datetime.date) -> str:
    """The next reference in the scheme's style, `24 000 123`: the year received, then a running
    number below the range the demonstration data uses."""
    year = ReportingYear.containing(received).start_year % 100
    pattern = rf"^{year:02d} [0-4][0-9][0-9] [0-9][0-9][0-9]$"
    last = (Case.objects.filter(reference__regex=pattern).order_by("-reference")
            .values_list("reference", flat=True).first())
    number = int(last[3:].replace(" ", "")) + 1 if last else 1
    if number >= GIVEN_REFERENCES_BELOW:
        raise ValueError(f"No references left for the year starting 20{year:02d}")
    return f"{year:02d} {number // 1000:03d} {number % 1000:03d}"


def open_case(case: Case) -> Case:
    """Save a new case (validated by the intake form). Without an entered reference it gets the
    next one; two intakes racing for the same number retry with the next."""
    entered = bool(case.reference)
    for _ in range(5):
        if not entered:
            case.reference = next_reference(case.received)
        try:
            with transaction.atomic():
                case.save(force_insert=True)
            return case
        except IntegrityError:
            case.pk = None
            if entered:
                raise ReferenceTaken(case.reference) from None
    raise ReferenceTaken(case.reference)


# Saving with optimistic locking ---------------------------------------------------------------------------

def save_versioned(record: models.Model, expected: int, fields: Iterable[str] | None = None,
                   then: Callable[[models.Model], None] | None = None) -> models.Model:
    """Save `record` (its new values already set) if it is still at version `expected`
    (0: not yet created), raising it by one; otherwise raise `Conflict`, writing nothing.
    An existing record is written only in `fields` (and `version`) when they are given; its
    other fields are read back as stored. `then` writes what goes with the record (a decision's
    Code failures), in the same transaction: all of it is saved or none."""
    model = type(record)
    creating = record.pk is None
    try:
        with transaction.atomic():
            if creating:
                if expected != 0:
                    raise Conflict(model, None, expected)
                record.save(force_insert=True)  # one per case: a racing creation fails here
                if then is not None:
                    then(record)
                return record
            if not model._base_manager.filter(pk=record.pk, version=expected).update(version=expected):
                raise Conflict(model, record.pk, expected)
            record.version = expected + 1
            if fields is not None:  # the others keep, in memory too (and so in the audit trail), what is stored
                fields = [*fields, "version"]
                record.refresh_from_db(fields=[field.name for field in model._meta.concrete_fields
                                               if not field.primary_key and field.name not in fields])
            record.save(update_fields=fields)
            if then is not None:
                then(record)
            return record
    except IntegrityError:
        if not (creating and model in ONE_PER_CASE):
            raise  # not a race for the one record a case may have: a fault, not someone else's save
        existing = model._base_manager.filter(case_id=record.case_id).values_list("pk", flat=True).first()
        raise Conflict(model, existing, expected) from None


# History ---------------------------------------------------------------------------------------------------

@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    """One audit event about a case or its parts, in words; or, for views of the complainant's details, one
    person's views of a day (`views`, the first of them the entry's `event`)."""

    event: AuditEvent
    what: str
    changes: list[Change] = field(default_factory=list)
    note: str = ""
    views: list[Entry] = field(default_factory=list)

    @property
    def day(self) -> datetime.date:
        return timezone.localdate(self.event.at)


def history(case: Case) -> list[Entry]:
    """Everything recorded about `case` and its decision, recommendations and compliance, oldest first. Each
    view of the complainant's details is an event of the audit trail, but a case is read far more often than it
    changes: here one person's views of one day are one entry, where the first of them was, so that the
    changes are not lost among them."""
    entries: list[Entry] = []
    views: dict[tuple, Entry] = {}
    for event in AuditEvent.objects.filter(case_id=case.pk).order_by("at", "id"):
        entry = describe(event)
        if event.action == Action.VIEW:
            key = (event.actor_id, event.actor_name, entry.day)
            if key in views:
                views[key].views.append(entry)
                continue
            views[key] = entry
            entry.views.append(entry)
        entries.append(entry)
    return entries


def changes_since(record: models.Model, version: int) -> list[Entry]:
    """The creations and changes of `record` from `version` on, as recorded in the audit trail."""
    events = AuditEvent.objects.filter(object_type=record._meta.label_lower, object_id=str(record.pk),
                                       action__in=[Action.CREATE, Action.CHANGE]).order_by("at", "id")
    return [describe(event) for event in events
            if (event.action == Action.CREATE and version == 0)
            or (event.action == Action.CHANGE and (event.before.get("version") or 0) >= version)]


_NOT_SHOWN = {"version", "case", "case_id", "synthetic"}


def describe(event: AuditEvent) -> Entry:
    model = _model(event.object_type)
    noun = model._meta.verbose_name.capitalize() if model else event.object_type
    entry = Entry(event, f"{noun} {event.object_repr}" if model is Case else noun)
    if event.action == Action.VIEW:
        entry.note = "Shown: " + ", ".join(_label(model, name) for name in event.after.get("fields", []))
        return entry
    names = [name for name in {**event.before, **event.after} if name not in _NOT_SHOWN]
    entry.changes = [Change(_label(model, name), shown(model, name, event.before.get(name)),
                            shown(model, name, event.after.get(name))) for name in names]
    return entry


def _model(object_type: str) -> type[models.Model] | None:
    from django.apps import apps

    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    try:
        return model._meta.get_field(re.sub(r"_id$", "", name)) if model else None
    except FieldDoesNotExist:  # a field since removed: show its stored name
        return None


def _label(model, name: str) -> str:
    found = _field(model, name)
    return str(found.verbose_name).capitalize() if found is not None else name.replace("_", " ").capitalize()


def shown(model, name: str, value) -> str:
    """A value of `model`'s field `name` in words: a choice's label, a related record's name."""
    if value in (None, ""):
        return ""
    if value == REDACTED:
        return value
    found = _field(model, name)
    if found is not None and found.choices:
        return str(dict(found.flatchoices).get(value, value))
    if found is not None and found.is_relation:
        return str(found.related_model._base_manager.filter(pk=value).first() or value)
    return str(value)
