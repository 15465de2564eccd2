from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from upheld.demo.calibration import FIRST_YEAR, LAST_YEAR
from upheld.demo.management.commands.demodata import DEFAULT_SEED
from upheld.demo.models import DemoDataset
from upheld.demo.releases import release_demo_years
from upheld.demo.staff import ensure_demo_admin


class Command(BaseCommand):
    help = "Set up the database, load demonstration data, make a staff user and serve the site."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the demonstration data")

    def handle(self, *args, host, port, seed, **options):
        call_command("setup", stdout=self.stdout)
        regenerate = not self._loaded(seed)
        if regenerate:
            call_command("demodata", seed=seed, stdout=self.stdout)
        else:
            self.stdout.write(f"Demonstration data (seed {seed}) already loaded.")
        call_command("demostatements", seed=seed, if_missing=not regenerate, stdout=self.stdout)
        call_command("demotraining", seed=seed, if_missing=not regenerate, stdout=self.stdout)
        if released := release_demo_years(replace=regenerate):
            self.stdout.write(f"Released {released} demonstration years' figures.")
        self.stdout.write(f"Staff sign-in at http://{host}:{port}/staff/: {ensure_demo_admin(settings.VAR_DIR)}")
        call_command("serve", host=host, port=port, stdout=self.stdout)

    def _loaded(self, seed: int) -> bool:
        """Generating takes a while; a database already holding this seed's full data is kept."""
        return DemoDataset.objects.filter(seed=seed, first_year=FIRST_YEAR.label, last_year=LAST_YEAR.label).exists()
