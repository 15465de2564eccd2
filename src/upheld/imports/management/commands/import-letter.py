"""`upheld import-letter FILE [--json] [--save]`: a published 2014-15 to 2017-18 letter's figures.

Like `upheld import`, whatever goes wrong ends in a message and a non-zero
exit status, never a traceback: problems with the letter as
`FILE:LINE: table: message` lines on stderr, anything else as one line.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from upheld.audit.context import acting_as
from upheld.imports.letters import RefusedHistory, letter_json, read_letter, save_history, summary
from upheld.imports.problems import BadFile, CannotImport
from upheld.imports.refusals import database_refusals


class Command(BaseCommand):
    help = ("Read an annual review letter of 2014-15 to 2017-18 (its PDF, or the text extracted from it), check "
            "that its tables add up and print its figures; --save keeps them as the council's published history "
            "for that year (refused where the year has case-level records or published figures).")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the letter: a .pdf, or its text as extracted by pdftotext")
        parser.add_argument("--json", action="store_true", help="print the figures in the shape of "
                            "`upheld stats --json` for one council (figures a letter does not carry are null)")
        parser.add_argument("--save", action="store_true", help="keep the figures as the council's history")

    def handle(self, *args, file, json=False, save=False, **options):
        try:
            with database_refusals(file, "nothing imported"):
                letter = read_letter(file)
        except BadFile as error:
            for problem in error.problems:
                self.stderr.write(problem.format(file))
            count = len(error.problems)
            raise CommandError(f"{file}: {count} problem{'s' if count != 1 else ''}; nothing imported") from None
        except CannotImport as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_json(letter) if json else summary(letter))
        if save:
            self._save(file, letter)

    def _save(self, file, letter):
        try:
            with acting_as("command import-letter"), database_refusals(file, "nothing saved"):
                history = save_history(letter)
        except RefusedHistory as error:
            raise CommandError(f"{file}: {error}") from None
        self.stderr.write(f"{file}: saved as {history.authority.name}'s {letter.year.label} history, "
                          "from the published letter")


def _json(letter) -> str:
    return json.dumps(letter_json(letter), indent=2, ensure_ascii=False)
