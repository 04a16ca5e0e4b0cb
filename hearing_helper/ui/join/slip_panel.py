"""The join-slip row of the Join page: paper size, "Save as PDF…" and "Print…"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from hearing_helper.kept_files import KeptPathError, refuse_kept_path
from hearing_helper.ui.join.slip import SlipContent, print_slip, write_slip_pdf

_UNSAFE_IN_FILE_NAMES = '\\/:*?"<>|'


class SlipPanel(QWidget):
    """Writes or prints the slip that ``content`` builds at the moment of the click."""

    message = Signal(str, bool)  # text, is_error

    def __init__(
        self,
        content: Callable[[], SlipContent],
        case_number: Callable[[], str],
        parent: QWidget | None = None,
        problem: Callable[[], str] = lambda: "",
        kept_folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._kept_folder = kept_folder  # the data folder: never saved into (kept_files.py)
        self._content = content
        self._case_number = case_number
        self._problem = problem  # why no slip can be made now ("" when it can)
        self.paper = QComboBox()
        self.paper.addItem("A4", "A4")
        self.paper.addItem("A5", "A5")
        self.paper.setAccessibleName(self.tr("Paper size"))
        self.save_button = QPushButton(self.tr("&Save join slip (PDF)…"))
        self.save_button.clicked.connect(self.ask_save)
        self.print_button = QPushButton(self.tr("&Print join slip…"))
        self.print_button.clicked.connect(self.ask_print)
        caption = QLabel(self.tr("P&aper:"))
        caption.setBuddy(self.paper)
        # Two rows: narrow enough to share a 1366-pixel screen with the litigant window.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.save_button, 0, 0)
        layout.addWidget(self.print_button, 0, 1)
        paper_row = QHBoxLayout()
        paper_row.addWidget(caption)
        paper_row.addWidget(self.paper)
        paper_row.addStretch(1)
        layout.addLayout(paper_row, 1, 0, 1, 2)
        layout.setColumnStretch(2, 1)

    def page_size(self) -> str:
        return str(self.paper.currentData())

    def _refused(self) -> bool:
        """Say why there is no slip (e.g. an invalid link) instead of printing one without it."""
        problem = self._problem()
        if problem:
            self.message.emit(problem, True)
        return bool(problem)

    def save(self, path: Path) -> bool:
        if self._refused():
            return False
        if self._kept_folder is not None:
            try:
                refuse_kept_path(path, self._kept_folder)
            except KeptPathError:
                text = self.tr(
                    "The join slip was not saved: %1 is in the app's data folder or is one of "
                    "its files. Choose another folder."
                )
                self.message.emit(text.replace("%1", str(path)), True)
                return False
        ok = write_slip_pdf(path, self._content(), self.page_size())
        if ok:
            self.message.emit(self.tr("Join slip saved: %1").replace("%1", str(path)), False)
        else:
            text = self.tr("The join slip could not be saved to %1; choose another folder.")
            self.message.emit(text.replace("%1", str(path)), True)
        return ok

    def print_to(self, printer: QPrinter) -> bool:
        return print_slip(printer, self._content(), self.page_size())

    def ask_save(self) -> None:
        if self._refused():
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        case = "".join(ch for ch in self._case_number() if ch not in _UNSAFE_IN_FILE_NAMES)
        name = self.tr("join-slip") + (f"-{case}" if case else "") + ".pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save join slip"), str(Path(folder) / name), self.tr("PDF (*.pdf)")
        )
        if path:
            self.save(Path(path))

    def ask_print(self) -> None:
        if self._refused():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted and not self.print_to(printer):
            self.message.emit(self.tr("Printing failed; check the printer."), True)
