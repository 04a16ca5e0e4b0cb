"""``hearing-helper restore --central URL --desk-id ID [--data-dir DIR] [--json]``: a replaced
desk PC gets its history back from the court (store/sync/restore.py).

The data folder must hold no records. The supervisor password of the desk being restored is
asked first (terminal prompt, else the first line of standard input) and checked against the
newest password entry of the desk's chain as the court holds it, before any record is pulled.
Progress goes to stderr, one line per page; ``--json`` prints a summary on stdout. A pull cut
midway keeps every page it applied: the same command continues it. Exit 0 restored; 1 refused
(wrong password, login not bound to the desk, broken chain, server unreachable); 2 bad usage
(a folder holding records, a malformed desk id, no --central).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from hearing_helper.store.postgres.pull import DEFAULT_PAGE, MAX_PAGE
from hearing_helper.store.sync.restore import DeskRestore, PullProgress

MIN_PAGE = 10
_STREAM_WORDS = {"audit": "audit entries", "versions": "record versions", "exports": "exports"}


def _desk_id(text: str) -> str:
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a desk id (a UUID, as in the old data folder's desk_id file; "
            "court IT finds it in the desks table of the central database)"
        ) from None


def _page_size(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not MIN_PAGE <= value <= MAX_PAGE:
        raise argparse.ArgumentTypeError(f"give a number of rows from {MIN_PAGE} to {MAX_PAGE}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--desk-id",
        required=True,
        type=_desk_id,
        help="the replaced desk's id (the UUID in its old data folder's desk_id file)",
    )
    parser.add_argument(
        "--page-size",
        type=_page_size,
        default=DEFAULT_PAGE,
        help=f"rows per request to the server ({MIN_PAGE}-{MAX_PAGE}, default {DEFAULT_PAGE})",
    )
    parser.add_argument(
        "--accept-missing-key",
        action="store_true",
        help="finish although the desk's chain is signed with an audit key this computer's "
        "keyring does not hold (lost for good): verify-log then reports the missing key",
    )
    parser.add_argument("--json", action="store_true", help="print a summary as JSON")


class _PulledChain:
    """The pulled chain as the supervisor check's audit sink: it reads the password entry
    from it; a refused attempt is not appended (the chain is not this folder's until the
    restore is finished) but slows the next attempt down all the same."""

    def __init__(self, restore: DeskRestore) -> None:
        self.restore = restore

    def latest_audit(self, actions: tuple[str, ...]) -> Any:
        return self.restore.latest_audit(actions)

    def append_audit(
        self, actor: str, action: str, details: dict[str, Any], before_commit: Any = None
    ) -> None:
        if before_commit is not None:
            before_commit()


class _ProgressLines:
    """One stderr line per page at most every half second, and the last of each stream."""

    def __init__(self, location: str, desk_id: str) -> None:
        self.last = 0.0
        print(f"Restoring desk {desk_id} from {location} ...", file=sys.stderr)

    def __call__(self, progress: PullProgress) -> None:
        now = time.monotonic()
        if progress.done < progress.total and now - self.last < 0.5:
            return
        self.last = now
        share = 100 * progress.done // progress.total if progress.total else 100
        print(
            f"  {_STREAM_WORDS[progress.stream]}: {progress.done:,} of {progress.total:,} "
            f"({share}%)",
            file=sys.stderr,
            flush=True,
        )


def _authorize(restore: DeskRestore, password: str, data_dir: Path) -> tuple[bool, str]:
    from hearing_helper.auth import SupervisorAuth
    from hearing_helper.commands.supervisor import cli_actor
    from hearing_helper.config import Settings

    auth = SupervisorAuth(Settings(data_dir), _PulledChain(restore), data_dir)
    if not auth.is_set():
        return True, (
            f"Note: no supervisor password was ever set on desk {restore.desk_id}; set one "
            "after the restore (hearing-helper supervisor set-password)."
        )
    wait = auth.wait_seconds()
    if 0 < wait <= 30:
        print(
            f"hearing-helper: waiting {wait:.0f} s after earlier wrong passwords", file=sys.stderr
        )
        time.sleep(wait)
    result = auth.check(password, cli_actor(), purpose="restore")
    return result.ok, "" if result.ok else result.message()


def _missing_key_message(desk_id: str, data_dir: Path) -> str:
    return (
        f"hearing-helper: the audit chain of desk {desk_id} is signed with the desk's audit key, "
        "which this computer's keyring does not hold, so it cannot be verified or continued "
        "here. Court IT puts the key back from its backup, under this user's account: "
        f"`keyring set HearingHelper audit-key:{desk_id}` (README, Trust); then run the same "
        f"command again (everything pulled is kept in {data_dir}). If the key is lost for "
        "good, add --accept-missing-key: verify-log will then always report the missing key."
    )


def _follow_ups(data_dir: Path) -> int:
    from hearing_helper.store.sqlite import open_repository

    repo = open_repository(data_dir)
    try:
        return len(repo.follow_ups(datetime.now().astimezone(), limit=1_000_000))
    finally:
        repo.close()


def _settle_court_follow_ups(result: Any, data_dir: Path, address: Any, key: Any) -> None:
    """Answers other desks gave to the desk's follow-ups come now; answers the old PC still
    held for other desks are named (store/sync/restore_answers.py)."""
    from hearing_helper.store.sync.restore_answers import settle_court_follow_ups

    settled = settle_court_follow_ups(data_dir, address, result.desk_id, key)
    result.answers_applied = settled.applied
    result.answers_not_delivered = settled.not_delivered
    if settled.court_error:
        print(
            f"Note: the court's follow-ups could not be asked now ({settled.court_error}); the "
            "answers other desks gave to this desk's follow-ups come with its first sync.",
            file=sys.stderr,
        )
    if settled.not_delivered:
        print(
            f"Note: {len(settled.not_delivered)} answer(s) given at this desk to other desks' "
            "follow-ups were still waiting on the old PC and never reached the court (records "
            f"{', '.join(settled.not_delivered)}). Those follow-ups are due again in the "
            "court's list: call again and record the result.",
            file=sys.stderr,
        )


def run(args: argparse.Namespace) -> int:
    from hearing_helper import secrets
    from hearing_helper.commands.supervisor import read_secret
    from hearing_helper.config import Settings
    from hearing_helper.paths import resolve_data_dir
    from hearing_helper.private_files import make_private_dir
    from hearing_helper.store.errors import StoreError, StoreUnavailableError
    from hearing_helper.store.sync.desk import central_address
    from hearing_helper.store.sync.restore import FolderInUseError, check_folder

    if not getattr(args, "central", None):
        print(
            "hearing-helper: restore needs --central postgresql://desk-login@host:port/db, the "
            "login the desk delivered with (court IT has it).",
            file=sys.stderr,
        )
        return 2
    try:
        data_dir = resolve_data_dir(getattr(args, "data_dir", None))
        make_private_dir(data_dir)
        check_folder(data_dir, args.desk_id)
    except FolderInUseError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"hearing-helper: the data folder cannot be used: {exc}.", file=sys.stderr)
        return 1
    address = central_address(args.central)
    password = read_secret("Supervisor password of the desk being restored: ")
    progress = _ProgressLines(address.location, args.desk_id)
    restore = DeskRestore(
        data_dir, address, args.desk_id, page_size=args.page_size, on_progress=progress
    )
    try:
        restore.open()
        restore.pull("audit")
        allowed, message = _authorize(restore, password, data_dir)
        if not allowed:
            restore.discard()
            print(f"hearing-helper: {message} Nothing was restored.", file=sys.stderr)
            return 1
        if message:
            print(message, file=sys.stderr)
        restore.pull("versions")
        restore.pull("exports")
        key = secrets.load_desk_audit_key(args.desk_id)
        if key is None and restore.chain_is_keyed() and not args.accept_missing_key:
            print(_missing_key_message(args.desk_id, data_dir), file=sys.stderr)
            return 1
        result = restore.finish(key)
    except FolderInUseError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 2
    except StoreUnavailableError as exc:
        print(
            f"hearing-helper: {exc} Every page pulled so far is kept in {data_dir}: run the "
            "same command again to continue where it stopped.",
            file=sys.stderr,
        )
        return 1
    except StoreError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 1
    finally:
        restore.close()
    Settings(data_dir).update({"central": args.central, "desk_name": result.desk_name})
    _settle_court_follow_ups(result, data_dir, address, key)
    result.follow_ups = _follow_ups(data_dir)
    return _report(result, args.json, data_dir)


def _report(result: Any, as_json: bool, data_dir: Path) -> int:
    if as_json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        print(
            f"Restored desk {result.desk_id} ({result.desk_name or 'no name'}) into {data_dir}: "
            f"{result.records:,} records ({result.versions:,} versions), "
            f"{result.follow_ups} follow-ups waiting, {result.exports} export entries, "
            f"{result.audit_entries:,} audit entries, in {result.seconds:.0f} s."
        )
        if result.answers_applied:
            print(
                f"{result.answers_applied} follow-up answer(s) given at other desks were recorded "
                "on this desk's records."
            )
        print("Drafts that were never finished on the old PC never left it and are not restored.")
    if result.chain == "links_only":
        print(
            f"Note: {result.signatures_unchecked} audit entries are signed with the desk's "
            "audit key, which this computer's keyring does not hold: their sequence and links "
            "were checked, their signatures cannot be, and verify-log reports the missing key "
            "(README, Trust).",
            file=sys.stderr,
        )
    return 0
