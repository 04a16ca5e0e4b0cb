"""``python -m hearing_helper``: the same as the ``hearing-helper`` command."""

import sys

from hearing_helper.cli import main


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
