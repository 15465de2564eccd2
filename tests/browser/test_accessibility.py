"""axe-core finds no WCAG 2.2 A/AA violation nor breach of its best practices on any kind
of public page, and pa11y (HTML_CodeSniffer, WCAG 2 AA) finds no error there either.

The list names every page type of the public site; one whose address does
not resolve yet (a part of the site still being built) is left out, and one
that resolves must load and pass. axe is injected with the Content Security
Policy bypassed, in its own browser context: the site itself forbids injected scripts.
The pages carry the demonstration data banner, as every page of `upheld demo` does.
"""

import json
import subprocess
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve

from upheld.demo.models import DemoDataset

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/map/",
    "/map/2017-18/?view=boundary&type=county&measure=upheld_per_100k",
    "/councils/",
    "/councils/search/?q=Tewkesbury",
    "/councils/search/?q=GL20+5AA",
    "/councils/search/?q=Atlantis",
    "/councils/sefton/2017-18/",
    "/councils/sefton/2017-18/letter.html",
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


@pytest.fixture
def demo_site(site):
    """The site as `upheld demo` serves it: every page says that its data is synthetic."""
    DemoDataset.objects.create(seed=1974, first_year="2014-15", last_year="2024-25", cases=100)
    return site


def test_no_axe_violations_on_any_page_type(demo_site, axe_page, screenshot):
    site, checked, problems = demo_site, [], []
    for url in filter(resolves, PAGES):
        response = axe_page.goto(site + url)
        if response.status != 200:
            problems.append(f"{url}: HTTP {response.status}")
            continue
        if axe_page.locator("[data-upheld-map]").count():
            axe_page.wait_for_selector("[data-upheld-map][data-ready]:not([aria-busy])")
        if url in SCREENSHOTS:
            screenshot(axe_page, SCREENSHOTS[url])
        for violation in axe_page.axe_violations():
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
        checked.append(url)
    assert "/map/" in checked and "/" in checked
    assert not problems, "\n".join(problems)


PA11Y = Path(__file__).with_name("pa11y.mjs")
PA11Y_CONFIG = Path(__file__).with_name("pa11y.json")  # WCAG2AA by HTML_CodeSniffer, in Debian's Chromium


def test_no_pa11y_errors_on_any_page_type(demo_site):
    """pa11y reports errors only (not its notices and warnings, which ask for a person's judgement);
    it runs once over all the pages, in one browser."""
    urls = [demo_site + url for url in filter(resolves, PAGES)]
    ran = subprocess.run(["node", str(PA11Y), str(PA11Y_CONFIG), *urls],
                         capture_output=True, text=True, timeout=300, check=False)
    assert ran.returncode == 0, ran.stderr
    results = json.loads(ran.stdout)
    assert [result["url"] for result in results] == urls
    problems = [f"{result['url'].removeprefix(demo_site)}: {issue['code']}: {issue['message']} at {issue['selector']}"
                for result in results for issue in result["issues"] if issue["type"] == "error"]
    assert not problems, "\n".join(problems)
