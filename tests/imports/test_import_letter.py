"""`upheld import-letter`: a published 2014-15 to 2017-18 letter read back into figures, checked, and
kept as a council's history where no case-level records or published figures exist."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import Y2017, build_sefton_2017_18, decide
from tests.publication.page_reader import get_page
from upheld.audit.models import Action, AuditEvent
from upheld.casework.vocabulary import Outcome, Remedy
from upheld.imports.letters import NOT_IN_LETTER, content_lines, parse_letter
from upheld.imports.problems import BadFile
from upheld.releases.freezing import schedule_release
from upheld.releases.models import LetterHistory
from upheld.years import ReportingYear

from .conftest import SEFTON, council

REFERENCE = Path(__file__).parent / "data" / "annual-review-letter-2018-sefton.txt"
LETTER = REFERENCE.read_text()
FUZZ = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def call(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import-letter", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args) -> tuple[str, str]:
    """The error and the problem lines of a letter the command turns down."""
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import-letter", *map(str, args), stdout=io.StringIO(), stderr=err)
    return str(caught.value), err.getvalue()


def letter_file(text: str, name: str = "letter.txt") -> str:
    Path(name).write_text(text)
    return name


def stats_json(year: str = "2017-18") -> dict:
    out = io.StringIO()
    call_command("stats", "--year", year, "--authority", SEFTON, "--json", stdout=out)
    return json.loads(out.getvalue())


def without(record: dict, keys) -> dict:
    return {key: value for key, value in record.items() if key not in keys}


# The reference letter ---------------------------------------------------------------------------------------

def test_reference_letter_gives_exactly_the_figures_of_upheld_stats(db):
    build_sefton_2017_18(council(SEFTON))
    out, _ = call(REFERENCE, "--json")
    from_letter = json.loads(out)
    assert from_letter["authority"] == {"gss": SEFTON, "name": "Sefton Metropolitan Borough Council",
                                        "type": "Metropolitan Boroughs"}
    assert from_letter["year"] == "2017-18"
    assert from_letter["received"]["Adult Care Services"] == 19 and from_letter["received"]["Total"] == 59
    assert from_letter["decisions"]["Referred back for Local Resolution"] == 24
    assert from_letter["uphold_rate"] == 57
    assert from_letter["remedied"] == {"by ombudsman": 10, "satisfactory by authority": 0}
    # Every key the letter carries has the value `upheld stats` computes from the case-level records.
    assert without(from_letter, NOT_IN_LETTER) == without(stats_json(), NOT_IN_LETTER)
    # The rest keeps the shape of `upheld stats --json`, with nothing but nulls.
    assert from_letter["compliance"] == {"outcomes": None, "complied": None, "rate": None}
    assert from_letter["population"] == {"value": None, "basis": None}
    assert from_letter["upheld_per_100k"] is None
    assert set(from_letter["similar_authorities"].values()) == {None}
    assert list(from_letter) == list(stats_json())


def test_summary_for_a_person(db):
    out, err = call(REFERENCE)
    assert out.startswith("annual-review-letter-2018-sefton.txt: the 2017-18 annual review letter for Sefton "
                          "Metropolitan Borough Council (E08000014); its totals and uphold rate check out.")
    assert "Adult Care Services 19" in out and "Total 59" in out and "Upheld 12, Total 63" in out
    assert "uphold rate 57% of 21 detailed investigations" in out
    assert "remedied by the Ombudsman 10, satisfactorily by the authority 0" in out
    assert err == ""
    assert not LetterHistory.objects.exists()  # nothing kept without --save


def test_letter_pdf_from_our_own_renderer_reads_back_the_same(db):
    build_sefton_2017_18(council(SEFTON))
    call_command("letters", "--year", "2017-18", "--authority", SEFTON, "--format", "pdf", "--out", "out",
                 "--no-progress", stdout=io.StringIO())
    pdf, = Path("out").glob("*.pdf")
    from_pdf = json.loads(call(pdf, "--json")[0])
    assert from_pdf == json.loads(call(REFERENCE, "--json")[0])
    assert without(from_pdf, NOT_IN_LETTER) == without(stats_json(), NOT_IN_LETTER)


def test_page_furniture_wraps_and_heading_mangling_do_not_matter():
    """Footers, headers and form feeds between the tables, a row wrapped over two lines, the report heading
    split over lines, "57 %" with a space: the same figures as the reference letter."""
    untidy = (LETTER
              .replace("Local Authority Report:Sefton Metropolitan Borough CouncilFor the Period Ending:31/03/2018",
                       "Local Authority Report: Sefton Metropolitan\nBorough Council\n\nFor the Period Ending: "
                       "31/03/2018")
              .replace("Complaints and enquiries received", "Page 2 of 3\n\n3\n\fComplaints  and enquiries received")
              .replace("19\t6\t6\t14\t2\t4\t1\t6\t1\t59", "19\t6\t6\t14\t2\n4\t1\t6\t1\t59")
              .replace("57%", "57 %")
              .replace("Notes\t", "\f4\nLocal Government & Social Care OMBUDSMAN\nNotes\t"))
    assert parse_letter(untidy) == parse_letter(LETTER)


def test_page_numbers_are_dropped_but_not_figures():
    lines = [text for _, text in content_lines("Intro\n\n7\n\fNext page\n12 3\n- 2 -\n\fPage 3 of 3\nEnd\n5\n")]
    assert lines == ["Intro", "Next page", "12 3", "End"]


# Letters that do not add up, or are not letters ------------------------------------------------------------

@pytest.mark.parametrize(("change", "line", "problem"), [
    (("\t1\t59", "\t1\t58"), 52, "received: Total is 58 but the nine categories add up to 59"),
    (("\t57%\t63", "\t57%\t64"), 56, "decisions made: Total is 64 but the six outcomes add up to 63"),
    (("\t57%", "\t58%"), 56, "decisions made: the uphold rate is printed as 58% but 12 upheld of 21 detailed "
                             "investigations is 57%"),
    (("\t57%", "\t-"), 56, "decisions made: the uphold rate is printed as - but 12 upheld of 21 detailed "
                           "investigations is 57%"),
    (("10\t0", "10\t3"), 59, "remedied: 13 complaints remedied, but only 12 upheld: a remedy counts upheld "
                             "decisions only"),
    (("10\t0", "10\t0\t7"), 59, "remedied: expected a row of 2 figures (remedied by the Ombudsman and "
                                 "satisfactorily by the authority) in the report; found a row of 3: 10 0 7"),
    (("10\t0", "Remedied"), 59, "remedied: expected a row of 2 figures (remedied by the Ombudsman and "
                                "satisfactorily by the authority) in the report; found no more rows"),
    (("\t6\t1\t59", "\t6\t59"), 52, "received: expected a row of 10 figures (nine categories and Total) in the "
                                    "report; found a row of 9: 19 6 6 14 2 4 1 6 59"),
    (("31/03/2018", "30/06/2018"), 45, "(file): the period ends on 30/06/2018, not on 31 March"),
    (("31/03/2018", "31/03/2019"), 45, "(file): this is a letter for 2018-19: only the tables of the 2014-15 to "
                                       "2017-18 letters can be read"),
    (("year ended 31 March 2018", "year ended 31 March 2017"), 13, "(file): the letter speaks of the year ended "
                                                                   "31 March 2017, but its report is for the period "
                                                                   "ending 31/03/2018"),
    (("Local Authority Report", "Report"), 1, "(file): no 'Local Authority Report: … For the Period Ending: …' "
                                              "heading"),
])
def test_a_letter_that_disagrees_with_itself_is_refused(db, change, line, problem):
    name = letter_file(LETTER.replace(*change))
    error, lines = refused(name, "--save")
    assert error == f"{name}: 1 problem; nothing imported"
    assert lines.startswith(f"{name}:{line}: {problem}")
    assert not LetterHistory.objects.exists()


def test_every_disagreement_is_listed(db):
    name = letter_file(LETTER.replace("\t1\t59", "\t1\t60").replace("\t57%\t63", "\t50%\t61"))
    error, lines = refused(name)
    assert error == f"{name}: 3 problems; nothing imported"
    assert [line.split(": ")[1] for line in lines.splitlines()] == ["received", "decisions made", "decisions made"]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "no 'Local Authority Report"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "neither a PDF nor text"),
    (LETTER.encode()[:2000] + b"\xff\xfe", "the text is not UTF-8"),
    (b"%PDF-1.7\nnot really a pdf", "cannot read the PDF"),
])
def test_what_is_not_a_letter_gets_a_clear_error(db, content, message):
    Path("letter.pdf").write_bytes(content)
    error, lines = refused("letter.pdf")
    assert error == "letter.pdf: 1 problem; nothing imported"
    assert lines.startswith("letter.pdf:") and message in lines


def test_no_file_and_unknown_council(db):
    assert refused("missing.txt")[0] == "missing.txt: no such file"
    Path("folder").mkdir()
    assert refused("folder")[0] == "folder: is a folder, not a letter"
    name = letter_file(LETTER.replace("Report:Sefton Metropolitan", "Report:Seftonshire Metropolitan"))
    assert refused(name)[0] == (f"{name}: no council of 2017-18 in the register is named 'Seftonshire Metropolitan "
                                "Borough Council' (the name in the report heading); has `upheld setup` loaded "
                                "the register?")


def test_a_council_found_by_short_name_and_its_own_year(db):
    """Somerset is the short name of the county (to 2022-23) and of its successor: the year decides."""
    name = letter_file(LETTER.replace("Report:Sefton Metropolitan Borough Council", "Report:Somerset"))
    assert json.loads(call(name, "--json")[0])["authority"]["name"] == "Somerset County Council"


def test_without_pdftotext_a_pdf_gets_a_clear_error(db, monkeypatch):
    Path("letter.pdf").write_bytes(b"%PDF-1.7\n")
    monkeypatch.setenv("PATH", os.getcwd())  # a folder without pdftotext
    error, _ = refused("letter.pdf")
    assert error.startswith("letter.pdf: reading a PDF needs pdftotext from poppler-utils, which is not installed")


def test_2014_15_letter_has_no_remedied_table(db):
    """A 2014-15 letter ends with the decisions table: its remedied figures are null, not zero."""
    name = letter_file(LETTER.replace("31 March 2018", "31 March 2015").replace("31/03/2018", "31/03/2015")
                       .replace("10\t0", ""))
    from_letter = json.loads(call(name, "--json")[0])
    assert from_letter["year"] == "2014-15"
    assert from_letter["remedied"] == {"by ombudsman": None, "satisfactory by authority": None}
    assert from_letter["satisfactory_remedy_rate"] is None
    assert from_letter["uphold_rate"] == 57


def test_exit_status_and_no_traceback_from_the_console_script(tmp_path):
    name = letter_file(LETTER.replace("\t1\t59", "\t1\t58"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}", "UPHELD_VAR_DIR": str(tmp_path)}
    done = subprocess.run([Path(sys.executable).with_name("upheld"), "import-letter", name], capture_output=True,
                          text=True, env=env, check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"{name}:52: received: Total is 58 but the nine categories add up to 59",
                                        f"CommandError: {name}: 1 problem; nothing imported"]


# Fuzzing: garbage in, a clear error out --------------------------------------------------------------------

@FUZZ
@given(st.text(max_size=3000))
def test_any_text_is_read_or_refused_with_problems(text):
    try:
        figures = parse_letter(text)
    except BadFile as error:
        assert error.problems and all(problem.line >= 1 and problem.message for problem in error.problems)
    else:
        assert sum(figures.received.values()) == figures.received_total


@FUZZ
@given(st.data())
def test_a_damaged_letter_is_read_correctly_or_refused(data):
    """Lines of the reference letter dropped, repeated or garbled: either the figures still check out, or
    the problems say why not."""
    lines = LETTER.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "repeat", "garble", "form feed"]))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "garble":
            lines[at] = data.draw(st.text(alphabet="0123456789 \t%-/:,.abcLRPFfor", max_size=40))
        else:
            lines[at] = "\f" + lines[at]
    try:
        figures = parse_letter("\n".join(lines))
    except BadFile as error:
        assert error.problems
    else:
        assert sum(figures.received.values()) == figures.received_total
        assert sum(figures.decisions.values()) == figures.decisions_total


@FUZZ
@given(st.binary(max_size=600))
def test_any_bytes_through_the_command_end_in_a_command_error(db, content):
    Path("fuzz.txt").write_bytes(content)
    with pytest.raises(CommandError):
        call_command("import-letter", "fuzz.txt", stdout=io.StringIO(), stderr=io.StringIO())


# Saving the history --------------------------------------------------------------------------------------------

def test_save_keeps_the_history_and_audits_it(db):
    _, err = call(REFERENCE, "--save")
    assert err.strip() == (f"{REFERENCE}: saved as Sefton Metropolitan Borough Council's 2017-18 history, from "
                           "the published letter")
    history = LetterHistory.objects.get()
    assert (history.authority.gss, history.reporting_year, history.source_name) == \
        (SEFTON, Y2017, REFERENCE.name)
    assert len(history.sha256) == 64
    figures = history.council_year()
    assert (figures.received_total, figures.decisions_total, figures.uphold_rate.display()) == (59, 63, "57%")
    event = AuditEvent.objects.get(action=Action.IMPORT)
    assert event.source == "command import-letter" and event.object_type == "releases.letterhistory"
    assert event.authority_id == history.authority_id and event.after["sha256"] == history.sha256
    # Saving again (a corrected file) replaces it, and says what it replaced.
    name = letter_file(LETTER + "\n")
    call(name, "--save")
    assert LetterHistory.objects.get().source_name == name
    assert AuditEvent.objects.filter(action=Action.IMPORT).latest("id").before["sha256"] == history.sha256


def test_save_refused_over_case_level_records(db):
    decide(council(SEFTON), ReportingYear(2017).first_day, ReportingYear(2017).last_day, Outcome.UPHELD,
           Remedy.BY_OMBUDSMAN)
    error, _ = refused(REFERENCE, "--save")
    assert error == (f"{REFERENCE}: Sefton Metropolitan Borough Council has case-level records in 2017-18: its "
                     "figures for that year come from them, so the letter was not saved")
    assert not LetterHistory.objects.exists()


def test_save_refused_over_published_figures(db):
    schedule_release(Y2017)  # Sefton existed, so its (empty) figures are in the release
    error, _ = refused(REFERENCE, "--save")
    assert "2017-18 has published figures for Sefton Metropolitan Borough Council" in error
    assert not LetterHistory.objects.exists()


def test_council_trend_shows_the_letter_year_marked(client, db):
    """Sefton has published figures for 2018-19 only; its 2017-18 letter fills the year before."""
    sefton = council(SEFTON)
    decide(sefton, ReportingYear(2018).first_day, ReportingYear(2018).last_day, Outcome.NOT_UPHELD)
    call(REFERENCE, "--save")
    schedule_release(ReportingYear(2018))
    page = get_page(client, "/councils/sefton/")
    rows = page.rows("Sefton each year")
    assert [row[0] for row in rows] == ["2017-18 (from the published letter)", "2018-19"]
    assert rows[0][1:6] == ["59", "63", "21", "12", "57%"]
    assert rows[0][7] == "-"  # no average for similar authorities from a letter
    assert "/councils/sefton/2017-18/" not in page.links  # the year has no page of its own
    assert 'Years marked "from the published letter"' in page.text
    assert page.html.count("<title>Sefton, 20") == 2
    get_page(client, "/councils/sefton/2017-18/", status=404)
