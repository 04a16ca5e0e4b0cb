"""The "Visit" part of the record detail: kind, preparation outcome, the recommended and chosen
way to join (with the override's reason), the hearing-day cause, the follow-up and the link to
an earlier visit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.visit import VisitKind
from hearing_helper.ui.visits.texts import (
    another_visit_reason_label,
    cause_label,
    follow_up_result_label,
    follow_up_source_label,
    in_person_reason_label,
    join_mode_label,
    kind_label,
    preparation_outcome_label,
    rating_source_label,
    reason_sentence,
)
from hearing_helper.visits.causes import cause


def _cause_text(code: str) -> str:
    found = cause(code)
    return cause_label(found) if found else code


def visit_rows(record: AssistRecord) -> list[tuple[str, str]]:
    rows = [(QCoreApplication.translate("VisitDetail", "Kind of visit"), kind_label(record.kind))]
    prep = record.preparation
    if record.kind is VisitKind.PREPARATION and prep is not None:
        detail = preparation_outcome_label(prep.outcome)
        why = another_visit_reason_label(prep.another_visit_reason) or in_person_reason_label(
            prep.in_person_reason
        )
        if why:
            detail += " \u2014 " + why
        if prep.next_visit_on:
            detail += " \u2014 " + QCoreApplication.translate(
                "VisitDetail", "next visit %1"
            ).replace("%1", prep.next_visit_on.isoformat())
        if prep.note:
            detail += "\n" + prep.note
        rows.append((QCoreApplication.translate("VisitDetail", "Preparation outcome"), detail))
    join = record.join
    if join.recommended is not None:
        reasons = "\n".join("\u2022 " + reason_sentence(code) for code in join.reasons)
        rows.append(
            (
                QCoreApplication.translate("VisitDetail", "Recommended way to join"),
                join_mode_label(join.recommended) + "\n" + reasons,
            )
        )
    if join.chosen is not None:
        chosen = join_mode_label(join.chosen)
        if join.overridden:
            chosen += " \u2014 " + QCoreApplication.translate(
                "VisitDetail", "instead of the recommendation: %1"
            ).replace("%1", join.override_reason)
        rows.append((QCoreApplication.translate("VisitDetail", "Way to join chosen"), chosen))
    if record.failure_cause:
        rows.append(
            (QCoreApplication.translate("VisitDetail", "Cause"), _cause_text(record.failure_cause))
        )
    follow = record.follow_up
    if follow is not None:
        text = follow_up_result_label(follow.result)
        if follow.cause:
            text += " \u2014 " + _cause_text(follow.cause)
        if follow.note:
            text += " \u2014 " + follow.note
        text += "\n" + QCoreApplication.translate(
            "VisitDetail", "%1, told by %2, recorded by %3"
        ).replace("%1", follow.recorded_at.astimezone().strftime("%Y-%m-%d %H:%M")).replace(
            "%2", follow_up_source_label(follow.source)
        ).replace("%3", follow.recorded_by)
        rows.append((QCoreApplication.translate("VisitDetail", "After the hearing"), text))
    if record.previous_record_id:
        rows.append(
            (QCoreApplication.translate("VisitDetail", "Earlier visit"), record.previous_record_id)
        )
    rows.append(
        (
            QCoreApplication.translate("VisitDetail", "Rating given by"),
            rating_source_label(record.rating_given_by),
        )
    )
    return rows
