"""`upheld import code-returns FILE`: one row per council and year, each a new submitted (never accepted)
version of the council's return; all or nothing, problems as FILE:ROW: column: message."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.code.builders import fill
from upheld.code import lifecycle
from upheld.code.editions import Provision
from upheld.code.loading import load_code
from upheld.code.returns import ProvisionAnswer, SelfAssessment, Source, Status, Version
from upheld.imports import run_import

from .conftest import CHRISTCHURCH, SEFTON, WIRRAL, council, lines, write_csv, write_xlsx
from .test_properties import FUZZ, PROBLEM_LINE

FIGURE_COLUMNS = ["stage1_received", "stage1_in_time", "stage1_extended", "stage1_upheld", "stage2_received",
                  "stage2_in_time", "stage2_upheld"]


@pytest.fixture
def numbers(db):
    load_code()
    return list(Provision.objects.values_list("number", flat=True))


def header(numbers):
    return ["authority", "year", *FIGURE_COLUMNS, "report_url", *numbers]


def row(numbers, code=SEFTON, year="2024-25", figures=("40", "35", "3", "12", "8", "7", "2"),
        url="https://council.example/report", answers=None):
    return [code, year, *figures, url, *(answers or ["follows"] * len(numbers))]


def stored():
    return (SelfAssessment.objects.count(), Version.objects.count(), ProvisionAnswer.objects.count())


def rejected(name):
    before = stored()
    result = run_import("code-returns", name)
    assert not result.ok and result.imported == 0
    assert stored() == before
    return lines(result)


def test_a_good_file_makes_submitted_versions_never_accepted(numbers):
    answers = ["partly: an extension is not always explained", *["follows"] * (len(numbers) - 1)]
    result = run_import("code-returns", write_csv("returns.csv", [
        header(numbers), row(numbers, answers=answers), row(numbers, WIRRAL, figures=("1,200", "900", "0", "1",
                                                                                       "0", "0", "0"))]))
    assert result.ok, lines(result)
    assert result.summary.startswith("returns.csv: imported 2 returns")
    sefton = SelfAssessment.objects.get(authority=council(SEFTON), year=2024)
    version = sefton.latest_submitted()
    assert (sefton.status, sefton.accepted_version, version.number, version.source) == (
        Status.SUBMITTED, None, 1, Source.IMPORT)
    assert (version.stage1_received, version.stage2_in_time, version.report_url) == (
        40, 7, "https://council.example/report")
    first = version.answers.get(provision__number=numbers[0])
    assert (first.answer, first.explanation) == ("partly", "an extension is not always explained")
    assert version.answers.count() == len(numbers)
    assert SelfAssessment.objects.get(authority=council(WIRRAL)).latest_submitted().stage1_received == 1200
    assert not Version.objects.public().exists()

    again = run_import("code-returns", write_xlsx("again.xlsx", ("Returns", [header(numbers), row(numbers)])))
    assert again.ok, lines(again)
    assert list(sefton.submitted_versions().values_list("number", flat=True)) == [1, 2]  # a new version


def test_bad_values_name_file_row_and_column_and_write_nothing(numbers):
    unanswered = ["does not follow", *["follows"] * (len(numbers) - 2), ""]
    assert rejected(write_csv("returns.csv", [
        header(numbers),
        row(numbers, figures=("40", "41", "3", "12", "8", "7", "2")),
        row(numbers, WIRRAL, answers=unanswered),
        row(numbers, CHRISTCHURCH),
        row(numbers, SEFTON, year="2023-24"),
        row(numbers, "E99999999", url="council.example", figures=("many", "1", "0", "0", "0", "0", "0")),
    ])) == [
        "returns.csv:2: stage1_in_time: more than the stage 1 complaints received (40)",
        f"returns.csv:3: {numbers[0]}: explain in what way the council does not (fully) follow the provision",
        f"returns.csv:3: {numbers[-1]}: not answered: write follows, partly or does not follow",
        "returns.csv:4: authority: Christchurch Borough Council ceased to exist on 31 March 2019, so it has no "
        "return for 2024-25",
        "returns.csv:5: year: no returns are made for 2023-24: the Code's returns run from the first year an "
        "edition applies to, to the last year that has ended",
        "returns.csv:6: authority: unknown council 'E99999999': not a GSS code (such as E08000014) in the register",
        "returns.csv:6: stage1_received: 'many' is not a whole number",
        "returns.csv:6: report_url: 'council.example' is not a web address starting http:// or https://",
    ]


def test_an_answer_that_is_not_one_and_a_repeated_council_year(numbers):
    odd = ["sometimes", *["follows"] * (len(numbers) - 1)]
    assert rejected(write_csv("returns.csv", [header(numbers), row(numbers, answers=odd), row(numbers),
                                              row(numbers, "e08000014")])) == [
        f"returns.csv:2: {numbers[0]}: 'sometimes' is not an answer: write follows, partly or does not follow, "
        "then optionally a colon and the explanation",
        "returns.csv:3: year: same authority and year as row 2",
        "returns.csv:4: year: same authority and year as row 2",  # any code of a council is that council
    ]


def test_a_return_the_council_is_drafting_is_left_to_the_council(numbers, admin_user):
    draft = fill(lifecycle.draft(lifecycle.return_for(council(SEFTON), 2024)))
    assert rejected(write_csv("returns.csv", [header(numbers), row(numbers)])) == [
        "returns.csv:2: authority: the council is drafting version 1 of its 2024-25 return in the portal: it must "
        "submit it first"]
    lifecycle.submit(draft, admin_user)
    assert run_import("code-returns", write_csv("returns.csv", [header(numbers), row(numbers)])).ok
    assert list(Version.objects.values_list("number", "source")) == [(1, "portal"), (2, "import")]


def test_a_missing_column_is_a_header_problem(numbers):
    assert rejected(write_csv("returns.csv", [header(numbers)[:2] + header(numbers)[3:],
                                              row(numbers)[:2] + row(numbers)[3:]])) == [
        "returns.csv:1: stage1_received: required column is missing from the header"]


_files = itertools.count()
cells = {
    "authority": st.sampled_from([SEFTON, WIRRAL, CHRISTCHURCH, "e08000014", "E99999999", ""]),
    "year": st.sampled_from(["2024-25", "2025-26", "2023-24", "2030-31", "2024-26", ""]),
    "figure": st.sampled_from(["0", "3", "40", "1,200", "-1", "2.5", "x", ""]),
    "report_url": st.sampled_from(["", "https://council.example/r", "council.example", "ftp://x"]),
    "answer": st.sampled_from(["follows", "Partly follows: see plan", "partly", "does not follow: no plan",
                               "DOES NOT FOLLOW", "maybe", ""]),
}


@FUZZ
@given(rows=st.lists(st.fixed_dictionaries({
    "authority": cells["authority"], "year": cells["year"],
    "figures": st.lists(cells["figure"], min_size=7, max_size=7), "report_url": cells["report_url"],
    "answers": st.lists(cells["answer"], min_size=3, max_size=3)}), min_size=1, max_size=6), xlsx=st.booleans())
def test_any_returns_file_is_all_or_nothing(db, rows, xlsx):
    """Whatever the rows hold: success writes a version per row, failure writes nothing, every problem one line.
    (Three provisions are varied; the others are answered "follows".)"""
    load_code()
    numbers = list(Provision.objects.values_list("number", flat=True))
    table = [header(numbers), *[row(numbers, r["authority"], r["year"], r["figures"], r["report_url"],
                                    [*r["answers"], *["follows"] * (len(numbers) - 3)]) for r in rows]]
    name = f"fuzz{next(_files)}." + ("xlsx" if xlsx else "csv")
    (write_xlsx(name, ("Returns", table)) if xlsx else write_csv(name, table))
    before = stored()
    result = run_import("code-returns", name)
    if result.ok:
        assert Version.objects.count() - before[1] == result.imported == len(rows)
        assert ProvisionAnswer.objects.count() - before[2] == len(rows) * len(numbers)
        assert not Version.objects.public().exists()
    else:
        assert stored() == before and result.imported == 0
        assert result.problem_count == len(result.problems) > 0
    for line in lines(result):
        match = PROBLEM_LINE.fullmatch(line)
        assert match and match["file"] == name, line
        assert 1 <= int(match["line"]) <= len(rows) + 1
