"""The audit anchor: the newest audit entry's (seq, hash), kept in a small file beside the database.

The hash chain shows an entry that was edited, reordered or deleted from the middle of the log,
but not entries cut from its END: the shortened chain is still a valid chain. After every commit
that appended to the audit log, the repository writes the new head to ``audit_anchor`` in the
data dir (atomically: temporary file, fsync, rename). ``verify-log`` compares the chain's head
with it: a head older than the anchor means entries after it were deleted; a different hash at
the anchor's seq means the end of the log was replaced.

Limits (said plainly): someone who can edit both the database and this file, or delete the file,
can still hide deleted tail entries; the anchor only raises the bar above editing the database
alone. The anchor may lag one entry behind after a crash between the commit and the file write,
which is never reported as tampering (only a head *behind* the anchor is).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from hearing_helper.atomic_file import write_json_atomically

log = logging.getLogger(__name__)

ANCHOR_FILENAME = "audit_anchor"


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
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DamagedAnchorError(f"{path}: {exc}") from exc
    try:
        data = json.loads(text)
        anchor = Anchor(int(data["seq"]), str(data["hash"]))
    except (ValueError, TypeError, KeyError) as exc:
        raise DamagedAnchorError(f"{path}: not an audit anchor") from exc
    if anchor.seq < 1 or len(anchor.hash) != 64:
        raise DamagedAnchorError(f"{path}: not an audit anchor")
    return anchor


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
    except OSError as exc:
        log.warning("Cannot write the audit anchor %s: %s", path, exc)
