import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from upheld import files
from upheld.publication.export import ExportError, publish
from upheld.years import ReportingYear


class Command(BaseCommand):
    help = ("Write the public site of a released year and the published years before it (pages, open data, "
            "map data) as static files with relative links, for any web server or to open from disk.")

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="reporting year, e.g. 2017-18 (must be released)")
        parser.add_argument("--out", required=True, type=Path, help="folder to write (new, empty or an earlier export)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument("--workers", type=int, help="processes rendering pages (default: one per core; 1 renders "
                            "in this process)")

    def handle(self, *args, **options):
        try:
            year = ReportingYear.parse(options["year"])
            if options["workers"] is not None and options["workers"] < 1:
                raise ValueError("--workers must be 1 or more")
            summary = publish(year, options["out"].resolve(),
                              progress=not options["no_progress"] and sys.stderr.isatty(), workers=options["workers"])
        except (ValueError, ExportError, files.WriteFailed) as error:
            raise CommandError(str(error)) from None
        for url, problem in sorted(summary.broken.items()):
            self.stderr.write(f"not exported: {url}: {problem}")
        for url, problem in sorted(summary.errors.items()):
            self.stderr.write(f"failed: {url}: {problem}")
        self.stdout.write(summary.line())
        if summary.errors:
            raise CommandError(f"{len(summary.errors)} pages failed: the export is incomplete")
