"""`upheld audit export --since DATE [--until DATE] --out FILE`: the audit trail as CSV."""

import argparse
import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from upheld import files
from upheld.audit.context import acting_as
from upheld.audit.export import events_since, write_csv
from upheld.audit.models import Action
from upheld.audit.record import record


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Export the audit trail as CSV."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        export = sub.add_parser("export", help="Write events (oldest first) to a CSV file.")
        export.add_argument("--since", type=_day, help="first day (YYYY-MM-DD); default: the beginning")
        export.add_argument("--until", type=_day, help="last day (YYYY-MM-DD); default: today")
        export.add_argument("--out", required=True, help="CSV file to write ('-' for standard output)")

    def handle(self, *args, subcommand, since=None, until=None, out, **options):
        events = events_since(since, until)
        with acting_as("command audit export"):
            if out == "-":
                count = write_csv(events, self.stdout)
            else:
                try:
                    with files.atomic_file(Path(out), "w", newline="", encoding="utf-8") as file:
                        count = write_csv(events, file)
                except files.WriteFailed as error:
                    raise CommandError(str(error)) from None
            record(Action.EXPORT, object_type="audit.auditevent", object_repr=f"{count} events to {out}",
                   after={"since": str(since or ""), "until": str(until or ""), "events": count})
        if out != "-":
            self.stdout.write(f"Wrote {count:,} audit events to {out}.")
