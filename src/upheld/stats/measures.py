"""The statistical definitions of DESIGN §3, as pure functions over counts.

Every rate anywhere in upheld is computed here. Rates are exact fractions
rounded half up (1 of 8 = 12.5% → 13%) with integer arithmetic: Python's
`round` rounds half to even, and floats misround values such as 0.285.
A rate over zero cases is not applicable: `None`, shown as "-".

A rate over fewer than `MINIMUM_BASE` cases is shown with its base but is too
few cases to compare: no council is called an outlier, and no change from one
year to the next is called more than chance, on so little (`small_base`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from upheld.stats.wording import NOT_APPLICABLE, one_decimal

Z_95 = 1.959963984540054
# Below this many cases a rate (or a count per residents) is "too few cases to compare". Ten, because with
# fewer a single case moves a rate by more than ten percentage points, and the exact tests have little
# power: ten is also the threshold many statistical producers use before comparing small counts.
MINIMUM_BASE = 10


def small_base(base: int) -> bool:
    """Whether a figure over `base` cases is too few cases to compare (no cases at all included)."""
    return base < MINIMUM_BASE


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator ÷ denominator to the nearest whole number, halves away from zero (both ≥ 0)."""
    return (2 * numerator + denominator) // (2 * denominator)


def percentage(numerator: int, denominator: int) -> int | None:
    """A whole-number percentage, or None where there is nothing to divide by."""
    if denominator == 0:
        return None
    return round_half_up(100 * numerator, denominator)


def per_residents(count: int, population: int | None, residents: int) -> float | None:
    """count per `residents` residents (100,000, 10,000) to one decimal place, half up."""
    if not population:
        return None
    return round_half_up(count * residents * 10, population) / 10


def per_100k(count: int, population: int | None) -> float | None:
    return per_residents(count, population, 100_000)


def per_10k(count: int, population: int | None) -> float | None:
    """The map's "complaints received" measure."""
    return per_residents(count, population, 10_000)


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


@dataclass(frozen=True)
class PerResidents:
    """A count for the size of the population (upheld decisions per 100,000 residents), with what it stands on.

    `count` counts only the councils whose population is known, so that count and population go together
    when councils are pooled. Not applicable (None) where no population is known.
    """

    count: int
    population: int | None
    residents: int

    @property
    def value(self) -> float | None:
        return per_residents(self.count, self.population, self.residents)

    def display(self) -> str:
        return one_decimal(self.value)
