"""Service improvements reach the public only once a publisher approved their exact text, and only three months
after their decision: never on the council page, the scrutiny page or pack, the API or the open data otherwise
(upheld's issue "One publication boundary", finding 1)."""

import datetime
import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.accounts.signing_in import staff_user
from tests.builders import Y2017, D, approved_improvement, case, decide
from tests.pdf_text import pdf_text
from upheld.accounts.roles import StaffRole
from upheld.authorities.models import Authority
from upheld.casework import improvements
from upheld.casework.models import Decision, Recommendation
from upheld.casework.vocabulary import Category, Outcome, RecommendationKind, Remedy
from upheld.publication import service_improvements
from upheld.releases import visibility

# A full name, a street address, a postcode, an email address, a phone number and a date of birth.
PERSONAL = ("Send Philippa Quenby-Marsh of 12 Larkspur Row, Bootle L20 3NJ (pq.marsh@example.org, 07700 900123, "
            "born 4 March 1961) a copy of the revised repairs procedure.")
PLANTED = ("Quenby-Marsh", "Larkspur Row", "L20 3NJ", "pq.marsh@example.org", "07700 900123", "4 March 1961")
CLEAN = "Review the repairs procedure so that urgent repairs are inspected within two working days."
COUNCIL_PAGE, SCRUTINY_PAGE = "/councils/sefton/2017-18/", "/scrutiny/sefton/2017-18/"
PACK = "/scrutiny/sefton/2017-18/pack.pdf"
API = ["/api/v1/councils/E08000014", "/api/v1/statistics/2017-18/E08000014", "/api/v1/decisions",
       "/api/v1/national/2017-18"]
OPEN_DATA = ["/data/2017-18/", "/data/2017-18/upheld-2017-18.csv", "/data/2017-18/upheld-2017-18.json",
             "/data/2017-18/table.csv"]


DECIDED = D(2017, 10, 2)


def improvement(authority, text: str, decided: datetime.date = DECIDED) -> Recommendation:
    decision = decide(authority, D(2017, 5, 1), decided, Outcome.UPHELD, Remedy.BY_OMBUDSMAN)
    return Recommendation.objects.create(case=decision.case, kind=RecommendationKind.SERVICE_IMPROVEMENT,
                                         text=text, due=decided + datetime.timedelta(days=90))


@pytest.fixture
def publisher(db):
    return staff_user("improvements-publisher", StaffRole.PUBLISHER)


def public_text(client) -> str:
    """Every public answer that could list a service improvement, as one text (the pack's PDF read back)."""
    answers = []
    for url in [COUNCIL_PAGE, SCRUTINY_PAGE, *API, *OPEN_DATA]:
        response = client.get(url)
        assert response.status_code == 200, url
        answers.append(response.content.decode())
    pack = client.get(PACK)
    assert pack.status_code == 200
    answers.append(" ".join(pdf_text(pack.content).split()))
    return "\n".join(answers)


@override_settings(UPHELD_API_RATE="10000/min")
def test_an_improvement_holding_personal_data_is_published_nowhere(client, released_2017_18, authority):
    """The finding: the text appeared verbatim on the council page, the scrutiny page and the pack."""
    improvement(authority, PERSONAL)
    published = public_text(client)
    for planted in PLANTED:
        assert planted not in published, planted


@override_settings(UPHELD_API_RATE="10000/min")
def test_an_approved_clean_improvement_is_published(client, released_2017_18, authority, publisher):
    improvements.approve(improvement(authority, CLEAN), publisher, improvements.digest(CLEAN))
    improvement(authority, PERSONAL)
    published = public_text(client)
    assert published.count(CLEAN) == 3  # council page, scrutiny page, pack; no API or open data lists them
    assert not any(planted in published for planted in PLANTED)


def test_an_edit_of_an_approved_improvement_hides_it_until_approved_again(client, released_2017_18, authority,
                                                                           publisher):
    approved = improvement(authority, CLEAN)
    improvements.approve(approved, publisher, improvements.digest(CLEAN))
    assert CLEAN in client.get(COUNCIL_PAGE).content.decode()
    edited = CLEAN.replace("two working days", "two working days of the tenant's report")
    # Every way of writing the text: a model save (screens, admin), and an update that bypasses it (bulk).
    approved.text = edited
    approved.save()
    page = client.get(COUNCIL_PAGE).content.decode()
    assert CLEAN not in page and edited not in page
    Recommendation.objects.filter(pk=approved.pk).update(text=CLEAN + " Report to the cabinet.")
    visibility.changed()  # an update sends no signal: a bulk writer counts its change itself
    assert "Report to the cabinet" not in client.get(COUNCIL_PAGE).content.decode()
    approved.refresh_from_db()
    improvements.approve(approved, publisher, improvements.digest(approved.text))
    assert "Report to the cabinet" in client.get(COUNCIL_PAGE).content.decode()


def test_an_approved_improvement_waits_three_months_after_its_decision(authority, publisher):
    today = timezone.localdate()
    recent = improvement(authority, CLEAN, decided=today - datetime.timedelta(days=20))
    improvements.approve(recent, publisher, improvements.digest(CLEAN))
    assert not Recommendation.objects.public_service_improvements(today).exists()
    assert Recommendation.objects.public_service_improvements(today + datetime.timedelta(days=100)).get() == recent


def test_a_personal_remedy_is_never_a_public_service_improvement(authority, publisher):
    personal = improvement(authority, CLEAN)
    improvements.approve(personal, publisher, improvements.digest(CLEAN))
    Recommendation.objects.filter(pk=personal.pk).update(kind=RecommendationKind.PERSONAL)
    assert not Recommendation.objects.public_service_improvements().exists()


def agreed_texts(authority, year, today):
    return [(area, [(item.text, item.times) for item in items])
            for area, items in service_improvements.agreed(authority, year, today)]


def test_agreed_lists_the_approved_improvements_of_the_councils_decisions_of_the_year(authority, publisher):
    """What `agreed` lists, unchanged by finding the council's decisions first (the scale benchmark's finding)."""
    wirral = Authority.objects.get(gss="E08000015")
    for council, received, decided, category, text in [
            (authority, D(2017, 5, 1), D(2017, 10, 2), Category.HOUSING, CLEAN),
            (authority, D(2016, 12, 1), D(2017, 4, 1), Category.HOUSING, CLEAN),  # received the year before
            (authority, D(2017, 6, 1), D(2018, 3, 31), Category.EDUCATION_CHILDREN, "Train the admissions staff."),
            (authority, D(2018, 1, 1), D(2018, 4, 1), Category.HOUSING, "Decided the year after."),
            (wirral, D(2017, 5, 1), D(2017, 10, 2), Category.HOUSING, "Another council's.")]:
        decided_case = case(council, received, category)
        Decision.objects.create(case=decided_case, decided=decided, outcome=Outcome.UPHELD, remedy=Remedy.BY_OMBUDSMAN)
        approved_improvement(decided_case, text, decided + datetime.timedelta(days=90))
    improvement(authority, "Never approved.")
    improvements.refuse(improvement(authority, "Refused."), publisher, improvements.digest("Refused."), "Vague.")
    assert agreed_texts(authority, Y2017, D(2018, 7, 1)) == [
        ("Education and Children's Services", [("Train the admissions staff.", 1)]), ("Housing", [(CLEAN, 2)])]
    assert agreed_texts(authority, Y2017, D(2018, 6, 29)) == [("Housing", [(CLEAN, 2)])]  # not three months yet
    assert agreed_texts(wirral, Y2017, D(2018, 7, 1)) == [("Housing", [("Another council's.", 1)])]


def test_a_councils_improvements_are_found_from_its_decisions_not_from_every_recommendation(authority):
    """The finding: PostgreSQL expects a handful of approved improvements (it cannot estimate `reviewed_text =
    text`), so it started from every council's approved improvements and looked each one's case up: 230 ms of
    a council's page at ten times the national casework. The recommendations must be reached through their
    case's index, from the council's decisions. With a test's few rows a whole-table scan is the cheapest plan
    whatever the query, so PostgreSQL is offered none, after gathering its statistics (which misjudge the
    review's condition here as at scale); SQLite's planner, which was never misled, must keep its plan."""
    approved_improvement(decide(authority, D(2017, 5, 1), DECIDED, Outcome.UPHELD, Remedy.BY_OMBUDSMAN).case,
                         CLEAN, D(2018, 1, 1))
    with CaptureQueriesContext(connection) as captured:
        assert agreed_texts(authority, Y2017, D(2018, 7, 1)) == [("Housing", [(CLEAN, 1)])]
    sql = next(query["sql"] for query in captured if '"casework_recommendation"' in query["sql"])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE casework_case, casework_decision, casework_recommendation")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            scans = [node for node in plan_nodes(json.loads(plan) if isinstance(plan, str) else plan)
                     if node.get("Relation Name") == "casework_recommendation"]
            assert scans and all("case_id = " in node.get("Index Cond", "") for node in scans), scans
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            details = [row[-1] for row in cursor.fetchall()]
            assert any(detail.startswith("SEARCH casework_recommendation USING INDEX") and "(case_id=?)" in detail
                       for detail in details), details


def plan_nodes(plan):
    """Every node of a PostgreSQL plan (`EXPLAIN (FORMAT JSON)`), sub-plans too."""
    pending = [entry["Plan"] for entry in plan]
    while pending:
        node = pending.pop()
        yield node
        pending.extend(node.get("Plans", []))
