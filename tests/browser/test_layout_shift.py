"""On a phone, nothing on a page moves once drawn (issue 14: Lighthouse measured a cumulative layout shift of
0.21 on the home, council and national pages, the service navigation collapsing into its Menu button only
when GOV.UK Frontend's script ran). The shifts are those the browser itself reports, as Lighthouse reads them."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
GOOD = 0.1  # the most that Lighthouse and Core Web Vitals call a good cumulative layout shift
PAGES = ["/", "/councils/sefton/2017-18/", "/national/2017-18/"]
# Every shift since the page began to load, with or without input (the test gives none).
SHIFTS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const entry of list.getEntries()) total += entry.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


def test_pages_do_not_shift_on_a_phone(site, browser):
    context = browser.new_context(**PHONE, locale="en-GB")
    shifts = {}
    for url in PAGES:
        page = context.new_page()
        page.goto(site + url, wait_until="networkidle")
        page.wait_for_selector("[data-govuk-service-navigation-init]", state="attached")
        shifts[url] = page.evaluate(SHIFTS)
        page.close()
    context.close()
    assert all(shift < GOOD for shift in shifts.values()), shifts
