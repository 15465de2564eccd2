"""Releases, frozen figures, and the state of everything public.

A year's figures become public at a scheduled time and then never change by
themselves: scheduling a release freezes the year's counts (version 1), so the
letters councils receive under embargo and the pages published later carry the
same numbers. Corrections to casework afterwards reach the public only through
a revision: a new version, dated, saying what changed and why. Every version
stays downloadable.
"""

from collections import Counter

from django.db import models
from django.utils import timezone

from upheld.stats.annual import CouncilYear, council_year
from upheld.stats.counts import Counts
from upheld.years import ReportingYear


class ReleaseQuerySet(models.QuerySet):
    def released(self, now=None):
        """The releases whose time has come: the one rule for figures, in `upheld.releases.visibility`."""
        from upheld.releases import visibility

        return visibility.released(self, now)


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


class LetterHistoryQuerySet(models.QuerySet):
    def years_of(self, authority) -> dict[ReportingYear, CouncilYear]:
        """The council's imported years, as figures."""
        return {history.reporting_year: history.council_year()
                for history in self.filter(authority=authority).select_related("authority")}


class LetterHistory(models.Model):
    """A council's figures for a year before case-level records: those its published annual review letter printed.

    Imported with `upheld import-letter --save`, checked (totals, uphold rate) and never over case-level records
    or published figures of the year; the council's trend shows them, marked as from the published letter.
    `figures` holds the counts by the vocabularies' stored codes, as a frozen version does: "received",
    "decisions", and "upheld_remedies" (null for letters before 2015-16, which had no remedied table).
    """

    authority = models.ForeignKey("authorities.Authority", on_delete=models.PROTECT, related_name="letter_history")
    year = models.PositiveSmallIntegerField(help_text="Starting calendar year: 2017 means 2017-18")
    figures = models.JSONField(help_text="The letter's counts by category, outcome and remedy")
    source_name = models.CharField(max_length=255, help_text="The name of the file the figures were read from")
    sha256 = models.CharField("SHA-256", max_length=64, help_text="Of the file the figures were read from")
    imported_at = models.DateTimeField(default=timezone.now)

    objects = LetterHistoryQuerySet.as_manager()

    class Meta:
        ordering = ["authority", "year"]
        verbose_name_plural = "letter histories"
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="one_letter_history_per_year")]

    def __str__(self) -> str:
        return f"{self.authority} {self.reporting_year}, from the published letter"

    @property
    def reporting_year(self) -> ReportingYear:
        return ReportingYear(self.year)

    def council_year(self) -> CouncilYear:
        """The figures as a `CouncilYear`, so that every rate shown comes from `upheld.stats` as for live years."""
        counts = Counts(*(Counter(self.figures.get(name) or {}) for name in ("received", "decisions",
                                                                            "upheld_remedies")))
        return council_year(self.authority, self.reporting_year, counts, None, None)


class PublicState(models.Model):
    """One row whose counter goes up whenever anything the public may see changes (`upheld.releases.visibility`).

    The counter is part of every cache key of public material, so a change reaches every page, download and
    API answer at once, in every process, with nothing to invalidate.
    """

    counter = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"public state {self.counter}"
