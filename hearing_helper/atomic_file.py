"""Replace a small file so that a crash or power cut leaves either the old or the new content.

On Windows a file cannot be replaced while another program has it open without sharing it for
deletion: an antivirus scanning it for a moment, or Excel holding an earlier export for as long
as the workbook is open. :func:`replace_file` waits out the first kind (a few short retries)
and turns the second into :class:`FileInUseError`, whose message tells the user what to do.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

# Windows errors of a file opened by another process: access denied (the target is open
# without FILE_SHARE_DELETE), sharing violation, lock violation.
_IN_USE_WINERRORS = frozenset({5, 32, 33})
RETRY_DELAYS_S = (0.05, 0.1, 0.2, 0.4, 0.8)  # about 1.5 s in all: longer than a virus scan
_os_replace = os.replace  # a name of its own so tests can play the other program


class FileInUseError(PermissionError):
    """The destination stayed open in another program; ``str()`` says so and what to do."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            13,
            f"{path} is open in another program (Excel, for example), so it cannot be "
            "replaced. Close it there and try again, or choose another file name.",
            str(path),
        )
        self.path = path

    def __str__(self) -> str:
        return str(self.strerror)


def _held_by_another_program(error: OSError) -> bool:
    return getattr(error, "winerror", None) in _IN_USE_WINERRORS


def replace_file(source: Path, destination: Path) -> None:
    """``os.replace(source, destination)``, retried while Windows reports the destination in
    use; raises FileInUseError when it stays in use, other OSErrors unchanged."""
    for delay in (*RETRY_DELAYS_S, None):
        try:
            _os_replace(source, destination)
            return
        except PermissionError as error:
            if not _held_by_another_program(error):
                raise
            if delay is None:
                raise FileInUseError(destination) from error
            time.sleep(delay)


def write_json_atomically(path: Path, value: Any, **dump_options: Any) -> None:
    """Write ``value`` as JSON to a temporary file beside ``path``, fsync it, then rename it
    over ``path``. Raises OSError; the temporary file is removed on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle, **dump_options)
            handle.flush()
            os.fsync(handle.fileno())
        replace_file(Path(tmp), path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
