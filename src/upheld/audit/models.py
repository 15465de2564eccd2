"""One row per thing done: append-only.

Rows are never changed or deleted: `save` refuses an existing row, `delete`
and the queryset's `update`/`delete` refuse outright, and a database trigger
(migration 0002) refuses UPDATE and DELETE from any client, the ORM or not.

Who and what are kept as text as well as ids, and the ids are plain numbers,
not foreign keys, so deleting a user, a case or a council never touches (or
is blocked by) its history, and no cascade ever reaches this table. Values of personal-data fields are never stored:
`before`/`after` show only that such a field changed (see `upheld.audit.record`),
so erasing a complainant's details leaves nothing of them here.
"""

from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event."""


class Action(models.TextChoices):
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    DELETE = "delete", "Deleted"
    VIEW = "view", "Viewed personal data"
    EXPORT = "export", "Exported"
    IMPORT = "import", "Imported"
    ANONYMISE = "anonymise", "Anonymised"
    LOGIN = "login", "Signed in"
    LOGIN_FAILED = "login failed", "Failed sign-in"
    LOGOUT = "logout", "Signed out"
    VERIFY = "verify", "Gave second factor"
    ENROL = "enrol", "Set up second factor"
    PASSWORD = "password", "Changed password"
    REFUSED = "refused", "Refused"  # asked for what the role may not have (e.g. a filter by personal data)


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit trail is append-only: events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("The audit trail is append-only: events cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("The audit trail is append-only: events cannot be changed.")


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField("actor's user id", null=True, blank=True)
    actor_name = models.CharField(max_length=150, blank=True, help_text="Username at the time, or the command")
    action = models.CharField(max_length=12, choices=Action.choices)
    object_type = models.CharField(max_length=100, blank=True, help_text="app_label.model")
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    case_id = models.BigIntegerField("case id", null=True, blank=True, db_index=True)
    authority_id = models.BigIntegerField("council id", null=True, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="The request (method and path) or command")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        permissions = [("export_auditevent", "Can export the audit trail")]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The audit trail is append-only: events cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit trail is append-only: events cannot be deleted.")
