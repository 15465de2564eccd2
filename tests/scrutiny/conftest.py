"""Fixtures of the scrutiny tests: Sefton's released 2017-18 with the public material around it
(published statements, public interest reports, focus reports with curated questions, a service
improvement), on a fixed day."""

import datetime

import pytest

from tests.builders import approved_improvement, decide
from tests.decisions.conftest import make_statement
from tests.publication.site_data import dataset  # noqa: F401 - fixture
from upheld.casework.vocabulary import Category, Outcome, Remedy
from upheld.decisions.models import (
    FocusReport,
    FocusReportTopic,
    PublicInterestReport,
    ResponseOutcome,
    ScrutinyQuestion,
)

D = datetime.date
TODAY = D(2019, 1, 15)
FOCUS_PUBLISHED = D(2018, 5, 1)
HOSTILE_QUESTION = 'Does <script>alert(1)</script> #read("/etc/passwd") $x$ *bold* reach councillors?'
RESPONSE = "The council has cleared its backlog of care assessments.\nIt reports progress to its cabinet monthly."
IMPROVEMENT = "Review how the council checks care charges before the first invoice."


@pytest.fixture
def on_today(monkeypatch):
    """Every 'today' the pages ask for is TODAY (statement publication, report duties, the pack's date)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def focus_report(slug: str, categories: list[str], questions: list[str], published=FOCUS_PUBLISHED) -> FocusReport:
    report = FocusReport.objects.create(slug=slug, title=f"Focus report {slug}", published=published,
                                        summary="Lessons from complaints.")
    FocusReportTopic.objects.bulk_create(FocusReportTopic(report=report, category=c) for c in categories)
    ScrutinyQuestion.objects.bulk_create(ScrutinyQuestion(report=report, position=n, text=text)
                                         for n, text in enumerate(questions, start=1))
    return report


@pytest.fixture
def sefton_scrutiny(released_2017_18, authority, on_today):
    """Sefton 2017-18 released, with: 3 published upheld statements of the year (one upheld of another year,
    one not upheld and one withheld that must not show), two public interest reports, focus reports on four
    of its categories and one on none, and a service improvement agreed in the year."""
    for day in (D(2017, 6, 1), D(2017, 9, 1), D(2018, 2, 1)):
        make_statement(authority, decided=day, category="adult_care",
                       summary=f"Mrs X complained about care charges ({day:%B}). We found fault.")
    make_statement(authority, decided=D(2018, 5, 1), summary="An upheld decision of 2018-19.")
    make_statement(authority, decided=D(2017, 7, 1), outcome="not_upheld", summary="A decision not upheld.")
    make_statement(authority, decided=D(2017, 8, 1), summary="A withheld decision.", withheld="under_review",
                   withheld_reason="The council asked for a review.")
    PublicInterestReport.objects.create(
        authority=authority, issued=D(2018, 3, 1), title="Delays in care assessments", summary="Mrs Y waited.",
        response_received=D(2018, 5, 20), response_outcome=ResponseOutcome.SATISFIED, outcome_date=D(2018, 6, 1),
        response_text=RESPONSE)
    PublicInterestReport.objects.create(authority=authority, issued=D(2018, 8, 1), title="Missed school transport",
                                        summary="A child missed school.")
    focus_report("housing", [Category.HOUSING], ["Housing question?"])
    focus_report("care", [Category.ADULT_CARE], ["Care question one?", HOSTILE_QUESTION])
    focus_report("education", [Category.EDUCATION_CHILDREN], ["Education question?"])
    focus_report("handling", [Category.CORPORATE, Category.HIGHWAYS, Category.OTHER], ["Handling question?"])
    focus_report("empty", [Category.PLANNING], [])  # no questions: nothing to suggest
    decision = decide(authority, D(2017, 5, 1), D(2017, 10, 1), Outcome.UPHELD, Remedy.BY_OMBUDSMAN)
    approved_improvement(decision.case, IMPROVEMENT, D(2018, 1, 1))
    return authority
