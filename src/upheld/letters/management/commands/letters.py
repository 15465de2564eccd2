from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from upheld.letters import batch
from upheld.years import ReportingYear


class Command(BaseCommand):
    help = (
        "Write a year's annual review letters, one file per council (<gss>-<slug>-<year>.pdf or .html), each with "
        "a folder <gss>-<slug>-<year>/ of its three case-by-case spreadsheets (complaints received, decisions "
        "made, compliance outcomes). The spreadsheets are private to that council: send each folder only to its "
        "council and never publish it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="reporting year, e.g. 2017-18")
        parser.add_argument("--authority", help="GSS code (current or former) of one council; default every council")
        parser.add_argument("--format", choices=batch.FORMATS, default="pdf")
        parser.add_argument("--out", required=True, type=Path, help="folder to write into (created if need be)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (there is none when "
                            "standard error is not a terminal)")

    def handle(self, *args, **options):
        try:
            year = ReportingYear.parse(options["year"])
            summary = batch.run(year, options["format"], options["out"], options["authority"],
                                progress=not options["no_progress"])
        except (ValueError, LookupError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Wrote {summary.letters:,} {options['format'].upper()} letter{'s' if summary.letters != 1 else ''} for "
            f"{year.label} and {summary.spreadsheets:,} spreadsheets to {options['out']} in {summary.seconds:.1f} s."
        )
