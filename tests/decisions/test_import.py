"""`upheld import statements`: CSV and JSON Lines, all or nothing, the guard's
findings as FILE:ROW: column: message."""

import datetime
import json

import pytest

from tests.imports.conftest import SEFTON, WIRRAL, make_decision, write_csv
from upheld.decisions.models import EventAction, Statement, StatementEvent
from upheld.imports import run_import

HEADER = ["reference", "authority", "decided", "category", "outcome", "summary", "body", "publish"]
BODY = "The complaint\nMrs X complains about repairs.\nFinal decision\nI found fault."


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def lines(result):
    return [problem.format(result.file) for problem in result.problems]


def test_statements_from_csv_with_optional_columns(db):
    write_csv("statements.csv", [
        [*HEADER, "Service Improvements", "remedy", "notes"],
        ["21 000 001", SEFTON, "2021-05-04", "Housing > Homelessness", "Upheld", "Mrs X complained. We found fault.",
         BODY, "yes", "Review the procedure.\nTrain the staff.", "by ombudsman", "ignored"],
        ["21 000 002", "WRL", "2021-05-05", "Housing", "not upheld", "Mr Y complained.", BODY, "no", "", ""],
    ])
    result = run_import("statements", "statements.csv")
    assert result.ok, lines(result)
    assert result.imported == 2
    first = Statement.objects.get(reference="21 000 001")
    assert (first.authority.gss, first.category, first.subcategory, first.outcome, first.remedy) == (
        SEFTON, "housing", "Homelessness", "upheld", "by_ombudsman")
    assert first.improvement_lines() == ["Review the procedure.", "Train the staff."]
    assert first.has_service_improvement and first.publishable and first.slug == "21-000-001"
    assert [heading for heading, _ in first.sections()] == ["The complaint", "Final decision"]
    second = Statement.objects.get(reference="21 000 002")
    assert second.authority.gss == WIRRAL and not second.publishable
    assert list(StatementEvent.objects.order_by("statement__reference").values_list("action", "reason")) == [
        (EventAction.IMPORTED, ""), (EventAction.IMPORTED, "imported with publish = no")]


def test_statements_from_json_lines(db):
    rows = [
        {"reference": "21 000 001", "authority": SEFTON, "decided": "2021-05-04", "category": "Housing",
         "outcome": "Closed after initial enquiries", "summary": "We will not investigate.", "body": BODY,
         "publish": True, "service improvements": ["One.", "Two."], "extra": 1},
        {"Reference": "21 000 002", "AUTHORITY": SEFTON, "decided": "2021-05-04", "category": "Housing",
         "outcome": "Upheld", "summary": "Fault.", "body": BODY, "publish": "no"},
    ]
    with open("statements.jsonl", "w", encoding="utf-8") as file:
        file.write("\n".join(json.dumps(row) for row in rows) + "\n\n")
    result = run_import("statements", "statements.jsonl")
    assert result.ok, lines(result)
    assert [problem.format("s") for problem in result.warnings] == ["s:1: extra: warning: column not used; ignored"]
    assert Statement.objects.get(reference="21 000 001").service_improvements == "One.\nTwo."
    assert Statement.objects.count() == 2


def test_every_problem_and_nothing_imported(db):
    make_decision("20 000 009", decided=datetime.date(2020, 8, 3), outcome="referred_back")
    make_decision("20 000 010", decided=datetime.date(2020, 8, 3), outcome="not_upheld")
    write_csv("statements.csv", [
        HEADER,
        ["21 000 001", SEFTON, "2021-05-04", "Housing", "Upheld", "Mrs Smith complained.",
         "The complaint\nShe lives at SW1A 1AA and was born on 3 May 1950.", "yes"],
        ["21 000 002", SEFTON, "2021-05-04", "Housing", "Upheld", "Mrs Smith complained.", BODY, "no"],
        ["21 000 003", SEFTON, "2021-05-04", "Housing", "Advice given", "x", BODY, "maybe"],
        ["20 000 009", SEFTON, "2020-08-03", "Housing", "Upheld", "x", BODY, "yes"],
        ["20 000 010", WIRRAL, "2020-08-03", "Housing", "Upheld", "x", BODY, "yes"],
        ["20 000 010", SEFTON, "2020-08-04", "Housing", "Upheld", "x", BODY, "yes"],
        ["21 000 001", SEFTON, "2021-05-04", "Housing", "Upheld", "x", "bell \x07", "yes"],
    ])
    before = Statement.objects.count()
    result = run_import("statements", "statements.csv")
    assert not result.ok and result.imported == 0 and Statement.objects.count() == before
    # A CSV row is numbered by the line it starts on: the multi-line bodies move the later rows down.
    assert lines(result) == [
        "statements.csv:2: summary: possible personal data: title with a name 'Mrs Smith'; anonymise it or import "
        "the row with publish = no and release it after checking",
        "statements.csv:2: body: possible personal data: postcode 'SW1A 1AA'; date of birth 'born on 3 May 1950'; "
        "anonymise it or import the row with publish = no and release it after checking",
        "statements.csv:8: outcome: 'Advice given' is not an outcome a statement is published for; expected one "
        "of: Upheld; Not upheld; Closed after initial enquiries",
        "statements.csv:8: publish: 'maybe' is neither yes nor no",
        "statements.csv:12: outcome: case 20 000 009 was referred back to the council as premature: premature "
        "complaints have no published statement",
        "statements.csv:16: authority: case 20 000 010 is about Sefton Metropolitan Borough Council, "
        "not Wirral Borough Council",
        "statements.csv:20: reference: same reference as row 16",
        "statements.csv:20: decided: case 20 000 010 was decided on 3 August 2020",
        "statements.csv:20: outcome: case 20 000 010 was decided Not Upheld, not Upheld",
        "statements.csv:24: reference: same reference as row 2",
        "statements.csv:24: body: holds a control character (U+0007)",
    ]


def test_a_stored_statement_is_not_imported_again(db):
    write_csv("statements.csv", [HEADER, ["21 000 001", SEFTON, "2021-05-04", "Housing", "Upheld", "x", BODY, "yes"]])
    assert run_import("statements", "statements.csv").ok
    result = run_import("statements", "statements.csv")
    assert lines(result) == ["statements.csv:2: reference: statement 21 000 001 is already in the database"]


def test_a_broken_json_line(db):
    with open("statements.jsonl", "w", encoding="utf-8") as file:
        file.write('{"reference": "1"}\n[1, 2]\n')
    result = run_import("statements", "statements.jsonl")
    assert lines(result)[-1] == ("statements.jsonl:2: (file): each line must be one JSON object {...}; "
                                 "nothing after it was read")


def test_imported_statements_are_searchable(db, client):
    write_csv("statements.csv", [HEADER, ["21 000 001", SEFTON, "2021-05-04", "Housing", "Upheld",
                                          "The Council delayed asbestos removal.", BODY, "yes"]])
    assert run_import("statements", "statements.csv").ok
    assert b"21 000 001" in client.get("/decisions/?q=asbestos").content


def test_a_statement_is_filed_under_the_listed_subcategory_and_an_unlisted_one_refused(db):
    write_csv("statements.csv", [
        HEADER,
        ["21 000 001", SEFTON, "2021-05-04", "Housing >  HOMELESSNESS ", "Upheld", "Fault.", BODY, "yes"],
        ["21 000 002", SEFTON, "2021-05-04", "Housing > Potholes", "Upheld", "Fault.", BODY, "yes"],
    ])
    result = run_import("statements", "statements.csv")
    assert len(lines(result)) == 1 and lines(result)[0].startswith(
        "statements.csv:6: category: 'Potholes' is not a listed subcategory of Housing")  # the body's lines count
    assert not Statement.objects.exists()
    write_csv("statements.csv", [HEADER, ["21 000 001", SEFTON, "2021-05-04", "Housing >  HOMELESSNESS ", "Upheld",
                                          "Fault.", BODY, "yes"]])
    assert run_import("statements", "statements.csv").ok
    assert Statement.objects.get().subcategory == "Homelessness"  # as the list spells it, so search finds it
