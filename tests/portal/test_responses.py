"""A council's response to a public interest report: only to its own, once, validated, audited, escaped,
and then shown on the report's public page."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.accounts.signing_in import sign_in
from tests.publication.page_reader import get_page
from upheld.audit.models import Action, AuditEvent
from upheld.decisions.models import PublicInterestReport, ResponseOutcome

PAYLOAD = "<script>alert('response')</script>"
TEXT = f"Cabinet considered the report on 3 March and agreed every recommendation. {PAYLOAD}"


def report_about(council, issued=None, **fields) -> PublicInterestReport:
    return PublicInterestReport.objects.create(
        authority=council, issued=issued or timezone.localdate() - datetime.timedelta(days=30),
        title=f"Delays in {council.short_name}'s repairs", summary="The council delayed repairs.", **fields)


@pytest.fixture
def reports(authority, knowsley):
    return report_about(authority), report_about(knowsley)


def url(report) -> str:
    return f"/portal/reports/{report.pk}/respond/"


def test_council_responds_to_its_report(client, sefton_client, sefton_user, authority, reports):
    own, _ = reports
    page = get_page(sefton_client, url(own))
    assert "Send the response" in page.text and own.title in page.text
    assert url(own) in get_page(sefton_client, "/portal/").links

    response = sefton_client.post(url(own), {"response_text": TEXT})
    assert response.status_code == 302 and response["Location"] == url(own)
    own.refresh_from_db()
    assert own.response_received == timezone.localdate() and own.response_text == TEXT
    event = AuditEvent.objects.get(object_type="decisions.publicinterestreport")
    assert (event.action, event.actor_id, event.authority_id) == (Action.CHANGE, sefton_user.id, authority.id)
    assert event.before == {"response_received": None, "response_text": ""}
    assert event.after == {"response_received": timezone.localdate().isoformat(), "response_text": TEXT}

    after = sefton_client.get(url(own)).content.decode()
    assert "has been recorded" in after and "Send the response" not in after
    public = client.get(f"/reports/public-interest/{own.pk}/").content.decode()
    assert "<h2 class=\"govuk-heading-m\">The council's response</h2>" in public
    assert PAYLOAD not in public and "&lt;script&gt;alert(&#x27;response&#x27;)&lt;/script&gt;" in public
    assert "Council has responded; being considered" in public


def test_a_response_is_recorded_once(sefton_client, reports):
    own, _ = reports
    sefton_client.post(url(own), {"response_text": "First."})
    response = sefton_client.post(url(own), {"response_text": "Second thoughts."})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.response_text == "First."
    assert AuditEvent.objects.filter(object_type="decisions.publicinterestreport").count() == 1


def test_no_form_once_staff_recorded_a_response(sefton_client, authority):
    answered = report_about(authority, response_received=timezone.localdate() - datetime.timedelta(days=2),
                            response_outcome=ResponseOutcome.SATISFIED, outcome_date=timezone.localdate())
    page = sefton_client.get(url(answered)).content.decode()
    assert "Send the response" not in page and "Ombudsman satisfied" in page
    sefton_client.post(url(answered), {"response_text": "Late addition."})
    answered.refresh_from_db()
    assert answered.response_text == ""


@pytest.mark.parametrize(("data", "error"), [
    ({}, "Enter the council&#x27;s response"),
    ({"response_text": "   "}, "Enter the council&#x27;s response"),
    ({"response_text": "x" * 20001}, "The response must be 20,000 characters or fewer"),
])
def test_invalid_response_shows_the_error_and_changes_nothing(sefton_client, reports, data, error):
    own, _ = reports
    response = sefton_client.post(url(own), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode() and error in response.content.decode()
    own.refresh_from_db()
    assert own.response_received is None and own.response_text == ""


def test_another_councils_report_is_not_found(sefton_client, reports):
    _, theirs = reports
    assert sefton_client.get(url(theirs)).status_code == 404
    assert sefton_client.post(url(theirs), {"response_text": "Not ours."}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.response_received is None
    assert sefton_client.get("/portal/reports/999999/respond/").status_code == 404


def test_a_report_not_yet_issued_is_not_found(sefton_client, authority):
    future = report_about(authority, issued=timezone.localdate() + datetime.timedelta(days=5))
    assert sefton_client.get(url(future)).status_code == 404


def test_staff_and_anonymous_cannot_respond(client, publisher_client, reports):
    own, _ = reports
    response = client.post(url(own), {"response_text": "Anonymous."})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert publisher_client.post(url(own), {"response_text": "Staff."}).status_code == 403
    own.refresh_from_db()
    assert own.response_received is None


def test_csrf_is_enforced(sefton_user, reports):
    own, _ = reports
    client = sign_in(Client(enforce_csrf_checks=True), sefton_user)
    assert client.post(url(own), {"response_text": "No token."}).status_code == 403
    own.refresh_from_db()
    assert own.response_received is None
