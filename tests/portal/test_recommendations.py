"""Recommendations due: the council's own cases, each with the status `compliance_status` gives it, late
ones first and marked, settled ones for a year, nothing about the complainant."""

import datetime

import pytest
from django.utils import timezone

from tests.builders import decide
from tests.portal.conftest import PLANTED_EMAIL, PLANTED_NAME
from tests.publication.page_reader import get_page
from upheld.casework.models import ComplianceOutcome, Recommendation
from upheld.casework.vocabulary import ComplianceResult, Outcome, RecommendationKind, Remedy

CAPTION_START = "Cases with recommendations"


def case_with(council, due: datetime.date, *, recorded: datetime.date | None = None,
              result: str = ComplianceResult.COMPLIED, text: str = "Apologise to the complainant."):
    decided = due - datetime.timedelta(days=60)
    decision = decide(council, decided - datetime.timedelta(days=90), decided, Outcome.UPHELD, Remedy.BY_OMBUDSMAN)
    Recommendation.objects.create(case=decision.case, kind=RecommendationKind.PERSONAL, text=text, due=due)
    if recorded:
        ComplianceOutcome.objects.create(case=decision.case, recorded=recorded, outcome=result)
    return decision.case


@pytest.fixture
def recommendations(authority, knowsley):
    today = timezone.localdate()
    days = datetime.timedelta
    return {
        "awaiting": case_with(authority, today + days(20), text="Review the <script>alert(1)</script> policy."),
        "overdue": case_with(authority, today - days(30)),
        "delayed": case_with(authority, today - days(400)),
        "complied": case_with(authority, today - days(100), recorded=today - days(90)),
        "not complied": case_with(authority, today - days(100), recorded=today - days(10),
                                  result=ComplianceResult.NOT_COMPLIED),
        "settled long ago": case_with(authority, today - days(900), recorded=today - days(800)),
        "other council": case_with(knowsley, today - days(30)),
    }


def table(page):
    (caption,) = [caption for caption in page.tables if caption.startswith(CAPTION_START)]
    return page.rows(caption)


def test_cases_listed_late_first_with_their_status(sefton_client, recommendations, planted):
    response = sefton_client.get("/portal/recommendations/")
    page = get_page(sefton_client, "/portal/recommendations/")
    rows = table(page)
    references = [row[0] for row in rows]
    by_reference = {row[0]: row[-1] for row in rows}
    expected = ["delayed", "overdue", "awaiting", "not complied", "complied"]
    # The planted case's recommendation was due in 2017: delayed the longest, so first.
    assert references == [planted[0].reference, *(recommendations[name].reference for name in expected)]
    assert by_reference[recommendations["delayed"].reference] == "Delayed (outstanding 12 months or more)"
    assert by_reference[recommendations["overdue"].reference] == "Overdue"
    assert by_reference[recommendations["awaiting"].reference] == "Awaiting evidence"
    assert by_reference[recommendations["not complied"].reference].startswith("Not complied recorded ")
    assert recommendations["settled long ago"].reference not in references
    assert recommendations["other council"].reference not in references and planted[1].reference not in references

    html = response.content.decode()
    assert html.count('class="govuk-table__row portal-late"') == 3  # delayed, overdue and the planted case
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert PLANTED_NAME not in html and PLANTED_EMAIL not in html


def test_home_counts_outstanding_cases(sefton_client, recommendations):
    text = get_page(sefton_client, "/portal/").text
    assert "1 delayed" in text and "1 overdue" in text and "1 awaiting evidence" in text


def test_another_council_sees_only_its_own(knowsley_client, recommendations):
    references = [row[0] for row in table(get_page(knowsley_client, "/portal/recommendations/"))]
    assert references == [recommendations["other council"].reference]
