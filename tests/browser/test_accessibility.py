"""axe-core finds no WCAG 2.2 A/AA violation on any kind of public page.

The list names every page type of the public site; one whose address does
not resolve yet (a part of the site still being built) is left out, and one
that resolves must load and pass. axe is injected with the Content Security
Policy bypassed, in its own browser context: the site itself forbids injected scripts.
"""

import pytest
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [
    "/",
    "/map/",
    "/map/2017-18/?view=boundary&type=county&measure=upheld_per_100k",
    "/councils/",
    "/councils/search/?q=Tewkesbury",
    "/councils/search/?q=GL20+5AA",
    "/councils/search/?q=Atlantis",
    "/councils/sefton/2017-18/",
    "/national/2017-18/",
    "/guide/",
    "/data/",
    "/data/2017-18/",
    "/data/dictionary/",
    "/decisions/",
    "/reports/",
]
SCREENSHOTS = {"/councils/sefton/2017-18/": "council.png", "/national/2017-18/": "national.png"}


def resolves(url: str) -> bool:
    try:
        resolve(url.split("?")[0])
    except Resolver404:
        return False
    return True


def test_no_axe_violations_on_any_page_type(site, axe_page, screenshot):
    checked, problems = [], []
    for url in filter(resolves, PAGES):
        response = axe_page.goto(site + url)
        if response.status != 200:
            problems.append(f"{url}: HTTP {response.status}")
            continue
        if axe_page.locator("[data-upheld-map]").count():
            axe_page.wait_for_selector("[data-upheld-map][data-ready]:not([aria-busy])")
        if url in SCREENSHOTS:
            screenshot(axe_page, SCREENSHOTS[url])
        for violation in axe_page.axe_violations(WCAG):
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
        checked.append(url)
    assert "/map/" in checked and "/" in checked
    assert not problems, "\n".join(problems)
