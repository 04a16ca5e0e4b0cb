"""Files and folders readable by the current user only: the database, exports, logs, settings.

On Linux and macOS they are created with mode 0600 (folders 0700) whatever the umask, so another
local account cannot read litigants' personal data. On Windows the data folder is in the user's
own profile (``%APPDATA%``), which only that user can read; exports go where the supervisor
chooses. Existing files keep the permissions court IT gave them.
"""

from __future__ import annotations

import io
import logging.handlers
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


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files (the rotated ones too) are created 0600."""

    def _open(self) -> io.TextIOWrapper:
        create_private_file(Path(self.baseFilename))
        return super()._open()
