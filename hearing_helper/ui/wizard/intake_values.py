"""Small value rules of the intake step, kept apart from its layout: the proposed hearing time
and keeping text as typed until it is valid. No widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from hearing_helper.domain.validation import FieldError, normalize_phone


def default_hearing_time(now: datetime) -> datetime:
    """Today at the next half hour: the usual case is a hearing starting soon."""
    base = now.replace(second=0, microsecond=0)
    minutes = 30 - base.minute % 30
    return base + timedelta(minutes=minutes)


def normalised(normalise: Callable[[str], str], text: str) -> str:
    """The normalised value, or the text as typed while it is not valid yet."""
    try:
        return normalise(text)
    except FieldError:
        return text


def is_valid_phone(text: str) -> bool:
    try:
        normalize_phone(text)
    except FieldError:
        return False
    return True
