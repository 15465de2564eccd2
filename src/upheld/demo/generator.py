"""Synthetic case-level records for every council, deterministic from a seed.

Demonstrations, screenshots and load tests need a whole scheme's casework
without a single real person in it. Everything here is pure: it takes the
councils as plain values and yields records, so the same seed always gives
the same data, tests can check it without a database, and the benchmarks can
build a national-scale database with it.

How the records are made, council by council (each council draws from its
own random stream, so its records do not shift when another council's do):

1. Cases received: the year's national total (`calibration.NATIONAL_SERIES`)
   shared between the councils that existed, by population × type rate × a
   gamma-distributed council effect; the count is Poisson around that share,
   on working days the council existed (none while Covid-19 paused intake).
2. Each case goes to a stage (assessment outcome or investigation) and is
   decided after a lag typical of that stage; investigations end Upheld with
   the decision year's uphold rate, shifted by the council's own tendency.
3. A council-year with published tables (`calibration.REFERENCE_TABLES`)
   takes its received categories and its decisions exactly from them: the
   decisions go to the oldest open cases, those carried over from the year
   before first (more are received that year if too few are open), which is
   how a council has more decisions than cases in a year.
4. Upheld decisions remedied by the Ombudsman get recommendations and, once
   the council's evidence is checked, a compliance outcome.

Nothing is dated after the last year generated (later decisions and
compliance checks are still to come) or after the council ended (its open
cases are closed on its last day).
"""

from __future__ import annotations

import datetime
import math
import random
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from upheld.casework.vocabulary import (
    ComplianceResult,
    Outcome,
    RecommendationKind,
    Remedy,
)
from upheld.demo import texts
from upheld.demo.calibration import (
    ASSESSMENT_MIX,
    CATEGORY_MIX,
    COMPLIED_LATE_RATE,
    COUNCIL_EFFECT_SHAPE,
    COUNCIL_REMEDY_SPREAD,
    COUNCIL_UPHOLD_SPREAD,
    COVID_PAUSE,
    DECISION_LAG,
    INVESTIGATION,
    NATIONAL_SERIES,
    NO_REMEDY_RATE,
    PERSONAL_DUE_DAYS,
    PUTTING_RIGHT_RATE,
    REFERENCE_TABLES,
    SATISFACTORY_REMEDY_RATE,
    SERVICE_DUE_DAYS,
    SERVICE_IMPROVEMENT_RATE,
    TYPE_RATE,
    ReferenceTables,
)
from upheld.years import ReportingYear

ONE_DAY = datetime.timedelta(days=1)
# Real references run to about 20 000 a year; starting synthetic ones at
# 500 000 keeps them clear of any real reference imported alongside.
FIRST_REFERENCE_NUMBER = 500_000
TYPICAL_POPULATION = 150_000
_ASSESSMENT_OUTCOMES, _ASSESSMENT_WEIGHTS = list(ASSESSMENT_MIX), list(ASSESSMENT_MIX.values())


@dataclass(frozen=True)
class Council:
    """The register facts the generator needs, as plain values."""

    gss: str
    type: str
    start: datetime.date | None = None
    end: datetime.date | None = None
    population: int | None = None


class DecisionRecord(NamedTuple):
    decided: datetime.date
    outcome: str
    remedy: str


class RecommendationRecord(NamedTuple):
    kind: str
    text: str
    due: datetime.date


class ComplianceRecord(NamedTuple):
    recorded: datetime.date
    outcome: str


class CaseRecord(NamedTuple):
    reference: str
    gss: str
    received: datetime.date
    category: str
    subcategory: str
    decision: DecisionRecord | None
    recommendations: tuple[RecommendationRecord, ...]
    compliance: ComplianceRecord | None


@dataclass(slots=True)
class _Draft:
    """A case while its decision is being worked out."""

    received: datetime.date
    category: str
    subcategory: str
    stage: str
    decided: datetime.date
    outcome: str = ""
    remedy: str = ""


def generate(councils: Sequence[Council], seed: int, years: Sequence[ReportingYear],
             scale: float = 1.0) -> Iterator[tuple[Council, list[CaseRecord]]]:
    """Each council with its synthetic cases over `years` (consecutive), in the order given."""
    years = sorted(years)
    expected = {year: expected_received(councils, year, seed, scale) for year in years}
    tables = _reference_tables(years)
    references = ReferenceNumbers()
    for council in councils:
        rng = random.Random(f"{seed}:{council.gss}")
        casework = _CouncilCasework(council, rng, years[-1].last_day)
        drafts = casework.drafts(years, expected, tables)
        yield council, [casework.record(draft, references(draft.received)) for draft in drafts]


def expected_received(councils: Sequence[Council], year: ReportingYear, seed: int,
                      scale: float = 1.0) -> dict[str, float]:
    """Each council's expected cases received in `year`; they add up to the national total × scale."""
    populations = _populations(councils)
    weights = {
        council.gss: populations[council.gss] * TYPE_RATE[council.type]
        * council_effect(seed, council.gss) * _share_of_year(council, year)
        for council in councils
    }
    total = sum(weights.values())
    target = NATIONAL_SERIES[year.start_year].received * scale
    return {gss: target * weight / total for gss, weight in weights.items() if weight > 0}


def council_effect(seed: int, gss: str) -> float:
    """How much more (or less) a council is complained about than others of its type and size."""
    return random.Random(f"{seed}:volume:{gss}").gammavariate(COUNCIL_EFFECT_SHAPE, 1 / COUNCIL_EFFECT_SHAPE)


def _populations(councils: Sequence[Council]) -> dict[str, int]:
    """Populations, with the median of the type for councils the register has none for."""
    by_type: dict[str, list[int]] = {}
    for council in councils:
        if council.population:
            by_type.setdefault(council.type, []).append(council.population)
    medians = {kind: statistics.median(sizes) for kind, sizes in by_type.items()}
    # A hand-picked list may hold no council of a type with a population at all.
    return {c.gss: c.population or medians.get(c.type, TYPICAL_POPULATION) for c in councils}


def _share_of_year(council: Council, year: ReportingYear) -> float:
    """The part of the year the council existed: councils begin and end in mid-scheme."""
    first = max(year.first_day, council.start or year.first_day)
    last = min(year.last_day, council.end or year.last_day)
    return max(0, (last - first).days + 1) / ((year.last_day - year.first_day).days + 1)


def _reference_tables(years: Sequence[ReportingYear]) -> dict[tuple[str, ReportingYear], ReferenceTables]:
    """The published tables to reproduce: only where the year before is generated too,
    since a year's decisions may fall on cases received in the year before."""
    return {
        (tables.gss, tables.year): tables for tables in REFERENCE_TABLES
        if tables.year in years and ReportingYear(tables.year.start_year - 1) in years
    }


class ReferenceNumbers:
    """References in the scheme's style, `17 512 345`: the year received, then a running number."""

    def __init__(self) -> None:
        self._next: dict[int, int] = {}

    def __call__(self, received: datetime.date) -> str:
        year = ReportingYear.containing(received).start_year
        number = self._next.get(year, FIRST_REFERENCE_NUMBER)
        self._next[year] = number + 1
        return f"{year % 100:02d} {number // 1000:03d} {number % 1000:03d}"


class _CouncilCasework:
    """One council's casework, drawn from the council's own random stream."""

    def __init__(self, council: Council, rng: random.Random, window_end: datetime.date) -> None:
        self.council = council
        self.rng = rng
        self.last_day = min(window_end, council.end or window_end)
        self.uphold_shift = rng.gauss(0, COUNCIL_UPHOLD_SPREAD)
        self.satisfactory_rate = _logistic(_logit(SATISFACTORY_REMEDY_RATE) + rng.gauss(0, COUNCIL_REMEDY_SPREAD))
        mix = CATEGORY_MIX[council.type]
        self.categories, self.category_weights = list(mix), list(mix.values())

    def drafts(self, years: Sequence[ReportingYear], expected: dict[ReportingYear, dict[str, float]],
               tables: dict[tuple[str, ReportingYear], ReferenceTables]) -> list[_Draft]:
        """The council's cases over `years`, each with the day it would be decided."""
        drafts = []
        for year in years:
            reference = tables.get((self.council.gss, year))
            if reference:
                categories = [category for category, n in reference.received.items() for _ in range(n)]
                self.rng.shuffle(categories)
            else:
                count = _poisson(self.rng, expected[year].get(self.council.gss, 0.0))
                categories = self.rng.choices(self.categories, self.category_weights, k=count)
            drafts += self._received(year, categories)
        for (gss, _), reference in tables.items():
            if gss == self.council.gss:
                self._apply(reference, drafts)
        drafts.sort(key=lambda draft: draft.received)
        return drafts

    def _received(self, year: ReportingYear, categories: list[str]) -> list[_Draft]:
        days = _receiving_days(year, self.council.start, self.council.end)
        if not days:
            return []
        drafts = []
        for received, category in zip(sorted(self.rng.choices(days, k=len(categories))), categories, strict=True):
            stage = self._stage(year)
            drafts.append(_Draft(received, category, self._subcategory(category), stage,
                                 self._decision_day(received, stage)))
        return drafts

    def _stage(self, year: ReportingYear) -> str:
        if self.rng.random() < NATIONAL_SERIES[year.start_year].investigated:
            return INVESTIGATION
        return self.rng.choices(_ASSESSMENT_OUTCOMES, _ASSESSMENT_WEIGHTS)[0]

    def _subcategory(self, category: str) -> str:
        names = texts.SUBCATEGORIES[category]
        return self.rng.choices(names, range(len(names), 0, -1))[0]

    def _decision_day(self, received: datetime.date, stage: str) -> datetime.date:
        minimum, shape, scale = DECISION_LAG[stage]
        lag = minimum + round(self.rng.gammavariate(shape, scale))
        return _working_day_on_or_after(received + datetime.timedelta(days=lag))

    def _apply(self, reference: ReferenceTables, drafts: list[_Draft]) -> None:
        """Decide the published number of cases, oldest first, with the published outcomes."""
        year = reference.year
        outcomes = [outcome for outcome, n in reference.decisions.items() for _ in range(n)]
        candidates = _open_during(drafts, year)
        if len(candidates) < len(outcomes):  # carry over more cases from the year before
            shortfall = len(outcomes) - len(candidates)
            carried = self._received(ReportingYear(year.start_year - 1),
                                     self.rng.choices(self.categories, self.category_weights, k=shortfall))
            drafts += carried
            candidates = sorted(candidates + carried, key=lambda draft: draft.received)
        if len(candidates) < len(outcomes):
            raise ValueError(f"{reference.gss} has too few cases to make {len(outcomes)} decisions in {year}")
        self.rng.shuffle(outcomes)
        outcomes.sort(key=_typical_lag, reverse=True)  # the oldest cases are the investigations
        remedies = [remedy for remedy, n in reference.remedies.items() for _ in range(n)]
        self.rng.shuffle(remedies)
        for draft, outcome in zip(candidates, outcomes, strict=False):
            draft.stage = INVESTIGATION if outcome in (Outcome.UPHELD, Outcome.NOT_UPHELD) else outcome
            draft.outcome = outcome
            draft.remedy = remedies.pop() if outcome == Outcome.UPHELD else ""
            draft.decided = _decided_within(year, draft.received, self._decision_day(draft.received, draft.stage))
        after = _working_day_on_or_after(year.last_day + ONE_DAY)
        for draft in candidates[len(outcomes):]:
            draft.decided = max(draft.decided, after)

    def record(self, draft: _Draft, reference: str) -> CaseRecord:
        decision, recommendations, compliance = self._decision(draft), (), None
        if decision and decision.remedy == Remedy.BY_OMBUDSMAN:
            recommendations = self._recommendations(draft.subcategory, decision.decided)
            compliance = self._compliance(decision.decided, recommendations)
        return CaseRecord(reference, self.council.gss, draft.received, draft.category, draft.subcategory,
                          decision, recommendations, compliance)

    def _decision(self, draft: _Draft) -> DecisionRecord | None:
        decided = draft.decided
        if decided > self.last_day:
            if self.council.end is None or self.last_day < self.council.end:
                return None  # still open when the data ends
            decided = _working_day_on_or_before(self.last_day)  # closed when the council ended
        if draft.outcome:
            return DecisionRecord(decided, draft.outcome, draft.remedy)
        if draft.stage != INVESTIGATION:
            return DecisionRecord(decided, draft.stage, "")
        rate = NATIONAL_SERIES[ReportingYear.containing(decided).start_year].uphold_rate
        if self.rng.random() >= _logistic(_logit(rate) + self.uphold_shift):
            return DecisionRecord(decided, Outcome.NOT_UPHELD, "")
        return DecisionRecord(decided, Outcome.UPHELD, self._remedy())

    def _remedy(self) -> str:
        draw = self.rng.random()
        if draw < self.satisfactory_rate:
            return Remedy.SATISFACTORY_BY_AUTHORITY
        if draw < self.satisfactory_rate + NO_REMEDY_RATE:
            return Remedy.NONE
        return Remedy.BY_OMBUDSMAN

    def _recommendations(self, subcategory: str, decided: datetime.date) -> tuple[RecommendationRecord, ...]:
        rng = self.rng
        person = f"{rng.choice(texts.TITLES)} {rng.choice(texts.LETTERS)}"
        fault = rng.choice(texts.FAULTS[subcategory])
        personal = [rng.choice(texts.PERSONAL_TEMPLATES).format(
            person=person, fault=fault, amount=rng.choice(texts.AMOUNTS))]
        if subcategory in texts.PUTTING_RIGHT and rng.random() < PUTTING_RIGHT_RATE:
            personal.append(rng.choice(texts.PUTTING_RIGHT[subcategory]).format(person=person))
        due = _working_day_on_or_after(decided + datetime.timedelta(days=PERSONAL_DUE_DAYS))
        recommendations = [RecommendationRecord(RecommendationKind.PERSONAL, text, due) for text in personal]
        if rng.random() < SERVICE_IMPROVEMENT_RATE:
            due = _working_day_on_or_after(decided + datetime.timedelta(days=SERVICE_DUE_DAYS))
            text = rng.choice(texts.SERVICE_IMPROVEMENTS[subcategory])
            recommendations.append(RecommendationRecord(RecommendationKind.SERVICE_IMPROVEMENT, text, due))
        return tuple(recommendations)

    def _compliance(self, decided: datetime.date,
                    recommendations: tuple[RecommendationRecord, ...]) -> ComplianceRecord | None:
        """Checked once the evidence is in: before the last deadline, after it, or long after."""
        rng = self.rng
        last_due = max(recommendation.due for recommendation in recommendations)
        rate = NATIONAL_SERIES[ReportingYear.containing(decided).start_year].compliance
        if rng.random() >= rate:
            outcome, days_after_due = ComplianceResult.NOT_COMPLIED, 60 + rng.expovariate(1 / 60)
        elif rng.random() < COMPLIED_LATE_RATE:
            outcome, days_after_due = ComplianceResult.COMPLIED_LATE, 7 + rng.expovariate(1 / 30)
        else:
            outcome, days_after_due = ComplianceResult.COMPLIED, -rng.uniform(0, (last_due - decided).days - 7)
        recorded = _working_day_on_or_after(last_due + datetime.timedelta(days=round(days_after_due)))
        return ComplianceRecord(recorded, outcome) if recorded <= self.last_day else None


def _open_during(drafts: list[_Draft], year: ReportingYear) -> list[_Draft]:
    """Cases open on the year's first day or received during it, oldest first."""
    return sorted((d for d in drafts if d.received <= year.last_day and d.decided >= year.first_day),
                  key=lambda draft: draft.received)


def _typical_lag(outcome: str) -> float:
    minimum, shape, scale = DECISION_LAG[INVESTIGATION if outcome in (Outcome.UPHELD, Outcome.NOT_UPHELD)
                                        else outcome]
    return minimum + shape * scale


def _decided_within(year: ReportingYear, received: datetime.date, day: datetime.date) -> datetime.date:
    earliest = _working_day_on_or_after(max(received, year.first_day))
    return min(max(day, earliest), _working_day_on_or_before(year.last_day))


@cache
def _receiving_days(year: ReportingYear, start: datetime.date | None,
                    end: datetime.date | None) -> tuple[datetime.date, ...]:
    """Working days of `year` on which the council existed and complaints were accepted."""
    days = (year.first_day + datetime.timedelta(days=n) for n in range((year.last_day - year.first_day).days + 1))
    return tuple(
        day for day in days
        if day.weekday() < 5 and not COVID_PAUSE[0] <= day <= COVID_PAUSE[1]
        and (start is None or day >= start) and (end is None or day <= end)
    )


def _working_day_on_or_after(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += ONE_DAY
    return day


def _working_day_on_or_before(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= ONE_DAY
    return day


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson count: Knuth's method for small means, the normal approximation for large."""
    if mean > 50:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))

