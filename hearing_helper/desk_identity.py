"""The desk id: a UUID made once per installation (data directory) and never changed.

Records, audit entries and exports carry it, so a court's central database tells desks apart and
keeps one audit chain per desk. It lives in the file ``desk_id`` in the data directory (written
atomically, once); settings hold the desk's human name.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

from hearing_helper.store_error import StoreError

DESK_ID_FILENAME = "desk_id"


class DamagedDeskIdError(StoreError, ValueError):
    """The desk id file exists but holds no desk id; ``str()`` names it and what to do. A
    StoreError, so every command and the app's start show it as a message (exit 1)."""


def desk_id(data_dir: Path) -> str:
    """This installation's desk id, made and stored on first use."""
    path = data_dir / DESK_ID_FILENAME
    try:
        text = path.read_text(encoding="ascii").strip()
        return str(uuid.UUID(text))
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise DamagedDeskIdError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    except (ValueError, UnicodeDecodeError):
        # A damaged file: a new id would split this desk's audit chain on the server, so refuse.
        raise DamagedDeskIdError(
            f"{path} does not hold a desk id (a UUID). Restore it from a backup of this PC's "
            "data folder, or ask court IT; deleting it makes this PC a new desk."
        ) from None
    data_dir.mkdir(parents=True, exist_ok=True)
    made = str(uuid.uuid4())
    fd, tmp = tempfile.mkstemp(prefix=".desk_id-", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(made + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # never replaces an id another process wrote first
        except FileExistsError:
            return desk_id(data_dir)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return made


def adopt_desk_id(data_dir: Path, restored: str) -> None:
    """Make ``restored`` (a desk's id brought back from the court) this folder's desk id,
    replacing a file made before (``restore`` only: the folder then holds that desk's chain)."""
    text = str(uuid.UUID(restored))
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".desk_id-", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, data_dir / DESK_ID_FILENAME)
    finally:
        Path(tmp).unlink(missing_ok=True)
