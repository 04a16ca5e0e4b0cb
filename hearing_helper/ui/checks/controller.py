"""Runs checks for the page: the Qt-free runner in worker threads, results back as signals.

Every runner callback happens in a worker thread; emitting a signal of this GUI-thread object
from there queues the call to the GUI thread. The clerk's "heard / not heard" answer goes the
other way: the speaker check's worker waits on an Event the page sets.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from hearing_helper.checks.base import CancelToken, Check, CheckContext, CheckResult
from hearing_helper.checks.runner import CheckRunner

log = logging.getLogger(__name__)


class ChecksController(QObject):
    check_started = Signal(str)
    result_ready = Signal(object)  # CheckResult
    finished = Signal()
    heard_question = Signal()  # the speaker check waits for answer_heard()
    network_progress = Signal(str)  # phase name while the network check runs

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner: CheckRunner | None = None
        self._answer_ready = threading.Event()
        self._answer: bool | None = None

    @property
    def running(self) -> bool:
        return self._runner is not None and not self._runner.done

    def run(self, checks: Sequence[Check], ctx: CheckContext) -> None:
        if self.running:
            log.info("checks already running; ignoring a second start")
            return
        ctx.options["ask_heard"] = self._ask_heard
        ctx.options["progress"] = self._on_network_progress
        self._runner = CheckRunner(
            checks,
            ctx,
            on_started=self.check_started.emit,
            on_result=self.result_ready.emit,
            on_finished=self.finished.emit,
            cancel=CancelToken(),
        )
        self._runner.start()

    def cancel(self) -> None:
        if self._runner is not None:
            self._runner.cancel()
        self._answer_ready.set()  # release a waiting speaker check

    def answer_heard(self, heard: bool | None) -> None:
        self._answer = heard
        self._answer_ready.set()

    def _ask_heard(self, cancel: CancelToken) -> bool | None:
        self._answer = None
        self._answer_ready.clear()
        self.heard_question.emit()
        while not self._answer_ready.wait(0.1):
            if cancel.cancelled:
                return None
        return self._answer

    def _on_network_progress(self, phase: str, partial: dict[str, Any]) -> None:
        self.network_progress.emit(phase)

    def results(self) -> list[CheckResult]:
        return self._runner.results if self._runner is not None else []
