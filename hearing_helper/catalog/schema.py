"""The schema of catalog and guide files, and the validator that turns TOML into the model.

Every problem becomes a :class:`CatalogError` naming the file, the field (dotted path such as
``meeting.link_patterns[1]``), the line when it can be found, and what is wrong in plain words,
so court IT can fix a hand-edited file without reading code.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hearing_helper.catalog.model import (
    OS_NAMES,
    PLATFORM_KINDS,
    MeetingFormat,
    Platform,
)
from hearing_helper.catalog.regex_safety import regex_problem

ID_RE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
STUN_RE = re.compile(r"^(stun:)?[A-Za-z0-9.-]{1,253}:\d{1,5}$")
PHONE_RE = re.compile(r"^[0-9+][0-9 \-]{2,24}$")
MAX_TEXT = 600
MAX_NAME = 60
MAX_URL = 2000
MAX_PATTERN = 500
MAX_STEPS = 30
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 8


@dataclass(frozen=True)
class CatalogError:
    file: str
    field: str
    problem: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: {self.problem}"


def content_hash(data: bytes) -> str:
    """The version of a catalog or guide file: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:16]


def is_https_url(value: str) -> bool:
    if len(value) > MAX_URL or any(ch.isspace() or ord(ch) < 32 for ch in value):
        return False
    if not value.isascii():
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme == "https" and bool(parts.hostname)


class Checker:
    """Collects the problems of one file; ``text`` is used to find the line of a key."""

    def __init__(self, file: Path, text: str) -> None:
        self.file = file
        self.lines = text.splitlines()
        self.errors: list[CatalogError] = []

    def line_of(self, field: str) -> int | None:
        key = re.sub(r"\[\d+\]", "", field).split(".")[-1]
        pattern = re.compile(rf"^\s*\[*\s*{re.escape(key)}\s*[=\]]")
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return number
        return None

    def error(self, field: str, problem: str) -> None:
        self.errors.append(CatalogError(self.file.name, field, problem, self.line_of(field)))

    def text(
        self,
        raw: dict[str, Any],
        key: str,
        *,
        required: bool,
        limit: int = MAX_TEXT,
        prefix: str = "",
    ) -> str:
        field = prefix + key
        value = raw.get(key, "")
        if not isinstance(value, str):
            self.error(field, "must be text in quotes")
            return ""
        text: str = value.strip()
        if required and not text:
            self.error(field, "is required and must not be empty")
        elif len(text) > limit:
            self.error(field, f"is too long ({len(text)} characters, at most {limit})")
        elif any(ord(ch) < 32 and ch != "\n" for ch in text):
            self.error(field, "contains control characters")
        return text

    def url(self, raw: dict[str, Any], key: str, prefix: str = "") -> str:
        value = self.text(raw, key, required=False, limit=MAX_URL, prefix=prefix)
        if value and not is_https_url(value):
            self.error(prefix + key, f"must be an https:// address, got {value[:80]!r}")
            return ""
        return value

    def int_value(self, raw: dict[str, Any], key: str, low: int, high: int, prefix: str) -> int:
        value = raw.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(prefix + key, f"must be a whole number from {low} to {high}")
            return 0
        return value

    def string_list(self, raw: dict[str, Any], key: str, prefix: str) -> list[str]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(prefix + key, 'must be a list of texts in quotes, e.g. ["a", "b"]')
            return []
        return [v.strip() for v in value]

    def unknown_keys(self, raw: dict[str, Any], allowed: set[str], prefix: str = "") -> None:
        for key in raw:
            if key not in allowed:
                self.error(prefix + key, f"unknown field (allowed: {', '.join(sorted(allowed))})")


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of tables and arrays, counted up to ``limit + 1`` (no deeper)."""
    if limit < 0 or not isinstance(value, dict | list):
        return 0
    items = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(item, limit - 1) for item in items), default=0)


def read_toml(path: Path) -> tuple[dict[str, Any] | None, bytes, list[CatalogError]]:
    """Read and parse one file; syntax errors carry tomllib's line number. Files larger than
    MAX_FILE_BYTES or nested deeper than MAX_DEPTH are refused (a catalog file is small and
    flat; anything else is a mistake or an attack on the parser)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, b"", [CatalogError(path.name, "", f"cannot be read: {exc.strerror or exc}")]
    if len(data) > MAX_FILE_BYTES:
        return (
            None,
            b"",
            [CatalogError(path.name, "", f"is too large (over {MAX_FILE_BYTES // 1024} KiB)")],
        )
    parsed, errors = _parse_toml(path, data)
    if parsed is not None and _depth(parsed, MAX_DEPTH) > MAX_DEPTH:
        return (
            None,
            data,
            [CatalogError(path.name, "", f"is nested deeper than {MAX_DEPTH} levels")],
        )
    return parsed, data, errors


def _parse_toml(path: Path, data: bytes) -> tuple[dict[str, Any] | None, list[CatalogError]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (
            None,
            [
                CatalogError(
                    path.name, "", f"is not UTF-8 text (byte {exc.start}); save it as UTF-8"
                )
            ],
        )
    try:
        return tomllib.loads(text), []
    except RecursionError:
        return None, [CatalogError(path.name, "", f"is nested deeper than {MAX_DEPTH} levels")]
    except tomllib.TOMLDecodeError as exc:
        # Python 3.14 has exc.lineno; older versions only say "(at line L, column C)".
        message = str(exc)
        where = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
        line = getattr(exc, "lineno", None) or (int(where.group(1)) if where else None)
        if where:
            message = message[: where.start()] + f" (column {where.group(2)})"
        return None, [CatalogError(path.name, "", f"TOML syntax error: {message}", line)]
    except ValueError as exc:  # e.g. an integer with thousands of digits
        return None, [CatalogError(path.name, "", f"has a value that cannot be read: {exc}")]


# --- platforms --------------------------------------------------------------------------------

PLATFORM_KEYS = {
    "id", "name_zh", "name_en", "kind", "order", "description_zh", "description_en",
    "apps", "meeting", "network", "help",
}  # fmt: skip
APPS_KEYS = {*OS_NAMES, "store_search", "mini_program"}
MEETING_KEYS = {
    "link_patterns", "id_lengths", "id_groupings", "passcode_digits_only",
    "passcode_min", "passcode_max",
}  # fmt: skip
NETWORK_KEYS = {"endpoints", "stun"}
HELP_KEYS = {"phone", "url"}


def _table(check: Checker, raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        check.error(key, f"must be a table: a line [{key}] followed by its fields")
        return {}
    return value


def _meeting(check: Checker, raw: dict[str, Any]) -> MeetingFormat:
    p = "meeting."
    check.unknown_keys(raw, MEETING_KEYS, p)
    patterns: list[re.Pattern[str]] = []
    for index, source in enumerate(check.string_list(raw, "link_patterns", p)):
        field = f"{p}link_patterns[{index}]"
        if len(source) > MAX_PATTERN:
            check.error(field, f"is too long (at most {MAX_PATTERN} characters)")
            continue
        problem = regex_problem(source)
        if problem:
            check.error(field, problem)
            continue
        try:
            patterns.append(re.compile(source))
        except (re.error, RecursionError, OverflowError) as exc:
            check.error(field, f"is not a valid regular expression: {exc}")
    lengths_raw = raw.get("id_lengths", [])
    lengths: list[int] = []
    if not isinstance(lengths_raw, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and 4 <= n <= 20 for n in lengths_raw
    ):
        check.error(p + "id_lengths", "must be a list of digit counts from 4 to 20, e.g. [9]")
    else:
        lengths = sorted(set(lengths_raw))
    groupings: list[tuple[int, ...]] = []
    groupings_raw = raw.get("id_groupings", [])
    valid_groupings = isinstance(groupings_raw, list) and all(
        isinstance(g, list) and g and all(isinstance(n, int) and 0 < n <= 8 for n in g)
        for g in groupings_raw
    )
    if not valid_groupings:
        check.error(p + "id_groupings", "must be a list of digit groups, e.g. [[3, 3, 3]]")
    else:
        for index, grouping in enumerate(groupings_raw):
            if lengths and sum(grouping) not in lengths:
                check.error(
                    f"{p}id_groupings[{index}]",
                    f"adds up to {sum(grouping)} digits, which is not one of id_lengths",
                )
            groupings.append(tuple(grouping))
    digits_only = raw.get("passcode_digits_only", False)
    if not isinstance(digits_only, bool):
        check.error(p + "passcode_digits_only", "must be true or false")
        digits_only = False
    low = check.int_value(raw, "passcode_min", 0, 32, p)
    high = check.int_value(raw, "passcode_max", 0, 32, p)
    if high and low > high:
        check.error(p + "passcode_min", "is larger than passcode_max")
    return MeetingFormat(
        link_patterns=tuple(patterns),
        id_lengths=tuple(lengths),
        id_groupings=tuple(groupings),
        passcode_digits_only=digits_only,
        passcode_min=low,
        passcode_max=high,
    )


def parse_platform(path: Path) -> tuple[Platform | None, list[CatalogError]]:
    """Validate one catalog file. Returns the platform only when the file has no problem."""
    raw, data, errors = read_toml(path)
    if raw is None:
        return None, errors
    check = Checker(path, data.decode("utf-8"))
    check.unknown_keys(raw, PLATFORM_KEYS)
    platform_id = check.text(raw, "id", required=True, limit=40)
    if platform_id and not ID_RE.match(platform_id):
        check.error("id", "must be 2-40 lower-case letters, digits or _ and start with a letter")
    elif platform_id and platform_id != path.stem:
        check.error("id", f"must match the file name: {path.stem!r} (the file is {path.name})")
    name_zh = check.text(raw, "name_zh", required=True, limit=MAX_NAME)
    name_en = check.text(raw, "name_en", required=True, limit=MAX_NAME)
    kind = check.text(raw, "kind", required=False, limit=20) or "app"
    if kind not in PLATFORM_KINDS:
        check.error("kind", f"must be one of {', '.join(PLATFORM_KINDS)}")
    apps = _table(check, raw, "apps")
    check.unknown_keys(apps, APPS_KEYS, "apps.")
    downloads = {os_name: check.url(apps, os_name, "apps.") for os_name in OS_NAMES}
    meeting = _meeting(check, _table(check, raw, "meeting"))
    network = _table(check, raw, "network")
    check.unknown_keys(network, NETWORK_KEYS, "network.")
    endpoints = check.string_list(network, "endpoints", "network.")
    for index, endpoint in enumerate(endpoints):
        if not is_https_url(endpoint):
            check.error(f"network.endpoints[{index}]", "must be an https:// address")
    stun = check.string_list(network, "stun", "network.")
    for index, server in enumerate(stun):
        if not STUN_RE.match(server):
            check.error(
                f"network.stun[{index}]", "must look like host:port, e.g. stun.example:3478"
            )
    help_table = _table(check, raw, "help")
    check.unknown_keys(help_table, HELP_KEYS, "help.")
    help_phone = check.text(help_table, "phone", required=False, limit=30, prefix="help.")
    if help_phone and not PHONE_RE.match(help_phone):
        check.error("help.phone", "must be a phone number: digits, spaces and dashes")
    platform = Platform(
        id=platform_id,
        name_zh=name_zh,
        name_en=name_en,
        version=content_hash(data),
        kind=kind,
        description_zh=check.text(raw, "description_zh", required=False),
        description_en=check.text(raw, "description_en", required=False),
        downloads={k: v for k, v in downloads.items() if v},
        store_search=check.text(
            apps, "store_search", required=False, limit=MAX_NAME, prefix="apps."
        ),
        mini_program=check.text(
            apps, "mini_program", required=False, limit=MAX_NAME, prefix="apps."
        ),
        meeting=meeting,
        network_endpoints=endpoints,
        stun_servers=stun,
        help_phone=help_phone,
        help_url=check.url(help_table, "url", "help."),
        source=str(path),
        order=check.int_value(raw, "order", 0, 999, "") if "order" in raw else 500,
    )
    if kind == "mini_program" and not platform.mini_program:
        check.error("apps.mini_program", "is required for a mini_program platform")
    return (None if check.errors else platform), check.errors
