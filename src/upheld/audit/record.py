"""Writing audit events.

`record` is the one way events are written; `record_view` is what a screen
showing personal data calls. Each event carries the object it is about, the
case and council it belongs to (so a case's history and a council's can be
listed), and, for a change, the values of the changed fields before and after.

Personal-data fields (a model's `PERSONAL_FIELDS`) are never written with their values:
the trail says that a complainant's name was set, changed or cleared, and who
did it, without becoming a second copy of the personal data that retention
would then have to erase from an append-only table.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.apps import apps
from django.db import models
from django.http import HttpRequest

from upheld.audit import context
from upheld.audit.models import Action, AuditEvent

REDACTED = "(personal data)"


def record(action: Action | str, obj: models.Model | None = None, *, request: HttpRequest | None = None,
           before: Mapping[str, Any] | None = None, after: Mapping[str, Any] | None = None,
           object_type: str = "", object_id: str = "", object_repr: str = "",
           case_id: int | None = None, authority_id: int | None = None, actor=None,
           save: bool = True) -> AuditEvent:
    """Write (or, with `save=False`, build for a bulk insert) one event about `obj`."""
    where = context.current(request)
    actor = actor or where.user
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
        found_case, found_authority = owners(obj)
        case_id = case_id if case_id is not None else found_case
        authority_id = authority_id if authority_id is not None else found_authority
    event = AuditEvent(
        actor_id=actor.pk if actor else None,
        actor_name=actor.get_username() if actor else ("anonymous" if where.request else where.source),
        action=action, object_type=object_type, object_id=object_id, object_repr=object_repr[:200],
        case_id=case_id, authority_id=authority_id,
        before=redact(object_type, before or {}), after=redact(object_type, after or {}),
        ip=where.ip, request_id=where.request_id, source=where.source,
    )
    if save:
        event.save()
    return event


def record_view(request: HttpRequest, obj: models.Model, fields: Iterable[str] | None = None) -> AuditEvent:
    """Record that the person making `request` was shown the personal data of `obj`.

    `fields` names what was shown (default: every personal-data field of its model)."""
    shown = sorted(fields if fields is not None else personal_fields(obj._meta.label_lower))
    return record(Action.VIEW, obj, request=request, after={"fields": shown})


def owners(obj: models.Model) -> tuple[int | None, int | None]:
    """The case and the council that `obj` belongs to, where it belongs to one."""
    label = obj._meta.label_lower
    if label == "casework.case":
        return obj.pk, obj.authority_id
    if hasattr(obj, "case_id") and label.startswith("casework."):
        case = obj.case if obj.case_id else None
        return obj.case_id, case.authority_id if case else None
    if label == "code.codefailure":  # a finding on a decision: its case's
        case = obj.decision.case
        return case.pk, case.authority_id
    if label == "code.version":  # a council's return
        return None, obj.assessment.authority_id
    if hasattr(obj, "authority_id"):
        return None, obj.authority_id
    return None, None


def personal_fields(object_type: str) -> frozenset[str]:
    """The fields of the model `object_type` ("app_label.model") that hold personal data."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return frozenset()
    return frozenset(getattr(model, "PERSONAL_FIELDS", ()))


def redact(object_type: str, values: Mapping[str, Any]) -> dict[str, Any]:
    personal = personal_fields(object_type)
    return {name: (REDACTED if value not in ("", None) else "") if name in personal else value
            for name, value in values.items()}


def json_value(value: Any) -> Any:
    """A field's value in a form JSON can hold."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return "(binary)"
    return value
