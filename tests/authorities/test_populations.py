"""ONS's mid-year population estimates, loaded by `upheld setup`: each year's own, for the years each
council existed, never replacing a population already held."""

import io

import pytest
from django.core.management import call_command

from upheld.authorities.models import Authority, Population
from upheld.authorities.populations import load_populations, read_estimates

SEFTON, BCP, CHRISTCHURCH, ALLERDALE = "E08000014", "E06000058", "E07000048", "E07000026"


def estimates(gss: str) -> dict[int, tuple[int, str]]:
    return {year: (population, source) for year, population, source in
            Population.objects.filter(authority__gss=gss).values_list("year", "population", "source")}


def test_each_council_gets_the_estimate_of_each_mid_year_it_existed_in(db):
    added, kept = load_populations()
    assert (added, kept) == (Population.objects.count(), 0)
    sefton = estimates(SEFTON)
    assert sorted(sefton) == list(range(2013, 2025))  # mid-2013 to mid-2024
    assert sefton[2023] == (282_745, "ONS") and sefton[2020] == (275_899, "ONS")
    # ONS puts Bournemouth, Christchurch and Poole back onto earlier years' boundaries; it began in 2019.
    assert min(estimates(BCP)) == 2019
    # Allerdale was abolished in 2023: its last estimate is mid-2021, on 2021 boundaries.
    assert max(estimates(ALLERDALE)) == 2021


def test_loading_again_adds_nothing_and_keeps_what_was_imported(db):
    sefton = Authority.objects.get(gss=SEFTON)
    Population.objects.create(authority=sefton, year=2023, population=280_000)  # imported by staff
    added, kept = load_populations()
    assert kept == 1
    assert estimates(SEFTON)[2023] == (280_000, "")
    assert load_populations() == (0, added + kept)


def test_a_damaged_file_names_its_line_and_column_and_stores_nothing(db):
    with pytest.raises(ValueError, match=r"bad\.csv, line 3, column population: '2.5e5' is not a whole number"):
        read_estimates("gss,name,mid_year,population\nE08000014,Sefton,2023,279733\nE08000014,Sefton,2024,2.5e5\n",
                       "bad.csv")
    rows = read_estimates("gss,name,mid_year,population\nE08000014,Sefton,2023,1\nE99999999,Nowhere,2023,2\n")
    with pytest.raises(ValueError, match=r"line 3, column gss: no council in the register has the code 'E99999999'"):
        load_populations(rows, "bad.csv")
    assert not Population.objects.exists()


def test_setup_loads_the_estimates_and_says_how_many(db):
    out = io.StringIO()
    call_command("setup", stdout=out)
    assert f"population estimates: {Population.objects.count()} added, 0 already held" in out.getvalue()
    assert Population.objects.filter(authority__gss=SEFTON, year=2024).exists()
