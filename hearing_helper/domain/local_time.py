"""One rule for times, everywhere (window, command line, slip): a moment is stored as ISO 8601
with its UTC offset (``2026-12-07T09:30:00+08:00``, an unambiguous instant) and shown in this
PC's time zone, the zone its clock and the clerk's taskbar show.

Why: the window converted to the PC's zone while ``followups`` printed the stored text, so on a
PC not set to UTC+8 the same follow-up read 01:30 in one and 09:30 in the other."""

from __future__ import annotations

from datetime import datetime

MINUTES = "%Y-%m-%d %H:%M"


def local(moment: datetime | str) -> datetime:
    """``moment`` in this PC's time zone; a time without an offset is taken as local already."""
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return value.astimezone() if value.tzinfo is not None else value


def local_text(moment: datetime | str | None, fmt: str = MINUTES) -> str:
    """``moment`` as this PC's wall-clock text ("" for none; text that is not a time as is)."""
    if moment is None or moment == "":
        return ""
    try:
        return local(moment).strftime(fmt)
    except ValueError:
        return str(moment)
