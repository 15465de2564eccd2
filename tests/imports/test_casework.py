"""Importing cases, decisions and compliance outcomes: the rules of
`upheld.casework.rules` and the references against the database."""

import datetime

from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation
from upheld.code.editions import Edition, Provision
from upheld.code.findings import CodeFailure

from .conftest import (
    BARNSLEY,
    BARNSLEY_OLD,
    BCP,
    CASES_HEADER,
    CHRISTCHURCH,
    COMPLIANCE_HEADER,
    DECISIONS_HEADER,
    SEFTON,
    WIRRAL,
    D,
    council,
    make_case,
    make_decision,
    write_csv,
)

# Cases --------------------------------------------------------------------


def test_cases_imported_with_every_code_of_a_recoded_council(imported):
    write_csv("cases.csv", [CASES_HEADER,
                            ["17001", BARNSLEY_OLD, "2017-05-01", "Housing"],
                            ["17002", BARNSLEY, "2017-05-01", "Education and Children's Services > SCHOOL  transport"],
                            ["17003", "SFT", "2017-05-01", "Other"],
                            ["19001", BCP, "2019-04-01", "Planning and Development"],
                            ["19002", CHRISTCHURCH, "2019-03-31", "Housing"]])
    assert imported("cases", "cases.csv").imported == 5
    barnsley = Case.objects.filter(authority__gss=BARNSLEY)
    assert sorted(barnsley.values_list("reference", "category", "subcategory")) == [
        ("17001", "housing", ""), ("17002", "education_children", "School transport")]  # as the list spells it
    assert Case.objects.get(reference="17003").authority.gss == SEFTON


def test_every_bad_value_of_a_case(rejected):
    make_case("16999")
    write_csv("cases.csv", [
        [*CASES_HEADER, "notes"],
        ["", "", "", "", "only a note"],
        ["17001", "E99999999", "01/05/2017", "Parking"],
        ["17002", SEFTON, "2018-02-30", "Housing"],
        ["17003", CHRISTCHURCH, "2019-06-01", "Housing"],
        ["17004", BCP, "2019-01-01", "Housing"],
        ["17005", SEFTON, "2999-01-01", "Housing"],
        ["R" * 21, SEFTON, "2017-05-01", "Housing > " + "x" * 101],
        ["16999", SEFTON, "2017-05-01", "Housing"],
        ["17002", SEFTON, "2017-05-01", "Housing"],
        ["17010", SEFTON, "2017-05-01", "Housing"],
        ["17011", SEFTON, "2017-05-01", "Housing > Potholes"],
        ["17012", SEFTON, "2017-05-01", "Housing > School transport"],
    ])
    assert rejected("cases", "cases.csv") == [
        "cases.csv:2: reference: a value is required",
        "cases.csv:2: authority: a value is required",
        "cases.csv:2: received: a date is required, as YYYY-MM-DD",
        "cases.csv:2: category: a value is required",
        "cases.csv:3: authority: unknown council 'E99999999': not a GSS code (such as E08000014) in the register",
        "cases.csv:3: received: '01/05/2017' is not a date in the form YYYY-MM-DD",
        "cases.csv:3: category: unknown category 'Parking'; expected one of: Adult Care Services; "
        "Benefits and Tax; Corporate and Other Services; Education and Children's Services; "
        "Environment Services; Highways and Transport; Housing; Planning and Development; Other",
        "cases.csv:4: received: 2018-02-30 is not a real date",
        "cases.csv:5: received: Christchurch Borough Council ceased to exist on 31 March 2019",
        "cases.csv:6: received: Bournemouth, Christchurch and Poole Council did not exist until 1 April 2019",
        "cases.csv:7: received: 2999-01-01 is in the future",
        "cases.csv:8: reference: too long: 21 characters, at most 20",
        "cases.csv:8: category: subcategory too long: 101 characters, at most 100",
        "cases.csv:9: reference: case 16999 is already in the database",
        "cases.csv:10: reference: same reference as row 4",
        "cases.csv:12: category: 'Potholes' is not a listed subcategory of Housing; expected one of: Allocations; "
        "Homelessness; Private rented housing",
        "cases.csv:13: category: 'School transport' is not a listed subcategory of Housing; expected one of: "
        "Allocations; Homelessness; Private rented housing",
    ]


def test_a_repeated_reference_with_other_problems_gets_them_all(rejected):
    write_csv("cases.csv", [CASES_HEADER, ["17001", SEFTON, "2017-05-01", "Housing"],
                            ["17001", CHRISTCHURCH, "2020-05-01", "Housing"]])
    assert rejected("cases", "cases.csv") == [
        "cases.csv:3: reference: same reference as row 2",
        "cases.csv:3: received: Christchurch Borough Council ceased to exist on 31 March 2019",
    ]


# Decisions ----------------------------------------------------------------


def test_decisions_imported(imported):
    make_case("17001")
    make_case("17002", BARNSLEY)
    make_case("17003")
    write_csv("decisions.csv", [DECISIONS_HEADER,
                                ["17001", SEFTON, "2017-08-01", "Upheld", "by ombudsman"],
                                ["17002", BARNSLEY_OLD, "2017-08-01", "upheld", "Satisfactory by authority"],
                                ["17003", SEFTON, "2017-05-01", "Closed After Initial Enquiries", ""]])
    result = imported("decisions", "decisions.csv")
    assert result.summary.startswith("decisions.csv: imported 3 decisions in ")
    assert sorted(Decision.objects.values_list("case__reference", "decided", "outcome", "remedy")) == [
        ("17001", D(2017, 8, 1), "upheld", "by_ombudsman"),
        ("17002", D(2017, 8, 1), "upheld", "satisfactory_by_authority"),
        ("17003", D(2017, 5, 1), "closed_initial", ""),
    ]


def test_every_bad_decision(rejected):
    make_case("17001")
    make_case("17002")
    make_decision("17003")
    write_csv("decisions.csv", [
        DECISIONS_HEADER,
        ["99999", SEFTON, "2017-08-01", "Upheld", ""],
        ["17001", WIRRAL, "2017-08-01", "Upheld", ""],
        ["17003", SEFTON, "2017-08-01", "Upheld", ""],
        ["17001", SEFTON, "2017-08-01", "Not Upheld", "by ombudsman"],
        ["17002", SEFTON, "2017-04-30", "Sort of upheld", "a bunch of flowers"],
        ["17001", SEFTON, "2017-08-01", "Upheld", ""],
        ["17002", SEFTON, "2017-04-30", "Upheld", "none"],
    ])
    assert rejected("decisions", "decisions.csv") == [
        "decisions.csv:2: reference: no case 99999 in the database; import the cases first",
        "decisions.csv:3: authority: case 17001 is about Sefton Metropolitan Borough Council, "
        "not Wirral Borough Council",
        "decisions.csv:4: reference: case 17003 already has a decision",
        "decisions.csv:5: reference: same reference as row 3",
        "decisions.csv:5: remedy: a remedy can only be recorded on an Upheld decision",
        "decisions.csv:6: outcome: unknown outcome 'Sort of upheld'; expected one of: Incomplete or Invalid; "
        "Advice Given; Referred back for Local Resolution; Closed After Initial Enquiries; Not Upheld; Upheld",
        "decisions.csv:6: remedy: unknown remedy 'a bunch of flowers'; expected one of: by ombudsman; "
        "satisfactory by authority; none",
        "decisions.csv:7: reference: same reference as row 3",
        "decisions.csv:8: reference: same reference as row 6",
        "decisions.csv:8: decided: decided before the case was received (1 May 2017)",
    ]


def test_a_decision_on_a_case_of_a_council_that_has_since_ended(imported):
    make_case("18001", CHRISTCHURCH, received=D(2019, 2, 1))
    write_csv("decisions.csv", [DECISIONS_HEADER, ["18001", CHRISTCHURCH, "2019-07-01", "Not Upheld", ""]])
    assert imported("decisions", "decisions.csv").imported == 1


# Compliance ---------------------------------------------------------------


def test_compliance_imported(imported):
    make_decision("17001")
    make_decision("17002", remedy="by_ombudsman")
    write_csv("compliance.csv", [COMPLIANCE_HEADER, ["17001", SEFTON, "2017-09-01", "complied"],
                                 ["17002", SEFTON, "2017-08-01", "Complied Late"]])
    result = imported("compliance", "compliance.csv")
    assert result.summary.startswith("compliance.csv: imported 2 compliance outcomes in ")
    assert sorted(ComplianceOutcome.objects.values_list("case__reference", "recorded", "outcome")) == [
        ("17001", datetime.date(2017, 9, 1), "complied"), ("17002", datetime.date(2017, 8, 1), "complied_late")]


def test_every_bad_compliance_outcome(rejected):
    make_case("17001")
    make_decision("17002", outcome="not_upheld")
    make_decision("17003")
    make_decision("17004")
    ComplianceOutcome.objects.create(case=Case.objects.get(reference="17004"), recorded=D(2017, 9, 1),
                                     outcome="complied")
    write_csv("compliance.csv", [
        COMPLIANCE_HEADER,
        ["17001", SEFTON, "2017-09-01", "complied"],
        ["17002", SEFTON, "2017-09-01", "complied"],
        ["17003", SEFTON, "2017-07-01", "complied"],
        ["17004", SEFTON, "2017-10-01", "complied"],
        ["17003", SEFTON, "2017-09-01", "partly"],
        ["99999", SEFTON, "2017-09-01", "not complied"],
    ])
    assert rejected("compliance", "compliance.csv") == [
        "compliance.csv:2: reference: the case has no decision, so there is nothing to comply with",
        "compliance.csv:3: reference: compliance is only recorded on an Upheld decision",
        "compliance.csv:4: recorded: recorded before the decision (1 August 2017)",
        "compliance.csv:5: reference: case 17004 already has a compliance outcome",
        "compliance.csv:6: reference: same reference as row 4",
        "compliance.csv:6: outcome: unknown compliance outcome 'partly'; expected one of: complied; "
        "complied late; not complied",
        "compliance.csv:7: reference: no case 99999 in the database; import the cases first",
    ]


def test_an_import_refuses_a_decision_dated_after_a_recommendation_was_due(rejected):
    case = Case.objects.create(reference="25001", authority=council(SEFTON), received=D(2025, 5, 1), category="housing")
    Recommendation.objects.create(case=case, kind="personal", text="Apologise", due=D(2025, 7, 1))
    write_csv("decisions.csv", [DECISIONS_HEADER, ["25001", SEFTON, "2025-08-01", "Upheld", ""]])
    assert rejected("decisions", "decisions.csv") == [
        "decisions.csv:2: decided: decided after a recommendation was due (1 July 2025)"]


# Code failures with decisions ---------------------------------------------------------------------------

def test_decisions_imported_with_their_code_failures(imported, code_edition):
    make_case("26001")
    make_case("26002")
    write_csv("decisions.csv", [[*DECISIONS_HEADER, "code failures"],
                                ["26001", SEFTON, "2026-05-01", "Upheld", "none", " 6.2;5.3 "],
                                ["26002", SEFTON, "2026-05-01", "Not Upheld", "", ""]])
    assert imported("decisions", "decisions.csv").imported == 2
    assert sorted(CodeFailure.objects.values_list("decision__case__reference", "provision__number")) == [
        ("26001", "5.3"), ("26001", "6.2")]
    assert {failure.provision.edition_id for failure in CodeFailure.objects.all()} == {code_edition.pk}


def test_every_bad_code_failure_and_nothing_written(rejected, code_edition):
    for reference in ("26001", "26002", "26003", "26004", "26005", "26006"):
        make_case(reference)
    write_csv("decisions.csv", [[*DECISIONS_HEADER, "code failures"],
                                ["26001", SEFTON, "2026-05-01", "Upheld", "", "6.2"],  # good, but not written
                                ["26002", SEFTON, "2026-05-01", "Not Upheld", "", "6.2"],
                                ["26003", SEFTON, "2026-03-31", "Upheld", "", "5.3"],
                                ["26004", SEFTON, "2026-05-01", "Upheld", "", "5.3; 99.1"],
                                ["26005", SEFTON, "2026-05-01", "Upheld", "", "5.3;;6.1"],
                                ["26006", SEFTON, "2026-05-01", "Upheld", "", "5.3; 5.3"],
                                ["26006", SEFTON, "2026-05-01", "Upheld", "", "section five"]])
    assert rejected("decisions", "decisions.csv") == [
        "decisions.csv:3: code failures: 6.2: a Code failure is fault: it can only be recorded on an Upheld "
        "decision",
        "decisions.csv:4: code failures: 5.3: the Complaint Handling Code applies only to decisions made since it "
        "took effect (from 1 April 2026); this decision was made on 31 March 2026",
        "decisions.csv:5: code failures: 99.1 is not a provision of the Complaint Handling Code",
        "decisions.csv:6: code failures: '5.3;;6.1' has an empty provision number; separate numbers with ';', "
        "e.g. 5.3; 6.1",
        "decisions.csv:7: code failures: 5.3 is named twice",
        "decisions.csv:8: reference: same reference as row 7",
        "decisions.csv:8: code failures: 'section five' is not a provision number like 5.3",
    ]
    assert not CodeFailure.objects.exists()


def test_a_provision_of_an_edition_that_does_not_apply_is_refused(rejected, code_edition):
    later = Edition.objects.create(name="April 2028", starts=D(2028, 4, 1), first_return_year=2028,
                                   source_url="https://example.org/code")
    Provision.objects.create(edition=later, section=11, section_title="New", number="11.1", title="t", text="x")
    make_case("26001")
    write_csv("decisions.csv", [[*DECISIONS_HEADER, "code failures"],
                                ["26001", SEFTON, "2026-05-01", "Upheld", "", "11.1"]])
    assert rejected("decisions", "decisions.csv") == [
        "decisions.csv:2: code failures: 11.1 is of the April 2028 edition; a decision made on 1 May 2026 is "
        "judged by the February 2024 edition"]
