"""Creation, change and deletion of tracked models, recorded from model signals.

Signals catch every `save()` and `delete()`, from the admin, casework
screens, shell or tests alike, without each screen having to remember. Bulk
writes that bypass signals (imports, the demonstration generator) record one
event per run themselves.

A change is recorded only when a tracked field changed, with just those
fields: a device's throttle counter or a user's last sign-in time is not news.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from upheld.audit.models import Action
from upheld.audit.record import json_value, record

# Model label -> fields left out of the trail (secrets, and bookkeeping that changes on its own).
TRACKED: dict[str, frozenset[str]] = {
    "casework.case": frozenset(),
    "casework.decision": frozenset(),
    "casework.recommendation": frozenset(),
    "casework.complianceoutcome": frozenset(),
    "auth.user": frozenset({"password", "last_login"}),
    "accounts.councilmembership": frozenset(),
    "training.linkofficer": frozenset(),  # council officers' contact details
    # The Complaint Handling Code as staff edit it, and the findings recorded against councils.
    "code.edition": frozenset(),
    "code.provision": frozenset(),
    "code.returndeadline": frozenset(),
    "code.codefailure": frozenset(),
    "otp_totp.totpdevice": frozenset({"key", "throttling_failure_timestamp", "throttling_failure_count",
                                      "last_t", "last_used_at", "created_at", "drift"}),
}


def tracked_values(instance: models.Model) -> dict:
    skip = TRACKED[instance._meta.label_lower]
    return {f.attname: json_value(f.value_from_object(instance))
            for f in instance._meta.concrete_fields if not f.primary_key and f.name not in skip}


def _remember_before(sender, instance, raw=False, **kwargs) -> None:
    if instance._state.adding or instance.pk is None:
        instance._audit_before = None
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = tracked_values(stored) if stored is not None else None


def _saved(sender, instance, created, raw=False, **kwargs) -> None:
    after = tracked_values(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record(Action.CREATE, instance, after=after)
        return
    changed = [name for name in after if before.get(name) != after[name]]
    if changed:
        record(Action.CHANGE, instance, before={name: before.get(name) for name in changed},
               after={name: after[name] for name in changed})
    instance._audit_before = after


def _deleted(sender, instance, **kwargs) -> None:
    record(Action.DELETE, instance, before=tracked_values(instance))


def _groups_changed(sender, instance, action, pk_set, **kwargs) -> None:
    """A user's roles (groups) given or taken away, recorded against the user."""
    if action not in {"post_add", "post_remove", "pre_clear"} or not isinstance(instance, get_user_model()):
        return
    groups = instance.groups.all() if action == "pre_clear" else Group.objects.filter(pk__in=pk_set)
    names = sorted(groups.values_list("name", flat=True))
    if not names:
        return
    if action == "post_add":
        record(Action.CHANGE, instance, after={"roles added": names})
    else:
        record(Action.CHANGE, instance, before={"roles removed": names})


def connect() -> None:
    from django.apps import apps

    for label in TRACKED:
        model = apps.get_model(label)
        pre_save.connect(_remember_before, sender=model, dispatch_uid=f"audit-before-{label}")
        post_save.connect(_saved, sender=model, dispatch_uid=f"audit-saved-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"audit-deleted-{label}")
    m2m_changed.connect(_groups_changed, sender=get_user_model().groups.through, dispatch_uid="audit-groups")
