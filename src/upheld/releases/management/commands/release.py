import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from upheld.releases.freezing import default_release_time, schedule_release
from upheld.years import ReportingYear


def parse_when(text: str) -> datetime.datetime:
    """`2019-07-18` (at 09:30) or `2019-07-18T09:30`, in UK local time unless an offset is given."""
    try:
        if len(text) == 10:
            return default_release_time(datetime.date.fromisoformat(text))
        when = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--at {text!r} is not a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM)") from None
    return when if timezone.is_aware(when) else timezone.make_aware(when)


class Command(BaseCommand):
    help = "Freeze a year's figures and release them now or at a set time (--at; a date alone means 09:30)."

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="reporting year, e.g. 2017-18")
        parser.add_argument("--at", help="when the figures become public: YYYY-MM-DD or YYYY-MM-DDTHH:MM")

    def handle(self, *args, **options):
        try:
            year = ReportingYear.parse(options["year"])
            release = schedule_release(year, parse_when(options["at"]) if options["at"] else None)
        except ValueError as error:
            raise CommandError(str(error)) from None
        when = timezone.localtime(release.scheduled_for)
        state = "released" if release.is_released() else "scheduled for release"
        self.stdout.write(f"{year.label}: figures frozen and {state} at {when:%H:%M on %d %B %Y}.")
