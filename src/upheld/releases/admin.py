"""Staff screens for releases: schedule a year (09:30 unless staff say otherwise), and revise a released one.

Saving a release freezes the year's figures, the same path as `upheld release`;
issuing a revision is `upheld revise`. Both refuse what the rules refuse (a
released year cannot be rescheduled; a revision needs a cause) with a message
on the form, never an error page.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from upheld.accounts.personal_data import PersonalDataAdmin
from upheld.releases.freezing import (
    RELEASE_TIME,
    changes,
    revise,
    schedule_release,
    version_statistics,
)
from upheld.releases.models import FiguresVersion, Release
from upheld.stats.annual import year_statistics


class ReleaseTimeWidget(AdminSplitDateTime):
    """Date and time boxes whose time starts at 09:30, the usual release time."""

    def decompress(self, value):
        return super().decompress(value) if value else [None, RELEASE_TIME]


class ReleaseTimeField(forms.SplitDateTimeField):
    """A release date and time; a date with no time means 09:30."""

    widget = ReleaseTimeWidget

    def __init__(self, **kwargs):
        super().__init__(require_all_fields=False, **kwargs)
        self.fields[1].required = False

    def compress(self, data_list):
        if data_list and data_list[0] and not data_list[1]:
            data_list = [data_list[0], RELEASE_TIME]
        return super().compress(data_list)


class ReleaseForm(forms.ModelForm):
    scheduled_for = ReleaseTimeField(label="Release at",
                                     help_text="When the year's figures become public (UK time; 09:30 by default)")

    class Meta:
        model = Release
        fields = ["year", "scheduled_for"]

    def clean(self):
        cleaned = super().clean()
        release = self.instance
        # `self.instance` still holds the saved time here: the form's values are applied after clean().
        if release.pk and release.is_released():
            raise ValidationError(
                f"{release.reporting_year.label} was released on "
                f"{timezone.localtime(release.scheduled_for):%d %B %Y at %H:%M} and cannot be rescheduled: "
                "correct its figures with a revision (Issue a revision, above).")
        return cleaned


class RevisionForm(forms.Form):
    cause = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="What was corrected and why. Shown to the public with the revised figures and in the downloads.")


class FiguresVersionInline(admin.TabularInline):
    model = FiguresVersion
    fields = ["version", "frozen_at", "cause", "scale"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Release)
class ReleaseAdmin(PersonalDataAdmin, admin.ModelAdmin):
    """Saving a release freezes the year's figures: the same path as `upheld release`."""

    form = ReleaseForm
    list_display = ["__str__", "scheduled_for", "state", "current_version"]
    inlines = [FiguresVersionInline]
    change_form_template = "admin/releases/release/change_form.html"

    @admin.display(description="State")
    def state(self, obj):
        return "released" if obj.is_released() else "scheduled (embargoed)"

    @admin.display(description="Current version")
    def current_version(self, obj):
        newest = obj.versions.order_by("-version").first()
        return newest.version if newest else "-"

    def get_readonly_fields(self, request, obj=None):
        return ["year"] if obj else []

    def save_model(self, request, obj, form, change):
        release = schedule_release(obj.reporting_year, obj.scheduled_for)
        obj.pk = release.pk

    def get_urls(self):
        revise_view = self.admin_site.admin_view(self.revise_view)
        return [path("<path:object_id>/revise/", revise_view, name="releases_release_revise"),
                *super().get_urls()]

    def revise_view(self, request, object_id):
        """Show what a revision would change, and issue it with the cause staff give."""
        release = get_object_or_404(Release, pk=object_id)
        if not self.has_change_permission(request, release):
            raise PermissionDenied
        change_url = reverse("admin:releases_release_change", args=[release.pk])
        if not release.is_released():
            self.message_user(request, f"{release.reporting_year.label} is not released yet: to change its figures, "
                              "save the release again, which freezes them anew.", messages.ERROR)
            return redirect(change_url)
        form = RevisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                version = revise(release.reporting_year, form.cleaned_data["cause"])
            except ValueError as error:
                form.add_error("cause", str(error))
            else:
                if version is None:
                    self.message_user(request, "The figures have not changed since they were published: "
                                      "no revision made.", messages.WARNING)
                else:
                    self.message_user(request, f"{version} published: {version.scale.splitlines()[0]}",
                                      messages.SUCCESS)
                return redirect(change_url)
        current = release.versions.order_by("-version").first()
        pending = changes(version_statistics(current), year_statistics(release.reporting_year))
        return TemplateResponse(request, "admin/releases/release/revise.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "original": release, "title": f"Revise the {release.reporting_year} figures",
            "form": form, "pending": pending, "current": current, "change_url": change_url,
        })
