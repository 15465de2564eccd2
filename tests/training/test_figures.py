"""The training figures: one definition (`upheld.stats.training`), and which figures the letters print."""

import datetime

from tests.training.conftest import D, council, session
from upheld.letters.batch import letters_for
from upheld.letters.models import TrainingYear
from upheld.stats.training import AttendanceRow, TrainingFigures, council_uptake, training_figures, year_training
from upheld.training.figures import year_figures
from upheld.years import ReportingYear

Y2016, Y2017, Y2018 = ReportingYear(2016), ReportingYear(2017), ReportingYear(2018)
SEFTON, WIRRAL = "E08000014", "E08000015"


def test_figures_from_rows():
    rows = [AttendanceRow(1, 10, 5, 3), AttendanceRow(1, 10, None, 2), AttendanceRow(2, 10, 5, 1),
            AttendanceRow(3, 11, 6, 4)]
    assert training_figures(rows) == training_figures(reversed(rows))
    figures = training_figures(rows)
    assert (figures.sessions, figures.courses, figures.people_trained, figures.councils_reached) == (3, 2, 10, 2)
    assert figures.courses_delivered == 3  # the letters' "courses" are sessions
    assert training_figures([]).sessions == 0
    uptake = council_uptake(rows)
    assert (uptake[5].sessions, uptake[5].people_trained) == (2, 4)  # the care provider's 2 are nobody's council
    assert set(uptake) == {5, 6}


def test_the_year_runs_from_1_april_to_31_march(db):
    sefton, wirral = council(SEFTON), council(WIRRAL)
    session("A", D(2017, 3, 31), (sefton, 1))
    session("A", D(2017, 4, 1), (sefton, 2), ("Care Co", 5))
    session("B", D(2018, 3, 31), (wirral, 3), (sefton, 1))
    session("B", D(2018, 4, 1), (wirral, 7))
    assert year_training(Y2016, as_of=D(2025, 1, 1)).people_trained == 1
    figures = year_training(Y2017, as_of=D(2025, 1, 1))
    assert (figures.sessions, figures.courses, figures.people_trained, figures.councils_reached) == (2, 2, 11, 2)
    assert year_training(Y2018, as_of=D(2025, 1, 1)).people_trained == 7


def test_a_session_counts_once_held_and_attended(db):
    session("Planned, nobody recorded", D(2017, 6, 1))
    session("Held", D(2017, 6, 2), (council(SEFTON), 4))
    assert year_training(Y2017, as_of=D(2017, 6, 1)).sessions == 0
    figures = year_training(Y2017, as_of=D(2017, 6, 2))
    assert (figures.sessions, figures.people_trained) == (1, 4)
    assert year_training(Y2017, as_of=D(2030, 1, 1)).sessions == 1


def test_recorded_sessions_replace_the_entered_totals(db):
    entered = TrainingYear.objects.get(year=2017)
    assert year_figures(Y2017) == TrainingFigures(
        sessions=entered.courses_delivered, courses=None, people_trained=entered.people_trained,
        councils_reached=None)
    assert year_figures(Y2016) is None
    session("Held", D(2017, 6, 2), (council(SEFTON), 4), ("Care Co", 3))
    recorded = year_figures(Y2017)
    assert (recorded.sessions, recorded.people_trained, recorded.councils_reached) == (1, 7, 1)


def _training_paragraph(year):
    (letter, _), = letters_for(year, SEFTON)
    return next(block.text for block in letter.body if block.text.startswith("We offer training"))


def test_the_letter_prints_the_programmes_figures_once_sessions_are_recorded(db):
    assert "In 2017-18 we delivered 58 courses, training 800 people." in _training_paragraph(Y2017)
    session("Held", D(2017, 6, 2), (council(SEFTON), 4), ("Care Co", 3))
    session("Held", D(2018, 1, 9), (council(WIRRAL), 1))
    assert "In 2017-18 we delivered 2 courses, training 8 people." in _training_paragraph(Y2017)


def test_the_national_review_shows_the_years_training(client, released_2017_18):
    session("Held", D(2017, 6, 2), (council(SEFTON), 4), (council(WIRRAL), 2), ("Care Co", 3))
    page = client.get("/national/2017-18/").content.decode()
    assert "Complaint-handling training" in page
    assert ('Courses delivered in <span class="upheld-year">2017-18</span></dt>'
            '<dd class="govuk-summary-list__value">1<') in page
    assert "People trained</dt><dd class=\"govuk-summary-list__value\">9<" in page
    assert "Councils that sent staff or councillors</dt><dd class=\"govuk-summary-list__value\">2<" in page


def test_the_national_review_shows_entered_totals_without_councils_reached(client, released_2017_18):
    page = client.get("/national/2017-18/").content.decode()
    assert "People trained</dt><dd class=\"govuk-summary-list__value\">800<" in page
    assert "Councils that sent" not in page


def test_figures_take_one_query(db, django_assert_num_queries):
    session("Held", D(2017, 6, 2), (council(SEFTON), 4))
    with django_assert_num_queries(1):
        year_training(Y2017, as_of=datetime.date(2020, 1, 1))
