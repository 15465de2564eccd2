"""The audit trail as CSV, for the command and the staff download.

Every cell goes through `csv_output.safe_cell`: a username or a case's
subcategory must not become a formula when the file is opened.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone

from upheld.audit.models import AuditEvent
from upheld.csv_output import Echo, safe_cell

COLUMNS = ["when", "actor", "actor id", "action", "object type", "object id", "object", "case id", "council id",
           "before", "after", "ip address", "request id", "source"]


def events_since(since: datetime.date | None = None, until: datetime.date | None = None) -> QuerySet:
    events = AuditEvent.objects.order_by("at", "id")
    if since:
        events = events.filter(at__gte=_start_of(since))
    if until:
        events = events.filter(at__lt=_start_of(until + datetime.timedelta(days=1)))
    return events


def rows(events: QuerySet) -> Iterator[list[str]]:
    yield COLUMNS
    for e in events.iterator(chunk_size=2000):
        yield [safe_cell(value) for value in (
            timezone.localtime(e.at).isoformat(), e.actor_name, e.actor_id, e.action, e.object_type, e.object_id,
            e.object_repr, e.case_id, e.authority_id, _json(e.before), _json(e.after), e.ip, e.request_id, e.source,
        )]


def write_csv(events: QuerySet, out) -> int:
    """Write `events` to the text file `out`; return how many were written."""
    writer = csv.writer(out)
    written = -1
    for row in rows(events):
        writer.writerow(row)
        written += 1
    return written


def csv_lines(events: QuerySet) -> Iterable[str]:
    writer = csv.writer(Echo())
    return (writer.writerow(row) for row in rows(events))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
