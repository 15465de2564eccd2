"""Casework in the admin.

Complainants' details appear only to staff with `casework.view_personal_data`
(caseworkers); for everyone else the fields are not in the form at all, so
they can neither see nor change them, nor filter, search or sort the list by
them (`PersonalDataAdmin`: such a lookup is refused and recorded). Each
showing of a case to someone who can see them is recorded in the audit
trail, and a case's "History" lists its audit events (who created, changed
or viewed it, and when).

Edits here are locked like the casework screens' (`services.save_versioned`):
the case form and each inline carry the version they were loaded at, and a
save from a version someone has since changed is refused with a form error
(or, if the change came between the check and the save, with a message and
nothing saved), so neither a screen nor the admin silently overwrites the other.
Like the screens' forms, they carry the values they were opened with and a
save writes only the fields changed from those.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from upheld.accounts.personal_data import PersonalDataAdmin
from upheld.audit.models import AuditEvent
from upheld.audit.record import record_view
from upheld.casework import services
from upheld.casework.forms import Versioned
from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation, Subcategory

PERSONAL_DATA = "casework.view_personal_data"
STALE = ("Someone else changed this {record} while you were editing it, so nothing was saved. Open the case again "
         "to see their changes, then make yours.")


class VersionedAdminForm(Versioned):
    """The admin's form of a versioned record: a changed form (a stale version counts as a change) is checked
    against the stored version, and saved through `save_versioned`, which writes the fields changed from the
    values the form was opened with (each field renders them beside itself, in a hidden input)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.record_fields():
            self.fields[name].show_hidden_initial = True

    def clean(self):
        cleaned = super().clean()
        record = self.instance
        if record.pk is not None and "version" in cleaned and self.has_changed():
            # The admin saves inside one transaction: the row stays locked until the save (PostgreSQL).
            current = type(record)._base_manager.select_for_update().filter(pk=record.pk, version=cleaned["version"])
            if not current.exists():
                raise ValidationError(STALE.format(record=record._meta.verbose_name), code="stale")
        return cleaned

    def save(self, commit=True):
        record = super().save(commit=False)
        if commit:  # an inline's record; the case itself is saved by `CaseAdmin.save_model`
            services.save_versioned(record, self.cleaned_data["version"], self.saved_fields())
            self.save_m2m()
        return record


def _model_fields(fields: list[str] | None) -> list[str] | None:
    """The fields the admin's form factory is given: the shown fields but `version`, which is the form's own
    (hidden) field, as the model's is not editable and the factory refuses it."""
    return None if fields is None else [name for name in fields if name != "version"]


class VersionedInline:
    form = VersionedAdminForm
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        return super().get_formset(request, obj, **{**kwargs, "fields": _model_fields(kwargs["fields"])})


class DecisionInline(VersionedInline, admin.StackedInline):
    model = Decision


class RecommendationInline(VersionedInline, admin.TabularInline):
    model = Recommendation


class ComplianceInline(VersionedInline, admin.StackedInline):
    model = ComplianceOutcome


@admin.register(Case)
class CaseAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["reference", "authority", "received", "category", "subcategory", "synthetic"]
    list_filter = ["category", "synthetic", "authority__type"]
    # The complainant's only for those who may see them (`PersonalDataAdmin.get_search_fields`).
    search_fields = ["reference", "authority__name", "complainant_name", "complainant_email"]
    date_hierarchy = "received"
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]
    form = VersionedAdminForm
    inlines = [DecisionInline, RecommendationInline, ComplianceInline]
    fieldsets = [
        (None, {"fields": ["reference", "authority", "received", "category", "subcategory", "synthetic", "version"]}),
        ("Complaint and complainant (personal data)", {"fields": list(Case.PERSONAL_FIELDS)}),
    ]

    def get_fieldsets(self, request, obj=None):
        if request.user.has_perm(PERSONAL_DATA):
            return self.fieldsets
        return [(name, options) for name, options in self.fieldsets
                if not set(options["fields"]) & set(Case.PERSONAL_FIELDS)]

    def get_form(self, request, obj=None, change=False, **kwargs):
        fields = kwargs.pop("fields", None) or flatten_fieldsets(self.get_fieldsets(request, obj))
        return super().get_form(request, obj, change, fields=_model_fields(fields), **kwargs)

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            return  # only its inlines changed: raising the case's version would make others' open forms stale
        services.save_versioned(obj, form.cleaned_data["version"], form.saved_fields())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A save refused after the forms were checked (someone saved in between, or a version sent for a record
        not yet made) is shown as a message over the form opened again, not an error page. It is raised inside the
        admin's transaction, which is undone: nothing of the whole form, case or inlines, was saved."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.Conflict as refused:
            self.message_user(request, STALE.format(record=refused.model._meta.verbose_name), messages.ERROR)
            return redirect(request.get_full_path())

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and request.user.has_perm(PERSONAL_DATA):
            record_view(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_view(self, request, object_id, extra_context=None):
        """The case's audit trail, in place of the admin's own log."""
        case = self.get_object(request, object_id)
        if case is None or not self.has_view_or_change_permission(request, case):
            raise PermissionDenied
        return TemplateResponse(request, "admin/casework/case/audit_history.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts, "object": case, "title": f"History of case {case.reference}",
            "events": AuditEvent.objects.filter(case_id=case.pk).order_by("at", "id"),
        })


@admin.register(Subcategory)
class SubcategoryAdmin(PersonalDataAdmin, admin.ModelAdmin):
    """The list the casework screens offer and the imports hold spellings to. Entries are added, not renamed
    or removed: cases, letters and statements carry the names, so one changed here would leave them filed under
    a name no longer listed."""

    list_display = ["name", "category"]
    list_filter = ["category"]
    search_fields = ["name"]

    def get_readonly_fields(self, request, obj=None):
        return ["category", "name"] if obj is not None else []
