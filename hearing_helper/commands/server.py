"""``hearing-helper server init|remember-password|publish-catalog --database URL`` (court IT).

``init`` creates or upgrades the central database's schema (numbered migrations; a newer schema
is refused untouched) and the roles ``hh_desk`` and ``hh_supervisor`` with their grants and
row-level security. Run it as the database's owner. ``remember-password`` stores the password of
the URL's user in this computer's OS keyring (prompted, or read from standard input), never in a
file or on the command line. ``publish-catalog DIR`` checks the folder's platform, guide and
join-mode files with the rules of ``catalog --validate`` and stores them as the next numbered
catalog version, which desks take on their next sync (``commands/publish_catalog.py``).
"""

from __future__ import annotations

import argparse
import getpass
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("init", "remember-password", "publish-catalog"))
    parser.add_argument(
        "folder", nargs="?", help="publish-catalog: the folder of catalog, guide and rules files"
    )
    parser.add_argument(
        "--note", default="", help="publish-catalog: what changed, kept with the version"
    )


def _database_url(args: argparse.Namespace) -> str | None:
    from hearing_helper.store.backend import check_database_url

    url = check_database_url(getattr(args, "database", None) or "")
    if not url.startswith("postgres"):
        print(
            "hearing-helper: give the central database with --database "
            "postgresql://owner@host:port/dbname",
            file=sys.stderr,
        )
        return None
    return url


def run(args: argparse.Namespace) -> int:
    from hearing_helper.store.errors import StoreError

    if args.action == "publish-catalog" and not (args.folder or "").strip():
        print(
            "hearing-helper: give the folder to publish: server publish-catalog DIR",
            file=sys.stderr,
        )
        return 2
    try:
        url = _database_url(args)
        if url is None:
            return 2
        if args.action == "init":
            return _init(url)
        if args.action == "publish-catalog":
            from hearing_helper.commands.publish_catalog import publish_catalog

            return publish_catalog(url, args.folder, args.note)
        return _remember(url)
    except StoreError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 1


def _init(url: str) -> int:
    from hearing_helper.store.postgres.connection import ServerAddress
    from hearing_helper.store.postgres.roles import DESK_ROLE, SUPERVISOR_ROLE, init_server_at
    from hearing_helper.store.postgres.schema import SCHEMA_VERSION

    address = ServerAddress.from_url(url)
    before = init_server_at(address)
    change = (
        f"created (schema {SCHEMA_VERSION})"
        if before == 0
        else (
            f"upgraded from schema {before} to {SCHEMA_VERSION}"
            if before < SCHEMA_VERSION
            else f"already at schema {SCHEMA_VERSION}"
        )
    )
    print(f"Central database {address.location}: {change}.")
    print(f"Roles ready: {DESK_ROLE} (a desk writes its own rows), {SUPERVISOR_ROLE} (reads all).")
    return 0


def _remember(url: str) -> int:
    from hearing_helper import secrets
    from hearing_helper.store.postgres.connection import ServerAddress, password_key

    address = ServerAddress.from_url(url)
    if sys.stdin.isatty():
        password = getpass.getpass(f"Password of {address.user} on {address.host}: ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    if not password:
        print("hearing-helper: no password given; nothing stored.", file=sys.stderr)
        return 1
    try:
        secrets.set_secret(password_key(address), password)
    except secrets.KeyringUnavailableError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 1
    print(f"The password of {address.user} on {address.host}:{address.port} is in the keyring.")
    return 0
