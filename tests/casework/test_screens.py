"""The casework screens as each role: who sees what (personal data only for caseworkers, each
showing recorded), intake and the edit forms with their validation, and every change audited."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.conftest import D
from tests.casework.form_fields import form_data
from upheld.audit.models import Action, AuditEvent
from upheld.audit.record import REDACTED
from upheld.authorities.models import Authority
from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation

PERSONAL_VALUES = ("Zebedee Quux", "zq@example.org", "0151 496 0000", "1 Example Street")


def views_of(case):
    return list(AuditEvent.objects.filter(action=Action.VIEW, case_id=case.pk))


def page(client, name, *args, **kwargs):
    return client.get(reverse(f"casework:{name}", args=args), **kwargs)


def messages_in(response) -> list[str]:
    """The error summary's messages."""
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', response.content.decode(), re.S)
    return re.findall(r"<a [^>]*>(.*?)</a>", summary.group(1)) if summary else []


# Who sees the case ------------------------------------------------------------------------------------

def test_caseworker_sees_the_complainant_and_the_viewing_is_recorded(as_caseworker, caseworker, case):
    response = page(as_caseworker, "case", case.pk)
    assert response.status_code == 200
    for value in PERSONAL_VALUES:
        assert value in response.content.decode()
    [viewed] = views_of(case)
    assert viewed.actor_id == caseworker.pk and viewed.object_id == str(case.pk)
    assert viewed.after == {"fields": sorted(Case.PERSONAL_FIELDS)}


@pytest.mark.parametrize("role", ["as_compliance_officer", "as_publisher"])
def test_other_staff_who_may_view_cases_see_them_without_personal_data(role, request, upheld_case):
    response = page(request.getfixturevalue(role), "case", upheld_case.pk)
    text = response.content.decode()
    assert response.status_code == 200 and "24 000 007" in text and "Apologise" in text
    assert not any(value in text for value in PERSONAL_VALUES)
    assert "Only caseworkers see the complainant" in text
    assert views_of(upheld_case) == []


@pytest.mark.parametrize("role", ["as_administrator", "as_link_officer"])
@pytest.mark.parametrize("name", ["caseload", "intake", "case", "edit", "decision", "add_recommendation",
                                  "compliance"])
def test_administrators_and_council_users_are_refused_everywhere(role, name, request, upheld_case):
    args = [] if name in ("caseload", "intake") else [upheld_case.pk]
    client = request.getfixturevalue(role)
    assert client.get(reverse(f"casework:{name}", args=args)).status_code == 403
    assert client.post(reverse(f"casework:{name}", args=args), {"version": 1}).status_code == 403
    assert views_of(upheld_case) == []


def test_signed_out_visitors_are_sent_to_sign_in(client, case):
    response = page(client, "case", case.pk)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_history_lists_the_audit_events_of_the_case_and_its_parts(as_publisher, upheld_case):
    Decision.objects.filter(case=upheld_case).get().delete()
    text = page(as_publisher, "case", upheld_case.pk).content.decode()
    history = text[text.index('id="history-heading"'):]
    assert "Created: Case 24 000 007" in history and "Created: Recommendation" in history
    assert "Deleted: Decision" in history and "Upheld" in history
    assert REDACTED in history and "Zebedee" not in history  # the trail holds no personal values


def test_staff_navigation_links_to_the_caseload_for_staff_only(as_publisher, as_administrator, client, case):
    link = f'href="{reverse("casework:caseload")}"'
    assert link in page(as_publisher, "case", case.pk).content.decode()
    assert link not in as_administrator.get(reverse("accounts:start")).content.decode()
    assert link not in client.get("/guide/").content.decode()


# Intake ---------------------------------------------------------------------------------------------------

def intake_data(authority, **values):
    return {"reference": "", "authority": authority.pk, "received": "2024-06-03", "category": "planning",
            "subcategory": "Enforcement", "complainant_name": "Ada Brown", "complainant_email": "ada@example.org",
            "complainant_phone": "", "complainant_address": "", "version": 0, **values}


def test_intake_gives_the_next_reference_and_records_the_creation(as_caseworker, caseworker, authority):
    Case.objects.create(reference="24 000 041", authority=authority, received=D(2024, 4, 2), category="other")
    Case.objects.create(reference="24 512 000", authority=authority, received=D(2024, 4, 2), category="other",
                        synthetic=True)  # demonstration references are left to the demonstration
    response = as_caseworker.post(reverse("casework:intake"), intake_data(authority))
    created = Case.objects.get(reference="24 000 042")
    assert response.status_code == 302 and response["Location"] == reverse("casework:case", args=[created.pk])
    assert (created.category, created.subcategory, created.complainant_name) == ("planning", "Enforcement",
                                                                                 "Ada Brown")
    [event] = AuditEvent.objects.filter(action=Action.CREATE, object_type="casework.case", object_id=created.pk)
    assert event.actor_id == caseworker.pk and event.after["reference"] == "24 000 042"
    assert event.after["complainant_name"] == REDACTED and event.before == {}
    followed = as_caseworker.get(response["Location"]).content.decode()
    assert "Case 24 000 042 recorded" in followed


def test_intake_records_a_summary_of_the_complaint_as_personal_data(as_caseworker, as_publisher, authority):
    """The finding: intake had no summary of the complaint. It may name people: only caseworkers see it."""
    summary = "Ms Brown says the enforcement notice\nwas never served"
    response = as_caseworker.post(reverse("casework:intake"), intake_data(authority, summary=summary))
    created = Case.objects.get()
    assert response.status_code == 302 and created.summary == summary
    assert AuditEvent.objects.get(action=Action.CREATE, object_type="casework.case").after["summary"] == REDACTED
    assert "Ms Brown says the enforcement notice<br>was never served" in page(
        as_caseworker, "case", created.pk).content.decode()
    assert "Ms Brown" not in page(as_publisher, "case", created.pk).content.decode()


def test_without_javascript_the_council_is_a_plain_select_whose_value_is_posted(as_caseworker, authority):
    """The autocomplete enhances a select (council-select.mjs, an external module: no inline script); without
    JavaScript the select is the form, and what a browser sends from it records the case."""
    form = as_caseworker.get(reverse("casework:intake"))
    text = form.content.decode()
    assert re.search(r'<select name="authority" [^>]*data-autocomplete="council"', text)
    assert f'<option value="{authority.pk}">Sefton Metropolitan Borough Council (E08000014)</option>' in text
    assert re.search(r'<script type="module" src="/static/casework/council-select\.[0-9a-f]+\.mjs"></script>', text)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)  # every script is a file
    sent = {**form_data(form), "authority": str(authority.pk), "received": "2024-06-03", "category": "housing"}
    assert as_caseworker.post(reverse("casework:intake"), sent).status_code == 302
    assert Case.objects.get().authority == authority


def test_intake_takes_an_entered_reference_once(as_caseworker, authority):
    as_caseworker.post(reverse("casework:intake"), intake_data(authority, reference="  CC  1234 "))
    assert Case.objects.filter(reference="CC 1234").exists()
    response = as_caseworker.post(reverse("casework:intake"), intake_data(authority, reference="CC 1234"))
    assert response.status_code == 200
    assert messages_in(response) == ["A case with this reference already exists"]
    assert Case.objects.filter(reference="CC 1234").count() == 1


def test_intake_refuses_a_council_that_did_not_exist_on_the_day(as_caseworker):
    christchurch = Authority.objects.get(gss="E07000048")  # ended 2019-03-31
    response = as_caseworker.post(reverse("casework:intake"), intake_data(christchurch, received="2020-01-02"))
    assert response.status_code == 200
    assert messages_in(response) == ["Christchurch Borough Council ceased to exist on 31 March 2019"]
    assert 'href="#id_received"' in response.content.decode()
    assert not Case.objects.exists()


def test_intake_reports_every_missing_or_bad_field(as_caseworker):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = as_caseworker.post(reverse("casework:intake"), {
        "authority": "", "received": tomorrow.isoformat(), "category": "parking", "complainant_email": "nope",
        "version": 0})
    assert messages_in(response) == [
        "Choose the council the complaint is about", "The received date must be today or in the past",
        "Select a valid choice. parking is not one of the available choices.", "Enter a valid email address."]
    text = response.content.decode()
    assert "govuk-form-group--error" in text and 'aria-describedby="id_received_error"' in text
    assert not Case.objects.exists()


def test_intake_is_for_caseworkers_only(as_compliance_officer, as_publisher, authority):
    for client in (as_compliance_officer, as_publisher):
        assert client.get(reverse("casework:intake")).status_code == 403
        assert client.post(reverse("casework:intake"), intake_data(authority)).status_code == 403
    assert not Case.objects.exists()


# Changing the case and its parts --------------------------------------------------------------------------

def case_data(case, **values):
    return {"authority": case.authority_id, "received": case.received.isoformat(), "category": case.category,
            "subcategory": case.subcategory, "summary": case.summary, "complainant_name": case.complainant_name,
            "complainant_email": case.complainant_email, "complainant_phone": case.complainant_phone,
            "complainant_address": case.complainant_address, "version": case.version, **values}


def last_change(model_label: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=Action.CHANGE, object_type=model_label).latest("id")


def test_editing_a_case_is_audited_with_before_and_after(as_caseworker, caseworker, case):
    response = page(as_caseworker, "edit", case.pk)
    assert "Zebedee Quux" in response.content.decode() and len(views_of(case)) == 1
    response = as_caseworker.post(reverse("casework:edit", args=[case.pk]),
                                  case_data(case, category="education_children", subcategory="School transport",
                                            complainant_name="Zeb Quux"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.category, case.complainant_name, case.version) == ("education_children", "Zeb Quux", 2)
    changed = last_change("casework.case")
    assert changed.actor_id == caseworker.pk
    assert changed.before == {"category": "housing", "subcategory": "Repairs", "complainant_name": REDACTED,
                              "version": 1}
    assert changed.after == {"category": "education_children", "subcategory": "School transport",
                             "complainant_name": REDACTED, "version": 2}


def test_a_case_cannot_be_moved_to_after_its_decision(as_caseworker, upheld_case):
    response = as_caseworker.post(reverse("casework:edit", args=[upheld_case.pk]),
                                  case_data(upheld_case, received="2024-09-02"))
    assert messages_in(response) == ["The date received must not be after the decision, made on 1 September 2024"]
    upheld_case.refresh_from_db()
    assert upheld_case.received == D(2024, 5, 1) and upheld_case.version == 1


def test_only_caseworkers_change_cases(as_compliance_officer, as_publisher, case):
    for client in (as_compliance_officer, as_publisher):
        assert page(client, "edit", case.pk).status_code == 403
        assert client.post(reverse("casework:edit", args=[case.pk]), case_data(case)).status_code == 403


def test_recording_and_changing_a_decision(as_caseworker, case):
    url = reverse("casework:decision", args=[case.pk])
    assert "Record the decision" in as_caseworker.get(url).content.decode()
    response = as_caseworker.post(url, {"outcome": "upheld", "decided": "2024-08-01", "remedy": "none",
                                        "version": 0})
    assert response.status_code == 302
    decision = Decision.objects.get(case=case)
    assert (decision.outcome, decision.remedy, decision.version) == ("upheld", "none", 1)
    created = AuditEvent.objects.get(action=Action.CREATE, object_type="casework.decision")
    assert created.case_id == case.pk and created.after["outcome"] == "upheld"
    response = as_caseworker.post(url, {"outcome": "not_upheld", "decided": "2024-08-02", "remedy": "",
                                        "version": 1})
    assert response.status_code == 302
    changed = last_change("casework.decision")
    assert changed.before == {"decided": "2024-08-01", "outcome": "upheld", "remedy": "none", "version": 1}
    assert changed.after == {"decided": "2024-08-02", "outcome": "not_upheld", "remedy": "", "version": 2}


def test_a_decision_follows_the_rules(as_caseworker, case):
    response = as_caseworker.post(reverse("casework:decision", args=[case.pk]), {
        "outcome": "not_upheld", "decided": "2024-04-30", "remedy": "by_ombudsman", "version": 0})
    assert messages_in(response) == ["Decided before the case was received (1 May 2024)",
                                     "A remedy can only be recorded on an Upheld decision"]
    assert 'href="#id_outcome_0"' not in response.content.decode()  # the outcome itself was fine
    response = as_caseworker.post(reverse("casework:decision", args=[case.pk]), {"version": 0})
    assert 'href="#id_outcome_0"' in response.content.decode()
    assert not Decision.objects.exists()


def test_an_upheld_decision_with_compliance_cannot_stop_being_upheld(as_caseworker, complied_case):
    response = as_caseworker.post(reverse("casework:decision", args=[complied_case.pk]), {
        "outcome": "not_upheld", "decided": "2024-09-01", "remedy": "", "version": 1})
    assert messages_in(response) == ["Compliance has been recorded on this case, so its decision must stay Upheld"]
    assert Decision.objects.get().outcome == "upheld"


def test_decisions_are_for_caseworkers(as_compliance_officer, as_publisher, case):
    for client in (as_compliance_officer, as_publisher):
        assert page(client, "decision", case.pk).status_code == 403


def test_recommendations_added_and_changed_by_caseworkers_and_compliance_officers(
        as_caseworker, as_compliance_officer, as_publisher, upheld_case):
    add = reverse("casework:add_recommendation", args=[upheld_case.pk])
    response = as_compliance_officer.post(add, {"kind": "service", "text": "Review the repairs policy",
                                                "due": "2025-01-31", "version": 0})
    assert response.status_code == 302
    added = Recommendation.objects.get(kind="service")
    assert AuditEvent.objects.get(action=Action.CREATE, object_id=added.pk,
                                  object_type="casework.recommendation").after["text"] == "Review the repairs policy"
    edit = reverse("casework:edit_recommendation", args=[upheld_case.pk, added.pk])
    response = as_caseworker.post(edit, {"kind": "service", "text": "Review the policy", "due": "2025-02-28",
                                         "version": 1})
    assert response.status_code == 302
    changed = last_change("casework.recommendation")
    assert changed.before == {"text": "Review the repairs policy", "due": "2025-01-31", "version": 1}
    assert changed.after == {"text": "Review the policy", "due": "2025-02-28", "version": 2}
    assert as_publisher.get(edit).status_code == 403 and as_publisher.get(add).status_code == 403
    other = Case.objects.create(reference="X1", authority=upheld_case.authority, received=D(2024, 1, 1),
                                category="other")
    assert as_caseworker.get(reverse("casework:edit_recommendation", args=[other.pk, added.pk])).status_code == 404


def test_a_recommendation_needs_its_fields(as_caseworker, upheld_case):
    response = as_caseworker.post(reverse("casework:add_recommendation", args=[upheld_case.pk]),
                                  {"kind": "", "text": " ", "due": "2025-02-30", "version": 0})
    assert messages_in(response) == ["Choose the kind of recommendation", "Enter what the council should do",
                                     "Enter a valid date."]
    assert Recommendation.objects.count() == 1


def test_compliance_officers_record_compliance(as_compliance_officer, compliance_officer, upheld_case):
    url = reverse("casework:compliance", args=[upheld_case.pk])
    response = as_compliance_officer.post(url, {"outcome": "complied_late", "recorded": "2024-11-02",
                                                "evidence": "Letter of apology seen", "version": 0})
    assert response.status_code == 302
    recorded = ComplianceOutcome.objects.get(case=upheld_case)
    assert (recorded.outcome, recorded.evidence) == ("complied_late", "Letter of apology seen")
    created = AuditEvent.objects.get(action=Action.CREATE, object_type="casework.complianceoutcome")
    assert created.actor_id == compliance_officer.pk and created.after["evidence"] == "Letter of apology seen"
    assert "Complied late" in page(as_compliance_officer, "case", upheld_case.pk).content.decode()


def test_compliance_needs_an_upheld_decision(as_compliance_officer, case):
    response = as_compliance_officer.post(reverse("casework:compliance", args=[case.pk]), {
        "outcome": "complied", "recorded": "2024-11-02", "evidence": "", "version": 0})
    assert messages_in(response) == ["The case has no decision, so there is nothing to comply with"]
    assert 'href="#id_outcome_0"' in response.content.decode()
    assert not ComplianceOutcome.objects.exists()


def test_compliance_is_for_compliance_officers(as_caseworker, as_publisher, upheld_case):
    for client in (as_caseworker, as_publisher):
        assert page(client, "compliance", upheld_case.pk).status_code == 403


# Escaping -------------------------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_script_in_every_free_text_field_comes_back_as_text(as_caseworker, as_compliance_officer, authority):
    as_caseworker.post(reverse("casework:intake"), intake_data(
        authority, reference="<script>x</script>", subcategory=SCRIPT, complainant_name=SCRIPT,
        complainant_phone=SCRIPT, complainant_address=SCRIPT))
    case = Case.objects.get()
    as_caseworker.post(reverse("casework:decision", args=[case.pk]),
                       {"outcome": "upheld", "decided": "2024-07-01", "remedy": "", "version": 0})
    as_caseworker.post(reverse("casework:add_recommendation", args=[case.pk]),
                       {"kind": "personal", "text": SCRIPT, "due": "2024-08-01", "version": 0})
    as_compliance_officer.post(reverse("casework:compliance", args=[case.pk]),
                               {"outcome": "complied", "recorded": "2024-08-01", "evidence": SCRIPT, "version": 0})
    case_page = as_caseworker.get(reverse("casework:case", args=[case.pk])).content.decode()
    listing = as_caseworker.get(reverse("casework:caseload")).content.decode()
    for text in (case_page, listing):
        assert "<script>alert" not in text and "<script>x" not in text
        assert "&lt;script&gt;x&lt;/script&gt;" in text and ESCAPED in text
    # subcategory, name, phone, address, recommendation, evidence, and the history's record of them
    assert case_page.count(ESCAPED) >= 6


# The history -----------------------------------------------------------------------------------------------

def history_of(client, case) -> str:
    text = page(client, "case", case.pk).content.decode()
    return text[text.index('id="history-heading"'):]


def test_views_of_personal_details_are_folded_in_the_history_one_line_per_person_per_day(
        as_caseworker, caseworker, case):
    """The finding: each view added a line of its own, burying the changes. They stay in the audit trail."""
    for _ in range(3):
        page(as_caseworker, "case", case.pk)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    AuditEvent.objects.create(action=Action.VIEW, actor_id=caseworker.pk, actor_name=caseworker.username,
                              object_type="casework.case", object_id=str(case.pk), object_repr=case.reference,
                              case_id=case.pk, at=yesterday, after={"fields": ["complainant_name"]})
    as_caseworker.post(reverse("casework:edit", args=[case.pk]), case_data(case, subcategory="Damp"))
    history = history_of(as_caseworker, case)
    assert len(views_of(case)) == 5  # three above, yesterday's and the one before this history was read
    assert history.count("<details") == 2 and history.count("Viewed personal data") == 2
    today, before = history.split("<details")[1:]
    assert f"Viewed personal data 4 times on {timezone.localdate():%-d %B %Y}, by {caseworker.username}" in today
    assert today.count("Shown: Complainant address, Complainant email, Complainant name, Complainant phone, "
                       "Summary of the complaint") == 4
    assert f"Viewed personal data on {timezone.localdate(yesterday):%-d %B %Y}, by " in before
    assert "Changed: Case 24 000 007" in history.split("<details")[0]  # the change stands out, above them
