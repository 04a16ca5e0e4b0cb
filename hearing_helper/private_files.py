"""Files and folders readable by the current user only: the database, exports, logs, settings.

On Linux and macOS they are created with mode 0600 (folders 0700) whatever the umask, so another
local account cannot read litigants' personal data. On Windows the data folder is in the user's
own profile (``%APPDATA%``), which only that user can read; exports go where the supervisor
chooses. Existing files keep the permissions court IT gave them.
"""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) as 0700; raises OSError (NotADirectoryError when
    a file has the name)."""
    if path.is_dir():
        return
    if path.exists():
        raise NotADirectoryError(20, "Not a folder (a file has this name)", str(path))
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, PRIVATE_DIR)  # mkdir's mode is filtered by the umask


def create_private_file(path: Path) -> None:
    """Create ``path`` empty as 0600 when it does not exist (a writer opening it afterwards
    with truncation keeps the mode); an existing file is left as it is."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE)  # os.open's mode is filtered by the umask


class PrivateRotatingFileHandler(logging.FileHandler):
    """A log file that rolls over before it would pass ``max_bytes``, keeping ``backup_count``
    older files (``.1`` the newest); every one is created 0600.

    The same rotation as ``logging.handlers.RotatingFileHandler``, built on ``FileHandler``
    because importing ``logging.handlers`` (with ``socket``, ``pickle`` and ``queue``) cost
    every start of the window ~15 ms before it could show (issue 23)."""

    def __init__(self, path: Path, max_bytes: int, backup_count: int) -> None:
        super().__init__(path, mode="a", encoding="utf-8")
        self.max_bytes = max_bytes
        self.backup_count = backup_count

    def _open(self) -> io.TextIOWrapper:
        create_private_file(Path(self.baseFilename))
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_pass_limit(record):
                self._roll_over()
        except Exception:  # as logging does: a failing log file must not fail the app
            self.handleError(record)
            return
        super().emit(record)

    def _would_pass_limit(self, record: logging.LogRecord) -> bool:
        if self.max_bytes <= 0 or self.backup_count <= 0:
            return False
        if self.stream is None:
            self.stream = self._open()
        line = f"{self.format(record)}{self.terminator}"
        self.stream.seek(0, os.SEEK_END)
        return bool(self.stream.tell()) and self.stream.tell() + len(line) >= self.max_bytes

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        for number in range(self.backup_count - 1, 0, -1):
            if os.path.exists(f"{base}.{number}"):
                os.replace(f"{base}.{number}", f"{base}.{number + 1}")
        if os.path.exists(base):
            os.replace(base, f"{base}.1")
        self.stream = self._open()
