import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from upheld.decisions.demo import replace_demo_statements
from upheld.decisions.models import Statement
from upheld.demo.management.commands.demodata import DEFAULT_SEED


class Command(BaseCommand):
    help = ("Replace the demonstration decision statements, public interest reports and focus reports with "
            "ones written for the demonstration casework in the database.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed, same statements")
        parser.add_argument("--if-missing", action="store_true",
                            help="do nothing when demonstration statements are already there")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, seed, if_missing=False, no_progress=False, **options):
        if if_missing and Statement.objects.filter(synthetic=True).exists():
            self.stdout.write("Demonstration statements already loaded.")
            return
        show = not no_progress and sys.stderr.isatty()
        started = time.perf_counter()
        summary = replace_demo_statements(seed, progress=lambda rows: tqdm(
            rows, unit="decision", desc="Writing statements", disable=not show, file=sys.stderr))
        self.stdout.write(
            f"Demonstration statements (seed {seed}): {summary.statements:,} written, {summary.public:,} public, "
            f"{summary.withheld:,} withheld, {summary.flagged:,} held back by the anonymisation check; "
            f"{summary.reports:,} public interest reports, {summary.focus_reports} focus reports "
            f"in {time.perf_counter() - started:.1f} s.")
