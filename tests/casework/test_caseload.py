"""The caseload list: filters from the query string, compliance statuses counted and filtered by the
same definition as `upheld.casework.compliance`, paging, and a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.casework.conftest import D
from upheld.authorities.models import Authority
from upheld.casework import services
from upheld.casework.compliance import ComplianceStatus, compliance_status
from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation

TODAY = D(2025, 6, 15)


@pytest.fixture
def on_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


MAY_2024 = D(2024, 5, 1)


def make(reference, authority, received=MAY_2024, category="housing", outcome=None, due=None, complied=None):
    case = Case.objects.create(reference=reference, authority=authority, received=received, category=category)
    if outcome:
        Decision.objects.create(case=case, decided=received + datetime.timedelta(days=30), outcome=outcome)
    if due:
        Recommendation.objects.create(case=case, kind="personal", text="Apologise", due=due)
        Recommendation.objects.create(case=case, kind="service", text="Train", due=due + datetime.timedelta(days=90))
    if complied:
        ComplianceOutcome.objects.create(case=case, recorded=due, outcome=complied)
    return case


@pytest.fixture
def caseload(authority, on_today):
    wirral = Authority.objects.get(gss="E08000015")
    make("24 000 001", authority)                                                   # no recommendations
    make("24 000 002", authority, outcome="upheld", due=D(2025, 6, 15))             # awaiting (due today)
    make("24 000 003", authority, outcome="upheld", due=D(2025, 6, 14))             # overdue
    make("23 000 004", wirral, D(2023, 6, 1), "planning", "upheld", D(2024, 6, 16))  # overdue: a day short
    make("23 000 005", wirral, D(2023, 6, 1), "planning", "upheld", D(2024, 6, 15))  # delayed: a full year
    make("23 000 006", wirral, D(2023, 5, 1), "planning", "upheld", D(2023, 9, 1), "complied_late")
    make("22 000 007", wirral, D(2022, 5, 1), "other", "not_upheld")


def references(client, query="") -> list[str]:
    text = client.get(reverse("casework:caseload") + query).content.decode()
    return re.findall(r'<th scope="row" class="govuk-table__header"><a [^>]*>([^<]+)</a>', text)


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["24 000 001", "24 000 002", "24 000 003", "23 000 004", "23 000 005", "23 000 006", "22 000 007"]),
    ("?status=delayed", ["23 000 005"]),
    ("?status=overdue", ["24 000 003", "23 000 004"]),
    ("?status=awaiting", ["24 000 002"]),
    ("?status=none", ["24 000 001", "22 000 007"]),
    ("?status=complied_late", ["23 000 006"]),
    ("?council=e08000015", ["23 000 004", "23 000 005", "23 000 006", "22 000 007"]),
    ("?council=wirr", ["23 000 004", "23 000 005", "23 000 006", "22 000 007"]),
    ("?category=planning&status=overdue", ["23 000 004"]),
    ("?received_from=2023-05-02&received_to=2023-06-01", ["23 000 004", "23 000 005"]),
    ("?decided_from=2023-05-31&decided_to=2023-07-01", ["23 000 004", "23 000 005", "23 000 006"]),
    ("?decided_from=2024-01-01", ["24 000 002", "24 000 003"]),
    ("?decision=undecided", ["24 000 001"]),
    ("?decision=not_upheld", ["22 000 007"]),
    ("?reference=23000", ["23 000 004", "23 000 005", "23 000 006"]),
    ("?reference=000+007", ["22 000 007"]),
])
def test_filters(as_publisher, caseload, query, expected):
    assert references(as_publisher, query) == expected


def test_delayed_cases_are_tagged_in_the_list_and_on_the_case_page(as_compliance_officer, caseload):
    text = as_compliance_officer.get(reverse("casework:caseload") + "?status=delayed").content.decode()
    assert 'govuk-tag--red">Delayed (outstanding 12 months or more)</strong>' in text
    case = Case.objects.get(reference="23 000 005")
    text = as_compliance_officer.get(reverse("casework:case", args=[case.pk])).content.decode()
    assert text.count("Delayed (outstanding 12 months or more)") == 2  # by the heading and under Compliance


def test_counts_of_each_status_among_the_cases_matching_the_other_filters(as_publisher, caseload):
    text = as_publisher.get(reverse("casework:caseload") + "?council=Wirral&status=delayed").content.decode()
    assert "<h2 class=\"govuk-heading-m\" id=\"cases-heading\">1 case</h2>" in text
    counts = dict(re.findall(r'<a class="govuk-link" href="\?[^"]*">([^<:]+): (\d+)</a>', text))
    assert counts == {"No recommendations": "1", "Awaiting evidence": "0", "Overdue": "1",
                      "Delayed (outstanding 12 months or more)": "1", "Complied": "0", "Complied late": "1",
                      "Not complied": "0"}
    assert 'href="?council=Wirral&amp;status=overdue"' in text  # a count links to its filtered list


def test_a_bad_filter_is_reported_and_left_out(as_publisher, caseload):
    response = as_publisher.get(reverse("casework:caseload") + "?received_from=2024-13-01&category=planning")
    text = response.content.decode()
    assert response.status_code == 200 and "Part of this filter could not be used" in text
    assert 'href="#id_received_from">Enter a valid date.' in text
    assert references(as_publisher, "?received_from=2024-13-01&category=planning") == [
        "23 000 004", "23 000 005", "23 000 006"]


def test_decided_dates_the_wrong_way_round_are_reported(as_publisher, caseload):
    text = as_publisher.get(reverse("casework:caseload") + "?decided_from=2024-01-02&decided_to=2024-01-01"
                            ).content.decode()
    assert "The &#x27;decided on or before&#x27; date must not be before the &#x27;on or after&#x27; date" in text


def test_pages_keep_the_filters(as_caseworker, authority):
    for n in range(60):
        make(f"24 100 {n:03d}", authority, D(2024, 4, 1) + datetime.timedelta(days=n), outcome="upheld",
             due=D(2024, 12, 1))
    make("24 999 999", authority, category="other")
    url = reverse("casework:caseload") + "?category=housing&page=3"
    with CaptureQueriesContext(connection) as queries:
        response = as_caseworker.get(url)
    # The status counts, the count and the page: however many cases, however many on the page.
    assert len([query for query in queries if "casework_" in query["sql"]]) == 3
    text = response.content.decode()
    assert re.findall(r">(24 100 \d+)<", text) == ["24 100 009", "24 100 008", "24 100 007", "24 100 006",
                                                   "24 100 005", "24 100 004", "24 100 003", "24 100 002",
                                                   "24 100 001", "24 100 000"]
    assert 'href="?category=housing&amp;page=2" rel="prev"' in text
    assert "Showing cases 51 to 60" in text and "60 cases" in text


def test_the_query_agrees_with_compliance_status_on_every_day(authority):
    """The SQL form of each status matches `compliance_status` across leap years and month ends."""
    dues = [D(2023, 1, 1) + datetime.timedelta(days=n) for n in range(0, 900, 7)] + [
        D(2024, 2, 28), D(2024, 2, 29), D(2024, 3, 1), D(2023, 2, 28), D(2024, 12, 31)]
    for n, due in enumerate(dues):
        case = Case.objects.create(reference=f"Q{n}", authority=authority, received=D(2022, 1, 1), category="other")
        Recommendation.objects.create(case=case, kind="personal", text="x", due=due)
    for today in [D(2025, 2, 28), D(2025, 3, 1), D(2024, 2, 29), D(2024, 3, 1), D(2025, 12, 31), D(2026, 1, 1)]:
        cases, counts = services.caseload({}, today)
        expected = {status: 0 for status in ComplianceStatus}
        for case in cases:
            expected[compliance_status(case.first_due, None, today)] += 1
        assert counts == {status.value: number for status, number in expected.items()}, today
        for status in (ComplianceStatus.OVERDUE, ComplianceStatus.DELAYED):
            found = set(cases.filter(services.status_filter(status, today)).values_list("reference", flat=True))
            assert found == {case.reference for case in cases
                             if compliance_status(case.first_due, None, today) == status}


@pytest.mark.parametrize("today", [D(2025, 3, 1), D(2025, 2, 28), D(2024, 2, 29), D(2024, 3, 1), D(2026, 1, 31)])
def test_latest_delayed_due(today):
    from upheld.casework.compliance import delayed_from

    latest = services.latest_delayed_due(today)
    assert delayed_from(latest) <= today < delayed_from(latest + datetime.timedelta(days=1))


def test_next_reference_runs_on_within_the_year_received(authority):
    assert services.next_reference(D(2024, 3, 31)) == "23 000 001"
    Case.objects.create(reference="24 000 999", authority=authority, received=D(2024, 4, 1), category="other")
    Case.objects.create(reference="24 0001000", authority=authority, received=D(2024, 4, 1), category="other")
    assert services.next_reference(D(2025, 3, 31)) == "24 001 000"
    assert services.next_reference(D(2025, 4, 1)) == "25 000 001"
