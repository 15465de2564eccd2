from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import timezone

from upheld import files
from upheld.authorities.models import Authority
from upheld.releases.published import published
from upheld.scrutiny import pack
from upheld.scrutiny.content import scrutiny_for
from upheld.years import ReportingYear


class Command(BaseCommand):
    help = ("Write a council's scrutiny pack for a released year as an accessible PDF, "
            "DIR/<slug>-<year>-scrutiny-pack.pdf: the same content as its page under /scrutiny/ "
            "(see docs/scrutiny.md).")

    def add_arguments(self, parser):
        parser.add_argument("--authority", required=True, help="GSS code (current or former) of the council")
        parser.add_argument("--year", required=True, help="a released reporting year, e.g. 2017-18")
        parser.add_argument("--out", type=Path, required=True, help="folder to write into (created if need be)")
        parser.add_argument("--site", default="", help="the public site's address (e.g. https://example.org), "
                            "to make the pack's addresses links")

    def handle(self, *args, **options):
        try:
            year = ReportingYear.parse(options["year"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        authority = Authority.objects.by_code(options["authority"]).first()
        if authority is None:
            raise CommandError(f"no council has the code {options['authority']!r}")
        public = published()
        if year not in public.versions:
            raise CommandError(f"{year.label} is not released: its figures are not public, so there is no pack")
        try:
            scrutiny = scrutiny_for(public, authority.slug, year.label, timezone.localdate())
        except Http404:
            raise CommandError(f"{authority.name} has no published figures for {year.label}") from None
        path = options["out"] / pack.filename(scrutiny)
        content = pack.render_pack(scrutiny, options["site"].rstrip("/"))
        try:
            files.make_folder(options["out"])
            files.write_atomically(path, content)
        except files.WriteFailed as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Wrote {path}")
