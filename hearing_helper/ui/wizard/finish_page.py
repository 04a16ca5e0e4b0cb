"""Step 5, Finish: outcome, satisfaction, notes; start, end and duration are automatic."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.domain.enums import NotJoinedReason, Outcome, StepId
from hearing_helper.domain.record import AssistRecord, now_local
from hearing_helper.domain.validation import FieldError, check_text_length
from hearing_helper.services import AppServices
from hearing_helper.ui.labels import (
    choice_combo,
    format_duration,
    not_joined_reason_label,
    outcome_label,
    step_label,
)
from hearing_helper.ui.wizard.base import LitigantContent, StepPage
from hearing_helper.ui.wizard.field_row import FieldRow

NOTES_MAX = 2000
# The chosen score must be obvious at a glance, also to the litigant looking at the screen.
SATISFACTION_STYLE = (
    "QPushButton { border: 2px solid #7a8699; border-radius: 6px; background: #ffffff; }"
    " QPushButton:checked { background: #1f5fbf; color: #ffffff; border-color: #123f80; }"
    " QPushButton:focus { border: 3px solid #ffb000; }"
)
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

        scale = QWidget()
        scale_layout = QHBoxLayout(scale)
        scale_layout.setContentsMargins(0, 0, 0, 0)
        self.satisfaction_group = QButtonGroup(self)
        self.satisfaction_buttons: dict[int, QPushButton] = {}
        side = self.fontMetrics().height() * 3
        for value in range(1, 6):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setFixedSize(side, side)
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            button.setFont(font)
            button.setAccessibleName(self.tr("Satisfaction %1 of 5").replace("%1", str(value)))
            button.setStyleSheet(SATISFACTION_STYLE)
            self.satisfaction_group.addButton(button, value)
            self.satisfaction_buttons[value] = button
            scale_layout.addWidget(button)
        self.not_asked = QPushButton(self.tr("Not asked"))
        self.not_asked.setCheckable(True)
        self.not_asked.setFixedHeight(side)
        self.not_asked.setStyleSheet(
            SATISFACTION_STYLE.replace("{ border", "{ padding: 0 12px; border", 1)
        )
        self.satisfaction_group.addButton(self.not_asked, 0)
        scale_layout.addWidget(self.not_asked)
        scale_layout.addStretch(1)
        hint = QLabel(self.tr("1 = very dissatisfied \u2026 5 = very satisfied"))
        satisfaction_box = QWidget()
        satisfaction_layout = QVBoxLayout(satisfaction_box)
        satisfaction_layout.setContentsMargins(0, 0, 0, 0)
        satisfaction_layout.addWidget(scale)
        satisfaction_layout.addWidget(hint)
        self._add_row(form, "satisfaction", self.tr("S&atisfaction:"), satisfaction_box)

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
        self.satisfaction_group.idToggled.connect(self._on_satisfaction)
        self.notes.textChanged.connect(self._on_notes)

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
        chosen = self.outcome_group.checkedButton()
        return chosen or self.outcome_buttons[OUTCOME_ORDER[0]]

    def title(self) -> str:
        return step_label(StepId.FINISH)

    # --- record <-> widgets ------------------------------------------------------------------

    def load(self, record: AssistRecord) -> None:
        super().load(record)
        self._loading = True
        try:
            self.outcome_group.setExclusive(False)
            for outcome, radio in self.outcome_buttons.items():
                radio.setChecked(record.outcome == outcome)
            self.outcome_group.setExclusive(True)
            self.reason.setCurrentIndex(
                max(0, self.reason.findData(str(record.outcome_reason or "")))
            )
            self.satisfaction_group.setExclusive(False)
            for value, button in self.satisfaction_buttons.items():
                button.setChecked(record.satisfaction == value)
            self.not_asked.setChecked(False)
            self.satisfaction_group.setExclusive(True)
            if self.notes.toPlainText() != record.notes:
                self.notes.setPlainText(record.notes)
        finally:
            self._loading = False
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
        self._sync_reason_enabled()
        self._changed()

    def _on_reason(self) -> None:
        if self.record is None or self._loading:
            return
        data = self.reason.currentData()
        self.record.outcome_reason = NotJoinedReason(data) if data else None
        self._changed()

    def _on_satisfaction(self, value: int, checked: bool) -> None:
        if self.record is None or self._loading or not checked:
            return
        self.record.satisfaction = value or None
        self._changed()

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
        if not enabled and not self._loading:
            self.reason.setCurrentIndex(0)

    def _show_times(self) -> None:
        if self.record is None:
            return
        record = self.record
        end = record.ended_at or now_local()
        self.started_label.setText(record.started_at.strftime("%Y-%m-%d %H:%M:%S"))
        if record.ended_at is None:
            self.ended_label.setText(
                self.tr("%1 (set when you press Finish)").replace("%1", end.strftime("%H:%M:%S"))
            )
        else:
            self.ended_label.setText(end.strftime("%Y-%m-%d %H:%M:%S"))
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
        return LitigantContent(
            title=self.tr("Thank you"),
            lines=[
                self.tr("How satisfied are you with our help?"),
                self.tr("Please tell the clerk a number from 1 (not at all) to 5 (very)."),
            ],
        )
