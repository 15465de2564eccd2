from django.core.management.base import BaseCommand, CommandError

from upheld.alerts import delivery
from upheld.alerts.subscriptions import purge
from upheld.audit.context import acting_as
from upheld.letters.delivery import CONFIRM, HOLD, RESEND
from upheld.letters.sending import MailServerUnreachable


class Command(BaseCommand):
    help = (
        "Email alerts. `alerts send` emails each confirmed subscriber, in one digest, the decisions, public "
        "interest reports and annual review letters published since they subscribed and not yet sent to them "
        "(each once, even if a run is stopped and rerun; see docs/alerts.md), after deleting the addresses due "
        "for deletion. `alerts purge` only deletes those: never confirmed within UPHELD_ALERTS_UNCONFIRMED_DAYS, "
        "or unsubscribed UPHELD_ALERTS_UNSUBSCRIBED_DAYS ago."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["send", "purge"])
        parser.add_argument("--dry-run", action="store_true", help="send: say what would be sent; send, record "
                            "and delete nothing")
        in_doubt = parser.add_mutually_exclusive_group()
        in_doubt.add_argument("--resend-in-doubt", dest="in_doubt", action="store_const", const=RESEND,
                              default=HOLD, help="send: put the items of digests a stopped run left in "
                              "doubt in this run's digests")
        in_doubt.add_argument("--confirm-in-doubt", dest="in_doubt", action="store_const", const=CONFIRM,
                              help="send: record the digests left in doubt as delivered, without sending them")

    def handle(self, *args, **options):
        if options["action"] == "purge":
            if options["dry_run"] or options["in_doubt"] != HOLD:
                raise CommandError("--dry-run, --resend-in-doubt and --confirm-in-doubt are for `alerts send`")
            with acting_as("command alerts purge"):
                deleted = purge()
            self.stdout.write(f"Deleted {deleted:,} address{'es' if deleted != 1 else ''}.")
            return
        try:
            report = delivery.send(dry_run=options["dry_run"], in_doubt=options["in_doubt"])
        except MailServerUnreachable as error:
            raise CommandError(f"cannot reach the mail server at {error}; nothing was sent") from None
        for line in delivery.describe(report):
            self.stdout.write(line)
        if report.problems:
            raise CommandError(f"not every alert was sent: {', '.join(report.problems)}")
