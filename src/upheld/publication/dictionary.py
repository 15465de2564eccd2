"""The data dictionary of the open data: every column, what it means, how it is
defined (DESIGN §3) and when it is empty.

A reader of a download cannot ask us what a column means, so the dictionary
travels with the data: as a page, as a CSV, and as a sheet of each workbook.
Its columns are those of `upheld stats --format csv` (the flattened JSON of
`upheld.stats.annual.council_json`), in the same order; a test holds the two
to each other, so a new figure cannot ship undocumented.

The tidy file of every year (`upheld.publication.tidy`) has columns of its
own (`TIDY_COLUMNS`), most of them a per-year column under a snake_case name,
and one row per figure column (`Column.figure`). Each column's Table Schema
type is here too, so the data package (`upheld.publication.datapackage`)
describes the files in the dictionary's words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from upheld.casework.vocabulary import Category, Outcome
from upheld.code.returns import FIGURES as OWN_FIGURES
from upheld.stats.measures import MINIMUM_BASE
from upheld.stats.registry import (
    CODE_FAILURE_SHARE,
    COMPLIANCE_RATE,
    HEADLINE,
    OWN_STAGE2_PER_10K,
    RECEIVED_PER_10K,
    SATISFACTORY_REMEDY_RATE,
    STAGE1_IN_TIME,
    STAGE2_IN_TIME,
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
    type: str = "integer"  # its Table Schema type (integer, number, string, boolean)
    figure: bool = True  # a figure, one row of the tidy file; False for what describes the council and year
    measure: Measure | None = None  # the registry's measure, for a rate or a figure per residents
    pooled: bool = False  # the measure of the council's similar authorities together, not of the council
    returns: bool = False  # from councils' accepted self-assessment returns (`upheld.stats.code_returns`)

    @property
    def required(self) -> bool:
        """Never empty: the data package marks it required, so a validator checks it."""
        return self.when_empty in (NEVER_EMPTY, ALWAYS_GIVEN)

    @property
    def json_key(self) -> str:
        """Where the value sits in the JSON download's council objects, as a JSON Pointer (RFC 6901)."""
        return "/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in self.name.split(": "))

    def row(self) -> tuple[str, str, str, str, str]:
        return self.name, self.json_key, self.meaning, self.definition, self.when_empty


def _rate(name: str, measure: Measure, definition: str) -> Column:
    return Column(name, f"{measure.description}.", f"{definition} {PERCENT}",
                  NOT_APPLICABLE.format(base=f"the number of {measure.base_noun[1]}"), measure=measure)


def _similar(measure: Measure) -> Column:
    return Column(f"similar_authorities: {measure.key}", f"{measure.label}, for all similar authorities together.",
                  POOLED, "Empty (null in JSON) when the group's denominator is 0.", measure=measure, pooled=True)


def _small_base(measure: Measure) -> Column:
    return Column(f"small_base: {measure.key}", f"Whether {measure.label.lower()} rests on too few cases to compare.",
                  f"True when based on {measure.small_base_rule} (or none), False otherwise (true or false in "
                  f"JSON). Pages show such a figure with “{TOO_FEW.lower()}”: it is never called above or below "
                  "the national limits, nor a change from the year before beyond chance.", ALWAYS_GIVEN, "boolean",
                  figure=False)


CODE_NOT_APPLIED = ("Not applicable: the Complaint Handling Code applies to decisions made from "
                    "1 April 2026")
NO_RETURN = "No accepted self-assessment return for the year"
OWN = ("From the council's self-assessment return for the year, the version a publisher accepted (a return "
       "not accepted is never published).")
OWN_EMPTY = f"Empty (null in JSON) when there is no accepted return for the year: “{NO_RETURN}”."


def _own_rate(measure: Measure, definition: str) -> Column:
    return Column(f"code: {measure.key}", f"{measure.description}.", f"{definition} {OWN}",
                  f"{OWN_EMPTY} Also when {measure.missing}.", "number" if measure.residents else "integer",
                  measure=measure, returns=True)


def _own_similar(measure: Measure) -> Column:
    return Column(f"code: similar_authorities: {measure.key}",
                  f"{measure.label}, for the similar authorities with an accepted return, together.",
                  f"{POOLED} Only councils of the group with an accepted return for the year count.",
                  "Empty (null in JSON) when no council of the group has an accepted return (or the group's "
                  "denominator is 0).", "number" if measure.residents else "integer", measure=measure,
                  pooled=True, returns=True)


# The Complaint Handling Code's columns (`upheld.stats.code_returns.code_json`): after every other column.
CODE_COLUMNS: tuple[Column, ...] = (
    Column("code: failures: upheld_with_failure",
           "Upheld decisions finding the council did not follow the Complaint Handling Code.",
           "Upheld decisions in the year with at least one Code failure recorded; by decision date. The Ombudsman "
           "applies the Code to decisions made from 1 April 2026, so 0 before."),
    Column("code: failures: share", f"{CODE_FAILURE_SHARE.description}.",
           f"Upheld decisions with a Code failure ÷ Upheld. {PERCENT}",
           f"When there are no upheld decisions, and in years before the Code applied: “{CODE_NOT_APPLIED}”.",
           measure=CODE_FAILURE_SHARE),
    Column("code: return: status", "Whether the council's self-assessment return for the year is published.",
           "“accepted” when a publisher accepted a version of it (its figures are in the columns below), "
           "“none” otherwise: not sent, or not yet accepted.", ALWAYS_GIVEN, "string", figure=False),
    Column("code: return: report_url", "The council's annual complaints performance and service improvement "
           "report, as its accepted return links to it.", OWN, OWN_EMPTY + " Also when the return gives no link.",
           "string", figure=False),
    *(Column(f"code: own: {name}", f"{label}, as the council reports it.", OWN, OWN_EMPTY, returns=True)
      for name, label in OWN_FIGURES),
    _own_rate(STAGE1_IN_TIME, "Stage 1 answered within the Code's time ÷ stage 1 complaints received."),
    _own_rate(STAGE2_IN_TIME, "Stage 2 answered within the Code's time ÷ stage 2 complaints received."),
    _own_rate(OWN_STAGE2_PER_10K, "Stage 2 complaints received ÷ population × 10,000, to one decimal place, "
              "rounded half up."),
    _own_rate(RECEIVED_PER_10K, "Complaints and enquiries the Ombudsman received about the council in the year ÷ "
              "population × 10,000, to one decimal place, rounded half up: to read beside the council's own "
              "stage 2 complaints per 10,000."),
    Column("code: similar_authorities: returns",
           "The councils of the same type with an accepted return for the year.",
           "Counted over the councils of the group in the year's figures."),
    *(_own_similar(measure) for measure in (STAGE1_IN_TIME, STAGE2_IN_TIME, OWN_STAGE2_PER_10K, RECEIVED_PER_10K)),
)

COLUMNS: tuple[Column, ...] = (
    Column("authority: gss", "The council's ONS GSS code (its current code).",
           "From the councils register; a council recoded by ONS is listed under its current code.", ALWAYS_GIVEN,
           "string", figure=False),
    Column("authority: name", "The council's official name.", "From the councils register.", ALWAYS_GIVEN,
           "string", figure=False),
    Column("authority: type", "The council's type: its group of similar authorities.",
           "County Councils, District Councils, Metropolitan Boroughs, Unitary Councils or London Boroughs.",
           ALWAYS_GIVEN, "string", figure=False),
    Column("year", "The reporting year.",
           "1 April to 31 March inclusive, written like 2012-13 for the year ended 31 March 2013.", ALWAYS_GIVEN,
           "string", figure=False),
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
           "not known.", "number", measure=UPHELD_PER_100K),
    Column("population: value", "The council's population used for the rate per 100,000 residents.",
           "ONS's mid-year estimate inside the reporting year (mid-2023 for 2023-24), loaded by `upheld setup`, or "
           "one imported for the year; where there is none, the council's latest estimate before the year, "
           "otherwise the ONS mid-2020 estimate.",
           "Empty (null in JSON) when no estimate is known.", figure=False),
    Column("population: basis", "Which estimate the population is.",
           "The estimate in words, e.g. “ONS mid-2023 estimate”, or “2023-24 estimate” for one imported for "
           "the year. Versions published before these words were used say the reporting year, or 2020 for "
           "the ONS mid-2020 estimate.",
           "Empty (null in JSON) when no estimate is known.", "string", figure=False),
    Column("overview: dealt with", "Complaints and enquiries dealt with in the year.", "All decisions."),
    Column("overview: not for us", "Complaints and enquiries that were not for the Ombudsman.",
           "Incomplete or Invalid + Advice Given + Referred back for Local Resolution."),
    Column("overview: assessed and closed", "Complaints assessed and closed without an investigation.",
           "Closed After Initial Enquiries."),
    Column("overview: investigated", "Complaints investigated in detail.", "Upheld + Not Upheld."),
    Column("similar_authorities: group", "The group of similar authorities the averages are for.",
           "The council's type.", ALWAYS_GIVEN, "string", figure=False),
    _similar(UPHOLD_RATE),
    _similar(COMPLIANCE_RATE),
    _similar(SATISFACTORY_REMEDY_RATE),
    Column("similar_authorities: upheld_per_100k", f"{UPHELD_PER_100K.label}, for all similar authorities "
           "together.", "The upheld decisions of the group's councils whose population is known ÷ "
           "their population × 100,000, to one decimal place.", "Empty (null in JSON) when no population is known.",
           "number", measure=UPHELD_PER_100K, pooled=True),
    *(_small_base(measure) for measure in HEADLINE),
    *CODE_COLUMNS,
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

BY_NAME = {column.name: column for column in COLUMNS}


def _renamed(name: str, column: str) -> Column:
    """A per-year column as the tidy file names it, in the same words."""
    return replace(BY_NAME[column], name=name)


# The tidy file's columns: the council and year on every row, then one figure of the year's file.
TIDY_COLUMNS: tuple[Column, ...] = (
    BY_NAME["year"],
    Column("version", "The version of the year's figures the row is from: 1 as released, 2 after the first "
           "revision, and so on.", "Always the newest version of the year, as the year's files are by default.",
           ALWAYS_GIVEN, figure=False),
    _renamed("gss_code", "authority: gss"),
    _renamed("council", "authority: name"),
    _renamed("council_type", "authority: type"),
    _renamed("population", "population: value"),
    _renamed("population_basis", "population: basis"),
    Column("measure", "What the figure counts or measures.",
           "With category, the column of the year's file the figure is in: measure `received` and category "
           "`Housing` are the column `received: Housing`; that column's entry in this dictionary defines it.",
           ALWAYS_GIVEN, "string", figure=False),
    Column("category", "The part of the measure the figure is for: a category of complaint, an outcome, a kind "
           "of remedy, or which of the similar authorities' measures.", "The part of the year's column after "
           "“: ”.", "When the measure has no parts (`uphold_rate`, `detailed_investigations`, …).", "string",
           figure=False),
    Column("value", "The figure: a count, a whole-number percentage, or a figure per 100,000 residents to one "
           "decimal place.", "Exactly the value of the year's file, defined by its column's entry in this "
           "dictionary.", "When the figure is not applicable: `note` says why. Never written as 0.", "number",
           figure=False),
    Column("base", "What a rate is a share of, or the count a figure per residents is made of.",
           "The number of cases the figure rests on (for similar authorities, of all of them together).",
           "For counts, which have no base.", figure=False),
    Column("small_base", "Whether the figure rests on too few cases to compare.",
           f"True when its base is fewer than {MINIMUM_BASE} (or none), False otherwise. Pages show such a "
           f"figure with “{TOO_FEW.lower()}”.", "For counts, which have no base.", "boolean", figure=False),
    Column("note", "Why a figure is empty, or that it rests on too few cases to compare.",
           f"“{HEADLINE[0].not_applicable}” and the like, or “{TOO_FEW}: fewer than {MINIMUM_BASE} …”, in "
           "the words of the pages.", "When the figure is given on enough cases, and for counts.", "string",
           figure=False),
)


def rows() -> list[tuple[str, ...]]:
    """The dictionary as table rows, header first: for the CSV and the workbooks' sheet."""
    return [HEADERS, *(column.row() for column in COLUMNS)]
