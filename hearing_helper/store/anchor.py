"""The audit anchor: the newest audit entry's (seq, hash), kept in a small file beside the database.

The hash chain shows an entry that was edited, reordered or deleted from the middle of the log,
but not entries cut from its END: the shortened chain is still a valid chain. After every commit
that appended to the audit log, the repository writes the new head to ``audit_anchor`` in the
data dir (atomically: temporary file, fsync, rename). ``verify-log`` compares the chain's head
with it: a head older than the anchor means entries after it were deleted; a different hash at
the anchor's seq means the end of the log was replaced.

Limits (said plainly): with an unkeyed chain (no keyring), someone who can edit both the
database and this file, or delete the file, can still hide deleted tail entries. With the keyed
chain (store/audit.py) a rewritten tail cannot be re-signed, but entries cut from the end plus a
deleted anchor still look like a shorter log. The anchor also records ``keyed_from`` (the chain is
keyed from that entry on) and never drops it, so a chain rewritten unkeyed after its key was
deleted from the keyring is reported as a keyed chain whose key is missing. A damaged anchor
is reported, never a crash.
The anchor may lag one entry behind after a crash between the commit and the file write,
which is never reported as tampering (only a head *behind* the anchor is).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from hearing_helper.atomic_file import write_json_atomically

log = logging.getLogger(__name__)

ANCHOR_FILENAME = "audit_anchor"
MAX_ANCHOR_BYTES = 4096
MAX_SEQ = 2**63 - 1  # SQLite's largest integer
_HASH_RE = re.compile(r"(?:hmac:)?[0-9a-f]{64}")  # plain or keyed (store/audit.py)


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    # The first entry the audit key signs (0: the chain is not keyed). Kept here as well as in
    # the chain's own ``audit.keyed`` entry, so that deleting the key from the keyring and
    # rewriting the chain unkeyed is still seen as a keyed chain whose key is missing.
    keyed_from: int = 0


class DamagedAnchorError(Exception):
    """The anchor file exists but cannot be read as an anchor."""


def anchor_path(data_dir: Path) -> Path:
    return data_dir / ANCHOR_FILENAME


def read_anchor(data_dir: Path) -> Anchor | None:
    """The stored anchor; None when there is no file. Raises DamagedAnchorError."""
    path = anchor_path(data_dir)
    try:
        if path.stat().st_size > MAX_ANCHOR_BYTES:
            raise DamagedAnchorError(f"{path}: not an audit anchor (too large)")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise DamagedAnchorError(f"{path}: not an audit anchor (not UTF-8 text)") from exc
    except OSError as exc:
        raise DamagedAnchorError(f"{path}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(text)
        seq, digest = data["seq"], data["hash"]
        keyed_from = data.get("keyed_from", 0)
    except (ValueError, TypeError, KeyError, RecursionError, AttributeError) as exc:
        raise DamagedAnchorError(f"{path}: not an audit anchor") from exc
    if (
        not _is_seq(seq)
        or not isinstance(digest, str)
        or not _HASH_RE.fullmatch(digest)
        or not (keyed_from == 0 or _is_seq(keyed_from))
    ):
        raise DamagedAnchorError(f"{path}: not an audit anchor (bad seq or hash)")
    return Anchor(seq, digest, keyed_from)


def _is_seq(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_SEQ


def write_anchor(data_dir: Path, anchor: Anchor) -> None:
    """Replace the anchor atomically; never moves it backwards (another process may have
    committed a newer entry and written its anchor first). Failures are logged, not raised:
    the audit entry itself is already committed."""
    path = anchor_path(data_dir)
    try:
        try:
            current = read_anchor(data_dir)
        except DamagedAnchorError:
            current = None
        if current is not None and current.seq > anchor.seq:
            return
        # Once keyed, always recorded as keyed: a writer without the key (it went missing from
        # the keyring) never erases the record that there was one.
        keyed_from = anchor.keyed_from or (current.keyed_from if current else 0)
        fields: dict[str, object] = {"seq": anchor.seq, "hash": anchor.hash}
        if keyed_from:
            fields["keyed_from"] = keyed_from
        write_json_atomically(path, fields)
    except (OSError, ValueError) as exc:
        log.warning("Cannot write the audit anchor %s: %s", path, exc)
