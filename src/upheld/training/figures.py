"""Which training figures a year's letters and the national review print.

The programme's recorded figures (`upheld.stats.training`) for a year with
any delivered session; for a year without one, the totals staff entered in
`letters.TrainingYear` (the years before sessions were recorded one by one);
None when there are neither, and the letters then leave the figures out.
"""

from __future__ import annotations

from upheld.letters.models import TrainingYear
from upheld.stats.training import TrainingFigures, year_training
from upheld.years import ReportingYear


def year_figures(year: ReportingYear) -> TrainingFigures | None:
    recorded = year_training(year)
    if recorded.sessions:
        return recorded
    entered = TrainingYear.objects.filter(year=year.start_year).first()
    if entered is None:
        return None
    return TrainingFigures(sessions=entered.courses_delivered, courses=None, people_trained=entered.people_trained,
                           councils_reached=None)
