"""Hash chain of the audit log: each entry's SHA-256 covers its content and the previous hash.

Editing, deleting or reordering any entry breaks the chain at that entry, which
:func:`verify_chain` reports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(
    prev_hash: str, seq: int, at: str, actor: str, action: str, details: dict[str, Any]
) -> str:
    body = canonical_json(
        {"seq": seq, "at": at, "actor": actor, "action": action, "details": details}
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    seq: int  # the first entry that does not verify
    reason: str  # 'edited', 'deleted_or_reordered' or 'sequence_gap'

    def describe(self) -> str:
        what = {
            "edited": "was edited (its content no longer matches its hash)",
            "deleted_or_reordered": "does not follow the entry before it "
            "(an entry was deleted, inserted or reordered)",
            "sequence_gap": "follows a gap in the sequence numbers (an entry was deleted)",
        }[self.reason]
        return f"audit entry {self.seq} {what}"


def verify_chain(entries: Iterable[Any]) -> ChainBreak | None:
    """Check entries (with seq, at, actor, action, details, prev_hash, hash) in seq order."""
    expected_prev = GENESIS_HASH
    expected_seq: int | None = None
    for entry in entries:
        if expected_seq is not None and entry.seq != expected_seq:
            return ChainBreak(entry.seq, "sequence_gap")
        recomputed = entry_hash(
            entry.prev_hash, entry.seq, entry.at, entry.actor, entry.action, entry.details
        )
        if recomputed != entry.hash:
            return ChainBreak(entry.seq, "edited")
        if entry.prev_hash != expected_prev:
            return ChainBreak(entry.seq, "deleted_or_reordered")
        expected_prev = entry.hash
        expected_seq = entry.seq + 1
    return None
