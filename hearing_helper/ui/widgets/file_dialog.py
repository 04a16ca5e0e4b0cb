"""The save dialog for exports: opens in a remembered folder (else Documents, else home) and,
where Qt draws the dialog itself (Linux desks), shows dates as 2026-12-07 14:30.

Why: Qt's own dialog formats "Date Modified" with the system locale, which on a desk without a
Chinese locale (LANG=C) reads "7 12 2026"; and without a folder it opened wherever the program
was started."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

DATE_COLUMN = 3  # QFileSystemModel: name, size, type, date modified
ISO_MINUTES = "yyyy-MM-dd HH:mm"


class IsoDateProxy(QIdentityProxyModel):
    """Shows the file list's modification dates in ISO form."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        model = self.sourceModel()
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.column() == DATE_COLUMN
            and isinstance(model, QFileSystemModel)
        ):
            return model.lastModified(self.mapToSource(index)).toString(ISO_MINUTES)
        return super().data(index, role)


def start_folder(remembered: str) -> Path:
    """The remembered folder if it still exists, else Documents, else the home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for candidate in (remembered, documents):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path.home()


def save_dialog(
    parent: QWidget | None, title: str, folder: Path, name: str, name_filter: str
) -> QFileDialog:
    """A save dialog (not yet shown) in ``folder`` proposing ``name``."""
    dialog = QFileDialog(parent, title, str(folder / name), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(Path(name).suffix.lstrip("."))
    if sys.platform not in ("win32", "darwin"):  # the native dialogs format dates themselves
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setProxyModel(IsoDateProxy(dialog))
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.selectFile(name)
    return dialog
