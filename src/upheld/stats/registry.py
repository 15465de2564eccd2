"""The measures, each defined once: its key, its name, what it means, what it is a share of (its base),
how it is written, when its base is too small to compare, and how a change is tested.

Pages, letters, the map, the data dictionary, scrutiny packs, the dashboard and the API descriptions take
their words from here, so that a measure cannot be named, explained or counted one way in one place and
another way in the next (as "1 detailed investigations" and two formats of per-resident figures once were).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from upheld.stats import wording
from upheld.stats.change import LEVEL, Change, Verdict, per_residents_change, rate_change
from upheld.stats.measures import MINIMUM_BASE, PerResidents, Rate, small_base
from upheld.years import ReportingYear

if TYPE_CHECKING:  # `upheld.stats.annual` writes the open data's small-base flags from here
    from upheld.stats.annual import Figures

# What the symbols and marks beside figures mean, in the words of every page, letter and pack.
NOT_APPLICABLE_NOTE = (f"A dash ({wording.NOT_APPLICABLE}) means not applicable: there were no cases on which to "
                       "base the figure.")
NO_INTERVAL_NOTE = (f"“{wording.NO_INTERVAL}” in place of an interval means the measure has none: it is a count for "
                    "the size of the population, not a share of cases.")
TOO_FEW_NOTE = (f"“{wording.TOO_FEW}” marks a figure based on fewer than {MINIMUM_BASE} cases: it is shown, but "
                "never compared with other councils or with the year before.")


@dataclass(frozen=True)
class Since:
    """A figure beside the year before's: which way it moved, and whether by more than chance."""

    text: str  # "Up from 73% in 2023-24"
    verdict: str  # "More than chance alone would explain (Fisher's exact test, two-sided, 5% level)"
    change: Change


@dataclass(frozen=True)
class Measure:
    key: str  # the JSON key and CSV column of the open data, and the map's
    label: str
    short_label: str  # a table's column heading
    meaning: str  # the question the figure answers, in a line
    description: str  # what it counts, in a sentence (the map's legend, the API's field description)
    base_noun: tuple[str, str]  # singular, plural: what a rate is a share of, or what is counted per residents
    read: Callable[[Figures], Rate | PerResidents]
    residents: int = 0  # a count per this many residents; 0 for a share of cases

    @property
    def is_rate(self) -> bool:
        return not self.residents

    def value(self, figures: Figures) -> int | float | None:
        """The figure as the open data gives it: a whole percentage or one decimal; None if not applicable."""
        reading = self.read(figures)
        return reading.percent if isinstance(reading, Rate) else reading.value

    def display(self, figures: Figures) -> str:
        """57%, 3.3, 1,234.5, or "-" where not applicable."""
        return self.read(figures).display()

    def base(self, figures: Figures) -> int:
        """The cases the figure stands on: a rate's denominator, or the count per residents."""
        reading = self.read(figures)
        return reading.denominator if isinstance(reading, Rate) else reading.count

    def counted(self, count: int) -> str:
        """"1 detailed investigation", "21 detailed investigations"."""
        return wording.counted(count, self.base_noun)

    def small_base(self, figures: Figures) -> bool:
        """Whether the figure rests on too few cases to compare (`upheld.stats.measures.MINIMUM_BASE`)."""
        return small_base(self.base(figures))

    def marked_too_few(self, figures: Figures) -> bool:
        """Whether a page marks the figure "too few cases to compare": it has a figure, on a small base."""
        return self.small_base(figures) and self.value(figures) is not None

    def too_few(self, figures: Figures) -> str:
        """"Too few cases to compare: fewer than 10 detailed investigations" where marked, else ""."""
        return f"{wording.TOO_FEW}: {self.small_base_rule}" if self.marked_too_few(figures) else ""

    @property
    def small_base_rule(self) -> str:
        return f"fewer than {MINIMUM_BASE} {self.base_noun[1]}"

    @property
    def missing(self) -> str:
        """Why a figure is missing: nothing to divide by."""
        return "population not known" if self.residents else f"no {self.base_noun[1]}"

    @property
    def not_applicable(self) -> str:
        return f"Not applicable: {self.missing}"

    def based_on(self, figures: Figures, year: ReportingYear) -> str:
        """"Based on 21 detailed investigations between 1 April 2018 and 31 March 2019"; for a count per
        residents, the count and the population with its estimate."""
        if self.is_rate:
            return f"Based on {self.counted(self.base(figures))} between {wording.period(year, 'and')}"
        if not figures.population:
            return "Population not known"
        text = f"Based on {self.counted(self.base(figures))} and a population of {wording.number(figures.population)}"
        estimate = getattr(figures, "population_estimate", None)  # a council's; pooled figures have none
        return f"{text} ({estimate})" if estimate else text

    def base_cell(self, figures: Figures, year: ReportingYear) -> str:
        """The base as a table's cell gives it: `based_on`, and the small-base mark where there is one."""
        base, too_few = self.based_on(figures, year), self.too_few(figures)
        return f"{base}. {too_few}" if too_few else base

    def change(self, earlier: Figures, later: Figures) -> Change:
        """Whether the figure moved from `earlier` to `later` by more than chance (`upheld.stats.change`)."""
        if self.is_rate:
            return rate_change(self.read(earlier), self.read(later))
        return per_residents_change(self.read(earlier), self.read(later))

    @property
    def test(self) -> str:
        """The test of a change, as the pages state it."""
        name = "Fisher's exact test" if self.is_rate else "the exact conditional test for two Poisson counts"
        return f"{name}, two-sided, {round(LEVEL * 100)}% level"

    def since(self, earlier: Figures, later: Figures, earlier_year: ReportingYear) -> Since:
        """`later` beside `earlier`, the figures of `earlier_year`: "Up from 73% in 2023-24", and the verdict
        of the test (or why there is none)."""
        year, before, now = earlier_year.label, self.display(earlier), self.display(later)
        change = self.change(earlier, later)
        if self.value(earlier) is None:
            return Since(f"No figure for {year} ({self.missing})", "", change)
        if self.value(later) is None or before == now:
            text = f"{before} in {year}" if self.value(later) is None else f"The same as in {year} ({before})"
        else:
            text = f"{'Up' if self.value(later) > self.value(earlier) else 'Down'} from {before} in {year}"
        verdict = {
            Verdict.BEYOND_CHANCE: f"A change larger than chance alone would explain ({self.test}).",
            Verdict.WITHIN_CHANCE: f"Within what chance alone could explain ({self.test}).",
            Verdict.TOO_FEW: f"Too few cases to say whether it changed: {self.small_base_rule} in one of the years.",
            Verdict.NOT_APPLICABLE: "",
        }[change.verdict]
        return Since(text, verdict, change)


UPHOLD_RATE = Measure(
    "uphold_rate", "Complaints upheld", "Uphold rate", "How often we found fault when we investigated in detail",
    "Upheld decisions as a share of detailed investigations",
    wording.plural("detailed investigation"), lambda f: f.uphold_rate)
UPHELD_PER_100K = Measure(
    "upheld_per_100k", "Upheld decisions per 100,000 residents", "Upheld per 100,000 residents",
    "Upheld complaints for the size of the population",
    "Upheld decisions for each 100,000 people living in the council's area",
    wording.plural("upheld decision"), lambda f: f.upheld_per_residents, residents=100_000)
COMPLIANCE_RATE = Measure(
    "compliance_rate", "Compliance with recommendations", "Compliance",
    "How often our recommendations were carried out",
    "Recommendations the council carried out, on time or late, as a share of those checked",
    wording.plural("compliance outcome"), lambda f: f.compliance_rate)
SATISFACTORY_REMEDY_RATE = Measure(
    "satisfactory_remedy_rate", "Satisfactory remedy provided by the council", "Satisfactory remedy",
    "How often the council had already put things right before the complaint reached us",
    "Upheld complaints the council had already put right before the Ombudsman was involved",
    wording.plural("upheld decision"), lambda f: f.satisfactory_remedy_rate)
RECEIVED_PER_10K = Measure(
    "received_per_10k", "Complaints received per 10,000 residents", "Received per 10,000 residents",
    "Complaints for the size of the population",
    "Complaints and enquiries received for each 10,000 people living in the council's area",
    ("complaint received", "complaints received"), lambda f: f.received_per_residents, residents=10_000)

CODE_FAILURE_SHARE = Measure(
    "code_failure_share", "Upheld complaints with a Complaint Handling Code failure", "Code failures",
    "How often, when we found fault, the council had not followed the Complaint Handling Code",
    "Upheld decisions finding the council did not follow at least one provision of the Complaint Handling Code, "
    "as a share of upheld decisions", wording.plural("upheld decision"), lambda f: f.code_failure_share)
# From the council's own return (`upheld.stats.code_returns.ReturnFigures`).
STAGE1_IN_TIME = Measure(
    "stage1_in_time_rate", "Stage 1 complaints answered in time", "Stage 1 in time",
    "How often the council answered a complaint at its first stage within the Code's time",
    "Stage 1 complaints the council says it answered within the Complaint Handling Code's time, as a share of "
    "the stage 1 complaints it received", wording.plural("stage 1 complaint"), lambda f: f.stage1_in_time_rate)
STAGE2_IN_TIME = Measure(
    "stage2_in_time_rate", "Stage 2 complaints answered in time", "Stage 2 in time",
    "How often the council gave its final answer to a complaint within the Code's time",
    "Stage 2 complaints the council says it answered within the Complaint Handling Code's time, as a share of "
    "the stage 2 complaints it received", wording.plural("stage 2 complaint"), lambda f: f.stage2_in_time_rate)
OWN_STAGE2_PER_10K = Measure(
    "own_stage2_per_10k", "Council's own stage 2 complaints per 10,000 residents", "Own stage 2 per 10,000",
    "How many complaints reached the council's final stage, for the size of the population",
    "Complaints the council says reached the second stage of its own procedure, for each 10,000 people living in "
    "its area", wording.plural("stage 2 complaint"), lambda f: f.own_stage2_per_residents, residents=10_000)

# The measures of the pages and letters from 2018-19, in their order.
HEADLINE = (UPHOLD_RATE, UPHELD_PER_100K, COMPLIANCE_RATE, SATISFACTORY_REMEDY_RATE)
# Every measure, in the map's order.
MEASURES = (UPHOLD_RATE, UPHELD_PER_100K, COMPLIANCE_RATE, SATISFACTORY_REMEDY_RATE, RECEIVED_PER_10K)
BY_KEY = {measure.key: measure for measure in MEASURES}
# The Complaint Handling Code's measures: from casework, then from councils' own returns, which go beside
# complaints reaching the Ombudsman per 10,000 residents (`RECEIVED_PER_10K`, over the councils with a return).
CODE_MEASURES = (CODE_FAILURE_SHARE, STAGE1_IN_TIME, STAGE2_IN_TIME, OWN_STAGE2_PER_10K)
