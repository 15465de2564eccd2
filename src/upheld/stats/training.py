"""The training programme's figures for a reporting year: one definition for letters, pages and the dashboard.

- **Sessions delivered** ("courses delivered" in the letters, which is what
  the Ombudsman's letters mean by courses: 58 in 2017-18): training sessions
  dated within the year (1 April to 31 March inclusive), no later than the
  day the figures are taken, with at least one attendance recorded. A
  session with nobody recorded is planned, or did not run.
- **Courses run**: the distinct courses of those sessions.
- **People trained**: the sum of the people recorded at those sessions (a
  person on two sessions counts twice: the programme records places, not people).
- **Councils reached**: the distinct councils with anyone at those sessions.
  Other organisations (care providers) count in people trained, not here.

`training_figures` is the pure function over attendance rows; `fetch_attendance`
is the one query that gives them; `council_uptake` applies the same function
to each council's own rows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count
from django.utils import timezone

from upheld.training.models import Attendance, SeminarAttendance
from upheld.years import ReportingYear


class AttendanceRow(NamedTuple):
    session_id: int
    course_id: int
    authority_id: int | None  # None: an organisation that is not a council
    people: int


@dataclass(frozen=True)
class TrainingFigures:
    sessions: int
    courses: int | None  # None where only totals were entered (letters.TrainingYear)
    people_trained: int
    councils_reached: int | None  # likewise

    @property
    def courses_delivered(self) -> int:
        """The letters' "courses delivered": sessions delivered (see the module's docstring)."""
        return self.sessions


def training_figures(rows: Iterable[AttendanceRow]) -> TrainingFigures:
    """The figures over the attendance rows of the sessions that count."""
    sessions, courses, councils = set(), set(), set()
    people = 0
    for row in rows:
        sessions.add(row.session_id)
        courses.add(row.course_id)
        if row.authority_id is not None:
            councils.add(row.authority_id)
        people += row.people
    return TrainingFigures(len(sessions), len(courses), people, len(councils))


def council_uptake(rows: Iterable[AttendanceRow]) -> dict[int, TrainingFigures]:
    """Each council's own figures (sessions its people attended, people trained), by authority id."""
    by_council: dict[int, list[AttendanceRow]] = defaultdict(list)
    for row in rows:
        if row.authority_id is not None:
            by_council[row.authority_id].append(row)
    return {authority_id: training_figures(own) for authority_id, own in by_council.items()}


def fetch_attendance(year: ReportingYear, as_of: datetime.date | None = None) -> list[AttendanceRow]:
    """The attendance rows of the sessions delivered in `year` up to `as_of` (default today): one query."""
    last = min(year.last_day, as_of or timezone.localdate())
    rows = (Attendance.objects.filter(session__date__range=(year.first_day, last))
            .values_list("session_id", "session__course_id", "authority_id", "people").order_by())
    return [AttendanceRow(*row) for row in rows]


def year_training(year: ReportingYear, as_of: datetime.date | None = None) -> TrainingFigures:
    """The programme's recorded figures for `year`."""
    return training_figures(fetch_attendance(year, as_of))


def seminar_attendance(year: ReportingYear, as_of: datetime.date | None = None) -> dict[int, int]:
    """Link-officer seminar places taken in `year` (seminars dated in it, up to `as_of`), by authority id."""
    last = min(year.last_day, as_of or timezone.localdate())
    rows = (SeminarAttendance.objects.filter(seminar__date__range=(year.first_day, last))
            .values_list("link_officer__authority_id").annotate(n=Count("id")).order_by())
    return dict(rows)
