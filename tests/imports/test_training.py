"""`upheld import training FILE`: one row per organisation at a session; sessions and courses made or matched."""

import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upheld.imports import run_import
from upheld.training.models import Attendance, Course, TrainingSession

from .conftest import BCP, CHRISTCHURCH, SEFTON, WIRRAL, council, lines, write_csv, write_xlsx
from .test_properties import FUZZ, PROBLEM_LINE

HEADER = ["course", "audience", "date", "delivery", "place", "trainer", "organisation", "people"]
GOOD = [
    ["Effective complaint handling", "councils", "2017-05-10", "in person", "Coventry", "Ann Trainer", SEFTON, "4"],
    ["Effective complaint handling", "Councils", "2017-05-10", "In Person", "Coventry", "Ann Trainer", WIRRAL, "3"],
    ["Effective  complaint handling", "councils", "2017-05-10", "in person", "Coventry", "Ann Trainer",
     "Riverside Care Homes Ltd", "2"],
    ["Complaints in adult social care", "care providers", "2018-03-31", "online", "", "Bo Trainer",
     "Riverside Care Homes Ltd", "5"],
    ["Complaints in adult social care", "care providers", "2018-04-01", "online", "", "Bo Trainer", SEFTON, "1"],
]


def training_counts():
    return (Course.objects.count(), TrainingSession.objects.count(), Attendance.objects.count())


def rejected_training(name):
    """Import a bad file: it fails, every table is as it was, and its problem lines are returned."""
    before = training_counts()
    result = run_import("training", name)
    assert not result.ok and result.imported == 0
    assert training_counts() == before
    return lines(result)


def test_a_good_file_creates_courses_sessions_and_attendance(db):
    result = run_import("training", write_csv("training.csv", [HEADER, *GOOD]))
    assert result.ok, lines(result)
    assert result.summary.startswith("training.csv: imported 5 attendances")
    assert training_counts() == (2, 3, 5)
    session = TrainingSession.objects.get(date=datetime.date(2017, 5, 10))
    assert (session.course.audience, session.delivery, session.place, session.trainer) == (
        "councils", "in person", "Coventry", "Ann Trainer")
    assert sorted((a.organisation_name, a.people) for a in session.attendances.all()) == [
        ("Riverside Care Homes Ltd", 2), ("Sefton Metropolitan Borough Council", 4),
        ("Wirral Borough Council", 3)]
    online = TrainingSession.objects.get(date=datetime.date(2018, 3, 31))
    assert (online.delivery, online.place) == ("online", "")


def test_xlsx_and_a_later_file_adds_to_the_stored_session(db):
    run_import("training", write_csv("first.csv", [HEADER, GOOD[0]]))
    dated = [*GOOD[2][:2], datetime.date(2017, 5, 10), *GOOD[2][3:]]  # a date cell
    result = run_import("training", write_xlsx("later.xlsx", ("Training", [HEADER, GOOD[1], dated])))
    assert result.ok, lines(result)
    assert training_counts() == (1, 1, 3)


def test_bad_values_name_file_row_and_column_and_write_nothing(db):
    course = ["Effective complaint handling", "councils"]
    session = ["2017-05-10", "in person", "Coventry", "Ann Trainer"]
    rows = [
        [*course, *session, SEFTON, "4"],
        ["", "councils", *session, "Org 3", "3"],
        [course[0], "everyone", *session, "Org 4", "3"],
        [*course, "10/05/2017", *session[1:], "Org 5", "3"],
        [*course, "2999-05-10", *session[1:], "Org 6", "3"],
        [*course, session[0], "by pigeon", *session[2:], "Org 7", "3"],
        [*course, "2017-05-11", "in person", "", "Ann Trainer", "Org 8", "3"],
        [*course, *session[:3], "", "Org 9", "3"],
        [*course, *session, "E99999999", "3"],
        [*course, *session, "Org 11", "0"],
        [*course, *session, "Org 12", "2.5"],
        [*course, *session, "Org 13", "5000"],
        [*course, *session, SEFTON, "1"],
        [course[0], "care providers", "2017-06-01", "online", "", "Ann Trainer", "Org 15", "1"],
        [*course, session[0], "online", *session[2:], BCP, "1"],
        [*course, "2020-05-10", "online", "", "Ann Trainer", CHRISTCHURCH, "1"],
        [*course, *session, "x" * 151, "1"],
        [*course, *session, " Org  4 ", "1"],
    ]
    assert rejected_training(write_csv("training.csv", [HEADER, *rows])) == [
        "training.csv:3: course: a value is required",
        "training.csv:4: audience: unknown audience 'everyone'; expected one of: councils; care providers; councillors",
        "training.csv:5: date: '10/05/2017' is not a date in the form YYYY-MM-DD",
        "training.csv:6: date: 2999-05-10 is in the future",
        "training.csv:7: delivery: unknown delivery 'by pigeon'; expected one of: online; in person",
        "training.csv:8: place: a session in person needs the place it was held",
        "training.csv:9: trainer: a value is required",
        "training.csv:10: organisation: unknown council 'E99999999': not a GSS code (such as E08000014) "
        "in the register",
        "training.csv:11: people: must be at least 1",
        "training.csv:12: people: '2.5' is not a whole number of people",
        "training.csv:13: people: 5,000 is more than 1,000 people from one organisation at one session",
        "training.csv:14: organisation: same course and date and place and trainer and organisation as row 2",
        "training.csv:15: audience: course 'Effective complaint handling' is for councils "
        "(as stored, or as an earlier row says)",
        "training.csv:16: delivery: that session was in person (as stored, or as an earlier row says)",
        "training.csv:16: organisation: Bournemouth, Christchurch and Poole Council did not exist until 1 April 2019",
        "training.csv:17: organisation: Christchurch Borough Council ceased to exist on 31 March 2019",
        "training.csv:18: organisation: too long: 151 characters, at most 150",
        "training.csv:19: organisation: same course and date and place and trainer and organisation as row 4",
    ]


def test_attendance_already_in_the_database_is_a_problem(db):
    run_import("training", write_csv("first.csv", [HEADER, GOOD[0], GOOD[3]]))
    stored = training_counts()
    assert rejected_training(write_csv("again.csv", [HEADER, GOOD[1], [*GOOD[0][:7], "9"], GOOD[3]])) == [
        "again.csv:3: organisation: this organisation's attendance at that session is already recorded",
        "again.csv:4: organisation: this organisation's attendance at that session is already recorded",
    ]
    assert training_counts() == stored
    course = Course.objects.get(title="Effective complaint handling")
    course.audience = "councillors"
    course.save()
    assert rejected_training(write_csv("audience.csv", [HEADER, GOOD[1]])) == [
        "audience.csv:2: audience: course 'Effective complaint handling' is for councillors "
        "(as stored, or as an earlier row says)"]


def test_a_missing_column_is_a_header_problem(db):
    assert rejected_training(write_csv("training.csv", [HEADER[:-1], GOOD[0][:-1]])) == [
        "training.csv:1: people: required column is missing from the header"]


_files = itertools.count()
cells = {
    "course": st.sampled_from(["Good complaint handling", "Care complaints", " Care  complaints ", ""]),
    "audience": st.sampled_from(["councils", "care providers", "Councillors", "all", ""]),
    "date": st.sampled_from(["2017-05-10", "2019-03-31", "2019-04-01", "2017-02-30", "2999-01-01", ""]),
    "delivery": st.sampled_from(["online", "in person", "In Person", "post"]),
    "place": st.sampled_from(["", "Leeds", "x" * 151]),
    "trainer": st.sampled_from(["Ann", "Bo", ""]),
    "organisation": st.sampled_from([SEFTON, WIRRAL, CHRISTCHURCH, BCP, "e08000014", "E99999999", "Care Co", ""]),
    "people": st.sampled_from(["1", "12", "0", "-3", "1,000", "1001", "many", ""]),
}


@FUZZ
@given(rows=st.lists(st.fixed_dictionaries(cells), min_size=1, max_size=8), xlsx=st.booleans())
def test_any_training_file_is_all_or_nothing(db, rows, xlsx):
    """Whatever the rows hold: success writes every row, failure writes nothing, and every problem is one line."""
    table = [HEADER, *[[row[column] for column in HEADER] for row in rows]]
    name = f"fuzz{next(_files)}." + ("xlsx" if xlsx else "csv")
    (write_xlsx(name, ("Training", table)) if xlsx else write_csv(name, table))
    before_attendance = Attendance.objects.count()
    before = training_counts()
    result = run_import("training", name)
    if result.ok:
        assert Attendance.objects.count() - before_attendance == result.imported == len(rows)
    else:
        assert training_counts() == before and result.imported == 0
        assert result.problem_count == len(result.problems) > 0
    for line in lines(result):
        match = PROBLEM_LINE.fullmatch(line)
        assert match and match["file"] == name, line
        assert 2 <= int(match["line"]) <= len(rows) + 1


@pytest.mark.parametrize("code", [SEFTON, "e08000014"])
def test_a_council_is_named_by_its_gss_code_in_any_case(db, code):
    row = [*GOOD[0][:6], code, "2"]
    assert run_import("training", write_csv("training.csv", [HEADER, row])).ok
    assert Attendance.objects.get().authority == council(SEFTON)
