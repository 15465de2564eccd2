"""The councils compared (the work dashboard's second view, /staff/councils/): each council's complaint
figures for a year beside its take-up of training.

The complaint figures are the live ones (`upheld.stats.annual.year_statistics`),
which staff may see before a year is released and which may differ from the
published version if records were corrected since; the page says which. The
training columns are each council's own share of the year's figures
(`upheld.stats.training.council_uptake`) and its link officers' seminar places.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from upheld.casework.models import Case, Decision
from upheld.letters.models import FIRST_YEAR
from upheld.releases.models import Release
from upheld.stats.annual import CouncilYear, year_statistics
from upheld.stats.registry import COMPLIANCE_RATE, UPHELD_PER_100K, UPHOLD_RATE
from upheld.stats.training import TrainingFigures, council_uptake, fetch_attendance, seminar_attendance
from upheld.years import ReportingYear

NO_TRAINING = TrainingFigures(0, 0, 0, 0)
PER_PAGE = 50  # councils a page: the whole register (over 300) made a page tens of thousands of pixels long


@dataclass(frozen=True)
class CouncilRow:
    council: CouncilYear
    training: TrainingFigures
    seminars: int


# Sort key -> (column heading, value of a row); None sorts last whichever way.
COLUMNS = {
    "council": ("Council", lambda row: row.council.authority.name),
    "received": ("Received", lambda row: row.council.received_total),
    "decisions": ("Decisions", lambda row: row.council.decisions_total),
    "uphold": (UPHOLD_RATE.short_label, lambda row: row.council.uphold_rate.exact),
    "compliance": (COMPLIANCE_RATE.short_label, lambda row: row.council.compliance_rate.exact),
    "per100k": (UPHELD_PER_100K.short_label, lambda row: row.council.upheld_per_100k),
    "sessions": ("Training sessions attended", lambda row: row.training.sessions),
    "people": ("People trained", lambda row: row.training.people_trained),
    "seminars": ("Link-officer seminar places", lambda row: row.seminars),
}


def years(today: datetime.date | None = None) -> list[ReportingYear]:
    """The years the training programme can show, newest first: from the scheme's first to the current one."""
    current = ReportingYear.containing(today or timezone.localdate())
    return [ReportingYear(start) for start in range(current.start_year, FIRST_YEAR - 1, -1)]


def years_with_data() -> list[ReportingYear]:
    """The years a dashboard offers, newest first: those with casework (a case received or a decision made in
    them) or a release, so that no choice is a page of zeros. Two short queries of distinct months."""
    months = {*Case.objects.dates("received", "month"), *Decision.objects.dates("decided", "month")}
    found = {ReportingYear.containing(month) for month in months}
    found |= {ReportingYear(start) for start in Release.objects.values_list("year", flat=True)}
    return sorted(found, reverse=True)


def default_year(offered: list[ReportingYear], today: datetime.date | None = None) -> ReportingYear:
    """The current year, or, when it has no data yet (it has just begun), the latest year that has some."""
    current = ReportingYear.containing(today or timezone.localdate())
    if current in offered:
        return current
    return next((year for year in offered if year < current), current)


def release_status(year: ReportingYear) -> tuple[bool, datetime.datetime | None]:
    """(released now, when the release is scheduled, if it is)."""
    release = Release.objects.filter(year=year.start_year).first()
    released = release is not None and Release.objects.released().filter(pk=release.pk).exists()
    return released, release.scheduled_for if release else None


def council_rows(year: ReportingYear, *, region: str = "", type: str = "", council: str = "",
                 sort: str = "council", descending: bool = False) -> list[CouncilRow]:
    statistics = year_statistics(year)
    uptake = council_uptake(fetch_attendance(year))
    seminars = seminar_attendance(year)
    needle = council.casefold()
    rows = [CouncilRow(c, uptake.get(c.authority.id, NO_TRAINING), seminars.get(c.authority.id, 0))
            for c in statistics.councils
            if (not region or c.authority.region == region) and (not type or c.authority.type == type)
            and (not needle or needle in c.authority.name.casefold() or needle == c.authority.gss.casefold())]
    value = COLUMNS[sort][1]
    rows.sort(key=lambda row: row.council.authority.name)
    present = sorted((row for row in rows if value(row) is not None), key=value, reverse=descending)
    return present + [row for row in rows if value(row) is None]
