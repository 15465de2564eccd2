"""The `upheld` console script.

Every subcommand is a Django management command (`setup`, `import`, `demo`,
`serve`, …), so `upheld migrate` or `upheld check --deploy` work too.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upheld.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    from upheld.site.busy import EXIT_STATUS, MESSAGE, is_busy

    try:
        execute_from_command_line(["upheld", *(sys.argv[1:] if argv is None else argv)])
    except ImproperlyConfigured as error:  # a setting missing or wrong: the operator needs the message, not a traceback
        sys.exit(f"upheld: {error}")
    except Exception as error:
        if not is_busy(error):
            raise
        # Another process held the database for longer than a command waits: not a fault, and any
        # command that writes (release, revise, backup, import, ...) may meet it.
        print(f"upheld: {MESSAGE}", file=sys.stderr)
        sys.exit(EXIT_STATUS)


if __name__ == "__main__":
    main()
