"""The pages with a Complaint Handling Code section (council, scrutiny and national pages of 2025-26, with a
published self-assessment and without one, and of 2026-27 with Code failures, and the 2025-26 letter) pass axe
and pa11y as every other page type does, and fit a phone's 390 px with their tables scrolling in their regions.

The browser site has no year with the Code, so this one adds two: released now, they become the latest years.
"""

import datetime
import json
import subprocess

import pytest
from tests.browser.conftest import bulk_casework
from tests.browser.test_accessibility import PA11Y, PA11Y_CONFIG
from tests.browser.test_portal import audit_emptied_afterwards  # noqa: F401 - fixture
from tests.browser.test_screens import PHONE, TABLE_PROBLEMS, phone, visit  # noqa: F401 - fixture

from upheld.years import ReportingYear

pytestmark = pytest.mark.browser

Y2025, Y2026 = ReportingYear(2025), ReportingYear(2026)
URLS = ["/councils/sefton/2025-26/", "/councils/knowsley/2025-26/", "/councils/sefton/2026-27/",
        "/scrutiny/sefton/2025-26/", "/national/2025-26/", "/national/2026-27/",
        "/councils/sefton/2025-26/letter.html"]


@pytest.fixture
def code_site(site, audit_emptied_afterwards):  # noqa: F811 - the fixture
    """Sefton's and Wirral's 2025-26 returns accepted (a spread of answers; one explanation long enough to
    wrap), Knowsley without one, and Code failures on Sefton's upheld 2026-27 decisions; both years released.
    Loading the Code writes audit events, emptied after the test for the live server's flush."""
    from upheld.authorities.models import Authority
    from upheld.casework.models import Decision
    from upheld.code.editions import Edition
    from upheld.code.findings import CodeFailure
    from upheld.code.loading import load_code
    from upheld.code.returns import Answer, ProvisionAnswer, SelfAssessment, Version
    from upheld.releases.freezing import schedule_release

    load_code()
    provisions = list(Edition.objects.get(name="February 2024").provisions.all())
    bulk_casework(Y2025, [("E08000014", 5, 3), ("E08000015", 2, 2), ("E08000011", 1, 1)])
    bulk_casework(Y2026, [("E08000014", 4, 1)])
    submitted = datetime.datetime(2026, 9, 12, 10, tzinfo=datetime.UTC)
    for gss, stage1, stage2 in (("E08000014", 412, 57), ("E08000015", 380, 30)):
        assessment = SelfAssessment.objects.bulk_create([SelfAssessment(
            authority=Authority.objects.get(gss=gss), year=2025, status="accepted")])[0]
        version = Version.objects.bulk_create([Version(
            assessment=assessment, number=1, stage1_received=stage1, stage1_in_time=stage1 - 40, stage1_extended=9,
            stage1_upheld=100, stage2_received=stage2, stage2_in_time=stage2 - 9, stage2_upheld=12,
            report_url="https://council.example/complaints-report-2025-26", submitted_at=submitted)])[0]
        answers = {4: Answer.DOES_NOT_FOLLOW, 11: Answer.PARTLY, 20: Answer.PARTLY}
        ProvisionAnswer.objects.bulk_create(ProvisionAnswer(
            version=version, provision=provision, answer=answers.get(n, Answer.FOLLOWS),
            explanation="" if n not in answers else "Our housing service answers stage 1 complaints in 15 working "
                                                    "days while a new complaints team is recruited; a review of the "
                                                    "policy goes to cabinet in the spring.")
            for n, provision in enumerate(provisions))
        SelfAssessment.objects.filter(pk=assessment.pk).update(accepted_version=version)
    upheld = Decision.objects.filter(case__authority__gss="E08000014", outcome="upheld",
                                     decided__gte=Y2026.first_day).order_by("id")[:2]
    CodeFailure.objects.bulk_create([CodeFailure(decision=decision, provision=provision)
                                     for decision in upheld for provision in provisions[15:17]])
    for year in (Y2025, Y2026):
        schedule_release(year, datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1))
    return site


def test_no_axe_violations_on_the_code_pages(code_site, axe_page):
    problems = []
    for url in URLS:
        response = axe_page.goto(code_site + url)
        assert response.status == 200, url
        problems += [f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} at "
                     f"{[' '.join(node['target']) for node in violation['nodes'][:5]]}"
                     for violation in axe_page.axe_violations()]
    assert not problems, "\n".join(problems)


def test_no_pa11y_errors_on_the_code_pages(code_site):
    urls = [code_site + url for url in URLS]
    ran = subprocess.run(["node", str(PA11Y), str(PA11Y_CONFIG), *urls],
                         capture_output=True, text=True, timeout=300, check=False)
    assert ran.returncode == 0, ran.stderr
    problems = [f"{result['url'].removeprefix(code_site)}: {issue['code']}: {issue['message']} at "
                f"{issue['selector']}" for result in json.loads(ran.stdout) for issue in result["issues"]
                if issue["type"] == "error"]
    assert not problems, "\n".join(problems)


def test_the_code_pages_fit_a_phone(code_site, phone):  # noqa: F811 - the fixture
    problems = []
    for url in URLS:
        visit(phone, code_site + url)
        assert "Complaint Handling Code" in phone.content(), url
        width, inner = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width > PHONE["width"] or inner > PHONE["width"]:
            problems.append(f"{url}: the page is {width} px wide (window {inner} px) on a {PHONE['width']} px screen")
        problems += [f"{url}: {problem}" for problem in phone.evaluate(TABLE_PROBLEMS)]
    assert not problems, "\n".join(problems)
