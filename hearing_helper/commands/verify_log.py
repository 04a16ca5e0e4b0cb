"""``hearing-helper verify-log``: check the audit log's hash chain end to end.

Exit 0 when every entry verifies; exit 1 naming the first entry that was edited, deleted,
inserted or reordered.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from hearing_helper.commands import open_services
from hearing_helper.store.audit import ChainBreak, verify_chain
from hearing_helper.store.repository import AuditEntry


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


class _UnreadableEntryError(Exception):
    def __init__(self, seq: int) -> None:
        self.seq = seq


def _entries(conn: object, counter: list[int]) -> Iterator[AuditEntry]:
    rows = conn.execute(  # type: ignore[attr-defined]
        "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit_log ORDER BY seq"
    )
    for seq, at, actor, action, details, prev_hash, digest in rows:
        try:
            parsed = json.loads(details)
        except (TypeError, ValueError):
            raise _UnreadableEntryError(seq) from None  # details no longer JSON: it was edited
        counter[0] += 1
        yield AuditEntry(seq, at, actor, action, parsed, prev_hash, digest)


def run(args: argparse.Namespace) -> int:
    services = open_services(args)
    if services is None:
        return 1
    conn = services.repo.connect_readonly()
    counter = [0]
    try:
        try:
            broken = verify_chain(_entries(conn, counter))
        except _UnreadableEntryError as exc:
            broken = ChainBreak(exc.seq, "edited")
    finally:
        conn.close()
        services.close()
    if args.json:
        result: dict[str, object] = {"intact": broken is None, "entries_checked": counter[0]}
        if broken is not None:
            result |= {"first_bad_seq": broken.seq, "reason": broken.reason}
        print(json.dumps(result))
    elif broken is None:
        print(f"Audit log intact: {counter[0]} entries verified.")
    else:
        print(f"Audit log BROKEN: {broken.describe()}.", file=sys.stderr)
    return 0 if broken is None else 1
