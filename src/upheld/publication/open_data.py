"""A published version of a year's figures, as the open data offers it.

An `Edition` is one released year at one version: its council records are
exactly `council_json` of the frozen figures with the council's Complaint
Handling Code object (`upheld.stats.code_returns.council_records`: Code
failures from the frozen counts, its own figures from its accepted return),
the same objects `upheld stats --json` prints, so every download (CSV, XLSX,
ODS, JSON) carries the numbers of the pages and the letters. Only released years have editions: asking for
an embargoed year, or a version that does not exist, is a 404 like any
unknown address, so nothing reveals that the year exists.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.http import Http404
from django.utils import timezone

from upheld.code.returns import Version
from upheld.releases.freezing import version_statistics
from upheld.releases.models import FiguresVersion, Release
from upheld.stats.annual import YearStatistics
from upheld.stats.code_returns import YearCode, council_records, public_year_code
from upheld.stats.management.commands.stats import flatten
from upheld.years import ReportingYear

FORMATS = ("csv", "xlsx", "ods", "json")


def local_day(moment) -> datetime.date:
    return timezone.localtime(moment).date()


@dataclass(frozen=True)
class Notice:
    """What a version is: as released, or a revision with its date, cause and scale."""

    version: int
    day: datetime.date  # when the version was made public (the release date for version 1)
    cause: str
    scale: str

    @property
    def date(self) -> str:
        return self.day.isoformat()

    @property
    def kind(self) -> str:
        return "as released" if self.version == 1 else f"revision {self.version - 1}"

    @property
    def is_revision(self) -> bool:
        return self.version > 1

    def as_json(self) -> dict:
        return {"version": self.version, "kind": self.kind, "date": self.date, "cause": self.cause,
                "scale": self.scale}

    def row(self) -> tuple:
        return self.version, self.kind, self.date, self.cause, self.scale


NOTICE_HEADERS = ("version", "kind", "date", "cause", "scale")


def notice(version: FiguresVersion) -> Notice:
    # Version 1 becomes public at the release; a revision of a released year the moment it is made.
    public = version.release.scheduled_for if version.version == 1 else version.frozen_at
    return Notice(version.version, local_day(public), version.cause, version.scale)


@dataclass
class Edition:
    year: ReportingYear
    version: FiguresVersion
    versions: list[FiguresVersion]  # every version of the year, oldest first

    @property
    def number(self) -> int:
        return self.version.version

    @property
    def latest(self) -> int:
        return self.versions[-1].version

    @property
    def is_latest(self) -> bool:
        return self.number == self.latest

    @property
    def released_day(self) -> datetime.date:
        return local_day(self.version.release.scheduled_for)

    @property
    def released(self) -> str:
        return self.released_day.isoformat()

    @property
    def notice(self) -> Notice:
        return notice(self.version)

    @property
    def notices(self) -> list[Notice]:
        return [notice(version) for version in self.versions]

    @property
    def revisions(self) -> list[Notice]:
        """Every revision of the year, newest first: what a reader of any version should know about."""
        return [n for n in reversed(self.notices) if n.is_revision]

    @cached_property
    def statistics(self) -> YearStatistics:
        return version_statistics(self.version)

    @cached_property
    def year_code(self) -> YearCode:
        """The year's Code failures and accepted returns (`upheld.stats.code_returns`)."""
        return public_year_code(self.statistics)

    @cached_property
    def records(self) -> list[dict]:
        """The record of every council (`council_json` with its "code" object), in the order of `upheld stats
        --json` (by name)."""
        return council_records(self.statistics, year_code=self.year_code)

    @cached_property
    def returns_key(self) -> tuple:
        """What the files take from outside the frozen version: the year's accepted returns (a return accepted,
        or its acceptance moved to a revision, changes it) and whether the Code applied to the year."""
        accepted = Version.objects.public().filter(assessment__year=self.year.start_year)
        return self.year_code.applies, tuple(accepted.order_by("id").values_list("id", flat=True))

    @cached_property
    def rows(self) -> list[dict]:
        """The records as CSV rows (`upheld stats --format csv`): `received: Housing`-style columns."""
        return [flatten(record) for record in self.records]

    def filename(self, extension: str, suffix: str = "") -> str:
        """`upheld-2017-18-v1.csv`: the year and the version, so two downloads never share a name."""
        return f"upheld-{self.year.label}-v{self.number}{suffix}.{extension}"


def edition(label: str, number: int | str | None = None) -> Edition:
    """The released `label` year at version `number` (the newest when None); 404 otherwise."""
    try:
        year = ReportingYear.parse(label)
    except ValueError:
        raise Http404("not a reporting year") from None
    release = Release.objects.released().filter(year=year.start_year).first()
    if release is None:
        raise Http404("no published figures for that year")
    versions = list(FiguresVersion.objects.filter(release=release).defer("counts").order_by("version"))
    for version in versions:
        version.release = release
    if number in (None, ""):
        chosen = versions[-1] if versions else None
    else:
        chosen = next((v for v in versions if str(v.version) == str(number)), None)
    if chosen is None:
        raise Http404("no such version of the figures")
    return Edition(year, chosen, versions)


def released_editions() -> list[Edition]:
    """The newest edition of every released year, newest year first: the open-data index."""
    releases = Release.objects.released().order_by("-year")
    return [edition(release.reporting_year.label) for release in releases]

