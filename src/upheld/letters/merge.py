"""Merge fields: the letter text staff write once a year, filled in for each council.

Staff write the subject and body in Django template syntax (`{{ council }}`,
`{% if courses_delivered %}…{% endif %}`). They are rendered by an engine of
their own, not the site's: no template loaders, no tag libraries to load, no
autoescaping (the output is plain text, escaped later for HTML or Typst), and a
context of plain strings and numbers only, so a letter text can reach nothing
but the figures it is meant to print.

The body is plain text in paragraphs separated by blank lines; a paragraph that
starts with `## ` is a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.template import Context, Engine, TemplateSyntaxError

MERGE_FIELDS = {
    "council": "the council's official name",
    "council_short": "the council's short name",
    "chief_executive": "the chief executive's name (empty when not known)",
    "year": "the reporting year, e.g. 2017-18",
    "period": "e.g. 1 April 2017 to 31 March 2018",
    "year_end": "e.g. 31 March 2018",
    "letter_year": "the calendar year of the letter date, e.g. 2018",
    "received": "complaints and enquiries received",
    "decisions": "decisions made",
    "detailed_investigations": "detailed investigations (Upheld + Not Upheld)",
    "upheld": "upheld decisions",
    "uphold_rate": "upheld ÷ detailed investigations, e.g. 57% (- when none)",
    "remedied_by_ombudsman": "upheld complaints remedied by the Ombudsman",
    "remedied_by_authority": "upheld complaints the council remedied satisfactorily before the Ombudsman was involved",
    "compliance_outcomes": "compliance outcomes recorded",
    "compliance_rate": "recommendations complied with, e.g. 100% (- when none)",
    "satisfactory_remedy_rate": "upheld complaints the council had already remedied satisfactorily, e.g. 14%",
    "upheld_per_100k": "upheld decisions per 100,000 residents, e.g. 3.3",
    "not_for_us": "decisions that the complaint was not for us (incomplete, advice given, referred back)",
    "assessed_and_closed": "decisions Closed After Initial Enquiries",
    "similar_authorities": "the council's comparison group, e.g. Metropolitan Boroughs",
    "similar_uphold_rate": "the pooled uphold rate of similar authorities",
    "similar_compliance_rate": "the pooled compliance rate of similar authorities",
    "similar_satisfactory_remedy_rate": "the pooled satisfactory remedy rate of similar authorities",
    "similar_upheld_per_100k": "similar authorities' upheld decisions per 100,000 residents",
    "measure_count": "how many measures the statistics page gives, in words, e.g. four",
    "measures": "each measure the statistics page gives, with what it means, in the words of every page",
    "courses_delivered": "training sessions delivered in the year: the training programme's records, else the "
                         "totals entered under Training years (empty when neither)",
    "people_trained": "people trained in the year, from the same source (empty when neither)",
    "return_received": "the day we received the council's self-assessment against the Complaint Handling Code for "
                       "the year, e.g. 12 September 2026: of the version published when the letters were issued "
                       "(empty when none was)",
    "return_due": "when the year's self-assessments are due, e.g. 30 September 2026 (empty before 2024-25)",
    "return_url": "the address of the council's page of the year on our website, where its self-assessment is",
    "report_url": "the link to the council's annual complaints report, from its published self-assessment (empty "
                  "when none)",
    "stage1_received": "stage 1 complaints the council received, from its published self-assessment",
    "stage2_received": "stage 2 complaints the council received, from its published self-assessment",
    "stage1_in_time_rate": "stage 1 complaints the council answered within the Code's time, e.g. 85%",
    "stage2_in_time_rate": "stage 2 complaints the council answered within the Code's time, e.g. 70%",
    "own_stage2_per_10k": "the council's own stage 2 complaints per 10,000 residents, e.g. 2.1",
    "received_per_10k": "complaints and enquiries about the council we received per 10,000 residents, beside "
                        "own_stage2_per_10k, e.g. 0.4",
    "similar_stage1_in_time_rate": "the same for similar authorities with a published self-assessment, pooled",
    "similar_stage2_in_time_rate": "the same for similar authorities with a published self-assessment, pooled",
    "similar_own_stage2_per_10k": "the same for similar authorities with a published self-assessment, pooled",
    "code_failures": "upheld decisions in which we found the council did not follow the Code (from 2026-27)",
    "code_failure_share": "those as a share of upheld decisions, e.g. 13% (- when none upheld)",
    "code_failures_by_provision": "each provision found not followed, with how many upheld decisions, most often "
                                  "first, e.g. 6.2 Stage 1 answered in time (2)",
}

_MISSING = "\x00missing:%s\x00"
_MISSING_NAME = re.compile("\x00missing:(.*?)\x00")
_ENGINE = Engine(autoescape=False, libraries={})
_CHECKING_ENGINE = Engine(autoescape=False, libraries={}, string_if_invalid=_MISSING)


@lru_cache(maxsize=32)
def _template(text: str):
    """Compiled once per text: a batch fills the same text in for every council."""
    return _ENGINE.from_string(text)


def render(text: str, fields: dict[str, object]) -> str:
    """`text` with its merge fields filled in from `fields`, as plain text: the Context's own
    autoescape (on by default, whatever the engine says) would otherwise turn "O'Neill" into
    "O&#x27;Neill", printed as such in the PDF and escaped a second time in the HTML."""
    return _template(text).render(Context(fields, autoescape=False, use_l10n=False))


def problems(text: str) -> list[str]:
    """What is wrong with a letter text, for the admin form: bad syntax or unknown merge fields."""
    try:
        output = _CHECKING_ENGINE.from_string(text).render(Context(dict.fromkeys(MERGE_FIELDS, "1"), use_l10n=False))
    except TemplateSyntaxError as error:
        return [str(error)]
    except Exception as error:  # any failure to fill in is the author's to fix, so it is shown in the form
        return [f"cannot be filled in: {error}"]
    unknown = sorted(set(_MISSING_NAME.findall(output)))
    return [f"unknown merge field {{{{ {name} }}}}" for name in unknown]


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph of the letter, as plain text."""

    text: str
    heading: bool = False


def blocks(text: str) -> tuple[Block, ...]:
    """Rendered body text → headings and paragraphs; line breaks inside a paragraph are spaces."""
    found = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        words = " ".join(chunk.split())
        if words.startswith("## "):
            found.append(Block(words[3:].strip(), heading=True))
        elif words:
            found.append(Block(words))
    return tuple(found)
