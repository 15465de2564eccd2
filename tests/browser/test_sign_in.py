"""Staff sign-in in a real browser: the password alone reaches no staff page; a wrong code is refused;
the code of the staff member's authenticator app lets them in. The pages pass axe-core, and the
browser reports no Content Security Policy violation on them."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.accounts.signing_in import STRONG_PASSWORD, staff_user
from tests.browser.test_portal import audit_emptied_afterwards  # noqa: F401  fixture

from upheld.accounts.roles import StaffRole

pytestmark = pytest.mark.browser

STAFF_PAGES = ("/admin/", "/admin/auth/user/", "/audit/export.csv", "/accounts/")


def code(device: TOTPDevice, drift: int = 0) -> str:
    """The code the staff member's app shows now (`drift` steps away)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def wrong_code(device: TOTPDevice) -> str:
    accepted = {code(device, drift) for drift in range(-2, 3)}  # the codes the tolerance might accept
    return next(candidate for candidate in ("123456", "654321", "111111") if candidate not in accepted)


@pytest.fixture
def administrator(live_server, audit_emptied_afterwards):  # noqa: F811  (signing in is audited)
    user = staff_user("ada", StaffRole.ADMINISTRATOR)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def path_of(page) -> str:
    return urlsplit(page.url).path


def enter_password(page, address: str, next_url: str = "/admin/") -> None:
    page.goto(f"{address}/accounts/login/?next={next_url}")
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password]", STRONG_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_staff_need_the_second_factor_to_reach_any_staff_page(live_server, page, administrator):
    user, device = administrator
    blocked = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)

    enter_password(page, live_server.url)
    assert path_of(page) == "/accounts/two-factor/"
    assert page.get_by_role("heading", level=1).inner_text() == "Enter the code from your authenticator app"

    for url in STAFF_PAGES:  # signed in with the password only
        response = page.goto(live_server.url + url)
        assert path_of(page) == "/accounts/two-factor/", url
        assert response.status == 200 and "Enter the code" in page.content(), url

    page.goto(f"{live_server.url}/accounts/two-factor/?next=/admin/")
    page.fill("input[name=token]", wrong_code(device))
    page.get_by_role("button").filter(has_text="Continue").click()
    page.wait_for_load_state()
    assert path_of(page) == "/accounts/two-factor/"
    assert page.locator(".govuk-error-summary").is_visible()
    assert "The code is not right" in page.locator(".govuk-error-summary").inner_text()
    assert page.goto(live_server.url + "/admin/").url.endswith("/accounts/two-factor/?next=%2Fadmin%2F")

    page.wait_for_timeout(1500)  # django-otp makes the next try wait a second after a wrong code
    page.fill("input[name=token]", code(device))
    page.get_by_role("button").filter(has_text="Continue").click()
    page.wait_for_load_state()
    assert path_of(page) == "/admin/"
    assert page.get_by_role("link", name="Users").count() >= 1  # the administrator's own screens
    download = page.request.get(live_server.url + "/audit/export.csv")
    assert download.status == 200 and download.headers["content-type"].startswith("text/csv")
    assert not blocked, blocked


def test_sign_in_and_second_factor_pages_pass_axe(live_server, axe_page, administrator):
    user, device = administrator
    problems = []

    def check(name: str) -> None:
        for violation in axe_page.axe_violations():
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")

    axe_page.goto(f"{live_server.url}/accounts/login/")
    check("sign-in")
    axe_page.get_by_role("button", name="Sign in").click()  # nothing filled in: the error summary
    axe_page.wait_for_load_state()
    assert axe_page.locator(".govuk-error-summary").is_visible()
    check("sign-in with errors")
    enter_password(axe_page, live_server.url)
    assert path_of(axe_page) == "/accounts/two-factor/"
    check("second factor")
    axe_page.fill("input[name=token]", wrong_code(device))
    axe_page.get_by_role("button").filter(has_text="Continue").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator(".govuk-error-summary").is_visible()
    check("second factor with a wrong code")
    assert not problems, "\n".join(problems)
