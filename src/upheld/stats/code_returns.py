"""The Complaint Handling Code's measures that stand on councils' own returns, and failures by provision.

A council's own figures come from its self-assessment return (`upheld.code.returns`): stage 1 and stage 2
complaints received, answered within the Code's time, extended, upheld. Which returns count is the caller's to
say (`fetch_returns` takes the versions): public pages pass only accepted versions
(`upheld.code.returns.Version.objects.public()`), so a return no publisher accepted never reaches a figure.

- **Stage 1 answered in time** = stage 1 answered within the Code's time ÷ stage 1 complaints received.
- **Stage 2 answered in time** = likewise for stage 2.
- **Council's own stage 2 complaints per 10,000 residents** = stage 2 complaints received ÷ population ×
  10,000, beside **complaints reaching the Ombudsman per 10,000 residents** (`received_per_residents`, the
  Ombudsman's complaints received about the same councils in the same year, the same population).
- **Average for similar authorities**: pooled over the group's councils with a return (sums of numerators ÷
  sums of denominators), as for every other measure; the per-residents pair over those whose population is
  known too.

The share of upheld decisions with a Code failure, and failures by provision, are counts of casework:
`upheld.stats.annual.Figures.code_failure_share` and `.code_failures`.

`code_json` is a council's "code" object of the public figures (`upheld stats --json`, the open data, the API):
the Code failures of the year's frozen counts beside the council's own figures from its accepted return, never
from a return no publisher accepted (`public_year_code` reads only `Version.objects.public()`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from upheld.code.editions import Edition
from upheld.code.returns import FIGURES, Answer, Version
from upheld.stats.annual import council_json
from upheld.stats.measures import PerResidents, Rate

OWN_FIGURES = tuple(name for name, _ in FIGURES)


@dataclass
class ReturnFigures:
    """Councils' own figures from their returns: one council's, or pooled for a group or the nation."""

    stage1_received: int = 0
    stage1_in_time: int = 0
    stage1_extended: int = 0
    stage1_upheld: int = 0
    stage2_received: int = 0
    stage2_in_time: int = 0
    stage2_upheld: int = 0
    returns: int = 0  # councils whose returns are pooled here
    ombudsman_received: int = 0  # complaints the Ombudsman received about those councils in the year
    population: int | None = None  # of those councils whose population is known
    # The stage 2 and Ombudsman counts of the councils whose population is known: they go with `population`.
    stage2_with_population: int = 0
    ombudsman_received_with_population: int = 0
    population_estimate: str | None = field(default=None, compare=False)  # a single council's, in words

    @property
    def stage1_in_time_rate(self) -> Rate:
        return Rate(self.stage1_in_time, self.stage1_received)

    @property
    def stage2_in_time_rate(self) -> Rate:
        return Rate(self.stage2_in_time, self.stage2_received)

    @property
    def own_stage2_per_residents(self) -> PerResidents:
        return PerResidents(self.stage2_with_population if self.population else self.stage2_received,
                            self.population, 10_000)

    @property
    def own_stage2_per_10k(self) -> float | None:
        return self.own_stage2_per_residents.value

    @property
    def received_per_residents(self) -> PerResidents:
        """Complaints reaching the Ombudsman about these councils per 10,000 residents: the same measure as
        `upheld.stats.annual.Figures.received_per_residents`, over the councils with a return."""
        return PerResidents(self.ombudsman_received_with_population if self.population else self.ombudsman_received,
                            self.population, 10_000)

    @property
    def received_per_10k(self) -> float | None:
        return self.received_per_residents.value

    def pool(self, other: ReturnFigures) -> None:
        for name in (*OWN_FIGURES, "returns", "ombudsman_received"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.population:
            self.population = (self.population or 0) + other.population
            self.stage2_with_population += other.stage2_with_population
            self.ombudsman_received_with_population += other.ombudsman_received_with_population


def council_return(own: dict[str, int], council) -> ReturnFigures:
    """A council's return figures (`own`: the version's figures by name) beside its year's `Figures`
    (`upheld.stats.annual.CouncilYear`: population and the Ombudsman's complaints received)."""
    received, population = council.received_total, council.population
    return ReturnFigures(
        **{name: own[name] or 0 for name in OWN_FIGURES}, returns=1, ombudsman_received=received,
        population=population, stage2_with_population=(own["stage2_received"] or 0) if population else 0,
        ombudsman_received_with_population=received if population else 0,
        population_estimate=getattr(council, "population_estimate", None))


@dataclass
class ReturnsYear:
    """A year's returns: each council's figures (by GSS code), pooled by type of council and for the nation."""

    councils: dict[str, ReturnFigures]
    groups: dict[str, ReturnFigures]
    national: ReturnFigures

    def similar(self, authority) -> ReturnFigures:
        return self.groups.get(authority.type, ReturnFigures())


def returns_year(statistics, own_by_authority: dict[int, dict[str, int]]) -> ReturnsYear:
    """Pool the returns of a year's councils (`statistics`: `upheld.stats.annual.YearStatistics`, whose
    councils give population and the Ombudsman's counts) into groups of similar authorities and the nation."""
    councils, groups, national = {}, {}, ReturnFigures()
    for council in statistics.councils:
        own = own_by_authority.get(council.authority.id)
        if own is None:
            continue
        figures = council_return(own, council)
        councils[council.authority.gss] = figures
        groups.setdefault(council.authority.type, ReturnFigures()).pool(figures)
        national.pool(figures)
    return ReturnsYear(councils, groups, national)


def fetch_returns(versions, year: int) -> dict[int, dict[str, int]]:
    """The own figures of `versions` (a queryset of `upheld.code.returns.Version`: the caller decides which
    count) for the returns of `year`, by authority id: one query. Of several versions of one return the
    highest-numbered counts."""
    rows = (versions.filter(assessment__year=year, submitted_at__isnull=False).order_by("number")
            .values_list("assessment__authority_id", *OWN_FIGURES))
    return {row[0]: dict(zip(OWN_FIGURES, row[1:], strict=True)) for row in rows}


def failures_by_provision(failures: Counter, provisions: Iterable) -> list[tuple[object, int]]:
    """(provision, upheld decisions finding it not followed) for every provision found failed, most often
    first, then in the Code's order; `provisions`: the `upheld.code.editions.Provision`s to name them by."""
    order = {provision.key: (index, provision) for index, provision in enumerate(provisions)}
    found = sorted(((-count, order[key][0]), order[key][1], count)
                   for key, count in failures.items() if count and key in order)
    return [(provision, count) for _, provision, count in found]



@dataclass
class YearCode:
    """What the public figures of a year say about the Code: the accepted returns, pooled (`ReturnsYear`), the
    annual complaints reports they link to (by GSS code), and whether the Code applied to any of the year's
    decisions (before it did, the share of decisions with a Code failure is not applicable, never 0%)."""

    returns: ReturnsYear
    reports: dict[str, str]
    applies: bool


def public_year_code(statistics) -> YearCode:
    """The `YearCode` of `statistics` (`upheld.stats.annual.YearStatistics`) from accepted returns only: two
    queries for the year, whoever asks."""
    public = Version.objects.public()
    by_id = {council.authority.id: council.authority.gss for council in statistics.councils}
    reports = {by_id[authority_id]: url for authority_id, url in public.filter(
        assessment__year=statistics.year.start_year, assessment__authority_id__in=by_id)
        .values_list("assessment__authority_id", "report_url")}
    applies = Edition.objects.filter(starts__lte=statistics.year.last_day).exists()
    return YearCode(returns_year(statistics, fetch_returns(public, statistics.year.start_year)), reports, applies)


def returns_json(figures: ReturnFigures) -> dict:
    """The rates of councils' own figures (one council's, or pooled), and the Ombudsman's complaints per 10,000
    residents over the same councils."""
    return {
        "stage1_in_time_rate": figures.stage1_in_time_rate.percent,
        "stage2_in_time_rate": figures.stage2_in_time_rate.percent,
        "own_stage2_per_10k": figures.own_stage2_per_10k,
        "received_per_10k": figures.received_per_10k,
    }


def code_json(year_code: YearCode, council) -> dict:
    """A council's "code" object (`council`: `upheld.stats.annual.CouncilYear`): Code failures found in the
    year's upheld decisions, then its own figures where its return for the year was accepted (all null
    otherwise), and the same rates pooled over its similar authorities with an accepted return."""
    gss = council.authority.gss
    own = year_code.returns.councils.get(gss)
    share = council.code_failure_share
    return {
        "failures": {"upheld_with_failure": share.numerator, "share": share.percent if year_code.applies else None},
        "return": {"status": "accepted" if own else "none", "report_url": year_code.reports.get(gss) or None},
        "own": {name: getattr(own, name) if own else None for name in OWN_FIGURES},
        **(returns_json(own) if own else dict.fromkeys(returns_json(ReturnFigures()))),
        "similar_authorities": {"returns": year_code.returns.similar(council.authority).returns,
                                **returns_json(year_code.returns.similar(council.authority))},
    }


def council_records(statistics, councils=None, year_code: YearCode | None = None) -> list[dict]:
    """`council_json` with its "code" object, for `councils` of `statistics` (all by default): the one
    record of a council and year that `upheld stats`, every download and the API give."""
    year_code = year_code or public_year_code(statistics)
    return [{**council_json(statistics, council), "code": code_json(year_code, council)}
            for council in (statistics.councils if councils is None else councils)]


@dataclass(frozen=True)
class NotFollowed:
    """How many councils' returns say they do not follow, or only partly follow, one provision."""

    provision: object  # `upheld.code.editions.Provision`
    does_not_follow: int
    partly: int

    @property
    def councils(self) -> int:
        return self.does_not_follow + self.partly


def not_followed_by_provision(answers: Iterable[tuple[int, str]], provisions: Iterable) -> list[NotFollowed]:
    """The provisions councils say they do not (fully) follow, most often first (then those more often not
    followed at all, then in the Code's order). `answers`: (provision id, answer) of the returns that count
    (the caller's to say: public pages pass accepted versions only); `provisions`: to name them by."""
    counted = Counter(answers)
    found = []
    for index, provision in enumerate(provisions):
        entry = NotFollowed(provision, counted[(provision.pk, Answer.DOES_NOT_FOLLOW)],
                            counted[(provision.pk, Answer.PARTLY)])
        if entry.councils:
            found.append(((-entry.councils, -entry.does_not_follow, index), entry))
    return [entry for _, entry in sorted(found, key=lambda pair: pair[0])]
