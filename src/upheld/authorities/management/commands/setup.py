from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from upheld.accounts.roles import ensure_roles
from upheld.authorities.populations import load_populations
from upheld.authorities.register import load_register
from upheld.code.loading import load_code


class Command(BaseCommand):
    help = ("Create or update the database tables, load the councils register, ONS's population estimates and the "
            "Complaint Handling Code, set the staff roles and collect the static files (safe to rerun).")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        created, updated = load_register()
        try:
            added, kept = load_populations()
        except ValueError as problem:  # the package's own file is damaged: say where, leave the estimates as they were
            raise CommandError(str(problem)) from None
        try:
            provisions, provisions_kept = load_code()
        except ValueError as problem:  # likewise the Complaint Handling Code's file
            raise CommandError(str(problem)) from None
        ensure_roles()
        # The pages name the static files by the hashed names collectstatic makes (upheld.site.static_storage).
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Database ready; councils register: {created} added, {updated} updated; "
                          f"population estimates: {added} added, {kept} already held; Complaint Handling Code "
                          f"provisions: {provisions} added, {provisions_kept} already held; staff roles set; "
                          "static files collected.")
