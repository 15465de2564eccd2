"""What a letter says: its figures agree with `upheld stats --json`, its merge fields and copy list."""

import importlib
import re

import pytest
from django.apps import apps

from tests.letters.conftest import CONTACTS, SEFTON
from upheld.letters.batch import letters_for
from upheld.letters.defaults import MEASURES as MEASURES_TEXT
from upheld.letters.formats import in_words
from upheld.letters.models import LetterText, TrainingYear
from upheld.letters.reports import Table
from upheld.letters.spreadsheets import fetch_case_rows
from upheld.stats.annual import council_json, year_statistics
from upheld.stats.registry import MEASURES
from upheld.years import ReportingYear

Y2017, Y2023 = ReportingYear(2017), ReportingYear(2023)


def rate(percent):
    return "-" if percent is None else f"{percent}%"


def per_100k(value):
    return "-" if value is None else f"{value:.1f}"


def tables(letter) -> dict[str, list[list[str]]]:
    return {part.caption: part.body_texts() for part in letter.report.parts if isinstance(part, Table)}


def sefton_letter(year):
    (letter, _), = letters_for(year, SEFTON)
    return letter


def test_sefton_2017_18_tables_are_the_reference_letters(sefton_2017):
    letter = sefton_letter(Y2017)
    assert letter.report.heading == "Local Authority Report: Sefton Metropolitan Borough Council"
    assert letter.report.subheading == "For the Period Ending: 31/03/2018"
    assert tables(letter) == {
        "Complaints and enquiries received": [["19", "6", "6", "14", "2", "4", "1", "6", "1", "59"]],
        "Decisions made": [["4", "0", "24", "14", "9", "12", "57%", "63"]],
        "Complaints remedied": [["10", "0"]],
    }


def test_no_remedied_table_before_2015_16(db):
    letter = sefton_letter(ReportingYear(2014))
    assert list(tables(letter)) == ["Complaints and enquiries received", "Decisions made"]


def _expected_tables(record: dict) -> dict[str, list[list[str]]]:
    """What the letter must print, written from the JSON that `upheld stats --json` prints."""
    if record["year"] <= "2017-18":
        expected = {
            "Complaints and enquiries received": [[f"{n:,}" for n in record["received"].values()]],
            "Decisions made": [[*(f"{n:,}" for n in list(record["decisions"].values())[:-1]),
                                rate(record["uphold_rate"]), f"{record['decisions']['Total']:,}"]],
        }
        if record["year"] >= "2015-16":
            expected["Complaints remedied"] = [[f"{n:,}" for n in record["remedied"].values()]]
        return expected
    similar = record["similar_authorities"]
    return {
        "Complaints and enquiries dealt with": [[f"{n:,}" for n in record["overview"].values()]],
        "Key measures": [
            [rate(record["uphold_rate"]), rate(similar["uphold_rate"])],
            [per_100k(record["upheld_per_100k"]), per_100k(similar["upheld_per_100k"])],
            [rate(record["compliance"]["rate"]), rate(similar["compliance_rate"])],
            [rate(record["satisfactory_remedy_rate"]), rate(similar["satisfactory_remedy_rate"])],
        ],
    }


@pytest.mark.parametrize("year", [Y2017, Y2023])
def test_every_councils_letter_agrees_with_stats_json_to_the_digit(sefton_2017, year_2023, year):
    statistics = year_statistics(year)
    records = {council.authority.gss: council_json(statistics, council) for council in statistics.councils}
    letters = letters_for(year)
    assert len(letters) == len(records) > 300
    for letter, _ in letters:
        printed = tables(letter)
        if "Key measures" in printed:
            printed["Key measures"] = [row[1:3] for row in printed["Key measures"]]
        assert printed == _expected_tables(records[letter.gss]), letter.gss


def test_measures_state_their_base_and_the_similar_authorities(year_2023):
    letter = sefton_letter(Y2023)
    measures = next(part for part in letter.report.parts if isinstance(part, Table) and part.caption == "Key measures")
    assert [cell.text for cell in measures.head[0]] == [
        "Measure", "Sefton", "Average for similar authorities (Metropolitan Boroughs)", "Base"]
    # The registry's words, as on the council page; every base here is under 10 cases, so each is marked.
    period = "between 1 April 2023 and 31 March 2024. Too few cases to compare: fewer than 10"
    assert measures.body_texts() == [
        # Sefton 7 of 8 and Wirral 2 of 5 investigations upheld: pooled 9 of 13 = 69%.
        ["Complaints upheld", "88%", "69%", f"Based on 8 detailed investigations {period} detailed investigations"],
        ["Upheld decisions per 100,000 residents", "2.5", "0.1",
         "Based on 7 upheld decisions and a population of 279,000 (2023-24 estimate). Too few cases to compare: "
         "fewer than 10 upheld decisions"],
        ["Compliance with recommendations", "100%", "86%", f"Based on 6 compliance outcomes {period} compliance "
         "outcomes"],
        ["Satisfactory remedy provided by the council", "14%", "11%", f"Based on 7 upheld decisions {period} upheld "
         "decisions"],
    ]
    assert tables(letter)["Complaints and enquiries dealt with"] == [["11", "2", "1", "8"]]


def test_merge_fields_address_and_copy_list(sefton_2017):
    letter = sefton_letter(Y2017)
    assert letter.recipient == ("Alex Example", "Chief Executive", "Sefton Metropolitan Borough Council")
    assert letter.salutation == "Dear Alex Example,"
    assert letter.subject == "Annual review letter 2018"
    assert letter.title == "Annual review letter 2018: Sefton Metropolitan Borough Council"
    assert letter.date_text == "18 July 2018"
    body = " ".join(block.text for block in letter.body)
    assert "in the year from 1 April 2017 to 31 March 2018" in body
    assert "we upheld 12 of the 21 complaints about Sefton Metropolitan Borough Council" in body
    assert "In 2017-18 we delivered 58 courses, training 800 people." in body
    assert "{" not in body and "%" not in body.replace("57%", "")
    assert [block.text for block in letter.body if block.heading][0] == "Complaint statistics"
    assert letter.signatory == ("Michael King", "Local Government and Social Care Ombudsman",
                                "Chair, Commission for Local Administration in England")
    assert letter.copies == tuple(f"{name}, {role.label}" for role, name in CONTACTS.items()
                                  if role != "chief executive")
    assert letter.filename("pdf") == "E08000014-sefton-2017-18.pdf"


def test_staff_choices_shape_the_letter(sefton_2017):
    text = LetterText.objects.get(year=2017)
    text.list_copies = False
    text.signatory_name = ""
    text.subject = "Review of {{ council_short }} for {{ year }}"
    text.body = "## About {{ council_short }}\n\nUpheld: {{ upheld }}.\nRate: {{ uphold_rate }}."
    text.save()
    TrainingYear.objects.filter(year=2017).delete()
    letter = sefton_letter(Y2017)
    assert letter.copies == ()
    assert letter.signatory[0] == "Local Government and Social Care Ombudsman"
    assert letter.subject == "Review of Sefton for 2017-18"
    assert [(block.text, block.heading) for block in letter.body] == [
        ("About Sefton", True), ("Upheld: 12. Rate: 57%.", False)]


def test_training_paragraph_without_figures(db):
    letter = sefton_letter(ReportingYear(2016))
    training = next(block.text for block in letter.body if block.text.startswith("We offer training"))
    assert "courses" not in training and "None" not in training
    assert training.startswith("We offer training in good complaint handling to councils and to independent care "
                               "providers. We also support")


def test_no_chief_executive_on_record(db):
    letter = sefton_letter(Y2017)
    assert letter.salutation == "Dear Chief Executive,"
    assert letter.recipient == ("The Chief Executive", "Sefton Metropolitan Borough Council")
    assert letter.copies == ()


def test_a_default_text_for_every_year_from_2014_15(db):
    texts = LetterText.objects.all()
    assert [text.year for text in texts] == list(range(2014, 2026))
    for text in texts:
        text.full_clean()
    assert TrainingYear.objects.get(year=2017).people_trained == 800


def test_a_years_letters_and_spreadsheet_rows_in_a_fixed_number_of_queries(year_2023,
                                                                            django_assert_max_num_queries):
    # 16: the training figures take two (the programme's sessions, else the totals entered for the year), one
    # asks whether the year's letters were issued with frozen figures, one counts the Code failures and one asks
    # whether the year has self-assessment returns (`published_returns`: one more for them when it has).
    with django_assert_max_num_queries(16):
        letters = letters_for(Y2023)
        rows = fetch_case_rows(Y2023)
    assert len(letters) > 300
    sefton_id = next(authority_id for letter, authority_id in letters if letter.gss == SEFTON)
    assert len(rows[sefton_id].decided) == 11


def measures_named(letter) -> list:
    """The measures of the registry that the letter's statistics page names in its tables' header cells."""
    headers = {cell.text.lower() for part in letter.report.parts if isinstance(part, Table)
               for row in part.head + part.body for cell in row if cell.header}
    return [measure for measure in MEASURES if {measure.label.lower(), measure.short_label.lower()} & headers]


@pytest.mark.parametrize("year", [ReportingYear(start) for start in range(2014, 2026)], ids=str)
def test_every_measure_the_letter_names_is_described_in_its_words(sefton_2017, year_2023, year):
    """Every layout's letter, as shipped: each measure its tables name is described in the registry's words, and
    from 2018-19 a sentence saying how many measures the letter reports counts them all and says what each means."""
    letter = sefton_letter(year)
    named = measures_named(letter)
    assert named, "the statistics page names no measure"
    text = " ".join(block.text for block in (*letter.body, *letter.report.parts) if not isinstance(block, Table))
    for measure in named:
        assert measure.description.lower() in text.lower(), measure.key
    sentences = re.findall(r"reports (\w+) measures([^.]*)\.", text)
    assert len(sentences) == (year.start_year >= 2018)
    for count, sentence in sentences:
        assert count == in_words(len(named))
        for measure in named:
            assert f"{measure.label} ({measure.meaning})".lower() in sentence.lower(), measure.key


def test_the_2023_24_letter_gives_each_measure_in_figures(year_2023):
    body = " ".join(block.text for block in sefton_letter(Y2023).body)
    assert "This letter reports four measures for your council" in body
    assert "(88%; similar authorities 69%)" in body
    assert "it had in 100% of them." in body
    # Sefton: 1 of its 7 upheld decisions remedied by the council before it came to us; similar: 1 of 9.
    assert "Of the 7 complaints we upheld, the council had already put things right before they reached us in 14% " \
           "(similar authorities 11%)." in body


SHIPPED = importlib.import_module("upheld.letters.migrations.0009_describe_every_measure")


def test_texts_still_as_shipped_describe_every_measure_after_migrating(db):
    """A database whose texts were loaded before the measures were all described gets the new paragraphs; a text
    staff rewrote is left alone."""
    LetterText.objects.filter(year=2023).update(body=f"Intro.\n\n{SHIPPED.SHIPPED}\n\nMore.")
    LetterText.objects.filter(year=2024).update(body="## Complaint statistics\n\nOur own words.")
    SHIPPED.describe_every_measure(apps, None)
    assert LetterText.objects.get(year=2023).body == f"Intro.\n\n{MEASURES_TEXT}\n\nMore."
    assert LetterText.objects.get(year=2024).body == "## Complaint statistics\n\nOur own words."
