from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from upheld.audit.context import acting_as
from upheld.code.reminders import DEFAULT_WITHIN_DAYS, remind
from upheld.letters.sending import MailServerUnreachable, attention_lines
from upheld.stats.wording import long_date
from upheld.years import ReportingYear


class Command(BaseCommand):
    help = ("The Complaint Handling Code. `code remind` emails the link officer of every council that has not "
            "submitted its self-assessment return for the year (default: the last year that has ended) once it is "
            f"due within --within days (default {DEFAULT_WITHIN_DAYS}) or overdue; at most once a day per council "
            "(see docs/code.md).")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["remind"])
        parser.add_argument("--year", help="the return's reporting year, e.g. 2025-26")
        parser.add_argument("--within", type=int, default=DEFAULT_WITHIN_DAYS, metavar="DAYS",
                            help="remind from this many days before the deadline")
        parser.add_argument("--dry-run", action="store_true", help="say who would be reminded; send nothing")

    def handle(self, *args, **options):
        try:
            year = (ReportingYear.parse(options["year"]) if options["year"]
                    else ReportingYear(ReportingYear.containing(timezone.localdate()).start_year - 1))
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["within"] < 0:
            raise CommandError("--within is a number of days, 0 or more")
        try:
            with acting_as("command code remind"):
                report = remind(year.start_year, options["within"], dry_run=options["dry_run"])
        except MailServerUnreachable as error:
            raise CommandError(f"cannot reach the mail server at {error}; nothing was sent") from None
        if report.not_yet:
            self.stdout.write(f"{year.label} returns are due on {long_date(report.due)}: no reminders before "
                              f"{options['within']} days ahead.")
            return
        verb = "Would remind" if options["dry_run"] else "Reminded"
        self.stdout.write(f"{verb} {len(report.sent):,} council{'s' if len(report.sent) != 1 else ''} of the "
                          f"{year.label} return (due {long_date(report.due)}); {len(report.already):,} already "
                          "reminded today.")
        for line in report.sent:
            self.stdout.write(f"  {line}")
        if report.problems:
            for line in attention_lines([(report.no_address, "Not reminded"), (report.refused, "Refused")],
                                        report.stopped):
                self.stderr.write(line)
            raise CommandError("not every council was reminded")
