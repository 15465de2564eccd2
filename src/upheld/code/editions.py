"""The Complaint Handling Code as data: its editions, and the provisions of each.

An edition applies to the Ombudsman's investigations from its start date (`starts`: a decision made on or
after it is judged by it) and to councils' self-assessment returns from a reporting year (`first_return_year`).
The provisions are written in the product's own words, a short plain summary of each, not the Ombudsman's
text; staff may edit them (`upheld.code.admin`), and `upheld setup` never overwrites what they wrote
(`upheld.code.loading`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models

from upheld.years import ReportingYear


class EditionQuerySet(models.QuerySet):
    def applying_on(self, day: datetime.date) -> Edition | None:
        """The edition the Ombudsman applies to a decision made on `day`: the latest to start on or before it."""
        return edition_on(self.all(), day)

    def for_return_year(self, year: int) -> Edition | None:
        """The edition councils assess themselves against for the reporting year starting in `year`."""
        return self.filter(first_return_year__lte=year).order_by("-first_return_year", "-starts").first()


def edition_on(editions: Iterable[Edition], day: datetime.date) -> Edition | None:
    """Of `editions`, the one applying on `day`: a pure function, so an import checks a million rows against
    editions read once."""
    started = [edition for edition in editions if edition.starts <= day]
    return max(started, key=lambda edition: edition.starts, default=None)


class Edition(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="As the Ombudsman names it: “February 2024”")
    starts = models.DateField(help_text="The Ombudsman applies this edition to decisions made on or after this day")
    first_return_year = models.PositiveSmallIntegerField(
        help_text="The first reporting year councils assess themselves against it (starting calendar year: "
                  "2024 means 2024-25)")
    source_url = models.URLField("source", help_text="Where the Ombudsman publishes this edition")

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["starts"]

    def __str__(self) -> str:
        return f"Complaint Handling Code, {self.name}"

    @property
    def first_return(self) -> ReportingYear:
        return ReportingYear(self.first_return_year)

    @classmethod
    def applying_on(cls, day: datetime.date) -> Edition | None:
        return cls.objects.applying_on(day)


_NUMBER = re.compile(r"^(\d+)\.(\d+)$")


def number_key(number: str) -> tuple[int, int]:
    """"5.10" sorts after "5.9": (5, 10). A ValueError for anything not written section.item."""
    match = _NUMBER.match(number.strip())
    if not match:
        raise ValueError(f"{number!r} is not a provision number like 5.3")
    return int(match[1]), int(match[2])


class Provision(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="provisions")
    section = models.PositiveSmallIntegerField(help_text="The section's number")
    section_title = models.CharField(max_length=200)
    number = models.CharField(max_length=10, help_text="Section and item: 5.3")
    item = models.PositiveSmallIntegerField(editable=False, help_text="The number's second part, for ordering")
    title = models.CharField("short title", max_length=200)
    text = models.TextField(help_text="What the provision asks, in our own words (not the Ombudsman's text)")

    class Meta:
        ordering = ["edition__starts", "section", "item"]
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="one_provision_per_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        self.section, self.item = number_key(self.number)
        super().save(*args, **kwargs)

    def clean(self) -> None:

        try:
            section, _ = number_key(self.number)
        except ValueError as problem:
            raise ValidationError({"number": str(problem)}) from None
        if self.section is not None and section != self.section:
            raise ValidationError({"number": f"{self.number} is not in section {self.section}"})

    @property
    def key(self) -> str:
        """How counts name the provision (frozen figures' keys are strings): its id."""
        return str(self.pk)
