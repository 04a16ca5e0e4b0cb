"""The app window as a whole (issue 17, items 6 and 7): after a language switch Reports opens
and History names the platforms; the window honours ``--central URL`` like ``sync`` does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hearing_helper.services import AppServices
from hearing_helper.ui.app import install_translators
from hearing_helper.ui.shell.history_model import COLUMNS
from hearing_helper.ui.shell.window_host import MainWindowHost
from tests.clerk_fixtures import open_main_window
from tests.ui_fixtures import (  # noqa: F401 - fixtures
    CLERK,
    OFFSCREEN_NOISE,
    english,
    finished_record,
    services,
    window_of,
)

pytestmark = OFFSCREEN_NOISE
CENTRAL = "postgresql://desk1@127.0.0.1:1/court"


def _host(qtbot: QtBot, services: AppServices) -> MainWindowHost:  # noqa: F811
    services.repo.save_staff(CLERK)
    services.settings.set("last_staff_id", CLERK.staff_id)
    host = MainWindowHost(services)
    window = host.show_initial()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=3000)
    return host


def test_reports_open_again_after_a_language_switch(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hearing_helper.ui.reports import open_reports_window, supervisor
    from hearing_helper.ui.reports.view import ReportsWindow

    # stub: the supervisor password dialog is modal; this test is about the window behind it
    monkeypatch.setattr(supervisor, "require_supervisor", lambda *args: True)
    install_translators(qapp, "zh_CN")
    services.settings.set("language", "zh_CN")
    try:
        host = _host(qtbot, services)
        window_of(host).main_actions.reports.trigger()
        first = open_reports_window(services)
        assert isinstance(first, ReportsWindow) and first.isVisible()
        window_of(host).desk_settings.request_language("en")
        new = window_of(host)
        qtbot.addWidget(new)
        qtbot.wait(50)  # the old window (and its reports) are deleted
        new.main_actions.reports.trigger()
        shown = open_reports_window(services)
        assert isinstance(shown, ReportsWindow) and shown.isVisible()
        assert shown.windowTitle() == "Reports"
        shown.close()
    finally:
        install_translators(qapp, "en")


def test_history_names_the_platform_after_a_language_switch(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
) -> None:
    services.repo.import_finished([finished_record("（2026）冀1126民初9号", "王建国")], "test")
    install_translators(qapp, "zh_CN")
    services.settings.set("language", "zh_CN")
    column = next(i for i, c in enumerate(COLUMNS) if c[1] == "platform_id")
    try:
        host = _host(qtbot, services)
        model = window_of(host).home.history.model
        qtbot.waitUntil(lambda: model.rowCount() == 1 and bool(model.catalog), timeout=5000)
        assert model.index(0, column).data() == "腾讯会议"
        window_of(host).desk_settings.request_language("en")
        model = window_of(host).home.history.model
        qtbot.addWidget(window_of(host))
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
        qtbot.wait(100)
        assert model.index(0, column).data() == "Tencent Meeting"
    finally:
        install_translators(qapp, "en")


def test_the_window_honours_central_on_the_command_line(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    services = replace(services, central_override=CENTRAL)
    window = open_main_window(qtbot, services)
    controller = window.sync.controller
    controller.stop(0)  # nothing is sent in this test
    assert controller.central_url == CENTRAL and controller.joined
    assert window.sync.button.isVisible()
    window.sync.page.trigger()
    dialog = window.sync.dialog
    assert dialog is not None
    assert "127.0.0.1" in dialog.central.text()
    assert "works alone" not in dialog.central.text()
    dialog.close()


def test_the_gui_command_hands_central_to_the_window(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hearing_helper import cli
    from hearing_helper.ui import launch

    seen: list[str] = []

    def fake_gui(opened: AppServices) -> int:
        seen.append(opened.central_url())
        return 0

    # stub: run_gui would start Qt's event loop and block; the test checks what it is given
    monkeypatch.setattr(launch, "run_gui", fake_gui)
    assert cli.main(["--data-dir", str(data_dir), "--central", CENTRAL]) == 0
    assert cli.main(["gui", "--data-dir", str(data_dir), "--central", CENTRAL]) == 0
    assert seen == [CENTRAL, CENTRAL]
    assert cli.main(["--data-dir", str(data_dir)]) == 0
    assert seen[-1] == ""  # the "central" setting: none


# --- item 8: the Central database dialog after a connection error ------------------------------

UUID = __import__("re").compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ENGLISH_WORD = __import__("re").compile(r"[A-Za-z]{3,}")


def test_the_central_database_dialog_after_a_connection_error(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication, QLabel

    from tests.ui_windows import language

    # nothing listens on port 1: refused at once
    services = replace(services, central_override=CENTRAL)
    services.settings.set("desk_name", "3号窗口")
    with language(qapp, "zh_CN"):
        window = open_main_window(qtbot, services)
        controller = window.sync.controller
        window.sync.page.trigger()  # open while all is quiet; the error arrives later
        dialog = window.sync.dialog
        assert dialog is not None
        qtbot.waitExposed(dialog)
        with qtbot.waitSignal(controller.status_changed, timeout=30_000) as blocker:
            controller.sync_now()
        assert blocker.args[0].last_error  # an error to show
        qtbot.wait(100)
        QApplication.processEvents()
        labels = [
            label
            for label in dialog.findChildren(QLabel)
            if label.isVisibleTo(dialog) and label.text().strip()
        ]
        boxes = [(label, QRect(label.mapTo(dialog, label.rect().topLeft()), label.size()))
                 for label in labels]  # fmt: skip
        for index, (label, box) in enumerate(boxes):
            assert dialog.rect().contains(box), f"{label.text()!r} is cut off"
            needed = (
                label.heightForWidth(label.width())
                if label.wordWrap()
                else label.minimumSizeHint().height()
            )
            assert label.height() >= needed, f"{label.text()!r} is squeezed"
            for other, other_box in boxes[index + 1 :]:
                assert not box.intersects(other_box), f"{label.text()!r} over {other.text()!r}"
        shown = [label.text() for label in labels if label is not dialog.central]
        assert not [t for t in shown if UUID.search(t)], shown  # no raw desk id
        english_words = [t for t in shown if ENGLISH_WORD.search(t)]
        assert not english_words, english_words  # no raw English error in the Chinese UI
        assert "3号窗口" in dialog.desk.text()
        controller.stop(0)
        dialog.close()
