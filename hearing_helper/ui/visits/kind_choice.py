"""Intake's choice of the kind of visit: hearing day (the hearing is now) or preparation (the
hearing is later; the visit ends with how the litigant will join)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QRadioButton, QWidget

from hearing_helper.domain.visit import VisitKind
from hearing_helper.ui.visits.texts import kind_label


class VisitKindChoice(QWidget):
    chosen = Signal(object)  # VisitKind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[VisitKind, QRadioButton] = {}
        for kind in (VisitKind.HEARING_DAY, VisitKind.PREPARATION):
            button = QRadioButton(kind_label(kind))
            button.setAccessibleName(kind_label(kind))
            self.group.addButton(button)
            self.buttons[kind] = button
            layout.addWidget(button)
            button.toggled.connect(lambda on, k=kind: self._toggled(k, on))
        layout.addStretch(1)
        self.buttons[VisitKind.HEARING_DAY].setChecked(True)
        # As a label's buddy (Alt+Y) it hands the keyboard to the chosen kind, choosing
        # nothing: a radio as buddy would be clicked. Tab still stops only on the radios.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setFocusProxy(self.buttons[VisitKind.HEARING_DAY])

    def _toggled(self, kind: VisitKind, on: bool) -> None:
        if on:
            self.setFocusProxy(self.buttons[kind])
            self.chosen.emit(kind)

    def set_kind(self, kind: VisitKind) -> None:
        self.buttons[kind].blockSignals(True)
        self.buttons[kind].setChecked(True)
        self.buttons[kind].blockSignals(False)
        self.setFocusProxy(self.buttons[kind])

    def kind(self) -> VisitKind:
        return next(k for k, b in self.buttons.items() if b.isChecked())


def visit_kind_filter() -> QComboBox:
    """History's filter by kind of visit: all, hearing day, preparation."""
    combo = QComboBox()
    combo.addItem(QCoreApplication.translate("VisitKindFilter", "All visits"), "")
    for kind in (VisitKind.HEARING_DAY, VisitKind.PREPARATION):
        combo.addItem(kind_label(kind), str(kind))
    combo.setAccessibleName(QCoreApplication.translate("VisitKindFilter", "Visit filter"))
    return combo
