"""`upheld alerts send`: each live subscription's new items, in one email, each item once, however often
the run is stopped and started again.

Per subscription the new items (`items.new_items`) become one `Digest` whose
`DigestItem` rows are committed, in one transaction, before the mail server
hears of the email; the digest is marked "sent" once the server has taken it.
An item already in any of a subscription's digests is never new to it again,
and the database holds each (subscription, item) pair once, so two runs at
once cannot both send it. The steps are the letters' (`upheld.letters.sending`):

- the server refuses the email (a 4xx/5xx answer before it took it, such as
  a 451 at RCPT for the one recipient: a digest is sent only when the server
  took it for that address): the digest is marked "refused" and its items are
  given back, so the next run sends them, with whatever else is new by then;
- the connection fails after the claim: the server may or may not have the
  email, so the digest is *in doubt*. Its items stay claimed, and a rerun
  sends nothing of them: it lists the digests in doubt by Message-ID and
  ends with a non-zero status. An operator looks them up in the mail
  server's log and reruns with `--confirm-in-doubt` (they arrived) or
  `--resend-in-doubt` (they did not: their items are given back and go in
  the next digests).

Every run first deletes the addresses that are due for deletion (`purge`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from upheld.alerts.digest import compose, new_message_id
from upheld.alerts.items import Item, new_items, public_at
from upheld.alerts.models import Digest, DigestItem, Subscription
from upheld.alerts.subscriptions import expired, purge
from upheld.audit.context import acting_as
from upheld.letters.delivery import CONFIRM, HOLD
from upheld.letters.models import DeliveryState
from upheld.letters.sending import IN_DOUBT, REFUSED, SENT, UNREACHABLE, attention_lines, send_once, smtp_connection

BATCH = 500


@dataclass
class Report:
    dry_run: bool
    subscriptions: int = 0  # live subscriptions looked at
    sent: list[str] = field(default_factory=list)  # in a dry run: would be sent
    items: int = 0  # items in the emails sent
    refused: list[str] = field(default_factory=list)
    in_doubt: list[str] = field(default_factory=list)
    settled: list[str] = field(default_factory=list)  # in-doubt digests confirmed or given back
    skipped: list[str] = field(default_factory=list)  # unsubscribed, or claimed by another run, meanwhile
    purged: int = 0
    stopped: str = ""

    @property
    def problems(self) -> list[str]:
        counts = ((self.in_doubt, "in doubt"), (self.refused, "refused by the mail server"))
        return [f"{len(found):,} {what}" for found, what in counts if found] + ([self.stopped] if self.stopped else [])


def _label(subscription: Subscription) -> str:
    return f"subscription {subscription.pk} ({subscription.authority.short_name})"


def _settle(mode: str, dry_run: bool, report: Report) -> None:
    """List the digests a stopped run left in doubt, or confirm them, or give their items back."""
    doubtful = list(Digest.objects.filter(state=DeliveryState.SENDING).select_related("subscription__authority"))
    for digest in doubtful:
        entry = f"{_label(digest.subscription)} {digest.message_id}"
        if mode == HOLD:
            report.in_doubt.append(entry)
            continue
        report.settled.append(entry)
        if dry_run:
            continue
        with transaction.atomic(durable=True):
            if mode == CONFIRM:
                Digest.objects.filter(pk=digest.pk, state=DeliveryState.SENDING).update(
                    state=DeliveryState.SENT, sent_at=digest.claimed_at,
                    note=f"In doubt; confirmed as delivered by an operator on {timezone.localtime():%Y-%m-%d %H:%M}")
            else:  # RESEND: forgetting the digest makes its items new again
                Digest.objects.filter(pk=digest.pk, state=DeliveryState.SENDING).delete()


def _claim(subscription: Subscription, message_id: str, items: list[Item]) -> Digest | None:
    """The digest and its items, committed; None if the subscription ended or another run took an item."""
    try:
        with transaction.atomic(durable=True):  # committed before the mail server hears of it
            if not Subscription.objects.active().filter(pk=subscription.pk).exists():
                return None
            digest = Digest.objects.create(subscription=subscription, message_id=message_id)
            DigestItem.objects.bulk_create([DigestItem(digest=digest, subscription=subscription, kind=item.kind,
                                                       item=item.key) for item in items])
    except IntegrityError:
        return None
    return digest


def _deliver(connection, subscription: Subscription, items: list[Item], report: Report) -> bool:
    """Claim, send and record one digest; False when the run must stop (the connection is gone)."""
    message_id = new_message_id()
    message = compose(subscription, items, message_id)
    claimed: list[Digest] = []

    def claim() -> bool:
        digest = _claim(subscription, message_id, items)
        claimed.extend([digest] if digest else [])
        return digest is not None

    answer = send_once(connection, message, claim, first=not report.sent and not report.refused)
    label = _label(subscription)
    if answer.outcome == SENT:
        Digest.objects.filter(pk=claimed[0].pk).update(state=DeliveryState.SENT, sent_at=timezone.now())
        report.sent.append(f"{label}: {len(items)} item{'s' if len(items) != 1 else ''}")
        report.items += len(items)
    elif answer.outcome == REFUSED:
        with transaction.atomic(durable=True):  # its items are new again for the next run
            DigestItem.objects.filter(digest=claimed[0]).delete()
            Digest.objects.filter(pk=claimed[0].pk).update(state=DeliveryState.REFUSED, note=answer.error)
        report.refused.append(f"{label}: {answer.error}")
    elif answer.outcome == IN_DOUBT:
        report.in_doubt.append(f"{label} {message_id}")
        report.stopped = f"the connection to the mail server failed ({answer.error})"
    elif answer.outcome == UNREACHABLE:
        report.stopped = f"the mail server could not be reached again ({answer.error})"
    else:
        report.skipped.append(label)
    return not answer.stops_run


def send(*, dry_run: bool = False, in_doubt: str = HOLD, now: datetime.datetime | None = None) -> Report:
    """Email every live subscription what is new to it; what happened. `MailServerUnreachable` if the mail
    server cannot be reached at all (nothing is then claimed or sent)."""
    report = Report(dry_run)
    with acting_as("command alerts send"):
        report.purged = expired(now).count() if dry_run else purge(now)
        _settle(in_doubt, dry_run, report)
    # The ids first, so that no cursor stays open over the tables the run writes to.
    ids = list(Subscription.objects.active().order_by("pk").values_list("pk", flat=True))
    public = public_at(now)  # once for the run: the same for every subscriber
    with smtp_connection() as connection:  # opened only when there is something to send
        for subscription in _in_batches(ids):
            report.subscriptions += 1
            items = new_items(subscription, public)
            if not items:
                continue
            if dry_run:
                report.sent.append(f"{_label(subscription)}: {len(items)} item{'s' if len(items) != 1 else ''}")
                report.items += len(items)
            elif not _deliver(connection, subscription, items, report):
                break
    return report


def _in_batches(ids: list[int]):
    for start in range(0, len(ids), BATCH):
        batch = Subscription.objects.select_related("authority").in_bulk(ids[start:start + BATCH])
        yield from (batch[pk] for pk in ids[start:start + BATCH] if pk in batch)


def describe(report: Report) -> list[str]:
    """The report for an operator: each list that needs attention, then one summary line."""
    would = "would be " if report.dry_run else ""
    sections = [
        (report.sent if report.dry_run else [], "To send"),
        (report.settled, f"In doubt, {would}settled as asked"),
        (report.refused, "Refused by the mail server; the next run sends their items again"),
        (report.in_doubt, "In doubt: a run stopped after claiming these and before recording the mail server's "
                          "answer. Look for each Message-ID in the mail server's log, then run again with "
                          "--confirm-in-doubt (they were delivered) or --resend-in-doubt (they were not)"),
        (report.skipped, "Skipped (unsubscribed, or taken by another run, meanwhile)"),
    ]
    lines = attention_lines(sections, report.stopped)
    emails = f"{len(report.sent):,} email{'s' if len(report.sent) != 1 else ''}"
    verb = "Dry run: would send" if report.dry_run else "Sent"
    lines.append(f"{verb} {emails} with {report.items:,} item{'s' if report.items != 1 else ''} "
                 f"({report.subscriptions:,} live subscription{'s' if report.subscriptions != 1 else ''} checked); "
                 f"{report.purged:,} address{'es' if report.purged != 1 else ''} {would}deleted.")
    return lines
