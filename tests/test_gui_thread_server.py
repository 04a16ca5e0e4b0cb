"""The window against a database server 300 ms away or stopped (issue 24, finding 10): no
repository call on the GUI thread, nothing entered lost, a calm status instead of error boxes.

Thread identity is asserted, never wall-clock time (the stall figures are in
benchmarks/bench_gui_stall.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hearing_helper.domain.enums import Outcome, RecordStatus
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.visit import VisitKind
from hearing_helper.services import AppServices
from hearing_helper.store import AssistSummary
from hearing_helper.ui.main_window import MainWindow
from tests.clerk_fixtures import intake_done, open_main_window
from tests.gui_thread_probe import ThreadRecordingRepository, recording_services
from tests.tcp_proxy import TcpProxy
from tests.ui_fixtures import CLERK, OFFSCREEN_NOISE, english, type_text  # noqa: F401

pytestmark = OFFSCREEN_NOISE
SERVER_DELAY_S = 0.3
WAIT_MS = 30000  # a bound for the slow server and a busy machine, not a figure under test


@pytest.fixture
def server_services(pg_proxy: TcpProxy, pg_dbname: str, data_dir: Path) -> Iterator[AppServices]:
    opened = AppServices.open(data_dir, database=pg_proxy.url(pg_dbname))
    yield opened
    pg_proxy.pass_through()
    opened.close()


def _started_window(
    qtbot: QtBot,
    services: AppServices,
    *,
    offer_drafts: bool = True,
    before_start: Callable[[], object] = lambda: None,
) -> tuple[MainWindow, ThreadRecordingRepository]:
    """The main window on recorded services, started (``before_start`` runs once it is open and
    its set-up done); with ``offer_drafts`` (the real start), returned once its first background
    read (the follow-ups list) has been made."""
    wrapped, recorder = recording_services(services)
    window = open_main_window(qtbot, wrapped)  # saves the clerk (set-up, before recording)
    recorder.calls.clear()
    before_start()
    window.start(offer_drafts=offer_drafts)
    if offer_drafts:
        qtbot.waitUntil(lambda: recorder.called("follow_ups"), timeout=WAIT_MS)
    return window, recorder


def _joined_visit() -> AssistRecord:
    """A hearing-day visit ready to finish: joined, rated 5."""
    record = intake_done(VisitKind.HEARING_DAY, days_ahead=0)
    record.outcome, record.satisfaction = Outcome.JOINED, 5
    return record


def _finish_in_wizard(qtbot: QtBot, window: MainWindow, record: AssistRecord) -> None:
    """Opens ``record`` in a wizard and finishes it; returns when the wizard has closed."""
    window.open_wizard(record)
    finishing = window.wizard
    assert finishing is not None
    with qtbot.waitSignal(finishing.record_finished, timeout=WAIT_MS):
        finishing.finish()
    qtbot.waitUntil(lambda: window.wizard is None, timeout=WAIT_MS)


def _boxes() -> list[str]:
    return [
        w.text()
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible()
    ]


def _type_case_number(qtbot: QtBot, window: MainWindow) -> None:
    window.new_assistance()
    qtbot.waitUntil(lambda: window.wizard is not None, timeout=WAIT_MS)
    assert window.wizard is not None
    intake = window.wizard.current_page()
    intake.case_number.setFocus()  # type: ignore[attr-defined]
    type_text(intake.case_number, "（2026）冀1126民初7号")  # type: ignore[attr-defined]


def test_no_repository_call_on_the_gui_thread_with_the_server_300_ms_away(
    qtbot: QtBot,
    server_services: AppServices,
    pg_proxy: TcpProxy,
    english: None,  # noqa: F811
) -> None:
    def slow_server() -> None:
        pg_proxy.delay_s = SERVER_DELAY_S

    window, recorder = _started_window(qtbot, server_services, before_start=slow_server)

    # Intake: typing autosaves the draft.
    _type_case_number(qtbot, window)
    qtbot.waitUntil(lambda: recorder.called("save_draft"), timeout=WAIT_MS)
    wizard = window.wizard
    assert wizard is not None
    qtbot.waitUntil(lambda: wizard.saving.is_idle(), timeout=WAIT_MS)
    draft_id = wizard.record.id
    assert server_services.repo.get(draft_id).intake.case_number

    # Close it, open it again from the drafts list.
    wizard.close_wizard()
    qtbot.waitUntil(lambda: window.wizard is None, timeout=WAIT_MS)
    window.offer_drafts(always=True)
    qtbot.waitUntil(lambda: window.drafts_dialog is not None, timeout=WAIT_MS)
    assert window.drafts_dialog is not None
    window.drafts_dialog.close()

    # Finish a visit.
    record = _joined_visit()
    _finish_in_wizard(qtbot, window, record)

    # History: open the finished record, correct it.
    window.home.history.refresh()
    qtbot.waitUntil(lambda: _history_row(window, record.id) is not None, timeout=WAIT_MS)
    row = _history_row(window, record.id)
    assert row is not None
    window.open_history_row(row)
    qtbot.waitUntil(lambda: getattr(window, "detail_dialog", None) is not None, timeout=WAIT_MS)
    detail = window.detail_dialog
    assert detail is not None
    qtbot.waitUntil(lambda: detail.record is not None, timeout=WAIT_MS)
    assert detail.record is not None
    corrected = AssistRecord.from_dict(detail.record.to_dict())
    corrected.notes = "补记：当事人已入会"
    with qtbot.waitSignal(detail.reloaded, timeout=WAIT_MS):
        detail.save_correction(corrected, "补记")
    assert server_services.repo.get(record.id).version == 2

    # The clerk profile chooser, and a language switch (audited with the settings change).
    window.choose_profile()
    qtbot.waitUntil(lambda: window.profile_dialog is not None, timeout=WAIT_MS)
    assert window.profile_dialog is not None
    window.profile_dialog.close()
    other = "en" if window.language == "zh_CN" else "zh_CN"
    with qtbot.waitSignal(window.language_change_requested, timeout=WAIT_MS):
        window.desk_settings.request_language(other)
    assert server_services.settings.get("language") == other

    assert not _boxes()
    assert recorder.gui_thread_calls == []


def _history_row(window: MainWindow, record_id: str) -> AssistSummary | None:
    return next((r for r in window.home.history.model.rows if r.id == record_id), None)


def test_the_server_stopped_keeps_the_window_usable_and_loses_nothing(
    qtbot: QtBot,
    server_services: AppServices,
    pg_proxy: TcpProxy,
    english: None,  # noqa: F811
) -> None:
    window, recorder = _started_window(qtbot, server_services)
    pg_proxy.refuse()  # the server is away from now on

    _type_case_number(qtbot, window)
    wizard = window.wizard
    assert wizard is not None
    qtbot.waitUntil(lambda: recorder.called("save_draft"), timeout=WAIT_MS)
    # A calm status on the window, never a box per keystroke; the draft is kept on this PC.
    qtbot.waitUntil(
        lambda: "waiting for the server" in window.pending_label.text(), timeout=WAIT_MS
    )
    assert "NOT saved" not in wizard.save_status.text()
    assert not _boxes()
    draft_id = wizard.record.id

    # Finishing while the server is away: the record waits on this PC, the clerk moves on.
    record = _joined_visit()
    wizard.close_wizard()
    qtbot.waitUntil(lambda: window.wizard is None, timeout=WAIT_MS)
    _finish_in_wizard(qtbot, window, record)
    assert not _boxes()
    assert recorder.gui_thread_calls == []

    # What waits is on this PC (private files), the finished record as it was finished.
    kept = json.loads((window.pending.folder / f"{record.id}.json").read_text(encoding="utf-8"))
    assert kept["action"] == "finish"
    assert (window.pending.folder / f"{draft_id}.json").is_file()

    # The server comes back: the draft and the finished record arrive, the record once.
    pg_proxy.pass_through()
    window.pending.retry_now()
    qtbot.waitUntil(lambda: window.pending.count() == 0, timeout=WAIT_MS)
    stored = server_services.repo.get(record.id)
    assert stored.status is RecordStatus.FINISHED and stored.version == 1
    assert server_services.repo.get(draft_id).intake.case_number
    assert not (window.pending.folder / f"{record.id}.json").exists()
    # The same finish delivered again (its answer lost on the way back): still one version.
    answers: list[object] = []
    again = AssistRecord.from_dict(kept["record"])
    window.pending.finish(again, kept["actor"], answers.append, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS)
    assert isinstance(answers[0], AssistRecord)
    assert len(server_services.repo.versions(record.id)) == 1
    assert window.pending_label.text() == ""
    assert recorder.gui_thread_calls == []


def test_a_draft_kept_on_this_pc_survives_a_restart_while_the_server_is_away(
    qtbot: QtBot,
    server_services: AppServices,
    pg_proxy: TcpProxy,
    english: None,  # noqa: F811
) -> None:
    window, recorder = _started_window(qtbot, server_services)
    pg_proxy.refuse()
    _type_case_number(qtbot, window)
    assert window.wizard is not None
    draft_id = window.wizard.record.id
    window.close()  # quit while the server is away

    # A new session on this PC (its own pending writes, read from the files kept here).
    wrapped, recorder2 = recording_services(server_services)
    second = MainWindow(wrapped, CLERK)
    qtbot.addWidget(second)
    second.show()
    assert second.pending is not window.pending and second.pending.count() == 1
    second.start()
    # Offered again from this PC's copy, the server still away.
    qtbot.waitUntil(lambda: second.drafts_dialog is not None, timeout=WAIT_MS)
    assert second.drafts_dialog is not None
    assert draft_id in [d.id for d in second.drafts_dialog.drafts]
    assert "cannot be reached" in second.statusBar().currentMessage()
    pg_proxy.pass_through()
    second.pending.retry_now()
    qtbot.waitUntil(lambda: second.pending.count() == 0, timeout=WAIT_MS)
    assert server_services.repo.get(draft_id).intake.case_number
    assert recorder2.gui_thread_calls == []


def test_a_save_the_server_refuses_is_set_aside_and_said_never_dropped(
    qtbot: QtBot,
    server_services: AppServices,
    english: None,  # noqa: F811
) -> None:
    window, recorder = _started_window(qtbot, server_services, offer_drafts=False)
    # Finished meanwhile from another PC: this window's draft of it can no longer be saved.
    finished = _joined_visit()
    draft = AssistRecord.from_dict(finished.to_dict())
    server_services.repo.finish(finished, "A002")
    window.open_wizard(draft)
    wizard = window.wizard
    assert wizard is not None
    type_text(wizard.current_page().litigant_name, "甲")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "NOT saved" in wizard.save_status.text(), timeout=WAIT_MS)
    aside = window.pending.folder / f"{draft.id}.refused"

    def typed_is_kept() -> bool:  # the newest refused copy holds what was typed
        if not aside.is_file():
            return False
        kept = json.loads(aside.read_text(encoding="utf-8"))
        return str(kept["record"]["intake"]["litigant_name"]).endswith("甲")

    qtbot.waitUntil(typed_is_kept, timeout=WAIT_MS)
    assert window.pending.count() == 0  # not retried blindly
    assert recorder.gui_thread_calls == []
