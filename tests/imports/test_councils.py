"""Importing populations and contacts: one per council and year (or role),
replaced by a later import."""

from upheld.authorities.models import Contact, Population

from .conftest import (
    BARNSLEY,
    BARNSLEY_OLD,
    CHRISTCHURCH,
    SEFTON,
    WESTMORLAND,
    council,
    write_csv,
    write_xlsx,
)

POPULATION_HEADER = ["authority", "year", "population"]
CONTACTS_HEADER = ["authority", "role", "name", "email"]


def stored_populations():
    return sorted(Population.objects.values_list("authority__gss", "year", "population"))


def test_population_imported_then_replaced(imported):
    write_csv("population.csv", [POPULATION_HEADER, [SEFTON, "2023-24", "279,335"],
                                 [BARNSLEY_OLD, "2023-24", "250000"], [WESTMORLAND, "2023-24", "227000"]])
    first = imported("population", "population.csv")
    assert first.summary.startswith("population.csv: imported 3 population figures in ")
    write_csv("population.csv", [POPULATION_HEADER, [SEFTON, "2023-24", "280000"], [SEFTON, "2024-25", "281000"]])
    again = imported("population", "population.csv")
    assert again.summary.startswith("population.csv: imported 2 population figures (1 replaced) in ")
    assert stored_populations() == [
        (WESTMORLAND, 2023, 227000), (SEFTON, 2023, 280000), (SEFTON, 2024, 281000), (BARNSLEY, 2023, 250000)]


def test_population_from_a_spreadsheet_with_numbers_as_numbers(imported):
    write_xlsx("population.xlsx", ("Population", [POPULATION_HEADER, [SEFTON, "2023-24", 279335.0],
                                                  [BARNSLEY, "2023-24", 250000]]))
    assert imported("population", "population.xlsx").imported == 2
    assert stored_populations() == [(SEFTON, 2023, 279335), (BARNSLEY, 2023, 250000)]


def test_every_bad_population(rejected):
    Population.objects.create(authority=council(SEFTON), year=2022, population=1)
    write_csv("population.csv", [
        POPULATION_HEADER,
        [SEFTON, "2023", "279335"],
        [SEFTON, "2023-25", "0"],
        [SEFTON, "2022-23", "12.5"],
        [SEFTON, "2021-22", "-3"],
        [SEFTON, "2020-21", "99,999,999"],
        [BARNSLEY, "2023-24", "250000"],
        [BARNSLEY_OLD, "2023-24", "250000"],
        [WESTMORLAND, "2022-23", "227000"],
        [CHRISTCHURCH, "2019-20", "50000"],
        [CHRISTCHURCH, "2018-19", "1,2345"],
    ])
    assert rejected("population", "population.csv") == [
        "population.csv:2: year: '2023' is not a reporting year like 2017-18",
        "population.csv:3: year: '2023-25' is not a reporting year like 2017-18: the years must follow on",
        "population.csv:3: population: must be more than 0",
        "population.csv:4: population: '12.5' is not a whole number",
        "population.csv:5: population: '-3' is not a whole number",
        "population.csv:6: population: 99,999,999 is more than 10,000,000: no council is that large",
        "population.csv:8: year: same authority and year as row 7",
        "population.csv:9: year: Westmorland and Furness Council did not exist until 1 April 2023, "
        "so it has no population for 2022-23",
        "population.csv:10: year: Christchurch Borough Council ceased to exist on 31 March 2019, "
        "so it has no population for 2019-20",
        "population.csv:11: population: '1,2345' is not a whole number",
    ]
    assert stored_populations() == [(SEFTON, 2022, 1)]


def test_contacts_imported_then_updated(imported):
    write_csv("contacts.csv", [CONTACTS_HEADER,
                               [SEFTON, "chief executive", "Ann Example", "ann@example.org"],
                               [SEFTON, "Council leader", "Bob Example", ""],
                               [BARNSLEY_OLD, "Link Officer", "Cy Example", "cy@example.org"]])
    assert imported("contacts", "contacts.csv").summary.startswith("contacts.csv: imported 3 contacts in ")
    write_csv("contacts.csv", [CONTACTS_HEADER, [SEFTON, "leader", "Di Example", "di@example.org"]])
    assert imported("contacts", "contacts.csv").summary.startswith(
        "contacts.csv: imported 1 contact (1 replaced) in ")
    assert sorted(Contact.objects.values_list("authority__gss", "role", "name", "email")) == [
        (SEFTON, "chief executive", "Ann Example", "ann@example.org"),
        (SEFTON, "leader", "Di Example", "di@example.org"),
        (BARNSLEY, "link officer", "Cy Example", "cy@example.org"),
    ]


def test_every_bad_contact(rejected):
    write_csv("contacts.csv", [
        CONTACTS_HEADER,
        [SEFTON, "mayor", "", "not an address"],
        [CHRISTCHURCH, "leader", "Ed Example", "ed@example.org"],
        [BARNSLEY, "leader", "F" * 121, "f@example.org"],
        [BARNSLEY_OLD, "leader", "Gil Example", "g@example.org"],
    ])
    assert rejected("contacts", "contacts.csv") == [
        "contacts.csv:2: role: unknown role 'mayor'; expected one of: chief executive; link officer; leader; "
        "scrutiny chair; monitoring officer",
        "contacts.csv:2: name: a value is required",
        "contacts.csv:2: email: 'not an address' is not an email address",
        "contacts.csv:3: authority: Christchurch Borough Council ceased to exist on 31 March 2019",
        "contacts.csv:4: name: too long: 121 characters, at most 120",
        "contacts.csv:5: role: same authority and role as row 4",
    ]
