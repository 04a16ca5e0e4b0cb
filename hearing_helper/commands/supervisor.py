"""``hearing-helper supervisor set-password|remember``: the supervisor password for this data dir.

``set-password`` reads the new password twice (and the current one first, when one is set) from
the terminal, or one per line from standard input when it is not a terminal. ``remember`` stores
the password in the OS keyring so scheduled ``export`` jobs need no prompt; ``remember --forget``
removes it.
"""

from __future__ import annotations

import argparse
import getpass
import locale
import os
import sys

from hearing_helper import secrets
from hearing_helper.auth import PasswordPolicyError, auth_for
from hearing_helper.commands import SecretInputError, add_data_dir_argument, open_services
from hearing_helper.services import AppServices


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
    """A password from the terminal (not echoed), or the next line of a non-terminal stdin."""
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except (EOFError, KeyboardInterrupt):
            return ""
    if sys.stdin is None:
        return ""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a replaced text stream (tests, embedding)
        text = sys.stdin.readline().rstrip("\r\n")
        try:
            text.encode("utf-8")  # lone surrogates: bytes that were not UTF-8
        except UnicodeError:
            raise SecretInputError(
                "The password on standard input is not UTF-8 text. Nothing was changed."
            ) from None
        return text
    return decode_piped_line(buffer.readline()).rstrip("\r\n")


def decode_piped_line(raw: bytes) -> str:
    """A piped line as text: UTF-8 (a BOM dropped) when it is UTF-8, else the system's code
    page. On a Chinese Windows, cmd's ``echo`` sends GBK (code page 936) while PowerShell 7 and
    UTF-8 files send UTF-8; reading the pipe in the code page alone mangled a Chinese password
    sent as UTF-8 (and the run ended in an internal error)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    encoding = locale.getpreferredencoding(False)
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise SecretInputError(
            f"The password on standard input is neither UTF-8 nor {encoding} text. "
            "Nothing was changed."
        ) from None


def _set_password(services: AppServices) -> int:
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


def _remember(services: AppServices, forget: bool) -> int:
    name = secrets.supervisor_secret_name(services.data_dir)
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
