"""A national dataset for the publication tests: synthetic casework for every
council in two years, one in each letter layout (2017-18 tables, 2018-19
measures), both released."""

import datetime
import io

from django.core.management import call_command

from upheld.authorities.models import Authority
from upheld.demo.models import DemoDataset
from upheld.demo.store import delete_synthetic_cases
from upheld.releases.freezing import schedule_release
from upheld.releases.models import FiguresVersion, PublicState, Release
from upheld.years import ReportingYear

Y2017, Y2018 = ReportingYear(2017), ReportingYear(2018)
LONG_AGO = datetime.date(1974, 3, 31)


def build_released_years(scale: float = 0.1) -> list[ReportingYear]:
    call_command("demodata", seed=7, years="2017-18:2018-19", scale=scale, no_progress=True, stdout=io.StringIO())
    for year in (Y2017, Y2018):
        schedule_release(year)
    return [Y2017, Y2018]


def build_few_councils(codes: tuple[str, ...]) -> list[tuple[int, datetime.date | None, datetime.date | None]]:
    """2017-18 and 2018-19 released, and 2019-20 (with no casework) released after them, for the councils with
    GSS `codes` only: every other council is made to have ended long before (so it has no casework and no
    figures), which is quicker to undo than removing it from the register. The whole published site of a few
    councils; the other councils' dates, for `remove_few_councils`."""
    others = Authority.objects.exclude(gss__in=codes)
    dates = list(others.values_list("id", "start_date", "end_date"))
    others.update(start_date=LONG_AGO, end_date=LONG_AGO)
    call_command("demodata", seed=7, years="2017-18:2018-19", scale=0.05, no_progress=True, stdout=io.StringIO())
    for year in (Y2017, Y2018, ReportingYear(2019)):
        schedule_release(year)
    return dates


def remove_few_councils(dates: list[tuple[int, datetime.date | None, datetime.date | None]]) -> None:
    """The database as the session set it up: no casework, releases or versions, and every council's dates."""
    FiguresVersion.objects.all().delete()  # and the letters issued with them
    Release.objects.all().delete()
    delete_synthetic_cases()
    DemoDataset.objects.all().delete()
    PublicState.objects.all().delete()
    Authority.objects.bulk_update([Authority(id=pk, start_date=start, end_date=end) for pk, start, end in dates],
                                  ["start_date", "end_date"])
