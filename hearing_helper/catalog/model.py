"""What the catalog holds: platforms, their meeting formats, and the install guides. No Qt.

The dataclasses are built by :mod:`hearing_helper.catalog.loader` from the TOML files in
``assets/catalog`` and ``assets/guides`` (and their overrides in the data directory).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

OS_NAMES = ("android", "ios", "windows", "macos")
PHONE_OS = ("android", "ios")
PLATFORM_KINDS = ("app", "mini_program", "court_system")

# The fixed taxonomy of install problems (codes are stored in ``record.problems``).
PROBLEM_CODES: dict[str, str] = {
    "no_storage": QT_TRANSLATE_NOOP("catalog", "Not enough storage on the phone"),
    "store_password": QT_TRANSLATE_NOOP("catalog", "App store asks for a password"),
    "phone_too_old": QT_TRANSLATE_NOOP("catalog", "Phone too old for the app"),
    "mini_program_not_found": QT_TRANSLATE_NOOP("catalog", "Mini-program not found in WeChat"),
    "permission_denied": QT_TRANSLATE_NOOP("catalog", "Camera or microphone permission denied"),
    "sms_code_missing": QT_TRANSLATE_NOOP("catalog", "SMS verification code not received"),
    "no_wechat": QT_TRANSLATE_NOOP("catalog", "WeChat not installed or not signed in"),
    "no_network": QT_TRANSLATE_NOOP("catalog", "No mobile data or Wi-Fi"),
    "other": QT_TRANSLATE_NOOP("catalog", "Other problem"),
}


def display_text(zh: str, en: str, language: str) -> str:
    """Chinese for a ``zh*`` language, otherwise English; falls back to whichever is filled."""
    if language.startswith("zh"):
        return zh or en
    return en or zh


@dataclass(frozen=True)
class MeetingFormat:
    """How a platform's meetings are named: links, numeric IDs and passcodes."""

    link_patterns: tuple[re.Pattern[str], ...] = ()
    id_lengths: tuple[int, ...] = ()  # allowed digit counts; empty = the platform has no IDs
    id_groupings: tuple[tuple[int, ...], ...] = ()  # how to show an ID, e.g. (3, 3, 3)
    passcode_digits_only: bool = False
    passcode_min: int = 0  # 0 = no minimum known
    passcode_max: int = 0  # 0 = no maximum known

    def grouping_for(self, length: int) -> tuple[int, ...]:
        for grouping in self.id_groupings:
            if sum(grouping) == length:
                return grouping
        # Unknown grouping: threes, ending in fours so no group is shorter than three
        # (10 -> 3 3 4, 11 -> 3 4 4): easy to read out digit by digit.
        if length < 6:
            return (length,)
        fours = length % 3  # each four absorbs one leftover digit
        threes = (length - 4 * fours) // 3
        return tuple([3] * threes + [4] * fours)


@dataclass(frozen=True)
class Platform:
    id: str
    name_zh: str
    name_en: str
    version: str = ""  # content hash of the file it came from
    kind: str = "app"
    description_zh: str = ""
    description_en: str = ""
    downloads: dict[str, str] = field(default_factory=dict)  # os -> https URL
    store_search: str = ""  # the name to type into an app store's search
    mini_program: str = ""  # WeChat mini-program name to search for
    meeting: MeetingFormat = field(default_factory=MeetingFormat)
    network_endpoints: list[str] = field(default_factory=list)  # https URLs to time
    stun_servers: list[str] = field(default_factory=list)  # "host:port"
    help_phone: str = ""
    help_url: str = ""
    source: str = ""  # the file it came from (shipped or data dir)
    order: int = 500  # position in the platform list (smaller first)

    def display_name(self, language: str) -> str:
        return self.name_zh if language.startswith("zh") else self.name_en

    def download_url(self, os_name: str) -> str:
        return self.downloads.get(os_name, "")


@dataclass(frozen=True)
class GuideProblem:
    code: str  # one of PROBLEM_CODES
    remedy_zh: str
    remedy_en: str

    def remedy(self, language: str) -> str:
        return display_text(self.remedy_zh, self.remedy_en, language)


@dataclass(frozen=True)
class GuideStep:
    id: str
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    image: Path | None = None  # resolved picture file
    qr: str = ""  # literal payload; "download" is resolved to the platform's link for the OS
    problems: tuple[GuideProblem, ...] = ()

    def title(self, language: str) -> str:
        return display_text(self.title_zh, self.title_en, language)

    def body(self, language: str) -> str:
        return display_text(self.body_zh, self.body_en, language)

    def problem(self, code: str) -> GuideProblem | None:
        return next((p for p in self.problems if p.code == code), None)


@dataclass(frozen=True)
class Guide:
    platform_id: str
    os: tuple[str, ...]  # the systems this guide is for
    steps: tuple[GuideStep, ...]
    version: str = ""  # content hash of the file
    source: str = ""

    @property
    def key(self) -> str:
        return f"{self.platform_id}.{'+'.join(self.os)}"
