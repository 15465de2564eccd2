"""The Complaint Handling Code's measures, by hand: the share of upheld decisions with a Code failure, failures by
provision, and the councils' own figures from accepted returns beside the Ombudsman's."""

import datetime

import pytest

from tests.builders import case, decide
from tests.code.builders import submitted
from upheld.authorities.models import Authority, Population
from upheld.casework.vocabulary import Outcome
from upheld.code import lifecycle
from upheld.code.findings import CodeFailure
from upheld.code.returns import Version
from upheld.releases.freezing import revise, schedule_release, statistics_for, version_statistics
from upheld.stats.annual import year_statistics
from upheld.stats.code_returns import failures_by_provision, fetch_returns, returns_year
from upheld.stats.registry import CODE_FAILURE_SHARE, OWN_STAGE2_PER_10K, RECEIVED_PER_10K, STAGE1_IN_TIME
from upheld.years import ReportingYear

D = datetime.date
Y2026 = ReportingYear(2026)


@pytest.fixture
def councils(code_edition):
    """Sefton: 8 upheld decisions in 2026-27, one with two Code failures (6.2, 7.2), one outside the year with a
    failure that must not count; Wirral (the same type): 3 upheld, one with a failure of 6.2."""
    sefton, wirral = Authority.objects.get(gss="E08000014"), Authority.objects.get(gss="E08000015")
    p62, p72 = (code_edition.provisions.get(number=number) for number in ("6.2", "7.2"))
    sefton_upheld = [decide(sefton, D(2026, 4, 1), D(2026, 5, day), Outcome.UPHELD) for day in range(1, 9)]
    CodeFailure.objects.create(decision=sefton_upheld[0], provision=p62)
    CodeFailure.objects.create(decision=sefton_upheld[0], provision=p72)
    later = decide(sefton, D(2027, 4, 1), D(2027, 4, 2), Outcome.UPHELD)
    CodeFailure.objects.create(decision=later, provision=p62)
    wirral_upheld = [decide(wirral, D(2026, 4, 1), D(2026, 6, day), Outcome.UPHELD) for day in range(1, 4)]
    CodeFailure.objects.create(decision=wirral_upheld[2], provision=p62)
    return sefton, wirral


def test_share_of_upheld_decisions_with_a_code_failure(councils, code_edition):
    statistics = year_statistics(Y2026)
    sefton, wirral = (statistics.council(gss) for gss in ("E08000014", "E08000015"))
    assert (sefton.code_failure_share.numerator, sefton.code_failure_share.denominator) == (1, 8)
    assert CODE_FAILURE_SHARE.value(sefton) == 13  # 12.5% rounds half up
    assert CODE_FAILURE_SHARE.display(sefton) == "13%"
    assert sefton.code_failure_share.interval_display() == "2% to 48%"  # Wilson 2.2% to 47.1%, widened
    assert CODE_FAILURE_SHARE.based_on(sefton, Y2026) == (
        "Based on 8 upheld decisions between 1 April 2026 and 31 March 2027")
    group = statistics.similar(sefton)
    assert (group.code_failure_share.numerator, group.code_failure_share.denominator) == (2, 11)
    assert CODE_FAILURE_SHARE.value(group) == 18  # 18.2%: pooled, never the average of 13% and 33%
    p62, p72 = (code_edition.provisions.get(number=number) for number in ("6.2", "7.2"))
    assert failures_by_provision(sefton.code_failures, code_edition.provisions.all()) == [(p62, 1), (p72, 1)]
    assert failures_by_provision(group.code_failures, code_edition.provisions.all()) == [(p62, 2), (p72, 1)]
    nobody = statistics.council("E08000011")  # Knowsley: no upheld decisions
    assert CODE_FAILURE_SHARE.value(nobody) is None and CODE_FAILURE_SHARE.display(nobody) == "-"


def test_failures_are_public_only_in_released_figures(councils, code_edition):
    sefton = councils[0]
    release = schedule_release(Y2026)
    frozen = version_statistics(release.versions.get())
    assert frozen.council("E08000014").code_failure_share == year_statistics(Y2026).council(
        "E08000014").code_failure_share
    fresh = decide(sefton, D(2026, 4, 1), D(2026, 7, 1), Outcome.UPHELD)
    CodeFailure.objects.create(decision=fresh, provision=code_edition.provisions.get(number="8.1"))
    assert statistics_for(Y2026).council("E08000014").code_failure_share.numerator == 1  # frozen: not yet
    release.scheduled_for = release.scheduled_for - datetime.timedelta(days=1)
    release.save()
    version = revise(Y2026, "A Code failure recorded late")
    assert "upheld with a Code failure 1 → 2" in version.scale
    assert "Code failures: provision 8.1 0 → 1" in version.scale
    assert statistics_for(Y2026).council("E08000014").code_failure_share.numerator == 2


def test_own_figures_from_accepted_returns_beside_the_ombudsmans(councils, admin_user):
    sefton, wirral = councils
    Population.objects.create(authority=sefton, year=2026, population=50_000)
    Population.objects.create(authority=wirral, year=2026, population=30_000)
    for _ in range(4):
        case(sefton, D(2026, 5, 1))  # complaints reaching the Ombudsman: 8 + 4 = 12 received in the year
    lifecycle.accept(submitted(sefton, 2026, admin_user), admin_user)  # 40 stage 1, 35 in time; 8 stage 2, 7
    submitted(wirral, 2026, admin_user, stage2_received=4, stage2_in_time=1, stage2_upheld=0)  # not accepted
    statistics = year_statistics(Y2026)

    public = returns_year(statistics, fetch_returns(Version.objects.public(), 2026))
    assert list(public.councils) == ["E08000014"]  # the unaccepted return counts nowhere public
    own = public.councils["E08000014"]
    assert STAGE1_IN_TIME.value(own) == 88 and own.stage2_in_time_rate.percent == 88  # 35/40, 7/8: 87.5% half up
    assert OWN_STAGE2_PER_10K.value(own) == 1.6  # 8 ÷ 50,000 × 10,000
    assert RECEIVED_PER_10K.value(own) == 2.4  # 12 ÷ 50,000 × 10,000
    assert OWN_STAGE2_PER_10K.based_on(own, Y2026) == "Based on 8 stage 2 complaints and a population of 50,000 " \
                                                       "(2026-27 estimate)"

    every = returns_year(statistics, fetch_returns(Version.objects.all(), 2026))
    group = every.similar(sefton)
    assert group.returns == 2
    assert group.stage2_in_time_rate.percent == 67  # (7 + 1) ÷ (8 + 4) = 66.7%
    assert OWN_STAGE2_PER_10K.value(group) == 1.5  # (8 + 4) ÷ 80,000 × 10,000
    assert RECEIVED_PER_10K.value(group) == 1.9  # (12 + 3) ÷ 80,000 × 10,000 = 1.875
    assert group.stage2_in_time_rate.interval is not None


def test_no_stage_2_complaints_is_not_applicable(councils, admin_user):
    sefton = councils[0]
    lifecycle.accept(submitted(sefton, 2026, admin_user, stage2_received=0, stage2_in_time=0, stage2_upheld=0),
                     admin_user)
    own = returns_year(year_statistics(Y2026), fetch_returns(Version.objects.public(), 2026)).councils["E08000014"]
    assert own.stage2_in_time_rate.percent is None and own.stage2_in_time_rate.display() == "-"
