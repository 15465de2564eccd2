"""Signing in: password, then for staff a TOTP code (enrolling an app the first time); signing out."""

import re

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.signing_in import STRONG_PASSWORD
from upheld.audit.models import Action, AuditEvent


def code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def sign_in_with_password(client, username, next_url="/admin/"):
    return client.post(f"/accounts/login/?next={next_url}",
                       {"username": username, "password": STRONG_PASSWORD, "next": next_url})


def test_sign_in_page_is_govuk_styled_with_csrf(client, db):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert b'class="govuk-input"' in page.content and b"csrfmiddlewaretoken" in page.content
    assert "unsafe-inline" not in page.headers["Content-Security-Policy"]


def test_first_staff_sign_in_enrols_an_authenticator_app(client, caseworker):
    response = sign_in_with_password(client, "casey")
    assert response.status_code == 302 and response.url == "/accounts/two-factor/set-up/?next=%2Fadmin%2F"
    assert client.get("/admin/").url.startswith("/accounts/two-factor/set-up/")

    page = client.get(response.url)
    assert b'src="data:image/svg+xml' in page.content
    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    secret = re.search(rb'<code>([A-Z2-7 ]+)</code>', page.content)[1].decode().replace(" ", "")
    assert secret  # the key is also shown as text, for typing in
    assert client.get(response.url).content.count(secret[:4].encode()) >= 1  # reloading keeps the same key
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1

    wrong = client.post(response.url, {"token": "000000" if code(device) != "000000" else "111111", "next": "/admin/"})
    assert wrong.status_code == 200 and b"The code is not right" in wrong.content
    device.refresh_from_db()
    device.throttle_reset()
    session_before = client.session.session_key
    done = client.post(response.url, {"token": code(device), "next": "/admin/"})
    assert done.status_code == 302 and done.url == "/admin/"
    assert client.session.session_key != session_before
    assert TOTPDevice.objects.get(user=caseworker).confirmed
    assert client.get("/admin/").status_code == 200
    actions = set(AuditEvent.objects.filter(actor_name="casey").values_list("action", flat=True))
    assert {Action.LOGIN, Action.ENROL} <= actions


def test_later_sign_ins_ask_for_a_code(client, caseworker):
    device = TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
    response = sign_in_with_password(client, "casey")
    assert response.url == "/accounts/two-factor/?next=%2Fadmin%2F"
    assert client.get("/accounts/two-factor/set-up/").url.startswith("/accounts/two-factor/?next=")  # no 2nd app
    refused = client.post(response.url, {"token": "99999"})
    assert b"Enter the 6-digit code" in refused.content
    done = client.post(response.url, {"token": code(device), "next": "/admin/casework/case/"})
    assert done.url == "/admin/casework/case/"
    assert client.get(done.url).status_code == 200
    assert AuditEvent.objects.filter(actor_name="casey", action=Action.VERIFY).count() == 1


def test_wrong_codes_are_throttled(client, caseworker):
    device = TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
    response = sign_in_with_password(client, "casey")
    bad = "000000" if code(device) != "000000" else "111111"
    first = client.post(response.url, {"token": bad})
    assert b"The code is not right" in first.content and b"Too many" not in first.content
    second = client.post(response.url, {"token": code(device)})  # right, but inside the pause after a wrong one
    assert second.status_code == 200 and b"Too many wrong codes" in second.content
    assert client.get("/admin/").status_code == 302


def test_the_next_address_never_leaves_the_site(client, caseworker):
    device = TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
    sign_in_with_password(client, "casey", next_url="https://elsewhere.example/")
    done = client.post("/accounts/two-factor/", {"token": code(device), "next": "https://elsewhere.example/"})
    assert done.url == reverse("accounts:start")


def test_council_users_sign_in_without_a_second_factor(client, link_officer, authority):
    response = client.post("/accounts/login/", {"username": "lou", "password": STRONG_PASSWORD})
    assert response.url == "/accounts/"
    page = client.get("/accounts/")
    assert page.status_code == 200 and authority.name.encode() in page.content


def test_sign_out_is_post_only(client, link_officer):
    client.post("/accounts/login/", {"username": "lou", "password": STRONG_PASSWORD})
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/accounts/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.url == "/accounts/signed-out/"
    assert client.get("/accounts/").url.startswith("/accounts/login/")
    assert AuditEvent.objects.filter(actor_name="lou", action=Action.LOGOUT).exists()


def test_account_pages_offer_sign_out_but_public_pages_stay_the_same_for_everyone(client, link_officer):
    """Public pages are cached whole (upheld.publication.page_cache), so they carry nothing of the
    person signed in: no name, no sign-out form, no CSRF token."""
    client.post("/accounts/login/", {"username": "lou", "password": STRONG_PASSWORD})
    page = client.get("/accounts/").content.decode()
    assert 'action="/accounts/logout/"' in page and 'method="post"' in page
    public = client.get("/").content
    assert b"Sign out" not in public and b"csrfmiddlewaretoken" not in public and b"Signed in" not in public
