"""Validation of intake fields. Every failure names the field and says what is expected.

Functions return the normalised value or raise :class:`FieldError`. The English message is a
translation source (context ``validation``): the UI shows ``QCoreApplication.translate`` of it,
formatted with ``params``; the CLI prints it as is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime, timedelta
from typing import Any

from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

CONTEXT = "validation"

CASE_NUMBER_EXAMPLE = "（2021）冀1126民初1234号"


@dataclass(frozen=True)
class FieldError(Exception):
    """A specific, user-presentable validation failure of one field."""

    field: str
    code: str
    message: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    def __str__(self) -> str:
        return self.format(self.message)

    def format(self, template: str) -> str:
        """Fill ``template`` (the message or its translation) with this error's parameters."""
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template


MESSAGES = {
    "required": QT_TRANSLATE_NOOP("validation", "This field is required."),
    "case_number.format": QT_TRANSLATE_NOOP(
        "validation",
        "Case number not recognised. Expected the form (year)court code + case type + number"
        " + 号, e.g. {example}.",
    ),
    "case_number.year": QT_TRANSLATE_NOOP(
        "validation", "The year {year} in the case number is not plausible (1990 to {max_year})."
    ),
    "phone.format": QT_TRANSLATE_NOOP(
        "validation",
        "Phone number not recognised. Expected an 11-digit mobile number starting with 1"
        " (e.g. 138 1234 5678) or a landline with area code (e.g. 010-12345678).",
    ),
    "name.length": QT_TRANSLATE_NOOP(
        "validation", "The name must be 1 to {max} characters long (now {length})."
    ),
    "name.control": QT_TRANSLATE_NOOP(
        "validation", "The name contains invisible control characters; please retype it."
    ),
    "name.digits": QT_TRANSLATE_NOOP(
        "validation", "The name should not contain digits; please check it."
    ),
    "name.symbols": QT_TRANSLATE_NOOP(
        "validation",
        "The name contains emoji or symbols, which cannot be printed on the join slip or in"
        " exports; please type the name in characters.",
    ),
    "hearing_at.past": QT_TRANSLATE_NOOP(
        "validation", "The hearing time is more than {days} days in the past; please check it."
    ),
    "hearing_at.future": QT_TRANSLATE_NOOP(
        "validation", "The hearing time is more than {days} days ahead; please check the year."
    ),
    "satisfaction.range": QT_TRANSLATE_NOOP(
        "validation", "Satisfaction is a whole number from 1 to 5."
    ),
    "outcome.reason": QT_TRANSLATE_NOOP("validation", "Choose why the litigant did not join."),
    "text.too_long": QT_TRANSLATE_NOOP("validation", "At most {max} characters (now {length})."),
    # visits (hearing_helper.domain.visit)
    "cause.format": QT_TRANSLATE_NOOP(
        "validation", "Choose the cause from the list (a code such as camera.no_frames)."
    ),
    "note.required_for_other": QT_TRANSLATE_NOOP(
        "validation", 'For "Other", write the reason in the note.'
    ),
    "next_visit.range": QT_TRANSLATE_NOOP(
        "validation", "The next visit must be from today to {days} days ahead."
    ),
    "join_mode.override_reason": QT_TRANSLATE_NOOP(
        "validation", "Say why another way to join was chosen than the recommended one."
    ),
    "follow_up.why_late": QT_TRANSLATE_NOOP(
        "validation", "Choose or write why the litigant joined late."
    ),
    "follow_up.why_adjourned": QT_TRANSLATE_NOOP(
        "validation", "Choose or write the technical reason the hearing was adjourned."
    ),
    "follow_up.why_not_held": QT_TRANSLATE_NOOP(
        "validation", "Write why the hearing did not take place."
    ),
    "follow_up.not_prepared": QT_TRANSLATE_NOOP(
        "validation", "Only a finished preparation visit can get a follow-up."
    ),
    "follow_up.already": QT_TRANSLATE_NOOP(
        "validation", "The follow-up of this visit is already recorded."
    ),
    "kind.mismatch": QT_TRANSLATE_NOOP(
        "validation", "This outcome belongs to the other kind of visit."
    ),
    "rating.litigant_kept": QT_TRANSLATE_NOOP(
        "validation",
        "The litigant gave this rating; a correction may only mark it as not asked.",
    ),
    "rating.litigant_only_live": QT_TRANSLATE_NOOP(
        "validation", "Only the litigant can give a rating, on the litigant screen."
    ),
    "consent.required": QT_TRANSLATE_NOOP(
        "validation",
        "The litigant's name or phone number is recorded without consent. Tick the consent box,"
        " give the reason consent was not given, or remove the name and phone number.",
    ),
}


def error(field_name: str, code: str, **params: Any) -> FieldError:
    return FieldError(field_name, code, MESSAGES[code], params)


# --- case number (案号) -------------------------------------------------------------------

# Brackets seen in practice: full/half-width parentheses, the official 〔〕 and look-alikes.
_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "[": "(", "]": ")", "【": "(", "】": ")"})
_CASE_PATTERN = (
    r"^\((?P<year>\d{4})\)"
    r"(?P<court>最高法|[\u4e00-\u9fff]\d{2,4}|[\u4e00-\u9fff])"
    r"(?P<kind>[\u4e00-\u9fff]{1,6}?)"
    r"(?P<seq>\d{1,7})号$"
)


def normalize_case_number(raw: str, *, today: datetime | None = None) -> str:
    """Return the canonical case number (full-width brackets, ASCII digits, no spaces).

    Accepts full- and half-width brackets, 〔〕, full-width digits and stray spaces, e.g.
    ``(2023) 京0105民初45678号`` becomes ``（2023）京0105民初45678号``.
    """
    text = unicodedata.normalize("NFKC", raw or "").translate(_BRACKETS)
    text = re.sub(r"\s+", "", text)
    if not text:
        raise error("case_number", "required")
    match = re.match(_CASE_PATTERN, text)  # compiled on first use (re's cache): ~3 ms at start
    if not match:
        raise error("case_number", "case_number.format", example=CASE_NUMBER_EXAMPLE)
    year = int(match["year"])
    max_year = (today or datetime.now()).year + 1
    if not 1990 <= year <= max_year:
        raise error("case_number", "case_number.year", year=year, max_year=max_year)
    return f"（{year}）{match['court']}{match['kind']}{match['seq']}号"


# --- phone --------------------------------------------------------------------------------

_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def normalize_phone(raw: str) -> str:
    """Return a Chinese mobile (``13812345678``) or landline (``010-12345678``) number.

    Spaces, dashes, dots and brackets are ignored; ``+86``/``0086`` prefixes are accepted.
    """
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        raise error("phone", "required")
    ext = ""
    ext_match = re.search(r"(?:转|ext\.?|x|#)\s*(\d{1,6})$", text, re.IGNORECASE)
    if ext_match:
        ext = ext_match.group(1)
        text = text[: ext_match.start()]
    digits = re.sub(r"[\s\-.()（）]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if not digits.isdigit() or not digits.isascii():
        raise error("phone", "phone.format")
    if _MOBILE_RE.match(digits) and not ext:
        return digits
    if digits.startswith("0"):
        # Area codes: 3 digits for Beijing (010) and the 02x cities, otherwise 4 digits.
        area_len = 3 if digits.startswith(("010", "02")) else 4
        area, rest = digits[:area_len], digits[area_len:]
        if len(rest) in (7, 8) and not rest.startswith("0"):
            return f"{area}-{rest}" + (f"-{ext}" if ext else "")
    raise error("phone", "phone.format")


def is_mobile(phone: str) -> bool:
    return bool(_MOBILE_RE.match(phone))


# --- names and free text ------------------------------------------------------------------

NAME_MAX = 50


def normalize_name(raw: str, field_name: str = "litigant_name") -> str:
    """Return the trimmed name; 1-50 characters, no control characters, no digits."""
    text = unicodedata.normalize("NFC", raw or "").strip()
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in text):
        raise error(field_name, "name.control")
    text = re.sub(r"\s+", " ", text)
    if not text:
        raise error(field_name, "required")
    if len(text) > NAME_MAX:
        raise error(field_name, "name.length", max=NAME_MAX, length=len(text))
    if any(ch.isdigit() for ch in text):
        raise error(field_name, "name.digits")
    # Emoji and pictographs (category So, and their modifiers Sk) show as empty boxes in the
    # PDF fonts and on many desk PCs; a name is letters, with · or - between parts at most.
    if any(unicodedata.category(ch) in ("So", "Sk") for ch in text):
        raise error(field_name, "name.symbols")
    return text


def check_text_length(text: str, field_name: str, maximum: int) -> str:
    if len(text) > maximum:
        raise error(field_name, "text.too_long", max=maximum, length=len(text))
    return text


# --- hearing time -------------------------------------------------------------------------

HEARING_PAST_DAYS = 7
HEARING_FUTURE_DAYS = 730


def check_hearing_time(value: datetime, *, now: datetime | None = None) -> datetime:
    """Accept hearing times from a week ago (back-filling) to two years ahead."""
    reference = now or datetime.now(value.tzinfo)
    if value < reference - timedelta(days=HEARING_PAST_DAYS):
        raise error("hearing_at", "hearing_at.past", days=HEARING_PAST_DAYS)
    if value > reference + timedelta(days=HEARING_FUTURE_DAYS):
        raise error("hearing_at", "hearing_at.future", days=HEARING_FUTURE_DAYS)
    return value


def check_satisfaction(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise error("satisfaction", "satisfaction.range")
    return value
