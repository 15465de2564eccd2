"""The staff home and the work dashboard in a real browser: each staff role follows "Staff sign in" from the
home page, gives its password and its authenticator app's code, and lands on its staff home; axe-core finds
no WCAG 2.2 A/AA violation on the staff home, the work dashboard, the councils compared and the pages that
refuse a staff member or a council user."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.accounts.signing_in import STRONG_PASSWORD, council_user, sign_in, staff_user
from tests.browser.test_portal import audit_emptied_afterwards  # noqa: F401  fixture
from tests.browser.test_sign_in import code

from upheld.accounts.models import CouncilRole
from upheld.accounts.roles import StaffRole
from upheld.authorities.models import Authority

pytestmark = pytest.mark.browser
# What each role's home offers that the others' do not.
OWN_TASK = {StaffRole.CASEWORKER: "Record a complaint or enquiry", StaffRole.COMPLIANCE_OFFICER: "Compliance due",
            StaffRole.PUBLISHER: "Statements awaiting publication", StaffRole.ADMINISTRATOR: "Accounts and roles"}
STAFF_PAGES = ["/staff/", "/staff/work/", "/staff/work/?year=2017-18", "/staff/councils/"]


def test_each_role_signs_in_with_the_second_factor_and_reaches_its_home(site, page, audit_emptied_afterwards):  # noqa: F811
    for role in StaffRole:
        user = staff_user(f"home-{role.name.lower()}", role)
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        page.context.clear_cookies()
        page.goto(site + "/")
        page.get_by_role("link", name="Staff sign in").click()
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", STRONG_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/accounts/two-factor/", role
        page.fill("input[name=token]", code(device))
        page.get_by_role("button").filter(has_text="Continue").click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/staff/", role
        assert page.get_by_role("heading", level=1).inner_text() == "Staff home"
        assert page.get_by_role("link", name=OWN_TASK[role], exact=True).is_visible(), role
        others = [task for other, task in OWN_TASK.items() if other != role]
        assert all(page.get_by_role("link", name=task, exact=True).count() == 0 for task in others), role


def _signed_in(axe_page, site, user) -> None:
    axe_page.context.clear_cookies()
    session = sign_in(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value
    axe_page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])


def test_no_axe_violations_on_the_staff_home_dashboards_and_refusals(site, axe_page, screenshot,
                                                                     audit_emptied_afterwards):  # noqa: F811
    every_role = staff_user("every-role", *StaffRole)
    caseworker = staff_user("refused-caseworker", StaffRole.CASEWORKER)
    council = council_user("refused-council", Authority.objects.get(gss="E08000014"), CouncilRole.CHIEF_EXECUTIVE)
    visits = [(every_role, url, 200) for url in STAFF_PAGES]
    visits += [(caseworker, "/audit/export.csv", 403), (council, "/staff/work/", 403)]
    problems = []
    for user, url, status in visits:
        _signed_in(axe_page, site, user)
        response = axe_page.goto(site + url)
        if response.status != status:
            problems.append(f"{url}: HTTP {response.status}, not {status}")
            continue
        for violation in axe_page.axe_violations():
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"{url} as {user.username}: {violation['id']} ({violation['impact']}): "
                            f"{violation['help']} at {targets}")
        if url == "/staff/work/" and status == 200:
            screenshot(axe_page, "staff-work-dashboard.png")
            assert axe_page.get_by_role("heading", name="Open cases by age").is_visible()
        if status == 403:
            assert axe_page.get_by_text("What you can do instead").is_visible(), url
    assert not problems, "\n".join(problems)
