"""Every state-changing form refuses a POST without its CSRF token (403) and changes nothing.

Each test posts twice with a client that checks CSRF as a browser's requests are checked: first
without the token, which must be refused with nothing changed, then, where the form is simple
enough to fill here, with the token taken from the form, which must work: so the 403 is the
CSRF check's and not some other refusal.
"""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.signing_in import STRONG_PASSWORD, sign_in
from tests.accounts.test_sign_in import code
from tests.builders import Y2017, D, decide
from upheld.accounts import outgoing
from upheld.audit.models import Action, AuditEvent
from upheld.casework.vocabulary import Outcome
from upheld.decisions.models import Statement
from upheld.releases.models import FiguresVersion, Release

NEW_PASSWORD = "a different passphrase 7 words long"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def browser():
    """A client that checks CSRF tokens, as Django does for every real browser."""
    return Client(enforce_csrf_checks=True)


def token_of(page) -> str:
    found = TOKEN.search(page.content)
    assert found, "the form carries no CSRF token"
    return found[1].decode()


def refused(client, url: str, data: dict) -> None:
    """POST `data` to `url` without the token: the CSRF check refuses it."""
    response = client.post(url, data)
    assert response.status_code == 403, (url, response.status_code)
    assert b"CSRF" in response.content


def test_sign_in(browser, caseworker):
    form = browser.get("/accounts/login/")
    data = {"username": "casey", "password": STRONG_PASSWORD}
    refused(browser, "/accounts/login/", data)
    assert "_auth_user_id" not in browser.session
    assert not AuditEvent.objects.filter(action__in=[Action.LOGIN, Action.LOGIN_FAILED]).exists()
    assert browser.post("/accounts/login/", {**data, "csrfmiddlewaretoken": token_of(form)}).status_code == 302
    assert "_auth_user_id" in browser.session


def test_sign_out(browser, link_officer):
    sign_in(browser, link_officer)
    start = browser.get("/accounts/")
    refused(browser, "/accounts/logout/", {})
    assert browser.get("/accounts/").status_code == 200  # still signed in
    browser.post("/accounts/logout/", {"csrfmiddlewaretoken": token_of(start)})
    assert browser.get("/accounts/").status_code == 302


def test_second_factor(browser, caseworker):
    device = TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
    sign_in(browser, caseworker, verified=False)
    form = browser.get("/accounts/two-factor/")
    refused(browser, "/accounts/two-factor/", {"token": code(device)})
    assert browser.get("/accounts/").url.startswith("/accounts/two-factor/")  # still not verified
    assert not AuditEvent.objects.filter(action=Action.VERIFY).exists()
    browser.post("/accounts/two-factor/", {"token": code(device), "csrfmiddlewaretoken": token_of(form)})
    assert browser.get("/accounts/").status_code == 200


def test_enrolling_an_authenticator(browser, caseworker):
    sign_in(browser, caseworker, verified=False)
    browser.get("/accounts/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=caseworker)
    refused(browser, "/accounts/two-factor/set-up/", {"token": code(device)})
    device.refresh_from_db()
    assert not device.confirmed


def test_changing_a_password(browser, link_officer):
    sign_in(browser, link_officer)
    form = browser.get("/accounts/password/")
    data = {"old_password": STRONG_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    refused(browser, "/accounts/password/", data)
    link_officer.refresh_from_db()
    assert link_officer.check_password(STRONG_PASSWORD)
    browser.post("/accounts/password/", {**data, "csrfmiddlewaretoken": token_of(form)})
    link_officer.refresh_from_db()
    assert link_officer.check_password(NEW_PASSWORD)


def test_asking_for_a_password_reset(browser, link_officer):
    form = browser.get("/accounts/password/reset/")
    refused(browser, "/accounts/password/reset/", {"email": link_officer.email})
    assert mail.outbox == []
    browser.post("/accounts/password/reset/", {"email": link_officer.email, "csrfmiddlewaretoken": token_of(form)})
    outgoing.wait()  # the email is sent after the response
    assert len(mail.outbox) == 1


def test_setting_a_new_password_from_the_reset_link(browser, link_officer):
    uid = urlsafe_base64_encode(force_bytes(link_officer.pk))
    link = browser.get(f"/accounts/password/reset/{uid}/{default_token_generator.make_token(link_officer)}/")
    assert link.status_code == 302  # to the same page without the token in the address
    refused(browser, link.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    link_officer.refresh_from_db()
    assert link_officer.check_password(STRONG_PASSWORD)


def test_scheduling_a_release(browser, publisher):
    sign_in(browser, publisher)
    assert browser.get("/admin/releases/release/add/").status_code == 200
    refused(browser, "/admin/releases/release/add/",
            {"year": "2017", "scheduled_for_0": "2030-07-18", "scheduled_for_1": "09:30:00",
             "versions-TOTAL_FORMS": "0", "versions-INITIAL_FORMS": "0"})
    assert not Release.objects.exists()


def test_issuing_a_revision(browser, publisher, authority, released_2017_18):
    decide(authority, D(2017, 6, 1), D(2017, 9, 1), Outcome.UPHELD, "by_ombudsman")
    sign_in(browser, publisher)
    url = f"/admin/releases/release/{released_2017_18.pk}/revise/"
    form = browser.get(url)
    refused(browser, url, {"cause": "A decision was recorded late."})
    assert FiguresVersion.objects.filter(release__year=Y2017.start_year).count() == 1
    browser.post(url, {"cause": "A decision was recorded late.", "csrfmiddlewaretoken": token_of(form)})
    assert FiguresVersion.objects.filter(release__year=Y2017.start_year).count() == 2


def test_withdrawing_a_statement(browser, publisher, authority):
    statement = Statement(reference="CSRF 1", authority=authority, category="housing", outcome="upheld",
                          decided=D(2023, 1, 10), summary="Mrs X complained.", body="The complaint\nMrs X.",
                          publish=True)
    statement.save()
    sign_in(browser, publisher)
    url = f"/admin/decisions/statement/{statement.pk}/publication/"
    form = browser.get(url)
    data = {"action": "withdraw", "reason": "Published in error."}
    refused(browser, url, data)
    statement.refresh_from_db()
    assert not statement.withdrawn and not statement.events.exists()
    browser.post(url, {**data, "csrfmiddlewaretoken": token_of(form)})
    statement.refresh_from_db()
    assert statement.withdrawn


def test_adding_an_account(browser, administrator):
    from django.contrib.auth import get_user_model

    sign_in(browser, administrator)
    assert browser.get("/admin/auth/user/add/").status_code == 200
    refused(browser, "/admin/auth/user/add/", {"username": "intruder", "password1": NEW_PASSWORD,
                                               "password2": NEW_PASSWORD, "usable_password": "true"})
    assert not get_user_model().objects.filter(username="intruder").exists()

