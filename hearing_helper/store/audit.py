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
    seq: int  # the first entry that does not verify (or is missing, for the anchor's reasons)
    # 'edited', 'deleted_or_reordered', 'sequence_gap'; from the anchor (store/anchor.py):
    # 'tail_deleted', 'tail_replaced'
    reason: str
    anchor_seq: int = 0  # the newest entry the anchor file records (anchor reasons only)

    def describe(self) -> str:
        if self.reason == "tail_deleted":
            return (
                f"audit entries after {self.seq - 1} were deleted "
                f"(the audit anchor file records entry {self.anchor_seq})"
            )
        if self.reason == "tail_replaced":
            return (
                f"audit entry {self.seq} is not the one the audit anchor file records "
                "(the end of the log was deleted and rewritten)"
            )
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


def check_anchor(
    anchor_seq: int, anchor_hash: str, head_seq: int, hash_at_anchor: str | None
) -> ChainBreak | None:
    """Compare an intact chain with the anchor (see :mod:`hearing_helper.store.anchor`).

    ``head_seq`` is the chain's newest seq (0 when empty), ``hash_at_anchor`` the hash of the
    chain's entry numbered ``anchor_seq`` (None when the chain has no such entry). A chain ahead
    of its anchor is fine (a crash between commit and anchor write leaves it one behind)."""
    if head_seq < anchor_seq:
        return ChainBreak(head_seq + 1, "tail_deleted", anchor_seq)
    if hash_at_anchor != anchor_hash:
        return ChainBreak(anchor_seq, "tail_replaced", anchor_seq)
    return None
