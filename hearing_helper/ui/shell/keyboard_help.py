"""Help > Keyboard: every key the clerk can use, in one table (the README has the same map)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP
from hearing_helper.ui.widgets.fit import fit_to_screen

CONTEXT = "keyboard"

# (keys, what they do); keys are written as Qt shows them in menus. Key caps (Ctrl, Tab, Esc)
# stay as printed on the keyboard; words that describe keys are translated.
KEYBOARD_MAP: list[tuple[str, str]] = [
    ("Ctrl+N", QT_TRANSLATE_NOOP("keyboard", "New assistance")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("keyboard", "Show or hide the litigant screen")),
    ("Ctrl+R", QT_TRANSLATE_NOOP("keyboard", "Read the litigant screen aloud")),
    ("Ctrl+F11", QT_TRANSLATE_NOOP("keyboard", "Litigant screen full screen, and back")),
    ("Alt+1 \u2026 Alt+5", QT_TRANSLATE_NOOP("keyboard", "Go to step 1 to 5 of the assistance")),
    ("Ctrl+PgDown / Ctrl+PgUp", QT_TRANSLATE_NOOP("keyboard", "Next / previous step")),
    ("Ctrl+Return", QT_TRANSLATE_NOOP("keyboard", "Next step; on the last step, finish")),
    ("Ctrl+S", QT_TRANSLATE_NOOP("keyboard", "Save now (it also saves by itself)")),
    (
        QT_TRANSLATE_NOOP("keyboard", "Alt+underlined letter"),
        QT_TRANSLATE_NOOP("keyboard", "Press that button or go to that field"),
    ),
    ("F5", QT_TRANSLATE_NOOP("keyboard", "Device checks: run all checks")),
    ("F9", QT_TRANSLATE_NOOP("keyboard", "Send to the court's central database now")),
    ("Y / N / ?", QT_TRANSLATE_NOOP("keyboard", "Phone checklist: answer yes / no / not needed")),
    (
        QT_TRANSLATE_NOOP("keyboard", "Arrow keys"),
        QT_TRANSLATE_NOOP("keyboard", "Move between outcomes or ratings (chooses nothing)"),
    ),
    (
        QT_TRANSLATE_NOOP("keyboard", "Space"),
        QT_TRANSLATE_NOOP("keyboard", "Choose the satisfaction or option that has focus"),
    ),
    (
        QT_TRANSLATE_NOOP("keyboard", "Keypad 1-5"),
        QT_TRANSLATE_NOOP("keyboard", "Finish: the litigant's own rating, from a keypad they hold"),
    ),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("keyboard", "Next / previous field")),
    ("Enter", QT_TRANSLATE_NOOP("keyboard", "History: open the selected record")),
    ("Esc", QT_TRANSLATE_NOOP("keyboard", "Close the dialog or window")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("keyboard", "Quit (the open assistance stays saved)")),
    ("F1", QT_TRANSLATE_NOOP("keyboard", "This list")),
]


def keyboard_rows() -> list[tuple[str, str]]:
    return [
        (QCoreApplication.translate(CONTEXT, keys), QCoreApplication.translate(CONTEXT, text))
        for keys, text in KEYBOARD_MAP
    ]


class KeyboardDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard"))
        intro = QLabel(self.tr("Everything in Hearing Helper works with the keyboard alone."))
        intro.setWordWrap(True)
        rows = keyboard_rows()
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What it does")])
        for row, (keys, text) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(text))
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(True)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 600)
        buttons.button(QDialogButtonBox.StandardButton.Close).setFocus(
            Qt.FocusReason.OtherFocusReason
        )
