"""Typed settings, stored as JSON in the data directory.

Each option is declared once with its type, default, the values it accepts and a title for the
settings view; :meth:`Settings.get` is typed by key (``get("font_scale")`` is a float). Unknown
keys in the file are kept (a newer version's options survive) and a bad value (wrong type, out of
range, a hand edit) falls back to the default with a logged warning, never an exception. A file
that cannot be read at all (not JSON, not UTF-8, over 1 MiB, not an object) is refused by name
and never written over: treating it as empty would let the next write delete every key (the
window moves it aside and starts with the defaults: :func:`settings_or_defaults`). Secrets
never go here: see :mod:`hearing_helper.secrets`; the supervisor password's hash lives in the
audited database (:mod:`hearing_helper.auth`).
"""

from __future__ import annotations

import errno
import json
import logging
import math
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, overload

from hearing_helper.atomic_file import write_json_atomically
from hearing_helper.file_lock import LockTimeoutError, locked
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

SETTINGS_FILENAME = "settings.json"


# The keys by the type of their value: Settings.get's overloads name them, and
# tests/test_settings_typed.py checks that they match OPTIONS below.
TextKey = Literal[
    "language",
    "last_staff_id",
    "court_name",
    "help_desk_phone",
    "camera_id",
    "microphone_id",
    "speaker_id",
    "database",
    "central",
    "desk_name",
    "export_folder",
    "supervisor_password_hash",
]
NumberKey = Literal["font_scale", "network_timeout_s"]

LANGUAGES = ("zh_CN", "en")
FONT_SCALE_RANGE = (0.8, 2.0)  # what the clerk view can lay out (ui/app.py apply_font_scale)


def _any_value(_value: object) -> bool:
    return True


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: object
    title: str  # translation source, context "settings"
    # The values of the right type that are usable; any other is replaced by the default.
    accepts: Callable[[Any], bool] = _any_value


def _positive_seconds(value: float) -> bool:
    return math.isfinite(value) and 0 < value <= 600


def _font_scale(value: float) -> bool:
    return FONT_SCALE_RANGE[0] <= value <= FONT_SCALE_RANGE[1]


def _texts(value: list[object]) -> bool:
    return all(isinstance(item, str) for item in value)


def _numbers_by_name(value: dict[str, object]) -> bool:
    return all(_is_number(item) for item in value.values())


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


OPTIONS: dict[str, Option] = {
    option.key: option
    for option in (
        Option(
            "language",
            str,
            "zh_CN",
            QT_TRANSLATE_NOOP("settings", "Language"),
            LANGUAGES.__contains__,
        ),
        Option("font_scale", float, 1.0, QT_TRANSLATE_NOOP("settings", "Text size"), _font_scale),
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
            _positive_seconds,
        ),
        Option(
            "network_urls",
            list,
            [],
            QT_TRANSLATE_NOOP("settings", "Extra network test addresses"),
            _texts,
        ),
        # Check thresholds overriding hearing_helper.checks.thresholds defaults, by key.
        Option(
            "thresholds",
            dict,
            {},
            QT_TRANSLATE_NOOP("settings", "Check thresholds"),
            _numbers_by_name,
        ),
        # Empty: the SQLite file in the data directory; else a postgresql://user@host/db URL
        # (no password: that is in the OS keyring). Checked when the database is opened.
        Option("database", str, "", QT_TRANSLATE_NOOP("settings", "Database")),
        # The court's central PostgreSQL this desk delivers its outbox to (issue 12); empty:
        # this desk works alone. The desk name is shown beside the desk id on the server.
        Option("central", str, "", QT_TRANSLATE_NOOP("settings", "Central database")),
        Option("desk_name", str, "", QT_TRANSLATE_NOOP("settings", "Desk name")),
        # Where the last export was saved: the next one starts there.
        Option("export_folder", str, "", QT_TRANSLATE_NOOP("settings", "Export folder")),
        Option(
            "supervisor_password_hash",
            str,
            "",
            QT_TRANSLATE_NOOP("settings", "Supervisor password"),
        ),
    )
}


class SettingsFileError(Exception):
    """The settings file cannot be read or written; ``str()`` names the file and the reason.
    ``kind`` says why in a word the window translates: "no_access", "not_a_file", "damaged"
    (the content), "unreadable" (any other failure)."""

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


class DamagedSettingsError(SettingsFileError):
    """The settings file exists but cannot be read as settings; ``str()`` names it and why.
    Nothing is written over it: a hand edit can be repaired, a lost key cannot."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "damaged")


MAX_SETTINGS_BYTES = 1024 * 1024


def _read_file(path: Path) -> dict[str, Any]:
    """The settings file's keys; {} when there is no file. Raises DamagedSettingsError for a
    file that cannot be read as settings (too large, not UTF-8, not JSON, not an object), and
    SettingsFileError when it cannot be read at all."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a folder; a pipe would block the read for ever
            raise IsADirectoryError(errno.EISDIR, "not a file", str(path))
        if info.st_size > MAX_SETTINGS_BYTES:
            raise DamagedSettingsError(_damaged(path, "it is larger than 1 MiB"))
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except PermissionError:
        raise SettingsFileError(
            f"Cannot read the settings file {path}: this user has no permission to read it. "
            "Give this user read and write access to it, or move it away to start with "
            "default settings.",
            "no_access",
        ) from None
    except IsADirectoryError:
        raise SettingsFileError(
            f"Cannot read the settings file {path}: it is a folder, not a file. Move it away "
            "to start with default settings.",
            "not_a_file",
        ) from None
    except OSError as exc:
        raise SettingsFileError(
            f"Cannot read the settings file {path}: {exc.strerror or exc}."
        ) from exc
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise DamagedSettingsError(_damaged(path, "it is not UTF-8 text")) from None
    except ValueError as exc:
        raise DamagedSettingsError(_damaged(path, f"it is not valid JSON ({exc})")) from None
    except RecursionError:
        raise DamagedSettingsError(_damaged(path, "it is nested too deeply")) from None
    if not isinstance(raw, dict):
        raise DamagedSettingsError(
            _damaged(path, f"it holds a JSON {type(raw).__name__}, not an object {{...}}")
        )
    return raw


def _damaged(path: Path, why: str) -> str:
    return (
        f"The settings file {path} cannot be read: {why}. It was left as it is; repair the "
        "hand edit or restore the file from a backup (nothing is written over it)."
    )


@dataclass(frozen=True)
class SetAside:
    """A settings file the window could not read, moved aside so that the desk starts with the
    default settings (the command line refuses such a file instead)."""

    path: Path  # where it was
    kept_as: Path | None  # where it is now; None: it could not be moved and is left unwritten
    kind: str  # SettingsFileError.kind
    reason: str  # the refusal's message, for the log

    def line(self) -> str:
        """What happened, in one line (the log's; the window says it in its language)."""
        where = f"it was kept as {self.kept_as}" if self.kept_as else f"it was left at {self.path}"
        return f"Started with default settings: {self.reason} ({where}, unchanged)"


def settings_or_defaults(data_dir: Path) -> tuple[Settings, SetAside | None]:
    """The data folder's settings; when its file cannot be read, the defaults and where the
    file went: renamed to ``settings.json.unreadable-<time>`` beside it, byte for byte, so the
    next change starts a new file and court IT can still repair the old one. When it cannot be
    moved it stays where it is and every change is refused, as for the command line."""
    try:
        return Settings(data_dir), None
    except SettingsFileError as exc:
        refused = exc
    path = data_dir / SETTINGS_FILENAME
    kept = _move_aside(path)
    found = SetAside(path, kept, refused.kind, str(refused))
    log.warning("%s", found.line())
    return Settings(data_dir, read=False), found


def _move_aside(path: Path) -> Path | None:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1, 100):
        target = path.with_name(f"{path.name}.unreadable-{stamp}{f'-{number}' * (number > 1)}")
        if os.path.lexists(target):
            continue
        try:
            with locked(path):
                os.rename(path, target)
        except (OSError, LockTimeoutError) as exc:
            log.warning("The settings file %s cannot be moved aside: %s", path, exc)
            return None
        return target
    return None


class Settings:
    """Settings of one data directory.

    Reads come from memory, refreshed when the file changed on disk (another process -- the
    command line -- may have written it). Every change is made key by key under the settings
    file's lock: read the file afresh, change only the keys asked for, write it atomically. So a
    writer holding an old copy never drops a key it did not mean to change (the supervisor
    password set from the command line survives a language switch in a running app)."""

    def __init__(self, data_dir: Path, *, read: bool = True) -> None:
        """Raises DamagedSettingsError (or SettingsFileError) when the file cannot be read.
        ``read=False``: start from the defaults, the file as it is now taken as read (see
        settings_or_defaults)."""
        self.path = data_dir / SETTINGS_FILENAME
        self._values: dict[str, Any] = {}
        self._stamp: tuple[int, int, int] | None = None
        if read:
            self._values = _read_file(self.path)
        self._stamp = self._file_stamp()

    def _file_stamp(self) -> tuple[int, int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def _refresh(self) -> None:
        stamp = self._file_stamp()
        if stamp != self._stamp or stamp is None:
            try:
                self._values = _read_file(self.path)
            except SettingsFileError as exc:
                # Damaged while running: keep reading the last good values (the next write
                # refuses, so nothing is lost either way).
                log.warning("%s Using the values read before.", exc)
            self._stamp = stamp

    @overload
    def get(self, key: TextKey) -> str: ...
    @overload
    def get(self, key: NumberKey) -> float: ...
    @overload
    def get(self, key: Literal["network_urls"]) -> list[str]: ...
    @overload
    def get(self, key: Literal["thresholds"]) -> dict[str, float]: ...
    @overload
    def get(self, key: str) -> object: ...

    def get(self, key: str) -> object:
        """The value of ``key`` (a key of OPTIONS), typed by key; the default when the file
        has none or a bad one (a warning names the key)."""
        option = OPTIONS[key]
        self._refresh()
        if key not in self._values:
            return _copy(option.default)
        value = _usable(option, self._values[key])
        if value is None:
            log.warning(
                "Setting %s in %s has a bad value (%s); using the default %r",
                key,
                self.path,
                _shown(self._values[key]),
                option.default,
            )
            return _copy(option.default)
        return value

    def set(self, key: str, value: object) -> None:
        self.update({key: value})

    def update(self, changes: Mapping[str, object]) -> None:
        """Change ``changes``' keys (None removes a key), and nothing else, under the lock.
        Raises SettingsFileError when the file cannot be written or stays locked, TypeError
        for a value the option does not accept (a bug in the caller)."""
        for key, value in changes.items():
            option = OPTIONS[key]
            if value is not None and _usable(option, value) is None:
                raise TypeError(f"setting {key} does not accept {_shown(value)}")
        try:
            with locked(self.path):
                current = _read_file(self.path)
                for key, value in changes.items():
                    if value is None:
                        current.pop(key, None)
                    else:
                        current[key] = value
                write_json_atomically(self.path, current, ensure_ascii=False, indent=2)
                self._values = current
                self._stamp = self._file_stamp()
        except SettingsFileError:
            raise  # damaged: refused, the file left as it is
        except LockTimeoutError as exc:
            raise SettingsFileError(str(exc)) from exc
        except OSError as exc:
            raise SettingsFileError(
                f"Cannot save the settings file {self.path}: {exc.strerror or exc}."
            ) from exc


def _usable(option: Option, value: object) -> object | None:
    """``value`` as the option's type (an int where a float is expected becomes one), or None
    when the option cannot use it."""
    if option.type is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, option.type) or isinstance(value, bool) != (option.type is bool):
        return None
    return value if option.accepts(value) else None


def _copy(default: object) -> object:
    """A default a caller may change without changing the next caller's default."""
    return default.copy() if isinstance(default, list | dict) else default


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
