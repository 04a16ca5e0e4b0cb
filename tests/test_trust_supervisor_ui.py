"""Supervisor dialogs and the reports gate (issue 11, finding "Supervisor password")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from hearing_helper.ui import reports as reports_ui
from hearing_helper.ui.reports import supervisor
from hearing_helper.ui.reports.supervisor import SetPasswordDialog
from hearing_helper.ui.reports.view import ReportsWindow
from tests.reports_fixtures import seeded_services

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def services(data_dir: Path):
    services = seeded_services(data_dir)
    yield services
    services.close()


def test_first_time_dialog_has_only_labelled_fields_and_focuses_the_new_one(
    qtbot, services
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
    qtbot, services, monkeypatch, accepted: bool
) -> None:
    asked = []

    def gate(parent, services_, purpose):
        asked.append(purpose)
        return accepted

    monkeypatch.setattr(supervisor, "require_supervisor", gate)
    window = reports_ui.open_reports(None, services)
    assert asked
    if accepted:
        assert isinstance(window, ReportsWindow) and window.unlocked
        qtbot.addWidget(window)
        window.close()
    else:
        assert window is None
        assert not isinstance(services.extras.get("reports_window"), ReportsWindow)
