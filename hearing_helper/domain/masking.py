"""Masking of litigant personal data for exports and screens that do not need it in full."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """王小明 -> 王*明, 王明 -> 王*, 欧阳娜娜 -> 欧**娜; Latin names keep first and last letter."""
    text = (name or "").strip()
    if len(text) <= 1:
        return text
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678; landlines keep the area code and the last 4 digits."""
    text = (phone or "").strip()
    digits = [ch for ch in text if ch.isdigit()]
    if len(digits) < 7:
        return "*" * len(text)
    if "-" in text:
        area, _, rest = text.partition("-")
        rest_digits = rest.replace("-", "")
        return f"{area}-" + "*" * (len(rest_digits) - 4) + rest_digits[-4:]
    return text[:3] + "*" * (len(text) - 7) + text[-4:]
