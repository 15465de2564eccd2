"""Whether a figure changed from one year to the next by more than chance: the stated tests, and their words."""

import pytest

from upheld.stats.annual import Figures
from upheld.stats.change import Verdict, fisher_exact, per_residents_change, poisson_ratio_test, rate_change
from upheld.stats.counts import Counts
from upheld.stats.measures import PerResidents, Rate
from upheld.stats.registry import COMPLIANCE_RATE, UPHELD_PER_100K, UPHOLD_RATE
from upheld.years import ReportingYear


def test_fisher_exact_test_matches_a_worked_example():
    """3 upheld of 4 this year against 1 of 4 last year: 4 upheld among 8 cases, 4 of them this year.

    With the margins fixed, this year's upheld count k is hypergeometric: P(k) = C(4, k)·C(4, 4−k) / C(8, 4),
    that is 1, 16, 36, 16, 1 in 70 for k = 0…4. The observed k = 3 has 16/70; the outcomes no more likely
    are k = 0, 1, 3, 4: (1 + 16 + 16 + 1) / 70 = 34/70 = 0.4857 (R: fisher.test(matrix(c(3, 1, 1, 3), 2))).
    """
    assert fisher_exact(3, 4, 1, 4) == pytest.approx(34 / 70)
    # 10 of 10 against 0 of 10: only the two extreme tables, each 1 / C(20, 10) = 1/184,756.
    assert fisher_exact(10, 10, 0, 10) == pytest.approx(2 / 184_756)
    assert fisher_exact(5, 10, 5, 10) == pytest.approx(1.0)


def test_poisson_ratio_test_matches_a_worked_example():
    """3 upheld this year and 1 last year, the same population: given 4 in all, this year's count is
    B(4, 1/2): 1, 4, 6, 4, 1 in 16. Observed 3 has 4/16; no more likely: 0, 1, 3, 4, so (1+4+4+1)/16 = 0.625."""
    assert poisson_ratio_test(3, 1000, 1, 1000) == pytest.approx(10 / 16)
    # Twice the population last year halves the chance of a case falling there: B(4, 2/3) for this year.
    assert poisson_ratio_test(4, 2000, 0, 1000) == pytest.approx((2 / 3) ** 4 + (1 / 3) ** 4 + 4 * (1 / 3) ** 3 * 2 / 3)


def test_verdicts():
    assert rate_change(Rate(15, 40), Rate(30, 40)).verdict is Verdict.BEYOND_CHANCE
    assert rate_change(Rate(20, 40), Rate(24, 40)).verdict is Verdict.WITHIN_CHANCE
    # Too few cases in either year: no test at all, however large the move.
    assert rate_change(Rate(0, 9), Rate(30, 30)).verdict is Verdict.TOO_FEW
    assert rate_change(Rate(0, 0), Rate(30, 30)).verdict is Verdict.NOT_APPLICABLE
    assert per_residents_change(PerResidents(10, 100_000, 100_000),
                                PerResidents(40, 100_000, 100_000)).verdict is Verdict.BEYOND_CHANCE
    assert per_residents_change(PerResidents(9, 100_000, 100_000),
                                PerResidents(40, 100_000, 100_000)).verdict is Verdict.TOO_FEW
    assert per_residents_change(PerResidents(10, None, 100_000),
                                PerResidents(40, 100_000, 100_000)).verdict is Verdict.NOT_APPLICABLE
    # National sizes: a quick answer, and a small real move is beyond chance on such numbers.
    assert rate_change(Rate(14_600, 20_000), Rate(15_000, 20_000)).verdict is Verdict.BEYOND_CHANCE


def _figures(upheld: int, not_upheld: int, population: int | None = 100_000) -> Figures:
    counts = Counts()
    counts.decisions.update({"upheld": upheld, "not_upheld": not_upheld})
    return Figures(counts=counts, population=population, upheld_with_population=upheld if population else 0)


def test_the_words_of_a_change():
    earlier, later, year = _figures(11, 19), _figures(26, 4), ReportingYear(2023)
    since = UPHOLD_RATE.since(earlier, later, year)
    assert since.text == "Up from 37% in 2023-24"
    assert since.verdict == "A change larger than chance alone would explain (Fisher's exact test, two-sided, " \
                            "5% level)."
    since = UPHOLD_RATE.since(_figures(14, 16), _figures(16, 14), year)
    assert (since.text, since.verdict) == (
        "Up from 47% in 2023-24", "Within what chance alone could explain (Fisher's exact test, two-sided, 5% level).")
    since = UPHOLD_RATE.since(_figures(3, 0), _figures(0, 3), year)
    assert (since.text, since.verdict) == (
        "Down from 100% in 2023-24",
        "Too few cases to say whether it changed: fewer than 10 detailed investigations in one of the years.")
    assert UPHOLD_RATE.since(_figures(10, 10), _figures(10, 10), year).text == "The same as in 2023-24 (50%)"
    assert COMPLIANCE_RATE.since(Figures(), Figures(), year).text == "No figure for 2023-24 (no compliance outcomes)"
    since = UPHELD_PER_100K.since(_figures(10, 0), _figures(40, 0), year)
    assert since.text == "Up from 10.0 in 2023-24"
    assert "the exact conditional test for two Poisson counts" in since.verdict
