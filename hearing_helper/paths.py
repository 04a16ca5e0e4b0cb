"""Where things live: the data directory and the shipped assets (source tree or frozen bundle)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from hearing_helper import APP_NAME

DATA_ENV = "HEARING_HELPER_DATA"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` wins, then ``$HEARING_HELPER_DATA``, then the platform user-data dir."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def _asset_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


ASSET_ROOT = _asset_root()


def asset_path(*parts: str) -> Path:
    """Path of a shipped asset, e.g. ``asset_path("i18n", "core_zh_CN.qm")``."""
    return ASSET_ROOT.joinpath(*parts)
