"""The data dictionary of the open data: every column, what it means, how it is
defined (DESIGN §3) and when it is empty.

A reader of a download cannot ask us what a column means, so the dictionary
travels with the data: as a page, as a CSV, and as a sheet of each workbook.
Its columns are those of `upheld stats --format csv` (the flattened JSON of
`upheld.stats.annual.council_json`), in the same order; a test holds the two
to each other, so a new figure cannot ship undocumented.
"""

from __future__ import annotations

from dataclasses import dataclass

from upheld.casework.vocabulary import Category, Outcome
from upheld.stats.registry import (
    COMPLIANCE_RATE,
    HEADLINE,
    SATISFACTORY_REMEDY_RATE,
    UPHELD_PER_100K,
    UPHOLD_RATE,
    Measure,
)
from upheld.stats.wording import NOT_APPLICABLE as DASH
from upheld.stats.wording import TOO_FEW

HEADERS = ("Column", "JSON key", "Meaning", "Definition", "When empty")

NEVER_EMPTY = "Never: 0 when there is nothing to count."
ALWAYS_GIVEN = "Never."
YEAR = "in the reporting year (1 April to 31 March)"
NOT_APPLICABLE = (f"Empty in CSV and spreadsheets, null in JSON, “{DASH}” on pages and in letters, when {{base}} is 0: "
                  "the rate is not applicable (never 0%).")
PERCENT = "A whole-number percentage, rounded half up (12.5% becomes 13%)."
POOLED = ("Pooled over every council of the same type in the year: the sum of their numerators divided by the sum "
          "of their denominators, not an average of their rates.")


@dataclass(frozen=True)
class Column:
    name: str  # the CSV and spreadsheet header
    meaning: str
    definition: str
    when_empty: str = NEVER_EMPTY

    @property
    def json_key(self) -> str:
        """Where the value sits in the JSON download's council objects, as a JSON Pointer (RFC 6901)."""
        return "/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in self.name.split(": "))

    def row(self) -> tuple[str, str, str, str, str]:
        return self.name, self.json_key, self.meaning, self.definition, self.when_empty


def _rate(name: str, measure: Measure, definition: str) -> Column:
    return Column(name, f"{measure.description}.", f"{definition} {PERCENT}",
                  NOT_APPLICABLE.format(base=f"the number of {measure.base_noun[1]}"))


def _similar(measure: Measure) -> Column:
    return Column(f"similar_authorities: {measure.key}", f"{measure.label}, for all similar authorities together.",
                  POOLED, "Empty (null in JSON) when the group's denominator is 0.")


def _small_base(measure: Measure) -> Column:
    return Column(f"small_base: {measure.key}", f"Whether {measure.label.lower()} rests on too few cases to compare.",
                  f"True when based on {measure.small_base_rule} (or none), False otherwise (true or false in "
                  f"JSON). Pages show such a figure with “{TOO_FEW.lower()}”: it is never called above or below "
                  "the national limits, nor a change from the year before beyond chance.", ALWAYS_GIVEN)


COLUMNS: tuple[Column, ...] = (
    Column("authority: gss", "The council's ONS GSS code (its current code).",
           "From the councils register; a council recoded by ONS is listed under its current code.", ALWAYS_GIVEN),
    Column("authority: name", "The council's official name.", "From the councils register.", ALWAYS_GIVEN),
    Column("authority: type", "The council's type: its group of similar authorities.",
           "County Councils, District Councils, Metropolitan Boroughs, Unitary Councils or London Boroughs.",
           ALWAYS_GIVEN),
    Column("year", "The reporting year.",
           "1 April to 31 March inclusive, written like 2012-13 for the year ended 31 March 2013.", ALWAYS_GIVEN),
    *(Column(f"received: {label}", f"Complaints and enquiries about {label} received {YEAR}.",
             "Counted by the date received.") for label in Category.labels),
    Column("received: Total", f"All complaints and enquiries received {YEAR}.",
           "The sum of the received columns; counted by the date received."),
    *(Column(f"decisions: {label}", f"Decisions {YEAR} with the outcome {label}.",
             "Counted by the date of the decision, whatever year the case was received in.")
      for label in Outcome.labels),
    Column("decisions: Total", f"All decisions {YEAR}.", "The sum of the decisions columns."),
    Column("detailed_investigations", "Detailed investigations decided in the year.", "Upheld + Not Upheld."),
    _rate("uphold_rate", UPHOLD_RATE, "Upheld ÷ (Upheld + Not Upheld)."),
    Column("remedied: by ombudsman", "Upheld decisions remedied by the Ombudsman.",
           "Upheld decisions in which the council agreed to the Ombudsman's recommendations; by decision date."),
    Column("remedied: satisfactory by authority",
           "Upheld decisions the council had already remedied before the Ombudsman's involvement.",
           "Upheld decisions with a satisfactory remedy by the authority; by decision date."),
    Column("compliance: outcomes", "Compliance outcomes recorded in the year.",
           "Checks of the council's evidence that it did what was recommended; by the date recorded."),
    Column("compliance: complied", "Compliance outcomes in which the council complied, on time or late.",
           "Complied + complied late."),
    _rate("compliance: rate", COMPLIANCE_RATE, "(Complied + complied late) ÷ compliance outcomes."),
    _rate("satisfactory_remedy_rate", SATISFACTORY_REMEDY_RATE,
          "Upheld decisions remedied satisfactorily by the authority before the Ombudsman's involvement ÷ Upheld."),
    Column("upheld_per_100k", f"{UPHELD_PER_100K.description}.",
           "Upheld ÷ population × 100,000, to one decimal place, rounded half up.",
           f"Empty in CSV and spreadsheets, null in JSON, “{DASH}” on pages and in letters, when the population is "
           "not known."),
    Column("population: value", "The council's population used for the rate per 100,000 residents.",
           "ONS's mid-year estimate inside the reporting year (mid-2023 for 2023-24), loaded by `upheld setup`, or "
           "one imported for the year; where there is none, the council's latest estimate before the year, "
           "otherwise the ONS mid-2020 estimate.",
           "Empty (null in JSON) when no estimate is known."),
    Column("population: basis", "Which estimate the population is.",
           "The estimate in words, e.g. “ONS mid-2023 estimate”, or “2023-24 estimate” for one imported for "
           "the year. Versions published before these words were used say the reporting year, or 2020 for "
           "the ONS mid-2020 estimate.",
           "Empty (null in JSON) when no estimate is known."),
    Column("overview: dealt with", "Complaints and enquiries dealt with in the year.", "All decisions."),
    Column("overview: not for us", "Complaints and enquiries that were not for the Ombudsman.",
           "Incomplete or Invalid + Advice Given + Referred back for Local Resolution."),
    Column("overview: assessed and closed", "Complaints assessed and closed without an investigation.",
           "Closed After Initial Enquiries."),
    Column("overview: investigated", "Complaints investigated in detail.", "Upheld + Not Upheld."),
    Column("similar_authorities: group", "The group of similar authorities the averages are for.",
           "The council's type.", ALWAYS_GIVEN),
    _similar(UPHOLD_RATE),
    _similar(COMPLIANCE_RATE),
    _similar(SATISFACTORY_REMEDY_RATE),
    Column("similar_authorities: upheld_per_100k", f"{UPHELD_PER_100K.label}, for all similar authorities "
           "together.", "The upheld decisions of the group's councils whose population is known ÷ "
           "their population × 100,000, to one decimal place.", "Empty (null in JSON) when no population is known."),
    *(_small_base(measure) for measure in HEADLINE),
)

NOTES = (
    "One row per council that existed for any part of the year; a council abolished or created during the year "
    "has figures for its part of the year only.",
    "Decisions made in a year include decisions on complaints received in earlier years, so received and decided "
    "totals need not match.",
    "Small numbers mislead: read every rate with its base (the column it is divided by). Councils with few detailed "
    "investigations can show very high or very low rates by chance. The small_base columns mark the figures that "
    "rest on too few cases to compare.",
)


def rows() -> list[tuple[str, ...]]:
    """The dictionary as table rows, header first: for the CSV and the workbooks' sheet."""
    return [HEADERS, *(column.row() for column in COLUMNS)]
