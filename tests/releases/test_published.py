"""How long a process may hold the answer to "what is public": never past a release, and never once this
process has saved anything public."""

import datetime

import pytest
from django.utils import timezone

from tests.builders import Y2017, D, decide
from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Outcome
from upheld.releases import visibility
from upheld.releases.freezing import revise, schedule_release
from upheld.releases.models import Release
from upheld.releases.published import published
from upheld.years import ReportingYear

Y2018 = ReportingYear(2018)


@pytest.fixture
def holding(monkeypatch):
    """Let the public state be held as it is between requests (tests run inside a transaction, where it
    never is), for an hour unless a release comes sooner; `clock` moves time."""
    monkeypatch.setattr(visibility, "_may_hold", lambda: True)
    monkeypatch.setattr(visibility, "HOLD", datetime.timedelta(hours=1))
    visibility.forget()
    clock = {"now": timezone.now()}
    monkeypatch.setattr(visibility.timezone, "now", lambda: clock["now"])
    yield clock
    visibility.forget()


def test_no_year_is_shown_before_its_release_time(released_2017_18, holding):
    schedule_release(Y2018, holding["now"] + datetime.timedelta(seconds=30))
    assert published().years == [Y2017]
    holding["now"] += datetime.timedelta(seconds=29, microseconds=999_999)
    assert published().years == [Y2017]  # still held
    holding["now"] += datetime.timedelta(microseconds=1)
    assert published().years == [Y2018, Y2017]  # released on the dot, however long the hold


def test_saves_in_this_process_are_seen_at_once(released_2017_18, holding):
    assert published().versions[Y2017].version == 1
    decide(Authority.objects.get(gss="E08000014"), D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    revise(Y2017, "A decision recorded late.")
    assert published().versions[Y2017].version == 2


def test_changes_made_elsewhere_show_when_the_hold_ends(released_2017_18, holding, monkeypatch):
    monkeypatch.setattr(visibility, "HOLD", datetime.timedelta(seconds=1))
    visibility.forget()
    assert published().years == [Y2017]
    # Another process brings a release forward (no signal reaches this one).
    schedule_release(Y2018, holding["now"] + datetime.timedelta(days=1))
    visibility.forget()
    assert published().years == [Y2017]
    Release.objects.filter(year=2018).update(scheduled_for=holding["now"] - datetime.timedelta(minutes=1))
    assert published().years == [Y2017]  # held
    holding["now"] += datetime.timedelta(seconds=1)
    assert published().years == [Y2018, Y2017]


def test_a_held_answer_serves_a_cached_page_without_the_database(client, released_2017_18, holding,
                                                                 django_assert_num_queries):
    assert client.get("/councils/sefton/2017-18/").status_code == 200
    with django_assert_num_queries(0):
        response = client.get("/councils/sefton/2017-18/")
    assert response.status_code == 200 and b"Sefton Metropolitan Borough Council" in response.content


def test_inside_a_transaction_nothing_is_held(released_2017_18):
    assert not visibility._may_hold()
    first = published()
    Release.objects.filter(year=2017).update(scheduled_for=timezone.now() + datetime.timedelta(days=1))
    assert published().years == [] and first.years == [Y2017]
