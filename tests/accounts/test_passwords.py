"""Passwords: rules after NIST/ASVS, and a reset that reveals nothing about who has an account."""

import re
import threading

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError

from tests.accounts.signing_in import STRONG_PASSWORD
from tests.letters.test_delivery import Mailbox, serve
from upheld.accounts import outgoing
from upheld.audit.models import Action, AuditEvent


@pytest.mark.parametrize("password", [
    "short pass",  # under 12
    "x" * 129,  # over 128
    "password1234",  # common
    "qwerty123456",
])
def test_weak_passwords_are_refused(password, caseworker):
    with pytest.raises(ValidationError):
        validate_password(password, caseworker)


def test_a_password_like_the_username_is_refused(db):
    from django.contrib.auth import get_user_model

    user = get_user_model()(username="margaret.thatcher", email="mt@example.test")
    with pytest.raises(ValidationError):
        validate_password("margaret.thatcher", user)


@pytest.mark.parametrize("password", [
    "lowercase words only here",  # no composition rules
    "a" * 11 + "b",
    "日本語のパスフレーズはとても長いです",  # any characters
    "y" * 128,
])
def test_long_passwords_need_nothing_else(password, caseworker):
    validate_password(password, caseworker)


def reset(client, email: str, **headers):
    """Ask for a reset link; the response, once the email (if any) has gone to the mail server."""
    response = client.post("/accounts/password/reset/", {"email": email}, **headers)
    outgoing.wait()
    return response


def test_reset_says_the_same_whether_or_not_the_address_has_an_account(client, caseworker):
    known = reset(client, "casey@example.test")
    unknown = reset(client, "nobody@example.test")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["casey@example.test"]
    page = client.get(known.url).content.decode()
    assert "If the address you entered belongs to an account" in page


def test_reset_takes_the_same_steps_whether_or_not_the_address_has_an_account(client, caseworker):
    """The same work for both (the token made and the email written, for a stand-in user when there is no
    account), so that the time taken does not tell either; only a real account's email is sent."""
    steps = {email: [template.name for template in reset(client, email).templates]
             for email in ("casey@example.test", "nobody@example.test")}
    assert steps["casey@example.test"] == steps["nobody@example.test"]
    assert {"accounts/reset_subject.txt", "accounts/reset_email.txt"} <= set(steps["nobody@example.test"])
    assert [message.to for message in mail.outbox] == [["casey@example.test"]]


def test_reset_answers_without_waiting_for_the_mail_server(client, caseworker, settings):
    """The email is handed to a sending thread: the response is back while the mail server has not yet
    received anything (here it holds the connection until the test lets it go)."""
    let_go = threading.Event()
    box = Mailbox(on_mail=lambda number: let_go.wait(30))
    server = serve(box)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 30
    try:
        response = client.post("/accounts/password/reset/", {"email": "casey@example.test"})
        assert response.status_code == 302 and box.raw == []
        let_go.set()
        outgoing.wait()
        assert [message["To"] for message in box.messages] == ["casey@example.test"]
    finally:
        let_go.set()
        server.stop()


def test_reset_links_are_on_the_sites_address_whatever_host_the_request_named(client, caseworker, settings):
    settings.UPHELD_SITE_URL = "https://complaints.example.test"
    reset(client, "casey@example.test", HTTP_HOST="127.0.0.1:6666")
    links = re.findall(r"\S+/accounts/password/reset/\S+/", mail.outbox[0].body)
    assert len(links) == 1 and links[0].startswith("https://complaints.example.test/accounts/password/reset/")


def test_reset_link_sets_a_new_password_once(client, caseworker, settings):
    reset(client, "casey@example.test")
    link = re.search(re.escape(settings.UPHELD_SITE_URL) + r"(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert b"Choose a new password" in form_page.content
    set_url = form_page.redirect_chain[-1][0]
    assert client.post(set_url, {"new_password1": "short", "new_password2": "short"}).status_code == 200
    new = "a brand new long passphrase"
    assert client.post(set_url, {"new_password1": new, "new_password2": new}).url == "/accounts/password/reset/done/"
    caseworker.refresh_from_db()
    assert caseworker.check_password(new)
    assert AuditEvent.objects.filter(action=Action.PASSWORD, actor_name="casey").exists()
    assert b"no longer works" in client.get(link, follow=True).content


def test_signed_in_password_change(client, link_officer):
    client.post("/accounts/login/", {"username": "lou", "password": STRONG_PASSWORD})
    new = "another long passphrase here"
    response = client.post("/accounts/password/", {"old_password": STRONG_PASSWORD, "new_password1": new,
                                                   "new_password2": new})
    assert response.url == "/accounts/"
    assert client.get("/accounts/").status_code == 200  # still signed in
    link_officer.refresh_from_db()
    assert link_officer.check_password(new)
