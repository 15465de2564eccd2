"""The audit trail in the admin: read-only, for those allowed to view it."""

from django.contrib import admin

from upheld.accounts.personal_data import PersonalDataAdmin
from upheld.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "object_type", "object_repr", "case_id", "ip"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "object_repr", "object_id", "request_id"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_export": request.user.has_perm("audit.export_auditevent")}
        return super().changelist_view(request, extra_context)
