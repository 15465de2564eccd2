"""The admin locks like the casework screens: neither silently overwrites the other's changes."""

import pytest
from django.urls import reverse

from tests.accounts.signing_in import sign_in, staff_user
from tests.casework.form_fields import form_data
from tests.casework.test_locking import case_data, loaded_version
from upheld.accounts.roles import StaffRole
from upheld.audit.models import Action, AuditEvent
from upheld.casework.models import Case, Decision


def admin_form(client, case) -> dict[str, str]:
    return form_data(client.get(reverse("admin:casework_case_change", args=[case.pk])))


@pytest.fixture
def in_admin(client):
    return sign_in(client, staff_user("adele", StaffRole.CASEWORKER))


def test_an_admin_save_from_a_stale_version_is_refused_with_a_form_error(in_admin, as_caseworker, case):
    form = admin_form(in_admin, case)
    assert form["version"] == "1"
    screen = as_caseworker.post(reverse("casework:edit", args=[case.pk]), case_data(case, 1, subcategory="Damp"))
    assert screen.status_code == 302

    refused = in_admin.post(reverse("admin:casework_case_change", args=[case.pk]), {**form, "subcategory": "Leaks"})
    assert refused.status_code == 200
    assert "Someone else changed this case while you were editing it, so nothing was saved" in refused.content.decode()
    case.refresh_from_db()
    assert (case.subcategory, case.version) == ("Damp", 2)

    again = in_admin.post(reverse("admin:casework_case_change", args=[case.pk]),
                          {**admin_form(in_admin, case), "subcategory": "Leaks"})
    assert again.status_code == 302
    case.refresh_from_db()
    assert (case.subcategory, case.version) == ("Leaks", 3)
    change = AuditEvent.objects.filter(action=Action.CHANGE, object_type="casework.case").latest("at", "id")
    assert (change.before["version"], change.after["version"]) == (2, 3)  # the audit trail sees the version


def test_an_admin_save_writes_only_the_fields_changed_from_the_values_the_form_was_opened_with(in_admin, case):
    form = admin_form(in_admin, case)
    assert form["initial-complainant_phone"] == "0151 496 0000"
    Case.objects.filter(pk=case.pk).update(complainant_phone="0151 000 0000")  # a bulk update: no new version
    saved = in_admin.post(reverse("admin:casework_case_change", args=[case.pk]), {**form, "subcategory": "Leaks"})
    assert saved.status_code == 302
    assert Case.objects.values_list("complainant_phone", "subcategory", "version").get(pk=case.pk) == (
        "0151 000 0000", "Leaks", 2)


def test_an_admin_save_makes_a_screen_form_loaded_before_it_stale(in_admin, as_caseworker, case):
    edit = reverse("casework:edit", args=[case.pk])
    loaded = loaded_version(as_caseworker.get(edit))
    saved = in_admin.post(reverse("admin:casework_case_change", args=[case.pk]),
                          {**admin_form(in_admin, case), "subcategory": "Leaks"})
    assert saved.status_code == 302
    assert as_caseworker.post(edit, case_data(case, loaded, subcategory="Damp")).status_code == 409
    assert Case.objects.values_list("subcategory", "version").get(pk=case.pk) == ("Leaks", 2)


def test_inlines_are_locked_one_by_one_and_leave_the_case_alone(in_admin, as_caseworker, upheld_case):
    form = admin_form(in_admin, upheld_case)
    assert (form["version"], form["decision-0-version"], form["recommendations-0-version"]) == ("1", "1", "1")
    decision_screen = reverse("casework:decision", args=[upheld_case.pk])
    assert as_caseworker.post(decision_screen, {"outcome": "upheld", "decided": "2024-09-02",
                                                "remedy": "by_ombudsman", "version": 1}).status_code == 302
    change = reverse("admin:casework_case_change", args=[upheld_case.pk])

    refused = in_admin.post(change, {**form, "decision-0-decided": "2024-09-03", "recommendations-0-text": "Pay"})
    assert refused.status_code == 200
    assert "Someone else changed this decision while you were editing it" in refused.content.decode()
    assert Decision.objects.values_list("decided", "version").get(case=upheld_case)[1] == 2
    assert upheld_case.recommendations.get().text == "Apologise"  # nothing of the whole form was saved

    saved = in_admin.post(change, {**admin_form(in_admin, upheld_case), "recommendations-0-text": "Pay £100"})
    assert saved.status_code == 302
    recommendation = upheld_case.recommendations.get()
    assert (recommendation.text, recommendation.version) == ("Pay £100", 2)
    assert Case.objects.get(pk=upheld_case.pk).version == 1  # only an inline changed: the case form stays current
    assert Decision.objects.get(case=upheld_case).version == 2


def test_an_inline_added_in_the_admin_starts_at_version_one(in_admin, case):
    form = admin_form(in_admin, case)
    assert form["decision-TOTAL_FORMS"] == "0"
    saved = in_admin.post(reverse("admin:casework_case_change", args=[case.pk]), {
        **form, "decision-TOTAL_FORMS": "1", "decision-0-decided": "2024-09-01", "decision-0-outcome": "not_upheld",
        "decision-0-remedy": "", "decision-0-version": "0", "decision-0-case": str(case.pk)})
    assert saved.status_code == 302, saved.content.decode()
    assert Decision.objects.values_list("outcome", "version").get(case=case) == ("not_upheld", 1)


def test_staff_who_may_only_view_the_case_see_it_with_its_parts(client, complied_case):
    sign_in(client, staff_user("cora", StaffRole.COMPLIANCE_OFFICER))
    page = client.get(reverse("admin:casework_case_change", args=[complied_case.pk]))
    assert page.status_code == 200 and "Apologise" in page.content.decode()
    assert client.post(reverse("admin:casework_case_change", args=[complied_case.pk]),
                       {"subcategory": "Changed"}).status_code == 403
    assert Case.objects.get(pk=complied_case.pk).subcategory == "Repairs"


def test_a_case_added_in_the_admin_starts_at_version_one(in_admin, authority):
    form = {**form_data(in_admin.get(reverse("admin:casework_case_add"))), "reference": "24 000 100",
            "authority": str(authority.pk), "received": "2024-05-02", "category": "housing"}
    assert form["version"] == "0"
    assert in_admin.post(reverse("admin:casework_case_add"), form).status_code == 302
    assert Case.objects.values_list("version", flat=True).get(reference="24 000 100") == 1


def test_a_save_refused_after_the_forms_were_checked_shows_a_message_and_saves_nothing(in_admin, upheld_case):
    change = reverse("admin:casework_case_change", args=[upheld_case.pk])
    form = admin_form(in_admin, upheld_case)
    # A new recommendation quoting a version: no record has it, so the save is refused after validation.
    refused = in_admin.post(change, {**form, "subcategory": "Leaks", "recommendations-TOTAL_FORMS": "2",
                                     "recommendations-1-kind": "service", "recommendations-1-text": "Train staff",
                                     "recommendations-1-due": "2024-11-01", "recommendations-1-version": "3",
                                     "recommendations-1-case": str(upheld_case.pk)}, follow=True)
    assert refused.redirect_chain == [(change, 302)]
    assert "Someone else changed this recommendation while you were editing it" in refused.content.decode()
    assert Case.objects.values_list("subcategory", "version").get(pk=upheld_case.pk) == ("Repairs", 1)
    assert upheld_case.recommendations.count() == 1


def test_a_case_added_in_the_admin_quoting_a_version_is_refused_with_a_message(in_admin, authority):
    add = reverse("admin:casework_case_add")
    form = {**form_data(in_admin.get(add)), "reference": "24 000 100", "authority": str(authority.pk),
            "received": "2024-05-02", "category": "housing", "version": "2"}
    refused = in_admin.post(add, form)
    assert (refused.status_code, refused["Location"]) == (302, add)
    assert not Case.objects.filter(reference="24 000 100").exists()
