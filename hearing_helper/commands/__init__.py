"""Sub-commands of ``hearing-helper``; each module has ``add_arguments`` and ``run``."""

from __future__ import annotations

import sys

from hearing_helper.services import AppServices
from hearing_helper.store import StoreError


def open_services(args: object) -> AppServices | None:
    """Open the data dir named by ``--data-dir``; print a clear message and return None if not."""
    try:
        return AppServices.open(getattr(args, "data_dir", None))
    except StoreError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return None
