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

    try:
        execute_from_command_line(["upheld", *(sys.argv[1:] if argv is None else argv)])
    except ImproperlyConfigured as error:  # a setting missing or wrong: the operator needs the message, not a traceback
        sys.exit(f"upheld: {error}")


if __name__ == "__main__":
    main()
