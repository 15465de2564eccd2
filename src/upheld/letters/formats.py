"""How a letter writes numbers and dates: one place, so the HTML, the PDF and the merge fields agree."""

import datetime

from upheld.stats.measures import NOT_APPLICABLE
from upheld.years import ReportingYear


class Count(int):
    """A count for a merge field: prints as 1,234 and is false when zero, so `{% if upheld %}` reads naturally."""

    def __str__(self) -> str:
        return number(self)


def number(count: int) -> str:
    """1,234."""
    return f"{count:,}"


def per_100k(value: float | None) -> str:
    """A rate per 100,000 residents to one decimal place, or "-" when the population is not known."""
    return NOT_APPLICABLE if value is None else f"{value:.1f}"


def long_date(day: datetime.date) -> str:
    """18 July 2018."""
    return f"{day.day} {day:%B %Y}"


def period(year: ReportingYear, joiner: str = "to") -> str:
    """1 April 2017 to 31 March 2018 (or "… and …")."""
    return f"{long_date(year.first_day)} {joiner} {long_date(year.last_day)}"
