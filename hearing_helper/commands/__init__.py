"""Sub-commands of ``hearing-helper``; each module has ``add_arguments`` and ``run``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hearing_helper.store_error import StoreError

if TYPE_CHECKING:  # the store is imported by the command that runs, not to parse its arguments
    from hearing_helper.services import AppServices


class SecretInputError(ValueError):
    """A password piped in as bytes that are not text; ``str()`` says so (cli exits 2)."""


def add_data_dir_argument(parser: argparse.ArgumentParser, *, sub_command: bool = False) -> None:
    """``--data-dir DIR``, ``--database URL`` and ``--central URL``, accepted before the
    command, after it, and after a sub-action."""
    # On a sub-command, no default: it would overwrite a value given before the command.
    default = argparse.SUPPRESS if sub_command else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=_data_dir_text,
        default=default,
        help="data directory (default: $HEARING_HELPER_DATA or the user data dir)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        type=_database_url,
        default=default,
        help="database to use, e.g. postgresql://user@host:5432/dbname (the password comes from "
        'the OS keyring; default: the "database" setting, else the file in the data directory)',
    )
    parser.add_argument(
        "--central",
        metavar="URL",
        type=_central_url,
        default=default,
        help="the court's central database this desk sends its records to, e.g. "
        'postgresql://desk1@host:5432/court (default: the "central" setting)',
    )


def _data_dir_text(text: str) -> str:
    """``--data-dir`` must name a folder: an empty value (an unset shell variable, say) would
    otherwise fall back to the user's real data folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a folder (the value is empty)")
    return text


def _database_url(text: str) -> str:
    """``--database`` checked while parsing, so a bad URL is a usage error (exit 2)."""
    from hearing_helper.store.backend import check_database_url

    try:
        return check_database_url(text)
    except StoreError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _central_url(text: str) -> str:
    """``--central`` checked while parsing, like ``--database`` (a bad URL is exit 2)."""
    from hearing_helper.store.backend import check_central_url

    try:
        return check_central_url(text)
    except StoreError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def data_folder_of(args: object) -> Path | None:
    """The data folder ``--data-dir`` names, resolved; None when it cannot be resolved (the
    command's open_services() then says why)."""
    from hearing_helper.paths import resolve_data_dir

    try:
        return resolve_data_dir(getattr(args, "data_dir", None))
    except (OSError, RuntimeError):
        return None


def open_services(args: object) -> AppServices | None:
    """Open the data dir named by ``--data-dir``; print a clear message and return None if not."""
    from hearing_helper.services import AppServices

    try:
        return AppServices.open(
            getattr(args, "data_dir", None),
            getattr(args, "database", None),
            central=getattr(args, "central", None),
        )
    except StoreError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return None
