"""Hash chain of the audit log: each entry's hash covers its content and the previous hash.

Editing, deleting or reordering any entry breaks the chain at that entry, which
:func:`verify_chain` reports.

**Keyed chain.** A plain SHA-256 chain can be recomputed by anyone who edits the database: edit
entry 3, recompute every later hash and the anchor, and the chain verifies. So each entry's hash
is an HMAC-SHA-256 with a secret :class:`AuditKey` that is not in the data folder: it is created
once per data folder in the OS keyring (:mod:`hearing_helper.secrets`). A keyed hash is stored as
``hmac:<hex>``. An edit without the key fails at the edited entry itself, so the first broken
entry is named even when later hashes were recomputed.

Where there is no keyring (a headless server, a locked-down PC) entries are written unkeyed
(plain SHA-256, as before) and ``verify-log`` says the chain is not keyed. The key records the
first entry it signs (``from_seq``): entries before it are older unkeyed entries; an unkeyed
entry after it is reported (written without the keyring, or forged).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hearing_helper.audit_key import AuditKey as AuditKey  # re-exported

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


KEYED_PREFIX = "hmac:"
# The entry that records, inside the chain, that the chain is keyed (details: from_seq, key_id).
# Written signed when the key is made (or first seen); an ``audit.keyed`` entry with no key to
# check it is a keyed chain whose key is missing, however its hashes were rewritten.
KEYED_ACTION = "audit.keyed"


# AuditKey, the chain's secret, lives in audit_key.py: secrets.py reads it from the keyring and
# sits below store/ in the layers (pyproject.toml).


def _body(seq: int, at: str, actor: str, action: str, details: dict[str, Any]) -> str:
    return canonical_json(
        {"seq": seq, "at": at, "actor": actor, "action": action, "details": details}
    )


def entry_hash(
    prev_hash: str,
    seq: int,
    at: str,
    actor: str,
    action: str,
    details: dict[str, Any],
    key: AuditKey | None = None,
) -> str:
    """The entry's hash: keyed (``hmac:<hex>``) when ``key`` signs entry ``seq``, else the
    plain SHA-256 hex digest."""
    message = (prev_hash + _body(seq, at, actor, action, details)).encode("utf-8")
    if key is not None and seq >= key.from_seq:
        return KEYED_PREFIX + hmac.new(key.secret, message, hashlib.sha256).hexdigest()
    return hashlib.sha256(message).hexdigest()


def _expected_hash(entry: Any, key: AuditKey | None) -> str | None:
    """What ``entry.hash`` should be, by the form it claims; None when that cannot be known."""
    message = (
        entry.prev_hash + _body(entry.seq, entry.at, entry.actor, entry.action, entry.details)
    ).encode("utf-8")
    if str(entry.hash).startswith(KEYED_PREFIX):
        if key is None:
            return None
        return KEYED_PREFIX + hmac.new(key.secret, message, hashlib.sha256).hexdigest()
    return hashlib.sha256(message).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    seq: int  # the first entry that does not verify (or is missing, for the anchor's reasons)
    # 'edited', 'deleted_or_reordered', 'sequence_gap', 'unkeyed' (an unsigned entry where
    # the key signs), 'key_missing' (a signed entry and no key here); from the anchor
    # (store/anchor.py): 'tail_deleted', 'tail_replaced'
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
            "unkeyed": "is not signed with this data folder's audit key although the key "
            "signs every entry from that number on (it was written or rewritten without it)",
            "key_missing": "is signed with an audit key this computer's keyring does not hold "
            "(verify on the desk PC and user account that wrote it)",
        }[self.reason]
        return f"audit entry {self.seq} {what}"


@dataclass
class SignatureTally:
    """Keyed entries a key-less check could only link, not verify (court scope)."""

    unchecked: int = 0


def verify_chain(
    entries: Iterable[Any],
    key: AuditKey | None = None,
    *,
    links_only: SignatureTally | None = None,
) -> ChainBreak | None:
    """Check entries (with seq, at, actor, action, details, prev_hash, hash) in seq order;
    ``key``: the data folder's audit key, None where the keyring holds none.

    ``links_only``: for a copy of another desk's chain (the central database holds no desk's
    key) a keyed entry without its key is not a break: its sequence and its link to the entry
    before are still checked, and it is counted in the tally as a signature left unchecked."""
    expected_prev = GENESIS_HASH
    expected_seq: int | None = None
    for entry in entries:
        if expected_seq is not None and entry.seq != expected_seq:
            return ChainBreak(entry.seq, "sequence_gap")
        keyed = str(entry.hash).startswith(KEYED_PREFIX)
        if entry.action == KEYED_ACTION and key is None and links_only is None:
            # The chain says it is keyed, whatever its hashes now look like.
            return ChainBreak(entry.seq, "key_missing")
        if keyed and (key is None or entry.seq < key.from_seq):
            if links_only is None:
                # Signed, but not by the key held here (that one signs later entries only).
                return ChainBreak(entry.seq, "key_missing")
            links_only.unchecked += 1
            if entry.prev_hash != expected_prev:
                return ChainBreak(entry.seq, "deleted_or_reordered")
            expected_prev = entry.hash
            expected_seq = entry.seq + 1
            continue
        if not keyed and key is not None and entry.seq >= key.from_seq:
            return ChainBreak(entry.seq, "unkeyed")
        if _expected_hash(entry, key) != entry.hash:
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
