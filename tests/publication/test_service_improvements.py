"""Service improvements reach the public only once a publisher approved their exact text, and only three months
after their decision: never on the council page, the scrutiny page or pack, the API or the open data otherwise
(upheld's issue "One publication boundary", finding 1)."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.accounts.signing_in import staff_user
from tests.builders import D, decide
from tests.pdf_text import pdf_text
from upheld.accounts.roles import StaffRole
from upheld.casework import improvements
from upheld.casework.models import Recommendation
from upheld.casework.vocabulary import Outcome, RecommendationKind, Remedy
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
