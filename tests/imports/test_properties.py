"""Properties of every import, whatever the file holds:

- it never raises: every outcome is a result with problems, or success;
- it writes all of a file or nothing;
- every problem is one `FILE:ROW: column: message` line with a real row;
- a file whose every row is valid imports completely.
"""

import datetime
import itertools
import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from upheld.casework.models import Case
from upheld.casework.vocabulary import Category, ComplianceResult, Outcome, Remedy
from upheld.code.loading import load_code
from upheld.imports import KINDS, importer_for, run_import
from upheld.imports.readers import header_name

from .conftest import (
    BARNSLEY,
    BARNSLEY_OLD,
    BCP,
    CASES_HEADER,
    CHRISTCHURCH,
    SEFTON,
    counts,
    lines,
    make_case,
    write_bytes,
    write_csv,
    write_xlsx,
)

FUZZ = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PROBLEM_LINE = re.compile(r"(?P<file>[^:]+):(?P<line>[1-9][0-9]*): (?P<column>[^:\n]+): (?P<message>[^\n]+)")
_examples = itertools.count()

any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=25)
padded = st.sampled_from(["{}", " {} ", "\t{}", "{}  "])

COUNCIL_DAYS = {  # code: (first, last) day the council existed, for the oracle
    SEFTON: (None, None), "sft": (None, None), BARNSLEY: (None, None), BARNSLEY_OLD: (None, None),
    CHRISTCHURCH: (None, datetime.date(2019, 3, 31)), BCP: (datetime.date(2019, 4, 1), None),
}
valid_cells = {
    "reference": st.from_regex(r"[A-Z0-9]{1,3}", fullmatch=True),
    "authority": st.sampled_from(sorted(COUNCIL_DAYS)),
    "received": st.dates(datetime.date(2013, 4, 1), datetime.date(2025, 3, 31)),
    "category": st.one_of(st.sampled_from(Category.labels), st.sampled_from([  # listed subcategories, spelt any way
        "Housing > Homelessness", "Housing >  private  RENTED housing", "Highways and Transport > parking penalties"])),
}
invalid_cells = st.one_of(any_text, st.sampled_from(
    ["", "E99999999", "2018-02-30", "2018-2-3", "Parking", "x" * 21, "2999-01-01", "E07000048", "17\x00",
     "Housing > Potholes", "Adult Care Services > Homelessness"]))


@st.composite
def case_files(draw):
    """(header, rows, valid): columns in any order with extra ones, cells
    valid or not, and whether every row is valid (the oracle)."""
    extras = draw(st.lists(any_text.filter(
        lambda name: header_name(ILLEGAL_CHARACTERS_RE.sub("", name)) not in CASES_HEADER), max_size=2))
    header = draw(st.permutations(CASES_HEADER + extras))
    rows, valid, references = [], True, set()
    for _ in range(draw(st.integers(1, 12))):
        cells = {}
        for column in CASES_HEADER:
            if draw(st.integers(0, 29)) == 0:
                cells[column] = draw(invalid_cells)
                valid = False
            else:
                cells[column] = draw(valid_cells[column])
        if valid:
            first, last = COUNCIL_DAYS[cells["authority"]]
            day = cells["received"]
            valid = (first is None or first <= day) and (last is None or day <= last)
            valid = valid and cells["reference"] not in references
        references.add(cells["reference"])
        row = {column: draw(any_text) for column in extras} | cells
        rows.append([draw(padded).format(row[column]) if isinstance(row[column], str) else row[column]
                     for column in header])
    return header, rows, valid


def check_outcome(result, name, before, after):
    """All or nothing, and problems in their one shape."""
    if result.ok:
        assert result.imported == result.rows > 0
        # Code failures go with their decisions, in any number: not records of the file's own.
        changed = {table: after[table] - before[table] for table in before if table != "CodeFailure"}
        assert sum(changed.values()) == result.imported - result.replaced
    else:
        assert after == before
        assert result.imported == 0
        assert result.problem_count == len(result.problems) > 0
    for line in lines(result):
        match = PROBLEM_LINE.fullmatch(line)
        assert match, line
        assert match["file"] == name
    for warning in result.warnings:  # the column is the file's own header text
        assert re.fullmatch(rf"{re.escape(name)}:[1-9][0-9]*: [^\n]+: warning: [^\n]+",
                            warning.format(name))


@FUZZ
@given(case_file=case_files(), xlsx=st.booleans(), native_dates=st.booleans())
def test_cases_files_all_or_nothing(db, case_file, xlsx, native_dates):
    header, rows, valid = case_file
    prefix = f"P{next(_examples)}-"  # each example's references are new to the database
    rows = [[cell.replace(cell.strip(), prefix + cell.strip(), 1) if column == "reference" and cell.strip()
             else cell for column, cell in zip(header, row, strict=True)] for row in rows]
    if xlsx:
        rows = [[cell if native_dates and isinstance(cell, datetime.date) else
                 ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell.isoformat()
                 for cell in row] for row in rows]
        header = [ILLEGAL_CHARACTERS_RE.sub("", name) for name in header]
        name = write_xlsx("cases.xlsx", ("Cases", [header, *rows]))
    else:
        rows = [[cell.isoformat() if isinstance(cell, datetime.date) else cell for cell in row] for row in rows]
        name = write_csv("cases.csv", [header, *rows])
    before = counts()
    result = run_import("cases", name)
    check_outcome(result, name, before, counts())
    event(f"valid file: {valid}, imported: {result.ok}")
    if valid:
        assert result.ok, lines(result)
        assert result.imported == len(rows)


pools = {
    "reference": st.sampled_from(["F1", "F2", "F3", " F1 ", "", "nope"]),
    "authority": st.sampled_from([SEFTON, BARNSLEY_OLD, CHRISTCHURCH, "E99999999", "", "SFT"]),
    "received": st.sampled_from(["2017-05-01", "2019-06-01", "2018-02-30", ""]),
    "decided": st.sampled_from(["2017-08-01", "2017-04-01", "2019-06-01", "1/8/2017", "2026-05-01"]),
    "code failures": st.sampled_from(["", "6.2", " 5.3; 6.1 ", "6.2;6.2", "99.1", "5.3;;", "x"]),
    "recorded": st.sampled_from(["2017-09-01", "2017-07-01", "20170901"]),
    "category": st.sampled_from([*Category.labels, "Housing > X", "Parking"]),
    "outcome": st.sampled_from([*Outcome.labels, *ComplianceResult.labels, "maybe"]),
    "remedy": st.sampled_from(["", *Remedy.labels, "cake"]),
    "year": st.sampled_from(["2023-24", "2019-20", "2023-25", "2023"]),
    "population": st.sampled_from(["250000", "1,234", "0", "12.5", "-1", "99999999"]),
    "role": st.sampled_from(["leader", "Link Officer", "mayor", ""]),
    "name": st.sampled_from(["Ann Example", "", "x" * 121]),
    "email": st.sampled_from(["", "ann@example.org", "not an address"]),
    "summary": st.sampled_from(["Mrs X complained.", "Mrs Smith complained.", "", "line\nbreak"]),
    "body": st.sampled_from(["The complaint\nMr Y complained.", "Born on 1 May 1950.", ""]),
    "publish": st.sampled_from(["yes", "no", "maybe", ""]),
}


@st.composite
def any_files(draw):
    kind = draw(st.sampled_from(KINDS))
    columns = _columns(kind)
    if draw(st.integers(0, 9)) == 0:  # now and then a required column goes missing
        columns.remove(draw(st.sampled_from(columns)))
    header = draw(st.permutations([*columns, *draw(st.lists(any_text, max_size=2))]))
    cell = st.one_of(any_text, *[pools[column] for column in columns if column in pools])
    rows = draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=10))
    rows = [[draw(pools[name]) if name in pools and draw(st.booleans()) else value
             for name, value in zip(header, row, strict=True)] for row in rows]
    return kind, header, rows


def _columns(kind):
    return {
        "cases": list(CASES_HEADER),
        "decisions": ["reference", "authority", "decided", "outcome", "remedy", "code failures"],
        "compliance": ["reference", "authority", "recorded", "outcome"],
        "population": ["authority", "year", "population"],
        "contacts": ["authority", "role", "name", "email"],
        "statements": ["reference", "authority", "decided", "category", "outcome", "summary", "body", "publish",
                       "remedy", "remedies", "service improvements"],
        "training": ["course", "audience", "date", "delivery", "place", "trainer", "organisation", "people"],
        # One column per provision of the Code besides (none here: the Code is not loaded in this test; its own
        # fuzz test is tests/imports/test_code_returns.py).
        "code-returns": ["authority", "year", "stage1_received", "stage1_in_time", "stage1_extended",
                         "stage1_upheld", "stage2_received", "stage2_in_time", "stage2_upheld", "report_url"],
    }[kind]


@FUZZ
@given(any_file=any_files())
def test_every_kind_all_or_nothing(db, any_file):
    kind, header, rows = any_file
    if not Case.objects.filter(reference="F1").exists():
        make_case("F1")
        make_case("F2", BARNSLEY_OLD)
        load_code()  # for the decisions' Code failures
    name = write_csv(f"{kind}.csv", [header, *rows])
    before = counts()
    result = run_import(kind, name)
    check_outcome(result, name, before, counts())


@FUZZ
@given(data=st.one_of(st.binary(max_size=600),
                      st.binary(max_size=400).map(lambda tail: b"reference,authority,received,category\n" + tail)),
       suffix=st.sampled_from([".csv", ".xlsx", ".CSV"]))
def test_any_bytes_at_all(db, data, suffix):
    name = write_bytes(f"cases{suffix}", data)
    before = counts()
    result = run_import("cases", name)
    check_outcome(result, name, before, counts())


@pytest.mark.parametrize("kind", KINDS)
def test_fuzz_columns_match_the_importers(db, kind):
    assert list(importer_for(kind)().parsers()) == _columns(kind)
