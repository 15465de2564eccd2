import time

from django.core.management.base import BaseCommand

from upheld.demo.calibration import FIRST_YEAR, LAST_YEAR
from upheld.demo.management.commands.demodata import DEFAULT_SEED, year_range
from upheld.training.demo import replace_demo_training
from upheld.training.models import Course


class Command(BaseCommand):
    help = ("Replace the demonstration training programme (courses, sessions, attendance), link officers and "
            "seminars with generated ones.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed, same data")
        parser.add_argument("--years", default=f"{FIRST_YEAR}:{LAST_YEAR}", help="e.g. 2014-15:2024-25")
        parser.add_argument("--if-missing", action="store_true",
                            help="do nothing when demonstration training is already there")

    def handle(self, *args, seed, years, if_missing=False, **options):
        if if_missing and Course.objects.filter(synthetic=True).exists():
            self.stdout.write("Demonstration training already loaded.")
            return
        started = time.perf_counter()
        summary = replace_demo_training(seed, year_range(years))
        self.stdout.write(
            f"Demonstration training (seed {seed}): {summary.sessions:,} sessions, {summary.people:,} people "
            f"from {summary.attendances:,} attendances; {summary.link_officers:,} link officers, "
            f"{summary.seminars} seminars in {time.perf_counter() - started:.1f} s.")
