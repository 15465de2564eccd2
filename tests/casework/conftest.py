"""Accounts of every role, a case with a complainant, and clients signed in as each role."""

import datetime

import pytest
from django.test import Client

from tests.accounts.conftest import (  # noqa: F401  fixtures
    administrator,
    caseworker,
    compliance_officer,
    link_officer,
    publisher,
    roles,
)
from tests.accounts.signing_in import sign_in
from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation, Subcategory

D = datetime.date
# Listed besides the defaults (migration casework 0005): the subcategories these tests file cases under.
LISTED = {"housing": ["Repairs", "Damp", "Damp and mould", "Leaks", "Disrepair"], "environment": ["Disrepair"],
          "planning": ["<script>alert(1)</script>"]}  # staff's text in the list is escaped like any other


@pytest.fixture(autouse=True)
def listed_subcategories(db):
    Subcategory.objects.bulk_create(Subcategory(category=category, name=name)
                                    for category, names in LISTED.items() for name in names)


@pytest.fixture
def case(authority):
    return Case.objects.create(reference="24 000 007", authority=authority, received=D(2024, 5, 1),
                               category="housing", subcategory="Repairs", summary="Mr Quux says the roof leaks",
                               complainant_name="Zebedee Quux",
                               complainant_email="zq@example.org", complainant_phone="0151 496 0000",
                               complainant_address="1 Example Street\nBootle")


@pytest.fixture
def upheld_case(case):
    """The case decided Upheld, with a recommendation and no compliance outcome yet."""
    Decision.objects.create(case=case, decided=D(2024, 9, 1), outcome="upheld", remedy="by_ombudsman")
    Recommendation.objects.create(case=case, kind="personal", text="Apologise", due=D(2024, 10, 1))
    return case


@pytest.fixture
def complied_case(upheld_case):
    ComplianceOutcome.objects.create(case=upheld_case, recorded=D(2024, 10, 2), outcome="complied")
    return upheld_case


def _client_for(user_fixture: str):
    @pytest.fixture
    def signed_in(request):
        return sign_in(Client(), request.getfixturevalue(user_fixture))
    return signed_in


as_caseworker = _client_for("caseworker")
as_compliance_officer = _client_for("compliance_officer")
as_publisher = _client_for("publisher")
as_administrator = _client_for("administrator")
as_link_officer = _client_for("link_officer")
