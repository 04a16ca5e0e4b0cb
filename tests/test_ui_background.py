"""The UI's one background helper (ui/background.py), with real pools and the event loop."""

from __future__ import annotations

import gc
import logging
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread
from pytestqt.qtbot import QtBot

from hearing_helper.ui import background
from hearing_helper.ui.background import Task, run_in_background, start_task


class StoppedEarlyError(Exception):
    pass


class ExpectedError(Exception):
    pass


def on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


@pytest.fixture(autouse=True)
def nothing_left_running(qtbot: QtBot) -> Iterator[None]:
    yield
    qtbot.waitUntil(lambda: not background.RUNNING, timeout=10_000)


def test_the_function_runs_off_the_gui_thread_and_its_result_arrives_on_it(qtbot: QtBot) -> None:
    ran_on_gui: list[bool] = []
    delivered_on_gui: list[bool] = []

    def work(_task: Task) -> int:
        ran_on_gui.append(on_gui_thread())
        return 42

    task = Task(work)
    task.signals.finished.connect(lambda result: delivered_on_gui.append(on_gui_thread()))
    with qtbot.waitSignal(task.signals.finished, timeout=10_000) as blocker:
        start_task(task)
    assert blocker.args == [42]
    assert ran_on_gui == [False]
    assert delivered_on_gui == [True]


def test_an_expected_error_is_a_message_for_the_user_and_not_logged(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    def work(_task: Task) -> None:
        raise ExpectedError("The server at 10.0.0.5 did not answer")

    task = Task(work, expected_errors=(ExpectedError,))
    with qtbot.waitSignal(task.signals.failed, timeout=10_000) as blocker:
        start_task(task)
    assert blocker.args == ["The server at 10.0.0.5 did not answer"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_an_unexpected_error_is_logged_with_its_traceback_and_named(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    def work(_task: Task) -> None:
        raise KeyError("platform_id")

    task = Task(work, expected_errors=(ExpectedError,))
    with qtbot.waitSignal(task.signals.failed, timeout=10_000) as blocker:
        start_task(task)
    assert blocker.args == ["KeyError: 'platform_id'"]
    (record,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.exc_info is not None and record.exc_info[0] is KeyError


def test_cancel_ends_the_task_as_cancelled(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(task: Task) -> None:
        started.set()
        while not task.is_cancelled():
            task._cancel.wait(0.01)
        raise StoppedEarlyError

    task = Task(work, cancel_error=StoppedEarlyError)
    finished: list[object] = []
    task.signals.finished.connect(finished.append)
    start_task(task)
    assert started.wait(10)
    with qtbot.waitSignal(task.signals.cancelled, timeout=10_000):
        task.cancel()
    assert finished == []


def test_progress_arrives_in_order_on_the_gui_thread(qtbot: QtBot) -> None:
    seen: list[tuple[int, int, bool]] = []

    def work(task: Task) -> str:
        for done in range(1, 4):
            task.report_progress(done, 3)
        return "done"

    task = Task(work)
    task.signals.progress.connect(lambda done, total: seen.append((done, total, on_gui_thread())))
    with qtbot.waitSignal(task.signals.finished, timeout=10_000):
        start_task(task)
    assert seen == [(1, 3, True), (2, 3, True), (3, 3, True)]


def test_a_task_is_kept_alive_until_its_outcome_is_handled(qtbot: QtBot) -> None:
    results: list[object] = []
    gate = threading.Event()
    task = Task(lambda _task: gate.wait(10) and "late")
    task.signals.finished.connect(results.append)
    start_task(task)
    freed = weakref.ref(task)
    del task
    gc.collect()
    assert freed() is not None  # the caller let go; the helper holds it
    gate.set()
    qtbot.waitUntil(lambda: results == ["late"], timeout=10_000)
    qtbot.waitUntil(lambda: freed() is None, timeout=10_000)


def test_a_task_and_its_signals_are_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    freed_on: list[bool] = []
    done = threading.Event()
    task = Task(lambda _task: done.set())
    weakref.finalize(task, lambda: freed_on.append(on_gui_thread()))
    start_task(task)
    del task
    qtbot.waitUntil(lambda: bool(freed_on), timeout=10_000)
    assert freed_on == [True]


def test_an_owner_deleted_before_the_result_gets_no_call_and_the_task_is_asked_to_stop(
    qtbot: QtBot,
) -> None:
    owner = QObject()
    gate = threading.Event()
    saw_cancel: list[bool] = []

    def work(task: Task) -> str:
        gate.wait(10)
        saw_cancel.append(task.is_cancelled())
        return "for a closed dialog"

    task = Task(work)
    delivered: list[object] = []
    task.signals.finished.connect(delivered.append)
    task.signals.failed.connect(delivered.append)
    start_task(task, owner=owner)
    with qtbot.waitSignal(owner.destroyed, timeout=10_000):
        owner.deleteLater()
    assert task.is_cancelled()
    gate.set()
    qtbot.waitUntil(lambda: not background.RUNNING, timeout=10_000)
    assert saw_cancel == [True]
    assert delivered == []


def test_run_in_background_hands_over_the_result_or_the_message(qtbot: QtBot) -> None:
    owner = QObject()
    results: list[object] = []
    messages: list[str] = []
    run_in_background(owner, lambda: 7, results.append)
    run_in_background(
        owner,
        lambda: (_ for _ in ()).throw(ExpectedError("bad file")),
        results.append,
        on_failed=messages.append,
        expected_errors=(ExpectedError,),
    )
    qtbot.waitUntil(lambda: results == [7] and messages == ["bad file"], timeout=10_000)


def test_run_in_background_skips_a_deleted_owner(qtbot: QtBot) -> None:
    owner = QObject()
    gate = threading.Event()
    results: list[object] = []
    run_in_background(owner, lambda: gate.wait(10), results.append)
    with qtbot.waitSignal(owner.destroyed, timeout=10_000):
        owner.deleteLater()
    gate.set()
    qtbot.waitUntil(lambda: not background.RUNNING, timeout=10_000)
    assert results == []


def test_pools_are_named_with_their_thread_counts() -> None:
    assert background.thread_pool("sync").maxThreadCount() == 1
    assert background.thread_pool("reports").maxThreadCount() == 2
    assert background.thread_pool("search").maxThreadCount() == 1
    assert background.thread_pool("sync") is background.thread_pool("sync")
    with pytest.raises(ValueError, match="unknown pool 'sunc'"):
        start_task(Task(lambda _task: None), pool="sunc")


def test_a_single_thread_pool_runs_one_task_at_a_time(qtbot: QtBot) -> None:
    inside = 0
    most = 0
    lock = threading.Lock()

    def work(_task: Task) -> None:
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
        threading.Event().wait(0.02)
        with lock:
            inside -= 1

    tasks = [start_task(Task(work), pool="sync") for _ in range(3)]
    with qtbot.waitSignals([t.signals.finished for t in tasks], timeout=10_000):
        pass
    assert most == 1


def test_drain_at_quit_stops_what_runs_and_waits_for_it(qtbot: QtBot) -> None:
    started = threading.Event()
    ended = threading.Event()

    def work(task: Task) -> None:
        started.set()
        while not task.is_cancelled():
            task._cancel.wait(0.01)
        ended.set()

    start_task(Task(work), pool="reports")
    assert started.wait(10)
    assert background.drain(10_000)
    assert ended.is_set()  # stopped and waited for, before the interpreter goes away


def test_the_pools_are_drained_when_the_application_quits(qtbot: QtBot) -> None:
    started = threading.Event()
    stopped = threading.Event()

    def work(task: Task) -> None:
        started.set()
        while not task.is_cancelled():
            task._cancel.wait(0.01)
        stopped.set()

    start_task(Task(work), pool="general")
    assert started.wait(10)
    app = QCoreApplication.instance()
    assert app is not None
    app.aboutToQuit.emit()  # what QCoreApplication.exec() emits on its way out
    assert stopped.is_set()
