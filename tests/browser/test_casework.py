"""The casework screens in a real browser: a caseworker records a case and its decision by mouse and
keyboard; a save refused because someone else saved first is made again with nothing of theirs undone;
axe finds no WCAG 2.2 A/AA violation on the caseload, the intake form (blank and with its error summary),
the case page and the conflict page."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect
from tests.accounts.signing_in import sign_in, staff_user
from tests.browser.conftest import list_subcategories
from tests.browser.test_portal import audit_emptied_afterwards  # noqa: F401  fixture

from upheld.accounts.roles import StaffRole
from upheld.audit.models import Action, AuditEvent
from upheld.authorities.register import load_register
from upheld.casework.models import Case

pytestmark = pytest.mark.browser


@pytest.fixture
def caseworker_signed_in(live_server, audit_emptied_afterwards):  # noqa: F811
    """Signs a browser page in as a caseworker (with the session a real sign-in makes, second factor given)."""
    load_register()
    list_subcategories()
    user = staff_user("casey-browser", StaffRole.CASEWORKER)

    def signed_in(page):
        session = sign_in(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session,
                                   "url": live_server.url}])
        return page
    signed_in.user = user
    return signed_in


def test_a_caseworker_records_a_case_and_its_decision(live_server, caseworker_signed_in, page, screenshot):
    page = caseworker_signed_in(page)
    blocked = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(live_server.url + "/casework/")
    assert page.get_by_role("link", name="Casework", exact=True).is_visible()
    page.get_by_role("link", name="Record a complaint or enquiry").click()
    # The council by keyboard, with GOV.UK's accessible autocomplete over the select (council-select.mjs).
    council = page.locator(".autocomplete__wrapper").get_by_role("combobox", name="Council")
    council.press_sequentially("sefton")  # once the script has put the autocomplete in place of the select
    expect(page.get_by_role("option", name="Sefton Metropolitan Borough Council (E08000014)")).to_be_visible()
    council.press("ArrowDown")
    council.press("Enter")
    expect(council).to_have_value("Sefton Metropolitan Borough Council (E08000014)")
    assert page.locator("select[name=authority]").input_value() == str(_sefton())
    page.get_by_label("Date received").fill("2024-06-03")
    page.get_by_label("Category", exact=True).select_option(label="Housing")
    page.get_by_label("Subcategory").select_option(label="Homelessness")
    page.get_by_label("Summary of the complaint").fill("Ms Brown was told to leave her flat")
    page.get_by_label("Complainant's name").fill("Ada Brown")
    page.get_by_label("Email address").fill("ada@example.org")
    page.get_by_role("button", name="Record the case").click()

    assert page.get_by_role("heading", name="Case 24 000 001", level=1).is_visible()
    assert not blocked, blocked  # the autocomplete's script is a module file, its styles are the stylesheet's
    assert page.get_by_text("Case 24 000 001 recorded").is_visible()
    assert page.get_by_text("Ada Brown").is_visible()

    page.get_by_role("link", name="Record the decision").click()
    page.get_by_label("Upheld", exact=True).check()
    page.get_by_label("Date decided").fill("2024-09-02")
    page.get_by_label("Remedy").select_option(label="by ombudsman")
    page.get_by_role("button", name="Save").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_text("Decision saved").is_visible()
    decision = page.locator("dl").filter(has_text="Outcome")
    assert decision.get_by_text("Upheld").is_visible() and decision.get_by_text("2 September 2024").is_visible()
    screenshot(page, "casework-case.png")
    case = Case.objects.select_related("decision").get(reference="24 000 001")
    assert (case.authority_id, case.subcategory, case.summary, case.complainant_name, case.decision.outcome,
            case.decision.remedy) == (_sefton(), "Homelessness", "Ms Brown was told to leave her flat", "Ada Brown",
                                      "upheld", "by_ombudsman")
    created = AuditEvent.objects.filter(action=Action.CREATE, case_id=case.pk)
    assert set(created.values_list("object_type", "actor_id")) == {
        ("casework.case", caseworker_signed_in.user.pk), ("casework.decision", caseworker_signed_in.user.pk)}


def test_no_axe_violations(live_server, caseworker_signed_in, axe_page, screenshot):
    from upheld.casework.models import Decision, Recommendation

    page, problems = caseworker_signed_in(axe_page), []
    case = Case.objects.create(reference="24 000 009", authority_id=_sefton(), received="2024-05-01",
                               category="housing", complainant_name="Ada Brown")
    Decision.objects.create(case=case, decided="2024-06-01", outcome="upheld", remedy="by_ombudsman")
    Recommendation.objects.create(case=case, kind="personal", text="Apologise", due="2024-07-01")

    def check(what: str) -> None:
        for violation in page.axe_violations():
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"{what}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")

    for url in ("/casework/", "/casework/?status=delayed&received_from=2024-13-01", "/casework/new/",
                f"/casework/{case.pk}/", f"/casework/{case.pk}/decision/"):
        assert page.goto(live_server.url + url).status == 200, url
        check(url)
        if url == "/casework/":
            screenshot(page, "casework-caseload.png")
    page.goto(live_server.url + "/casework/new/")
    page.get_by_role("button", name="Record the case").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    # The autocomplete in place of the select says the select's error message.
    council = page.locator(".autocomplete__wrapper").get_by_role("combobox", name="Council")
    expect(council).to_have_accessible_description(re.compile("Error: Choose the council the complaint is about"))
    check("intake with errors")
    screenshot(page, "casework-intake-errors.png")
    assert not problems, "\n".join(problems)


def test_a_save_refused_by_a_conflict_is_made_again_without_undoing_the_other_persons(
        live_server, caseworker_signed_in, axe_page, screenshot):
    from upheld.casework import services

    page = caseworker_signed_in(axe_page)
    case = Case.objects.create(reference="24 000 010", authority_id=_sefton(), received="2024-05-01",
                               category="housing", subcategory="Homelessness",
                               complainant_address="1 Example Street\nBootle")
    page.goto(f"{live_server.url}/casework/{case.pk}/edit/")
    case.complainant_name = "Ann Example"  # someone else saves meanwhile
    services.save_versioned(case, 1, ["complainant_name"])
    page.get_by_label("Subcategory").select_option(label="Allocations")
    page.get_by_role("button", name="Save").click()

    assert page.get_by_role("heading", name="Someone else changed this while you were editing it").is_visible()
    assert page.get_by_role("row", name="Complainant's name (blank) Ann Example Not changed").is_visible()
    assert page.get_by_role("row").count() == 3  # the heading, and the two fields that differ
    assert (page.get_by_label("Complainant's name").input_value(), page.get_by_label("Subcategory").input_value()) \
        == ("Ann Example", "Allocations")
    violations = [f"{violation['id']}: {violation['help']}" for violation in page.axe_violations()]
    assert not violations, violations
    screenshot(page, "casework-conflict.png")

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Case details saved")).to_be_visible()
    stored = Case.objects.get(pk=case.pk)
    assert (stored.complainant_name, stored.subcategory, stored.complainant_address, stored.version) == (
        "Ann Example", "Allocations", "1 Example Street\nBootle", 3)  # the address as stored, not as sent back


def _sefton() -> int:
    from upheld.authorities.models import Authority

    return Authority.objects.get(gss="E08000014").pk


def test_code_failures_ticked_in_the_decision_form_with_no_axe_violations(live_server, caseworker_signed_in,
                                                                         axe_page, screenshot):
    from upheld.casework.models import Decision
    from upheld.code.loading import load_code

    load_code()
    page = caseworker_signed_in(axe_page)
    case = Case.objects.create(reference="26 000 001", authority_id=_sefton(), received="2026-04-01",
                               category="housing")
    Decision.objects.create(case=case, decided="2026-05-01", outcome="upheld", remedy="by_ombudsman")
    page.goto(f"{live_server.url}/casework/{case.pk}/decision/")
    failures = page.get_by_role("group", name="Complaint Handling Code failures")
    expect(failures.get_by_role("group", name=re.compile(r"^6\. "))).to_be_visible()
    violations = [f"form: {violation['id']}: {violation['help']}" for violation in page.axe_violations()]
    # A failure ticked on a decision changed to Not upheld: the rule's error, in the summary and by the field.
    failures.get_by_role("checkbox", name=re.compile(r"^6\.2 ")).check()
    page.get_by_label("Not Upheld", exact=True).check()
    page.get_by_label("Remedy").select_option(label="No remedy recorded")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name=re.compile("6.2: a Code failure is fault"))).to_be_visible()
    violations += [f"errors: {violation['id']}: {violation['help']}" for violation in page.axe_violations()]
    screenshot(page, "casework-code-failures-errors.png")
    summary.get_by_role("link", name=re.compile("6.2: a Code failure is fault")).click()
    expect(page.locator("#id_code_failures_0")).to_be_focused()
    page.get_by_label("Upheld", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Decision saved")).to_be_visible()
    expect(page.locator("dl").filter(has_text="Complaint Handling Code failures").get_by_text(
        re.compile(r"^6\.2 "))).to_be_visible()
    assert list(case.decision.code_failures.values_list("provision__number", flat=True)) == ["6.2"]
    assert not violations, "\n".join(violations)
