"""The satisfaction question the litigant answers on the litigant window: five large, labelled
choices, by mouse, touch, or the keys 1-5 (arrows and Enter also move and choose).

Side by side when the window is wide enough for every label at 18 pt or more; else one choice a
line ("5  非常满意"), so the panel never makes the window wider than its share of a 1366 x 768
screen (it had grown the window off the screen)."""

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
MIN_SIDE = 120  # side by side: each choice at least this tall
MIN_WIDTH = 48  # the guideline's 9 mm target, at 96 dpi and more; the labels decide the rest
LIST_MIN_HEIGHT = 56  # one choice a line: at least this tall (about 15 mm)
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
        layout.setContentsMargins(0, 0, 0, 0)
        self._grid = layout
        self._in_a_row = True
        self._point_size = point_size
        self._labels: dict[int, str] = {}  # each choice's label, broken into lines to fit
        self.buttons: dict[int, QPushButton] = {}
        for value in range(1, 6):
            button = QPushButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the panel takes the keys
            button.setMinimumSize(MIN_WIDTH, MIN_SIDE)
            # Equal widths, whatever the label: the text is fitted to the width (_fit_labels).
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            font = button.font()
            font.setPointSize(point_size)
            font.setBold(True)
            button.setFont(font)
            button.setStyleSheet(CHOICE_STYLE)
            button.clicked.connect(lambda _checked=False, v=value: self.choose(v))
            self.buttons[value] = button
        self._current = 0
        self._place(in_a_row=True)
        self.retranslate()

    def in_a_row(self) -> bool:
        """True: the five choices side by side; False: one a line."""
        return self._in_a_row

    def _place(self, *, in_a_row: bool) -> None:
        self._in_a_row = in_a_row
        for value, button in self.buttons.items():
            self._grid.removeWidget(button)
            row, column = (0, value - 1) if in_a_row else (value - 1, 0)
            self._grid.addWidget(button, row, column)
            button.setMinimumHeight(MIN_SIDE if in_a_row else LIST_MIN_HEIGHT)
        for index in range(len(self.buttons)):
            self._grid.setColumnStretch(index, 1 if in_a_row or index == 0 else 0)

    def retranslate(self) -> None:
        self._fit_labels()
        for value, button in self.buttons.items():
            separator = "\n" if self._in_a_row else "  "
            text = f"{value}{separator}{self._labels[value]}"
            if button.isChecked():
                text = CHOSEN_MARK + text
            button.setText(text)
            button.setAccessibleName(rating_choice_label(value))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.retranslate()

    def _fit_labels(self) -> None:
        """Every label seen whole: side by side, break it between words, then shrink the font,
        never below MIN_POINT_SIZE, until its widest line fits the narrowest choice; when even
        that does not fit, one choice a line, shrunk the same way."""
        spacing = self._grid.horizontalSpacing() * (len(self.buttons) - 1)
        border = 2 * (CHOICE_PADDING + CHOICE_BORDER_CHECKED)
        row_room = (self.width() - spacing) // len(self.buttons) - border
        fitted = self._fitting_labels(row_room, in_a_row=True)
        if fitted is None:
            fitted = self._fitting_labels(self.width() - border, in_a_row=False)
            in_a_row = False
        else:
            in_a_row = True
        if fitted is None:  # too narrow for anything: the smallest size, one a line
            fitted = self._labels_at(MIN_POINT_SIZE, self.width() - border, in_a_row=False)
            in_a_row = False
        if in_a_row != self._in_a_row:
            self._place(in_a_row=in_a_row)
        font, labels = fitted
        self._labels = labels
        for button in self.buttons.values():
            if button.font().pointSize() != font.pointSize():
                button.setFont(font)

    def _labels_at(self, size: int, room: int, *, in_a_row: bool) -> tuple[QFont, dict[int, str]]:
        font = QFont(self.buttons[1].font())
        font.setPointSize(size)
        metrics = QFontMetrics(font)
        labels = {
            value: _break_label(rating_choice_label(value), metrics, room)
            if in_a_row
            else rating_choice_label(value)
            for value in self.buttons
        }
        return font, labels

    def _fitting_labels(self, room: int, *, in_a_row: bool) -> tuple[QFont, dict[int, str]] | None:
        """The largest font (and line breaks) at which every label fits ``room``, or None."""
        for size in range(self._point_size, MIN_POINT_SIZE - 1, -1):
            font, labels = self._labels_at(size, room, in_a_row=in_a_row)
            metrics = QFontMetrics(font)
            if in_a_row:
                lines = [line for label in labels.values() for line in label.split("\n")]
                lines.append(f"{CHOSEN_MARK}{len(self.buttons)}")
            else:
                lines = [f"{CHOSEN_MARK}{value}  {label}" for value, label in labels.items()]
            if max(map(metrics.horizontalAdvance, lines)) <= room:
                return font, labels
        return None

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
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key in (Qt.Key.Key_Left, Qt.Key.Key_Up) else 1
            self._current = min(5, max(1, (self._current or 3) + step))
            for number, button in self.buttons.items():
                button.setDown(number == self._current)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._current:
            self.choose(self._current)
        else:
            super().keyPressEvent(event)
