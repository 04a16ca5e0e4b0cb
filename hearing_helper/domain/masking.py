"""Masking of litigant personal data for exports and screens that do not need it in full.

Masking works from the *shape* of the value, never from how it was typed: a phone number is
first normalised (:func:`~hearing_helper.domain.validation.normalize_phone`); only a value that
is recognisably a mobile or a landline keeps some digits (a mobile its first 3 and last 4, a
landline its area code and last 4). Anything else -- an extension typed after the number, stray
letters, full-width digits that do not normalise -- is masked completely, so that no way of
typing a number lets it through. :func:`mask_personal` is the one entry point for every
personal field; a field it does not know is masked completely. :func:`mask_free_text` masks
phone- and ID-like runs inside free text (issue 18).
"""

from __future__ import annotations

import re
import unicodedata

from hearing_helper.domain.validation import FieldError, is_mobile, normalize_phone

FULL_MASK_CHAR = "*"
_STORED_MOBILE = re.compile(r"1[3-9][0-9]{9}")


def mask_name(name: str) -> str:
    """王小明 -> 王*明, 王明 -> 王*, 欧阳娜娜 -> 欧**娜; Latin names keep first and last letter."""
    text = (name or "").strip()
    if len(text) <= 1:
        return text
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def mask_completely(value: str) -> str:
    """Every character replaced (the length is kept so a screen still shows something)."""
    return FULL_MASK_CHAR * len((value or "").strip())


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678; 010-12345678 -> 010-****5678; anything else all stars."""
    text = (phone or "").strip()
    if not text:
        return ""
    if _STORED_MOBILE.fullmatch(text):  # as finished records store it: skip normalising
        return text[:3] + "****" + text[-4:]
    try:
        normal = normalize_phone(text)
    except FieldError:
        return mask_completely(text)
    if is_mobile(normal):
        return normal[:3] + "****" + normal[-4:]
    area, _, rest = normal.partition("-")
    if "-" in rest:  # an extension: area-number-ext; the extension is hidden too
        return mask_completely(text)
    return f"{area}-" + "*" * (len(rest) - 4) + rest[-4:]


# --- free text ---------------------------------------------------------------------------------
#
# A phone or ID number typed where free text goes (a remark, a case number field, a failure
# reason) is as personal as the phone field. Masked exports scan declared free-text columns for
# runs of digits -- ASCII or full-width, in groups joined by single spaces or hyphens, an ID's
# final X included -- and mask every run of 7 or more digits but its last 4 characters. Shorter
# runs (case numbers' years and serial numbers, room numbers) and dates stay as typed.
_DIGIT = "0-9０-９"
_JOIN = r" \-‐－　"
_DIGIT_RUN = re.compile(rf"[{_DIGIT}](?:[{_JOIN}]?[{_DIGIT}])*(?:[{_JOIN}]?[xXｘＸ])?")
_DATE = re.compile(r"\d{4}[-‐－]\d{1,2}[-‐－]\d{1,2}")
MIN_MASKED_DIGITS = 7
KEPT_TAIL = 4


def _masked_run(match: re.Match[str]) -> str:
    run = match.group(0)
    digits = sum(1 for char in run if char.isdigit() or char in "xXｘＸ")
    if digits < MIN_MASKED_DIGITS or _DATE.fullmatch(unicodedata.normalize("NFKC", run)):
        return run
    kept = 0
    out = []
    for char in reversed(run):
        counts = char.isdigit() or char in "xXｘＸ"
        if counts and kept < KEPT_TAIL:
            kept += 1
            out.append(char)
        else:
            out.append(FULL_MASK_CHAR if counts else char)
    return "".join(reversed(out))


def mask_free_text(text: str) -> str:
    """``text`` with every phone- or ID-like run of digits masked (the length is kept)."""
    if not text or not any(char.isdigit() for char in text):
        return text
    return _DIGIT_RUN.sub(_masked_run, text)


_MASKERS = {"name": mask_name, "phone": mask_phone}


def mask_personal(kind: str, value: str) -> str:
    """Mask the personal field of ``kind`` ('name', 'phone'); unknown kinds completely."""
    return _MASKERS.get(kind, mask_completely)(value)
