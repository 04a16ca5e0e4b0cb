"""Translated labels of visit codes (the Qt-free tables of :mod:`hearing_helper.visits.labels`,
context "visits"), translated at call time so a language switch applies at once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hearing_helper.domain.returning import EarlierVisit
from hearing_helper.domain.visit import VisitKind
from hearing_helper.ui.labels import outcome_label, translate
from hearing_helper.visits import labels as visit_labels
from hearing_helper.visits.causes import Cause


def tr(text: str) -> str:
    return QCoreApplication.translate("visits", text)


def kind_label(code: str | None) -> str:
    return visit_labels.label(visit_labels.VISIT_KIND_LABELS, code, translate)


def preparation_outcome_label(code: str | None) -> str:
    return visit_labels.label(visit_labels.PREPARATION_OUTCOME_LABELS, code, translate)


def join_mode_label(code: str | None) -> str:
    return visit_labels.label(visit_labels.JOIN_MODE_LABELS, code, translate)


def follow_up_result_label(code: str | None) -> str:
    return visit_labels.label(visit_labels.FOLLOW_UP_RESULT_LABELS, code, translate)


def follow_up_source_label(code: str | None) -> str:
    return visit_labels.label(visit_labels.FOLLOW_UP_SOURCE_LABELS, code, translate)


def follow_up_state_label(code: str | None) -> str:
    return visit_labels.label(visit_labels.FOLLOW_UP_STATE_LABELS, code, translate)


def another_visit_reason_label(code: str | None) -> str:
    return visit_labels.label(visit_labels.ANOTHER_VISIT_REASON_LABELS, code, translate)


def in_person_reason_label(code: str | None) -> str:
    return visit_labels.label(visit_labels.IN_PERSON_REASON_LABELS, code, translate)


def rating_source_label(code: str | None) -> str:
    return visit_labels.label(visit_labels.RATING_SOURCE_LABELS, code, translate)


def rating_choice_label(value: int) -> str:
    return tr(visit_labels.RATING_CHOICES[value - 1])


def reason_sentence(code: str) -> str:
    return visit_labels.reason_text(code, translate)


def cause_label(cause: Cause) -> str:
    return QCoreApplication.translate(cause.context, cause.text).rstrip("。.")


def visit_outcome_label(visit: EarlierVisit) -> str:
    if visit.kind is VisitKind.PREPARATION:
        return preparation_outcome_label(visit.outcome)
    return outcome_label(visit.outcome)


def preparation_text(prep_outcome: str | None) -> str:
    """A preparation visit's outcome where a hearing-day outcome would go (history)."""
    if not prep_outcome:
        return ""
    text = QCoreApplication.translate("visits", "Preparation: %1")
    return text.replace("%1", preparation_outcome_label(prep_outcome))
