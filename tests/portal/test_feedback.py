"""Councils' feedback on their letter: the form validates, saves for the user's own council whatever the
form says, is audited, and the publishers' summary counts it and shows the comments escaped."""

import pytest
from django.test import Client

from tests.accounts.signing_in import sign_in
from tests.publication.page_reader import get_page
from upheld.audit.models import Action, AuditEvent
from upheld.letters.models import LetterFeedback

URL = "/portal/letters/2017-18/feedback/"
PAYLOAD = "<script>alert('feedback')</script>"


def test_valid_feedback_is_saved_for_the_users_council_and_audited(sefton_client, sefton_user, authority,
                                                                    knowsley, released_2017_18):
    assert sefton_client.get(URL).status_code == 200
    response = sefton_client.post(URL, {"about": "figures", "text": f"The tables are clear. {PAYLOAD}",
                                        "usefulness": "4", "authority": knowsley.id, "year": 2010})
    assert response.status_code == 302 and response["Location"] == "/portal/"
    (saved,) = LetterFeedback.objects.all()
    assert (saved.authority, saved.year, saved.user, saved.about, saved.usefulness) == \
        (authority, 2017, sefton_user, "figures", 4)
    assert saved.text == f"The tables are clear. {PAYLOAD}"
    event = AuditEvent.objects.get(object_type="letters.letterfeedback")
    assert (event.action, event.actor_id, event.authority_id) == (Action.CREATE, sefton_user.id, authority.id)
    assert event.after == {"year": "2017-18", "about": "figures", "usefulness": 4, "characters": len(saved.text)}
    assert "your feedback on the 2017-18 letter has been sent" in get_page(sefton_client, "/portal/").text


def test_rating_is_optional(sefton_client, released_2017_18):
    sefton_client.post(URL, {"about": "format", "text": "Shorter, please.", "usefulness": ""})
    assert LetterFeedback.objects.get().usefulness is None


@pytest.mark.parametrize(("data", "errors"), [
    ({}, ["Choose what your feedback is about", "Enter your feedback"]),
    ({"about": "gossip", "text": "x"}, ["Choose what your feedback is about"]),
    ({"about": "content", "text": "x", "usefulness": "9"}, ["Choose a number from 1 to 5, or leave it empty"]),
    ({"about": "content", "text": "x" * 5001}, ["Your feedback must be 5,000 characters or fewer"]),
])
def test_invalid_feedback_shows_the_errors_and_saves_nothing(sefton_client, released_2017_18, data, errors):
    response = sefton_client.post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "<title>Error: " in page
    for error in errors:
        assert error in page.replace("&#x27;", "'")
    assert not LetterFeedback.objects.exists()
    assert not AuditEvent.objects.filter(object_type="letters.letterfeedback").exists()


def test_csrf_is_enforced(sefton_user, released_2017_18):
    client = sign_in(Client(enforce_csrf_checks=True), sefton_user)
    assert client.post(URL, {"about": "format", "text": "No token."}).status_code == 403
    assert not LetterFeedback.objects.exists()
    form = client.get(URL)
    token = form.context["csrf_token"]
    assert client.post(URL, {"about": "format", "text": "With token.", "csrfmiddlewaretoken": str(token)}
                       ).status_code == 302
    assert LetterFeedback.objects.get().text == "With token."


def test_publishers_see_the_summary_with_comments_escaped(sefton_client, knowsley_client, publisher_client,
                                                          released_2017_18):
    sefton_client.post(URL, {"about": "figures", "text": PAYLOAD, "usefulness": "4"})
    sefton_client.post(URL, {"about": "format", "text": "Too long.", "usefulness": "2"})
    knowsley_client.post(URL, {"about": "figures", "text": "Useful tables."})
    response = publisher_client.get("/portal/feedback/")
    assert response.status_code == 200
    html = response.content.decode()
    assert PAYLOAD not in html and "&lt;script&gt;alert(&#x27;feedback&#x27;)&lt;/script&gt;" in html
    page = get_page(publisher_client, "/portal/feedback/")
    assert "2017-18 letters: 3 responses" in page.text
    assert page.rows("By topic, 2017-18") == [["The letter's format", "1"], ["The letter's content", "0"],
                                              ["The figures and tables", "2"], ["Something else", "0"]]
    assert page.rows("By usefulness rating (1 not at all useful, 5 very useful), 2017-18") == [
        ["1", "0"], ["2", "1"], ["3", "0"], ["4", "1"], ["5", "0"], ["Not given", "1"]]
    assert "Knowsley Metropolitan Borough Council" in page.text


def test_only_publishers_see_the_summary(client, caseworker_client, sefton_client, db):
    assert caseworker_client.get("/portal/feedback/").status_code == 403
    assert sefton_client.get("/portal/feedback/").status_code == 403
    response = client.get("/portal/feedback/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
