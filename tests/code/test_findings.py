"""Code failures on decisions: one rule, for the admin, the screens and imports."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.builders import decide
from upheld.audit.models import Action, AuditEvent
from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Outcome
from upheld.code.editions import Edition, Provision
from upheld.code.findings import CodeFailure, failure_problems

D = datetime.date


@pytest.fixture
def sefton(code_edition):
    return Authority.objects.get(gss="E08000014")


def test_a_failure_of_the_edition_applying_on_an_upheld_decision_is_accepted(sefton, code_edition):
    decision = decide(sefton, D(2026, 3, 1), D(2026, 4, 1), Outcome.UPHELD)
    failure = CodeFailure(decision=decision, provision=code_edition.provisions.get(number="6.2"))
    failure.full_clean()
    failure.save()
    assert list(decision.code_failures.values_list("provision__number", flat=True)) == ["6.2"]


def test_no_failure_before_the_code_applies(sefton, code_edition):
    decision = decide(sefton, D(2026, 1, 5), D(2026, 3, 31), Outcome.UPHELD)
    with pytest.raises(ValidationError) as refused:
        CodeFailure(decision=decision, provision=code_edition.provisions.get(number="6.2")).full_clean()
    assert refused.value.message_dict["provision"] == [
        "the Complaint Handling Code applies only to decisions made since it took effect (from 1 April 2026); "
        "this decision was made on 31 March 2026"]


def test_no_failure_of_a_provision_of_another_edition(sefton, code_edition):
    later = Edition.objects.create(name="April 2028", starts=D(2028, 4, 1), first_return_year=2028,
                                   source_url="https://example.org/code")
    new = Provision.objects.create(edition=later, section=6, section_title="Stage 1", number="6.2", title="t",
                                   text="x")
    old = code_edition.provisions.get(number="6.2")
    decision = decide(sefton, D(2028, 3, 1), D(2028, 5, 1), Outcome.UPHELD)
    assert failure_problems(decision.decided, decision.outcome, old, Edition.objects.all()) == {
        "provision": "6.2 is of the February 2024 edition; a decision made on 1 May 2028 is judged by the "
                     "April 2028 edition"}
    assert failure_problems(decision.decided, decision.outcome, new, Edition.objects.all()) == {}
    earlier = decide(sefton, D(2027, 3, 1), D(2027, 5, 1), Outcome.UPHELD)
    assert "judged by the February 2024 edition" in failure_problems(
        earlier.decided, earlier.outcome, new, Edition.objects.all())["provision"]


def test_only_on_an_upheld_decision(sefton, code_edition):
    decision = decide(sefton, D(2026, 5, 1), D(2026, 6, 1), Outcome.NOT_UPHELD)
    with pytest.raises(ValidationError, match="can only be recorded on an Upheld decision"):
        CodeFailure(decision=decision, provision=code_edition.provisions.get(number="6.2")).full_clean()


def test_a_decision_with_a_failure_keeps_its_outcome_and_a_date_the_code_applies_on(sefton, code_edition):
    decision = decide(sefton, D(2026, 3, 1), D(2026, 5, 1), Outcome.UPHELD)
    CodeFailure.objects.create(decision=decision, provision=code_edition.provisions.get(number="6.2"))
    decision.outcome = Outcome.NOT_UPHELD
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert refused.value.message_dict["outcome"] == [
        "the decision records that the council did not follow 6.2 of the Complaint Handling Code: a Code failure is "
        "fault: it can only be recorded on an Upheld decision (remove the finding first)"]
    decision.outcome, decision.decided = Outcome.UPHELD, D(2026, 3, 31)
    with pytest.raises(ValidationError, match="applies only to decisions made since it took effect"):
        decision.full_clean()
    decision.decided = D(2026, 6, 1)
    decision.full_clean()


def test_the_admin_records_failures_through_the_rule_and_audits_them(admin_client, sefton, code_edition):
    add = reverse("admin:code_codefailure_add")
    provision = code_edition.provisions.get(number="6.2")
    early = decide(sefton, D(2026, 1, 5), D(2026, 3, 31), Outcome.UPHELD)
    response = admin_client.post(add, {"decision": early.pk, "provision": provision.pk})
    assert response.status_code == 200 and "applies only to decisions made since it took effect" in \
        response.content.decode()
    assert not CodeFailure.objects.exists()
    decision = decide(sefton, D(2026, 3, 1), D(2026, 5, 1), Outcome.UPHELD)
    response = admin_client.post(add, {"decision": decision.pk, "provision": provision.pk})
    assert response.status_code == 302
    failure = CodeFailure.objects.get()
    assert (failure.decision, failure.provision) == (decision, provision)
    created = AuditEvent.objects.get(action=Action.CREATE, object_type="code.codefailure")
    assert created.case_id == decision.case_id
