"""The portal's tests: Sefton (council A, the reference letter's records) and Knowsley (council B), a
signed-in client for each council role, and a complainant's details planted in a case of each council so
that any page or download that leaked personal data would show it."""

import datetime

import pytest
from django.test import Client

from tests.accounts.signing_in import council_user, sign_in, staff_user
from tests.builders import decide
from upheld.accounts.models import CouncilRole
from upheld.accounts.roles import StaffRole
from upheld.authorities.models import Authority
from upheld.casework.models import Recommendation
from upheld.casework.vocabulary import Outcome, RecommendationKind, Remedy

KNOWSLEY = "E08000011"
PLANTED_NAME = "Philippa Plantagenet-Smythe"
PLANTED_EMAIL = "philippa.planted@example.org"
PLANTED_PHONE = "07700 900461"


@pytest.fixture
def knowsley(db):
    return Authority.objects.get(gss=KNOWSLEY)


def planted_case(council, reference_text: str):
    """An upheld 2017-18 case with a recommendation, carrying a complainant's details."""
    decision = decide(council, datetime.date(2017, 6, 1), datetime.date(2017, 10, 2), Outcome.UPHELD,
                      Remedy.BY_OMBUDSMAN)
    case = decision.case
    case.complainant_name, case.complainant_email, case.complainant_phone = PLANTED_NAME, PLANTED_EMAIL, PLANTED_PHONE
    case.complainant_address = "1 Planted Road, Bootle"
    case.save()
    Recommendation.objects.create(case=case, kind=RecommendationKind.PERSONAL, text=reference_text,
                                  due=datetime.date(2017, 11, 2))
    return case


@pytest.fixture
def planted(authority, knowsley):
    """A case with a complainant's details at Sefton and at Knowsley: (Sefton's, Knowsley's)."""
    return (planted_case(authority, "Apologise for the delay in answering the complaint."),
            planted_case(knowsley, "Knowsley will pay £150 for the time and trouble."))


@pytest.fixture(params=[CouncilRole.LINK_OFFICER, CouncilRole.CHIEF_EXECUTIVE], ids=["link-officer", "chief-exec"])
def council_role(request):
    return request.param


@pytest.fixture
def sefton_user(authority, council_role):
    return council_user(f"sefton-{council_role.value.replace(' ', '-')}", authority, council_role)


@pytest.fixture
def sefton_client(sefton_user):
    """A client signed in as a Sefton council user, as link officer and as chief executive."""
    return sign_in(Client(), sefton_user)


@pytest.fixture
def knowsley_client(knowsley):
    return sign_in(Client(), council_user("knowsley-link", knowsley, CouncilRole.LINK_OFFICER))


@pytest.fixture
def publisher_client(db):
    return sign_in(Client(), staff_user("publisher", StaffRole.PUBLISHER))


@pytest.fixture
def caseworker_client(db):
    return sign_in(Client(), staff_user("caseworker", StaffRole.CASEWORKER))
