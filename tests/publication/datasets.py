"""A national dataset for the publication tests: synthetic casework for every
council in two years, one in each letter layout (2017-18 tables, 2018-19
measures), both released."""

import io

from django.core.management import call_command

from upheld.authorities.models import Authority
from upheld.authorities.register import load_register
from upheld.demo.models import DemoDataset
from upheld.demo.store import delete_synthetic_cases
from upheld.releases.freezing import schedule_release
from upheld.releases.models import FiguresVersion, PublicState, Release
from upheld.years import ReportingYear

Y2017, Y2018 = ReportingYear(2017), ReportingYear(2018)


def build_released_years(scale: float = 0.1) -> list[ReportingYear]:
    call_command("demodata", seed=7, years="2017-18:2018-19", scale=scale, no_progress=True, stdout=io.StringIO())
    for year in (Y2017, Y2018):
        schedule_release(year)
    return [Y2017, Y2018]


def build_few_councils(codes: tuple[str, ...]) -> None:
    """2017-18 and 2018-19 released, and 2019-20 (with no casework) released after them, in a register of the
    councils with GSS `codes` only: the whole published site of a few councils. Undone by `remove_few_councils`."""
    Authority.objects.exclude(gss__in=codes).delete()
    call_command("demodata", seed=7, years="2017-18:2018-19", scale=0.05, no_progress=True, stdout=io.StringIO())
    for year in (Y2017, Y2018, ReportingYear(2019)):
        schedule_release(year)


def remove_few_councils() -> None:
    """The database as the session set it up: no casework, releases or versions, and the whole register."""
    FiguresVersion.objects.all().delete()  # and the letters issued with them
    Release.objects.all().delete()
    delete_synthetic_cases()
    DemoDataset.objects.all().delete()
    PublicState.objects.all().delete()
    load_register()
