"""Editing the Code, the returns' deadlines and Code findings; reading and accepting returns (roles in
`upheld.accounts.roles`). A return's versions are read-only here: councils write them in the portal, or staff
import them (`upheld import code-returns`)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models

from upheld.accounts.personal_data import PersonalDataAdmin
from upheld.code.editions import Edition, Provision
from upheld.code.findings import CodeFailure
from upheld.code.lifecycle import ReturnError, accept
from upheld.code.returns import FIGURES, ProvisionAnswer, ReturnDeadline, SelfAssessment, Version


class ProvisionInline(admin.TabularInline):
    model = Provision
    extra = 0
    fields = ["section", "section_title", "number", "title", "text"]


@admin.register(Edition)
class EditionAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["name", "starts", "first_return_year", "source_url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ProvisionInline]


@admin.register(Provision)
class ProvisionAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["number", "title", "section_title", "edition"]
    list_filter = ["edition"]
    search_fields = ["number", "title", "text"]


@admin.register(ReturnDeadline)
class ReturnDeadlineAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["year", "due"]


@admin.register(CodeFailure)
class CodeFailureAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["decision", "provision"]
    list_filter = ["provision__edition", "provision__section"]
    search_fields = ["decision__case__reference", "provision__number"]
    raw_id_fields = ["decision"]
    list_select_related = ["decision__case", "provision"]


class VersionInline(admin.TabularInline):
    model = Version
    extra = 0
    can_delete = False
    fields = ["number", *(name for name, _ in FIGURES), "report_url", "source", "submitted_by", "submitted_at"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class AnswerInline(admin.TabularInline):
    model = ProvisionAnswer
    extra = 0
    can_delete = False
    fields = readonly_fields = ["provision", "answer", "explanation", "evidence_url"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Version)
class VersionAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["assessment", "number", "submitted_at", "source"]
    list_filter = ["assessment__year", "source"]
    inlines = [AnswerInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Version._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.action(description="Accept the latest submitted version (it becomes public)")
def accept_latest(modeladmin, request, queryset):
    if not request.user.has_perm("code.accept_return"):
        raise PermissionDenied
    for assessment in queryset.select_related("authority"):
        version = assessment.latest_submitted()
        try:
            if version is None:
                raise ReturnError({"return": "nothing has been submitted"})
            accept(version, request.user, request=request)
        except ReturnError as problem:
            modeladmin.message_user(request, f"{assessment}: {problem}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{assessment}: version {version.number} accepted")


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["authority", "year", "status", "accepted_version", "accepted_at"]
    list_filter = ["year", "status", "authority__type"]
    search_fields = ["authority__name"]
    readonly_fields = ["authority", "year", "status", "accepted_version", "accepted_by", "accepted_at"]
    inlines = [VersionInline]
    actions = [accept_latest]

    def has_add_permission(self, request):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("code.accept_return"):
            actions.pop("accept_latest", None)
        return actions
