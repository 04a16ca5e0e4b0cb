"""English labels of the domain's codes (roles, devices, outcomes, reasons, steps ...).

The one set of code -> English tables shared by every screen, report and export, so a code reads
the same everywhere. Qt-free: texts are marked with ``QT_TRANSLATE_NOOP`` (context ``labels``)
and translated by the caller -- :mod:`hearing_helper.ui.labels` with
``QCoreApplication.translate``, the reports and exports with any ``translate(context, text)``
callable (see :func:`label`).
"""

from __future__ import annotations

from collections.abc import Callable

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
Translate = Callable[[str, str], str]  # e.g. QCoreApplication.translate


def english(context: str, text: str) -> str:
    """The identity translation: the English source texts."""
    del context
    return text


# Keys are the plain code strings stored in the database (``.value``), so the tables can be
# bound into SQL (the CSV export labels cells in SQLite) as they are.
ROLE_LABELS: dict[str, str] = {
    Role.PLAINTIFF.value: QT_TRANSLATE_NOOP("labels", "Plaintiff"),
    Role.DEFENDANT.value: QT_TRANSLATE_NOOP("labels", "Defendant"),
    Role.THIRD_PARTY.value: QT_TRANSLATE_NOOP("labels", "Third party"),
    Role.AGENT.value: QT_TRANSLATE_NOOP("labels", "Agent / lawyer"),
    Role.WITNESS.value: QT_TRANSLATE_NOOP("labels", "Witness"),
    Role.OTHER.value: QT_TRANSLATE_NOOP("labels", "Other"),
}

DEVICE_LABELS: dict[str, str] = {
    DeviceKind.OWN_ANDROID.value: QT_TRANSLATE_NOOP("labels", "Own Android phone"),
    DeviceKind.OWN_IPHONE.value: QT_TRANSLATE_NOOP("labels", "Own iPhone"),
    DeviceKind.COURT_TERMINAL.value: QT_TRANSLATE_NOOP("labels", "Court terminal"),
    DeviceKind.OWN_LAPTOP.value: QT_TRANSLATE_NOOP("labels", "Own laptop"),
}

ACCESSIBILITY_LABELS: dict[str, str] = {
    AccessibilityNeed.ELDERLY.value: QT_TRANSLATE_NOOP("labels", "Elderly"),
    AccessibilityNeed.HEARING.value: QT_TRANSLATE_NOOP("labels", "Hard of hearing"),
    AccessibilityNeed.SIGHT.value: QT_TRANSLATE_NOOP("labels", "Poor eyesight"),
    AccessibilityNeed.DIALECT.value: QT_TRANSLATE_NOOP("labels", "Dialect / interpreter"),
}

OUTCOME_LABELS: dict[str, str] = {
    Outcome.JOINED.value: QT_TRANSLATE_NOOP("labels", "Joined"),
    Outcome.JOINED_AFTER_HELP.value: QT_TRANSLATE_NOOP("labels", "Joined after help"),
    Outcome.NOT_JOINED.value: QT_TRANSLATE_NOOP("labels", "Not joined"),
    Outcome.RESCHEDULED.value: QT_TRANSLATE_NOOP("labels", "Rescheduled"),
    Outcome.LEFT.value: QT_TRANSLATE_NOOP("labels", "Litigant left"),
}

NOT_JOINED_REASON_LABELS: dict[str, str] = {
    NotJoinedReason.DEVICE.value: QT_TRANSLATE_NOOP("labels", "Device unusable"),
    NotJoinedReason.NETWORK.value: QT_TRANSLATE_NOOP("labels", "Network problem"),
    NotJoinedReason.APP_INSTALL.value: QT_TRANSLATE_NOOP("labels", "App could not be installed"),
    NotJoinedReason.ACCOUNT.value: QT_TRANSLATE_NOOP("labels", "Account / real-name verification"),
    NotJoinedReason.MEETING_INFO.value: QT_TRANSLATE_NOOP(
        "labels", "Meeting link or ID wrong/missing"
    ),
    NotJoinedReason.PLATFORM_DOWN.value: QT_TRANSLATE_NOOP("labels", "Platform not working"),
    NotJoinedReason.LITIGANT_DECLINED.value: QT_TRANSLATE_NOOP("labels", "Litigant declined"),
    NotJoinedReason.HEARING_CANCELLED.value: QT_TRANSLATE_NOOP("labels", "Hearing cancelled"),
    NotJoinedReason.OTHER.value: QT_TRANSLATE_NOOP("labels", "Other reason"),
}

STEP_LABELS: dict[str, str] = {
    StepId.INTAKE.value: QT_TRANSLATE_NOOP("labels", "Intake"),
    StepId.CHECKS.value: QT_TRANSLATE_NOOP("labels", "Device checks"),
    StepId.INSTALL.value: QT_TRANSLATE_NOOP("labels", "App install"),
    StepId.JOIN.value: QT_TRANSLATE_NOOP("labels", "Join"),
    StepId.FINISH.value: QT_TRANSLATE_NOOP("labels", "Finish"),
}

STEP_STATUS_LABELS: dict[str, str] = {
    StepStatus.NOT_STARTED.value: QT_TRANSLATE_NOOP("labels", "Not started"),
    StepStatus.IN_PROGRESS.value: QT_TRANSLATE_NOOP("labels", "In progress"),
    StepStatus.DONE.value: QT_TRANSLATE_NOOP("labels", "Done"),
    StepStatus.FAILED.value: QT_TRANSLATE_NOOP("labels", "Failed"),
    StepStatus.SKIPPED.value: QT_TRANSLATE_NOOP("labels", "Skipped"),
}

RECORD_STATUS_LABELS: dict[str, str] = {
    RecordStatus.DRAFT.value: QT_TRANSLATE_NOOP("labels", "Unfinished"),
    RecordStatus.FINISHED.value: QT_TRANSLATE_NOOP("labels", "Finished"),
}

# Field names used by validation errors (FieldError.field) and the intake/finish pages.
FIELD_LABELS: dict[str, str] = {
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
    "no_consent_reason": QT_TRANSLATE_NOOP("labels", "Reason without consent"),
    "kind": QT_TRANSLATE_NOOP("labels", "Visit type"),
    "failure_cause": QT_TRANSLATE_NOOP("labels", "Cause"),
    # a preparation visit
    "preparation_outcome": QT_TRANSLATE_NOOP("labels", "Outcome"),
    "another_visit_reason": QT_TRANSLATE_NOOP("labels", "Why come again"),
    "next_visit_on": QT_TRANSLATE_NOOP("labels", "Next visit on"),
    "in_person_reason": QT_TRANSLATE_NOOP("labels", "Why in person"),
    "preparation_note": QT_TRANSLATE_NOOP("labels", "Remark"),
    "join_mode": QT_TRANSLATE_NOOP("labels", "Way to join"),
    "override_reason": QT_TRANSLATE_NOOP("labels", "Why another way"),
    # a follow-up
    "follow_up_cause": QT_TRANSLATE_NOOP("labels", "Because of"),
    "follow_up_note": QT_TRANSLATE_NOOP("labels", "Note"),
}
# Shown for a field without a label of its own: a message never names a raw field id.
OTHER_FIELD = QT_TRANSLATE_NOOP("labels", "Other details")


def label(table: dict[str, str], code: str | None, translate: Translate = english) -> str:
    """The translated label of ``code``: "" for no code, the code itself when it is unknown
    (a code from a newer version is shown rather than hidden)."""
    if code is None or code == "":
        return ""
    source = table.get(str(code))
    return translate(CONTEXT, source) if source else str(code)
