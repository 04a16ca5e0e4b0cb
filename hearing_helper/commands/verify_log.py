"""``hearing-helper verify-log``: check the audit log's hash chain end to end.

Exit 0 when every entry verifies; exit 1 naming the first entry that was edited, deleted,
inserted or reordered. Entries deleted from the END of the log leave a valid, shorter chain: the
audit anchor file beside the database (:mod:`hearing_helper.store.anchor`) records the newest
entry, and a chain whose head is older than the anchor is reported as "entries after N were
deleted". The chain is keyed with a secret in the OS keyring (store/audit.py): a chain rewritten
together with its anchor is detected at the first edited entry. A chain that records being keyed
(its ``audit.keyed`` entry, the anchor's ``keyed_from``) whose key is not in this user's keyring
is reported as BROKEN naming the missing keyring entry, never as intact. Without a keyring the
chain is unkeyed and the command says so.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator

from hearing_helper import secrets
from hearing_helper.commands import open_services
from hearing_helper.commands.scope import add_scope_argument, court_source
from hearing_helper.services import AppServices
from hearing_helper.store.anchor import Anchor, DamagedAnchorError, read_anchor
from hearing_helper.store.audit import (
    AuditKey,
    ChainBreak,
    SignatureTally,
    check_anchor,
    verify_chain,
)
from hearing_helper.store.content_check import ContentReport, RecordedHashes, check_content
from hearing_helper.store.errors import UnreadableAuditEntryError
from hearing_helper.store.repository import AuditEntry


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    add_scope_argument(parser)


class _Head:
    """What verify-log remembers while the chain streams past: its newest seq, and the hash of
    the entry the anchor names."""

    def __init__(self, anchor: Anchor | None) -> None:
        self.anchor = anchor
        self.seq = 0
        self.hash_at_anchor: str | None = None

    def see(self, entry: AuditEntry) -> None:
        self.seq = entry.seq
        if self.anchor is not None and entry.seq == self.anchor.seq:
            self.hash_at_anchor = entry.hash


def _entries(audit: Iterable[AuditEntry], counter: list[int], head: _Head) -> Iterator[AuditEntry]:
    for entry in audit:
        counter[0] += 1
        head.see(entry)
        yield entry


def _own_desk_key(services: AppServices) -> tuple[str | None, AuditKey | None]:
    """This installation's desk id and audit key, when both can be read."""
    from hearing_helper.desk_identity import desk_id

    data_dir = services.data_dir
    try:
        return desk_id(data_dir), secrets.load_audit_key(data_dir)
    except (OSError, ValueError):  # a damaged desk id file: every chain by its links only
        return None, None


def _verify_court(services: AppServices, args: argparse.Namespace) -> int:
    """Every desk's chain as stored on the central database (no anchor files there)."""
    from hearing_helper.store.errors import StoreError

    source = court_source(services, args)
    if isinstance(source, int):
        return source
    results: dict[str, dict[str, object]] = {}
    # This desk's own chain is checked with its key; other desks' keys stay on their PCs, so
    # their signed entries are checked for sequence and links only, and the tally says so.
    own_desk, own_key = _own_desk_key(services)
    try:
        for desk in source.chain_desks():
            counter = [0]
            tally = SignatureTally()
            key = own_key if desk == own_desk else None
            try:
                broken = verify_chain(
                    _entries(source.iter_desk_audit(desk), counter, _Head(None)),
                    key,
                    links_only=tally,
                )
            except UnreadableAuditEntryError as exc:
                broken = ChainBreak(exc.seq, "edited")
            results[desk] = {
                "intact": broken is None,
                "entries_checked": counter[0],
                "signatures_unchecked": tally.unchecked,
            }
            if broken is not None:
                results[desk] |= {"first_bad_seq": broken.seq, "reason": broken.describe()}
            elif counter[0] == 0:
                records = source.records_of(desk)
                # A desk that delivered records always delivered audit entries with them.
                results[desk] |= {
                    "intact": records == 0,
                    "reason": f"no audit entries on the server ({records} records)",
                }
        conflicts = source.conflicts()
        disagreeing, examples = source.report_row_mismatches()
    except StoreError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 1
    finally:
        source.close()
    ok = all(result["intact"] for result in results.values()) and not disagreeing
    report_rows = {"disagreeing": disagreeing, "examples": examples}
    if args.json:
        print(
            json.dumps(
                {"intact": ok, "desks": results, "conflicts": conflicts, "report_rows": report_rows}
            )
        )
    else:
        for desk, result in results.items():
            if not result["entries_checked"]:
                print(
                    f"Desk {desk}: {result['reason']}.",
                    file=sys.stdout if result["intact"] else sys.stderr,
                )
            elif result["intact"]:
                unchecked = result["signatures_unchecked"]
                note = (
                    f" ({unchecked} signed entries linked; their signatures can be checked"
                    " only on that desk, with verify-log)"
                    if unchecked
                    else ""
                )
                print(f"Desk {desk}: intact, {result['entries_checked']} entries verified{note}.")
            else:
                print(f"Desk {desk}: BROKEN: {result['reason']}.", file=sys.stderr)
        if disagreeing:
            print(
                f"Report rows BROKEN: {disagreeing} record(s) on the central database disagree "
                f"with their newest delivered version (e.g. {', '.join(examples)}); court "
                "reports would count them wrongly. Court IT checks who changed them.",
                file=sys.stderr,
            )
        verdict = "intact" if ok else "BROKEN"
        print(f"Court audit log {verdict}: {len(results)} desks checked.")
        if conflicts:
            print(f"Note: {conflicts} deliveries are in the conflicts table for court IT.")
    return 0 if ok else 1


def _check_records(repo: object, recorded: RecordedHashes) -> ContentReport | None:
    """Stored versions and the records table against the audit entries (store/content_check.py);
    None for a database that does not offer the check."""
    versions = getattr(repo, "iter_version_hashes", None)
    disagreements = getattr(repo, "iter_row_disagreements", None)
    if versions is None or disagreements is None:
        return None
    rows_checked = [0]
    return check_content(recorded, versions(), disagreements(rows_checked), rows_checked)


def _print_content(content: ContentReport | None) -> None:
    if content is None:
        print("Note: this database does not offer the record content check.")
        return
    for problem in content.problems:
        print(f"Record BROKEN: {problem.describe()}.", file=sys.stderr)
    if content.problem_count > len(content.problems):
        more = content.problem_count - len(content.problems)
        print(f"... and {more} more record problems (see --json).", file=sys.stderr)
    if not content.problem_count:
        note = (
            f" ({content.versions_unaudited} versions imported before content hashes were "
            "recorded could not be compared)"
            if content.versions_unaudited
            else ""
        )
        print(
            f"Records intact: {content.versions_checked} stored versions match their audit "
            f"entries and {content.rows_checked} records agree with their newest version{note}."
        )


def run(args: argparse.Namespace) -> int:
    services = open_services(args)
    if services is None:
        return 1
    if getattr(args, "scope", "desk") == "court":
        try:
            return _verify_court(services, args)
        finally:
            services.close()
    data_dir = services.data_dir
    key = secrets.load_audit_key(data_dir)
    counter = [0]
    damaged = ""
    try:
        anchor = read_anchor(data_dir)
    except DamagedAnchorError as exc:
        anchor, damaged = None, str(exc)
    head = _Head(anchor)
    recorded = RecordedHashes()
    try:
        try:
            entries = recorded.watch(_entries(services.repo.iter_audit(), counter, head))
            broken = verify_chain(entries, key)
        except UnreadableAuditEntryError as exc:  # details no longer JSON: it was edited
            broken = ChainBreak(exc.seq, "edited")
        content = _check_records(services.repo, recorded)
    finally:
        services.close()
    if broken is None and anchor is not None:
        broken = check_anchor(anchor.seq, anchor.hash, head.seq, head.hash_at_anchor)
    if broken is None and anchor is not None and anchor.keyed_from and key is None:
        # The anchor records a keyed chain; its key is gone and the chain verifies unkeyed:
        # rewritten without the key, or checked on the wrong account. Never "intact".
        broken = ChainBreak(anchor.keyed_from, "key_missing")
    missing_key = (
        secrets.audit_key_name(data_dir) if broken and broken.reason == "key_missing" else ""
    )
    anchor_state = "damaged" if damaged else ("missing" if anchor is None else "checked")
    records_ok = content is None or not content.problem_count
    ok = broken is None and not damaged and records_ok
    if args.json:
        result: dict[str, object] = {
            "intact": ok,
            "entries_checked": counter[0],
            "anchor": anchor_state,
            "keyed": key is not None,
            "content": content.as_json() if content is not None else "not_checked",
        }
        if broken is not None:
            result |= {"first_bad_seq": broken.seq, "reason": broken.reason}
        elif damaged:
            result |= {"reason": "anchor_damaged"}
        elif not records_ok:
            result |= {"reason": "records_edited"}
        if missing_key:
            result["missing_key"] = missing_key
        print(json.dumps(result))
        return 0 if ok else 1
    _print_content(content)
    if broken is not None:
        print(f"Audit log BROKEN: {broken.describe()}.", file=sys.stderr)
        if missing_key:
            print(
                f"The chain is keyed, and its key (keyring service {secrets.SERVICE!r}, entry "
                f"{missing_key!r}) is missing from this user's keyring: restore it from court "
                "IT's backup of the key (README, Trust) and run verify-log again. Until then "
                "the log cannot be shown to be intact.",
                file=sys.stderr,
            )
    elif damaged:
        print(
            f"Audit log BROKEN: the audit anchor file is damaged ({damaged}); "
            "entries deleted from the end of the log cannot be ruled out.",
            file=sys.stderr,
        )
    elif not records_ok:
        print(
            f"Audit chain intact ({counter[0]} entries verified), but the records above were "
            "edited in the database outside the app.",
            file=sys.stderr,
        )
    else:
        print(f"Audit log intact: {counter[0]} entries verified.")
        if key is None and counter[0]:
            print(
                "Note: the audit log is not keyed (this computer has no usable keyring), so a "
                "chain rewritten together with its anchor file cannot be detected."
            )
        if anchor is None and counter[0]:
            print(
                "Note: no audit anchor file yet (it is written with the next audit entry); "
                "until then entries deleted from the end of the log cannot be detected."
            )
    return 0 if ok else 1
