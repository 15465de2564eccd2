from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from upheld.stats.measures import Rate, per_100k, percentage, round_half_up, wilson_interval


def test_half_up_not_half_even():
    assert percentage(1, 8) == 13  # 12.5 → 13; round() would give 12
    assert percentage(3, 8) == 38  # 37.5 → 38
    assert percentage(12, 21) == 57
    assert percentage(7, 8) == 88  # Warrington 2023-24
    assert percentage(1, 7) == 14
    assert percentage(0, 5) == 0
    assert percentage(5, 5) == 100


def test_zero_denominator_is_not_applicable():
    assert percentage(0, 0) is None
    assert Rate(0, 0).percent is None
    assert Rate(0, 0).display() == "-"
    assert Rate(0, 0).interval is None
    assert per_100k(3, None) is None
    assert per_100k(3, 0) is None


def test_per_100k_one_decimal_half_up():
    assert per_100k(7, 211_000) == 3.3
    assert per_100k(1, 200_000) == 0.5
    assert per_100k(1, 400_000) == 0.3  # 0.25 → 0.3


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_round_half_up_matches_exact_arithmetic(numerator, denominator):
    exact = Fraction(100 * numerator, denominator)
    expected = int(exact + Fraction(1, 2))  # floor(x + 1/2) is half up for x ≥ 0
    assert round_half_up(100 * numerator, denominator) == expected


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_interval_contains_the_rate(successes, extra):
    trials = successes + extra
    low, high = wilson_interval(successes, trials)
    assert 0 <= low <= 100 * successes / trials <= high <= 100


def test_wilson_known_value():
    low, high = wilson_interval(12, 21)
    assert round(low, 1) == 36.5
    assert round(high, 1) == 75.5


def test_pooling_sums_numerators_and_denominators():
    assert (Rate(1, 2) + Rate(3, 4)).percent == 67  # 4 of 6, not the mean of 50% and 75%


def test_interval_display_contains_the_rate():
    assert Rate(12, 21).interval_display() == "36% to 76%"
    assert Rate(0, 0).interval_display() == "-"
    assert Rate(0, 4).interval_display().startswith("0% to ")
    assert Rate(4, 4).interval_display().endswith(" to 100%")
    assert Rate(1, 8).exact == 12.5 and Rate(0, 0).exact is None
