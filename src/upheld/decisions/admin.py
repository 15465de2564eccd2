"""Staff screens for statements and reports.

A statement's publication is decided only by those holding
`publication_rules.PUBLISH` (publishers): the "publish" box, read-only for
everyone else (a caseworker drafts; a form sent with it ticked is refused,
nothing saved, and the attempt recorded in the audit trail), and the
publication page (withdraw, reinstate, withhold, allow, release the
anonymisation check's findings), which asks for a reason. Each is recorded
with the staff member's name in the statement's log; the log is shown,
never edited.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from upheld.accounts.personal_data import PersonalDataAdmin
from upheld.audit.models import Action
from upheld.audit.record import record
from upheld.decisions import guard, publication_rules
from upheld.decisions.models import (
    EventAction,
    FocusReport,
    FocusReportTopic,
    PublicInterestReport,
    ScrutinyQuestion,
    Statement,
    StatementEvent,
    Withheld,
)
from upheld.decisions.reports import RESPONSE_STAGES, awaiting_response

ACTIONS = {
    "withdraw": ("Withdraw from the public site", lambda s, user, reason, kind: publication_rules.withdraw(
        s, user, reason)),
    "reinstate": ("Reinstate on the public site", lambda s, user, reason, kind: publication_rules.reinstate(
        s, user, reason)),
    "withhold": ("Withhold from publication", lambda s, user, reason, kind: publication_rules.withhold(
        s, kind, user, reason)),
    "unwithhold": ("No longer withhold", lambda s, user, reason, kind: publication_rules.unwithhold(s, user, reason)),
    "release": ("Release despite the anonymisation check", lambda s, user, reason, kind:
                publication_rules.release_findings(s, user, reason)),
}


class PublicationForm(forms.Form):
    action = forms.ChoiceField(choices=[(key, label) for key, (label, _) in ACTIONS.items()])
    withheld = forms.ChoiceField(choices=[("", "—"), *Withheld.choices], required=False,
                                 label="Why withheld (when withholding)")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Recorded in the statement's log")

    def clean(self):
        data = super().clean()
        if data.get("action") == "withhold" and not data.get("withheld"):
            self.add_error("withheld", "Choose why the statement is withheld")
        return data


class EventInline(admin.TabularInline):
    model = StatementEvent
    extra = 0
    can_delete = False
    fields = ["at", "actor_name", "action", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AwaitingPublisherFilter(admin.SimpleListFilter):
    """The statements the work dashboard counts as waiting for a publisher (`awaiting_publisher`)."""

    title = "publisher's decision"
    parameter_name = "decision"

    def lookups(self, request, model_admin):
        return [("awaiting", "Awaiting a publisher")]

    def queryset(self, request, queryset):
        return queryset.awaiting_publisher() if self.value() == "awaiting" else queryset


class ResponseFilter(admin.SimpleListFilter):
    """The reports the work dashboard counts as awaiting the council's response, due or overdue today."""

    title = "council's response"
    parameter_name = "response"

    def lookups(self, request, model_admin):
        return [(stage, RESPONSE_STAGES[stage]) for stage in ("due", "overdue")]

    def queryset(self, request, queryset):
        if self.value() in ("due", "overdue"):
            return queryset.filter(awaiting_response(self.value(), timezone.localdate()))
        return queryset


@admin.register(Statement)
class StatementAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["reference", "authority", "decided", "outcome", "public_status", "synthetic"]
    list_filter = [AwaitingPublisherFilter, "outcome", "category", "publishable", "withheld", "withdrawn", "synthetic"]
    search_fields = ["reference", "authority__name"]
    date_hierarchy = "decided"
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]
    readonly_fields = ["public_status", "findings", "publication_link"]
    inlines = [EventInline]
    fieldsets = [
        (None, {"fields": ["reference", "authority", "decided", "category", "subcategory", "outcome", "remedy"]}),
        ("Text", {"fields": ["summary", "body", "remedies", "service_improvements"]}),
        ("Publication", {"fields": ["publish", "public_status", "findings", "publication_link"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = [*self.readonly_fields]
        if obj:  # the id, and so the place in every search, follows from the decision date
            readonly += ["decided", "reference"]
        if not publication_rules.may_publish(request.user):
            readonly.append("publish")
        return readonly

    def get_fieldsets(self, request, obj=None):
        if publication_rules.may_publish(request.user):
            return self.fieldsets
        return [(name, {**options, "fields": [f for f in options["fields"] if f != "publication_link"]})
                for name, options in self.fieldsets]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A form sent with "publish" ticked by someone who may not publish is refused whole: the box
        was never theirs to tick, so nothing of the form is saved."""
        if (request.method == "POST" and not publication_rules.may_publish(request.user)
                and forms.CheckboxInput().value_from_datadict(request.POST, None, "publish")):
            record(Action.REFUSED, request=request, object_type=self.opts.label_lower, object_id=object_id or "",
                   object_repr=f"publish {request.POST.get('reference', '')}"[:200],
                   after={"field": "publish", "url": request.get_full_path()})
            return self.admin_site.refusal(request, "You cannot publish a statement: publishers decide what is "
                                           "published. Nothing was saved; the attempt has been recorded in the "
                                           "audit trail.")
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description="Public?")
    def public_status(self, obj: Statement) -> str:
        if obj.pk is None:
            return "-"
        reasons = publication_rules.status(obj)
        return "Public" if not reasons else "Not public: " + "; ".join(reasons)

    @admin.display(description="Anonymisation check")
    def findings(self, obj: Statement) -> str:
        if not obj.guard_findings:
            return "Nothing found"
        items = format_html_join("", "<li>{}: {}</li>", ((f["field"], guard.describe([f])) for f in obj.guard_findings))
        released = format_html("<p>Released: {}</p>", obj.guard_release_reason) if obj.guard_released else ""
        return format_html("<ul>{}</ul>{}", items, released)

    @admin.display(description="Change publication")
    def publication_link(self, obj: Statement) -> str:
        if obj.pk is None:
            return "-"
        url = reverse("admin:decisions_statement_publication", args=[obj.pk])
        return format_html('<a href="{}">Withdraw, reinstate, withhold or release…</a>', url)

    def save_model(self, request, obj, form, change):
        before = list(obj.guard_findings) if change else []
        super().save_model(request, obj, form, change)
        publication_rules.record(obj, EventAction.EDITED, request.user,
                                 "changed in the staff screens" if change else "entered in the staff screens")
        if "publish" in form.changed_data:  # in the form only for those who may publish
            publication_rules.record(obj, EventAction.MARKED if obj.publish else EventAction.UNMARKED, request.user)
        if obj.guard_findings and obj.guard_findings != before:
            publication_rules.record(obj, EventAction.FLAGGED, request.user, guard.describe(obj.guard_findings))

    def get_urls(self):
        urls = [path("<int:pk>/publication/", self.admin_site.admin_view(self.publication_view),
                     name="decisions_statement_publication")]
        return urls + super().get_urls()

    def publication_view(self, request, pk: int):
        statement = get_object_or_404(Statement, pk=pk)
        if not publication_rules.may_publish(request.user):
            raise PermissionDenied
        form = PublicationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                ACTIONS[data["action"]][1](statement, request.user, data["reason"], data.get("withheld"))
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, f"{statement.reference}: {ACTIONS[data['action']][0].lower()} recorded.",
                                  messages.SUCCESS)
                return redirect("admin:decisions_statement_change", pk)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "statement": statement,
                   "form": form, "status": publication_rules.status(statement), "title": "Change publication"}
        return TemplateResponse(request, "decisions/admin_publication.html", context)


@admin.register(PublicInterestReport)
class PublicInterestReportAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["issued", "authority", "title", "response_status", "synthetic"]
    list_filter = [ResponseFilter, "response_outcome", "synthetic"]
    search_fields = ["title", "authority__name", "reference"]
    date_hierarchy = "issued"
    autocomplete_fields = ["authority"]
    raw_id_fields = ["follows"]
    list_select_related = ["authority"]

    @admin.display(description="Council's response")
    def response_status(self, obj: PublicInterestReport) -> str:
        return obj.duty.status


class TopicInline(admin.TabularInline):
    model = FocusReportTopic
    extra = 1


class QuestionInline(admin.TabularInline):
    model = ScrutinyQuestion
    extra = 1


@admin.register(FocusReport)
class FocusReportAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["title", "published", "synthetic"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TopicInline, QuestionInline]
