"""Passwords: rules after NIST/ASVS, and a reset that reveals nothing about who has an account."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError

from tests.accounts.signing_in import STRONG_PASSWORD
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


def test_reset_says_the_same_whether_or_not_the_address_has_an_account(client, caseworker):
    known = client.post("/accounts/password/reset/", {"email": "casey@example.test"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.test"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["casey@example.test"]
    page = client.get(known.url).content.decode()
    assert "If the address you entered belongs to an account" in page


def test_reset_link_sets_a_new_password_once(client, caseworker):
    client.post("/accounts/password/reset/", {"email": "casey@example.test"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
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
