"""The supervisor gate on a desk without a password, and the language switch (issue 17, item
15).

- Opening Settings (or any supervisor action) on a desk without a supervisor password says so
  and offers to set one; whoever came first is never silently made the supervisor. Setting it
  is an explicit step: the password twice and a confirmation that the person is the desk's
  supervisor, recorded in the audit log; the gate then asks for it like every other time.
- The Language menu is a clerk's preference (README, design notes): it needs no password, and
  the change is recorded in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from hearing_helper.auth import auth_for
from hearing_helper.services import AppServices
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.reports import supervisor
from hearing_helper.ui.shell.settings_dialog import SettingsDialog
from tests.ui_fixtures import CLERK, OFFSCREEN_NOISE, english, services  # noqa: F401

pytestmark = OFFSCREEN_NOISE
PASSWORD = "richter-2026"


T = TypeVar("T")


def _noted(into: list[T], item: T, answer: int) -> int:
    """Note ``item`` and answer ``answer`` (a stand-in for a dialog's exec)."""
    into.append(item)
    return answer


def _window(qtbot: QtBot, services: AppServices) -> MainWindow:  # noqa: F811
    services.repo.save_staff(CLERK)
    services.settings.set("last_staff_id", CLERK.staff_id)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.start(offer_drafts=False)
    return window


def _when_modal(steps: list[Callable[[QDialog], None]], seen: list[QDialog]) -> list[BaseException]:
    """Handle the modal dialogs as they come: each step gets the next one (polled, since the
    gate's dialogs run their own event loops). A step that fails closes its dialog, so the test
    ends with the failure instead of waiting on a dialog nobody answers."""
    failures: list[BaseException] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and (not seen or modal is not seen[-1]):
            seen.append(modal)
            try:
                steps.pop(0)(modal)
            except BaseException as exc:  # reported by the test after the gate returns
                failures.append(exc)
                steps.clear()
                modal.reject()
        if steps:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return failures


def test_settings_on_a_desk_without_a_password_say_so_and_set_nothing(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _window(qtbot, services)
    opened: list[SettingsDialog] = []
    # stub: a modal exec() blocks the test; the dialog itself is real
    monkeypatch.setattr(SettingsDialog, "exec", lambda dialog: _noted(opened, dialog, 0))
    seen: list[QDialog] = []
    fields: list[QLineEdit] = []

    def look_and_close(notice: QDialog) -> None:
        fields.extend(f for f in notice.findChildren(QLineEdit) if f.isVisible())
        notice.reject()

    failures = _when_modal([look_and_close], seen)
    window.desk_settings.open_settings()
    assert failures == [] and len(seen) == 1
    # A notice, not a password form: the first person to open Settings is not asked to choose
    # the supervisor password as if that were the normal way in.
    assert fields == []
    assert type(seen[0]).__name__ == "NoPasswordDialog"
    assert opened == []
    assert not auth_for(services).is_set()
    assert [e.action for e in services.repo.iter_audit()] == []


def test_setting_the_first_password_is_explicit_confirmed_and_audited(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _window(qtbot, services)
    opened: list[SettingsDialog] = []
    # stub: a modal exec() blocks the test; the dialog itself is real
    monkeypatch.setattr(SettingsDialog, "exec", lambda dialog: _noted(opened, dialog, 0))
    seen: list[QDialog] = []

    def choose_to_set(notice: QDialog) -> None:
        assert isinstance(notice, supervisor.NoPasswordDialog)
        notice.set_button.click()

    def set_it(dialog: QDialog) -> None:
        assert isinstance(dialog, supervisor.SetPasswordDialog)
        dialog.new.setText(PASSWORD)
        dialog.again.setText(PASSWORD)
        dialog._save()
        # Not without the confirmation that this person is the desk's supervisor.
        assert dialog.isVisible() and not auth_for(services).is_set()
        assert "confirm" in dialog.message.text().lower()
        assert dialog.confirm is not None
        dialog.confirm.setChecked(True)
        dialog._save()

    def enter_it(dialog: QDialog) -> None:
        assert isinstance(dialog, supervisor.PasswordDialog)
        dialog.password.setText(PASSWORD)
        dialog._try()

    failures = _when_modal([choose_to_set, set_it, enter_it], seen)
    window.desk_settings.open_settings()
    if failures:
        raise failures[0]
    assert len(seen) == 3 and len(opened) == 1
    assert auth_for(services).check(PASSWORD, "t").ok
    entries = [e for e in services.repo.iter_audit() if e.action == "supervisor.password_set"]
    assert len(entries) == 1 and entries[0].details["replaced_existing"] is False


def test_the_language_menu_is_a_clerk_preference_audited_without_a_password(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    auth_for(services).set_password(PASSWORD, "it")
    asked: list[str] = []
    # stub: the supervisor password dialog is modal; the test counts that it is asked
    monkeypatch.setattr(supervisor, "require_supervisor", lambda *args: asked.append("x"))
    window = _window(qtbot, services)
    requested: list[str] = []
    window.language_change_requested.connect(requested.append)
    window.main_actions.languages["en"].trigger()
    assert asked == [] and requested == ["en"]
    assert services.settings.get("language") == "en"
    changes = [e for e in services.repo.iter_audit() if e.action == "settings.changed"]
    assert len(changes) == 1
    assert changes[0].details == {"language": "en"} and changes[0].actor == CLERK.staff_id
