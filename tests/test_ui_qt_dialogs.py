"""Qt's own dialogs speak Chinese in the Chinese UI: the file dialog, message-box buttons and a
line edit's context menu have no English text left (Qt's qtbase_zh_CN plus our gap file)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from hearing_helper.ui.app import install_translators

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
KEYS = {"Ctrl", "Shift", "Alt", "Del", "Ins", "Backspace"}  # key names stay as on the keyboard


class Recorder(QTranslator):
    """Notes every (context, source) Qt asks to translate; translates nothing itself."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        self.asked.add((context, source))
        return ""


def test_qt_dialogs_have_no_english_left(qtbot: QtBot, qapp: QApplication) -> None:
    install_translators(qapp, "zh_CN")
    recorder = Recorder()
    qapp.installTranslator(recorder)
    try:
        dialog = QFileDialog(None, "保存")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("PDF (*.pdf)")
        qtbot.addWidget(dialog)
        dialog.show()
        buttons = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "t",
            "q",
            buttons.Yes | buttons.No | buttons.Ok | buttons.Cancel | buttons.Save | buttons.Close,
        )
        qtbot.addWidget(box)
        box.show()
        edit = QLineEdit()
        qtbot.addWidget(edit)
        edit.createStandardContextMenu().deleteLater()
        QApplication.processEvents()
    finally:
        qapp.removeTranslator(recorder)
    try:
        english = sorted(
            f"{context}|{source}"
            for context, source in recorder.asked
            if QCoreApplication.translate(context, source) == source
            and any(ch.isalpha() for ch in source)
            and source not in KEYS
            and context != "QMimeType"  # file type names of the system's MIME database
        )
    finally:
        install_translators(qapp, "en")
    assert len(recorder.asked) > 20
    assert not english, english
