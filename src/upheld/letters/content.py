"""One council's letter for one year, as plain data that both renderers read.

Everything a letter says is decided here, once: the merge fields filled into
the year's text, the address, the copy list and the statistics page (built by
`upheld.letters.reports` from the year's statistics). The HTML and Typst
renderers only lay it out, so the two formats cannot disagree, and a `Letter`
is plain picklable data that a worker process can render without a database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from upheld.authorities.models import ContactRole
from upheld.demo.marking import DEMONSTRATION, notice
from upheld.letters import merge
from upheld.letters.code_returns import code_fields
from upheld.letters.formats import Count, in_words, long_date, per_100k, period
from upheld.letters.merge import Block
from upheld.letters.reports import Report, layout_measures, measures_in_words, statistics_page
from upheld.stats.annual import CouncilYear, YearStatistics

SIGN_OFF = "Yours sincerely,"
COPIED_TO = (ContactRole.LINK_OFFICER, ContactRole.LEADER, ContactRole.SCRUTINY_CHAIR, ContactRole.MONITORING_OFFICER)


@dataclass(frozen=True)
class Letter:
    gss: str
    slug: str
    council: str  # the council's official name
    year: str
    title: str  # the document's title: subject and council
    sender: str
    date: datetime.date
    by_email: bool
    recipient: tuple[str, ...]
    salutation: str
    subject: str
    body: tuple[Block, ...]
    signatory: tuple[str, ...]
    copies: tuple[str, ...]
    report: Report
    revision: str = ""  # a revised letter's note on what was corrected (`upheld.letters.issue`)
    demonstration: bool = False  # built from demonstration data (`upheld.demo.marking`): marked as such

    @property
    def marking(self) -> str:
        """What the letter says on every page when its figures are synthetic; empty for a real letter."""
        return notice("a real ombudsman letter") if self.demonstration else ""

    @property
    def date_text(self) -> str:
        return long_date(self.date)

    @property
    def sign_off(self) -> str:
        return SIGN_OFF

    def filename(self, extension: str) -> str:
        """`E08000014-sefton-2017-18.pdf`; without an extension, the name of the council's folder."""
        stem = f"{self.gss}-{self.slug}-{self.year}"
        return f"{stem}.{extension}" if extension else stem


def merge_fields(statistics: YearStatistics, council: CouncilYear, letter_date: datetime.date, training,
                 chief_executive: str, code_returns: dict | None = None) -> dict:
    """The values a letter text can print, by merge field name (see `merge.MERGE_FIELDS`); `code_returns`: the
    year's published self-assessment returns (`upheld.letters.code_returns.published_returns`)."""
    year = statistics.year
    similar = statistics.similar(council)
    authority = council.authority
    return {
        "council": authority.name,
        "council_short": authority.short_name,
        "chief_executive": chief_executive,
        "year": year.label,
        "period": period(year),
        "year_end": long_date(year.last_day),
        "letter_year": str(letter_date.year),
        "received": Count(council.received_total),
        "decisions": Count(council.decisions_total),
        "detailed_investigations": Count(council.detailed_investigations),
        "upheld": Count(council.upheld),
        "uphold_rate": council.uphold_rate.display(),
        "remedied_by_ombudsman": Count(council.remedied_by_ombudsman),
        "remedied_by_authority": Count(council.remedied_by_authority),
        "compliance_outcomes": Count(council.compliance_rate.denominator),
        "compliance_rate": council.compliance_rate.display(),
        "satisfactory_remedy_rate": council.satisfactory_remedy_rate.display(),
        "upheld_per_100k": per_100k(council.upheld_per_100k),
        "not_for_us": Count(council.not_for_us),
        "assessed_and_closed": Count(council.assessed_and_closed),
        "similar_authorities": authority.get_type_display(),
        "similar_uphold_rate": similar.uphold_rate.display(),
        "similar_compliance_rate": similar.compliance_rate.display(),
        "similar_satisfactory_remedy_rate": similar.satisfactory_remedy_rate.display(),
        "similar_upheld_per_100k": per_100k(similar.upheld_per_100k),
        "measure_count": in_words(len(layout_measures(year))),
        "measures": measures_in_words(year),
        "courses_delivered": Count(training.courses_delivered) if training else "",
        "people_trained": Count(training.people_trained) if training else "",
        **code_fields(statistics, council, code_returns or {}),
    }


def build_letter(text, statistics: YearStatistics, council: CouncilYear, contacts: dict[str, str],
                 training=None, revision: str = "", *, demonstration: bool, code_returns: dict | None = None) -> Letter:
    """The letter from `text` (a LetterText) to one council, with `contacts` mapping role → name and the
    `code_returns` published (as issued); marked as demonstration data when `demonstration`
    (`upheld.demo.marking.is_demonstration`, asked once by the caller)."""
    authority = council.authority
    chief_executive = contacts.get(ContactRole.CHIEF_EXECUTIVE, "")
    fields = merge_fields(statistics, council, text.letter_date, training, chief_executive, code_returns)
    subject = " ".join(merge.render(text.subject, fields).split())
    if chief_executive:
        recipient, salutation = (chief_executive, "Chief Executive", authority.name), f"Dear {chief_executive},"
    else:
        recipient, salutation = ("The Chief Executive", authority.name), "Dear Chief Executive,"
    copies = tuple(
        f"{contacts[role]}, {ContactRole(role).label}" for role in COPIED_TO if role in contacts
    ) if text.list_copies else ()
    title = f"{subject}: {authority.name}"
    return Letter(
        gss=authority.gss, slug=authority.slug, council=authority.name, year=statistics.year.label,
        title=f"{DEMONSTRATION}: {title}" if demonstration else title, sender=text.sender, date=text.letter_date,
        by_email=text.by_email,
        recipient=recipient, salutation=salutation, subject=subject,
        body=merge.blocks(merge.render(text.body, fields)),
        signatory=tuple(line.strip() for line in [text.signatory_name, *text.signatory_title.splitlines()]
                        if line.strip()),
        copies=copies,
        report=statistics_page(statistics, council),
        revision=revision,
        demonstration=demonstration,
    )
