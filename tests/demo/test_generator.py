"""The demonstration data generator, without a database: determinism,
calibration against the national series, and the casework rules."""

import datetime
import statistics
from collections import Counter

import pytest

from upheld.authorities.models import AuthorityType
from upheld.authorities.register import read_register
from upheld.casework import rules
from upheld.casework.vocabulary import DETAILED_INVESTIGATIONS, Category, ComplianceResult, Outcome, Remedy
from upheld.demo.calibration import FIRST_YEAR, LAST_YEAR, NATIONAL_SERIES
from upheld.demo.generator import Council, expected_received, generate
from upheld.years import ReportingYear

ALL_YEARS = [ReportingYear(start) for start in range(FIRST_YEAR.start_year, LAST_YEAR.start_year + 1)]
CHRISTCHURCH, BCP = "E07000048", "E06000058"


@pytest.fixture(scope="module")
def councils():
    return [Council(e.gss, e.type, e.start_date, e.end_date, e.population_2020) for e in read_register()]


@pytest.fixture(scope="module")
def national(councils):
    """A full run at scale 1: every council, every year (a few seconds)."""
    return {council.gss: cases for council, cases in generate(councils, 1974, ALL_YEARS)}


def _all_cases(national):
    return [case for cases in national.values() for case in cases]


def _year(day):
    return ReportingYear.containing(day).start_year


def test_same_seed_same_data_and_another_seed_other_data(councils):
    few = [c for c in councils if c.gss in {"E08000014", "E10000016", "E07000048", "E06000058", "E09000022"}]
    years = ALL_YEARS[3:7]
    first = list(generate(few, 5, years, scale=0.5))
    assert first == list(generate(few, 5, years, scale=0.5))
    assert first != list(generate(few, 6, years, scale=0.5))


def test_expected_volumes_add_up_to_the_national_series(councils):
    for year in ALL_YEARS:
        expected = expected_received(councils, year, seed=1)
        assert sum(expected.values()) == pytest.approx(NATIONAL_SERIES[year.start_year].received)
        assert sum(expected_received(councils, year, seed=1, scale=0.1).values()) == pytest.approx(
            NATIONAL_SERIES[year.start_year].received / 10)


def test_councils_get_volumes_only_while_they_exist(councils):
    before = expected_received(councils, ReportingYear(2018), seed=1)
    after = expected_received(councils, ReportingYear(2019), seed=1)
    assert CHRISTCHURCH in before and CHRISTCHURCH not in after
    assert BCP not in before and BCP in after


def test_districts_get_far_fewer_complaints_per_head(councils):
    expected = expected_received(councils, ReportingYear(2023), seed=1)
    per_head = {kind: statistics.median(expected[c.gss] / c.population for c in councils
                                        if c.type == kind and c.gss in expected and c.population)
                for kind in AuthorityType.values}
    assert per_head[AuthorityType.DISTRICT] < per_head[AuthorityType.UNITARY] / 2
    assert per_head[AuthorityType.DISTRICT] < per_head[AuthorityType.COUNTY]
    similar_size = sorted(expected[c.gss] / c.population for c in councils
                          if c.type == AuthorityType.UNITARY and c.gss in expected and c.population)
    assert similar_size[-1] > 2 * similar_size[0]  # councils differ, not only by type and size


def test_councils_without_a_population_still_get_cases(councils):
    missing = [c.gss for c in councils if c.population is None and c.end and c.end.year >= 2015]
    expected = expected_received(councils, FIRST_YEAR, seed=1)
    assert missing and all(expected[gss] > 0 for gss in missing)


def test_national_totals_track_the_series(national):
    cases = _all_cases(national)
    received = Counter(_year(case.received) for case in cases)
    decisions = [case.decision for case in cases if case.decision]
    investigated = Counter(_year(d.decided) for d in decisions if d.outcome in DETAILED_INVESTIGATIONS)
    upheld = Counter(_year(d.decided) for d in decisions if d.outcome == Outcome.UPHELD)
    for start, published in NATIONAL_SERIES.items():
        assert received[start] == pytest.approx(published.received, rel=0.03)
        assert upheld[start] / investigated[start] == pytest.approx(published.uphold_rate, abs=0.03)
    decided = Counter(_year(d.decided) for d in decisions)
    assert investigated[2017] == pytest.approx(4_020, rel=0.05)
    assert investigated[2018] == pytest.approx(4_234, rel=0.05)
    assert investigated[2023] == pytest.approx(4_003, rel=0.05)
    assert investigated[2019] / decided[2019] == pytest.approx(0.23, abs=0.02)


def test_covid_pause_and_compliance(national):
    cases = _all_cases(national)
    assert not [c for c in cases if datetime.date(2020, 3, 26) <= c.received <= datetime.date(2020, 6, 29)]
    outcomes = [c.compliance.outcome for c in cases if c.compliance]
    complied = sum(outcome != ComplianceResult.NOT_COMPLIED for outcome in outcomes)
    assert 0.993 <= complied / len(outcomes) <= 0.998
    assert ComplianceResult.COMPLIED_LATE in outcomes


def test_categories_follow_what_each_type_of_council_does(councils, national):
    kinds = {c.gss: c.type for c in councils}
    at_districts = Counter(case.category for gss, cases in national.items() for case in cases
                           if kinds[gss] == AuthorityType.DISTRICT)
    adult_care = Counter(kinds[gss] for gss, cases in national.items() for case in cases
                         if case.category == Category.ADULT_CARE)
    assert adult_care[AuthorityType.DISTRICT] < 0.02 * sum(adult_care.values())
    assert at_districts[Category.PLANNING] > at_districts.total() / 5


def test_every_record_passes_the_casework_rules(councils, national):
    register = {c.gss: c for c in councils}
    references = set()
    for case in _all_cases(national):
        council = register[case.gss]
        assert rules.authority_problem(case.gss, council.start, council.end, case.received) is None
        assert case.subcategory
        references.add(case.reference)
        if not case.decision:
            assert not case.recommendations and not case.compliance
            continue
        decision = case.decision
        assert not rules.decision_problems(case.received, decision.decided, decision.outcome, decision.remedy)
        assert (decision.outcome == Outcome.UPHELD) == bool(decision.remedy)
        assert bool(case.recommendations) == (decision.remedy == Remedy.BY_OMBUDSMAN)
        assert all(r.due > decision.decided and r.text for r in case.recommendations)
        if case.compliance:
            assert case.recommendations
            assert not rules.compliance_problems(decision.decided, decision.outcome, case.compliance.recorded)
    assert len(references) == len(_all_cases(national))


def test_nothing_is_dated_outside_a_council_or_the_years(national):
    last_day = LAST_YEAR.last_day
    assert max(c.received for c in national[CHRISTCHURCH]) <= datetime.date(2019, 3, 31)
    assert max(c.decision.decided for c in national[CHRISTCHURCH] if c.decision) <= datetime.date(2019, 3, 31)
    assert min(c.received for c in national[BCP]) >= datetime.date(2019, 4, 1)
    for case in _all_cases(national):
        assert FIRST_YEAR.first_day <= case.received <= last_day
        assert case.decision is None or case.decision.decided <= last_day
        assert case.compliance is None or case.compliance.recorded <= last_day
