"""Funnel plot control limits: p ± z·√(p(1−p)/n) around the national rate."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upheld.stats.funnel import LIMITS, Z_998, Position, control_limits, position
from upheld.stats.measures import Z_95, Rate

NATIONAL_2017 = Rate(2291, 4020)  # 57% of 4,020 detailed investigations


def test_known_limits():
    low, high = control_limits(Rate(1, 2), 100, Z_95)
    assert low == pytest.approx(50 - 9.79982, abs=1e-4)
    assert high == pytest.approx(50 + 9.79982, abs=1e-4)
    low, high = control_limits(Rate(1, 2), 100, Z_998)
    assert (low, high) == pytest.approx((50 - 15.4512, 50 + 15.4512), abs=1e-4)
    assert dict(LIMITS) == {"95%": Z_95, "99.8%": Z_998}
    assert round(Z_95, 2) == 1.96 and round(Z_998, 2) == 3.09


def test_limits_are_clipped_to_0_and_100():
    assert control_limits(Rate(9, 10), 1, Z_998) == (pytest.approx(0.0), 100.0)
    low, high = control_limits(Rate(0, 10), 5, Z_95)
    assert (low, high) == (0.0, 0.0)


def test_not_applicable_without_a_target_or_a_base():
    assert control_limits(Rate(0, 0), 10, Z_95) is None
    assert control_limits(NATIONAL_2017, 0, Z_95) is None
    assert position(Rate(0, 0), NATIONAL_2017, Z_95) is None


@given(st.integers(1, 5000), st.integers(0, 5000), st.integers(1, 5000))
def test_limits_narrow_as_the_base_grows(n, upheld, extra):
    target = Rate(upheld, upheld + extra)
    narrow, wide = control_limits(target, n + 1, Z_95), control_limits(target, n, Z_95)
    assert wide[0] <= narrow[0] <= 100 * target.numerator / target.denominator <= narrow[1] <= wide[1]
    inner, outer = control_limits(target, n, Z_95), control_limits(target, n, Z_998)
    assert outer[0] <= inner[0] and inner[1] <= outer[1]


def test_position_compares_the_exact_proportion():
    # 57% nationally; 20 investigations: 95% limits 35.3%–78.7%, 99.8% limits 22.8%–91.2%.
    assert position(Rate(12, 20), NATIONAL_2017, Z_95) is Position.WITHIN
    assert position(Rate(16, 20), NATIONAL_2017, Z_95) is Position.ABOVE
    assert position(Rate(16, 20), NATIONAL_2017, Z_998) is Position.WITHIN
    assert position(Rate(19, 20), NATIONAL_2017, Z_998) is Position.ABOVE
    assert position(Rate(4, 20), NATIONAL_2017, Z_998) is Position.BELOW
    # The same 80% over 5 investigations is within even the 95% limits: small numbers are noise.
    assert position(Rate(4, 5), NATIONAL_2017, Z_95) is Position.WITHIN


def test_limits_match_the_formula():
    p = 2291 / 4020
    for n in (1, 7, 21, 250):
        half = Z_95 * math.sqrt(p * (1 - p) / n)
        low, high = control_limits(NATIONAL_2017, n, Z_95)
        assert low == pytest.approx(max(0, p - half) * 100)
        assert high == pytest.approx(min(1, p + half) * 100)
