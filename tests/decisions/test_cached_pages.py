"""Decisions and reports pages are kept in the one cache of public material, under the public state: a
withdrawn statement or a removed report is gone from every page at the next request, and the results CSV
of every statement is built once per state, never by two requests at once."""

import csv
import datetime
import io

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.decisions.conftest import make_statement
from tests.scrutiny import conftest as scrutiny
from upheld.decisions import publication_rules
from upheld.decisions import search as searching
from upheld.decisions.models import PublicInterestReport, Statement

# Sefton's released 2017-18 with its statements and reports, on a fixed day (the scrutiny tests' fixtures).
on_today, sefton_scrutiny = scrutiny.on_today, scrutiny.sefton_scrutiny

SCRUTINY = "/scrutiny/sefton/2017-18/"
CSV = "/decisions/results.csv"


def test_a_withdrawn_statement_leaves_every_page_at_once(client, sefton_scrutiny, admin_user):
    statement = make_statement(sefton_scrutiny, decided=datetime.date(2017, 12, 1),
                               category="adult_care", summary="Mr Z complained about care charges. Withdrawable.")
    pages = ("/decisions/", f"/decisions/?council={sefton_scrutiny.slug}", SCRUTINY)
    for path in (*pages, statement.get_absolute_url()):  # asked twice: the second answer comes from the cache
        client.get(path)
        assert statement.reference.encode() in client.get(path).content, path

    publication_rules.withdraw(statement, admin_user, "Named a third party by mistake.")

    for path in pages:
        response = client.get(path)
        assert response.status_code == 200 and statement.reference.encode() not in response.content, path
    assert client.get(statement.get_absolute_url()).status_code == 404


def test_a_report_taken_down_leaves_the_reports_page_at_once(client, sefton_scrutiny):
    report = PublicInterestReport.objects.get(title="Missed school transport")
    assert b"Missed school transport" in client.get("/reports/").content
    assert b"Missed school transport" in client.get("/reports/").content
    report.delete()
    assert b"Missed school transport" not in client.get("/reports/").content


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_csv_of_every_statement_is_built_once_per_public_state(client, sefton_scrutiny, admin_user):
    # A session cookie keeps the whole-response fast path out of it: this is the view's own keeping.
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    first = client.get(CSV)
    assert first.status_code == 200 and len(rows(first)) > 2  # the header and the public statements
    with CaptureQueriesContext(connection) as queries:
        again = client.get(CSV)
    assert again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert not [query for query in queries if "decisions_statement" in query["sql"]]  # not built again

    withdrawn = Statement.objects.public().filter(authority=sefton_scrutiny).first()
    publication_rules.withdraw(withdrawn, admin_user, "Named a third party by mistake.")
    assert [row[0] for row in rows(client.get(CSV))] == [row[0] for row in rows(first) if row[0] != withdrawn.reference]


def test_a_request_while_the_csv_is_being_built_is_asked_to_come_back(client, sefton_scrutiny, monkeypatch):
    meanwhile = []
    building = searching.matching_statements

    def slow_to_build(params):
        meanwhile.append(client.get(CSV))  # another request for the same file arrives during the build
        return building(params)

    monkeypatch.setattr(searching, "matching_statements", slow_to_build)
    built = client.get(CSV)
    assert built.status_code == 200 and len(rows(built)) > 2
    assert [response.status_code for response in meanwhile] == [503]
    assert meanwhile[0]["Retry-After"] == "5"
    assert client.get(CSV).content == built.content  # and then it is there, built once
    assert len(meanwhile) == 1
