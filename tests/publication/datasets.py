"""A national dataset for the publication tests: synthetic casework for every
council in two years, one in each letter layout (2017-18 tables, 2018-19
measures), both released."""

import datetime
import importlib
import io
from dataclasses import dataclass

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Max

from upheld.audit.models import AuditEvent
from upheld.authorities.models import Authority
from upheld.authorities.register import load_register
from upheld.demo.models import DemoDataset
from upheld.demo.store import delete_synthetic_cases
from upheld.letters.defaults import load_defaults
from upheld.letters.models import LetterText, TrainingYear
from upheld.releases.freezing import schedule_release
from upheld.releases.models import FiguresVersion, PublicState, Release
from upheld.years import ReportingYear

Y2017, Y2018 = ReportingYear(2017), ReportingYear(2018)
LONG_AGO = datetime.date(1974, 3, 31)
APPEND_ONLY = importlib.import_module("upheld.audit.migrations.0002_append_only_triggers")


def build_released_years(scale: float = 0.1, before_release=lambda: None) -> list[ReportingYear]:
    """2017-18 and 2018-19 of the demonstration casework, released; `before_release` adds to them first."""
    call_command("demodata", seed=7, years="2017-18:2018-19", scale=scale, no_progress=True, stdout=io.StringIO())
    before_release()
    for year in (Y2017, Y2018):
        schedule_release(year)
    return [Y2017, Y2018]


@dataclass(frozen=True)
class Undo:
    """What `remove_committed` puts back: every other council's dates, and the audit trail as it was."""
    dates: list[tuple[int, datetime.date | None, datetime.date | None]]
    last_event: int


def _undo_point(dates: list | None = None) -> Undo:
    """Where `remove_committed` goes back to. What the session set up, which a browser test's flush of the
    committed database may have emptied, is put back first: the register, and the letter texts the migrations
    ship (a release issues its letters only with a text)."""
    load_register()
    load_defaults(LetterText, TrainingYear)
    return Undo(dates or [], AuditEvent.objects.aggregate(last=Max("id"))["last"] or 0)


def build_committed_released_years(before_release=lambda: None) -> tuple[list[ReportingYear], Undo]:
    """`build_released_years`, committed: for a module whose tests each run in a transaction over it (and roll
    back what they change), so that the national dataset is built once, not once a test. What
    `before_release` adds beyond casework is its own to remove."""
    undo = _undo_point()
    return build_released_years(before_release=before_release), undo


def build_few_councils(codes: tuple[str, ...]) -> Undo:
    """2017-18 and 2018-19 released, and 2019-20 (with no casework) released after them, for the councils with
    GSS `codes` only: every other council is made to have ended long before (so it has no casework and no
    figures), which is quicker to undo than removing it from the register. The whole published site of a few
    councils, for tests whose data is committed; `remove_committed` undoes it."""
    others = Authority.objects.exclude(gss__in=codes)
    undo = _undo_point(list(others.values_list("id", "start_date", "end_date")))
    others.update(start_date=LONG_AGO, end_date=LONG_AGO)
    call_command("demodata", seed=7, years="2017-18:2018-19", scale=0.05, no_progress=True, stdout=io.StringIO())
    for year in (Y2017, Y2018, ReportingYear(2019)):
        schedule_release(year)
    return undo


def remove_committed(undo: Undo) -> None:
    """The database as the session set it up: no casework, releases or versions, every council's dates, and
    none of the audit events written since (the demonstration step's approval of service improvements), which
    the append-only trail allows only with its triggers lifted, in this throwaway test database."""
    FiguresVersion.objects.all().delete()  # and the letters issued with them
    Release.objects.all().delete()
    delete_synthetic_cases()
    DemoDataset.objects.all().delete()
    PublicState.objects.all().delete()
    Authority.objects.bulk_update([Authority(id=pk, start_date=start, end_date=end) for pk, start, end in undo.dates],
                                  ["start_date", "end_date"])
    lift, restore = {"sqlite": (APPEND_ONLY.SQLITE_REVERSE, APPEND_ONLY.SQLITE),
                     "postgresql": (APPEND_ONLY.POSTGRESQL_REVERSE, APPEND_ONLY.POSTGRESQL)}[connection.vendor]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in lift:
            cursor.execute(statement)
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id > %s", [undo.last_event])  # noqa: S608
        for statement in restore:
            cursor.execute(statement)
