"""The words for the sync state, shared by the status line and the sync page (context "sync")."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from hearing_helper.domain.local_time import local
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the sender imports the PostgreSQL driver: not at start
    from hearing_helper.store.sync.sender import SyncStatus

CONTEXT = "sync"

CHECKING = QT_TRANSLATE_NOOP("sync", "Central database: checking…")
CONFLICTS = QT_TRANSLATE_NOOP("sync", "%1 conflicting item(s) on the central database")
UNREACHABLE = QT_TRANSLATE_NOOP("sync", "Server unreachable since %1 · %2 waiting")
WAITING = QT_TRANSLATE_NOOP("sync", "%1 waiting to be sent")
ALL_SENT = QT_TRANSLATE_NOOP("sync", "All sent to the central database")
HELD = QT_TRANSLATE_NOOP("sync", "%1 item(s) set aside: the central database refused them")
HELD_LIST = QT_TRANSLATE_NOOP(
    "sync",
    "Set aside (not sent; court IT checks the reason, then runs hearing-helper sync --retry-held):",
)
CLOCK_OFF = QT_TRANSLATE_NOOP("sync", "this PC's clock is %1 min off")
CATALOG_REFUSED = QT_TRANSLATE_NOOP("sync", "catalog version %1 refused")
ERRORS = {
    "unreachable": QT_TRANSLATE_NOOP(
        "sync",
        "The central database cannot be reached: check the network cable or Wi-Fi, or ask "
        "court IT whether the server is running. Records are kept on this PC and sent "
        "automatically later.",
    ),
    "password": QT_TRANSLATE_NOOP(
        "sync",
        "The central database refused this desk's password. Court IT stores the right one on "
        "this PC (hearing-helper server remember-password).",
    ),
    "schema": QT_TRANSLATE_NOOP(
        "sync",
        "The central database is not set up for this version. Court IT runs hearing-helper "
        "server init.",
    ),
    "permission": QT_TRANSLATE_NOOP(
        "sync",
        "The central database does not allow this desk's login to send these records. Ask "
        "court IT to check the desk's login.",
    ),
    "other": QT_TRANSLATE_NOOP("sync", "Sending failed. Court IT can read the details below."),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def clock(iso: str | None) -> str:
    """'HH:MM' today, else 'MM-DD HH:MM' (local time of the desk)."""
    if not iso:
        return ""
    moment = local(iso)
    if moment.date() == datetime.now().astimezone().date():
        return moment.strftime("%H:%M")
    return moment.strftime("%m-%d %H:%M")


def summary(status: SyncStatus | None) -> str:
    """One short line for the status bar."""
    if status is None:
        return tr(CHECKING)
    if status.conflicts:
        text = tr(CONFLICTS).replace("%1", str(status.conflicts))
    elif status.unreachable_since:
        text = (
            tr(UNREACHABLE)
            .replace("%1", clock(status.unreachable_since))
            .replace("%2", str(status.waiting))
        )
    elif status.held:
        text = tr(HELD).replace("%1", str(len(status.held)))
        if status.waiting:
            text += " · " + tr(WAITING).replace("%1", str(status.waiting))
    elif status.waiting:
        text = tr(WAITING).replace("%1", str(status.waiting))
    else:
        text = tr(ALL_SENT)
    if status.clock_skewed and status.skew_s is not None:
        text += " · " + tr(CLOCK_OFF).replace("%1", f"{abs(status.skew_s) / 60:.0f}")
    refused = status.catalog.refused if status.catalog else None
    if refused is not None:
        text += " · " + tr(CATALOG_REFUSED).replace("%1", str(refused.version))
    return text


def error_words(status: SyncStatus) -> str:
    """The last error in plain words (the technical detail follows on the sync page)."""
    if not status.last_error:
        return ""
    return tr(ERRORS.get(status.error_code, ERRORS["other"]))


def held_words(status: SyncStatus, most: int = 10) -> str:
    """The items set aside, one a line with the reason (the first ``most`` of them)."""
    if not status.held:
        return ""
    lines = [tr(HELD_LIST)]
    lines += [f"· {item.key}: {item.reason}" for item in status.held[:most]]
    if len(status.held) > most:
        lines.append(f"… (+{len(status.held) - most})")
    return "\n".join(lines)
