"""Text from users and imports reaches every page escaped: markup in a field is shown, never run.

Each free-text field the site accepts (statements, reports, focus reports and their scrutiny
questions, recommendations, letter texts, contact names, audit descriptions) is given both
payloads, and each page that shows the field is read: the payload must be absent as markup and
present in its escaped form. (Council names come from the register and are not entered here.)
"""

from __future__ import annotations

import datetime

import pytest
from django.utils.html import escape

from tests.accounts.signing_in import sign_in
from tests.builders import Y2017, approved_improvement, build_sefton_2017_18, decide
from upheld.audit.models import Action
from upheld.audit.record import record
from upheld.authorities.models import Contact, ContactRole
from upheld.casework.vocabulary import Outcome, Remedy
from upheld.decisions import publication_rules
from upheld.decisions.models import FocusReport, PublicInterestReport, ScrutinyQuestion, Statement
from upheld.letters.models import LetterText
from upheld.releases.freezing import schedule_release

SCRIPT = '<script>alert("x")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
PAYLOADS = (SCRIPT, ATTRIBUTE)
D = datetime.date


def text(label: str, payload: str) -> str:
    """A field's value: a marker word to find it by, and the payload."""
    return f"Quokka {label} {payload}"


def assert_escaped(page: bytes, *values: str) -> None:
    html = page.decode()
    for payload in PAYLOADS:
        assert payload not in html, f"unescaped {payload!r}"
    for value in values:
        assert escape(value) in html, f"{escape(value)!r} not on the page"


@pytest.fixture(params=PAYLOADS, ids=["script", "attribute"])
def payload(request):
    return request.param


def published_statement(authority, payload: str) -> Statement:
    statement = Statement(reference="ESC 1", authority=authority, category="housing", outcome="upheld",
                          remedy=Remedy.BY_OMBUDSMAN, decided=D(2023, 1, 10),
                          subcategory=text("subcategory", payload), summary=text("summary", payload),
                          body=f"The complaint\n{text('body', payload)}\nFinal decision\nI have finished.",
                          remedies=text("remedy", payload), service_improvements=text("improvement", payload),
                          publish=True)
    statement.save()
    if not statement.publishable:  # the anonymisation check may take the payload for personal data
        publication_rules.release_findings(statement, "test", "checked: no personal data")
    assert Statement.objects.public().filter(pk=statement.pk).exists()
    return statement


def test_statements(client, authority, payload, publisher):
    statement = published_statement(authority, payload)
    page = client.get(statement.get_absolute_url())
    assert page.status_code == 200
    assert_escaped(page.content, *(text(label, payload) for label in ("summary", "body", "improvement")))
    results = client.get("/decisions/", {"q": "summary"})
    assert results.status_code == 200 and b"ESC 1" in results.content
    assert_escaped(results.content, f"{payload}")
    # The reasons staff give for withdrawing (and so on) are shown in the statement's log.
    publication_rules.withdraw(statement, "test", text("reason", payload))
    sign_in(client, publisher)
    change = client.get(f"/admin/decisions/statement/{statement.pk}/change/")
    assert_escaped(change.content, text("summary", payload), text("reason", payload))
    assert_escaped(client.get(f"/admin/decisions/statement/{statement.pk}/publication/").content)


def test_public_interest_reports(client, authority, payload, released_2017_18):
    report = PublicInterestReport.objects.create(authority=authority, issued=D(2023, 3, 1),
                                                 title=text("title", payload), summary=text("summary", payload))
    for url in (report.get_absolute_url(), "/reports/"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert_escaped(page.content, text("title", payload))
    assert_escaped(client.get(report.get_absolute_url()).content, text("summary", payload))
    assert_escaped(client.get("/councils/sefton/").content, text("title", payload))


def test_focus_reports_and_their_scrutiny_questions(client, payload):
    report = FocusReport.objects.create(title=text("title", payload), slug="escaping", published=D(2023, 5, 1),
                                        summary=text("summary", payload), body=text("body", payload))
    ScrutinyQuestion.objects.create(report=report, text=text("question", payload))
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    assert_escaped(page.content, *(text(label, payload) for label in ("title", "summary", "body", "question")))
    assert_escaped(client.get("/reports/").content, text("title", payload))


def test_service_improvements_on_the_council_page(client, authority, payload):
    from tests.builders import Y2017
    from upheld.releases.freezing import schedule_release

    decision = decide(authority, D(2017, 5, 1), D(2017, 9, 1), Outcome.UPHELD, Remedy.BY_OMBUDSMAN)
    approved_improvement(decision.case, text("improvement", payload), D(2017, 12, 1), reason="Escaping test")
    schedule_release(Y2017, datetime.datetime(2018, 7, 18, 9, 30, tzinfo=datetime.UTC))
    page = client.get("/councils/sefton/2017-18/")
    assert page.status_code == 200
    assert_escaped(page.content, text("improvement", payload))


def test_letter_texts_and_contact_names_in_the_letter(client, authority, payload):
    build_sefton_2017_18(authority)
    Contact.objects.create(authority=authority, role=ContactRole.CHIEF_EXECUTIVE, name=text("chief", payload))
    Contact.objects.create(authority=authority, role=ContactRole.LINK_OFFICER, name=text("officer", payload))
    letter_text = LetterText.objects.get(year=2017)
    letter_text.subject = text("subject", payload)
    letter_text.body = f"## {text('heading', payload)}\n\n{text('paragraph', payload)} {{{{ chief_executive }}}}"
    letter_text.sender = text("sender", payload)
    letter_text.signatory_name = text("signatory", payload)
    letter_text.list_copies = True
    letter_text.save()
    schedule_release(Y2017)  # the letters are issued with what was written then
    page = client.get("/councils/sefton/2017-18/letter.html")
    assert page.status_code == 200
    assert_escaped(page.content, *(text(label, payload) for label in
                                   ("chief", "officer", "subject", "heading", "sender", "signatory")),
                   f"{text('paragraph', payload)} {text('chief', payload)}")


def test_audit_descriptions_in_the_staff_screens(client, administrator, payload):
    event = record(Action.CHANGE, object_type="casework.case", object_id="1", object_repr=text("repr", payload),
                   before={"subcategory": ""}, after={"subcategory": text("value", payload)})
    sign_in(client, administrator)
    for url in ("/admin/audit/auditevent/", f"/admin/audit/auditevent/{event.pk}/change/"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert_escaped(page.content, text("repr", payload))
