"""The statistical definitions of DESIGN §3, as pure functions over counts.

Every rate anywhere in upheld is computed here. Rates are exact fractions
rounded half up (1 of 8 = 12.5% → 13%) with integer arithmetic: Python's
`round` rounds half to even, and floats misround values such as 0.285.
A rate over zero cases is not applicable: `None`, shown as "-".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054
NOT_APPLICABLE = "-"


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator ÷ denominator to the nearest whole number, halves away from zero (both ≥ 0)."""
    return (2 * numerator + denominator) // (2 * denominator)


def percentage(numerator: int, denominator: int) -> int | None:
    """A whole-number percentage, or None where there is nothing to divide by."""
    if denominator == 0:
        return None
    return round_half_up(100 * numerator, denominator)


def per_100k(count: int, population: int | None) -> float | None:
    """count per 100,000 residents to one decimal place, half up."""
    if not population:
        return None
    return round_half_up(count * 1_000_000, population) / 10


def per_10k(count: int, population: int | None) -> float | None:
    """count per 10,000 residents to one decimal place, half up (the map's "complaints received" measure)."""
    if not population:
        return None
    return round_half_up(count * 100_000, population) / 10


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for a proportion, as percentages (95% by default).

    Unlike the normal approximation it stays within 0–100% and behaves for
    the small counts most councils have.
    """
    if trials == 0:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half_width = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    # At 0 and at all trials the bounds are exactly 0% and 100%; floating point
    # would otherwise leave them a hair inside, above or below the rate itself.
    low = 0.0 if successes == 0 else max(0.0, centre - half_width)
    high = 1.0 if successes == trials else min(1.0, centre + half_width)
    return low * 100, high * 100


@dataclass(frozen=True)
class Rate:
    """A rate with the counts it stands on, so every output can show its base."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> int | None:
        return percentage(self.numerator, self.denominator)

    @property
    def exact(self) -> float | None:
        """The unrounded percentage: for placing a point on a chart or testing it against a limit, never for print."""
        return None if self.denominator == 0 else 100 * self.numerator / self.denominator

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.numerator, self.denominator)

    def __add__(self, other: Rate) -> Rate:
        """Pooling: the sum of numerators over the sum of denominators."""
        return Rate(self.numerator + other.numerator, self.denominator + other.denominator)

    def display(self) -> str:
        percent = self.percent
        return NOT_APPLICABLE if percent is None else f"{percent}%"

    def interval_display(self) -> str:
        """The 95% interval as "37% to 76%", or "-" where the rate is not applicable.

        The bounds are widened to whole percentages (low down, high up), so the
        interval printed always contains the rate printed beside it.
        """
        interval = self.interval
        if interval is None:
            return NOT_APPLICABLE
        low, high = interval
        return f"{math.floor(low)}% to {math.ceil(high)}%"
