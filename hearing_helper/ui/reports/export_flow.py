"""Export from the reports window: supervisor gate, options, file choice, progress and cancel."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.config import SettingsFileError
from hearing_helper.reports.export import (
    ExportCancelledError,
    ExportError,
    ExportPathError,
    ExportResult,
    check_out_path,
    export_log,
)
from hearing_helper.ui.background import Task
from hearing_helper.ui.pdf.summary import write_summary_pdf
from hearing_helper.ui.reports.supervisor import ui_actor
from hearing_helper.ui.reports.text import platform_names, tr_reports
from hearing_helper.ui.widgets.file_dialog import save_dialog, start_folder

log = logging.getLogger(__name__)

SUFFIXES = {"csv": "csv", "xlsx": "xlsx", "pdf": "pdf"}


class UnmaskDialog(QDialog):
    """Asks whether the export may contain full names and phone numbers (default: no)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export options"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "Names and phone numbers are masked in exports (王*明, 138****5678). Tick the box "
                "only if the court's statistics need them in full; this is recorded in the log."
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.unmask = QCheckBox(self.tr("Include full names and phone numbers"), self)
        layout.addWidget(self.unmask)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ExportController(QObject):
    """Runs one export at a time for the reports window."""

    export_finished = Signal(object)  # ExportResult
    export_failed = Signal(str)
    export_cancelled = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None

    # Overridable for tests: where to save, and whether to unmask.
    def choose_path(self, fmt: str, suggested: str) -> Path | None:
        settings = self.window.services.settings
        filters = {
            "csv": self.tr("CSV file (*.csv)"),
            "xlsx": self.tr("Excel workbook (*.xlsx)"),
            "pdf": self.tr("PDF document (*.pdf)"),
        }
        folder = start_folder(str(settings.get("export_folder") or ""))
        dialog = save_dialog(self.window, self.tr("Save export"), folder, suggested, filters[fmt])
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        path = Path(dialog.selectedFiles()[0])
        try:  # the next export starts here
            settings.set("export_folder", str(path.parent))
        except SettingsFileError:
            log.warning("Could not remember the export folder %s", path.parent)
        return path if path.suffix else path.with_suffix("." + SUFFIXES[fmt])

    def choose_unmask(self, fmt: str) -> bool | None:
        if fmt == "pdf":
            return False  # the summary has no personal data
        dialog = UnmaskDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.unmask.isChecked()

    def start(self, fmt: str) -> None:
        window = self.window
        if self.task is not None or window.report is None:
            return
        if not window.unlock(self.tr("export the assistance log")):
            return
        unmask = self.choose_unmask(fmt)
        if unmask is None:
            return
        filters = window.report.filters
        suggested = f"hearing-help-{filters.start_key}-{filters.date_to.isoformat()}.{fmt}"
        out = self.choose_path(fmt, suggested)
        if out is None:
            return
        try:
            # Before anything is written or audited; never onto the app's own files.
            out = check_out_path(out, kept_folder=window.services.data_dir)
        except ExportPathError as exc:
            QMessageBox.warning(window, self.tr("Export"), str(exc))
            return
        scope_box = window.scope
        scope = scope_box.current()
        actor = ui_actor(window.services)
        names = platform_names(window.services)

        def work(task: Task) -> ExportResult:
            return export_log(
                scope_box.store_for(scope),
                filters,
                fmt,
                out,
                actor=actor,
                unmask=unmask,
                translate=tr_reports,
                platform_names=names,
                progress=task.report_progress,
                is_cancelled=task.is_cancelled,
                kept_folder=window.services.data_dir,
                write_pdf=write_summary_pdf,
            )

        task = Task(work, cancel_error=ExportCancelledError, expected_errors=(ExportError,))
        self.task = task
        progress = QProgressDialog(self.tr("Exporting…"), self.tr("Cancel"), 0, 100, window)
        progress.setWindowTitle(self.tr("Export"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(task.cancel)
        self.progress = progress
        task.signals.progress.connect(self._progress)
        task.signals.finished.connect(self._done)
        task.signals.failed.connect(self._failed)
        task.signals.cancelled.connect(self._cancelled)
        for button in window.export_buttons.values():
            button.setEnabled(False)
        window.run_task(task)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setValue(int(done * 100 / total) if total else 0)
            self.progress.setLabelText(
                self.tr("Exporting… %1 of %2 rows")
                .replace("%1", f"{done:,}")
                .replace("%2", f"{total:,}")
            )

    def _end(self) -> None:
        self.task = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        for button in self.window.export_buttons.values():
            button.setEnabled(True)

    def _done(self, result: ExportResult) -> None:
        self._end()
        self.window.status.setText(
            self.tr("Exported %1 rows to %2.")
            .replace("%1", f"{result.row_count:,}")
            .replace("%2", str(result.path))
        )
        self.export_finished.emit(result)

    def _failed(self, message: str) -> None:
        self._end()
        self.window.status.setText(self.tr("The export failed: %1").replace("%1", message))
        QMessageBox.warning(self.window, self.tr("Export"), message)
        self.export_failed.emit(message)

    def _cancelled(self) -> None:
        self._end()
        self.window.status.setText(self.tr("The export was cancelled; no file was written."))
        self.export_cancelled.emit()
