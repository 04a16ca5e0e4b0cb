"""The window and the central database: status line, Sync now, the sync page, and a GUI that
never waits on the network (issue 12)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hearing_helper.demo import generate_records
from hearing_helper.services import AppServices
from hearing_helper.store.sync.sender import SyncStatus
from hearing_helper.ui.background import thread_pool
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.sync import texts
from tests.pg_cluster import free_port
from tests.reports_fixtures import sqlite_repo
from tests.tcp_proxy import TcpProxy
from tests.test_store import complete_record
from tests.ui_fixtures import CLERK, OFFSCREEN_NOISE, cell_text, english, services  # noqa: F401

pytestmark = OFFSCREEN_NOISE


def open_window(qtbot: QtBot, services: AppServices) -> MainWindow:  # noqa: F811
    services.repo.save_staff(CLERK)
    services.settings.set("last_staff_id", CLERK.staff_id)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def pushed(qtbot: QtBot, window: MainWindow) -> SyncStatus:
    controller = window.sync.controller
    with qtbot.waitSignal(controller.status_changed, timeout=60_000) as blocker:
        controller.sync_now()
    status = blocker.args[0] if blocker.args else None
    assert isinstance(status, SyncStatus)
    return status


def test_a_desk_working_alone_shows_no_sync_state(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    window = open_window(qtbot, services)
    assert not window.sync.button.isVisible()
    window.sync.controller.sync_now()  # nothing to do, nothing started
    assert not window.sync.controller.busy
    tools = [a.text() for a in window.menuBar().actions()]
    assert "&Sync" not in tools  # the actions went into the Tools menu
    assert window.sync.sync_now.text() == "S&ync now"


def test_all_sent_after_sync_now(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
    central: str,
) -> None:
    services.repo.import_finished(generate_records(30, seed=41), "demo")
    services.settings.set("central", central)
    window = open_window(qtbot, services)
    assert window.sync.button.isVisible()
    status = pushed(qtbot, window)
    assert status.state == "all_sent" and status.waiting == 0
    assert window.sync.button.text() == "All sent to the central database"


def test_unreachable_server_is_shown_with_its_time_and_plain_words(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    services.repo.finish(complete_record(), "clerk")
    services.settings.set("central", f"postgresql://desk@127.0.0.1:{free_port()}/court")
    window = open_window(qtbot, services)
    status = pushed(qtbot, window)
    assert status.state == "unreachable"
    since = texts.clock(status.unreachable_since)
    assert window.sync.button.text() == f"Server unreachable since {since} · 2 waiting"
    window.sync.page.trigger()
    dialog = window.sync.dialog
    assert dialog is not None
    assert "cannot be reached" in dialog.error.text()
    assert "127.0.0.1" in dialog.detail.text()
    assert dialog.sync_button.isEnabled()
    # No row of the page is left blank: the clock cannot be compared without the server.
    assert dialog.skew.text() == "not compared: the server was not reached"
    dialog.close()


def test_the_window_stays_usable_while_the_server_never_answers(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
    central: str,
    pg_proxy: TcpProxy,
    pg_dbname: str,
) -> None:
    services.repo.import_finished(generate_records(20, seed=42), "demo")
    services.settings.set("central", pg_proxy.url(pg_dbname))
    pg_proxy.stall()
    window = open_window(qtbot, services)
    window.sync.controller.sync_now()
    assert window.sync.controller.busy  # running in its worker; sync_now has returned
    # The event loop keeps running and a draft still saves locally while the push hangs.
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    draft = complete_record()
    services.repo.save_draft(draft)
    qtbot.wait(300)
    timer.stop()
    assert len(ticks) >= 5
    assert services.repo.get(draft.id).intake.case_number == draft.intake.case_number
    assert window.sync.controller.busy
    window.sync.controller.stop(wait_ms=10_000)  # cuts the hanging connection
    assert thread_pool("sync").activeThreadCount() == 0  # the worker ended; nothing is left running


def test_status_words_are_translated(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    central: str,
) -> None:
    from hearing_helper.ui.app import install_translators

    install_translators(qapp, "zh_CN")
    try:
        services.settings.set("central", central)
        window = open_window(qtbot, services)
        pushed(qtbot, window)
        assert window.sync.button.text() == "已全部发送到中心数据库"
    finally:
        install_translators(qapp, "en")


def test_reports_window_court_scope_shows_every_desk_and_falls_back_when_down(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
    central: str,
    tmp_path: Path,
) -> None:
    from datetime import date

    from hearing_helper.ui.reports.view import ReportsWindow
    from tests.sync_fixtures import open_desk

    other = open_desk(tmp_path / "other-desk")
    try:
        other.demo(70, seed=43)
        assert other.sender(central).push().ok
    finally:
        other.close()
    services.repo.import_finished(generate_records(30, seed=44), "demo")
    services.settings.set("central", central)
    window = ReportsWindow(services, today=date(2026, 11, 27))
    qtbot.addWidget(window)
    with qtbot.waitSignal(
        window.report_shown, timeout=20_000, check_params_cb=lambda r: r.assisted == 30
    ):
        window.filter_bar.set_period(date(2025, 11, 1), date(2026, 11, 30))
    assert not window.scope.isHidden()
    assert window.tiles["assisted"].value.text() == "30"  # this desk's (not sent yet)
    with qtbot.waitSignal(window.report_shown, timeout=30_000):
        window.scope.setCurrentIndex(1)
    assert window.tiles["assisted"].value.text() == "70"  # the court: what the server has
    window.scope.close_sources()
    services.settings.set("central", f"postgresql://boss@127.0.0.1:{free_port()}/court")
    with qtbot.waitSignal(
        window.report_shown, timeout=30_000, check_params_cb=lambda r: r.assisted == 30
    ):
        window.scope.setCurrentIndex(0)
        window.scope.setCurrentIndex(1)  # now unreachable: back to this desk, with the reason
    assert window.scope.current() == "desk"
    assert "not available" in window.scope_note.text() and not window.scope_note.isHidden()
    window.close()


def test_after_a_failure_the_window_retries_on_its_own(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
    central: str,
    pg_proxy: TcpProxy,
    pg_dbname: str,
) -> None:
    from hearing_helper.store.sync.sender import Backoff

    services.repo.import_finished(generate_records(10, seed=45), "demo")
    services.settings.set("central", pg_proxy.url(pg_dbname))
    pg_proxy.refuse()
    window = open_window(qtbot, services)
    window.sync.controller.backoff = Backoff(base_s=0.3, cap_s=1.0)
    assert pushed(qtbot, window).state == "unreachable"
    pg_proxy.pass_through()
    # No Sync now, no new record: the backoff timer alone sends it.
    with qtbot.waitSignal(
        window.sync.controller.status_changed,
        timeout=30_000,
        check_params_cb=lambda status: status.state == "all_sent",
    ):
        pass
    assert window.sync.button.text() == "All sent to the central database"


def test_items_set_aside_show_on_the_status_line_and_the_sync_page(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
    central: str,
) -> None:
    import sqlite3

    from hearing_helper.ui.sync.sync_dialog import SyncDialog

    services.settings.set("central", central)
    window = open_window(qtbot, services)
    db = sqlite3.connect(sqlite_repo(services).path)
    with db:
        db.execute("INSERT INTO outbox (kind, ref, num) VALUES ('version', 'gone', 1)")
    db.close()
    status = pushed(qtbot, window)
    assert status.state == "held"
    assert "1 item(s) set aside" in window.sync.button.text()
    dialog = SyncDialog(services, window.sync.controller, "it")
    qtbot.addWidget(dialog)
    assert "record gone v1" in dialog.held_list.text()
    assert "missing" in dialog.held_list.text()


def test_a_replaced_sender_closes_its_database_connection(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
    central: str,
) -> None:
    import sqlite3

    import pytest

    services.settings.set("central", central)
    window = open_window(qtbot, services)
    controller = window.sync.controller
    pushed(qtbot, window)
    first = controller._sender
    assert first is not None
    with qtbot.waitSignal(controller.status_changed, timeout=60_000):
        controller.settings_changed()  # pushes at once with a new sender
    assert controller._sender is not first
    with pytest.raises(sqlite3.ProgrammingError):
        first.outbox._db.execute("SELECT 1")


def test_the_conflicts_page_shows_both_copies_masked_and_settles_one(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
    central: str,
) -> None:
    from hearing_helper.ui.sync.conflicts_dialog import ConflictsDialog
    from tests.sync_fixtures import Desk
    from tests.test_sync_conflicts import _conflicting_copy

    services.settings.set("central", central)
    window = open_window(qtbot, services)
    from hearing_helper.store.sqlite.outbox import SqliteOutbox

    repo = sqlite_repo(services)
    outbox = SqliteOutbox(repo.path)
    record_id = _conflicting_copy(central, Desk(services.data_dir, repo, outbox))
    outbox.close()
    status = pushed(qtbot, window)
    assert status.conflicts == 1
    dialog = ConflictsDialog(services, window.sync.controller, "boss")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.items.count() == 1, timeout=30_000)
    first = dialog.items.item(0)
    assert first is not None and record_id in first.text()
    cells = [
        cell_text(dialog.table, row, col)
        for row in range(dialog.table.rowCount())
        for col in range(2)
    ]
    assert "王小明" not in " ".join(cells) and "13812345678" not in " ".join(cells)
    assert "the other copy" in cells and dialog.keep_server.isEnabled()
    dialog.keep_server.click()
    qtbot.waitUntil(
        lambda: (
            window.sync.controller.status is not None
            and window.sync.controller.status.conflicts == 0
        ),
        timeout=60_000,
    )
    qtbot.waitUntil(lambda: dialog.items.count() == 0, timeout=30_000)
    assert services.repo.get(record_id).notes == "the other copy"
    assert "No conflicts" in dialog.state.text()
