"""Whether a figure changed from one year to the next by more than chance.

A rate that moves from 2 of 3 to 3 of 3 has gone from 67% to 100%, yet says
nothing about the council. So every change is put to a stated test, at the 5%
level, two-sided:

- a rate (a share of cases): Fisher's exact test of the 2 × 2 table of the two
  years' counts (upheld and not, complied and not, …). It is exact for any
  counts, however small, where the normal approximation and the chi-squared
  test are not.
- a count per residents: the exact conditional test for two Poisson counts.
  Given the two years' total, this year's count is binomial, with the chance
  of each case falling in this year equal to this year's share of the two
  populations, if the underlying rate per resident did not change.

In both the two-sided p-value is the total probability of every outcome no
more likely than the one observed (as R's `fisher.test` and `binom.test`
compute it). Below `MINIMUM_BASE` cases in either year no test is made: too
few cases to say.

Pure functions over counts: nothing here touches the database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from upheld.stats.measures import PerResidents, Rate, small_base

LEVEL = 0.05
# Outcomes whose probability equals the observed one's up to floating point count as "no more likely".
_RELATIVE_TOLERANCE = 1 + 1e-7


class Verdict(Enum):
    BEYOND_CHANCE = "beyond chance"
    WITHIN_CHANCE = "within chance"
    TOO_FEW = "too few cases"
    NOT_APPLICABLE = "not applicable"  # no figure in one of the years


@dataclass(frozen=True)
class Change:
    verdict: Verdict
    p_value: float | None = None  # None unless a test was made


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _two_sided(log_probabilities: dict[int, float], observed: int) -> float:
    """The total probability of the outcomes no more likely than `observed`, from their log probabilities."""
    limit = log_probabilities[observed] + math.log(_RELATIVE_TOLERANCE)
    peak = max(log_probabilities.values())
    total = sum(math.exp(value - peak) for value in log_probabilities.values())
    tail = sum(math.exp(value - peak) for value in log_probabilities.values() if value <= limit)
    return min(1.0, tail / total)


def fisher_exact(a: int, n1: int, b: int, n2: int) -> float:
    """The two-sided p-value of Fisher's exact test for a of n1 against b of n2.

    With the margins fixed (n1, n2 and the a + b successes between them), the
    successes in the first group are hypergeometric: P(k) ∝ C(a+b, k)·C(n1+n2−a−b, n1−k).
    """
    successes, failures = a + b, n1 + n2 - a - b
    low, high = max(0, n1 - failures), min(n1, successes)
    logs = {k: _log_choose(successes, k) + _log_choose(failures, n1 - k) for k in range(low, high + 1)}
    return _two_sided(logs, a)


def poisson_ratio_test(count1: int, exposure1: int, count2: int, exposure2: int) -> float:
    """The two-sided p-value of the exact conditional test that two Poisson counts have the same rate
    per unit of exposure: given count1 + count2 = m, count1 ~ B(m, exposure1 / (exposure1 + exposure2))."""
    m = count1 + count2
    share = exposure1 / (exposure1 + exposure2)
    logs = {k: _log_choose(m, k) + k * math.log(share) + (m - k) * math.log1p(-share) for k in range(m + 1)}
    return _two_sided(logs, count1)


def _verdict(p_value: float) -> Change:
    return Change(Verdict.BEYOND_CHANCE if p_value < LEVEL else Verdict.WITHIN_CHANCE, p_value)


def rate_change(earlier: Rate, later: Rate) -> Change:
    """Whether `later` differs from `earlier` by more than chance (Fisher's exact test)."""
    if earlier.denominator == 0 or later.denominator == 0:
        return Change(Verdict.NOT_APPLICABLE)
    if small_base(earlier.denominator) or small_base(later.denominator):
        return Change(Verdict.TOO_FEW)
    return _verdict(fisher_exact(later.numerator, later.denominator, earlier.numerator, earlier.denominator))


def per_residents_change(earlier: PerResidents, later: PerResidents) -> Change:
    """Whether the rate per resident changed by more than chance (the exact conditional Poisson test).

    The small-base rule reads the counts: a rate per 100,000 residents that rests on 3 upheld decisions
    is as fragile as a share of 3 cases, however many people live in the area.
    """
    if earlier.value is None or later.value is None:
        return Change(Verdict.NOT_APPLICABLE)
    if small_base(earlier.count) or small_base(later.count):
        return Change(Verdict.TOO_FEW)
    return _verdict(poisson_ratio_test(later.count, later.population, earlier.count, earlier.population))
