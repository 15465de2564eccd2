"""One subscriber's alert email: what is new, as plain text with an HTML alternative.

No images, no tracking: every link goes straight to the public page. Each
email carries the subscriber's one-click unsubscribe link in the headers
(RFC 8058: `List-Unsubscribe` with `List-Unsubscribe-Post`) and in the body.
A long list (a batch of statements published at once) shows the first
`LISTED` of each kind and links to the rest; all of them count as sent.
"""

from __future__ import annotations

from email.utils import make_msgid
from itertools import groupby

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from upheld.alerts.items import Item
from upheld.alerts.links import absolute, unsubscribe_url
from upheld.alerts.models import Kind, Subscription
from upheld.alerts.subscriptions import what
from upheld.decisions.urls import council_links
from upheld.letters.sending import mail_domain

LISTED = 30
HEADINGS = {Kind.DECISIONS: ("new decision", "new decisions"),
            Kind.REPORTS: ("public interest report", "public interest reports"),
            Kind.LETTERS: ("annual review letter", "annual review letters"),
            Kind.RETURNS: ("Complaint Handling Code return", "Complaint Handling Code returns")}


def _count(kind: Kind, number: int) -> str:
    singular, plural = HEADINGS[kind]
    return f"{number} {singular if number == 1 else plural}"


def sections(subscription: Subscription, items: list[Item]) -> list[dict]:
    """Per kind: its heading, the items listed, how many more there are and where to see them all."""
    more_at = {Kind.DECISIONS: absolute(council_links(subscription.authority)["decisions"]),
               Kind.REPORTS: absolute(reverse("decisions:reports")),
               Kind.LETTERS: absolute(reverse("council", kwargs={"slug": subscription.authority.slug})),
               Kind.RETURNS: absolute(reverse("council", kwargs={"slug": subscription.authority.slug}))}
    found = []
    for kind, group in groupby(items, key=lambda item: item.kind):
        group = list(group)
        found.append({"heading": f"{HEADINGS[kind][1].capitalize()} ({len(group)})",
                      "items": group[:LISTED], "more": max(0, len(group) - LISTED), "more_at": more_at[kind]})
    return found


def subject(subscription: Subscription, items: list[Item]) -> str:
    counts = [_count(kind, len(list(group))) for kind, group in groupby(items, key=lambda item: item.kind)]
    return f"{subscription.authority.short_name}: {', '.join(counts)}"


def new_message_id() -> str:
    return make_msgid("alert", domain=mail_domain())


def text(subscription: Subscription, parts: list[dict], unsubscribe: str) -> str:
    """The plain-text part, written here rather than from a template so that nothing is HTML-escaped."""
    lines = [f"New on upheld about {subscription.authority.name}.", ""]
    for part in parts:
        lines += [part["heading"], "-" * len(part["heading"]), ""]
        for item in part["items"]:
            lines += [item.title, *([" ".join(item.summary.split())] if item.summary else []), item.url, ""]
        if part["more"]:
            lines += [f"… and {part['more']} more: {part['more_at']}", ""]
    lines += [f"You get these emails because you asked for alerts about {subscription.authority.name}: "
              f"{what(subscription.kinds)}.",
              f"To stop them, open this link and press \"Unsubscribe\": {unsubscribe}"]
    return "\n".join(lines) + "\n"


def compose(subscription: Subscription, items: list[Item], message_id: str) -> EmailMultiAlternatives:
    """The email, fully built, so that nothing is left to fail once it is claimed."""
    unsubscribe = unsubscribe_url(subscription)
    parts = sections(subscription, items)
    message = EmailMultiAlternatives(
        subject=subject(subscription, items), body=text(subscription, parts, unsubscribe), to=[subscription.email],
        headers={"Message-ID": message_id, "List-Unsubscribe": f"<{unsubscribe}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Auto-Submitted": "auto-generated"})
    message.attach_alternative(render_to_string("alerts/email/digest.html", {
        "subscription": subscription, "sections": parts, "unsubscribe": unsubscribe,
        "what": what(subscription.kinds), "title": message.subject}), "text/html")
    message.message()  # raises here, before the claim, if a header cannot be encoded
    return message
