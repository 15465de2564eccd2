"""The complaint-handling training programme and the council link-officer network.

Training: a `Course` is what is taught; a `TrainingSession` is one delivery
of it on a day; an `Attendance` says how many people from one organisation
came. The year's figures (sessions delivered, people trained, councils
reached) are defined once, in `upheld.stats.training`.

Which training figures a letter and the national review print: the
programme's own, for any reporting year that has a delivered session recorded
here; for a year without one (the years before session-level records were
kept), the totals staff entered in `letters.TrainingYear`
(`upheld.training.figures.year_figures` applies the rule).

Link officers: `authorities.Contact` already names each council's link
officer, but as one row per council and role that the contacts import
overwrites, so it cannot say who was in the network when, or who came to
which seminar. `LinkOfficer` keeps that history; the council's current link
officer is written through to its `Contact`, which stays the one address
book that letters are copied from (`upheld.training.officers.update_contacts`).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from upheld.years import ReportingYear


class Audience(models.TextChoices):
    COUNCILS = "councils", "Councils"
    CARE_PROVIDERS = "care providers", "Care providers"
    COUNCILLORS = "councillors", "Councillors"


class Delivery(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in person", "In person"


class Course(models.Model):
    title = models.CharField(max_length=150, unique=True)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    description = models.TextField(blank=True)
    synthetic = models.BooleanField(default=False, editable=False, help_text="Generated demonstration data")

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class TrainingSession(models.Model):
    """One delivery of a course. It counts as delivered in the reporting year of
    its date once anyone's attendance is recorded (see `upheld.stats.training`);
    until then it is planned. A year with a delivered session takes its letters'
    training figures from these records, not from `letters.TrainingYear`."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    place = models.CharField(max_length=150, blank=True, help_text="Where it was held; required in person")
    trainer = models.CharField(max_length=120)

    class Meta:
        ordering = ["-date", "course__title"]
        constraints = [models.UniqueConstraint(fields=["course", "date", "place", "trainer"],
                                               name="one_session_per_course_day_place_trainer")]

    def __str__(self) -> str:
        where = self.place or self.get_delivery_display()
        return f"{self.course.title}, {self.date.isoformat()}, {where}"

    @property
    def reporting_year(self) -> ReportingYear:
        return ReportingYear.containing(self.date)

    def clean(self) -> None:
        if self.delivery == Delivery.IN_PERSON and not self.place.strip():
            raise ValidationError({"place": "Say where a session in person was held"})


class Attendance(models.Model):
    """How many people from one organisation attended a session: a council (`authority`) or,
    for anyone else such as a care provider, the organisation's name."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendances")
    authority = models.ForeignKey("authorities.Authority", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="training_attendances", help_text="When the organisation is a council")
    organisation = models.CharField(max_length=150, blank=True,
                                    help_text="When it is not a council, e.g. a care provider")
    people = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["session", "authority__name", "organisation"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(authority__isnull=False, organisation="")
                           | models.Q(authority__isnull=True) & ~models.Q(organisation="")),
                name="attendance_council_or_organisation"),
            models.CheckConstraint(condition=models.Q(people__gte=1), name="attendance_at_least_one_person"),
            models.UniqueConstraint(fields=["session", "authority"], name="one_attendance_per_council",
                                    condition=models.Q(authority__isnull=False)),
            models.UniqueConstraint(fields=["session", "organisation"], name="one_attendance_per_organisation",
                                    condition=models.Q(authority__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name}: {self.people}"

    @property
    def organisation_name(self) -> str:
        return self.authority.name if self.authority_id else self.organisation

    def clean(self) -> None:
        if bool(self.authority_id) == bool(self.organisation.strip()):
            raise ValidationError("Choose the council or name the organisation, not both")


class LinkOfficerQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        """Officers in the network on `day` (from and to inclusive)."""
        return self.filter(models.Q(active_from__lte=day),
                           models.Q(active_to__isnull=True) | models.Q(active_to__gte=day))


class LinkOfficer(models.Model):
    """A council officer in the link-officer network, for the dates they held the role."""

    authority = models.ForeignKey("authorities.Authority", on_delete=models.PROTECT, related_name="link_officers")
    name = models.CharField(max_length=120)
    job_title = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    active_from = models.DateField()
    active_to = models.DateField(null=True, blank=True, help_text="Empty while they are the link officer")
    synthetic = models.BooleanField(default=False, editable=False, help_text="Generated demonstration data")

    objects = LinkOfficerQuerySet.as_manager()

    class Meta:
        ordering = ["authority__name", "-active_from", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.authority.short_name})"

    def clean(self) -> None:
        if self.active_to and self.active_from and self.active_to < self.active_from:
            raise ValidationError({"active_to": "The role cannot end before it began"})


class Seminar(models.Model):
    """A meeting of the link-officer network."""

    title = models.CharField(max_length=150)
    date = models.DateField()
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    place = models.CharField(max_length=150, blank=True, help_text="Where it was held; required in person")
    synthetic = models.BooleanField(default=False, editable=False, help_text="Generated demonstration data")

    class Meta:
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        return f"{self.title}, {self.date.isoformat()}"

    def clean(self) -> None:
        if self.delivery == Delivery.IN_PERSON and not self.place.strip():
            raise ValidationError({"place": "Say where a seminar in person was held"})


class SeminarAttendance(models.Model):
    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="attendances")
    link_officer = models.ForeignKey(LinkOfficer, on_delete=models.PROTECT, related_name="seminars_attended")

    class Meta:
        ordering = ["seminar", "link_officer__authority__name"]
        constraints = [models.UniqueConstraint(fields=["seminar", "link_officer"], name="attended_once")]

    def __str__(self) -> str:
        return f"{self.link_officer} at {self.seminar}"
