"""The end of a preparation visit on the Finish step: the recommended way to join with its
reasons, the way chosen (another one needs a reason; both are recorded), and the outcome:
ready, needs another visit (why, when) or will attend in person (why)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.visit import (
    AnotherVisitReason,
    InPersonReason,
    JoinMode,
    PreparationOutcome,
    PreparationResult,
)
from hearing_helper.ui.labels import choice_combo
from hearing_helper.ui.visits.texts import (
    another_visit_reason_label,
    in_person_reason_label,
    join_mode_label,
    preparation_outcome_label,
    reason_sentence,
)
from hearing_helper.ui.wizard.field_row import FieldRow
from hearing_helper.visits.join_rules import JoinRules
from hearing_helper.visits.recommend import VisitFacts, recommend


class PreparationPanel(QWidget):
    """Edits ``record.preparation`` and ``record.join`` in place; emits ``changed``."""

    changed = Signal()

    def __init__(self, rules: JoinRules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = rules
        self.record: AssistRecord | None = None
        self._loading = False
        self.rows: dict[str, FieldRow] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.form = form

        self.recommended_label = QLabel()
        self.recommended_label.setObjectName("recommendedMode")
        font = self.recommended_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.recommended_label.setFont(font)
        self.reasons_label = QLabel()
        self.reasons_label.setObjectName("recommendationReasons")
        self.reasons_label.setWordWrap(True)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(8, 4, 8, 4)
        box_layout.addWidget(self.recommended_label)
        box_layout.addWidget(self.reasons_label)
        box.setStyleSheet("background: #eef4ff; border-radius: 6px;")
        form.addRow(self.tr("Recommended:"), box)

        self.mode = choice_combo((join_mode_label(m), str(m)) for m in JoinMode)
        self._row("join_mode", self.tr("Wa&y to join:"), self.mode)
        self.override_reason = QLineEdit()
        self.override_reason.setMaxLength(500)
        self.override_reason.setPlaceholderText(self.tr("Why not the recommended way?"))
        self._row("override_reason", self.tr("&Why another way:"), self.override_reason)

        outcomes = QWidget()
        outcome_layout = QHBoxLayout(outcomes)
        outcome_layout.setContentsMargins(0, 0, 0, 0)
        self.outcome_group = QButtonGroup(self)
        self.outcome_buttons: dict[PreparationOutcome, QRadioButton] = {}
        for outcome in PreparationOutcome:
            radio = QRadioButton(preparation_outcome_label(outcome))
            radio.setAccessibleName(preparation_outcome_label(outcome))
            self.outcome_group.addButton(radio)
            self.outcome_buttons[outcome] = radio
            outcome_layout.addWidget(radio)
        outcome_layout.addStretch(1)
        row = self._row("preparation_outcome", self.tr("O&utcome:"), outcomes)
        row.editor = outcomes
        # Alt+U goes to the chosen outcome (or the first) and chooses nothing: a label whose
        # buddy is a radio would click it. ClickFocus: Tab still stops only on the radios.
        outcomes.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._outcomes_box = outcomes
        self._update_focus_proxy()
        self.outcome_group.buttonToggled.connect(self._update_focus_proxy)

        self.another_reason = choice_combo(
            (another_visit_reason_label(r), str(r)) for r in AnotherVisitReason
        )
        self._row("another_visit_reason", self.tr("Why co&me again:"), self.another_reason)
        self.next_visit = QDateEdit()
        self.next_visit.setCalendarPopup(True)
        self.next_visit.setDisplayFormat("yyyy-MM-dd")
        self._row("next_visit_on", self.tr("Ne&xt visit on:"), self.next_visit)
        self.in_person_reason = choice_combo(
            (in_person_reason_label(r), str(r)) for r in InPersonReason
        )
        self._row("in_person_reason", self.tr("Why in &person:"), self.in_person_reason)
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self._row("preparation_note", self.tr("&Remark:"), self.note)

        self.mode.currentIndexChanged.connect(self._on_mode)
        self.override_reason.textEdited.connect(self._on_override)
        self.outcome_group.buttonToggled.connect(self._on_outcome)
        self.another_reason.currentIndexChanged.connect(self._on_details)
        self.in_person_reason.currentIndexChanged.connect(self._on_details)
        self.next_visit.dateChanged.connect(self._on_details)
        self.note.textEdited.connect(self._on_details)

    def _row(self, name: str, label: str, editor: QWidget) -> FieldRow:
        row = FieldRow(editor)
        caption = QLabel(label)
        caption.setBuddy(editor)
        editor.setAccessibleName(label.replace("&", "").rstrip(":："))
        self.form.addRow(caption, row)
        self.rows[name] = row
        return row

    # --- record <-> widgets ---------------------------------------------------------------

    def load(self, record: AssistRecord) -> None:
        self.record = record
        if not record.is_finished:
            self._recommend(record)
        self._loading = True
        try:
            join = record.join
            self.mode.setCurrentIndex(max(0, self.mode.findData(str(join.chosen or ""))))
            self.override_reason.setText(join.override_reason)
            prep = record.preparation
            self.outcome_group.setExclusive(False)
            for outcome, radio in self.outcome_buttons.items():
                radio.setChecked(prep is not None and prep.outcome is outcome)
            self.outcome_group.setExclusive(True)
            self.another_reason.setCurrentIndex(
                max(0, self.another_reason.findData(str(prep.another_visit_reason or "")))
                if prep
                else 0
            )
            self.in_person_reason.setCurrentIndex(
                max(0, self.in_person_reason.findData(str(prep.in_person_reason or "")))
                if prep
                else 0
            )
            next_day = (prep.next_visit_on if prep else None) or (
                record.started_at.date() + timedelta(days=1)
            )
            self.next_visit.setDate(QDate(next_day.year, next_day.month, next_day.day))
            self.note.setText(prep.note if prep else "")
        finally:
            self._loading = False
        self._show_recommendation()
        self._sync_visibility()

    def _recommend(self, record: AssistRecord) -> None:
        """Recommend from what the visit found out so far; the clerk's choice is kept."""
        result = recommend(VisitFacts.from_record(record), self.rules)
        record.join.recommended = result.mode
        record.join.reasons = result.reason_codes
        if record.join.chosen is None:
            record.join.chosen = result.mode

    def _show_recommendation(self) -> None:
        join = self.record.join if self.record else None
        if join is None or join.recommended is None:
            self.recommended_label.setText("\u2014")
            self.reasons_label.clear()
            return
        self.recommended_label.setText("\u25b6 " + join_mode_label(join.recommended))
        self.reasons_label.setText("\n".join("\u2022 " + reason_sentence(c) for c in join.reasons))

    def _sync_visibility(self) -> None:
        record = self.record
        overridden = record is not None and record.join.overridden
        outcome = record.preparation.outcome if record and record.preparation else None
        visible = {
            "override_reason": overridden,
            "another_visit_reason": outcome is PreparationOutcome.ANOTHER_VISIT,
            "next_visit_on": outcome is PreparationOutcome.ANOTHER_VISIT,
            "in_person_reason": outcome is PreparationOutcome.IN_PERSON,
        }
        for name, shown in visible.items():
            self.form.setRowVisible(self.rows[name], shown)

    # --- edits -------------------------------------------------------------------------------

    def _on_mode(self) -> None:
        if self.record is None or self._loading:
            return
        data = self.mode.currentData()
        self.record.join.chosen = JoinMode(data) if data else None
        if not self.record.join.overridden:
            self.record.join.override_reason = ""
            self.override_reason.clear()
        if self.record.join.chosen is JoinMode.IN_PERSON:
            self.outcome_buttons[PreparationOutcome.IN_PERSON].setChecked(True)
        self._edited()

    def _on_override(self, text: str) -> None:
        if self.record is None or self._loading:
            return
        self.record.join.override_reason = text
        self._edited()

    def _on_outcome(self) -> None:
        if self.record is None or self._loading:
            return
        chosen = next((o for o, radio in self.outcome_buttons.items() if radio.isChecked()), None)
        if chosen is None:
            return
        self._write_preparation(chosen)
        self._edited()

    def _on_details(self) -> None:
        if self.record is None or self._loading or self.record.preparation is None:
            return
        self._write_preparation(self.record.preparation.outcome)
        self._edited()

    def _write_preparation(self, outcome: PreparationOutcome) -> None:
        assert self.record is not None
        another = self.another_reason.currentData()
        in_person = self.in_person_reason.currentData()
        day = self.next_visit.date()
        again = outcome is PreparationOutcome.ANOTHER_VISIT
        self.record.preparation = PreparationResult(
            outcome,
            another_visit_reason=AnotherVisitReason(another) if again and another else None,
            next_visit_on=date(day.year(), day.month(), day.day()) if again else None,
            in_person_reason=(
                InPersonReason(in_person)
                if outcome is PreparationOutcome.IN_PERSON and in_person
                else None
            ),
            note=self.note.text(),
        )

    def _edited(self) -> None:
        self._sync_visibility()
        self.changed.emit()

    def focus_target(self) -> QWidget:
        """The chosen outcome, else the first: where the clerk answers next."""
        return self.outcome_group.checkedButton() or self.outcome_buttons[PreparationOutcome.READY]

    def _update_focus_proxy(self, *_args: object) -> None:
        self._outcomes_box.setFocusProxy(self.focus_target())
