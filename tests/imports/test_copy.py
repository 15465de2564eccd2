"""How the rows reach the database (finding 5 of issue 13: imports on PostgreSQL were 2.6 times slower than on
SQLite): PostgreSQL's own bulk path, `COPY`, as the server itself sees the statements, and the very rows the
SQLite path writes, text that `COPY`'s format must escape included. The same test runs on both databases."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from upheld.casework.models import Case
from upheld.decisions.models import Statement
from upheld.imports import run_import

from .conftest import CASES_HEADER, SEFTON, WIRRAL, write_csv

ON_POSTGRES = connection.vendor == "postgresql"
TRICKY = "Back\\slash, \\N, a\ttab,\nnew line, \\., quote \" and ' and “curly”, £ and emoji 🙂 and é"
STATEMENTS_HEADER = ["reference", "authority", "decided", "category", "outcome", "summary", "body", "publish",
                     "remedies"]


def statements_reaching(table: str):
    """What the server was asked while rows went into `table`: on PostgreSQL a statement trigger notes
    `current_query()` (it fires for COPY as for INSERT); on SQLite the queries Django sent."""
    if not ON_POSTGRES:
        return CaptureQueriesContext(connection)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE reaching (query text)")
        cursor.execute("CREATE FUNCTION note_query() RETURNS trigger LANGUAGE plpgsql AS "
                       "$$ BEGIN INSERT INTO reaching VALUES (current_query()); RETURN NULL; END $$")
        cursor.execute(f"CREATE TRIGGER note_query AFTER INSERT ON {table} FOR EACH STATEMENT "
                       "EXECUTE FUNCTION note_query()")
    return _Noted()


class _Noted:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            cursor.execute("SELECT query FROM reaching")
            self.captured_queries = [{"sql": query} for (query,) in cursor.fetchall()]


def verbs(captured, table: str) -> set[str]:
    """The first word of each statement that wrote rows into `table`: INSERT or COPY."""
    found = set()
    for query in captured.captured_queries:
        sql = re.sub(r"^[0-9]+ times: ", "", query["sql"])  # Django's note on an executemany
        if re.match(rf'(INSERT INTO|COPY) "{table}"', sql):
            found.add(sql.split()[0])
    return found


def test_cases_go_in_by_copy_on_postgresql_as_the_same_rows(db):
    rows = [[f"C{n:04d}", SEFTON if n % 3 else WIRRAL, f"2017-05-{n % 28 + 1:02d}",
             "Housing > Homelessness" if n % 2 else "Other"] for n in range(2500)]  # over one batch
    write_csv("cases.csv", [CASES_HEADER, *rows])
    with statements_reaching("casework_case") as captured:
        result = run_import("cases", "cases.csv")
    assert result.ok and result.imported == 2500
    assert verbs(captured, "casework_case") == {"COPY" if ON_POSTGRES else "INSERT"}
    stored = list(Case.objects.order_by("reference").values_list(
        "reference", "authority__gss", "received", "category", "subcategory", "synthetic", "version",
        "complainant_name", "complainant_address"))
    assert stored == [(reference, gss, datetime.date.fromisoformat(day), "housing" if ">" in category else "other",
                       "Homelessness" if ">" in category else "", False, 1, "", "")
                      for reference, gss, day, category in rows]


def test_text_that_copy_must_escape_arrives_as_written(db):
    body = f"The complaint\n{TRICKY}\nFinal decision\nI found fault."
    write_csv("statements.csv", [STATEMENTS_HEADER,
                                 ["21 000 001", SEFTON, "2021-05-04", "Housing", "Upheld", TRICKY, body, "no",
                                  f"One.\n{TRICKY}"],
                                 ["21 000 002", WIRRAL, "2021-05-05", "Other", "Not upheld", "\\", "\\\\", "no", ""]])
    with statements_reaching("decisions_statement") as captured:
        result = run_import("statements", "statements.csv")
    assert result.ok, result.lines()
    assert verbs(captured, "decisions_statement") == {"COPY" if ON_POSTGRES else "INSERT"}
    assert list(Statement.objects.order_by("reference").values_list("summary", "body", "remedies", "guard_findings",
                                                                    "publish", "withheld")) == [
        (TRICKY, body, f"One.\n{TRICKY}", [], False, ""), ("\\", "\\\\", "", [], False, "")]
