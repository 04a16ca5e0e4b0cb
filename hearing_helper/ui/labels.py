"""Translated labels for the domain's codes (roles, devices, outcomes, steps ...).

The code -> English tables live in the Qt-free :mod:`hearing_helper.domain.labels` (context
``labels``), shared with the reports and exports; these functions translate them at call time, so
a language switch takes effect without re-importing anything.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from hearing_helper.domain.labels import (
    ACCESSIBILITY_LABELS,
    CONTEXT,
    DEVICE_LABELS,
    FIELD_LABELS,
    NOT_JOINED_REASON_LABELS,
    OTHER_FIELD,
    OUTCOME_LABELS,
    RECORD_STATUS_LABELS,
    ROLE_LABELS,
    STEP_LABELS,
    STEP_STATUS_LABELS,
    label,
)
from hearing_helper.domain.step_marks import MARK_LABELS, MARK_SYMBOLS, StepMark
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` as the ``translate(context, text)`` the core expects."""
    return QCoreApplication.translate(context, text)


def role_label(value: str | None) -> str:
    return label(ROLE_LABELS, value, translate)


def device_label(value: str | None) -> str:
    return label(DEVICE_LABELS, value, translate)


def accessibility_label(value: str | None) -> str:
    return label(ACCESSIBILITY_LABELS, value, translate)


def outcome_label(value: str | None) -> str:
    return label(OUTCOME_LABELS, value, translate)


def not_joined_reason_label(value: str | None) -> str:
    return label(NOT_JOINED_REASON_LABELS, value, translate)


def step_label(value: str | None) -> str:
    return label(STEP_LABELS, value, translate)


def step_status_label(value: str | None) -> str:
    return label(STEP_STATUS_LABELS, value, translate)


def step_mark_text(mark: StepMark) -> str:
    """The mark's symbol and word, e.g. "✖ Failed" (never colour alone)."""
    return f"{MARK_SYMBOLS[mark]} {translate(CONTEXT, MARK_LABELS[mark])}"


def record_status_label(value: str | None) -> str:
    return label(RECORD_STATUS_LABELS, value, translate)


def field_label(name: str) -> str:
    """The label of an intake/finish field named as in ``FieldError.field``."""
    return QCoreApplication.translate(CONTEXT, FIELD_LABELS.get(name) or OTHER_FIELD)


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


CHOOSE = QT_TRANSLATE_NOOP("labels", "\u2014 choose \u2014")


def choice_combo(choices: Iterable[tuple[str, str]]) -> QComboBox:
    """A combo box starting with "— choose —" (data "") followed by (label, code) choices."""
    combo = QComboBox()
    combo.addItem(QCoreApplication.translate(CONTEXT, CHOOSE), "")
    for text, code in choices:
        combo.addItem(text, code)
    return combo
