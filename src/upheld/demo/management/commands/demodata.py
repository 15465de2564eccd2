import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from upheld.demo.calibration import FIRST_YEAR, LAST_YEAR
from upheld.demo.store import replace_demo_data
from upheld.years import ReportingYear

DEFAULT_SEED = 1974  # the year of the Local Government Act that created the Ombudsman


def year_range(text: str) -> list[ReportingYear]:
    """`2014-15:2024-25` (or one year, `2017-18`) → the reporting years it spans."""
    first_label, _, last_label = text.partition(":")
    try:
        first = ReportingYear.parse(first_label)
        last = ReportingYear.parse(last_label or first_label)
    except ValueError as error:
        raise CommandError(str(error)) from None
    if not FIRST_YEAR <= first <= last <= LAST_YEAR:
        raise CommandError(f"--years must run forwards, within {FIRST_YEAR}:{LAST_YEAR}")
    return [ReportingYear(start) for start in range(first.start_year, last.start_year + 1)]


class Command(BaseCommand):
    help = "Replace the synthetic casework with freshly generated demonstration data for every council."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed, same data")
        parser.add_argument("--years", default=f"{FIRST_YEAR}:{LAST_YEAR}", help="e.g. 2014-15:2024-25")
        parser.add_argument("--scale", type=float, default=1.0, help="multiply the national volumes")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, seed, years, scale, no_progress, **options):
        if scale <= 0:
            raise CommandError("--scale must be positive")
        span = year_range(years)
        show = not no_progress and sys.stderr.isatty()
        started = time.perf_counter()
        summary = replace_demo_data(seed, span, scale, progress=lambda items, total: tqdm(
            items, total=total, unit="council", desc="Generating", disable=not show, file=sys.stderr))
        self.stdout.write(
            f"Synthetic casework for {summary.councils} councils, {span[0]} to {span[-1]} (seed {seed}): "
            f"{summary.cases:,} cases, {summary.decisions:,} decisions, "
            f"{summary.recommendations:,} recommendations, {summary.compliance_outcomes:,} compliance outcomes, "
            f"{summary.code_returns:,} Complaint Handling Code returns "
            f"in {time.perf_counter() - started:.1f} s."
        )
