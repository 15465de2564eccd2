from django.contrib import admin

from upheld.publication.models import FiguresVersion, Release
from upheld.publication.snapshots import schedule_release


class FiguresVersionInline(admin.TabularInline):
    model = FiguresVersion
    fields = ["version", "frozen_at", "cause", "scale"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    """Saving a release freezes the year's figures: the same path as `upheld release`."""

    list_display = ["__str__", "scheduled_for"]
    inlines = [FiguresVersionInline]

    def get_readonly_fields(self, request, obj=None):
        return ["year"] if obj else []

    def save_model(self, request, obj, form, change):
        release = schedule_release(obj.reporting_year, obj.scheduled_for)
        obj.pk = release.pk
