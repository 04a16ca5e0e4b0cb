"""What the Join step keeps in the record, and the checks of what was typed (no Qt here).

``record.steps[JOIN].data`` holds::

    {"link": "...", "meeting_id": "...", "passcode": "...",
     "attempts": [{"at": iso, "how": "open_pc" | "phone", "result": "opened" | "refused"
                   | "failed" | "joined"}],
     "joined_at": iso}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hearing_helper.catalog import Platform, check_link, check_meeting_id, check_passcode
from hearing_helper.domain.record import now_local
from hearing_helper.domain.validation import FieldError

FIELDS = ("link", "meeting_id", "passcode")
CHECKS: dict[str, Callable[[str, Platform | None], str]] = {
    "link": check_link,
    "meeting_id": check_meeting_id,
    "passcode": check_passcode,
}


def valid_values(texts: Mapping[str, str], platform: Platform | None) -> tuple[str, str, str]:
    """(link, meeting ID digits, passcode) of what was typed, each "" when empty or invalid."""
    values = []
    for name in FIELDS:
        text = texts[name]
        try:
            values.append(CHECKS[name](text, platform) if text.strip() else "")
        except FieldError:
            values.append("")
    return values[0], values[1], values[2]


def add_attempt(data: dict[str, Any], how: str, result: str) -> None:
    attempts = data.setdefault("attempts", [])
    attempts.append({"at": now_local().isoformat(), "how": how, "result": result})


def attempts_so_far(data: Mapping[str, Any]) -> tuple[int, str]:
    """(tries that did not end in joining, the joining's time as HH:MM or "")."""
    tries = len([a for a in data.get("attempts", []) if a.get("result") != "joined"])
    return tries, str(data.get("joined_at", ""))[11:16]
