"""`upheld serve`: the site behind gunicorn, in the foreground until Ctrl-C."""

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

WORKERS = 2


def gunicorn_argv(host: str, port: int, workers: int = WORKERS) -> list[str]:
    """The gunicorn command line for the project's WSGI application.

    Gunicorn runs from this interpreter, so it sees the same installed
    packages; its settings module announces the address once it listens.
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        sys.executable, "-m", "gunicorn", "upheld.wsgi:application",
        "--bind", bind, "--workers", str(workers),
        "--config", "python:upheld.site.gunicorn_config", "--log-level", "warning",
    ]


def exec_gunicorn(argv: list[str]) -> None:
    """Let gunicorn take over this process, so that Ctrl-C and a supervisor's
    signals reach its master directly and no process is left behind."""
    connections.close_all()
    os.execv(argv[0], argv)  # noqa: S606 - a fixed argv, no shell


class Command(BaseCommand):
    help = "Serve the site with gunicorn (default http://127.0.0.1:8000) until Ctrl-C."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on (0: any free port)")

    def handle(self, *args, host, port, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.flush()
        exec_gunicorn(gunicorn_argv(host, port))
