"""The figures that make demonstration data look like a real scheme's.

National pages, maps and comparisons only look real if the synthetic records
add up to what the Ombudsman actually published, so the national series of
the domain notes is the target (years it does not give are filled with
plausible values), and the mix of councils, categories and outcomes follows
how English local government is organised: counties run adult care,
children's services and highways; districts run housing, planning, benefits
and bins; unitaries, metropolitan and London boroughs run everything.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from upheld.authorities.models import AuthorityType
from upheld.casework.vocabulary import Category, Outcome, Remedy
from upheld.years import ReportingYear


@dataclass(frozen=True)
class NationalYear:
    """What the scheme reported for local government in one year."""

    received: int  # complaints and enquiries received
    uphold_rate: float  # upheld ÷ detailed investigations
    investigated: float  # detailed investigations ÷ decisions
    compliance: float  # (complied + complied late) ÷ compliance outcomes


# Published figures where the domain notes give them; the others are filled in.
NATIONAL_SERIES = {
    2014: NationalYear(19_000, 0.46, 0.23, 0.996),
    2015: NationalYear(19_702, 0.51, 0.23, 0.996),
    2016: NationalYear(16_863, 0.54, 0.23, 0.996),
    2017: NationalYear(17_452, 0.57, 0.23, 0.996),  # 4,020 investigations
    2018: NationalYear(16_899, 0.58, 0.25, 0.994),  # 4,234 investigations
    2019: NationalYear(17_019, 0.61, 0.23, 0.994),
    2020: NationalYear(11_830, 0.67, 0.23, 0.995),
    2021: NationalYear(14_500, 0.66, 0.23, 0.997),
    2022: NationalYear(15_500, 0.74, 0.23, 0.996),
    2023: NationalYear(17_900, 0.80, 0.24, 0.996),  # 4,003 investigations (some from 2022-23)
    2024: NationalYear(20_500, 0.83, 0.23, 0.997),
    2025: NationalYear(21_200, 0.82, 0.24, 0.996),
}
FIRST_YEAR = ReportingYear(min(NATIONAL_SERIES))
LAST_YEAR = ReportingYear(max(NATIONAL_SERIES))

# No new complaints were accepted while casework was paused for Covid-19.
COVID_PAUSE = (datetime.date(2020, 3, 26), datetime.date(2020, 6, 29))

# Complaints per resident relative to a metropolitan borough: a district does
# fewer things, and a county's residents also complain to their district.
TYPE_RATE = {
    AuthorityType.LONDON: 1.6,
    AuthorityType.METROPOLITAN: 1.0,
    AuthorityType.UNITARY: 0.95,
    AuthorityType.COUNTY: 0.6,
    AuthorityType.DISTRICT: 0.35,
}
# Shape of the gamma-distributed council effect (mean 1): 4 gives councils of
# the same type and size volumes that differ by about half either way.
COUNCIL_EFFECT_SHAPE = 4.0
# Spread, on the log-odds scale, of how often each council is found at fault
# and of how often it has put things right before we were involved.
COUNCIL_UPHOLD_SPREAD = 0.35
COUNCIL_REMEDY_SPREAD = 0.5

_ALL_PURPOSE = {
    Category.ADULT_CARE: 18, Category.BENEFITS_TAX: 8, Category.CORPORATE: 7,
    Category.EDUCATION_CHILDREN: 17, Category.ENVIRONMENT: 8, Category.HIGHWAYS: 10,
    Category.HOUSING: 13, Category.PLANNING: 9, Category.OTHER: 1.5,
}
# Relative weight of each category in a council's complaints, by type.
CATEGORY_MIX = {
    AuthorityType.COUNTY: {
        Category.ADULT_CARE: 35, Category.BENEFITS_TAX: 1, Category.CORPORATE: 6,
        Category.EDUCATION_CHILDREN: 35, Category.ENVIRONMENT: 4, Category.HIGHWAYS: 17,
        Category.HOUSING: 0.5, Category.PLANNING: 2, Category.OTHER: 1.5,
    },
    AuthorityType.DISTRICT: {
        Category.ADULT_CARE: 0.5, Category.BENEFITS_TAX: 14, Category.CORPORATE: 12,
        Category.EDUCATION_CHILDREN: 0.5, Category.ENVIRONMENT: 18, Category.HIGHWAYS: 7,
        Category.HOUSING: 22, Category.PLANNING: 24, Category.OTHER: 2,
    },
    AuthorityType.UNITARY: _ALL_PURPOSE,
    AuthorityType.METROPOLITAN: _ALL_PURPOSE,
    AuthorityType.LONDON: _ALL_PURPOSE | {
        Category.HOUSING: 20, Category.PLANNING: 6, Category.HIGHWAYS: 12,
    },
}

# How decisions divide between the stages before investigation (the rest of
# each year's decisions are detailed investigations).
ASSESSMENT_MIX = {
    Outcome.INCOMPLETE_INVALID: 7,
    Outcome.ADVICE_GIVEN: 4,
    Outcome.REFERRED_BACK: 36,
    Outcome.CLOSED_AFTER_INITIAL: 30,
}
INVESTIGATION = "investigation"  # the stage that ends Upheld or Not Upheld

# Days from receipt to decision: (fixed minimum, gamma shape, gamma scale).
# Premature complaints go back within days; investigations take months.
DECISION_LAG = {
    Outcome.INCOMPLETE_INVALID: (2, 1.0, 10.0),
    Outcome.ADVICE_GIVEN: (1, 1.0, 5.0),
    Outcome.REFERRED_BACK: (1, 1.0, 6.0),
    Outcome.CLOSED_AFTER_INITIAL: (10, 2.0, 20.0),
    INVESTIGATION: (30, 2.0, 40.0),
}

# Upheld decisions: the authority had already put things right before we were
# involved, or there was fault but no injustice to remedy; the rest are
# remedied by our recommendations.
SATISFACTORY_REMEDY_RATE = 0.12
NO_REMEDY_RATE = 0.06
COMPLIED_LATE_RATE = 0.10  # of the outcomes that complied

# Every remedy by the Ombudsman has a personal remedy (an apology or a
# payment); some also put the matter itself right or improve a service.
PUTTING_RIGHT_RATE = 0.5
SERVICE_IMPROVEMENT_RATE = 0.45
PERSONAL_DUE_DAYS = 30
SERVICE_DUE_DAYS = 90


@dataclass(frozen=True)
class ReferenceTables:
    """A council-year whose tables must come out exactly as published."""

    gss: str
    year: ReportingYear
    received: dict[str, int]  # category → cases received
    decisions: dict[str, int]  # outcome → decisions made
    remedies: dict[str, int]  # remedy → upheld decisions

    def __post_init__(self) -> None:
        if sum(self.remedies.values()) != self.decisions[Outcome.UPHELD]:
            raise ValueError(f"{self.gss} {self.year}: every upheld decision needs one remedy")


# The 2017-18 tables of the reference letter to Sefton.
SEFTON_2017_18 = ReferenceTables(
    gss="E08000014",
    year=ReportingYear(2017),
    received=dict(zip(Category.values, [19, 6, 6, 14, 2, 4, 1, 6, 1], strict=True)),
    decisions=dict(zip(Outcome.values, [4, 0, 24, 14, 9, 12], strict=True)),
    remedies={Remedy.BY_OMBUDSMAN: 10, Remedy.SATISFACTORY_BY_AUTHORITY: 0, Remedy.NONE: 2},
)
REFERENCE_TABLES = (SEFTON_2017_18,)
