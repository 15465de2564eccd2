from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from upheld import files
from upheld.letters import batch, delivery
from upheld.letters.sending import MailServerUnreachable
from upheld.years import ReportingYear


class Command(BaseCommand):
    help = (
        "Write a year's annual review letters, one file per council (<gss>-<slug>-<year>.pdf or .html), each with "
        "a folder <gss>-<slug>-<year>/ of its three case-by-case spreadsheets (complaints received, decisions "
        "made, compliance outcomes). The spreadsheets are private to that council: send each folder only to its "
        "council and never publish it. `letters send --year Y` emails each council's chief executive its PDF "
        "letter instead, copied to the council's other contacts, once only (see docs/letters.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["send"], help="send: email the letters instead of "
                            "writing them")
        parser.add_argument("--year", required=True, help="reporting year, e.g. 2017-18")
        parser.add_argument("--authority", help="GSS code (current or former) of one council; default every council")
        parser.add_argument("--format", choices=batch.FORMATS, default="pdf")
        parser.add_argument("--out", type=Path, help="folder to write into (created if need be)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (there is none when "
                            "standard error is not a terminal)")
        send = parser.add_argument_group("send")
        send.add_argument("--dry-run", action="store_true", help="say what would be sent; send and record nothing")
        in_doubt = send.add_mutually_exclusive_group()
        in_doubt.add_argument("--resend-in-doubt", dest="in_doubt", action="store_const", const=delivery.RESEND,
                              default=delivery.HOLD, help="send again the letters a stopped run left in doubt")
        in_doubt.add_argument("--confirm-in-doubt", dest="in_doubt", action="store_const", const=delivery.CONFIRM,
                              help="record the letters left in doubt as delivered, without sending them")

    def handle(self, *args, **options):
        if options["action"] == "send":
            return self.send(options)
        if options["out"] is None:
            raise CommandError("--out is required: the folder to write the letters into (or use `letters send`)")
        if options["dry_run"] or options["in_doubt"] != delivery.HOLD:
            raise CommandError("--dry-run, --resend-in-doubt and --confirm-in-doubt are for `letters send`")
        try:
            year = ReportingYear.parse(options["year"])
            summary = batch.run(year, options["format"], options["out"], options["authority"],
                                progress=not options["no_progress"])
        except (ValueError, LookupError, files.WriteFailed) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Wrote {summary.letters:,} {options['format'].upper()} letter{'s' if summary.letters != 1 else ''} for "
            f"{year.label} and {summary.spreadsheets:,} spreadsheets to {options['out']} in {summary.seconds:.1f} s."
        )

    def send(self, options):
        if options["out"] is not None:
            raise CommandError("`letters send` emails the letters: it takes no --out")
        try:
            year = ReportingYear.parse(options["year"])
            report = delivery.send(year, options["authority"], dry_run=options["dry_run"],
                                   in_doubt=options["in_doubt"], progress=not options["no_progress"])
        except (ValueError, LookupError) as error:
            raise CommandError(str(error)) from None
        except MailServerUnreachable as error:
            raise CommandError(f"cannot reach the mail server at {error}; nothing was sent") from None
        if report.live_figures and report.sent:
            self.stderr.write(f"Warning: {year.label} has no scheduled release, so these letters carry live figures "
                              "that may differ from those published.")
        for line in delivery.describe(report):
            self.stdout.write(line)
        if report.problems:
            raise CommandError(f"not every council has its {year.label} letter: {', '.join(report.problems)}")
        if refused := len(report.copies_refused):
            copies = "1 copy was" if refused == 1 else f"{refused:,} copies were"
            raise CommandError(f"every council has its {year.label} letter, but {copies} refused by the mail server: "
                               "forward the letter to each address listed above, or correct it")
