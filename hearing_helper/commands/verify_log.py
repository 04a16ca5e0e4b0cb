"""``hearing-helper verify-log``: check the audit log's hash chain end to end.

Exit 0 when every entry verifies; exit 1 naming the first entry that was edited, deleted,
inserted or reordered. Entries deleted from the END of the log leave a valid, shorter chain: the
audit anchor file beside the database (:mod:`hearing_helper.store.anchor`) records the newest
entry, and a chain whose head is older than the anchor is reported as "entries after N were
deleted". Someone who can edit both the database and the anchor file can still hide that.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator

from hearing_helper.commands import open_services
from hearing_helper.store.anchor import Anchor, DamagedAnchorError, read_anchor
from hearing_helper.store.audit import ChainBreak, check_anchor, verify_chain
from hearing_helper.store.errors import UnreadableAuditEntryError
from hearing_helper.store.repository import AuditEntry


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


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


def run(args: argparse.Namespace) -> int:
    services = open_services(args)
    if services is None:
        return 1
    data_dir = services.data_dir
    counter = [0]
    damaged = ""
    try:
        anchor = read_anchor(data_dir)
    except DamagedAnchorError as exc:
        anchor, damaged = None, str(exc)
    head = _Head(anchor)
    try:
        try:
            broken = verify_chain(_entries(services.repo.iter_audit(), counter, head))
        except UnreadableAuditEntryError as exc:  # details no longer JSON: it was edited
            broken = ChainBreak(exc.seq, "edited")
    finally:
        services.close()
    if broken is None and anchor is not None:
        broken = check_anchor(anchor.seq, anchor.hash, head.seq, head.hash_at_anchor)
    anchor_state = "damaged" if damaged else ("missing" if anchor is None else "checked")
    ok = broken is None and not damaged
    if args.json:
        result: dict[str, object] = {
            "intact": ok,
            "entries_checked": counter[0],
            "anchor": anchor_state,
        }
        if broken is not None:
            result |= {"first_bad_seq": broken.seq, "reason": broken.reason}
        elif damaged:
            result |= {"reason": "anchor_damaged"}
        print(json.dumps(result))
    elif broken is not None:
        print(f"Audit log BROKEN: {broken.describe()}.", file=sys.stderr)
    elif damaged:
        print(
            f"Audit log BROKEN: the audit anchor file is damaged ({damaged}); "
            "entries deleted from the end of the log cannot be ruled out.",
            file=sys.stderr,
        )
    else:
        print(f"Audit log intact: {counter[0]} entries verified.")
        if anchor is None and counter[0]:
            print(
                "Note: no audit anchor file yet (it is written with the next audit entry); "
                "until then entries deleted from the end of the log cannot be detected."
            )
    return 0 if ok else 1
