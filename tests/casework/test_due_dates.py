"""A recommendation cannot be due before the decision that made it, by any way in: the casework screens, the
admin (a recommendation's due date, or the decision moved past it); the imports' are in
tests/imports/test_casework.py. The finding: due 1 July 2025 on a decision of 1 August 2025 was accepted."""

import pytest
from django.urls import reverse

from tests.accounts.signing_in import sign_in, staff_user
from tests.casework.conftest import D
from tests.casework.form_fields import form_data
from tests.casework.test_screens import messages_in
from upheld.accounts.roles import StaffRole
from upheld.casework.models import Decision, Recommendation

FINDING = "Due before the decision (1 August 2025)"


@pytest.fixture
def decided_case(case):
    Decision.objects.create(case=case, decided=D(2025, 8, 1), outcome="upheld", remedy="by_ombudsman")
    return case


@pytest.fixture
def in_admin(client):
    return sign_in(client, staff_user("adele", StaffRole.CASEWORKER))


def test_the_screens_refuse_a_recommendation_due_before_its_decision(as_caseworker, decided_case):
    add = reverse("casework:add_recommendation", args=[decided_case.pk])
    refused = as_caseworker.post(add, {"kind": "personal", "text": "Apologise", "due": "2025-07-01", "version": 0})
    assert refused.status_code == 200 and messages_in(refused) == [FINDING]
    assert not Recommendation.objects.exists()
    on_the_day = as_caseworker.post(add, {"kind": "personal", "text": "Apologise", "due": "2025-08-01", "version": 0})
    assert on_the_day.status_code == 302

    added = Recommendation.objects.get()
    edit = reverse("casework:edit_recommendation", args=[decided_case.pk, added.pk])
    moved = as_caseworker.post(edit, {**form_data(as_caseworker.get(edit)), "due": "2025-07-31"})
    assert messages_in(moved) == [FINDING]
    assert Recommendation.objects.get().due == D(2025, 8, 1)


def test_the_screens_refuse_a_decision_moved_after_a_recommendation_was_due(as_caseworker, decided_case):
    Recommendation.objects.create(case=decided_case, kind="personal", text="Apologise", due=D(2025, 9, 1))
    url = reverse("casework:decision", args=[decided_case.pk])
    refused = as_caseworker.post(url, {**form_data(as_caseworker.get(url)), "decided": "2025-09-02"})
    assert messages_in(refused) == ["Decided after a recommendation was due (1 September 2025)"]
    assert Decision.objects.get().decided == D(2025, 8, 1)


def test_the_admin_refuses_a_recommendation_due_before_its_decision(in_admin, decided_case):
    url = reverse("admin:casework_case_change", args=[decided_case.pk])
    form = form_data(in_admin.get(url))
    refused = in_admin.post(url, {**form, "recommendations-TOTAL_FORMS": "1", "recommendations-0-case": str(
        decided_case.pk), "recommendations-0-kind": "personal", "recommendations-0-text": "Apologise",
        "recommendations-0-due": "2025-07-01", "recommendations-0-version": "0"})
    assert refused.status_code == 200
    assert "due before the decision (1 August 2025)" in refused.content.decode()
    assert not Recommendation.objects.exists()



def test_the_admin_refuses_a_decision_moved_after_a_recommendation_was_due(in_admin, decided_case):
    Recommendation.objects.create(case=decided_case, kind="personal", text="Apologise", due=D(2025, 9, 1))
    url = reverse("admin:casework_case_change", args=[decided_case.pk])
    refused = in_admin.post(url, {**form_data(in_admin.get(url)), "decision-0-decided": "2025-09-02"})
    assert refused.status_code == 200
    assert "decided after a recommendation was due (1 September 2025)" in refused.content.decode()
    assert Decision.objects.get().decided == D(2025, 8, 1)
