"""``hearing-helper supervisor set-password|remember``: the supervisor password for this data dir.

``set-password`` reads the new password twice (and the current one first, when one is set) from
the terminal, or one per line from standard input when it is not a terminal. ``remember`` stores
the password in the OS keyring so scheduled ``export`` jobs need no prompt; ``remember --forget``
removes it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from hearing_helper import secrets
from hearing_helper.auth import PasswordPolicyError, auth_for
from hearing_helper.commands import add_data_dir_argument, open_services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    set_password = sub.add_parser("set-password", help="set or change the supervisor password")
    remember = sub.add_parser(
        "remember", help="store the supervisor password in the OS keyring for scheduled jobs"
    )
    for action in (set_password, remember):
        add_data_dir_argument(action, sub_command=True)
    remember.add_argument("--forget", action="store_true", help="remove the stored password")


def cli_actor() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = os.environ.get("USERNAME", "unknown")
    return f"cli:{user}"


def read_secret(prompt: str) -> str:
    """A password from the terminal (not echoed), or the next line of a non-terminal stdin.
    Text that is not UTF-8 (bytes typed in another encoding) ends the command with exit 2 and
    a message: it could not be hashed, stored or typed again the same way."""
    try:
        if sys.stdin is not None and sys.stdin.isatty():
            try:
                text = getpass.getpass(prompt)
            except (EOFError, KeyboardInterrupt):
                return ""
        else:
            line = sys.stdin.readline() if sys.stdin is not None else ""
            text = line.rstrip("\r\n")
        text.encode("utf-8")  # lone surrogates: bytes that were not UTF-8
    except UnicodeError:
        print(
            "hearing-helper: the password given is not UTF-8 text (bytes in another encoding); "
            "type it in a UTF-8 terminal or pipe it as UTF-8. Nothing was changed.",
            file=sys.stderr,
        )
        raise SystemExit(2) from None
    return text


def _set_password(services: object) -> int:
    auth = auth_for(services)
    actor = cli_actor()
    if auth.is_set():
        result = auth.check(read_secret("Current supervisor password: "), actor, purpose="set")
        if not result.ok:
            print(f"hearing-helper: {result.message()}", file=sys.stderr)
            return 1
    new = read_secret("New supervisor password: ")
    again = read_secret("New supervisor password again: ")
    try:
        auth.set_password(new, actor, confirm=again)
    except PasswordPolicyError as exc:
        print(f"hearing-helper: {exc} Nothing was changed.", file=sys.stderr)
        return 1
    print("Supervisor password set.")
    return 0


def _remember(services: object, forget: bool) -> int:
    name = secrets.supervisor_secret_name(services.data_dir)  # type: ignore[attr-defined]
    try:
        if forget:
            removed = secrets.delete_secret(name)
            print("Removed from the keyring." if removed else "Nothing was stored.")
            return 0
        if not secrets.keyring_available():
            raise secrets.KeyringUnavailableError()
        password = read_secret("Supervisor password: ")
        result = auth_for(services).check(password, cli_actor(), purpose="remember")
        if not result.ok:
            print(f"hearing-helper: {result.message()}", file=sys.stderr)
            return 1
        secrets.set_secret(name, password)
    except secrets.KeyringUnavailableError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 1
    print("Supervisor password stored in the system keyring.")
    return 0


def run(args: argparse.Namespace) -> int:
    services = open_services(args)
    if services is None:
        return 1
    try:
        if args.action == "set-password":
            return _set_password(services)
        return _remember(services, args.forget)
    finally:
        services.close()
