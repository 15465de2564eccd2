"""The scrutiny pack: a council's scrutiny page as an accessible PDF (tagged PDF/UA-1, en-GB, titled).

Typeset by Typst exactly as the annual letters are (`upheld.letters.pdf`): the same page and type, the
same tables (header cells tagged TH), the same escaping of every piece of text (`markup`, `string`),
so a curated question or a statement summary is printed, never run. The pack is dated by the day it
describes (`Scrutiny.today`: what was published then, and the state of each council response), so the
same day and data give the same bytes.
"""

from __future__ import annotations

from django.urls import reverse

from upheld.letters.defaults import OMBUDSMAN_SOCIAL_CARE
from upheld.letters.formats import long_date, number, period
from upheld.letters.pdf import compile_pdf, document_set, markup, preamble, string, table_markup
from upheld.publication.code_sections import WITHHELD
from upheld.scrutiny.content import Scrutiny
from upheld.scrutiny.guidance import HOW_TO_USE, NOT_APPLICABLE_NOTE, POOLED_NOTE

# On top of the letters' page: the pack's tables are short, so each stays whole with its caption; links are
# underlined. The figures go on landscape pages, as in the letters, so that no heading needs hyphens.
_PACK_STYLE = """#show figure: set block(breakable: false)
#show link: underline"""


def filename(scrutiny: Scrutiny) -> str:
    return f"{scrutiny.authority.slug}-{scrutiny.year.label}-scrutiny-pack.pdf"


def render_pack(scrutiny: Scrutiny, site: str = "") -> bytes:
    """The pack's PDF bytes; `site` (e.g. https://example.org) makes its addresses links."""
    return compile_pdf(document(scrutiny, site), scrutiny.today)


def document(scrutiny: Scrutiny, site: str = "") -> str:
    """The Typst source of the pack."""
    authority, year = scrutiny.authority, scrutiny.year

    def link(path: str, text: str) -> str:
        """A link where the site's address is known; otherwise the text and the address on the site."""
        if site:
            return f"#link({string(site + path)})[{markup(text)}]"
        return f"{markup(text)} ({markup(path)})"

    parts = [
        preamble(),
        _PACK_STYLE,
        document_set(scrutiny.title, OMBUDSMAN_SOCIAL_CARE, scrutiny.marking),
        f"= {markup(scrutiny.title)}",
        markup(f"Prepared on {long_date(scrutiny.today)} for councillors scrutinising {authority.name}, from the "
               f"complaint figures published for {period(year)}, and the decisions and reports published by then. "
               f"{authority.name} is one of the {scrutiny.group}: its figures are compared with theirs."),
        _bullets([link(reverse("scrutiny:council-year", kwargs={"slug": authority.slug, "year": year.label}),
                       "This pack on the web"),
                  link(reverse("council-year", kwargs={"slug": authority.slug, "year": year.label}),
                       f"{authority.short_name}'s figures over the years")]),
        "== How to use these figures",
        *(markup(paragraph) for paragraph in HOW_TO_USE),
    ]
    if scrutiny.caveat:
        parts.append(f"*{markup('Not comparable with other years.')}* {markup(scrutiny.caveat)}")
    if scrutiny.revision:
        newest = scrutiny.revision.revisions[0]
        parts.append(markup(f"These figures were revised on {long_date(newest.version.frozen_at.date())}: "
                            f"{newest.version.cause}"))
    parts += ["#set page(flipped: true)", f"== {markup(f'Figures for {year.label}')}",
              *(table_markup(part) for part in scrutiny.figures)]
    if scrutiny.uphold:
        parts.append(markup(". ".join(scrutiny.uphold) + "."))
    parts += [markup(NOT_APPLICABLE_NOTE), "== Compared with similar authorities",
              markup(POOLED_NOTE.format(group=scrutiny.group)), table_markup(scrutiny.comparison),
              *_code(scrutiny), "#set page(flipped: false)"]
    parts += _letters(scrutiny, link) + _decisions(scrutiny, link) + _improvements(scrutiny)
    parts += _reports(scrutiny, link) + _questions(scrutiny)
    return "\n\n".join(parts) + "\n"


def _bullets(items: list[str]) -> str:
    """A bulleted list of items already written as Typst markup."""
    return "\n".join(f"- {item}" for item in items)


def _letters(scrutiny: Scrutiny, link) -> list[str]:
    parts = ["== Annual review letters"]
    if not scrutiny.letters:
        return [*parts, markup("No annual review letters have been published for this council.")]
    slug = scrutiny.authority.slug
    items = [f"{markup(year.label)}: "
             + link(reverse("council-letter", kwargs={"slug": slug, "year": year.label, "extension": "pdf"}),
                    "PDF letter") for year in scrutiny.letters]
    return [*parts, markup("Each year we write to the council's chief executive with its figures."), _bullets(items)]


def _decisions(scrutiny: Scrutiny, link) -> list[str]:
    decisions, label = scrutiny.decisions, scrutiny.year.label
    parts = [f"== {markup(f'Upheld decisions in {label}')}"]
    if not decisions.shown:
        return [*parts, markup(f"We have published no upheld decisions about the council made in {label}.")]
    parts.append(markup(scrutiny.decisions_intro))
    for statement in decisions.shown:
        parts += [f"=== {link(statement.get_absolute_url(), statement.reference)}",
                  markup(f"Decided {long_date(statement.decided)}. {statement.get_category_display()}."),
                  markup(statement.summary)]
    parts.append(link(f"{reverse('decisions:search')}?{decisions.search_query}",
                      f"All {number(decisions.total)} in the decision search"))
    return parts


def _improvements(scrutiny: Scrutiny) -> list[str]:
    label = scrutiny.year.label
    parts = [f"== {markup(f'Service improvements agreed in {label}')}"]
    if not scrutiny.improvements:
        return [*parts, markup(f"No service improvements agreed following our decisions in {label} have been "
                               "published.")]
    parts.append(markup(f"Changes the council agreed to make, following our decisions in {label}, so that the "
                        "same fault does not affect others. Each is listed once we have checked that it identifies "
                        "no one, and no sooner than three months after the decision, so the list may grow after "
                        "the year's figures are released."))
    for area, items in scrutiny.improvements:
        parts += [f"=== {markup(area)}", _bullets([markup(item.text + (f" (agreed in {item.times} decisions)"
                                                                      if item.times > 1 else "")) for item in items])]
    return parts


def _reports(scrutiny: Scrutiny, link) -> list[str]:
    heading = markup("Public interest reports and the council's responses")
    heading_response = "The council's response"
    parts = [f"== {heading}"]
    if not scrutiny.reports:
        return [*parts, markup(f"We have issued no public interest reports about {scrutiny.authority.name} in "
                               "the last nine years.")]
    for item in scrutiny.reports:
        report, duty = item.report, item.duty
        received = long_date(duty.response_received) if duty.response_received else "not yet"
        parts += [f"=== {link(report.get_absolute_url(), report.title)}",
                  markup(f"Issued {long_date(report.issued)}. The council's response was due by "
                         f"{long_date(duty.response_due)}; received: {received}. {duty.status}."),
                  markup(report.summary)]
        if report.response_text:
            parts += [f"*{markup(heading_response)}*",
                      *(markup(line) for line in report.response_text.splitlines() if line.strip())]
    return parts


def _code(scrutiny: Scrutiny) -> list[str]:
    """The council page's Complaint Handling Code section (`upheld.publication.code_sections`), in its words."""
    code = scrutiny.code
    if code is None:
        return []
    parts = [f"== {markup(f'Complaint Handling Code, {code.year.label}')}"]
    if code.due and code.returned is None:
        parts.append(markup(f"{code.none_published} {code.due_text}"))
    elif code.returned:
        returned = code.returned
        parts += [markup(f"We received the council's self-assessment for {code.year.label} on "
                         f"{long_date(returned.received)}."), table_markup(returned.answers_table)]
        if returned.report_url:
            parts.append(markup("The council's annual complaints report:") + " "
                         + f"#link({string(returned.report_url)})[{markup(returned.report_url)}]")
        for departure in returned.departures:
            parts += [f"=== {markup(f'{departure.provision} ({departure.label})')}",
                      markup(WITHHELD if departure.withheld else departure.explanation)]
        parts.append(table_markup(code.figures))
    if code.failures:
        parts.append(table_markup(code.failures.share))
        if code.failures.by_provision:
            parts.append(table_markup(code.failures.by_provision))
    return parts


def _questions(scrutiny: Scrutiny) -> list[str]:
    label = scrutiny.year.label
    parts = ["== Suggested questions for scrutiny"]
    if not scrutiny.questions:
        parts.append(markup("We have no suggested questions for the services the council's complaints were about "
                            f"in {label}."))
    else:
        parts.append(markup(f"Questions from our focus reports on the services the council's complaints of {label} "
                            "were about, the service with the most complaints first."))
    for area in scrutiny.questions:
        parts.append(f"=== {markup(area.heading)}")
        for focus in area.focus:
            parts += [markup(f"From our report “{focus.report.title}” ({long_date(focus.report.published)}):"),
                      "\n".join(f"+ {markup(question)}" for question in focus.questions)]
    if scrutiny.code_questions:
        parts += ["=== The Complaint Handling Code",
                  markup("From the provisions the council says it does not follow, or follows only in part, and "
                         "from the Code failures we found."),
                  "\n".join(f"+ {markup(question)}" for question in scrutiny.code_questions)]
    return parts
