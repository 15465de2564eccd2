"""Editing the training programme and the link-officer network (roles in `upheld.accounts.roles`)."""

from django.contrib import admin

from upheld.accounts.personal_data import PersonalDataAdmin
from upheld.training.models import (
    Attendance,
    Course,
    LinkOfficer,
    Seminar,
    SeminarAttendance,
    TrainingSession,
)
from upheld.training.officers import update_contacts


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 1
    autocomplete_fields = ["authority"]


class SeminarAttendanceInline(admin.TabularInline):
    model = SeminarAttendance
    extra = 1
    autocomplete_fields = ["link_officer"]


@admin.register(Course)
class CourseAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["title", "audience"]
    list_filter = ["audience"]
    search_fields = ["title"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["course", "date", "delivery", "place", "trainer"]
    list_filter = ["delivery", "course__audience"]
    search_fields = ["course__title", "place", "trainer"]
    date_hierarchy = "date"
    autocomplete_fields = ["course"]
    inlines = [AttendanceInline]


@admin.register(LinkOfficer)
class LinkOfficerAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["name", "authority", "job_title", "email", "active_from", "active_to"]
    list_filter = ["authority__type", "authority__region"]
    search_fields = ["name", "email", "authority__name"]
    autocomplete_fields = ["authority"]

    def save_model(self, request, obj, form, change):
        """The letters' contact follows the change, for the council the officer left as well as their own."""
        before = LinkOfficer.objects.filter(pk=obj.pk).values_list("authority_id", flat=True) if change else []
        councils = {obj.authority_id, *before}  # read before the save: the council they may be leaving
        super().save_model(request, obj, form, change)
        update_contacts(councils)


@admin.register(Seminar)
class SeminarAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["title", "date", "delivery", "place"]
    search_fields = ["title", "place"]
    date_hierarchy = "date"
    inlines = [SeminarAttendanceInline]
