"""How long complainants' details are kept, and clearing them after that.

A case's personal data is kept for `UPHELD_RETENTION_YEARS` (default 6)
after its decision, or after it was received if it was never decided, then
cleared: the case itself stays, with everything the statistics need, and
only the complainant fields become blank. Each cleared case gets an audit
event saying which fields were cleared (never their values).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from upheld.audit.models import Action, AuditEvent
from upheld.audit.record import record
from upheld.casework.models import Case

BATCH = 2000


def retention_cutoff(today: datetime.date | None = None, years: int | None = None) -> datetime.date:
    """The first day still within retention: cases decided (or received) before it are past it."""
    today = today or timezone.localdate()
    years = settings.UPHELD_RETENTION_YEARS if years is None else years
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def expired_cases(cutoff: datetime.date) -> QuerySet:
    """Cases past retention on `cutoff` that still hold any personal data."""
    past = Q(decision__isnull=False, decision__decided__lt=cutoff) | Q(decision__isnull=True, received__lt=cutoff)
    return Case.objects.filter(past).exclude(**{name: "" for name in Case.PERSONAL_FIELDS})


def anonymise(cases: QuerySet) -> int:
    """Clear the personal fields of `cases`, one audit event each, in batches; return how many.

    The ids are read first, so no cursor stays open over rows being changed. Each case's version is raised,
    as by any save (`services.save_versioned`)."""
    ids = list(cases.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = Case.objects.filter(pk__in=ids[start:start + BATCH])
        with transaction.atomic():
            rows = list(batch.values_list("pk", "reference", "authority_id", *Case.PERSONAL_FIELDS))
            # A new version makes any form opened before stale, so it cannot save the details back.
            batch.update(**dict.fromkeys(Case.PERSONAL_FIELDS, ""), version=F("version") + 1)
            AuditEvent.objects.bulk_create([_event(row) for row in rows])
    return len(ids)


def _event(row: tuple) -> AuditEvent:
    pk, reference, authority_id, *values = row
    cleared = [name for name, value in zip(Case.PERSONAL_FIELDS, values, strict=True) if value]
    return record(Action.ANONYMISE, object_type="casework.case", object_id=str(pk), object_repr=reference,
                  case_id=pk, authority_id=authority_id, before=dict.fromkeys(cleared, "set"),
                  after=dict.fromkeys(cleared, ""), save=False)
