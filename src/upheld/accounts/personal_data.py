"""Personal data in the admin's lists: only those who may see a field filter, search or sort by it.

The admin filters a list by any field named in the address, through
relations too (`?complainant_email__regex=^a`, or from the councils' list
`?cases__complainant_email__startswith=a`). Whoever may open the list could
then read a field they are never shown a character at a time, from whether a
row is still listed. `PersonalDataAdmin`, a base of every ModelAdmin on the
staff site, refuses a lookup that reaches a field its user may not see,
with a page that says so (HTTP 403), and records the attempt in the audit
trail; it leaves such fields out of the list's search, columns, filters and
order. Lookups the admin refuses anyway (a relation not among a list's
filters) get the same page with Django's HTTP 400, not a bare error.

What counts: a model's `PERSONAL_FIELDS` (which the audit trail also
redacts) and `CONTACT_FIELDS` below, seen by whoever may view the model
(`SEEN_WITH` where it takes more), and `SECRET_FIELDS`, seen by no one.
"""

from __future__ import annotations

from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.db.models.constants import LOOKUP_SEP

from upheld.audit.models import Action
from upheld.audit.record import REDACTED, record

# People's contact details on models that keep them out of `PERSONAL_FIELDS`: council officers' and staff's
# work details, which the audit trail records as they change, and the addresses of sign-in attempts.
CONTACT_FIELDS: dict[str, frozenset[str]] = {
    "authorities.contact": frozenset({"name", "email"}),
    "training.linkofficer": frozenset({"name", "email", "phone"}),
    "auth.user": frozenset({"first_name", "last_name", "email"}),
    "audit.auditevent": frozenset({"ip"}),
    "axes.accessattempt": frozenset({"ip_address", "username"}),
    "axes.accesslog": frozenset({"ip_address", "username"}),
    "axes.accessfailurelog": frozenset({"ip_address", "username"}),
}
# Secrets: no one filters by them, a superuser neither (`?key__startswith=` would read a second factor).
SECRET_FIELDS: dict[str, frozenset[str]] = {
    "auth.user": frozenset({"password"}),
    "otp_totp.totpdevice": frozenset({"key"}),
}
# The permission that shows a model's personal fields, where viewing the model is not enough.
SEEN_WITH = {"casework.case": "casework.view_personal_data"}


def personal_fields(model: type[models.Model]) -> frozenset[str]:
    return frozenset(getattr(model, "PERSONAL_FIELDS", ())) | CONTACT_FIELDS.get(model._meta.label_lower, frozenset())


def may_see(user, model: type[models.Model]) -> bool:
    """Whether `user` may see the personal fields of `model`."""
    opts = model._meta
    return user.has_perm(SEEN_WITH.get(opts.label_lower) or f"{opts.app_label}.{get_permission_codename('view', opts)}")


def hidden_field(model: type[models.Model], path: str, user) -> tuple[type[models.Model], str] | None:
    """The first field on `path` ("cases__complainant_email__regex") that `user` may not see, as
    (its model, its name); None when every field on it may be seen."""
    for part in path.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None  # a lookup or transform ("regex", "year") after the fields, or no field at all
        label = model._meta.label_lower
        if field.name in SECRET_FIELDS.get(label, ()) or (
                field.name in personal_fields(model) and not may_see(user, model)):
            return model, field.name
        if field.related_model is None:
            return None
        model = field.related_model
    return None


class PersonalDataLookup(PermissionDenied):
    """A list asked to be filtered by a field its user may not see (a 403 should it ever escape)."""

    def __init__(self, lookup: str, model: type[models.Model], field: str) -> None:
        super().__init__(f"filtering by {lookup} refused")
        self.lookup, self.model, self.field = lookup, model, field

    def describe(self, listed: type[models.Model]) -> str:
        name = self.model._meta.get_field(self.field).verbose_name
        of = "" if self.model is listed else f" of {self.model._meta.verbose_name_plural}"
        why = ("it is a secret" if self.field in SECRET_FIELDS.get(self.model._meta.label_lower, ())
               else "it is personal data your role does not see")
        return f"You cannot filter {listed._meta.verbose_name_plural} by {name}{of}: {why}."


class UnofferedLookup(DisallowedModelAdminLookup):
    """A lookup Django's admin refuses (a relation that is not one of the list's filters)."""

    def __init__(self, lookup: str) -> None:
        super().__init__(f"Filtering by {lookup} not allowed")
        self.lookup = lookup


def _strip(path: str) -> str:
    """A search field or ordering without its prefix ("^name", "=email", "-received")."""
    return path.lstrip("^=@-")


class PersonalDataAdmin:
    """ModelAdmin mixin (first among the bases): lists filter, search and sort only by what their user may see."""

    def _hides(self, request, item) -> bool:
        """Whether a column, filter, search field or ordering (a name, a path, or a callable with an
        `admin_order_field`) reaches a field that the user may not see."""
        if isinstance(item, tuple | list):  # a filter as (field, FilterClass)
            paths = [item[0]]
        else:
            target = getattr(self, item, None) if isinstance(item, str) else item
            paths = [item, getattr(target, "admin_order_field", None)]
        return any(isinstance(path, str) and hidden_field(self.model, _strip(path), request.user)
                   for path in paths)

    def lookup_allowed(self, lookup, value, request=None):
        if request is not None and (found := hidden_field(self.model, lookup, request.user)):
            raise PersonalDataLookup(lookup, *found)
        if not super().lookup_allowed(lookup, value, request):
            raise UnofferedLookup(lookup)
        return True

    def get_search_fields(self, request):
        return [name for name in super().get_search_fields(request) if not self._hides(request, name)]

    def get_list_display(self, request):
        return [item for item in super().get_list_display(request) if not self._hides(request, item)]

    def get_list_filter(self, request):
        return [item for item in super().get_list_filter(request) if not self._hides(request, item)]

    def get_sortable_by(self, request):
        return [item for item in super().get_sortable_by(request) if not self._hides(request, item)]

    def get_ordering(self, request):
        return [item for item in super().get_ordering(request) or () if not self._hides(request, item)]

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except PersonalDataLookup as refused:
            self._record_refusal(request, refused)
            return self.admin_site.refusal(
                request, f"{refused.describe(self.model)} The attempt has been recorded in the audit trail.")
        except UnofferedLookup as refused:
            return self.admin_site.refusal(
                request, f"You cannot filter {self.opts.verbose_name_plural} by {refused.lookup}: "
                "this list is filtered only by the choices beside it.", status=400)

    def _record_refusal(self, request, refused: PersonalDataLookup) -> None:
        """Who tried which field, and the address they asked for with the values of every such lookup
        left out: a guess at someone's details is not kept in the trail."""
        query = request.GET.copy()
        for key in query:
            if hidden_field(self.model, key, request.user):
                query.setlist(key, [REDACTED] * len(query.getlist(key)))
        record(Action.REFUSED, request=request, object_type=refused.model._meta.label_lower,
               object_repr=f"filter {self.opts.verbose_name_plural} by {refused.field}",
               after={"field": refused.field, "lookup": refused.lookup, "url": f"{request.path}?{query.urlencode()}"})
