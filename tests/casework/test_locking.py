"""Optimistic locking: two people editing the same record cannot silently overwrite each other."""

import re

import pytest
from django.db import IntegrityError, connection
from django.urls import reverse

from tests.accounts.signing_in import sign_in, staff_user
from tests.casework.conftest import D
from tests.casework.form_fields import form_data
from upheld.accounts.roles import StaffRole
from upheld.audit.models import Action, AuditEvent
from upheld.casework import services
from upheld.casework.models import Case, Decision, Recommendation
from upheld.casework.retention import anonymise


@pytest.fixture
def second_caseworker(client):
    return sign_in(client, staff_user("carla", StaffRole.CASEWORKER))


def loaded_version(response) -> str:
    """The version the form was loaded at, from its hidden field."""
    return re.search(r'name="version" value="(\d+)"', response.content.decode()).group(1)


def case_data(case, version, **values):
    return {"authority": case.authority_id, "received": case.received.isoformat(), "category": case.category,
            "subcategory": case.subcategory, "summary": case.summary, "complainant_name": case.complainant_name,
            "complainant_email": case.complainant_email, "complainant_phone": case.complainant_phone,
            "complainant_address": case.complainant_address, "version": version, **values}


def test_the_second_of_two_saves_from_the_same_version_is_refused(as_caseworker, second_caseworker, case):
    url = reverse("casework:edit", args=[case.pk])
    first_form, second_form = form_data(as_caseworker.get(url)), form_data(second_caseworker.get(url))
    assert first_form["version"] == second_form["version"] == "1"

    first = as_caseworker.post(url, {**first_form, "subcategory": "Damp and mould"})
    assert first.status_code == 302
    last = AuditEvent.objects.latest("id").id
    second = second_caseworker.post(url, {**second_form, "subcategory": "Disrepair", "category": "environment"})

    assert second.status_code == 409
    text = second.content.decode()
    assert "Someone else changed this while you were editing it" in text and "Nothing you entered" in text
    assert "by casey" in text and "Damp and mould" in text and "Repairs" in text  # who, after, before
    case.refresh_from_db()
    assert (case.subcategory, case.category, case.version) == ("Damp and mould", "housing", 2)
    # Nothing written, not even a change of version; the complainant's details shown again are recorded.
    assert list(AuditEvent.objects.filter(id__gt=last).values_list("action", flat=True)) == [Action.VIEW]
    # The refused form keeps what the second person typed, now quoting the version they have seen.
    assert 'value="Disrepair"' in text and loaded_version(second) == "2"

    again = second_caseworker.post(url, form_data(second, status=409))
    assert again.status_code == 302
    case.refresh_from_db()
    assert (case.subcategory, case.category, case.version) == ("Disrepair", "environment", 3)


def test_a_second_save_after_a_conflict_writes_the_users_changes_and_nothing_else(as_caseworker,
                                                                                 second_caseworker, case):
    """Through the screens as two people use them: the second save must not write back the first person's
    fields as they were when the second person opened the page."""
    url = reverse("casework:edit", args=[case.pk])
    Case.objects.filter(pk=case.pk).update(complainant_name="")  # as in the report: a case without a name yet
    first, second = form_data(as_caseworker.get(url)), form_data(second_caseworker.get(url))
    assert as_caseworker.post(url, {**first, "complainant_name": "Ann Example", "subcategory": "Damp"}).status_code \
        == 302

    refused = second_caseworker.post(url, {**second, "subcategory": "Disrepair", "category": "environment"})
    assert refused.status_code == 409
    text = refused.content.decode()
    # The conflict lists the other person's change with its values, personal ones included, for a caseworker.
    assert "Ann Example" in text and "(personal data)" not in text
    again = form_data(refused, status=409)
    assert (again["complainant_name"], again["subcategory"], again["category"], again["version"]) == (
        "Ann Example", "Disrepair", "environment", "2")  # rebuilt on the record as saved, with their own changes

    assert second_caseworker.post(url, again).status_code == 302
    stored = Case.objects.get(pk=case.pk)
    assert (stored.complainant_name, stored.subcategory, stored.category, stored.version) == (
        "Ann Example", "Disrepair", "environment", 3)


def test_a_save_writes_only_the_fields_changed_from_the_values_the_page_was_opened_with(as_caseworker, case):
    url = reverse("casework:edit", args=[case.pk])
    opened = form_data(as_caseworker.get(url))
    Case.objects.filter(pk=case.pk).update(complainant_phone="0151 000 0000")  # a bulk update: no new version
    # A browser sends a textarea's lines, and the hidden copy of them, ending in CR LF.
    address = opened["complainant_address"].replace("\n", "\r\n")
    assert as_caseworker.post(url, {**opened, "subcategory": "Disrepair", "complainant_address": address,
                                    "initial-complainant_address": address}).status_code == 302
    stored = Case.objects.get(pk=case.pk)
    assert (stored.complainant_phone, stored.subcategory, stored.version) == ("0151 000 0000", "Disrepair", 2)
    assert stored.complainant_address == "1 Example Street\nBootle"
    change = AuditEvent.objects.filter(action=Action.CHANGE, object_type="casework.case").latest("id")
    assert set(change.after) == {"subcategory", "version"}  # what was written, and nothing else


def test_a_decision_recorded_twice_at_once_keeps_the_first(as_caseworker, second_caseworker, case):
    url = reverse("casework:decision", args=[case.pk])
    assert loaded_version(as_caseworker.get(url)) == loaded_version(second_caseworker.get(url)) == "0"
    as_caseworker.post(url, {"outcome": "upheld", "decided": "2024-08-01", "remedy": "", "version": 0})
    second = second_caseworker.post(url, {"outcome": "not_upheld", "decided": "2024-08-02", "remedy": "",
                                          "version": 0})
    assert second.status_code == 409 and "Upheld" in second.content.decode()
    assert Decision.objects.get(case=case).outcome == "upheld"


def test_recommendations_are_locked_one_by_one(as_caseworker, as_compliance_officer, upheld_case):
    first = upheld_case.recommendations.get()
    other = Recommendation.objects.create(case=upheld_case, kind="service", text="Train staff", due=D(2025, 1, 1))
    edit = reverse("casework:edit_recommendation", args=[upheld_case.pk, first.pk])
    data = {"kind": "personal", "text": "Apologise in writing", "due": "2024-10-01", "version": 1}
    assert as_compliance_officer.post(edit, data).status_code == 302
    assert as_caseworker.post(edit, {**data, "text": "Pay £100"}).status_code == 409
    other_edit = reverse("casework:edit_recommendation", args=[upheld_case.pk, other.pk])
    assert as_caseworker.post(other_edit, {**data, "text": "Train all staff"}).status_code == 302  # unaffected
    assert sorted(upheld_case.recommendations.values_list("text", flat=True)) == [
        "Apologise in writing", "Train all staff"]


def test_the_service_refuses_a_stale_version_without_writing(case):
    Case.objects.filter(pk=case.pk).update(version=5)
    case.subcategory = "Changed"
    with pytest.raises(services.Conflict) as refused:
        services.save_versioned(case, 4)
    assert refused.value.version == 5
    assert Case.objects.get(pk=case.pk).subcategory == "Repairs"
    services.save_versioned(case, 5)
    assert Case.objects.values_list("subcategory", "version").get(pk=case.pk) == ("Changed", 6)


def test_rows_inserted_without_a_version_start_at_one(authority):
    """Bulk imports insert with plain SQL that does not name the new columns."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO casework_case (reference, authority_id, received, category, subcategory, "
                       "synthetic) VALUES (%s, %s, %s, %s, %s, %s)",
                       ["RAW1", authority.pk, D(2024, 1, 2), "housing", "", False])
    raw = Case.objects.get(reference="RAW1")
    assert raw.version == 1
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO casework_complianceoutcome (case_id, recorded, outcome) VALUES (%s, %s, %s)",
                       [raw.pk, D(2024, 2, 1), "complied"])
    assert raw.compliance.version == 1 and raw.compliance.evidence == ""


def test_a_form_sent_without_its_version_is_refused_with_a_message(as_caseworker, case):
    response = as_caseworker.post(reverse("casework:edit", args=[case.pk]),
                                  {**case_data(case, ""), "subcategory": "Changed"})
    assert "This page was not sent back whole" in response.content.decode()
    case.refresh_from_db()
    assert (case.subcategory, case.version) == ("Repairs", 1)


def test_a_form_opened_before_the_complainant_was_erased_cannot_save_them_back(as_caseworker, case):
    url = reverse("casework:edit", args=[case.pk])
    loaded = loaded_version(as_caseworker.get(url))
    assert anonymise(Case.objects.filter(pk=case.pk)) == 1

    refused = as_caseworker.post(url, case_data(case, loaded, subcategory="Damp"))  # the details as loaded
    assert refused.status_code == 409
    stored = Case.objects.get(pk=case.pk)
    assert [getattr(stored, name) for name in Case.PERSONAL_FIELDS] == [""] * len(Case.PERSONAL_FIELDS)
    assert (stored.subcategory, stored.version) == ("Repairs", 2)


def test_a_save_writes_only_the_fields_its_form_sets(case):
    loaded = Case.objects.get(pk=case.pk)
    Case.objects.filter(pk=case.pk).update(complainant_name="")  # a column this save's form does not carry
    loaded.subcategory = "Damp"
    services.save_versioned(loaded, 1, ["subcategory"])
    stored = Case.objects.get(pk=case.pk)
    assert (stored.subcategory, stored.complainant_name, stored.version) == ("Damp", "", 2)


def test_a_broken_constraint_on_a_case_is_raised_not_taken_for_a_conflict(case):
    Case.objects.create(reference="24 000 008", authority=case.authority, received=case.received, category="housing")
    case.reference = "24 000 008"
    with pytest.raises(IntegrityError):
        services.save_versioned(case, 1)
    assert Case.objects.get(pk=case.pk).reference == "24 000 007"
