"""Importing casework, council data, decision statements and training attendance from CSV, XLSX and JSON Lines files.

`run_import` is the one entry point, used by `upheld import KIND FILE`, the
tests and the benchmarks. The importers are loaded when first used, not
here: Django imports this package while it is still loading the apps, before
any model can be.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from upheld.imports.problems import MAX_PROBLEMS, BadFile, CannotImport, Problem

KINDS = ("cases", "decisions", "compliance", "population", "contacts", "statements", "training", "code-returns")

__all__ = ["KINDS", "MAX_PROBLEMS", "BadFile", "CannotImport", "Problem", "importer_for", "run_import"]


def importer_for(kind: str):
    from upheld.imports.casework import CaseImport, ComplianceImport, DecisionImport
    from upheld.imports.code_returns import CodeReturnImport
    from upheld.imports.councils import ContactImport, PopulationImport
    from upheld.imports.statements import StatementImport
    from upheld.imports.training import TrainingImport

    importers = {cls.kind: cls for cls in (CaseImport, DecisionImport, ComplianceImport,
                                           PopulationImport, ContactImport, StatementImport, TrainingImport,
                                           CodeReturnImport)}
    try:
        return importers[kind]
    except KeyError:
        raise CannotImport(f"cannot import {kind!r}: the kinds are {', '.join(KINDS)}") from None


def run_import(kind: str, path: str | os.PathLike, *, progress: bool = False,
               on_problem: Callable[[Problem], None] | None = None, max_problems: int | None = MAX_PROBLEMS):
    """Import `path` (.csv, .xlsx or .jsonl) as `kind`: all of it, or nothing.

    Returns an `ImportResult`: `ok`, `imported`, `summary`, and the problems,
    collected in `problems` or, when `on_problem` is given, handed to it one
    at a time as they are found (a file of a million bad rows then takes no
    memory for them); the first `max_problems` of them (None: all), the rest
    counted in `hidden` (`more` is the line that says so). Raises
    `CannotImport` when there is no file to read. `progress` shows a bar on
    stderr when stderr is a terminal.
    """
    from upheld.imports.engine import run

    return run(importer_for(kind), path, progress=progress, on_problem=on_problem, max_problems=max_problems)
