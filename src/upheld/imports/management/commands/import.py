"""`upheld import KIND FILE`: the command-line face of `run_import`.

Whatever goes wrong, the user gets a message and an exit status, never a
traceback: problems in the file as `FILE:ROW: column: message` lines on
stderr (the first `--max-problems`, then a line counting the rest) and exit
status 1; no file, an interrupted run or a database that refuses as one
`CommandError` line; a busy database as `upheld.cli`'s busy line.
"""

import warnings

from django.core.management.base import BaseCommand, CommandError

from upheld.audit.context import acting_as
from upheld.imports import KINDS, MAX_PROBLEMS, CannotImport, run_import
from upheld.imports.refusals import database_refusals


class Command(BaseCommand):
    help = ("Import a .csv, .xlsx or .jsonl file of cases, decisions, compliance outcomes, populations, "
            "contacts, decision statements or training attendance: every row or none. "
            "Problems are listed as FILE:ROW: column: message.")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS, help="what the file holds")
        parser.add_argument("file", help="a .csv (UTF-8) or .xlsx file with a header row, or a .jsonl file")
        parser.add_argument("--no-progress", action="store_true",
                            help="no progress bar (there is none anyway when stderr is not a terminal)")
        parser.add_argument("--max-problems", type=int, default=MAX_PROBLEMS, metavar="N",
                            help=f"list at most N problems, counting the rest (default {MAX_PROBLEMS}; 0: all)")

    def handle(self, *args, kind, file, no_progress=False, max_problems=MAX_PROBLEMS, **options):
        def show(problem):
            self.stderr.write(problem.format(file))

        # openpyxl warns about styles and extensions it cannot read; they do
        # not affect the values, and the user can do nothing about them.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module=r"openpyxl(\.|$)")
            try:
                with acting_as(f"command import {kind}"), database_refusals(file, "nothing imported"):
                    result = run_import(kind, file, progress=not no_progress, on_problem=show,
                                        max_problems=max_problems or None)
            except CannotImport as error:
                raise CommandError(str(error)) from None
            except KeyboardInterrupt:
                raise CommandError(f"{file}: interrupted; nothing imported", returncode=130) from None
            except OSError as error:
                raise CommandError(f"{file}: cannot read it: {error.strerror or error}") from None
        if result.more:
            self.stderr.write(result.more)
        if not result.ok:
            raise CommandError(result.summary)
        self.stdout.write(result.summary)
