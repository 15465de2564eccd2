"""Complaints received per 10,000 residents: the map's volume measure, defined
beside the others in `upheld.stats` so that no page computes its own."""

from collections import Counter

from tests.builders import Y2017, D, case
from upheld.authorities.models import Authority, Population
from upheld.stats.annual import Figures, year_statistics
from upheld.stats.counts import Counts
from upheld.stats.measures import per_10k


def test_one_decimal_half_up():
    assert per_10k(59, 274_589) == 2.1
    assert per_10k(1, 200_000) == 0.1  # 0.05 rounds up, where round() would give 0.0
    assert per_10k(3, 40_000) == 0.8  # 0.75 → 0.8
    assert per_10k(0, 1000) == 0.0


def test_not_applicable_without_population():
    assert per_10k(5, None) is None
    assert per_10k(5, 0) is None


def test_council_received_per_10k_uses_the_year_population(db):
    sefton = Authority.objects.get(gss="E08000014")
    for day in (D(2017, 5, 1), D(2017, 6, 1), D(2018, 1, 2)):
        case(sefton, day)
    Population.objects.create(authority=sefton, year=2017, population=20_000)
    council = year_statistics(Y2017).council("E08000014")
    assert (council.received_total, council.received_per_10k) == (3, 1.5)


def test_pooled_over_councils_with_a_population_only():
    with_population = Figures(Counts(received=Counter(a=4)), population=10_000, received_with_population=4)
    without = Figures(Counts(received=Counter(a=50)), population=None)
    group = Figures()
    group.pool(with_population)
    group.pool(without)
    assert group.received_total == 54
    assert group.received_per_10k == 4.0  # the 50 complaints of the council without a population do not count
