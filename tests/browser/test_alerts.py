"""The email alert pages in a real browser: a reader subscribes to Sefton's alerts (after a mistyped
address), confirms and unsubscribes by the links' addresses; axe finds no WCAG 2.2 A/AA violation on
any of the pages along the way, nor on the page of a link that does not work."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect
from tests.browser.test_portal import audit_emptied_afterwards  # noqa: F401  fixture

from upheld.alerts import tokens
from upheld.alerts.models import Subscription
from upheld.authorities.register import load_register

pytestmark = pytest.mark.browser


def test_alert_pages_from_subscribing_to_unsubscribing(live_server, audit_emptied_afterwards, axe_page,  # noqa: F811
                                                        screenshot):
    load_register()
    cache.clear()  # the subscribe limits count in the cache
    page, site, problems = axe_page, live_server.url, []

    def check(name: str) -> None:
        for violation in page.axe_violations():
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")

    assert page.goto(site + "/alerts/sefton/").status == 200
    assert page.get_by_role("heading", name="Get email alerts", level=1).is_visible()
    check("subscribe")

    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Subscribe").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name="Enter an email address in the correct format").is_visible()
    assert page.title().startswith("Error: ")
    email = page.get_by_label("Email address")
    described = email.get_attribute("aria-describedby").split()
    assert all(page.locator(f"[id='{id_}']").count() == 1 for id_ in described), described
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == email.get_attribute("id")  # the summary leads to the field
    screenshot(page, "alerts-error.png")
    check("subscribe with an error")

    email.fill("reader@example.org")
    page.get_by_role("button", name="Subscribe").click()
    expect(page).to_have_url(site + "/alerts/sefton/check-your-email/")
    assert page.get_by_role("heading", name="Check your email", level=1).is_visible()
    check("check your email")

    subscription = Subscription.objects.get(email="reader@example.org", authority__slug="sefton")
    assert page.goto(f"{site}/alerts/confirm/{tokens.make(subscription, tokens.CONFIRM)}/").status == 200
    assert page.get_by_role("heading", name="Confirm your email alerts", level=1).is_visible()
    check("confirm")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Your email alerts have started", level=1)).to_be_visible()
    check("confirmed")

    unsubscribe = f"/alerts/unsubscribe/{tokens.make(subscription, tokens.UNSUBSCRIBE)}/"
    # The link is the one the emails carry, on the site's public address (UPHELD_SITE_URL), not the test server's.
    assert page.get_by_role("link", name="unsubscribe now").get_attribute("href").endswith(unsubscribe)
    assert page.goto(site + unsubscribe).status == 200
    assert page.get_by_role("heading", name="Unsubscribe from email alerts", level=1).is_visible()
    check("unsubscribe")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You have unsubscribed", level=1)).to_be_visible()
    check("unsubscribed")
    subscription.refresh_from_db()
    assert subscription.confirmed_at and subscription.unsubscribed_at

    assert page.goto(f"{site}/alerts/confirm/{subscription.pk}-not-a-token/").status == 404
    assert page.get_by_role("heading", name="This link does not work", level=1).is_visible()
    check("a link that does not work")
    assert not problems, "\n".join(problems)
