"""Where things live: the data directory and the shipped assets (source tree or frozen bundle)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hearing_helper import APP_NAME
from hearing_helper.store_error import StoreError

DATA_ENV = "HEARING_HELPER_DATA"
_DATABASE_NAME = (
    "hearing_helper.sqlite3"  # store.sqlite.DB_FILENAME (the store is not imported here)
)


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` wins, then ``$HEARING_HELPER_DATA``, then the platform user-data dir.
    Raises StoreError (a message naming the folder) for one that cannot be resolved, such as
    a symbolic link that points to itself."""
    given = explicit or os.environ.get(DATA_ENV)
    if not given:
        return default_data_dir()
    path = Path(given).expanduser()
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
        raise StoreError(
            f"The data folder {path} cannot be used: it is a symbolic link that leads back to "
            f"itself, or cannot be followed ({exc}). Give --data-dir a real folder."
        ) from None


def default_data_dir() -> Path:
    """The user's own data folder: ``%LOCALAPPDATA%\\HearingHelper`` on Windows,
    ``~/.local/share/HearingHelper`` on Linux, ``~/Library/Application Support/...`` on macOS.

    Local, not roaming, on Windows: with roaming profiles the roaming folder is copied to the
    server at every logon and logoff, which would copy a live SQLite database (slow, and a
    copy taken mid-write is damaged); the data belongs to the desk PC. A folder an earlier
    build made under ``%APPDATA%`` keeps being used until a local one exists, so nothing
    recorded disappears from view after an update.
    """
    import platformdirs  # here: a start with --data-dir or $HEARING_HELPER_DATA needs none

    local = Path(platformdirs.PlatformDirs(APP_NAME, appauthor=False, roaming=False).user_data_dir)
    roaming = Path(platformdirs.PlatformDirs(APP_NAME, appauthor=False, roaming=True).user_data_dir)
    if roaming != local and not local.exists() and (roaming / _DATABASE_NAME).exists():
        return roaming
    return local


def _asset_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


ASSET_ROOT = _asset_root()


def asset_path(*parts: str) -> Path:
    """Path of a shipped asset, e.g. ``asset_path("i18n", "core_zh_CN.qm")``."""
    return ASSET_ROOT.joinpath(*parts)
