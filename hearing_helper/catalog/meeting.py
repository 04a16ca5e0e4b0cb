"""Meeting links, IDs and passcodes: normalising, validating against a platform, extracting them
from a pasted invitation, and deciding what may be opened on the desk PC. No Qt.

Input comes from clerks typing and from invitation texts pasted out of WeChat or SMS, so it may be
very long, contain full-width digits (Chinese input methods), invisible characters, look-alike
dots, or hostile links (``javascript:``, ``file:``, ``data:``). Only ``http``/``https`` links
with a plain ASCII host are ever accepted as openable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from hearing_helper.catalog.model import MeetingFormat, Platform
from hearing_helper.domain.validation import FieldError
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

MAX_LINK = 2048
MAX_INVITATION = 20_000
MAX_PASSCODE = 32
OPENABLE_SCHEMES = ("http", "https")

MESSAGES = {
    "required": QT_TRANSLATE_NOOP("catalog", "This field is required."),
    "link.too_long": QT_TRANSLATE_NOOP(
        "catalog", "The link is too long ({length} characters, at most {max})."
    ),
    "link.multiline": QT_TRANSLATE_NOOP(
        "catalog", "The link must be on one line; paste only the address."
    ),
    "link.scheme": QT_TRANSLATE_NOOP(
        "catalog",
        "Only web addresses starting with https:// or http:// can be used (this one starts"
        " with {scheme}:).",
    ),
    "link.format": QT_TRANSLATE_NOOP(
        "catalog", "This is not a web address. Expected something like https://…"
    ),
    "link.lookalike": QT_TRANSLATE_NOOP(
        "catalog",
        "The address contains look-alike or invisible characters; copy the link again from"
        " the original invitation.",
    ),
    "link.platform": QT_TRANSLATE_NOOP(
        "catalog", "This does not look like a {platform} meeting link; check the platform."
    ),
    "meeting_id.digits": QT_TRANSLATE_NOOP(
        "catalog", "The meeting ID may contain only digits (spaces and dashes are fine)."
    ),
    "meeting_id.length": QT_TRANSLATE_NOOP(
        "catalog", "A {platform} meeting ID has {expected} digits; this one has {length}."
    ),
    "passcode.chars": QT_TRANSLATE_NOOP(
        "catalog", "The passcode may contain only letters and digits, without spaces."
    ),
    "passcode.digits": QT_TRANSLATE_NOOP("catalog", "A {platform} passcode is digits only."),
    "passcode.length": QT_TRANSLATE_NOOP(
        "catalog", "A {platform} passcode has {expected} characters; this one has {length}."
    ),
}

# Dashes, hyphens and minus signs that input methods produce in place of "-".
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u30fc"
_SEPARATORS = re.compile("[\\s" + re.escape(_DASHES) + "_.·]+")
_INVISIBLE = ("Cc", "Cf", "Co", "Cs", "Cn")


def _error(field: str, code: str, **params: object) -> FieldError:
    return FieldError(field, code, MESSAGES[code], dict(params))


def _clean(raw: str) -> str:
    """NFKC (full-width digits and letters become ASCII), invisible characters removed."""
    text = unicodedata.normalize("NFKC", raw or "")
    return "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE or ch in "\n\t")


def _length_text(values: tuple[int, ...]) -> str:
    if not values:
        return ""
    if len(values) > 1 and values == tuple(range(values[0], values[-1] + 1)):
        return f"{values[0]}-{values[-1]}"
    return "/".join(str(v) for v in values)


# --- links ------------------------------------------------------------------------------------


def is_openable(url: str) -> bool:
    """True only for a single-line http(s) address with a plain ASCII host and nothing hidden."""
    if not url or len(url) > MAX_LINK or not url.isascii():
        return False
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return False
    if parts.scheme.lower() not in OPENABLE_SCHEMES or not host:
        return False
    if "@" in parts.netloc:  # https://court.example@evil.example hides the real host
        return False
    return bool(re.fullmatch(r"[a-z0-9.-]+|\[[0-9a-f:.]+\]", host)) and ".." not in host


def check_link(raw: str, platform: Platform | None = None) -> str:
    """Return the cleaned link or raise :class:`FieldError` (field ``link``)."""
    if len(raw or "") > MAX_LINK * 2:
        raise _error("link", "link.too_long", length=len(raw), max=MAX_LINK)
    text = (raw or "").strip()
    if not text:
        raise _error("link", "required")
    if "\n" in text or "\r" in text:
        raise _error("link", "link.multiline")
    if len(text) > MAX_LINK:
        raise _error("link", "link.too_long", length=len(text), max=MAX_LINK)
    scheme_match = re.match(r"^\s*([A-Za-z][A-Za-z0-9+.-]{0,20})\s*:", text)
    if scheme_match and scheme_match.group(1).lower() not in OPENABLE_SCHEMES:
        raise _error("link", "link.scheme", scheme=scheme_match.group(1).lower())
    if not scheme_match:
        raise _error("link", "link.format" if text.isascii() else "link.lookalike")
    # Look-alikes are refused rather than silently "fixed": a fake dot in a host is a warning sign.
    if not text.isascii() or any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise _error("link", "link.lookalike")
    if not is_openable(text):
        raise _error("link", "link.format")
    if (
        platform
        and platform.meeting.link_patterns
        and not any(pattern.search(text) for pattern in platform.meeting.link_patterns)
    ):
        raise _error("link", "link.platform", platform=platform.display_name("en"))
    return text


# --- meeting IDs ------------------------------------------------------------------------------


def normalize_meeting_id(raw: str) -> str:
    """Digits only: spaces, dashes (any kind), dots are removed; full-width digits become ASCII."""
    return _SEPARATORS.sub("", _clean(raw).strip())


def check_meeting_id(raw: str, platform: Platform | None = None) -> str:
    """Return the meeting ID as plain digits or raise :class:`FieldError` (field ``meeting_id``)."""
    if len(raw or "") > 200:
        raise _error("meeting_id", "meeting_id.digits")
    digits = normalize_meeting_id(raw)
    if not digits:
        raise _error("meeting_id", "required")
    if not (digits.isascii() and digits.isdigit()):
        raise _error("meeting_id", "meeting_id.digits")
    lengths = platform.meeting.id_lengths if platform else ()
    if lengths and len(digits) not in lengths:
        raise _error(
            "meeting_id",
            "meeting_id.length",
            platform=platform.display_name("en") if platform else "",
            expected=_length_text(lengths),
            length=len(digits),
        )
    if not lengths and not 4 <= len(digits) <= 20:
        # No known format (court systems): accept any plausible number.
        raise _error(
            "meeting_id",
            "meeting_id.length",
            platform=platform.display_name("en") if platform else "",
            expected="4-20",
            length=len(digits),
        )
    return digits


def format_meeting_id(digits: str, meeting: MeetingFormat | None = None) -> str:
    """``123456789`` -> ``123 456 789`` (the platform's grouping, for reading out and printing)."""
    if not digits.isdigit():
        return digits
    grouping = (meeting or MeetingFormat()).grouping_for(len(digits))
    parts, start = [], 0
    for size in grouping:
        parts.append(digits[start : start + size])
        start += size
    if start < len(digits):
        parts.append(digits[start:])
    return " ".join(p for p in parts if p)


# --- passcodes --------------------------------------------------------------------------------


def check_passcode(raw: str, platform: Platform | None = None) -> str:
    """Return the passcode ("" when none) or raise :class:`FieldError` (field ``passcode``)."""
    text = _clean(raw).strip()
    if not text:
        return ""
    if len(text) > MAX_PASSCODE or not re.fullmatch(r"[A-Za-z0-9]+", text):
        raise _error("passcode", "passcode.chars")
    if platform is not None:
        rules = platform.meeting
        name = platform.display_name("en")
        if rules.passcode_digits_only and not text.isdigit():
            raise _error("passcode", "passcode.digits", platform=name)
        low, high = rules.passcode_min, rules.passcode_max
        if (low and len(text) < low) or (high and len(text) > high):
            expected = f"{low}-{high}" if low and high and low != high else str(high or low)
            raise _error(
                "passcode", "passcode.length", platform=name, expected=expected, length=len(text)
            )
    return text


# --- invitations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    """What could be read from a pasted invitation; empty fields were not found."""

    link: str = ""
    meeting_id: str = ""
    passcode: str = ""


_URL_RE = re.compile(r"https?://[^\s<>\"'，。；、）)\]】]+", re.IGNORECASE)
_ID_LABEL_RE = re.compile(
    r"(?:会议\s*(?:号|ID)|会议号码|Meeting\s*ID|Conference\s*ID|腾讯会议|房间号)\s*[:：#]?\s*"
    r"([0-9][0-9 \-]{3,28}[0-9])",
    re.IGNORECASE,
)
_PASSCODE_LABEL_RE = re.compile(
    r"(?:入会密码|会议密码|密码|Passcode|Password)\s*[:：]\s*([A-Za-z0-9]{1,32})\b",
    re.IGNORECASE,
)
_LINK_ID_RE = re.compile(r"/(?:j|meet|w)/(\d{6,20})(?:[/?#]|$)")


def extract_invitation(text: str, platform: Platform | None = None) -> Invitation:
    """Find the meeting link, ID and passcode in an invitation pasted from WeChat, SMS or mail.

    The link must be openable (see :func:`is_openable`); a link matching the platform's patterns
    wins over other links. The ID comes from a labelled line ("会议号：", "Meeting ID:") or from
    the link itself (``/j/<digits>``).
    """
    cleaned = _clean((text or "")[:MAX_INVITATION])
    links: list[str] = []
    for match in _URL_RE.finditer(cleaned):
        candidate = match.group(0).rstrip(".,;:!?")
        if is_openable(candidate) and candidate not in links:
            links.append(candidate)
    link = ""
    if platform and platform.meeting.link_patterns:
        link = next(
            (u for u in links if any(p.search(u) for p in platform.meeting.link_patterns)), ""
        )
    if not link and links:
        link = links[0]
    meeting_id = ""
    id_match = _ID_LABEL_RE.search(cleaned)
    if id_match:
        meeting_id = normalize_meeting_id(id_match.group(1))
    elif link:
        link_match = _LINK_ID_RE.search(link)
        meeting_id = link_match.group(1) if link_match else ""
    passcode = ""
    pass_match = _PASSCODE_LABEL_RE.search(cleaned)
    if pass_match:
        passcode = pass_match.group(1)
    return Invitation(link=link, meeting_id=meeting_id, passcode=passcode)
