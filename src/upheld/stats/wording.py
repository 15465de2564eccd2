"""How upheld writes numbers, counts, years, dates and remedies for people: one place for every page,
letter, pack, download description and message, so that the same figure never reads two ways.

Templates reach these through the `publication_format` filters, letters through `upheld.letters.formats`.
"""

from __future__ import annotations

import datetime
import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from upheld.casework.vocabulary import Remedy
from upheld.years import ReportingYear

# A rate over no cases (nothing to divide by): not applicable, never 0%. The letters have always printed "-".
NOT_APPLICABLE = "-"
# A measure that has no interval at all (a count per residents is not a share of cases): words, not the dash,
# so that "no cases" and "no interval" never look alike.
NO_INTERVAL = "Not calculated"
# A figure on fewer cases than `upheld.stats.measures.MINIMUM_BASE`: shown, but never compared.
TOO_FEW = "Too few cases to compare"


def number(count: int) -> str:
    """1,234."""
    return f"{count:,}"


def counted(count: int, noun: tuple[str, str]) -> str:
    """"1 detailed investigation", "2 detailed investigations": `noun` is (singular, plural)."""
    return f"{number(count)} {noun[0] if count == 1 else noun[1]}"


def plural(word: str) -> tuple[str, str]:
    """(word, word + "s") for a regular noun: the common case of `counted`."""
    return word, f"{word}s"


def one_decimal(value: float | None) -> str:
    """A figure per residents to one decimal place, with thousands separated (1,234.5), or "-" when the
    population is not known."""
    return NOT_APPLICABLE if value is None else f"{value:,.1f}"


def long_date(day: datetime.date) -> str:
    """18 July 2018: how every date reads in prose and in messages, never 2018-07-18."""
    return f"{day.day} {day:%B %Y}"


def period(year: ReportingYear, joiner: str = "to") -> str:
    """1 April 2017 to 31 March 2018 (or "… and …")."""
    return f"{long_date(year.first_day)} {joiner} {long_date(year.last_day)}"


_YEAR_LABEL = re.compile(r"\b\d{4}-\d{2}\b")


def year_html(year: ReportingYear | str) -> str:
    """A reporting year as HTML that never breaks at its hyphen ("2024-" / "25"): a no-wrap span, so the
    text stays a plain ASCII "2024-25" for searching, copying and screen readers."""
    return format_html('<span class="upheld-year">{}</span>', year.label if isinstance(year, ReportingYear) else year)


def years_html(text: str) -> SafeString:
    """`text`, escaped, with every reporting year in it kept whole ("Up from 73% in 2023-24")."""
    return mark_safe(_YEAR_LABEL.sub(lambda match: year_html(match[0]), escape(text)))  # noqa: S308 - escaped above



# Remedies as a reader sees them: whole phrases, capitalised like every other name on a page. The vocabulary's
# own labels ("by ombudsman") are the names imports accept and the open data uses, not words for a page.
REMEDY_NAMES = {
    Remedy.SATISFACTORY_BY_AUTHORITY: "Put right by the council before we were involved",
    Remedy.BY_OMBUDSMAN: "Remedied by the council at our recommendation",
    Remedy.NONE: "Fault without injustice needing a remedy",
}


def remedy_name(code: str) -> str:
    """A stored remedy code as a reader's name: "Remedied by the council at our recommendation"."""
    return REMEDY_NAMES[code]


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def in_words(count: int) -> str:
    """A small count as prose writes it ("four measures"); 10 and over in figures."""
    return _WORDS[count] if 0 <= count < len(_WORDS) else number(count)
