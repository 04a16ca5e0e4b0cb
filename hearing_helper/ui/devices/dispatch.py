"""Run code on the GUI thread from a worker thread, and wait for its answer with a time limit.

QtMultimedia objects are signal-driven and belong to the GUI thread, so a check running in a
worker thread posts a *job starter* here; the starter builds a job on the GUI thread and the job
later completes a :class:`concurrent.futures.Future` the worker waits on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from hearing_helper.checks.base import CancelledError, CancelToken
from hearing_helper.checks.device_api import DeviceError

log = logging.getLogger(__name__)


def on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


class GuiDispatcher(QObject):
    """Lives on the GUI thread; ``post`` may be called from any thread."""

    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._run)

    def post(self, function: Callable[[], None]) -> None:
        self._posted.emit(function)

    @Slot(object)
    def _run(self, function: Callable[[], None]) -> None:
        try:
            function()
        except Exception:  # never let an adapter bug take down the event loop
            log.exception("GUI-thread device job failed to start")

    def call(
        self,
        starter: Callable[[Future[Any]], None],
        limit_s: float,
        cancel: CancelToken,
        what: str,
    ) -> Any:
        """Post ``starter(future)`` to the GUI thread and wait for the future (from a worker).

        The job is expected to watch ``cancel`` and its own watchdog; ``limit_s`` is only the
        outer safety net (a job that never answers) and gives DeviceError("timeout").
        """
        if on_gui_thread():
            raise RuntimeError("device calls must come from a worker thread, not the GUI thread")
        future: Future[Any] = Future()

        def start() -> None:
            try:
                starter(future)
            except DeviceError as exc:
                future.set_exception(exc)
            except Exception as exc:
                log.exception("Starting %s failed", what)
                future.set_exception(DeviceError("open_failed", str(exc)))

        self.post(start)
        deadline = time.monotonic() + limit_s
        cancelled_at: float | None = None
        while True:
            try:
                return future.result(timeout=0.05)
            except FutureTimeout:
                pass
            now = time.monotonic()
            if cancel.cancelled and cancelled_at is None:
                cancelled_at = now  # the job sees the token too; give it a moment to stop
            if cancelled_at is not None and now - cancelled_at > 1.0:
                raise CancelledError
            if now > deadline:
                log.warning("%s did not answer within %.1f s", what, limit_s)
                raise DeviceError("timeout", what)


class Once:
    """Completes a future once: the first of result / error / watchdog wins."""

    def __init__(self, future: Future[Any]) -> None:
        self._future = future
        self._lock = threading.Lock()
        self.done = False

    def result(self, value: Any) -> bool:
        with self._lock:
            if self.done:
                return False
            self.done = True
        self._future.set_result(value)
        return True

    def error(self, exc: BaseException) -> bool:
        with self._lock:
            if self.done:
                return False
            self.done = True
        self._future.set_exception(exc)
        return True
