"""The litigant's phone checklist: per item Pass / Fail / Not applicable, remedy shown on fail."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QWidget,
)

from hearing_helper.checks.phone_checklist import PHONE_ITEMS, Answer
from hearing_helper.ui.checks.result_row import REMEDY_STYLE
from hearing_helper.ui.widgets.focus_only import scroll_into_view

_ANSWER_ORDER = (Answer.PASS, Answer.FAIL, Answer.NOT_APPLICABLE)
_KEY_ANSWERS = {
    Qt.Key.Key_Y: Answer.PASS,
    Qt.Key.Key_N: Answer.FAIL,
    Qt.Key.Key_Question: Answer.NOT_APPLICABLE,
    Qt.Key.Key_Slash: Answer.NOT_APPLICABLE,  # "?" without Shift
}


def _checks_tr(text: str) -> str:
    return QCoreApplication.translate("checks", text)


class PhoneChecklist(QGroupBox):
    answers_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._groups: dict[str, QButtonGroup] = {}
        self._buttons: dict[tuple[str, Answer], QRadioButton] = {}
        self._questions: dict[str, QLabel] = {}
        self._remedies: dict[str, QLabel] = {}
        layout = QGridLayout(self)
        layout.setColumnStretch(0, 1)
        row = 0
        for item in PHONE_ITEMS:
            question = QLabel()
            question.setWordWrap(True)
            self._questions[item.id] = question
            layout.addWidget(question, row, 0)
            group = QButtonGroup(self)
            group.setExclusive(True)
            for column, answer in enumerate(_ANSWER_ORDER, start=1):
                button = QRadioButton()
                button.setObjectName(f"phone_{item.id}_{answer.value}")
                group.addButton(button)
                self._buttons[(item.id, answer)] = button
                layout.addWidget(button, row, column)
                button.toggled.connect(self._on_toggled)
            self._groups[item.id] = group
            remedy = QLabel()
            remedy.setWordWrap(True)
            remedy.setStyleSheet(REMEDY_STYLE)
            remedy.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            remedy.hide()
            self._remedies[item.id] = remedy
            layout.addWidget(remedy, row + 1, 0, 1, 4)
            row += 2
        self.retranslate()

    def retranslate(self) -> None:
        # Alt+P: to the first item not answered yet (the group's own mnemonic, see event()).
        self.setTitle(self.tr("The litigant's own &phone (ask and tick each item)"))
        words = {
            Answer.PASS: self.tr("Yes"),
            Answer.FAIL: self.tr("No"),
            Answer.NOT_APPLICABLE: self.tr("Not needed"),
        }
        for item in PHONE_ITEMS:
            question = _checks_tr(item.question)
            self._questions[item.id].setText(question)
            for answer in _ANSWER_ORDER:
                button = self._buttons[(item.id, answer)]
                button.setText(words[answer])
                button.setAccessibleName(f"{question}: {words[answer]}")
            self._remedies[item.id].setText(
                self.tr("Read out: %1").replace("%1", _checks_tr(item.remedy))
            )

    def answers(self) -> dict[str, Answer]:
        chosen: dict[str, Answer] = {}
        for (item_id, answer), button in self._buttons.items():
            if button.isChecked():
                chosen[item_id] = answer
        return chosen

    def set_answers(self, answers: dict[str, Answer]) -> None:
        for item in PHONE_ITEMS:
            group = self._groups[item.id]
            group.setExclusive(False)
            for answer in _ANSWER_ORDER:
                button = self._buttons[(item.id, answer)]
                button.blockSignals(True)
                button.setChecked(answers.get(item.id) is answer)
                button.blockSignals(False)
            group.setExclusive(True)
        self._show_remedies()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Y / N / ? answer the item whose buttons have focus, then move to the next item."""
        answer = _KEY_ANSWERS.get(Qt.Key(event.key()))
        focused = next((key for key, button in self._buttons.items() if button.hasFocus()), None)
        if answer is None or focused is None:
            super().keyPressEvent(event)
            return
        item_id = focused[0]
        self.choose(item_id, answer)
        ids = [item.id for item in PHONE_ITEMS]
        following = ids[ids.index(item_id) + 1 :]
        if following:
            self.focus_item(following[0])
        else:
            scroll_into_view(self._remedies[item_id])  # a "No" shows what to read out

    def focus_item(self, item_id: str) -> None:
        """Put the keyboard on ``item_id`` (its answer, else Yes) and scroll it into sight."""
        chosen = self._groups[item_id].checkedButton()
        target = chosen or self._buttons[(item_id, Answer.PASS)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        # The question, its answers and the item after it, so the clerk sees what comes next.
        scroll_into_view(self._questions[item_id], target)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:  # the title's Alt+letter: choose nothing
            answered = self.answers()
            ids = [item.id for item in PHONE_ITEMS]
            self.focus_item(next((i for i in ids if i not in answered), ids[0]))
            return True
        return super().event(event)

    def choose(self, item_id: str, answer: Answer) -> None:
        self._buttons[(item_id, answer)].setChecked(True)

    def _on_toggled(self, checked: bool) -> None:
        if checked:
            self._show_remedies()
            self.answers_changed.emit()

    def _show_remedies(self) -> None:
        chosen = self.answers()
        for item in PHONE_ITEMS:
            self._remedies[item.id].setVisible(chosen.get(item.id) is Answer.FAIL)
