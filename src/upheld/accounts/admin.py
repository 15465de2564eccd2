"""Users and council ties in the admin, with the limits an administrator works within.

An administrator (not a superuser) manages accounts and who holds which
role, but cannot make or edit superusers, grant permissions one by one
(roles are the only grant, see `upheld.accounts.roles`), or change their own
roles or status: raising one's own access takes a second person.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from upheld.accounts.models import CouncilMembership

User = get_user_model()


class CouncilMembershipInline(admin.StackedInline):
    model = CouncilMembership
    extra = 0
    max_num = 1
    autocomplete_fields = ["authority"]


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [CouncilMembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "groups", "council_membership__role"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        hidden = {"is_superuser", "user_permissions"}
        return [(name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
                for name, options in fieldsets]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            readonly += ["is_active", "is_staff", "groups"]
        return readonly

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(CouncilMembership)
class CouncilMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "authority", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "authority__name"]
    autocomplete_fields = ["authority"]
    list_select_related = ["user", "authority"]
