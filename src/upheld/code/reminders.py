"""Reminding councils of their self-assessment return (`upheld code remind`).

A council is reminded when its return for the year is due within the window (`within` days before the
deadline) or overdue, and it has not submitted a version: by email to its link officer (the council's
link-officer contact, as for the annual letters), through the mail path letters and alerts use
(`upheld.letters.sending.send_once`: claimed in the database before the server hears of it, so a message goes
at most once). A council is reminded at most once a day for a year (`Reminder`, one row per council, year and
day): a run repeated the same day sends nothing new. Each reminder sent is in the audit trail.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from upheld.alerts.links import absolute
from upheld.audit.models import Action
from upheld.audit.record import record
from upheld.authorities.models import Authority, Contact, ContactRole
from upheld.code.returns import ReturnDeadline, Version
from upheld.letters.sending import IN_DOUBT, REFUSED, SENT, UNREACHABLE, send_once, smtp_connection
from upheld.stats.wording import long_date
from upheld.years import ReportingYear

DEFAULT_WITHIN_DAYS = 14


class ReminderState(models.TextChoices):
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"


class Reminder(models.Model):
    """A reminder claimed (then sent) to a council about a year's return on a day."""

    authority = models.ForeignKey("authorities.Authority", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="Starting calendar year: 2024 means 2024-25")
    sent_on = models.DateField()
    to = models.EmailField()
    state = models.CharField(max_length=10, choices=ReminderState.choices, default=ReminderState.SENDING)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_on", "authority"]
        constraints = [models.UniqueConstraint(fields=["authority", "year", "sent_on"],
                                               name="one_return_reminder_a_day")]

    def __str__(self) -> str:
        return f"{self.authority} reminded of its {ReportingYear(self.year)} return on {self.sent_on}"


@dataclass
class Report:
    year: ReportingYear
    due: datetime.date
    not_yet: bool = False  # the deadline is further off than the window
    sent: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # reminded today already
    no_address: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    stopped: str = ""

    @property
    def problems(self) -> list[str]:
        return [*self.no_address, *self.refused, *([self.stopped] if self.stopped else [])]


def unreturned(year: int, today: datetime.date) -> list[Authority]:
    """Councils that existed during the year and still exist, with no version of the year's return
    submitted, A–Z."""
    span = ReportingYear(year)
    submitted = Version.objects.filter(assessment__year=year, submitted_at__isnull=False).values(
        "assessment__authority_id")
    return list(Authority.objects.existing_between(span.first_day, span.last_day)
                .exclude(end_date__lt=today).exclude(id__in=submitted).order_by("name"))


def message(council: Authority, to: str, year: ReportingYear, due: datetime.date,
            today: datetime.date) -> EmailMessage:
    when = f"was due on {long_date(due)}" if today > due else f"is due by {long_date(due)}"
    body = (f"Your council's self-assessment against the Complaint Handling Code for {year.label}, with its own "
            f"complaint figures and the link to its annual complaints report, {when}. We have not received it.\n\n"
            f"The link officer can complete and submit it in the council portal:\n"
            f"{absolute(reverse('portal:return', args=[year.label]))}\n\n"
            "If your council has sent it another way, please tell us.\n")
    return EmailMessage(f"{council.short_name}: Complaint Handling Code self-assessment for {year.label}", body,
                        to=[to])


def remind(year: int, within_days: int = DEFAULT_WITHIN_DAYS, today: datetime.date | None = None,
           dry_run: bool = False) -> Report:
    """Remind every council whose return for `year` is due within `within_days` or overdue and not submitted.
    `MailServerUnreachable` if the mail server cannot be reached at all (nothing is then claimed)."""
    today = today or timezone.localdate()
    due = ReturnDeadline.due_for(year)
    report = Report(ReportingYear(year), due)
    if today < due - datetime.timedelta(days=within_days):
        report.not_yet = True
        return report
    councils = unreturned(year, today)
    addresses = dict(Contact.objects.filter(authority__in=councils, role=ContactRole.LINK_OFFICER)
                     .exclude(email="").values_list("authority_id", "email"))
    reminded = set(Reminder.objects.filter(year=year, sent_on=today).values_list("authority_id", flat=True))
    with smtp_connection() as connection:
        for council in councils:
            if council.id in reminded:
                report.already.append(council.name)
            elif council.id not in addresses:
                report.no_address.append(f"{council.name}: no link officer's email address")
            elif dry_run:
                report.sent.append(f"{council.name} ({addresses[council.id]})")
            elif not _send(connection, council, addresses[council.id], report, today):
                break
    return report


def _send(connection, council: Authority, to: str, report: Report, today: datetime.date) -> bool:
    """Claim, send and record one reminder; False when the run must stop (the connection is gone)."""
    claimed: list[Reminder] = []

    def claim() -> bool:
        try:
            with transaction.atomic(durable=True):  # committed before the mail server hears of it
                claimed.append(Reminder.objects.create(authority=council, year=report.year.start_year,
                                                       sent_on=today, to=to))
        except IntegrityError:  # another run reminded the council today
            return False
        return True

    answer = send_once(connection, message(council, to, report.year, report.due, today), claim,
                       first=not report.sent and not report.refused)
    if answer.outcome == SENT:
        Reminder.objects.filter(pk=claimed[0].pk).update(state=ReminderState.SENT)
        record(Action.CREATE, claimed[0], authority_id=council.id,
               after={"reminded": report.year.label, "to": to, "due": report.due.isoformat()})
        report.sent.append(f"{council.name} ({to})")
    elif answer.outcome == REFUSED:
        Reminder.objects.filter(pk=claimed[0].pk).delete()  # not sent: a later run may try again today
        report.refused.append(f"{council.name}: {answer.error}")
    elif answer.outcome == IN_DOUBT:
        report.stopped = f"the connection to the mail server failed while reminding {council.name} ({answer.error})"
    elif answer.outcome == UNREACHABLE:
        report.stopped = f"the mail server could not be reached again ({answer.error})"
    else:
        report.already.append(council.name)
    return not answer.stops_run
