"""Application set-up: translators, Qt messages to the log, settings, the gui command."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from hearing_helper.paths import asset_path
from hearing_helper.services import AppServices
from hearing_helper.ui import app as app_module
from hearing_helper.ui import launch
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.shell.settings_dialog import SettingsDialog
from tests.ui_fixtures import CLERK, OFFSCREEN_NOISE, english, services  # noqa: F401

pytestmark = OFFSCREEN_NOISE


def test_install_translators_loads_every_area_and_qtbase(qapp: QApplication) -> None:
    try:
        loaded = app_module.install_translators(qapp, "zh_CN")
        names = {path.name for path in loaded}
        expected = {p.name for p in asset_path("i18n").glob("*_zh_CN.qm")}
        assert expected <= names and "qtbase_zh_CN.qm" in names
        assert QCoreApplication.translate("labels", "Plaintiff") == "原告"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own
        assert app_module.install_translators(qapp, "en") == []  # switching back: none
        assert QCoreApplication.translate("labels", "Plaintiff") == "Plaintiff"
    finally:
        app_module.install_translators(qapp, "en")


def test_qt_messages_go_to_the_log_file(
    qapp: QApplication, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = app_module.setup_file_logging(data_dir)
    previous = app_module.route_qt_messages()
    try:
        with caplog.at_level(logging.WARNING):
            qWarning("hearing-helper test message")
        assert any("hearing-helper test message" in r.getMessage() for r in caplog.records)
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert "hearing-helper test message" in path.read_text(encoding="utf-8")
        assert path == data_dir / "logs" / "hearing-helper.log"
    finally:
        qInstallMessageHandler(previous)  # give pytest-qt its handler back
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "baseFilename", "") == str(path):
                root.removeHandler(handler)
                handler.close()


def test_settings_dialog_stores_and_applies_font_scale(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    base = qapp.font().pointSizeF()
    dialog = SettingsDialog(services.settings)
    qtbot.addWidget(dialog)
    dialog.font_scale.setCurrentIndex(dialog.font_scale.findData(1.3))
    dialog.phone.setText("010 1234 5678")
    dialog.court.setText("北京市朝阳区人民法院")
    dialog._accept_if_valid()
    assert dialog.result() == QDialog.DialogCode.Accepted
    changed = dialog.apply()
    assert set(changed) == {"font_scale", "help_desk_phone", "court_name"}
    assert services.settings.get("help_desk_phone") == "010-12345678"
    try:
        app_module.apply_font_scale(qapp, services.settings.get("font_scale"))
        assert abs(qapp.font().pointSizeF() - app_module.BASE_POINT_SIZE * 1.3) < 0.01
    finally:
        font = qapp.font()
        font.setPointSizeF(base)
        qapp.setFont(font)


def test_settings_dialog_rejects_a_bad_phone(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    dialog = SettingsDialog(services.settings)
    qtbot.addWidget(dialog)
    dialog.phone.setText("12345")
    dialog._accept_if_valid()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "010-12345678" in dialog.error.text()


def test_reports_action_follows_the_reports_module(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    import importlib.util

    available = importlib.util.find_spec("hearing_helper.ui.reports") is not None
    assert window.main_actions.reports.isEnabled() == available


def test_gui_command_shows_a_message_for_a_newer_database(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from hearing_helper.commands import gui

    db = data_dir / "hearing_helper.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version=999")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    shown: list[str] = []
    # stub: the start-up error box is modal; the test reads the text it would show
    monkeypatch.setattr(
        app_module,
        "show_startup_error",
        lambda exc, lang: shown.append(app_module.startup_error_text(exc)),
    )
    # stub: run_gui would start Qt's event loop and block; the database was refused before it
    monkeypatch.setattr(launch, "run_gui", lambda opened: 0)
    code = gui.run(argparse.Namespace(data_dir=str(data_dir)))
    assert code == 1
    assert shown and "newer version" in shown[0] and str(db) in shown[0]
    assert db.read_bytes() == before


def test_gui_command_runs_the_gui_with_the_data_dir(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hearing_helper.commands import gui

    seen: list[Path] = []

    # stub: run_gui would start Qt's event loop and block; the test checks what it is given
    def run_gui(opened: AppServices) -> int:
        seen.append(opened.data_dir)
        return 0

    # stub: run_gui would start Qt's event loop and block; the test checks what it is given
    monkeypatch.setattr(launch, "run_gui", run_gui)
    assert gui.run(argparse.Namespace(data_dir=str(data_dir))) == 0
    assert seen == [data_dir.resolve()]


def test_application_has_names_and_base_font(qapp: QApplication) -> None:
    previous = qInstallMessageHandler(None)
    qInstallMessageHandler(previous)
    try:
        created = app_module.create_application(["x"], 1.0)
    finally:
        qInstallMessageHandler(previous)
    assert created is QApplication.instance()
    assert created.applicationName() and created.organizationName()
    assert created.font().pointSizeF() >= 11


def test_application_has_the_window_icon(qapp: QApplication) -> None:
    from hearing_helper.ui.app import create_application

    app = create_application()
    assert app is qapp
    assert not app.windowIcon().isNull()
    assert app.windowIcon().availableSizes()
