from django.core.management.base import BaseCommand, CommandError

from upheld.releases.freezing import revise
from upheld.years import ReportingYear


class Command(BaseCommand):
    help = "Publish a released year's corrected figures as a dated revision that says what changed and why."

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="reporting year, e.g. 2017-18")
        parser.add_argument("--cause", required=True, help="what was corrected and why, shown to the public")

    def handle(self, *args, **options):
        try:
            version = revise(ReportingYear.parse(options["year"]), options["cause"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if version is None:
            self.stdout.write("The figures have not changed since they were published: no revision made.")
        else:
            self.stdout.write(f"{version}: {version.scale.splitlines()[0]}")
