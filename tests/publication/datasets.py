"""A national dataset for the publication tests: synthetic casework for every
council in two years, one in each letter layout (2017-18 tables, 2018-19
measures), both released."""

import io

from django.core.management import call_command

from upheld.releases.freezing import schedule_release
from upheld.years import ReportingYear

Y2017, Y2018 = ReportingYear(2017), ReportingYear(2018)


def build_released_years(scale: float = 0.1) -> list[ReportingYear]:
    call_command("demodata", seed=7, years="2017-18:2018-19", scale=scale, no_progress=True, stdout=io.StringIO())
    for year in (Y2017, Y2018):
        schedule_release(year)
    return [Y2017, Y2018]
