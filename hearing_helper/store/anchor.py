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
deleted anchor still look like a shorter log. A damaged anchor is reported, never a crash.
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
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        raise DamagedAnchorError(f"{path}: not an audit anchor") from exc
    if (
        not isinstance(seq, int)
        or isinstance(seq, bool)
        or not 1 <= seq <= MAX_SEQ
        or not isinstance(digest, str)
        or not _HASH_RE.fullmatch(digest)
    ):
        raise DamagedAnchorError(f"{path}: not an audit anchor (bad seq or hash)")
    return Anchor(seq, digest)


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
        write_json_atomically(path, {"seq": anchor.seq, "hash": anchor.hash})
    except (OSError, ValueError) as exc:
        log.warning("Cannot write the audit anchor %s: %s", path, exc)
