"""Releases and frozen figures.

A year's figures become public at a scheduled time and then never change by
themselves: scheduling a release freezes the year's counts (version 1), so the
letters councils receive under embargo and the pages published later carry the
same numbers. Corrections to casework afterwards reach the public only through
a revision: a new version, dated, saying what changed and why. Every version
stays downloadable.
"""

from contextvars import ContextVar

from django.db import models
from django.utils import timezone

from upheld.years import ReportingYear

# While `upheld publish` exports a year, later years are treated as not released,
# so that no exported page links to them (`upheld.publication.export`).
LAST_PUBLIC_YEAR: ContextVar[int | None] = ContextVar("last_public_year", default=None)


class ReleaseQuerySet(models.QuerySet):
    def released(self, now=None):
        released = self.filter(scheduled_for__lte=now or timezone.now())
        last = LAST_PUBLIC_YEAR.get()
        return released if last is None else released.filter(year__lte=last)


class Release(models.Model):
    year = models.PositiveSmallIntegerField(unique=True, help_text="Starting calendar year: 2017 means 2017-18")
    scheduled_for = models.DateTimeField(help_text="When the year's figures become public")

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.reporting_year} release at {timezone.localtime(self.scheduled_for):%d %B %Y %H:%M}"

    @property
    def reporting_year(self) -> ReportingYear:
        return ReportingYear(self.year)

    def is_released(self, now=None) -> bool:
        return self.scheduled_for <= (now or timezone.now())


class FiguresVersion(models.Model):
    """A year's counts, frozen. Version 1 is what was released; later versions are revisions."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveSmallIntegerField()
    frozen_at = models.DateTimeField(default=timezone.now)
    counts = models.JSONField(help_text="Per-council counts and populations: every published figure derives from them")
    cause = models.TextField(blank=True, help_text="Why the figures were revised")
    scale = models.TextField(blank=True, help_text="What the revision changed, council by council")

    class Meta:
        ordering = ["release", "version"]
        constraints = [models.UniqueConstraint(fields=["release", "version"], name="one_number_per_version")]

    def __str__(self) -> str:
        kind = "as released" if self.version == 1 else f"revision {self.version - 1}"
        return f"{self.release.reporting_year} figures, {kind}"

    @property
    def is_revision(self) -> bool:
        return self.version > 1
