"""The shapes of the API's answers, as the OpenAPI schema states them and ninja checks them.

The statistics object is DESIGN §4's (`upheld.stats.annual.council_json`), whose keys are the names
the letters print ("Adult Care Services", "by ombudsman"): its schemas are built from the same
vocabularies, with those names as aliases, so a category added there is a key here too. Endpoints
that use them serialise by alias.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.db.models import TextChoices
from ninja import Field, Schema
from pydantic import create_model

from upheld.casework.vocabulary import Category, Outcome
from upheld.code import returns as code_returns
from upheld.stats import registry


class ParameterError(Schema):
    parameter: str
    location: str = Field(description="query or path")
    message: str


class Error(Schema):
    detail: str = Field(description="What went wrong, in words")
    errors: list[ParameterError] | None = Field(None, description="Each parameter that could not be used (422)")


def _named_counts(name: str, choices: type[TextChoices]) -> type[Schema]:
    """{label: count for each choice, "Total": sum}, as `council_json` writes counts."""
    fields = {value: (int, Field(alias=label)) for value, label in choices.choices}
    return create_model(name, __base__=Schema, **fields, Total=(int, ...))


CategoryCounts = _named_counts("CategoryCounts", Category)
OutcomeCounts = _named_counts("OutcomeCounts", Outcome)
Percent = int | None


def _described(measure: registry.Measure):
    """A measure's field, described in the registry's words."""
    return Field(description=f"{measure.label}: {measure.description[0].lower()}{measure.description[1:]}")


class Remedied(Schema):
    by_ombudsman: int = Field(alias="by ombudsman")
    satisfactory_by_authority: int = Field(alias="satisfactory by authority")


class Compliance(Schema):
    outcomes: int
    complied: int = Field(description="Complied, on time or late")
    rate: Percent = _described(registry.COMPLIANCE_RATE)


class Population(Schema):
    value: int | None
    basis: str | None = Field(description="Which estimate it is, e.g. “ONS mid-2023 estimate” (versions published "
                                          "before then say the year of the estimate, or 2020)")


class Overview(Schema):
    dealt_with: int = Field(alias="dealt with")
    not_for_us: int = Field(alias="not for us")
    assessed_and_closed: int = Field(alias="assessed and closed")
    investigated: int


class Rates(Schema):
    uphold_rate: Percent = _described(registry.UPHOLD_RATE)
    compliance_rate: Percent = _described(registry.COMPLIANCE_RATE)
    satisfactory_remedy_rate: Percent = _described(registry.SATISFACTORY_REMEDY_RATE)
    upheld_per_100k: float | None = _described(registry.UPHELD_PER_100K)


SmallBase = create_model("SmallBase", __base__=Schema, **{
    measure.key: (bool, Field(description=f"True when based on {measure.small_base_rule} (or none): too few cases "
                                          "to compare"))
    for measure in registry.HEADLINE})


class SimilarAuthorities(Rates):
    group: str


class AuthorityRef(Schema):
    gss: str
    name: str
    type: str


class CodeFailures(Schema):
    upheld_with_failure: int = Field(description="Upheld decisions finding the council did not follow at least one "
                                                 "provision of the Complaint Handling Code")
    share: Percent = Field(description=f"{registry.CODE_FAILURE_SHARE.label}: "
                                       f"{registry.CODE_FAILURE_SHARE.description[0].lower()}"
                                       f"{registry.CODE_FAILURE_SHARE.description[1:]}; null where there are no "
                                       "upheld decisions or the Code did not yet apply (decisions from 1 April 2026)")


class ReturnStatus(Schema):
    status: Literal["accepted", "none"] = Field(description="“accepted” when a publisher accepted the council's "
                                                           "self-assessment return for the year, “none” otherwise")
    report_url: str | None = Field(description="The council's annual complaints report, as its accepted return "
                                               "links to it")


OWN_FIGURES = {name: (int | None, Field(None, description=f"{label} (null without an accepted return)"))
               for name, label in code_returns.FIGURES}
OwnFigures = create_model("OwnFigures", __base__=Schema, **OWN_FIGURES)


class OwnRates(Schema):
    stage1_in_time_rate: Percent = _described(registry.STAGE1_IN_TIME)
    stage2_in_time_rate: Percent = _described(registry.STAGE2_IN_TIME)
    own_stage2_per_10k: float | None = _described(registry.OWN_STAGE2_PER_10K)
    received_per_10k: float | None = _described(registry.RECEIVED_PER_10K)


class SimilarReturns(OwnRates):
    returns: int = Field(description="Councils of the same type with an accepted return for the year: the rates "
                                     "are pooled over them")


class CodeFigures(OwnRates):
    """The Complaint Handling Code: failures found by the Ombudsman, and the council's own figures from its
    accepted self-assessment return (`upheld.stats.code_returns.code_json`)."""

    failures: CodeFailures
    return_: ReturnStatus = Field(alias="return")
    own: OwnFigures = Field(description="The council's own complaint figures from its accepted return")
    similar_authorities: SimilarReturns


class CouncilStatistics(Schema):
    """One council's figures for one year: exactly what `upheld stats --json` and the open data give."""

    authority: AuthorityRef
    year: str
    received: CategoryCounts
    decisions: OutcomeCounts
    detailed_investigations: int
    uphold_rate: Percent = _described(registry.UPHOLD_RATE)
    remedied: Remedied
    compliance: Compliance
    satisfactory_remedy_rate: Percent = _described(registry.SATISFACTORY_REMEDY_RATE)
    upheld_per_100k: float | None = _described(registry.UPHELD_PER_100K)
    population: Population
    overview: Overview
    similar_authorities: SimilarAuthorities
    small_base: SmallBase = Field(description="For each measure, whether it rests on too few cases to compare")
    code: CodeFigures = Field(description="The Complaint Handling Code's measures and the council's own figures")


class Group(Rates):
    name: str
    councils: int


class CategoryShare(Schema):
    category: str
    received: int
    percent: Percent = Field(description="Share of all complaints and enquiries received")


class NationalFigures(Schema):
    year: str
    councils: int
    received: CategoryCounts
    received_shares: list[CategoryShare]
    decisions: OutcomeCounts
    detailed_investigations: int
    uphold_rate: Percent = _described(registry.UPHOLD_RATE)
    remedied: Remedied
    compliance: Compliance
    satisfactory_remedy_rate: Percent = _described(registry.SATISFACTORY_REMEDY_RATE)
    upheld_per_100k: float | None = _described(registry.UPHELD_PER_100K)
    overview: Overview
    by_type: list[Group]
    by_region: list[Group]


class Revision(Schema):
    version: int
    kind: str
    date: datetime.date
    cause: str
    scale: str


class YearLinks(Schema):
    statistics: str
    national: str
    returns: str = Field(description="The councils' accepted Complaint Handling Code self-assessment returns")
    open_data: str


class Year(Schema):
    year: str
    released: datetime.datetime
    version: int = Field(description="The version of the figures the API gives (1 as released)")
    revisions: list[Revision] = Field(description="Every revision since the release, newest first")
    links: YearLinks


class CouncilLinks(Schema):
    self: str
    page: str
    statistics: dict[str, str] = Field(description="The council's figures, by year")


class Council(Schema):
    gss: str
    name: str
    short_name: str
    type: str
    type_name: str
    region: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    replaced_by: list[str] = Field(description="GSS codes of the councils that took over its area")
    former_codes: list[str]
    years: list[str] = Field(description="Released years with figures for the council, newest first")
    links: CouncilLinks


class CouncilRef(Schema):
    gss: str
    name: str


class DecisionLinks(Schema):
    self: str
    page: str


class DecisionSummary(Schema):
    reference: str
    slug: str
    council: CouncilRef
    decided: datetime.date
    category: str
    subcategory: str
    outcome: str
    remedy: str | None
    service_improvement: bool
    summary: str
    links: DecisionLinks


class Section(Schema):
    heading: str
    paragraphs: list[str]


class Decision(DecisionSummary):
    sections: list[Section]
    remedies: list[str]
    service_improvements: list[str]


class ReportLinks(Schema):
    self: str | None = Field(description="The report in the API (public interest reports)")
    page: str


class ReportSummary(Schema):
    kind: Literal["public interest", "focus"]
    title: str
    date: datetime.date = Field(description="Issued (public interest) or published (focus)")
    council: CouncilRef | None
    categories: list[str] = Field(description="The service areas a focus report is about")
    summary: str
    links: ReportLinks


class PublicInterestLinks(Schema):
    self: str
    page: str
    pdf: str | None


class PublicInterestReport(Schema):
    id: int
    title: str
    council: CouncilRef
    issued: datetime.date
    summary: str
    notice_due: datetime.date
    notice_given: datetime.date | None
    response_due: datetime.date
    response_received: datetime.date | None
    outcome: str = Field(description="Where the council's duty to respond stands today")
    outcome_date: datetime.date | None
    follows: int | None = Field(description="The earlier report a further report follows")
    further_reports: list[int]
    links: PublicInterestLinks


class ProvisionAnswer(Schema):
    provision: str = Field(description="The provision's number in the Code, e.g. 5.3")
    title: str
    section: str
    answer: Literal["follows", "partly", "does not follow"]
    explanation: str = Field(description="Why the council does not (fully) follow it, in its own words")
    evidence_url: str | None


class ReturnLinks(Schema):
    self: str
    statistics: str | None = Field(description="The council's figures for the year, once they are released")


class CodeReturn(OwnRates):
    """A council's self-assessment return as a publisher accepted it: nothing of a return not accepted."""

    council: CouncilRef
    year: str
    version: int = Field(description="The accepted version (1 for the first submission)")
    submitted: datetime.datetime
    accepted: datetime.datetime | None
    report_url: str | None
    own: OwnFigures
    answers: list[ProvisionAnswer] = Field(description="One per provision of the Code, in the Code's order")
    links: ReturnLinks


def page_of(name: str, item: type[Schema], **extra) -> type[Schema]:
    """A page of a list: the items, how many there are in all, and the addresses of the pages around."""
    return create_model(
        name, __base__=Schema,
        count=(int, Field(description="Items in all pages")),
        page=(int, ...), pages=(int, ...), page_size=(int, ...),
        next=(str | None, Field(description="The next page; null on the last")),
        previous=(str | None, Field(description="The previous page; null on the first")),
        **extra,
        items=(list[item], ...),
    )
