"""The statistics engine against case-level records built here, including the
reference letter's Sefton 2017-18 tables."""

import io
import json

import pytest
from django.core.management import call_command

from tests.builders import Y2017, D, build_sefton_2017_18, case, decide
from upheld.authorities.models import Authority, Population
from upheld.authorities.populations import load_populations
from upheld.casework.models import ComplianceOutcome
from upheld.casework.vocabulary import Outcome, Remedy
from upheld.stats.annual import CouncilYear, council_json, year_statistics
from upheld.years import ReportingYear


@pytest.fixture
def sefton(db):
    council = Authority.objects.get(gss="E08000014")
    build_sefton_2017_18(council)
    return council


def sefton_json():
    out = io.StringIO()
    call_command("stats", "--year", "2017-18", "--authority", "E08000014", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_sefton_2017_18_tables_exactly(sefton):
    record = sefton_json()
    assert record["authority"] == {"gss": "E08000014", "name": "Sefton Metropolitan Borough Council",
                                   "type": "Metropolitan Boroughs"}
    assert list(record["received"].values()) == [19, 6, 6, 14, 2, 4, 1, 6, 1, 59]
    assert list(record["received"]) == [
        "Adult Care Services", "Benefits and Tax", "Corporate and Other Services",
        "Education and Children's Services", "Environment Services", "Highways and Transport",
        "Housing", "Planning and Development", "Other", "Total"]
    assert record["decisions"] == {
        "Incomplete or Invalid": 4, "Advice Given": 0, "Referred back for Local Resolution": 24,
        "Closed After Initial Enquiries": 14, "Not Upheld": 9, "Upheld": 12, "Total": 63}
    assert record["uphold_rate"] == 57
    assert record["remedied"] == {"by ombudsman": 10, "satisfactory by authority": 0}
    assert record["satisfactory_remedy_rate"] == 0
    assert record["compliance"] == {"outcomes": 0, "complied": 0, "rate": None}
    assert record["year"] == "2017-18"


def test_first_and_last_day_are_inside_the_year(db):
    sefton = Authority.objects.get(gss="E08000014")
    for day in (D(2017, 4, 1), D(2018, 3, 31)):
        case(sefton, day)
        decide(sefton, day, day, Outcome.NOT_UPHELD)
    for day in (D(2017, 3, 31), D(2018, 4, 1)):
        decide(sefton, day, day, Outcome.NOT_UPHELD)
    record = sefton_json()
    assert record["received"]["Total"] == 4  # the two cases plus the two decided on their day of receipt
    assert record["decisions"]["Not Upheld"] == 2


def test_one_upheld_of_eight_shows_13_percent(db):
    sefton = Authority.objects.get(gss="E08000014")
    decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD, Remedy.SATISFACTORY_BY_AUTHORITY)
    for _ in range(7):
        decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.NOT_UPHELD)
    record = sefton_json()
    assert record["uphold_rate"] == 13
    assert record["satisfactory_remedy_rate"] == 100


def test_no_investigations_is_not_applicable(db):
    sefton = Authority.objects.get(gss="E08000014")
    decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.ADVICE_GIVEN)
    record = sefton_json()
    assert record["uphold_rate"] is None
    assert record["satisfactory_remedy_rate"] is None
    assert record["upheld_per_100k"] == 0.0  # a rate per head: zero upheld is a real 0


def test_abolished_council_in_its_last_year_only(db):
    statistics_2018 = year_statistics(ReportingYear(2018))
    statistics_2019 = year_statistics(ReportingYear(2019))
    gss_2018 = {c.authority.gss for c in statistics_2018.councils}
    gss_2019 = {c.authority.gss for c in statistics_2019.councils}
    assert "E07000048" in gss_2018 and "E07000048" not in gss_2019  # Christchurch, ended 2019-03-31
    assert "E06000058" in gss_2019 and "E06000058" not in gss_2018  # BCP, from 2019-04-01


def test_similar_authorities_are_pooled_and_compliance_counted(db):
    sefton = Authority.objects.get(gss="E08000014")
    wirral = Authority.objects.get(gss="E08000015")
    for council, upheld, not_upheld in ((sefton, 1, 1), (wirral, 3, 0)):
        for _ in range(upheld):
            decision = decide(council, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD, Remedy.BY_OMBUDSMAN)
            ComplianceOutcome.objects.create(case=decision.case, recorded=D(2017, 9, 1), outcome="complied_late")
        for _ in range(not_upheld):
            decide(council, D(2017, 5, 1), D(2017, 6, 1), Outcome.NOT_UPHELD)
    statistics = year_statistics(Y2017)
    record = council_json(statistics, statistics.council("E08000014"))
    # 4 upheld of 5 investigations across the metropolitan boroughs: 80%, not the mean of 50% and 100%.
    assert record["similar_authorities"]["uphold_rate"] == 80
    assert record["similar_authorities"]["group"] == "Metropolitan Boroughs"
    assert record["compliance"] == {"outcomes": 1, "complied": 1, "rate": 100}
    assert statistics.national.uphold_rate.percent == 80
    assert statistics.by_region["North West"].upheld == 4


def test_population_for_the_year_else_2020_estimate(db):
    sefton = Authority.objects.get(gss="E08000014")
    decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD, Remedy.NONE)
    statistics = year_statistics(Y2017)
    council = statistics.council("E08000014")
    assert (council.population, council.population_basis) == (275_899, "ONS mid-2020 estimate")
    Population.objects.create(authority=sefton, year=2017, population=200_000)
    council = year_statistics(Y2017).council("E08000014")
    assert (council.population, council.population_basis, council.upheld_per_100k) == (
        200_000, "2017-18 estimate", 0.5)


def test_each_year_uses_its_own_mid_year_estimate_and_says_which(db):
    """2017-18 uses ONS's mid-2017 estimate, not mid-2020's; a council abolished before ONS estimated it
    again, and a year whose estimate is not out yet, use the council's latest estimate, and say so."""
    load_populations()
    sefton = year_statistics(Y2017).council("E08000014")
    assert (sefton.population, sefton.population_basis) == (274_589, "ONS mid-2017 estimate")
    assert sefton.population_estimate == "ONS mid-2017 estimate"
    allerdale = year_statistics(ReportingYear(2022)).council("E07000026")  # abolished 31 March 2023
    assert (allerdale.population, allerdale.population_basis) == (
        Population.objects.get(authority=allerdale.authority, year=2021).population, "ONS mid-2021 estimate")
    later = year_statistics(ReportingYear(2025)).council("E08000014")
    assert (later.population, later.population_basis) == (286_281, "ONS mid-2024 estimate")


def test_the_2017_18_map_knows_every_population_the_shipped_estimates_hold(db):
    """27 councils of 2017-18 had no population from the register's mid-2020 column alone; the councils
    abolished in April 2019 still have none (ONS's tables shipped hold none for them)."""
    before = [c for c in year_statistics(Y2017).councils if not c.population]
    assert len(before) == 27
    load_populations()
    unknown = {c.authority.short_name for c in year_statistics(Y2017).councils if not c.population}
    assert unknown == {"Bournemouth", "Christchurch", "East Dorset", "Forest Heath", "North Dorset",
                       "Poole", "Purbeck", "St Edmundsbury", "Suffolk Coastal", "Taunton Deane", "Waveney",
                       "West Dorset", "West Somerset", "Weymouth and Portland"}


@pytest.mark.parametrize(("frozen", "words"), [("2020", "mid-2020 estimate"), ("2023-24", "2023-24 estimate"),
                                               ("ONS mid-2023 estimate", "ONS mid-2023 estimate"), (None, None)])
def test_versions_frozen_before_the_basis_was_words_still_say_which_estimate(frozen, words):
    assert CouncilYear(population=1, population_basis=frozen).population_estimate == words


def test_counts_fetched_in_a_fixed_number_of_queries(sefton, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        statistics = year_statistics(Y2017)
    assert len(statistics.councils) == 353


def test_csv_and_text_formats(sefton):
    out = io.StringIO()
    call_command("stats", "--year", "2017-18", "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("authority: gss,authority: name,authority: type,year,received: Adult Care Services")
    assert len(lines) == 354
    sefton_row = next(line for line in lines if line.startswith("E08000014"))
    assert ",57," in sefton_row
    out = io.StringIO()
    call_command("stats", "--year", "2017-18", "--authority", "E08000014", stdout=out)
    assert "uphold rate 57% of 21 detailed investigations" in out.getvalue()
