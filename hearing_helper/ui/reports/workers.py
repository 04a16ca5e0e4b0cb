"""Background work of the reports window: a QRunnable with a separate QObject for its signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

# Tasks started and not yet ended. A closed reports window abandons its tasks instead of waiting
# for them (a year's report cannot be interrupted); this set keeps them alive until they end.
RUNNING: set[Task] = set()
_pool: QThreadPool | None = None


def reports_pool() -> QThreadPool:
    """The reports' thread pool. Not a child of a window: deleting a window would otherwise
    wait for the pool's threads on the GUI thread."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_drain)
    return _pool


def _drain() -> None:
    """At quit (not at a window's close): cancel what runs and give it a moment to end, so
    no worker is cut off in the middle of the interpreter's shutdown."""
    for task in list(RUNNING):
        task.cancel()
    if _pool is not None:
        _pool.waitForDone(3000)


def start_task(task: Task, pool: QThreadPool | None = None) -> Task:
    """Run ``task`` in ``pool`` (default :func:`reports_pool`), kept referenced until its
    signals are handled."""
    RUNNING.add(task)
    for signal in (task.signals.finished, task.signals.failed, task.signals.cancelled):
        signal.connect(lambda *_args, t=task: RUNNING.discard(t))
    (pool or reports_pool()).start(task)
    return task


class TaskSignals(QObject):
    finished = Signal(object)  # the function's result
    failed = Signal(str)  # a message for the user
    cancelled = Signal()
    progress = Signal(int, int)  # done, total


class Task(QRunnable):
    """Runs ``function(task)`` in a pool thread; ``task.cancel()`` asks it to stop.

    The function reports with ``task.report_progress(done, total)`` and polls
    ``task.is_cancelled()``; it raises ``cancel_error`` (if given) when it stopped early.
    """

    def __init__(
        self,
        function: Callable[[Task], Any],
        *,
        cancel_error: type[BaseException] | None = None,
        expected_errors: tuple[type[BaseException], ...] = (),
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps it until its signals are handled
        self.signals = TaskSignals()
        self._function = function
        self._cancel = threading.Event()
        self._cancel_error = cancel_error
        self._expected = expected_errors

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report_progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self._function(self)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the UI
            if self._cancel_error is not None and isinstance(exc, self._cancel_error):
                self.signals.cancelled.emit()
            elif isinstance(exc, self._expected):
                self.signals.failed.emit(str(exc))
            else:
                log.exception("Background task failed")
                self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.signals.finished.emit(result)
