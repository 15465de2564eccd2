"""Subscriptions in the admin, for administrators only (`accounts.roles`): to answer a person who asks
what we hold about them, or to delete their address on request.

The list shows addresses masked; the full address is on a subscription's own
page, and each showing of it is recorded in the audit trail, as is each
deletion. Nobody adds or edits subscriptions here: they exist only by the
subscriber's own double opt-in.
"""

from django.contrib import admin

from upheld.accounts.personal_data import PersonalDataAdmin
from upheld.alerts.models import Digest, Subscription
from upheld.audit.models import Action
from upheld.audit.record import record, record_view


def masked(email: str) -> str:
    """`jo.bloggs@example.org` → `j…@example.org`: enough to tell rows apart, not to read the address."""
    local, _, domain = email.rpartition("@")
    return f"{local[:1]}…@{domain}"


class DigestInline(admin.TabularInline):
    model = Digest
    extra = 0
    can_delete = False
    fields = ["claimed_at", "state", "sent_at", "message_id", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscription)
class SubscriptionAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["address", "authority", "state", "decisions", "reports", "letters", "returns", "created",
                    "confirmed_at"]
    list_filter = ["decisions", "reports", "letters", "returns"]
    search_fields = ["=email", "authority__name"]  # an address only when typed in full
    list_select_related = ["authority"]
    fields = ["email", "authority", "state", "decisions", "reports", "letters", "returns", "created", "confirmed_at",
              "unsubscribed_at"]
    readonly_fields = fields
    inlines = [DigestInline]

    @admin.display(description="Email address")
    def address(self, obj: Subscription) -> str:
        return masked(obj.email)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            record_view(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def delete_model(self, request, obj):
        record(Action.DELETE, obj, request=request, before={"email": obj.email}, after={"reason": "deleted by staff"})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("authority"):
            record(Action.DELETE, obj, request=request, before={"email": obj.email},
                   after={"reason": "deleted by staff"})
        super().delete_queryset(request, queryset)
