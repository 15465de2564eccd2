"""Code failures recorded with the decision in the casework screens: the provisions of the edition applying on
the decision's date, checked by the Code's one rule (`upheld.code.findings`), saved in the decision's
transaction, audited and shown on the case page."""

import re

import pytest
from django.urls import reverse

from tests.casework.conftest import D
from tests.casework.form_fields import form_data
from tests.casework.test_screens import messages_in
from upheld.audit.models import Action, AuditEvent
from upheld.casework.models import Decision
from upheld.code.findings import CodeFailure


@pytest.fixture
def decided_case(case, code_edition):
    """The case decided Upheld on a day the Code's February 2024 edition applies."""
    Decision.objects.create(case=case, decided=D(2026, 5, 1), outcome="upheld", remedy="by_ombudsman")
    return case


def provision(edition, number):
    return edition.provisions.get(number=number)


def url(case):
    return reverse("casework:decision", args=[case.pk])


def failures(case) -> list[str]:
    return list(CodeFailure.objects.filter(decision__case=case).values_list("provision__number", flat=True))


def test_the_decision_form_offers_the_applying_editions_provisions_by_section(as_caseworker, decided_case,
                                                                             code_edition):
    text = as_caseworker.get(url(decided_case)).content.decode()
    assert '<h2 class="govuk-fieldset__heading">Complaint Handling Code failures</h2>' in text
    assert "The February 2024 edition applies to a decision made on 1 May 2026" in text
    boxes = re.findall(r'<input class="govuk-checkboxes__input" id="([^"]+)" name="code_failures" '
                       r'type="checkbox" value="(\d+)"', text)
    assert len(boxes) == code_edition.provisions.count() == 34
    assert boxes[0][0] == "id_code_failures_0"  # where the error summary links
    legends = re.findall(r'govuk-fieldset__legend--s">(\d[^<]+)</legend>', text)
    assert len(legends) == 10 and legends[5].startswith("6. ")
    assert f'value="{provision(code_edition, "6.2").pk}"' in text


def test_failures_are_saved_with_the_decision_audited_and_shown(as_caseworker, decided_case, code_edition):
    data = form_data(as_caseworker.get(url(decided_case)))
    data["remedy"] = "none"
    response = as_caseworker.post(url(decided_case), {
        **data, "code_failures": [provision(code_edition, "6.2").pk, provision(code_edition, "5.3").pk]})
    assert response.status_code == 302
    assert failures(decided_case) == ["5.3", "6.2"]
    decision = Decision.objects.get(case=decided_case)
    assert (decision.remedy, decision.version) == ("none", 2)
    created = AuditEvent.objects.filter(action=Action.CREATE, object_type="code.codefailure")
    assert {event.case_id for event in created} == {decided_case.pk} and created.count() == 2
    page = as_caseworker.get(reverse("casework:case", args=[decided_case.pk])).content.decode()
    assert "Complaint Handling Code failures" in page
    assert f"5.3 {provision(code_edition, '5.3').title}" in page and "Created: Code failure" in page
    # The form opens with them ticked; unticking one and changing nothing else removes just that one.
    data = form_data(as_caseworker.get(url(decided_case)))
    assert data["code_failures"] in {str(provision(code_edition, number).pk) for number in ("5.3", "6.2")}
    response = as_caseworker.post(url(decided_case), {**data, "code_failures": [provision(code_edition, "6.2").pk]})
    assert response.status_code == 302 and failures(decided_case) == ["6.2"]
    assert AuditEvent.objects.filter(action=Action.DELETE, object_type="code.codefailure",
                                     case_id=decided_case.pk).count() == 1


def test_the_outcome_can_change_as_the_failures_are_removed_in_one_save(as_caseworker, decided_case,
                                                                       code_edition):
    CodeFailure.objects.create(decision=decided_case.decision, provision=provision(code_edition, "6.2"))
    response = as_caseworker.post(url(decided_case), {"outcome": "not_upheld", "decided": "2026-05-01",
                                                      "remedy": "", "version": 1})
    assert response.status_code == 302
    assert Decision.objects.get().outcome == "not_upheld" and failures(decided_case) == []


@pytest.mark.parametrize(("outcome", "decided", "message"), [
    ("not_upheld", "2026-05-01", "6.2: a Code failure is fault: it can only be recorded on an Upheld decision"),
    ("upheld", "2026-03-31", "6.2: the Complaint Handling Code applies only to decisions made since it took "
                             "effect (from 1 April 2026); this decision was made on 31 March 2026"),
])
def test_failures_the_rule_refuses_are_errors_and_nothing_is_saved(as_caseworker, decided_case, code_edition,
                                                                   outcome, decided, message):
    response = as_caseworker.post(url(decided_case), {
        "outcome": outcome, "decided": decided, "remedy": "", "version": 1,
        "code_failures": [provision(code_edition, "6.2").pk]})
    assert response.status_code == 200
    assert messages_in(response) == [message.capitalize()[0] + message[1:]]
    text = response.content.decode()
    assert 'href="#id_code_failures_0"' in text and "govuk-form-group--error" in text
    decision = Decision.objects.get()
    assert (decision.outcome, decision.decided, decision.version, failures(decided_case)) == (
        "upheld", D(2026, 5, 1), 1, [])


def test_a_stale_save_writes_no_failures(as_caseworker, decided_case, code_edition):
    Decision.objects.filter(case=decided_case).update(version=2)  # someone else saved meanwhile
    response = as_caseworker.post(url(decided_case), {
        "outcome": "upheld", "decided": "2026-05-01", "remedy": "by_ombudsman", "version": 1,
        "code_failures": [provision(code_edition, "6.2").pk]})
    assert response.status_code == 409 and failures(decided_case) == []


def test_no_checkboxes_but_the_reason_when_no_edition_applies(as_caseworker, upheld_case, code_edition):
    text = as_caseworker.get(url(upheld_case)).content.decode()
    assert 'name="code_failures"' not in text
    assert ("The Complaint Handling Code applies only to decisions made since it took effect (from 1 April 2026): "
            "a decision made on 1 September 2024 cannot record Code failures.") in text
    response = as_caseworker.post(url(upheld_case), {"outcome": "upheld", "decided": "2024-09-01",
                                                     "remedy": "none", "version": 1})
    assert response.status_code == 302 and failures(upheld_case) == []


def test_a_new_decision_records_its_failures(as_caseworker, case, code_edition):
    text = as_caseworker.get(url(case)).content.decode()
    assert 'name="code_failures"' in text  # a new decision: the edition applying today
    response = as_caseworker.post(url(case), {"outcome": "upheld", "decided": "2026-06-01", "remedy": "none",
                                              "version": 0, "code_failures": [provision(code_edition, "7.1").pk]})
    assert response.status_code == 302 and failures(case) == ["7.1"]
