"""Builders for the decision tests: statements saved the ordinary way (so
their id, guard findings and `publishable` are derived as in production),
marked for publication as a publisher would unless told `publish=False`."""

import datetime
from itertools import count

import pytest

from tests.accounts.conftest import caseworker, publisher  # noqa: F401  fixtures
from upheld.authorities.models import Authority
from upheld.decisions.models import Statement

D = datetime.date
TODAY = D(2024, 6, 1)
_numbers = count(1)

BODY = """The complaint
Mrs X complains that the Council delayed her housing application.
The Ombudsman's role and powers
We investigate complaints about fault.
How I considered this complaint
I considered the information Mrs X provided.
What I found
The Council took too long.
Final decision
I have completed my investigation."""


def make_statement(authority=None, **fields) -> Statement:
    number = next(_numbers)
    values = {
        "reference": f"T{number:07d}", "category": "housing", "outcome": "upheld", "decided": D(2023, 1, 10),
        "summary": "Mrs X complained about the Council.", "body": BODY, "publish": True,
    }
    values.update(fields)
    statement = Statement(authority=authority or Authority.objects.get(gss="E08000014"), **values)
    statement.save()
    return statement


@pytest.fixture
def sefton(db):
    return Authority.objects.get(gss="E08000014")


@pytest.fixture
def wirral(db):
    return Authority.objects.get(gss="E08000015")


@pytest.fixture
def on_today(monkeypatch):
    """Every 'today' the decisions app asks for is TODAY."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def release_years_to_2023_24() -> None:
    """Every year to 2023-24 released (with no figures: only the dates matter here), so that searches by
    outcome, remedy or service improvement cover the statements of TODAY's tests (decided before April 2024)."""
    from upheld.releases.models import Release

    for year in range(2014, 2024):
        Release.objects.create(year=year, scheduled_for=datetime.datetime(year + 1, 7, 20, 9, 30, tzinfo=datetime.UTC))


@pytest.fixture
def figures_released(db):
    release_years_to_2023_24()
