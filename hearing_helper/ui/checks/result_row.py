"""One check on the page: its name, a status badge (symbol + colour + word), what was found,
the figures, the remedy sentence to read out, and a "Check again" button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from hearing_helper.ui.checks.texts import (
    STATUS_LOOK,
    check_title,
    figures_text,
    finding_text,
    remedy_sentence,
    status_word,
)

REMEDY_STYLE = (
    "background: #fff8e1; border: 1px solid #ffb300; border-radius: 4px; padding: 6px;"
    " color: #3e2723;"
)


class CheckRow(QFrame):
    rerun_requested = Signal(str)

    def __init__(self, check_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check_id = check_id
        self.status = "waiting"
        self.code = ""
        self.remedy_code = ""
        self.metrics: dict[str, object] = {}
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"check_{check_id}")
        self.name_label = QLabel()
        font = self.name_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.name_label.setFont(font)
        self.badge = QLabel()
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setMinimumWidth(130)
        self.finding = QLabel()
        self.finding.setWordWrap(True)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.figures.setStyleSheet("color: #555;")
        self.remedy = QLabel()
        self.remedy.setWordWrap(True)
        self.remedy.setStyleSheet(REMEDY_STYLE)
        self.remedy.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rerun = QPushButton()
        self.rerun.clicked.connect(lambda: self.rerun_requested.emit(self.check_id))
        layout = QGridLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.badge, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.name_label, 0, 1)
        layout.addWidget(self.rerun, 0, 2, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.finding, 1, 1, 1, 2)
        layout.addWidget(self.figures, 2, 1, 1, 2)
        layout.addWidget(self.remedy, 3, 1, 1, 2)
        layout.setColumnStretch(1, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.name_label.setText(check_title(self.check_id))
        self._show()

    def set_running(self, detail: str = "") -> None:
        self.status, self.code, self.remedy_code, self.metrics = "running", "", "", {}
        self._show(detail)

    def set_waiting(self) -> None:
        self.status, self.code, self.remedy_code, self.metrics = "waiting", "", "", {}
        self._show()

    def set_result(
        self, status: str, code: str, remedy_code: str, metrics: dict[str, object]
    ) -> None:
        self.status, self.code, self.remedy_code, self.metrics = status, code, remedy_code, metrics
        self._show()

    def set_rerun_enabled(self, enabled: bool) -> None:
        self.rerun.setEnabled(enabled)

    def _show(self, detail: str = "") -> None:
        never_run = self.status == "waiting"
        self.rerun.setText(self.tr("Check") if never_run else self.tr("Check again"))
        self.rerun.setAccessibleName(
            (self.tr("Check: %1") if never_run else self.tr("Check again: %1")).replace(
                "%1", check_title(self.check_id)
            )
        )
        symbol, background, colour, _word = STATUS_LOOK.get(self.status, STATUS_LOOK["waiting"])
        word = status_word(self.status)
        self.badge.setText(f"{symbol}  {word}")
        self.badge.setStyleSheet(
            f"background: {background}; color: {colour}; border: 1px solid {colour};"
            " border-radius: 4px; padding: 4px 8px; font-weight: bold;"
        )
        self.finding.setText(finding_text(self.code, self.metrics) if self.code else detail)
        self.finding.setVisible(bool(self.code or detail))
        figures = figures_text(self.check_id, self.metrics, self.code) if self.metrics else ""
        self.figures.setText(figures)
        self.figures.setVisible(bool(figures))
        remedy = remedy_sentence(self.remedy_code) if self.status != "pass" else ""
        self.remedy.setText(self.tr("What to do: %1").replace("%1", remedy) if remedy else "")
        self.remedy.setVisible(bool(remedy))
        self.setAccessibleName(f"{check_title(self.check_id)}: {word}")
        self.setAccessibleDescription(" ".join(t for t in (self.finding.text(), remedy) if t))
