"""The satisfaction question the litigant answers on the litigant window: five large, labelled
choices, by mouse, touch, or the keys 1-5 (arrows and Enter also move and choose)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from hearing_helper.ui.visits.texts import rating_choice_label

# Large targets (the ageing-friendly guideline asks for at least 9 mm; these are about 20 mm
# on a 96 dpi screen) and a chosen state that is not told by colour alone (a tick and a frame).
CHOICE_PADDING = 6
CHOICE_BORDER_CHECKED = 6
CHOICE_STYLE = (
    "QPushButton { color: #0b2a5b; background: #ffffff; border: 3px solid #c9d6ee;"
    f" border-radius: 14px; padding: {CHOICE_PADDING}px; }}"
    " QPushButton:checked { background: #ffe066;"
    f" border: {CHOICE_BORDER_CHECKED}px solid #ffffff; }}"
)
MIN_SIDE = 120
MIN_POINT_SIZE = 18  # the guideline's smallest body text
CHOSEN_MARK = "\u2714 "


def _break_label(label: str, metrics: QFontMetrics, room: int) -> str:
    """The label on one line when it fits, else one word a line (English labels are long)."""
    if metrics.horizontalAdvance(label) <= room:
        return label
    return "\n".join(label.split())


class RatingPanel(QWidget):
    """Emits ``rated(value)`` (1-5) once the litigant chooses."""

    rated = Signal(int)

    def __init__(self, point_size: int = 24, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        layout = QGridLayout(self)
        layout.setSpacing(8)
        self._point_size = point_size
        self._labels: dict[int, str] = {}  # each choice's label, broken into lines to fit
        self.buttons: dict[int, QPushButton] = {}
        for value in range(1, 6):
            button = QPushButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the panel takes the keys
            button.setMinimumSize(MIN_SIDE, MIN_SIDE)
            # Equal widths, whatever the label: the text is fitted to the width (_fit_labels).
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            layout.setColumnStretch(value - 1, 1)
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
        self._fit_labels()
        for value, button in self.buttons.items():
            text = f"{value}\n{self._labels[value]}"
            if button.isChecked():
                text = CHOSEN_MARK + text
            button.setText(text)
            button.setAccessibleName(rating_choice_label(value))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.retranslate()

    def _fit_labels(self) -> None:
        """Every label seen whole: break it between words, then shrink the font, never below
        MIN_POINT_SIZE, until its widest line fits the narrowest choice."""
        room = min(button.width() for button in self.buttons.values())
        room -= 2 * (CHOICE_PADDING + CHOICE_BORDER_CHECKED)
        font = QFont(self.buttons[1].font())
        for size in range(self._point_size, MIN_POINT_SIZE - 1, -1):
            font.setPointSize(size)
            metrics = QFontMetrics(font)
            labels = {
                value: _break_label(rating_choice_label(value), metrics, room)
                for value in self.buttons
            }
            lines = [line for label in labels.values() for line in label.split("\n")]
            lines.append(f"{CHOSEN_MARK}{len(self.buttons)}")
            if max(map(metrics.horizontalAdvance, lines)) <= room:
                break
        self._labels = labels
        for button in self.buttons.values():
            if button.font().pointSize() != font.pointSize():
                button.setFont(font)

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
