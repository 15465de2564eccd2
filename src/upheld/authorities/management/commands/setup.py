from django.core.management import call_command
from django.core.management.base import BaseCommand

from upheld.accounts.roles import ensure_roles
from upheld.authorities.register import load_register


class Command(BaseCommand):
    help = "Create or update the database tables, load the councils register and set the staff roles (safe to rerun)."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        created, updated = load_register()
        ensure_roles()
        self.stdout.write(f"Database ready; councils register: {created} added, {updated} updated; staff roles set.")
