"""``--scope desk|court`` for report, export and verify-log.

``desk``: this desk's own database (always available). ``court``: the court's central database
(``--central`` or the "central" setting), all desks, read with a login allowed to read them all.
When it cannot be reached the command says so and names ``--scope desk``; it never prints a
partial total as if it were the court's.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hearing_helper.services import AppServices
    from hearing_helper.store.postgres.court import CourtReportSource


def add_scope_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scope",
        choices=("desk", "court"),
        default="desk",
        help="this desk's records (default) or the whole court's, from the central database",
    )


def add_demo_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--include-demo",
        action="store_true",
        help="court scope: also count records made by demo-data (left out by default; the "
        "output says how many)",
    )


def demo_note(left_out: int) -> str:
    """The line that says what the court scope left out ('' when nothing)."""
    if not left_out:
        return ""
    return f"Left out {left_out} demo records (made by demo-data); --include-demo counts them."


def court_source(services: AppServices, args: argparse.Namespace) -> CourtReportSource | int:
    """The court's report source, or the exit code after printing why it cannot be used: 2
    when this desk is not joined to a central database (the command cannot run as asked, the
    same as ``sync``), 1 when it is but the database cannot be used."""
    from hearing_helper.store.errors import StoreError
    from hearing_helper.store.postgres.court import CourtReportSource
    from hearing_helper.store.sync.desk import NotJoinedError, central_address

    url = getattr(args, "central", None) or str(services.settings.get("central") or "")
    try:
        return CourtReportSource(central_address(url))
    except StoreError as exc:
        print(
            f"hearing-helper: the court scope is not available: {exc} "
            "This desk's own records: --scope desk.",
            file=sys.stderr,
        )
        return 2 if isinstance(exc, NotJoinedError) else 1


def waiting_here(services: AppServices) -> int:
    """Items of this desk not yet on the central database (0 when it has no outbox)."""
    from hearing_helper.store.errors import StoreError
    from hearing_helper.store.sqlite.outbox import open_outbox

    try:
        outbox = open_outbox(services.data_dir)
    except StoreError:
        return 0
    try:
        return outbox.waiting()
    except StoreError:
        return 0
    finally:
        outbox.close()
