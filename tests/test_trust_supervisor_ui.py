"""Supervisor dialogs and the reports gate (issue 11, finding "Supervisor password")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.services import AppServices
from hearing_helper.ui import reports as reports_ui
from hearing_helper.ui.reports import supervisor
from hearing_helper.ui.reports.supervisor import SetPasswordDialog
from hearing_helper.ui.reports.view import ReportsWindow
from tests.reports_fixtures import seeded_services

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    services = seeded_services(data_dir)
    yield services
    services.close()


def test_first_time_dialog_has_only_labelled_fields_and_focuses_the_new_one(
    qtbot: QtBot, services: AppServices
) -> None:
    dialog = SetPasswordDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = [field for field in dialog.findChildren(QLineEdit) if field.isVisible()]
    assert fields == [dialog.new, dialog.again]
    assert dialog.focusWidget() is dialog.new


@pytest.mark.parametrize("accepted", [False, True])
def test_reports_open_only_after_the_supervisor_password(
    qtbot: QtBot, services: AppServices, monkeypatch: pytest.MonkeyPatch, accepted: bool
) -> None:
    asked: list[str] = []

    def gate(parent: QWidget | None, services_: AppServices, purpose: str) -> bool:
        asked.append(purpose)
        return accepted

    # stub: the supervisor password dialog is modal; the gate's answer is what is tested
    monkeypatch.setattr(supervisor, "require_supervisor", gate)
    window = reports_ui.open_reports(None, services)
    assert asked
    if accepted:
        assert isinstance(window, ReportsWindow) and window.unlocked
        qtbot.addWidget(window)
        window.close()
    else:
        assert window is None
        assert reports_ui.open_reports_window(services) is None


def test_export_to_a_folder_is_refused_before_anything_is_audited(
    qtbot: QtBot, services: AppServices, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from datetime import date

    from PySide6.QtWidgets import QMessageBox

    window = ReportsWindow(services, today=date(2026, 4, 30))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.report_shown, timeout=10_000):
        window.filter_bar.set_period(date(2026, 3, 1), date(2026, 4, 30))
    window.unlocked = True
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    monkeypatch.setattr(window.exports, "choose_unmask", lambda fmt: False)
    monkeypatch.setattr(window.exports, "choose_path", lambda fmt, s: tmp_path)
    before = [entry.action for entry in services.repo.iter_audit()]
    window.exports.start("csv")
    assert warnings and "folder" in warnings[0]
    assert window.exports.task is None
    assert [entry.action for entry in services.repo.iter_audit()] == before
    window.close()


def test_set_password_dialog_refuses_a_too_long_password_with_the_shared_limit(
    qtbot: QtBot, services: AppServices
) -> None:
    # Review (polish): the dialog applies the same upper limit as `supervisor set-password`.
    from hearing_helper.auth import MAX_LENGTH, auth_for

    dialog = SetPasswordDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.confirm is not None
    dialog.confirm.setChecked(True)  # "I am this desk's supervisor" (issue 17)
    too_long = "x" * (MAX_LENGTH + 1)
    dialog.new.setText(too_long)
    dialog.again.setText(too_long)
    dialog._save()
    assert str(MAX_LENGTH) in dialog.message.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not auth_for(services).is_set()
