"""Control limits for a funnel plot: which councils differ from the national rate by more than chance.

A league table ranks a council with 3 investigations beside one with 80 as if
their rates were equally certain. A funnel plot instead draws, around the
national rate p, the band within which a council's rate would fall by chance
alone for its number of detailed investigations n: p ± z·√(p(1−p)/n), the
normal approximation to the binomial. The band narrows as n grows, so only
councils outside it (95%: z = 1.96; 99.8%: z = 3.09) are worth a closer look.
Pure functions over counts: nothing here touches the database.
"""

from __future__ import annotations

import math
from enum import IntEnum

from upheld.stats.measures import Z_95, Rate

Z_998 = 3.090232306167813  # two-sided 99.8%: 0.1% beyond each limit
LIMITS = (("95%", Z_95), ("99.8%", Z_998))


class Position(IntEnum):
    """Where a council's rate lies against a pair of control limits."""

    BELOW = -1
    WITHIN = 0
    ABOVE = 1


def control_limits(target: Rate, n: int, z: float) -> tuple[float, float] | None:
    """The lower and upper limits, as percentages clipped to 0–100, for a rate over `n` cases.

    None when there is no target rate (no national investigations) or no cases to judge.
    """
    if target.denominator == 0 or n <= 0:
        return None
    p = target.numerator / target.denominator
    half_width = z * math.sqrt(p * (1 - p) / n)
    return max(0.0, p - half_width) * 100, min(1.0, p + half_width) * 100


def position(rate: Rate, target: Rate, z: float) -> Position | None:
    """Whether `rate` lies below, within or above the limits for its own base; None when not applicable.

    The exact proportion is compared, not the rounded percentage, so a rate
    shown as 70% can lie just inside a limit of 70.3%.
    """
    limits = control_limits(target, rate.denominator, z)
    if limits is None:
        return None
    value = rate.exact
    low, high = limits
    if value < low:
        return Position.BELOW
    if value > high:
        return Position.ABOVE
    return Position.WITHIN
