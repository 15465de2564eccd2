import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from upheld.decisions.models import PublicInterestReport
from upheld.decisions.reports import overdue, reminder_lines, send_reminder


class Command(BaseCommand):
    help = ("Public interest reports. `remind`: list the reports whose council has not responded within "
            "three months (Local Government Act 1974 s.31), and with --email send the list to staff.")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        remind = commands.add_parser("remind", help="list (and email) overdue responses")
        remind.add_argument("--email", action="store_true",
                            help="email the list to staff (UPHELD_REPORT_REMINDERS, or every active staff user)")
        remind.add_argument("--today", type=datetime.date.fromisoformat, help="as if on this day (YYYY-MM-DD)")

    def handle(self, *args, action, email=False, today=None, **options):
        today = today or timezone.localdate()
        late = overdue(today)
        lines = reminder_lines(late)
        if not lines:
            self.stdout.write(f"No public interest report response is overdue on {today:%-d %B %Y}.")
            return
        self.stdout.write(f"{len(lines)} public interest report response{'s' if len(lines) != 1 else ''} "
                          f"overdue on {today:%-d %B %Y}:")
        for line in lines:
            self.stdout.write(f"  {line}")
        if email:
            recipients = _recipients()
            if not recipients:
                raise CommandError("no one to email: set UPHELD_REPORT_REMINDERS or give staff users email addresses")
            try:
                send_reminder(lines, recipients)
            except OSError as error:
                raise CommandError(f"could not send the reminder: {error}") from None
            PublicInterestReport.objects.filter(pk__in=[report.pk for report, _ in late]).update(last_reminder=today)
            self.stdout.write(f"Emailed to {', '.join(recipients)}.")


def _recipients() -> list[str]:
    configured = getattr(settings, "UPHELD_REPORT_REMINDERS", None)
    if configured:
        return list(configured)
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sorted(users.values_list("email", flat=True))
