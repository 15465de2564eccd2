"""One council's letter as an email: the PDF attached, the HTML letter as the body.

The PDF is the letter of record (the same bytes `upheld letters --format pdf`
writes); the HTML alternative lets the chief executive read it without
opening the attachment, and the plain text part is a short covering note for
mail clients that show no HTML. The Message-ID is given, not generated, so a
letter sent again after an interrupted run carries the same one and the
recipients' mail systems can tell it is the same letter.
"""

from __future__ import annotations

import datetime

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from upheld.letters.content import Letter
from upheld.letters.html import render_html
from upheld.letters.pdf import render_pdf
from upheld.letters.sending import mail_domain


def message_id(letter: Letter, figures: int | None) -> str:
    """`<letter-2017-18-E08000014-v1@example.org>`: the same for the same council, year and figures version."""
    return f"<letter-{letter.year}-{letter.gss}-{f'v{figures}' if figures else 'live'}@{mail_domain()}>"


def covering_text(letter: Letter, embargo: datetime.datetime | None) -> str:
    """A few lines saying what is attached, and until when its figures are embargoed; first, for a letter made
    from demonstration data, that it is one (its subject, the letter's title, says so too)."""
    lines = [letter.marking, ""] if letter.marking else []
    lines += [letter.salutation, "",
              f"Please find attached our annual review letter to {letter.council} for {letter.year}, with the year's "
              f"statistics ({letter.filename('pdf')}).", ""]
    if embargo:
        at = timezone.localtime(embargo)
        lines += [f"The figures in it are under embargo until {at:%H:%M} on {at.day} {at:%B %Y}, when they are "
                  "published. Please do not share them outside your council before then.", ""]
    lines += [letter.sign_off, "", *letter.signatory]
    return "\n".join(lines) + "\n"


def compose(letter: Letter, to: str, cc: tuple[str, ...], message_id: str,
            embargo: datetime.datetime | None = None) -> EmailMultiAlternatives:
    """The email, fully built (PDF typeset, MIME assembled), so nothing is left to fail once it is claimed."""
    message = EmailMultiAlternatives(subject=letter.title, body=covering_text(letter, embargo), to=[to], cc=list(cc),
                                     headers={"Message-ID": message_id})
    message.attach_alternative(render_html(letter), "text/html")
    message.attach(letter.filename("pdf"), render_pdf(letter), "application/pdf")
    message.message()  # raises here, before the claim, if a header cannot be encoded
    return message
