"""Casework in the admin.

Complainants' details appear only to staff with `casework.view_personal_data`
(caseworkers); for everyone else the fields are not in the form at all, so
they can neither see nor change them. Each showing of a case to someone who
can see them is recorded in the audit trail, and a case's "History" lists
its audit events (who created, changed or viewed it, and when).
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from upheld.audit.models import AuditEvent
from upheld.audit.record import record_view
from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation

PERSONAL_DATA = "casework.view_personal_data"


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0


class ComplianceInline(admin.StackedInline):
    model = ComplianceOutcome
    extra = 0


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "authority", "received", "category", "subcategory", "synthetic"]
    list_filter = ["category", "synthetic", "authority__type"]
    search_fields = ["reference", "authority__name"]
    date_hierarchy = "received"
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]
    inlines = [DecisionInline, RecommendationInline, ComplianceInline]
    fieldsets = [
        (None, {"fields": ["reference", "authority", "received", "category", "subcategory", "synthetic"]}),
        ("Complainant (personal data)", {"fields": list(Case.PERSONAL_FIELDS)}),
    ]

    def get_fieldsets(self, request, obj=None):
        if request.user.has_perm(PERSONAL_DATA):
            return self.fieldsets
        return [(name, options) for name, options in self.fieldsets
                if not set(options["fields"]) & set(Case.PERSONAL_FIELDS)]

    def get_search_fields(self, request):
        if request.user.has_perm(PERSONAL_DATA):
            return [*self.search_fields, "complainant_name", "complainant_email"]
        return self.search_fields

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
