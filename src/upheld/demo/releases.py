"""Release the demonstration years as the Ombudsman would have: each year's
figures public on 18 July after it ended, at 09:30."""

import datetime

from upheld.demo.calibration import FIRST_YEAR, LAST_YEAR
from upheld.releases.freezing import default_release_time, schedule_release
from upheld.releases.models import FiguresVersion, Release
from upheld.years import ReportingYear


def release_demo_years(replace: bool) -> int:
    """Freeze and release every demonstration year not yet released (all of them, after `replace`).

    `replace` is for freshly regenerated data: the old frozen figures describe
    data that no longer exists, so they go rather than become revisions.
    """
    if replace:
        FiguresVersion.objects.all().delete()
        Release.objects.all().delete()
    released = set(Release.objects.values_list("year", flat=True))
    years = [ReportingYear(y) for y in range(FIRST_YEAR.start_year, LAST_YEAR.start_year + 1) if y not in released]
    for year in years:
        schedule_release(year, default_release_time(datetime.date(year.start_year + 1, 7, 18)))
    return len(years)
