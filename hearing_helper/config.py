"""Typed settings, stored as JSON in the data directory.

Each option is declared once with its type, default and a title for the settings view; unknown
keys in the file are kept (a newer version's options survive) and bad values fall back to the
default with a logged warning, so a hand-edited file never stops the app. Secrets never go here:
see :mod:`hearing_helper.secrets`.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hearing_helper.atomic_file import write_json_atomically
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

SETTINGS_FILENAME = "settings.json"


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    title: str  # translation source, context "settings"


OPTIONS: dict[str, Option] = {
    option.key: option
    for option in (
        Option("language", str, "zh_CN", QT_TRANSLATE_NOOP("settings", "Language")),
        Option("font_scale", float, 1.0, QT_TRANSLATE_NOOP("settings", "Text size")),
        Option("last_staff_id", str, "", QT_TRANSLATE_NOOP("settings", "Last clerk")),
        Option("court_name", str, "", QT_TRANSLATE_NOOP("settings", "Court")),
        Option("help_desk_phone", str, "", QT_TRANSLATE_NOOP("settings", "Help-desk phone number")),
        Option("camera_id", str, "", QT_TRANSLATE_NOOP("settings", "Camera")),
        Option("microphone_id", str, "", QT_TRANSLATE_NOOP("settings", "Microphone")),
        Option("speaker_id", str, "", QT_TRANSLATE_NOOP("settings", "Speakers")),
        Option(
            "network_timeout_s",
            float,
            10.0,
            QT_TRANSLATE_NOOP("settings", "Network check time limit (seconds)"),
        ),
        Option(
            "network_urls", list, [], QT_TRANSLATE_NOOP("settings", "Extra network test addresses")
        ),
        # Check thresholds overriding hearing_helper.checks.thresholds defaults, by key.
        Option("thresholds", dict, {}, QT_TRANSLATE_NOOP("settings", "Check thresholds")),
        # Empty: the SQLite file in the data directory; else a postgresql://user@host/db URL
        # (no password: that is in the OS keyring). Checked when the database is opened.
        Option("database", str, "", QT_TRANSLATE_NOOP("settings", "Database")),
        Option(
            "supervisor_password_hash",
            str,
            "",
            QT_TRANSLATE_NOOP("settings", "Supervisor password"),
        ),
    )
}


class Settings:
    """Settings of one data directory. Reads once; ``set`` writes the file atomically."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / SETTINGS_FILENAME
        self._values: dict[str, Any] = {}
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("Settings file %s unreadable (%s); using defaults", self.path, exc)
            return
        if isinstance(raw, dict):
            self._values = raw

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        value = self._values.get(key, option.default)
        if option.type is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, option.type) or isinstance(value, bool) != (option.type is bool):
            if key in self._values:
                log.warning("Setting %s has a bad value %r; using the default", key, value)
            return option.default
        return value

    def set(self, key: str, value: Any) -> None:
        option = OPTIONS[key]
        if not isinstance(value, option.type):
            raise TypeError(f"setting {key} expects {option.type.__name__}")
        self._values[key] = value
        self._save()

    def _save(self) -> None:
        write_json_atomically(self.path, self._values, ensure_ascii=False, indent=2)
