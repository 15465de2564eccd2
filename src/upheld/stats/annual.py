"""A year's statistics for every council, its comparison group and the nation.

`Figures` turns counts into the measures of DESIGN §3; a council, a group of
similar authorities and the whole country are all `Figures`, so a pooled
average is the same arithmetic over summed counts ("sum of numerators ÷ sum
of denominators"), never an average of percentages.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from upheld.authorities.models import Authority, AuthorityType, Population
from upheld.casework.vocabulary import (
    Category,
    ComplianceResult,
    Outcome,
    Remedy,
)
from upheld.stats.counts import Counts, fetch_counts
from upheld.stats.measures import PerResidents, Rate
from upheld.stats.registry import HEADLINE
from upheld.years import ReportingYear

NOT_FOR_US = (Outcome.INCOMPLETE_INVALID, Outcome.ADVICE_GIVEN, Outcome.REFERRED_BACK)
POPULATION_2020_SOURCE = "ONS"  # the register's `population_2020` is ONS's mid-2020 estimate
LEGACY_BASIS = re.compile(r"\d{4}-\d{2}")


@dataclass
class Figures:
    """Measures over one set of counts: a council's, a group's or the nation's."""

    counts: Counts = field(default_factory=Counts)
    population: int | None = None
    # Upheld decisions of the councils whose population is known: the numerator
    # that goes with `population` when councils are pooled.
    upheld_with_population: int = 0
    # Likewise the complaints received by the councils whose population is known.
    received_with_population: int = 0

    @property
    def received_total(self) -> int:
        return sum(self.counts.received.values())

    @property
    def decisions_total(self) -> int:
        return sum(self.counts.decisions.values())

    @property
    def upheld(self) -> int:
        return self.counts.decisions[Outcome.UPHELD]

    @property
    def detailed_investigations(self) -> int:
        return self.upheld + self.counts.decisions[Outcome.NOT_UPHELD]

    @property
    def uphold_rate(self) -> Rate:
        return Rate(self.upheld, self.detailed_investigations)

    @property
    def remedied_by_ombudsman(self) -> int:
        return self.counts.upheld_remedies[Remedy.BY_OMBUDSMAN]

    @property
    def remedied_by_authority(self) -> int:
        return self.counts.upheld_remedies[Remedy.SATISFACTORY_BY_AUTHORITY]

    @property
    def compliance_rate(self) -> Rate:
        complied = self.counts.compliance[ComplianceResult.COMPLIED]
        complied += self.counts.compliance[ComplianceResult.COMPLIED_LATE]
        return Rate(complied, sum(self.counts.compliance.values()))

    @property
    def satisfactory_remedy_rate(self) -> Rate:
        return Rate(self.remedied_by_authority, self.upheld)

    @property
    def upheld_per_residents(self) -> PerResidents:
        # Without a population the figure is not applicable, and the count is all the upheld decisions.
        return PerResidents(self.upheld_with_population if self.population else self.upheld, self.population,
                            100_000)

    @property
    def upheld_per_100k(self) -> float | None:
        return self.upheld_per_residents.value

    @property
    def received_per_residents(self) -> PerResidents:
        return PerResidents(self.received_with_population if self.population else self.received_total,
                            self.population, 10_000)

    @property
    def received_per_10k(self) -> float | None:
        return self.received_per_residents.value

    @property
    def code_failure_share(self) -> Rate:
        """Upheld decisions finding at least one Complaint Handling Code failure, of all upheld decisions."""
        return Rate(self.counts.upheld_with_code_failure, self.upheld)

    @property
    def code_failures(self) -> Counter:
        """Upheld decisions finding each provision not followed, by provision key (a decision may count under
        several provisions)."""
        return self.counts.code_failures

    @property
    def not_for_us(self) -> int:
        return sum(self.counts.decisions[outcome] for outcome in NOT_FOR_US)

    @property
    def assessed_and_closed(self) -> int:
        return self.counts.decisions[Outcome.CLOSED_AFTER_INITIAL]

    def pool(self, other: Figures) -> None:
        self.counts += other.counts
        if other.population:
            self.population = (self.population or 0) + other.population
            self.upheld_with_population += other.upheld_with_population
            self.received_with_population += other.received_with_population


@dataclass
class CouncilYear(Figures):
    """One council's figures for one year, with where its population came from."""

    authority: Authority | None = None
    year: ReportingYear | None = None
    # Which estimate `population` is, in words ("ONS mid-2023 estimate"): see `_populations`.
    population_basis: str | None = None

    @property
    def population_estimate(self) -> str | None:
        """Which estimate the population is, in words, also for versions frozen before the basis was stored
        in words: they say "2020" (the mid-2020 estimate) or a year label ("2023-24", imported for it)."""
        if self.population_basis == "2020":
            return "mid-2020 estimate"
        if self.population_basis and LEGACY_BASIS.fullmatch(self.population_basis):
            return f"{self.population_basis} estimate"
        return self.population_basis


@dataclass
class YearStatistics:
    year: ReportingYear
    councils: list[CouncilYear]
    groups: dict[str, Figures]
    national: Figures
    by_region: dict[str, Figures]

    def similar(self, council: CouncilYear) -> Figures:
        return self.groups[council.authority.type]

    def council(self, gss: str) -> CouncilYear:
        return self.by_gss[gss]

    @cached_property
    def by_gss(self) -> dict[str, CouncilYear]:
        """The councils by GSS code: pages look councils up in a cached year many times."""
        return {council.authority.gss: council for council in self.councils}

    def select(self, code: str | None) -> list[CouncilYear]:
        """Every council of the year, or only the one that carries or once carried `code`.

        A LookupError says why nothing matched, in words for the person who typed the code.
        """
        if not code:
            return self.councils
        authority = Authority.objects.by_code(code).first()
        if authority is None:
            raise LookupError(f"no council has the code {code!r}")
        selected = [c for c in self.councils if c.authority == authority]
        if not selected:
            raise LookupError(f"{authority.name} did not exist in {self.year.label}")
        return selected


def estimate_name(source: str, year: int) -> str:
    """"ONS mid-2023 estimate" for a published estimate of 2023-24; "2023-24 estimate" for a population
    imported for the year, whose source the import does not say."""
    return f"{source} mid-{year} estimate" if source else f"{ReportingYear(year).label} estimate"


def _populations(year: ReportingYear) -> dict[int, tuple[int, str]]:
    """Each council's population for `year`, with which estimate it is: the estimate whose mid-year is
    inside the year (mid-2023 for 2023-24), else the council's latest before it (a council abolished
    before ONS estimated its area again, or a year whose estimate is not out yet)."""
    estimates = (Population.objects.filter(year__lte=year.start_year).order_by("year")
                 .values_list("authority_id", "year", "population", "source"))
    return {authority_id: (population, estimate_name(source, estimate_year))
            for authority_id, estimate_year, population, source in estimates}  # the latest year of each is kept


def year_statistics(year: ReportingYear) -> YearStatistics:
    """Every council that existed for any part of `year`, with group and national figures.

    Councils only have records for the days they existed (the casework rules
    see to that), so a council abolished part-way counts for its part of the year.
    """
    counts = fetch_counts(year)
    populations = _populations(year)
    authorities = Authority.objects.existing_between(year.first_day, year.last_day) | Authority.objects.filter(
        id__in=list(counts)
    )
    councils = []
    for authority in authorities.distinct().order_by("name"):
        population, basis = populations.get(authority.id, (None, None))
        if population is None and authority.population_2020:  # the register's own figure, where ONS's are not loaded
            population, basis = authority.population_2020, estimate_name(POPULATION_2020_SOURCE, 2020)
        councils.append(council_year(authority, year, counts.get(authority.id, Counts()), population, basis))
    return assemble(year, councils)


def council_year(authority: Authority, year: ReportingYear, counts: Counts, population: int | None,
                 population_basis: str | None) -> CouncilYear:
    return CouncilYear(
        counts=counts, population=population,
        upheld_with_population=counts.decisions[Outcome.UPHELD] if population else 0,
        received_with_population=sum(counts.received.values()) if population else 0,
        authority=authority, year=year, population_basis=population_basis,
    )


def assemble(year: ReportingYear, councils: list[CouncilYear]) -> YearStatistics:
    """Pool the councils' figures into their groups, regions and the nation.

    Live figures and a published year's frozen counts both come through here,
    so the averages of similar authorities are computed the same way for both.
    """
    groups: dict[str, Figures] = {value: Figures() for value in AuthorityType.values}
    by_region: dict[str, Figures] = defaultdict(Figures)
    national = Figures()
    for council in councils:
        for pooled in (groups[council.authority.type], by_region[council.authority.region], national):
            pooled.pool(council)
    return YearStatistics(year, councils, groups, national, dict(sorted(by_region.items())))


def rates_json(figures: Figures) -> dict:
    """The four rates of `figures` (a council's, or pooled for a group, region or the nation)."""
    return {
        "uphold_rate": figures.uphold_rate.percent,
        "compliance_rate": figures.compliance_rate.percent,
        "satisfactory_remedy_rate": figures.satisfactory_remedy_rate.percent,
        "upheld_per_100k": figures.upheld_per_100k,
    }


def _named(counter: Counter, choices) -> dict[str, int]:
    named = {label: counter[value] for value, label in choices.choices}
    named["Total"] = sum(counter.values())
    return named


def figures_json(figures: Figures) -> dict:
    """The counts and rates of DESIGN §4 for any `Figures`: shared by a council's object and the nation's."""
    compliance = figures.compliance_rate
    return {
        "received": _named(figures.counts.received, Category),
        "decisions": _named(figures.counts.decisions, Outcome),
        "detailed_investigations": figures.detailed_investigations,
        "uphold_rate": figures.uphold_rate.percent,
        "remedied": {
            "by ombudsman": figures.remedied_by_ombudsman,
            "satisfactory by authority": figures.remedied_by_authority,
        },
        "compliance": {"outcomes": compliance.denominator, "complied": compliance.numerator,
                       "rate": compliance.percent},
        "satisfactory_remedy_rate": figures.satisfactory_remedy_rate.percent,
        "upheld_per_100k": figures.upheld_per_100k,
        "overview": {
            "dealt with": figures.decisions_total,
            "not for us": figures.not_for_us,
            "assessed and closed": figures.assessed_and_closed,
            "investigated": figures.detailed_investigations,
        },
    }


def council_json(statistics: YearStatistics, council: CouncilYear) -> dict:
    """The JSON object of DESIGN §4 for one council and year."""
    authority = council.authority
    figures = figures_json(council)
    overview = figures.pop("overview")  # after the population: the order of the published CSV's columns
    return {
        "authority": {"gss": authority.gss, "name": authority.name, "type": authority.get_type_display()},
        "year": statistics.year.label,
        **figures,
        "population": {"value": council.population, "basis": council.population_basis},
        "overview": overview,
        "similar_authorities": {"group": authority.get_type_display(), **rates_json(statistics.similar(council))},
        "small_base": small_base_json(council),
    }


def small_base_json(figures: Figures) -> dict[str, bool]:
    """For each measure, whether it rests on too few cases to compare (the rule of `upheld.stats.registry`)."""
    return {measure.key: measure.small_base(figures) for measure in HEADLINE}
