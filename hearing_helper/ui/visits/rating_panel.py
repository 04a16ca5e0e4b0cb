"""The satisfaction question the litigant answers on the litigant window: five large, labelled
choices, by mouse, touch, or the keys 1-5 (arrows and Enter also move and choose)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from hearing_helper.ui.visits.texts import rating_choice_label

# Large targets (the ageing-friendly guideline asks for at least 9 mm; these are about 20 mm
# on a 96 dpi screen) and a chosen state that is not told by colour alone (a tick and a frame).
CHOICE_STYLE = (
    "QPushButton { color: #0b2a5b; background: #ffffff; border: 3px solid #c9d6ee;"
    " border-radius: 14px; padding: 10px; }"
    " QPushButton:checked { background: #ffe066; border: 6px solid #ffffff; }"
)
MIN_SIDE = 120


class RatingPanel(QWidget):
    """Emits ``rated(value)`` (1-5) once the litigant chooses."""

    rated = Signal(int)

    def __init__(self, point_size: int = 24, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        layout = QGridLayout(self)
        layout.setSpacing(12)
        self.buttons: dict[int, QPushButton] = {}
        for value in range(1, 6):
            button = QPushButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the panel takes the keys
            button.setMinimumSize(MIN_SIDE, MIN_SIDE)
            font = button.font()
            font.setPointSize(point_size)
            font.setBold(True)
            button.setFont(font)
            button.setStyleSheet(CHOICE_STYLE)
            button.clicked.connect(lambda _checked=False, v=value: self.choose(v))
            layout.addWidget(button, 0, value - 1)
            self.buttons[value] = button
        self._current = 0
        self.retranslate()

    def retranslate(self) -> None:
        for value, button in self.buttons.items():
            text = f"{value}\n{rating_choice_label(value)}"
            if button.isChecked():
                text = "\u2714 " + text
            button.setText(text)
            button.setAccessibleName(rating_choice_label(value))

    def show_choice(self, value: int | None) -> None:
        """Show ``value`` as chosen (None: nothing yet), without emitting ``rated``."""
        for number, button in self.buttons.items():
            button.setChecked(number == value)
        self._current = value or 0
        self.retranslate()

    def choose(self, value: int) -> None:
        self.show_choice(value)
        self.rated.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.choose(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            self._current = min(5, max(1, (self._current or 3) + step))
            for number, button in self.buttons.items():
                button.setDown(number == self._current)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._current:
            self.choose(self._current)
        else:
            super().keyPressEvent(event)
