"""Users and council ties in the admin, with the limits an administrator works within.

An administrator (not a superuser) manages accounts and who holds which
role, but cannot make or edit superusers, grant permissions one by one
(roles are the only grant, see `upheld.accounts.roles`), or change their own
roles or status: raising one's own access takes a second person.

Every model in the admin, the other apps' ones too, has `PersonalDataAdmin`
first among its admin's bases: no list is filtered, searched or sorted by
what its user may not see (a device's key and a password by no one).
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from upheld.accounts.models import CouncilMembership
from upheld.accounts.personal_data import PersonalDataAdmin

User = get_user_model()

for model, model_admin in ((Group, GroupAdmin), (TOTPDevice, TOTPDeviceAdmin), (AccessAttempt, AccessAttemptAdmin),
                           (AccessLog, AccessLogAdmin), (AccessFailureLog, AccessFailureLogAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, type(model_admin.__name__, (PersonalDataAdmin, model_admin), {}))


class CouncilMembershipInline(admin.StackedInline):
    model = CouncilMembership
    extra = 0
    max_num = 1
    autocomplete_fields = ["authority"]


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(PersonalDataAdmin, UserAdmin):
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
class CouncilMembershipAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["user", "authority", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "authority__name"]
    autocomplete_fields = ["authority"]
    list_select_related = ["user", "authority"]
