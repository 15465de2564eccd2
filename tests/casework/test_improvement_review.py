"""A publisher's review of service improvements: the queue with the guard's findings marked, approving and
refusing (audited), findings that block an approval without a reason, edits that put an approved one back in
the queue, and caseworkers who write the text but may never approve it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.accounts.signing_in import sign_in, staff_user
from tests.accounts.test_csrf import refused, token_of
from tests.casework.test_admin_locking import form_data
from upheld.accounts.roles import StaffRole
from upheld.audit.models import Action, AuditEvent
from upheld.casework import improvements
from upheld.casework.models import Recommendation

D = datetime.date
QUEUE = "/casework/service-improvements/"
CLEAN = "Review the repairs procedure so that urgent repairs are inspected within two working days."
FLAGGED = "Write to Mrs Okonkwo at 4 Mill Lane, Bootle L20 3NJ, to explain the new procedure."


def review_url(item: Recommendation) -> str:
    return f"{QUEUE}{item.pk}/"


@pytest.fixture
def clean(upheld_case):
    return Recommendation.objects.create(case=upheld_case, kind="service", text=CLEAN, due=D(2024, 12, 1))


@pytest.fixture
def flagged(upheld_case):
    return Recommendation.objects.create(case=upheld_case, kind="service", text=FLAGGED, due=D(2024, 12, 1))


def review_events(item: Recommendation) -> list[AuditEvent]:
    return [event for event in AuditEvent.objects.filter(object_type="casework.recommendation",
                                                         object_id=str(item.pk), action=Action.CHANGE)
            if "approved" in event.after or "reviewed_at" in event.after]


def post_review(client, item: Recommendation, decision: str, reason: str = "", text: str | None = None):
    return client.post(review_url(item), {"shown": improvements.digest(item.text if text is None else text),
                                          "decision": decision, "reason": reason})


def test_only_the_publisher_role_may_approve(db):
    holders = [role for role in StaffRole
               if Group.objects.get(name=role.label).permissions.filter(codename="approve_service_improvement")]
    assert holders == [StaffRole.PUBLISHER]


def test_the_queue_marks_what_the_guard_found(as_publisher, clean, flagged):
    page = as_publisher.get(QUEUE)
    assert page.status_code == 200
    html = page.content.decode()
    assert CLEAN in html
    assert "<mark>Mrs Okonkwo</mark>" in html and "<mark>L20 3NJ</mark>" in html
    assert "postcode &#x27;L20 3NJ&#x27;" in html
    # One approve button, for the clean one: a flagged one needs its review page and a reason.
    assert html.count('value="approve"') == 1
    assert f'value="{improvements.digest(CLEAN)}"' in html
    assert "csrfmiddlewaretoken" in html


def test_approving_is_recorded_in_the_audit_trail(as_publisher, publisher, clean):
    response = post_review(as_publisher, clean, "approve")
    assert response.status_code == 302 and response["Location"] == QUEUE
    clean.refresh_from_db()
    assert (clean.approved, clean.reviewed_text, clean.reviewed_by, clean.reviewer_name) == \
        (True, CLEAN, publisher, "stan")
    assert Recommendation.objects.approved_improvements().get() == clean
    (event,) = review_events(clean)
    assert event.actor_id == publisher.pk and event.actor_name == "stan"
    assert event.before["approved"] is False and event.after["approved"] is True
    assert event.after["reviewed_text"] == CLEAN and event.source == f"POST {review_url(clean)}"
    case_page = as_publisher.get(f"/casework/{clean.case_id}/").content.decode()
    assert "Approved for publication</strong> by stan" in case_page


def test_guard_findings_block_approval_unless_a_reason_is_given(as_publisher, flagged):
    response = post_review(as_publisher, flagged, "approve")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Possible personal data: title with a name &#x27;Mrs Okonkwo&#x27;" in html
    assert "govuk-error-summary" in html
    flagged.refresh_from_db()
    assert flagged.reviewed_at is None and not review_events(flagged)
    assert not Recommendation.objects.public_service_improvements(D(2030, 1, 1)).exists()

    post_review(as_publisher, flagged, "approve", reason="A fictional name and address, from our training pack.")
    flagged.refresh_from_db()
    assert flagged.approved and flagged.review_reason == "A fictional name and address, from our training pack."
    assert Recommendation.objects.public_service_improvements(D(2030, 1, 1)).get() == flagged
    (event,) = review_events(flagged)
    assert event.after["review_reason"] == flagged.review_reason


def test_a_caseworker_writes_the_text_but_cannot_approve(as_caseworker, clean):
    assert as_caseworker.get(QUEUE).status_code == 403
    assert as_caseworker.get(review_url(clean)).status_code == 403
    assert post_review(as_caseworker, clean, "approve").status_code == 403
    clean.refresh_from_db()
    assert clean.reviewed_at is None and not clean.approved and not review_events(clean)
    case_page = as_caseworker.get(f"/casework/{clean.case_id}/").content.decode()
    assert "Waiting for approval" in case_page and "service-improvements" not in case_page


def test_an_edit_on_the_casework_screen_sends_an_approved_one_back_to_the_queue(as_caseworker, publisher, clean):
    improvements.approve(clean, publisher, improvements.digest(CLEAN))
    edit = f"/casework/{clean.case_id}/recommendations/{clean.pk}/"
    response = as_caseworker.post(edit, {"kind": "service", "text": CLEAN + " Tell tenants.",
                                         "due": "2024-12-01", "version": clean.version})
    assert response.status_code == 302
    assert Recommendation.objects.awaiting_review().get() == clean
    assert not Recommendation.objects.approved_improvements().exists()
    assert not Recommendation.objects.public_service_improvements(D(2030, 1, 1)).exists()
    assert "Changed since reviewed" in as_caseworker.get(f"/casework/{clean.case_id}/").content.decode()


def test_a_text_changed_after_the_page_was_loaded_is_not_approved(as_publisher, clean):
    Recommendation.objects.filter(pk=clean.pk).update(text=FLAGGED)
    response = post_review(as_publisher, clean, "approve", text=CLEAN)
    assert response.status_code == 200
    assert "The text has changed since you opened the page" in response.content.decode()
    assert f'value="{improvements.digest(FLAGGED)}"' in response.content.decode()  # the text it shows now
    clean.refresh_from_db()
    assert clean.reviewed_at is None


def test_refusing_needs_a_reason_and_withdraws_an_approved_one(as_publisher, publisher, clean):
    improvements.approve(clean, publisher, improvements.digest(CLEAN))
    assert post_review(as_publisher, clean, "refuse").status_code == 200
    assert Recommendation.objects.approved_improvements().exists()
    response = post_review(as_publisher, clean, "refuse", reason="Names the estate where the tenant lives.")
    assert response.status_code == 302
    assert Recommendation.objects.refused_improvements().get() == clean
    assert not Recommendation.objects.public_service_improvements(D(2030, 1, 1)).exists()
    queue = as_publisher.get(f"{QUEUE}?show=refused").content.decode()
    assert CLEAN in queue and "Names the estate where the tenant lives." in queue
    assert len(review_events(clean)) == 2


def test_a_post_without_the_csrf_token_is_refused(publisher, clean):
    browser = sign_in(Client(enforce_csrf_checks=True), publisher)
    form = browser.get(review_url(clean))
    data = {"shown": improvements.digest(CLEAN), "decision": "approve", "reason": ""}
    refused(browser, review_url(clean), data)
    clean.refresh_from_db()
    assert clean.reviewed_at is None
    assert browser.post(review_url(clean), {**data, "csrfmiddlewaretoken": token_of(form)}).status_code == 302
    clean.refresh_from_db()
    assert clean.approved


def test_the_text_is_escaped_around_the_marks(as_publisher, upheld_case):
    hostile = Recommendation.objects.create(case=upheld_case, kind="service", due=D(2024, 12, 1),
                                            text='<script>alert(1)</script> & "L20 3NJ"\n<b>Train staff</b>')
    for url in (QUEUE, review_url(hostile)):
        html = as_publisher.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html and "<b>Train" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;<mark>L20 3NJ</mark>&quot;<br>&lt;b&gt;Train" in html


def test_an_edit_in_the_admin_sends_an_approved_one_back_to_the_queue(client, publisher, clean):
    improvements.approve(clean, publisher, improvements.digest(CLEAN))
    admin = sign_in(client, staff_user("adele", StaffRole.CASEWORKER))
    url = reverse("admin:casework_case_change", args=[clean.case_id])
    form = form_data(admin.get(url))
    # The form also carries the value it was opened with (`initial-…`, for conflicts): edit the field itself.
    (text_field,) = [name for name, value in form.items() if value == CLEAN and not name.startswith("initial-")]
    assert admin.post(url, {**form, text_field: CLEAN + " Tell tenants."}).status_code == 302
    clean.refresh_from_db()
    assert clean.text == CLEAN + " Tell tenants." and clean.reviewed_text == CLEAN
    assert Recommendation.objects.awaiting_review().get() == clean
    assert not Recommendation.objects.public_service_improvements(D(2030, 1, 1)).exists()
