"""Control limits for a funnel plot: which councils differ from the national rate by more than chance.

A league table ranks a council with 3 investigations beside one with 80 as if
their rates were equally certain. A funnel plot instead draws, around the
national rate p, the band within which a council's rate would fall by chance
alone for its number of detailed investigations n. The band narrows as n grows,
so only councils outside it are worth a closer look.

The band is exact: if the council's underlying rate were p, its upheld count X
would be binomial, X ~ B(n, p). A council with x upheld is below the lower 95%
limit when P(X ≤ x) < 2.5%, and above the upper limit when P(X ≥ x) < 2.5%
(99.8%: 0.1% on each side). Each probability is summed term by term from the
binomial distribution itself (in floating point, to about twelve significant
figures, far finer than any level tested). The normal approximation p ± z·√(p(1−p)/n)
that this replaces fails on small counts: with p = 83% it put a council with
0 upheld of 1 below the 95% limit, though the chance of that is 17%.

The lines drawn are the exact binomial quantiles, interpolated between whole
counts (Spiegelhalter, "Funnel plots for comparing institutional performance",
Statistics in Medicine 2005), so that a point lies beyond a drawn line
exactly when its tail probability is below the level: the chart and the table
of councils outside the limits cannot disagree.

A council with fewer than `MINIMUM_BASE` detailed investigations is not judged
at all (`position` is None): it is shown as too few cases to compare, never as
an outlier, however far its rate lies from the national one.

Pure functions over counts: nothing here touches the database.
"""

from __future__ import annotations

import math
from enum import IntEnum

from upheld.stats.measures import Rate, small_base
from upheld.stats.wording import TOO_FEW

# Each level with the chance of lying beyond one of its limits by chance alone (two-sided: half on each side).
LIMITS = (("95%", 0.025), ("99.8%", 0.001))
TAIL_95, TAIL_998 = (tail for _, tail in LIMITS)


class Position(IntEnum):
    """Where a council's rate lies against a pair of control limits."""

    BELOW = -1
    WITHIN = 0
    ABOVE = 1


def _chances(n: int, p: float):
    """P(X = k) for k = 0, 1, …, n, X ~ B(n, p): each from log-gamma functions, so that no power or factorial
    overflows however large n is (a term too small for a float is 0, far below any level tested)."""
    if p <= 0 or p >= 1:  # everything or nothing upheld nationally: all the chance on one count
        yield from (1.0 if k == (n if p >= 1 else 0) else 0.0 for k in range(n + 1))
        return
    log_p, log_q, log_n = math.log(p), math.log1p(-p), math.lgamma(n + 1)
    for k in range(n + 1):
        yield math.exp(log_n - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * log_p + (n - k) * log_q)


def lower_tail(x: int, n: int, p: float) -> float:
    """P(X ≤ x) for X ~ B(n, p): the chances of 0, 1, …, x upheld, summed."""
    total = 0.0
    for k, chance in enumerate(_chances(n, p)):
        if k > x:
            break
        total += chance
    return total


def upper_tail(x: int, n: int, p: float) -> float:
    """P(X ≥ x) for X ~ B(n, p): the lower tail of the count not upheld, n − X ~ B(n, 1 − p)."""
    return lower_tail(n - x, n, 1 - p)


def _lower_limit(n: int, p: float, tail: float) -> float:
    """The lower limit as a proportion: the `tail` quantile r of B(n, p), interpolated to (r − a)/n with
    a = (P(X ≤ r) − tail) / P(X = r), so that x/n < limit exactly when P(X ≤ x) < tail; at least 0.

    The tails are summed in the same order as `lower_tail`'s, so the limit and `position` agree."""
    cumulative = 0.0
    for r, chance in enumerate(_chances(n, p)):
        cumulative += chance
        if cumulative >= tail:
            return max(0.0, (r - (cumulative - tail) / chance) / n)
    return 1.0  # only where rounding leaves the whole sum a hair under 1 and the tail is within it


def control_limits(target: Rate, n: int, tail: float) -> tuple[float, float] | None:
    """The lower and upper limits, as percentages within 0–100, for a rate over `n` cases, at the level
    whose chance of lying beyond each limit is `tail` (`TAIL_95`, `TAIL_998`).

    None when there is no target rate (no national investigations) or no cases to judge.
    """
    if target.denominator == 0 or n <= 0:
        return None
    p = target.numerator / target.denominator
    return 100 * _lower_limit(n, p, tail), 100 * (1 - _lower_limit(n, 1 - p, tail))


def position(rate: Rate, target: Rate, tail: float) -> Position | None:
    """Whether `rate` lies below, within or above the limits for its own base.

    None when there is no target, or when the base is too small to compare (`small_base`, which
    includes no cases at all): such a council is never an outlier.
    """
    if target.denominator == 0 or small_base(rate.denominator):
        return None
    p = target.numerator / target.denominator
    if lower_tail(rate.numerator, rate.denominator, p) < tail:
        return Position.BELOW
    if upper_tail(rate.numerator, rate.denominator, p) < tail:
        return Position.ABOVE
    return Position.WITHIN


def described(position_95: Position | None, position_998: Position | None) -> str:
    """A council's place against the national limits, in the words of every page: "Above the 99.8% limit",
    "Within the 95% limits", or, where it was not judged, "Too few cases to compare"."""
    if position_95 is None:
        return TOO_FEW
    if position_95 is Position.WITHIN:
        return "Within the 95% limits"
    level, side = ("99.8%", position_998) if position_998 is not Position.WITHIN else ("95%", position_95)
    return f"{'Above' if side is Position.ABOVE else 'Below'} the {level} limit"
