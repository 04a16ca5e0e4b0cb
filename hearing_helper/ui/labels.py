"""Translated labels for the domain's codes (roles, devices, outcomes, steps ...).

Core code stores stable codes (see :mod:`hearing_helper.domain.enums`); every screen, report and
export that shows one to a person goes through these functions so the words are the same
everywhere. Texts are marked with ``QT_TRANSLATE_NOOP`` (context ``labels``) and translated at
call time, so a language switch takes effect without re-importing anything.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from hearing_helper.domain.enums import (
    AccessibilityNeed,
    DeviceKind,
    NotJoinedReason,
    Outcome,
    RecordStatus,
    Role,
    StepId,
    StepStatus,
)
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

CONTEXT = "labels"

_ROLE = {
    Role.PLAINTIFF: QT_TRANSLATE_NOOP("labels", "Plaintiff"),
    Role.DEFENDANT: QT_TRANSLATE_NOOP("labels", "Defendant"),
    Role.THIRD_PARTY: QT_TRANSLATE_NOOP("labels", "Third party"),
    Role.AGENT: QT_TRANSLATE_NOOP("labels", "Agent / lawyer"),
    Role.WITNESS: QT_TRANSLATE_NOOP("labels", "Witness"),
    Role.OTHER: QT_TRANSLATE_NOOP("labels", "Other"),
}

_DEVICE = {
    DeviceKind.OWN_ANDROID: QT_TRANSLATE_NOOP("labels", "Own Android phone"),
    DeviceKind.OWN_IPHONE: QT_TRANSLATE_NOOP("labels", "Own iPhone"),
    DeviceKind.COURT_TERMINAL: QT_TRANSLATE_NOOP("labels", "Court terminal"),
    DeviceKind.OWN_LAPTOP: QT_TRANSLATE_NOOP("labels", "Own laptop"),
}

_ACCESSIBILITY = {
    AccessibilityNeed.ELDERLY: QT_TRANSLATE_NOOP("labels", "Elderly"),
    AccessibilityNeed.HEARING: QT_TRANSLATE_NOOP("labels", "Hard of hearing"),
    AccessibilityNeed.SIGHT: QT_TRANSLATE_NOOP("labels", "Poor eyesight"),
    AccessibilityNeed.DIALECT: QT_TRANSLATE_NOOP("labels", "Dialect / interpreter"),
}

_OUTCOME = {
    Outcome.JOINED: QT_TRANSLATE_NOOP("labels", "Joined"),
    Outcome.JOINED_AFTER_HELP: QT_TRANSLATE_NOOP("labels", "Joined after help"),
    Outcome.NOT_JOINED: QT_TRANSLATE_NOOP("labels", "Not joined"),
    Outcome.RESCHEDULED: QT_TRANSLATE_NOOP("labels", "Rescheduled"),
    Outcome.LEFT: QT_TRANSLATE_NOOP("labels", "Litigant left"),
}

_NOT_JOINED = {
    NotJoinedReason.DEVICE: QT_TRANSLATE_NOOP("labels", "Device unusable"),
    NotJoinedReason.NETWORK: QT_TRANSLATE_NOOP("labels", "Network problem"),
    NotJoinedReason.APP_INSTALL: QT_TRANSLATE_NOOP("labels", "App could not be installed"),
    NotJoinedReason.ACCOUNT: QT_TRANSLATE_NOOP("labels", "Account / real-name verification"),
    NotJoinedReason.MEETING_INFO: QT_TRANSLATE_NOOP("labels", "Meeting link or ID wrong/missing"),
    NotJoinedReason.PLATFORM_DOWN: QT_TRANSLATE_NOOP("labels", "Platform not working"),
    NotJoinedReason.LITIGANT_DECLINED: QT_TRANSLATE_NOOP("labels", "Litigant declined"),
    NotJoinedReason.HEARING_CANCELLED: QT_TRANSLATE_NOOP("labels", "Hearing cancelled"),
    NotJoinedReason.OTHER: QT_TRANSLATE_NOOP("labels", "Other reason"),
}

_STEP = {
    StepId.INTAKE: QT_TRANSLATE_NOOP("labels", "Intake"),
    StepId.CHECKS: QT_TRANSLATE_NOOP("labels", "Device checks"),
    StepId.INSTALL: QT_TRANSLATE_NOOP("labels", "App install"),
    StepId.JOIN: QT_TRANSLATE_NOOP("labels", "Join"),
    StepId.FINISH: QT_TRANSLATE_NOOP("labels", "Finish"),
}

_STEP_STATUS = {
    StepStatus.NOT_STARTED: QT_TRANSLATE_NOOP("labels", "Not started"),
    StepStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("labels", "In progress"),
    StepStatus.DONE: QT_TRANSLATE_NOOP("labels", "Done"),
    StepStatus.FAILED: QT_TRANSLATE_NOOP("labels", "Failed"),
    StepStatus.SKIPPED: QT_TRANSLATE_NOOP("labels", "Skipped"),
}

_RECORD_STATUS = {
    RecordStatus.DRAFT: QT_TRANSLATE_NOOP("labels", "Unfinished"),
    RecordStatus.FINISHED: QT_TRANSLATE_NOOP("labels", "Finished"),
}

# Field names used by validation errors (FieldError.field) and the intake/finish pages.
_FIELD = {
    "case_number": QT_TRANSLATE_NOOP("labels", "Case number"),
    "hearing_at": QT_TRANSLATE_NOOP("labels", "Hearing date and time"),
    "court": QT_TRANSLATE_NOOP("labels", "Court"),
    "platform_id": QT_TRANSLATE_NOOP("labels", "Platform"),
    "litigant_name": QT_TRANSLATE_NOOP("labels", "Litigant name"),
    "role": QT_TRANSLATE_NOOP("labels", "Role"),
    "phone": QT_TRANSLATE_NOOP("labels", "Phone"),
    "device": QT_TRANSLATE_NOOP("labels", "Device"),
    "accessibility": QT_TRANSLATE_NOOP("labels", "Special needs"),
    "consent": QT_TRANSLATE_NOOP("labels", "Consent"),
    "outcome": QT_TRANSLATE_NOOP("labels", "Outcome"),
    "outcome_reason": QT_TRANSLATE_NOOP("labels", "Reason not joined"),
    "satisfaction": QT_TRANSLATE_NOOP("labels", "Satisfaction"),
    "notes": QT_TRANSLATE_NOOP("labels", "Notes"),
}


def _lookup(table: dict[StrEnum, str], value: str | None) -> str:
    if value is None or value == "":
        return ""
    for key, text in table.items():
        if key == value:
            return QCoreApplication.translate(CONTEXT, text)
    return str(value)  # an unknown code from a newer version: show it rather than hide it


def role_label(value: str | None) -> str:
    return _lookup(_ROLE, value)  # type: ignore[arg-type]


def device_label(value: str | None) -> str:
    return _lookup(_DEVICE, value)  # type: ignore[arg-type]


def accessibility_label(value: str | None) -> str:
    return _lookup(_ACCESSIBILITY, value)  # type: ignore[arg-type]


def outcome_label(value: str | None) -> str:
    return _lookup(_OUTCOME, value)  # type: ignore[arg-type]


def not_joined_reason_label(value: str | None) -> str:
    return _lookup(_NOT_JOINED, value)  # type: ignore[arg-type]


def step_label(value: str | None) -> str:
    return _lookup(_STEP, value)  # type: ignore[arg-type]


def step_status_label(value: str | None) -> str:
    return _lookup(_STEP_STATUS, value)  # type: ignore[arg-type]


def record_status_label(value: str | None) -> str:
    return _lookup(_RECORD_STATUS, value)  # type: ignore[arg-type]


def field_label(name: str) -> str:
    """The label of an intake/finish field named as in ``FieldError.field``."""
    text = _FIELD.get(name)
    return QCoreApplication.translate(CONTEXT, text) if text else name


def format_duration(seconds: int | None) -> str:
    """``754`` -> "12 min 34 s" (translated); empty for None."""
    if seconds is None:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return (
            QCoreApplication.translate("labels", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", str(minutes))
        )
    return (
        QCoreApplication.translate("labels", "%1 min %2 s")
        .replace("%1", str(minutes))
        .replace("%2", str(secs))
    )
