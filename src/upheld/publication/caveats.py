"""Years whose figures do not compare with the others, and why, in one place.

Shown on the national review and the council pages of those years, and
beside those years in every trend table, so that a rise or fall that comes
from how complaints were handled is not read as a change in councils.
"""

from __future__ import annotations

from upheld.years import ReportingYear

CAVEATS = {
    2020: ("Covid-19: for three months from late March 2020 no new complaints were accepted and casework "
           "was paused, so that councils could concentrate on the pandemic. Fewer complaints were received "
           "and decided than in other years, and the figures for 2020-21 should not be compared directly "
           "with other years."),
    2022: ("Changed process: from 2022-23 more complaints were assessed and closed without investigation, and "
           "detailed investigations were kept for cases where fault was more likely. Uphold rates rose as a "
           "result; a higher rate from 2022-23 on does not in itself mean that councils got worse."),
}


def caveat(year: ReportingYear) -> str | None:
    return CAVEATS.get(year.start_year)


# Years whose figures do not compare with the year before's: the Covid year with its neighbours on both sides
# (2020-21 against 2019-20, and 2021-22 against 2020-21), and the changed process of 2022-23 against 2021-22.
# From 2023-24 on, years of the new process compare with each other again.
BREAKS = frozenset({2020, 2021, 2022})


def comparable(year: ReportingYear) -> bool:
    """Whether `year`'s figures compare with the year before's, so that a change between them may be read."""
    return year.start_year not in BREAKS
