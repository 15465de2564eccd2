"""`python -m benchmarks [GROUP ...]`: run benchmark groups, print one JSON object.

Each group is a function in `benchmarks.groups` returning a dict of figures.
Figures are measured beside a floor in the same run, so that ratios hold on a
noisy machine.
"""

import json
import sys

from benchmarks.groups import GROUPS


def main(argv: list[str]) -> int:
    names = argv or list(GROUPS)
    unknown = [name for name in names if name not in GROUPS]
    if unknown:
        print(f"unknown benchmark group(s): {', '.join(unknown)}; known: {', '.join(GROUPS)}", file=sys.stderr)
        return 2
    figures: dict[str, object] = {}
    for name in names:
        figures.update(GROUPS[name]())
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
