"""Consistency rules for casework, shared by every way records come in.

Each function returns a mapping of field name to message, empty when the
record is acceptable, so the admin can attach messages to fields and the
imports can report them as `FILE:ROW: column: message`, with dates written
as people read them ("31 March 2019"). They take plain values
rather than model instances so an import can check a million rows without a
query per row.
"""

import datetime
from collections.abc import Iterable, Mapping

from upheld.casework.vocabulary import Category, Outcome
from upheld.stats.wording import long_date


def authority_problem(name: str, start: datetime.date | None, end: datetime.date | None,
                      day: datetime.date) -> str | None:
    """Why a council could not be the subject of a record dated `day`, if it could not."""
    if start is not None and day < start:
        return f"{name} did not exist until {long_date(start)}"
    if end is not None and day > end:
        return f"{name} ceased to exist on {long_date(end)}"
    return None


def authority_period_problem(name: str, start: datetime.date | None, end: datetime.date | None,
                             first: datetime.date, last: datetime.date) -> str | None:
    """Why a council could have no figure for the period [first, last] (a
    reporting year's population, say): it must have existed on one day of it."""
    if start is not None and last < start:
        return f"{name} did not exist until {long_date(start)}"
    if end is not None and first > end:
        return f"{name} ceased to exist on {long_date(end)}"
    return None


def case_problems(authority, received: datetime.date) -> dict[str, str]:
    problem = authority_problem(authority.name, authority.start_date, authority.end_date, received)
    return {"received": problem} if problem else {}


def subcategory_key(name: str) -> str:
    """A subcategory as compared with the list: whatever its capitals and spaces."""
    return " ".join(name.split()).casefold()


def subcategory_problems(category: str, subcategory: str, listed: Mapping[str, str]) -> dict[str, str]:
    """`listed`: the category's listed names by `subcategory_key` (`Subcategory.objects.listed`)."""
    if not subcategory or subcategory_key(subcategory) in listed:
        return {}
    return {"subcategory": subcategory_message(category, subcategory, listed.values())}


def subcategory_message(category: str, subcategory: str, names: Iterable[str]) -> str:
    label = Category(category).label
    names = sorted(names)
    expected = f"expected one of: {'; '.join(names)}" if names else "it has none listed"
    return f"{subcategory!r} is not a listed subcategory of {label}; {expected}"


def decision_problems(received: datetime.date | None, decided: datetime.date,
                      outcome: str, remedy: str, first_due: datetime.date | None = None) -> dict[str, str]:
    """`first_due`: the earliest due date of the case's recommendations, which a decision moved later
    would leave due before it (`due_problems`)."""
    problems = {}
    if received is not None and decided is not None and decided < received:
        problems["decided"] = f"decided before the case was received ({long_date(received)})"
    elif first_due is not None and decided is not None and first_due < decided:
        problems["decided"] = f"decided after a recommendation was due ({long_date(first_due)})"
    if remedy and outcome != Outcome.UPHELD:
        problems["remedy"] = "a remedy can only be recorded on an Upheld decision"
    return problems


def due_problems(decided: datetime.date | None, due: datetime.date | None, field: str = "due") -> dict[str, str]:
    """A date something is due by, as a result of a decision, cannot come before that decision: the one rule
    for every due date tied to a decision (a recommendation's), checked wherever either date is set."""
    if decided is not None and due is not None and due < decided:
        return {field: f"due before the decision ({long_date(decided)})"}
    return {}


def compliance_problems(decided: datetime.date | None, outcome: str | None,
                        recorded: datetime.date) -> dict[str, str]:
    """Compliance is checked on recommendations, which only follow an Upheld decision."""
    if decided is None:
        return {"reference": "the case has no decision, so there is nothing to comply with"}
    if outcome != Outcome.UPHELD:
        return {"reference": "compliance is only recorded on an Upheld decision"}
    if recorded < decided:
        return {"recorded": f"recorded before the decision ({long_date(decided)})"}
    return {}
