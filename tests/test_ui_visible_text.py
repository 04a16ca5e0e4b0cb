"""No internal id reaches a person: every window, page and record detail, in both languages,
shows no snake_case id, dotted code or hash (guide version, record id)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hearing_helper.services import AppServices
from tests.ui_fixtures import services  # noqa: F401
from tests.ui_windows import all_windows, language

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|cn|net|org|gov)\b\S*")
INTERNAL = re.compile(
    r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"  # snake_case ids: find_hearing, mobile_micro_court
    r"|\b[a-z]+\.[a-z_]+\b"  # dotted codes: camera.black
    r"|\b[0-9a-f]{8,}\b"  # hashes and record ids: 843538fa...
)


def visible_texts(window: QWidget) -> list[str]:
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(min(model.rowCount(), 50)):
                column = 0
                while model.index(row, column).isValid():  # list and table models alike
                    value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
                    texts.append(str(value or ""))
                    column += 1
        if isinstance(widget, QLineEdit) and widget.isReadOnly():
            texts.append(widget.text())
    return texts


def internal_ids(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        plain = re.sub(r"<[^>]+>", " ", URL.sub(" ", text or ""))
        found += [f"{m.group(0)!r} in {text[:80]!r}" for m in INTERNAL.finditer(plain)]
    return found


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_no_internal_id_in_visible_text(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    lang: str,
) -> None:
    leaks = {}
    with language(qapp, lang):
        for name, window in all_windows(qtbot, services):
            found = internal_ids(visible_texts(window))
            if found:
                leaks[name] = found
    assert not leaks, "\n".join(f"{name}: {found}" for name, found in leaks.items())
