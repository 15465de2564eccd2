"""Funnel plot control limits: exact binomial tails around the national rate, and no verdict on small bases."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upheld.stats.funnel import (
    LIMITS,
    TAIL_95,
    TAIL_998,
    Position,
    control_limits,
    described,
    lower_tail,
    position,
    upper_tail,
)
from upheld.stats.measures import MINIMUM_BASE, Rate

NATIONAL_2017 = Rate(2291, 4020)  # 57% of 4,020 detailed investigations
# The national rate of issue 14's year: a council with 0 upheld of 1 had a 17% chance of it.
NATIONAL_83 = Rate(83, 100)


def test_exact_limits_match_a_worked_binomial_example():
    """National rate p = 1/2, a council with n = 10 detailed investigations, X ~ B(10, 1/2).

    P(X = k) = C(10, k) / 1024: 1, 10, 45, 120, … for k = 0, 1, 2, 3, …
    Lower tails: P(X ≤ 0) = 1/1024 = 0.098%, P(X ≤ 1) = 11/1024 = 1.074%, P(X ≤ 2) = 56/1024 = 5.469%.

    95% (2.5% each side): 1 upheld of 10 is below the lower limit (1.074% < 2.5%), 2 of 10 is not
    (5.469% ≥ 2.5%). The drawn limit is the 2.5% quantile r = 2 interpolated: a = (56/1024 − 0.025) /
    (45/1024) = (56 − 25.6) / 45 = 0.67556, limit = (2 − 0.67556) / 10 = 13.2444%; the upper limit is
    100% − 13.2444% = 86.7556% by symmetry.

    99.8% (0.1% each side): 0 of 10 is below (0.098% < 0.1%), 1 of 10 is not. The 0.1% quantile is
    r = 1: a = (11/1024 − 0.001) / (10/1024) = (11 − 1.024) / 10 = 0.9976, limit = (1 − 0.9976) / 10
    = 0.024%.
    """
    assert lower_tail(0, 10, 0.5) == pytest.approx(1 / 1024, rel=1e-12)
    assert lower_tail(1, 10, 0.5) == pytest.approx(11 / 1024, rel=1e-12)
    assert lower_tail(2, 10, 0.5) == pytest.approx(56 / 1024, rel=1e-12)
    assert upper_tail(9, 10, 0.5) == pytest.approx(11 / 1024, rel=1e-12)

    low, high = control_limits(Rate(1, 2), 10, TAIL_95)
    assert low == pytest.approx(13.2444, abs=1e-4)
    assert high == pytest.approx(86.7556, abs=1e-4)
    low, high = control_limits(Rate(1, 2), 10, TAIL_998)
    assert (low, high) == pytest.approx((0.024, 99.976), abs=1e-6)

    target = Rate(1, 2)
    assert position(Rate(1, 10), target, TAIL_95) is Position.BELOW
    assert position(Rate(2, 10), target, TAIL_95) is Position.WITHIN
    assert position(Rate(9, 10), target, TAIL_95) is Position.ABOVE
    assert position(Rate(0, 10), target, TAIL_998) is Position.BELOW
    assert position(Rate(1, 10), target, TAIL_998) is Position.WITHIN
    assert dict(LIMITS) == {"95%": 0.025, "99.8%": 0.001}


def test_the_tail_probabilities_of_issue_14():
    # With the national rate at 83%: 0 of 1 has a chance of 17%, 0 of 2 of 2.9%, 2 of 6 of 0.9%, 15 of 26 of
    # 0.2%. None is below the 99.8% limit (0.1%); only the last two are below the 95% limit (2.5%).
    assert lower_tail(0, 1, 0.83) == pytest.approx(0.17)
    assert lower_tail(0, 2, 0.83) == pytest.approx(0.0289)
    assert lower_tail(2, 6, 0.83) == pytest.approx(0.00936, abs=1e-5)
    assert lower_tail(15, 26, 0.83) == pytest.approx(0.00214, abs=1e-5)
    assert position(Rate(15, 26), NATIONAL_83, TAIL_95) is Position.BELOW
    assert position(Rate(15, 26), NATIONAL_83, TAIL_998) is Position.WITHIN


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 1), st.sampled_from([TAIL_95, TAIL_998]))
def test_a_council_with_one_investigation_is_never_outside_the_limits(upheld, not_upheld, x, tail):
    """Whatever the national rate, 0 or 1 upheld of 1 is too few cases to compare: no verdict at all."""
    target = Rate(upheld, upheld + not_upheld)
    assert position(Rate(x, 1), target, tail) is None
    assert described(position(Rate(x, 1), target, TAIL_95), None) == "Too few cases to compare"


def test_below_the_minimum_base_there_is_no_verdict_however_far_the_rate():
    # 0 of 9 against 83% has a chance of 0.17⁹ ≈ 0.0000012, yet 9 cases are too few to compare; 0 of 10 is judged.
    assert position(Rate(0, MINIMUM_BASE - 1), NATIONAL_83, TAIL_998) is None
    assert position(Rate(0, MINIMUM_BASE), NATIONAL_83, TAIL_998) is Position.BELOW
    assert MINIMUM_BASE == 10


def test_not_applicable_without_a_target_or_a_base():
    assert control_limits(Rate(0, 0), 10, TAIL_95) is None
    assert control_limits(NATIONAL_2017, 0, TAIL_95) is None
    assert position(Rate(0, 0), NATIONAL_2017, TAIL_95) is None
    assert position(Rate(5, 20), Rate(0, 0), TAIL_95) is None


def test_limits_at_a_national_rate_of_0_or_100_percent():
    # With nothing upheld nationally, a single upheld complaint of 20 (5%) is beyond chance: the upper
    # limit lies between 0% and 5%.
    low, high = control_limits(Rate(0, 10), 20, TAIL_95)
    assert low == 0.0 and 0 < high < 5
    low, high = control_limits(Rate(10, 10), 20, TAIL_95)
    assert 95 < low < 100 and high == 100.0
    assert position(Rate(0, 20), Rate(0, 10), TAIL_998) is Position.WITHIN
    assert position(Rate(1, 20), Rate(0, 10), TAIL_998) is Position.ABOVE
    assert position(Rate(20, 20), Rate(10, 10), TAIL_998) is Position.WITHIN


@settings(max_examples=60, deadline=None)
@given(st.integers(MINIMUM_BASE, 200), st.integers(1, 999), st.sampled_from([TAIL_95, TAIL_998]))
def test_a_point_is_beyond_a_drawn_limit_exactly_when_its_tail_is_below_the_level(n, permille, tail):
    """The chart's lines and the table's verdicts cannot disagree."""
    target = Rate(permille, 1000)
    low, high = control_limits(target, n, tail)
    for x in range(n + 1):
        shown = 100 * x / n
        expected = Position.BELOW if shown < low else Position.ABOVE if shown > high else Position.WITHIN
        assert position(Rate(x, n), target, tail) is expected, (x, n)


@settings(max_examples=60, deadline=None)
@given(st.integers(MINIMUM_BASE, 300), st.integers(1, 999))
def test_limits_lie_around_the_target_and_the_998_band_is_wider(n, permille):
    target = Rate(permille, 1000)
    inner, outer = control_limits(target, n, TAIL_95), control_limits(target, n, TAIL_998)
    assert outer[0] <= inner[0] <= permille / 10 <= inner[1] <= outer[1]


def test_position_against_the_2017_national_rate():
    # 57% nationally, 20 investigations: P(X ≥ 16) = 2.9%, P(X ≥ 17) = 0.80%, P(X ≥ 19) = 0.021%,
    # P(X ≤ 4) = 0.084%, P(X ≤ 5) = 0.38%. The normal approximation put 16 of 20 above the 95% limit.
    assert position(Rate(12, 20), NATIONAL_2017, TAIL_95) is Position.WITHIN
    assert position(Rate(16, 20), NATIONAL_2017, TAIL_95) is Position.WITHIN
    assert position(Rate(17, 20), NATIONAL_2017, TAIL_95) is Position.ABOVE
    assert position(Rate(17, 20), NATIONAL_2017, TAIL_998) is Position.WITHIN
    assert position(Rate(19, 20), NATIONAL_2017, TAIL_998) is Position.ABOVE
    assert position(Rate(4, 20), NATIONAL_2017, TAIL_998) is Position.BELOW
    assert position(Rate(5, 20), NATIONAL_2017, TAIL_998) is Position.WITHIN


def test_the_words_for_a_place():
    assert described(Position.WITHIN, Position.WITHIN) == "Within the 95% limits"
    assert described(Position.ABOVE, Position.WITHIN) == "Above the 95% limit"
    assert described(Position.BELOW, Position.BELOW) == "Below the 99.8% limit"
    assert described(None, None) == "Too few cases to compare"


def test_large_bases_are_quick_and_stay_finite():
    """A council with thousands of investigations: no overflow, and the band hugs the national rate."""
    low, high = control_limits(NATIONAL_2017, 20_000, TAIL_998)
    assert 55.9 < low < 57.0 < high < 58.1
    assert position(Rate(11_400, 20_000), NATIONAL_2017, TAIL_998) is Position.WITHIN
    assert position(Rate(12_000, 20_000), NATIONAL_2017, TAIL_998) is Position.ABOVE
