"""`upheld anonymise-expired [--commit]`: clear complainants' details past retention.

A dry run unless `--commit` is given: it says how many cases would be
cleared, so the number can be checked before anything is lost.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from upheld.audit.context import acting_as
from upheld.casework.retention import anonymise, expired_cases, retention_cutoff


class Command(BaseCommand):
    help = "Clear complainants' personal data from cases past retention (dry run unless --commit)."

    def add_arguments(self, parser):
        parser.add_argument("--commit", action="store_true", help="clear the data (default: only count)")

    def handle(self, *args, commit=False, **options):
        cutoff = retention_cutoff()
        cases = expired_cases(cutoff)
        rule = (f"decided (or, if undecided, received) before {cutoff:%d %B %Y}, "
                f"retention {settings.UPHELD_RETENTION_YEARS} years")
        if not commit:
            count = cases.count()
            self.stdout.write(f"Dry run: {count:,} {_cases(count)} {rule}, would have personal data cleared. "
                              "Run with --commit to clear it.")
            return
        with acting_as("command anonymise-expired"):
            count = anonymise(cases)
        self.stdout.write(f"Cleared personal data from {count:,} {_cases(count)} {rule}; "
                          f"recorded {count:,} audit {'event' if count == 1 else 'events'}.")


def _cases(count: int) -> str:
    return "case" if count == 1 else "cases"
