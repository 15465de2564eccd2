"""Publishing a statement takes its own permission, which only publishers hold.

A caseworker's statement form once had "publish" ticked by default, and what they saved was public at
once. Now caseworkers draft: the control is not theirs, a form that tries to publish is refused with
nothing saved, and a new statement is not published until a publisher says so.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied

from tests.accounts.signing_in import sign_in, staff_user
from tests.accounts.test_csp import policy_problems
from tests.decisions.conftest import BODY, D, make_statement
from upheld.accounts.roles import PERMISSIONS, StaffRole
from upheld.audit.models import Action, AuditEvent
from upheld.decisions import publication_rules
from upheld.decisions.models import EventAction, Statement, reference_slug

ADD = "/admin/decisions/statement/add/"


def statement_form(**values) -> dict:
    return {"reference": "24 000 321", "authority": "", "decided": "2023-01-10", "category": "housing",
            "subcategory": "", "outcome": "upheld", "remedy": "", "summary": "Mrs X complained about the Council.",
            "body": BODY, "remedies": "", "service_improvements": "", "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0", **values}


@pytest.fixture
def form(sefton):
    return statement_form(authority=sefton.pk)


def test_only_publishers_hold_the_permission_to_publish():
    holders = [role for role, names in PERMISSIONS.items() if "decisions.publish_statement" in names]
    assert holders == [StaffRole.PUBLISHER]
    assert "decisions.change_statement" not in PERMISSIONS[StaffRole.CASEWORKER]


def test_a_new_statement_is_not_published_unless_someone_says_so(sefton):
    drafted = Statement(reference="24 000 320", authority=sefton, category="housing", outcome="upheld",
                        decided=D(2023, 1, 10), summary="Mrs X complained about the Council.", body=BODY)
    drafted.save()
    assert not drafted.publish and not drafted.publishable


def test_a_caseworkers_form_has_no_publishing_control(client, caseworker):
    sign_in(client, caseworker)
    page = client.get(ADD)
    assert page.status_code == 200
    assert b'name="publish"' not in page.content
    assert b"Withdraw, reinstate, withhold or release" not in page.content


def test_a_caseworkers_statement_is_a_draft_and_not_public(client, caseworker, form):
    sign_in(client, caseworker)
    assert client.post(ADD, form).status_code == 302
    saved = Statement.objects.get(reference="24 000 321")
    assert not saved.publish and not saved.publishable
    client.logout()
    assert client.get(saved.get_absolute_url()).status_code == 404
    assert b"24 000 321" not in client.get("/decisions/", {"q": "housing application"}).content


@pytest.mark.parametrize("value", ["on", "true", "1"])
def test_a_caseworker_who_sends_publish_is_refused_and_nothing_is_saved(client, caseworker, form, value):
    sign_in(client, caseworker)
    response = client.post(ADD, {**form, "publish": value})
    assert response.status_code == 403
    assert b"cannot publish" in response.content and b'id="site-name"' in response.content
    assert not policy_problems(response)
    assert not Statement.objects.filter(reference="24 000 321").exists()
    client.logout()
    assert client.get(f"/decisions/{reference_slug('24 000 321')}/").status_code == 404
    refused = AuditEvent.objects.get(action=Action.REFUSED)
    assert (refused.actor_name, refused.object_type, refused.after["field"]) == ("casey", "decisions.statement",
                                                                                "publish")
    assert refused.after["url"] == ADD


def test_publishers_publish_and_the_log_says_who(client, publisher, sefton):
    drafted = make_statement(sefton, reference="24 000 322", publish=False)
    sign_in(client, publisher)
    url = f"/admin/decisions/statement/{drafted.pk}/change/"
    assert b'name="publish"' in client.get(url).content
    data = statement_form(authority=sefton.pk, reference="24 000 322", publish="on")
    assert client.post(url, data).status_code == 302
    drafted.refresh_from_db()
    assert drafted.publish and drafted.publishable
    marked = drafted.events.get(action=EventAction.MARKED)
    assert marked.actor == publisher
    assert client.get(drafted.get_absolute_url()).status_code == 200


def test_the_change_permission_alone_does_not_publish(client, sefton):
    """Someone who may correct statements but not publish them: the control is read-only for them,
    the publication page is closed, and the staff actions refuse them."""
    editor = staff_user("eddie")
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="decisions",
                                                          codename__in=["view_statement", "change_statement"]))
    drafted = make_statement(sefton, reference="24 000 323", publish=False)
    sign_in(client, editor)
    url = f"/admin/decisions/statement/{drafted.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and b'name="publish"' not in page.content
    data = statement_form(authority=sefton.pk, reference="24 000 323", summary="Corrected.")
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "publish": "on"}).status_code == 403
    drafted.refresh_from_db()
    assert drafted.summary == "Corrected." and not drafted.publish
    assert client.get(f"/admin/decisions/statement/{drafted.pk}/publication/").status_code == 403
    with pytest.raises(PermissionDenied):
        publication_rules.withhold(drafted, "under_review", editor, "asked for a review")
