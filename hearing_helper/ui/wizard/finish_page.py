"""Step 5, Finish: outcome, satisfaction, notes; start, end and duration are automatic."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.domain.enums import NotJoinedReason, Outcome, StepId
from hearing_helper.domain.local_time import local_text
from hearing_helper.domain.record import AssistRecord, now_local
from hearing_helper.domain.validation import FieldError, check_text_length
from hearing_helper.domain.visit import RatingSource, VisitKind
from hearing_helper.services import AppServices
from hearing_helper.ui.labels import (
    choice_combo,
    format_duration,
    not_joined_reason_label,
    outcome_label,
    step_label,
)
from hearing_helper.ui.visits.cause_combo import cause_combo
from hearing_helper.ui.visits.preparation_panel import PreparationPanel
from hearing_helper.ui.visits.rules_cache import join_rules_for
from hearing_helper.ui.wizard.base import LitigantContent, StepPage
from hearing_helper.ui.wizard.field_row import FieldRow
from hearing_helper.ui.wizard.finish_rules import drop_other_kinds_outcome, propose_outcome
from hearing_helper.ui.wizard.rating_prompt import RATING_ANSWER
from hearing_helper.ui.wizard.satisfaction_scale import SatisfactionScale
from hearing_helper.visits.causes import cause

log = logging.getLogger(__name__)
NOTES_MAX = 2000
SECONDS = "%Y-%m-%d %H:%M:%S"
OUTCOME_ORDER = (
    Outcome.JOINED,
    Outcome.JOINED_AFTER_HELP,
    Outcome.NOT_JOINED,
    Outcome.RESCHEDULED,
    Outcome.LEFT,
)


class FinishPage(StepPage):
    step_id = StepId.FINISH

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._loading = False
        self._rows: dict[str, FieldRow] = {}
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._show_times)
        self._build()

    def _build(self) -> None:
        form = QFormLayout()
        self._group_boxes: dict[QWidget, tuple[str, QWidget]] = {}

        outcomes = QWidget()
        outcomes_layout = QVBoxLayout(outcomes)
        outcomes_layout.setContentsMargins(0, 0, 0, 0)
        self.outcome_group = QButtonGroup(self)
        self.outcome_buttons: dict[Outcome, QRadioButton] = {}
        for outcome in OUTCOME_ORDER:
            # No digit mnemonics here: Alt+1..5 already jump between wizard steps. The
            # "Outcome" label's mnemonic focuses the group; arrow keys choose within it.
            radio = QRadioButton(outcome_label(outcome))
            radio.setAccessibleName(outcome_label(outcome))
            self.outcome_group.addButton(radio)
            self.outcome_buttons[outcome] = radio
            outcomes_layout.addWidget(radio)
        self._add_row(form, "outcome", self.tr("O&utcome:"), outcomes)

        self.reason = choice_combo((not_joined_reason_label(r), str(r)) for r in NotJoinedReason)
        self._add_row(form, "outcome_reason", self.tr("&Why not joined:"), self.reason)
        self.cause = cause_combo()
        self._add_row(form, "failure_cause", self.tr("&Cause:"), self.cause)

        # A preparation visit ends with its own outcome and the way to join instead.
        self.preparation = PreparationPanel(join_rules_for(self.services))
        self.preparation.changed.connect(self._changed)
        form.addRow(self.preparation)
        self._rows.update(self.preparation.rows)
        self._form = form

        self.satisfaction = SatisfactionScale()
        # Its parts, as the page's own (the wizard, the litigant window's rating, tests).
        self.satisfaction_group = self.satisfaction.group
        self.satisfaction_buttons = self.satisfaction.buttons
        self.not_asked = self.satisfaction.not_asked
        self.rating_source_label = self.satisfaction.source_label
        self._add_row(form, "satisfaction", self.tr("S&atisfaction:"), self.satisfaction)

        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self._add_row(form, "notes", self.tr("N&otes:"), self.notes)

        self.started_label = QLabel()
        self.ended_label = QLabel()
        self.duration_label = QLabel()
        for label in (self.started_label, self.ended_label, self.duration_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Started:"), self.started_label)
        form.addRow(self.tr("Ended:"), self.ended_label)
        form.addRow(self.tr("Duration:"), self.duration_label)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

        self.outcome_group.buttonToggled.connect(self._update_focus_proxies)
        self.satisfaction_group.idToggled.connect(self._update_focus_proxies)
        self.outcome_group.buttonToggled.connect(self._on_outcome)
        self.reason.currentIndexChanged.connect(self._on_reason)
        self.cause.currentIndexChanged.connect(self._on_cause)
        self.satisfaction_group.idToggled.connect(self._on_satisfaction)
        self.notes.textChanged.connect(self._on_notes)

    # A litigant's numeric keypad: its 1-5 keys (KeypadModifier; the clerk's digit row has
    # none) answer while this page shows, watched application-wide before a text field takes
    # the digit; only while it shows, as a Python app filter costs every event of the app.
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().hideEvent(event)

    def _update_focus_proxies(self, *_args: object) -> None:
        """Alt+U / Alt+A go to the chosen outcome / rating (or the first), choosing nothing."""
        for box, (name, first) in self._group_boxes.items():
            group = self.outcome_group if name == "outcome" else self.satisfaction_group
            box.setFocusProxy(group.checkedButton() or first)

    def _add_row(self, form: QFormLayout, name: str, label: str, editor: QWidget) -> None:
        row = FieldRow(editor)
        caption = QLabel(label)
        if name in ("outcome", "satisfaction"):
            # A label whose buddy is a button *clicks* it on Alt+letter: reaching the
            # satisfaction row would already choose 1 (very dissatisfied). The buddy is the
            # group instead, whose focus goes to the chosen button (or the first) unchosen.
            first = (
                self.outcome_buttons[OUTCOME_ORDER[0]]
                if name == "outcome"
                else self.satisfaction_buttons[1]
            )
            # ClickFocus: the label can focus it, Tab still stops only on the buttons.
            editor.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            editor.setFocusProxy(first)
            self._group_boxes[editor] = (name, first)
        caption.setBuddy(editor)
        editor.setAccessibleName(label.replace("&", "").rstrip(":："))
        form.addRow(caption, row)
        self._rows[name] = row
        row.editor = editor  # for outcome and satisfaction: the group, focusing its button

    def initial_focus(self) -> QWidget | None:
        if self._preparing():
            return self.preparation.focus_target()
        chosen = self.outcome_group.checkedButton()
        return chosen or self.outcome_buttons[OUTCOME_ORDER[0]]

    def _preparing(self) -> bool:
        return self.record is not None and self.record.kind is VisitKind.PREPARATION

    def title(self) -> str:
        return step_label(StepId.FINISH)

    # --- record <-> widgets ------------------------------------------------------------------

    def load(self, record: AssistRecord) -> None:
        super().load(record)
        drop_other_kinds_outcome(record)
        propose_outcome(record)
        self._loading = True
        try:
            self.outcome_group.setExclusive(False)
            for outcome, radio in self.outcome_buttons.items():
                radio.setChecked(record.outcome == outcome)
            self.outcome_group.setExclusive(True)
            self.reason.setCurrentIndex(
                max(0, self.reason.findData(str(record.outcome_reason or "")))
            )
            self.cause.setCurrentIndex(max(0, self.cause.findData(record.failure_cause)))
            self.satisfaction.show_choice(record.satisfaction)
            if self.notes.toPlainText() != record.notes:
                self.notes.setPlainText(record.notes)
        finally:
            self._loading = False
        preparing = record.kind is VisitKind.PREPARATION
        for name in ("outcome", "outcome_reason", "failure_cause"):
            self._form.setRowVisible(self._rows[name], not preparing)
        # Hidden is not enough: a hidden radio that keeps the keyboard can still be chosen.
        for radio in self.outcome_buttons.values():
            radio.setEnabled(not preparing)
        self._form.setRowVisible(self.preparation, preparing)
        self.preparation.setEnabled(preparing)
        if preparing:
            self.preparation.load(record)
        self._show_rating_source()
        self._update_focus_proxies()
        self._sync_reason_enabled()
        self._validate()
        self._show_times()
        if not record.is_finished:
            self._clock.start()

    def leave(self) -> None:
        self._clock.stop()

    def _on_outcome(self) -> None:
        if self.record is None or self._loading:
            return
        chosen = self.selected_outcome()
        self.record.outcome = chosen
        if chosen is not Outcome.NOT_JOINED:
            self.record.outcome_reason = None
            self.record.failure_cause = ""
        self._sync_reason_enabled()
        self._changed()

    def _on_reason(self) -> None:
        if self.record is None or self._loading:
            return
        data = self.reason.currentData()
        self.record.outcome_reason = NotJoinedReason(data) if data else None
        self._changed()

    def _on_cause(self) -> None:
        if self.record is None or self._loading:
            return
        code = self.cause.currentData() or ""
        self.record.failure_cause = code
        implied = cause(code)
        if implied is not None and self.record.outcome_reason is None:
            self.reason.setCurrentIndex(max(0, self.reason.findData(str(implied.reason))))
        self._changed()

    def _on_satisfaction(self, value: int, checked: bool) -> None:
        if self.record is None or self._loading or not checked:
            return
        # The clerk typed it in (what the litigant said), or marked it not asked.
        self.record.satisfaction = value or None
        self.record.rating_source = RatingSource.STAFF if value else RatingSource.NOT_ASKED
        answer = self.record.step(StepId.FINISH).data
        if value:
            answer.pop(RATING_ANSWER, None)
        else:
            answer[RATING_ANSWER] = str(RatingSource.NOT_ASKED)  # said so: Finish does not ask
        self._show_rating_source()
        self._changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() & Qt.KeyboardModifier.KeypadModifier
            and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_5
            and self.isVisible()
            and self.record is not None
            and not self.record.is_finished
        ):
            self._keypad_rating(event.key() - Qt.Key.Key_0)
            return True
        return super().eventFilter(watched, event)

    def _keypad_rating(self, value: int) -> None:
        if self.record is not None and self.record.rating_given_by is not RatingSource.STAFF:
            self.set_litigant_rating(value)
            self.litigant_content_changed.emit()

    def set_litigant_rating(self, value: int) -> None:
        """The litigant chose ``value`` on the litigant window: recorded as theirs."""
        if self.record is None or self.record.is_finished:
            return
        self.record.satisfaction = value
        self.record.rating_source = RatingSource.LITIGANT
        self._loading = True
        try:
            self.satisfaction_buttons[value].setChecked(True)
        finally:
            self._loading = False
        self._show_rating_source()
        self._changed()

    def _show_rating_source(self) -> None:
        self.satisfaction.show_source(self.record)

    def _on_notes(self) -> None:
        if self.record is None or self._loading:
            return
        self.record.notes = self.notes.toPlainText()
        self._changed()

    def _changed(self) -> None:
        self._validate()
        self.changed.emit()
        self.litigant_content_changed.emit()

    def selected_outcome(self) -> Outcome | None:
        for outcome, radio in self.outcome_buttons.items():
            if radio.isChecked():
                return outcome
        return None

    def _sync_reason_enabled(self) -> None:
        enabled = self.selected_outcome() is Outcome.NOT_JOINED
        self.reason.setEnabled(enabled)
        self.cause.setEnabled(enabled)
        if not enabled and not self._loading:
            self.reason.setCurrentIndex(0)
            self.cause.setCurrentIndex(0)

    def _show_times(self) -> None:
        if self.record is None:
            return
        record = self.record
        end = record.ended_at or now_local()
        self.started_label.setText(local_text(record.started_at, SECONDS))
        if record.ended_at is None:
            self.ended_label.setText(
                self.tr("%1 (set when you press Finish)").replace("%1", local_text(end, "%H:%M:%S"))
            )
        else:
            self.ended_label.setText(local_text(end, SECONDS))
        seconds = max(0, int((end - record.started_at).total_seconds()))
        self.duration_label.setText(format_duration(seconds))

    # --- validation --------------------------------------------------------------------------

    def problems(self) -> list[FieldError]:
        if self.record is None:
            return []
        found = self.record.finish_problems()
        try:
            check_text_length(self.record.notes, "notes", NOTES_MAX)
        except FieldError as exc:
            found.append(exc)
        return found

    def _validate(self, *, show_required: bool = False) -> None:
        by_field = {p.field: p for p in self.problems()}
        for name, row in self._rows.items():
            problem = by_field.get(name)
            if problem is not None and problem.code == "required" and not show_required:
                problem = None  # not an error before the clerk tries to finish
            row.set_error(problem)

    def show_errors(self, problems: list[FieldError]) -> None:
        self._validate(show_required=True)
        for problem in problems:
            row = self._rows.get(problem.field)
            if row is not None:
                row.set_error(problem)

    def focus_field(self, name: str) -> None:
        row = self._rows.get(name)
        if row is not None:
            row.editor.setFocus()

    def error_text(self, name: str) -> str:
        return self._rows[name].error_text()

    def is_complete(self) -> bool:
        return not self.problems()

    def flush(self) -> None:
        if self.record is not None and not self._loading:
            self.record.notes = self.notes.toPlainText()

    def litigant_content(self) -> LitigantContent:
        record = self.record
        chosen = record.satisfaction if record is not None else None
        lines = [self.tr("How satisfied are you with our help?")]
        lines.append(
            self.tr("Thank you for your answer.")
            if chosen
            else self.tr("Please press one of the five answers below.")
        )
        return LitigantContent(
            title=self.tr("Thank you"), lines=lines, ask_rating=True, rating=chosen
        )
