"""`upheld restore IN`: a backup, checked against its manifest, into an empty database."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from upheld.audit.context import acting_as
from upheld.site.backup import BackupError, restore, summary


class Command(BaseCommand):
    help = ("Restore a backup made by `upheld backup` into the database of DATABASE_URL, which must be empty. "
            "Every file is checked against the manifest first; a damaged archive changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the backup: a .tar file or a folder")

    def handle(self, *args, archive, **options):
        try:
            with acting_as("command restore"):
                manifest = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(f"the database refused ({error}); check it before using it") from None
        self.stdout.write(f"{archive}: restored the {summary(manifest)}.")
