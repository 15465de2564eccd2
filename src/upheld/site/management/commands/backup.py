"""`upheld backup OUT`: the database and the files kept beside it, in one archive with a manifest."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from upheld import files
from upheld.audit.context import acting_as
from upheld.site.backup import BackupError, backup, summary
from upheld.site.busy import is_busy


class Command(BaseCommand):
    help = ("Write a consistent backup while the site runs: OUT.tar (one file) or OUT (a folder), holding the "
            "database, the uploaded report files and a manifest with checksums. It holds personal data: keep it "
            "safe (see docs/operations.md).")

    def add_arguments(self, parser):
        parser.add_argument("out", help="a new .tar file, or a new folder")

    def handle(self, *args, out, **options):
        try:
            with acting_as("command backup"):
                manifest = backup(out)
        except (BackupError, files.WriteFailed) as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            if is_busy(error):
                raise  # answered by upheld.cli as for every command
            raise CommandError(f"the database refused ({error}); no backup was written") from None
        self.stdout.write(f"{out}: backup of the {summary(manifest)}.")
