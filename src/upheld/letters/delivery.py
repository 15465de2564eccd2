"""Email each council its year's letter, once, however often the run is stopped and started again.

Each council and year has one `Delivery` row. Before the mail server is
spoken to, the row is claimed ("sending") in its own committed transaction;
once the server has accepted the message, the row is marked "sent". A rerun
skips "sent" rows and sends "pending" and "refused" ones, so a run killed at
any point resumes where it was.

The one window no client can close alone is between the server accepting a
message and the "sent" being committed (a kill, a crash, a connection lost
while waiting for the server's last reply). A row left "sending" is
therefore *in doubt*: the server may or may not have the message. Sending it
again could give a council two letters, so a rerun never does by itself; it
lists those rows with their Message-IDs and ends with a non-zero status. An
operator looks them up in the mail server's log and reruns with
`--confirm-in-doubt` (it arrived: record it as sent) or `--resend-in-doubt`
(it did not: send it again, with the same Message-ID). A refusal the server
states (a 4xx/5xx reply before it took the message) is no doubt: the row
becomes "refused" and the next run sends it again.

A letter is "sent" only when the server took it for the chief executive. One
it took only for the copies is "refused" too, and the addresses that took it
are kept (`Delivery.accepted`), so the next run sends it to the chief
executive and to no copy twice. A copy address refused while the chief
executive's was taken is recorded in the row's note and listed for an
operator; the letter is sent, so no run sends that copy again.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from tqdm import tqdm

from upheld.authorities.models import Contact, ContactRole
from upheld.letters.batch import letters_for
from upheld.letters.content import COPIED_TO, Letter
from upheld.letters.mail import compose, message_id
from upheld.letters.models import Delivery, DeliveryState
from upheld.letters.sending import (
    IN_DOUBT,
    REFUSED,
    TAKEN,
    UNREACHABLE,
    attention_lines,
    send_once,
    smtp_connection,
)
from upheld.releases.models import FiguresVersion
from upheld.years import ReportingYear

HOLD, RESEND, CONFIRM = "hold", "resend", "confirm"  # what to do with letters in doubt

@dataclass(frozen=True)
class Addressed:
    """A council's letter with the addresses it goes to ("" when there is no chief executive email)."""

    letter: Letter
    authority_id: int
    council: str
    to: str
    cc: tuple[str, ...]


@dataclass
class Report:
    year: ReportingYear
    dry_run: bool
    live_figures: bool
    sent: list[str] = field(default_factory=list)  # in a dry run: would be sent
    already_sent: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    in_doubt: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    copies_refused: list[str] = field(default_factory=list)  # of letters sent: each copy address refused
    no_address: list[str] = field(default_factory=list)
    stopped: str = ""
    seconds: float = 0.0

    @property
    def problems(self) -> list[str]:
        """What keeps the year from being done: each council has its letter only when this is empty."""
        counts = ((self.no_address, "without a chief executive email"), (self.in_doubt, "in doubt"),
                  (self.refused, "refused by the mail server"))
        return [f"{len(found):,} {what}" for found, what in counts if found] + ([self.stopped] if self.stopped else [])


def addressed(year: ReportingYear, code: str | None = None) -> list[Addressed]:
    """The year's letters (one council's with `code`) with their To and Cc from the councils' contacts."""
    letters = letters_for(year, code)
    emails: dict[int, dict[str, str]] = {}
    people = Contact.objects.filter(authority_id__in=[authority_id for _, authority_id in letters]).exclude(email="")
    for authority_id, role, email in people.values_list("authority_id", "role", "email"):
        emails.setdefault(authority_id, {})[role] = email
    result = []
    for letter, authority_id in letters:
        known = emails.get(authority_id, {})
        to = known.get(ContactRole.CHIEF_EXECUTIVE, "")
        cc = tuple(dict.fromkeys(known[role] for role in COPIED_TO if role in known and known[role] != to))
        result.append(Addressed(letter, authority_id, f"{letter.gss} {letter.council}", to, cc))
    return result


def _plan(councils: list[Addressed], rows: dict[int, Delivery], mode: str, report: Report):
    """Sort the councils into what to send and what to confirm, noting the rest in `report`."""
    to_send, to_confirm = [], []
    for item in councils:
        row = rows.get(item.authority_id)
        state = row.state if row else DeliveryState.PENDING
        if state == DeliveryState.SENT:
            report.already_sent.append(item.council)
        elif state == DeliveryState.SENDING and mode == CONFIRM:
            to_confirm.append(row)
        elif state == DeliveryState.SENDING and mode == HOLD:
            report.in_doubt.append(f"{item.council} {row.message_id}")
        elif not item.to:
            report.no_address.append(item.council)
        else:
            to_send.append((item, row))
    return to_send, to_confirm


def _claim(row: Delivery, **recorded) -> bool:
    """Mark the row "sending" and commit, unless another run changed it since it was read."""
    with transaction.atomic(durable=True):  # committed before the mail server hears of it
        return Delivery.objects.filter(id=row.id, state=row.state, attempts=row.attempts).update(
            state=DeliveryState.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now(), note="",
            **recorded) == 1


def _record(row: Delivery, state: str, **fields) -> None:
    with transaction.atomic(durable=True):
        Delivery.objects.filter(id=row.id).update(state=state, **fields)


def _confirm(rows: list[Delivery], report: Report) -> None:
    """Record in-doubt letters as delivered (at the time they were claimed), as an operator found in the log."""
    note = f"In doubt; confirmed as delivered by an operator on {timezone.localtime():%Y-%m-%d %H:%M %Z}"
    for row in rows:
        with transaction.atomic(durable=True):
            Delivery.objects.filter(id=row.id, state=DeliveryState.SENDING, attempts=row.attempts).update(
                state=DeliveryState.SENT, sent_at=row.claimed_at, note=note)
        report.confirmed.append(f"{row.authority.gss} {row.authority.name} {row.message_id}")


def _deliver(connection, item: Addressed, row: Delivery, version: FiguresVersion | None, embargo,
             report: Report) -> bool:
    """Claim, send and record one letter; False when the run must stop (the connection is gone)."""
    mid = message_id(item.letter, version.version if version else None)
    message = compose(item.letter, item.to, item.cc, mid, embargo)
    # The chief executive always; a copy only if no earlier attempt reached it.
    recipients = [item.to, *(copy for copy in item.cc if copy not in row.accepted)]
    answer = send_once(connection, message, first=not report.sent and not report.refused, recipients=recipients,
                       claim=lambda: _claim(row, message_id=mid, to=item.to, cc=list(item.cc),
                                            figures_version=version,
                                            figures_frozen_at=version.frozen_at if version else None))
    accepted = [*row.accepted, *(address for address in recipients
                                 if address not in answer.refused and address not in row.accepted)]
    if answer.outcome == UNREACHABLE:
        report.stopped = f"the mail server could not be reached again ({answer.error})"
    elif answer.outcome == TAKEN:
        report.in_doubt.append(f"{item.council} {mid} (taken by another run)")
    elif answer.outcome == REFUSED:
        _record(row, DeliveryState.REFUSED, note=answer.error, accepted=accepted)
        report.refused.append(f"{item.council}: {answer.error}")
    elif answer.outcome == IN_DOUBT:
        report.in_doubt.append(f"{item.council} {mid}")
        report.stopped = f"the connection to the mail server failed ({answer.error})"
    else:
        copies = [f"{address}: {reply}" for address, reply in answer.refused.items()]
        note = f"{'Copy' if len(copies) == 1 else 'Copies'} refused: {'; '.join(copies)}" if copies else ""
        _record(row, DeliveryState.SENT, sent_at=timezone.now(), accepted=accepted, note=note)
        report.sent.append(item.council)
        report.copies_refused += [f"{item.council}: {copy}" for copy in copies]
    return not answer.stops_run


def _send_all(to_send: list[tuple[Addressed, Delivery]], version: FiguresVersion | None, report: Report,
              progress: bool) -> None:
    embargo = version.release.scheduled_for if version and not version.release.is_released() else None
    bar = tqdm(total=len(to_send), unit="letter", file=sys.stderr, disable=not (progress and sys.stderr.isatty()))
    try:
        with smtp_connection() as connection:
            for item, row in to_send:
                if not _deliver(connection, item, row, version, embargo, report):
                    break
                bar.update()
    finally:
        bar.close()


def send(year: ReportingYear, code: str | None = None, *, dry_run: bool = False, in_doubt: str = HOLD,
         progress: bool = True) -> Report:
    """Email the year's letters (one council's with `code`) that have not been sent; what happened to each."""
    started = time.perf_counter()
    version = (FiguresVersion.objects.filter(release__year=year.start_year).select_related("release")
               .order_by("-version").first())
    councils = addressed(year, code)
    report = Report(year, dry_run, live_figures=version is None)
    if not dry_run:
        Delivery.objects.bulk_create([Delivery(authority_id=item.authority_id, year=year.start_year)
                                      for item in councils if item.to], ignore_conflicts=True)
    rows = Delivery.objects.select_related("authority").filter(
        year=year.start_year, authority_id__in=[item.authority_id for item in councils])
    to_send, to_confirm = _plan(councils, {row.authority_id: row for row in rows}, in_doubt, report)
    if dry_run:
        report.sent = [f"{item.council}: to {item.to}" + (f"; cc {', '.join(item.cc)}" if item.cc else "")
                       for item, _ in to_send]
        report.confirmed = [f"{row.authority.gss} {row.authority.name} {row.message_id}" for row in to_confirm]
    else:
        _confirm(to_confirm, report)
        if to_send:
            _send_all(to_send, version, report, progress)
    report.seconds = time.perf_counter() - started
    return report


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def describe(report: Report) -> list[str]:
    """The report for an operator: each list that needs attention, then one summary line."""
    would = "would be " if report.dry_run else ""
    sections = [
        (report.sent if report.dry_run else [], "To send"),
        (report.confirmed, f"In doubt, {would}recorded as delivered without sending"),
        (report.refused, "Refused by the mail server; the next run sends them again"),
        (report.copies_refused, "Copies refused by the mail server; the letters were sent"),
        (report.in_doubt, "In doubt: a run stopped after claiming these and before recording the mail server's "
                          "answer. Look for each Message-ID in the mail server's log, then run again with "
                          "--confirm-in-doubt (it was delivered) or --resend-in-doubt (it was not), with "
                          "--authority for one council at a time"),
        (report.no_address, f"No chief executive email, so {'no letter would be' if report.dry_run else 'not'} sent; "
                            "add one to the council's contacts and run again"),
    ]
    lines = attention_lines(sections, report.stopped)
    copies = "copy" if len(report.copies_refused) == 1 else "copies"
    counts = [f"{len(report.already_sent):,} already sent"] + [
        f"{len(found):,} {what}" for found, what in ((report.confirmed, "confirmed"), (report.in_doubt, "in doubt"),
                                                     (report.refused, "refused"),
                                                     (report.copies_refused, f"{copies} refused"),
                                                     (report.no_address, "without a chief executive email"))
        if found]
    verb = "Dry run: would send" if report.dry_run else "Sent"
    lines.append(f"{verb} {_plural(len(report.sent), 'letter')} for {report.year.label} in {report.seconds:.1f} s; "
                 f"{'; '.join(counts)}.")
    return lines
