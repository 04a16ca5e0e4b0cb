"""Run checks without a window (the ``check`` command): a QCoreApplication event loop drives the
same QtMultimedia adapters the GUI uses while the runner's worker threads wait on them."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)

from hearing_helper.checks.base import Check, CheckContext, CheckResult, ResultCallback
from hearing_helper.checks.runner import CheckRunner

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.INFO,  # QtMultimedia warns about absent backends: not ours
    QtMsgType.QtCriticalMsg: logging.WARNING,
    QtMsgType.QtFatalMsg: logging.ERROR,
}


def _qt_message(kind: QtMsgType, context: object, message: str) -> None:
    qt_log.log(_LEVELS.get(kind, logging.INFO), "%s", message)


class _Bridge(QObject):
    """Carries runner callbacks (worker threads) to the event loop's thread."""

    result = Signal(object)
    finished = Signal()


def run_with_devices(
    checks: Sequence[Check],
    ctx: CheckContext,
    on_result: ResultCallback | None = None,
    overall_limit_s: float = 300.0,
) -> list[CheckResult]:
    """Run ``checks`` with a :class:`QtDeviceProvider` as ``ctx.devices``; blocks until done.

    ``on_result`` is called on this thread as each result arrives.
    """
    previous_handler = qInstallMessageHandler(_qt_message)
    # Imported only now so QtMultimedia's load-time messages go through the handler too.
    from hearing_helper.ui.devices.provider import QtDeviceProvider

    app = QCoreApplication.instance() or QCoreApplication([])
    provider = QtDeviceProvider()
    ctx.devices = provider
    bridge = _Bridge()
    results: list[CheckResult] = []

    def collect(result: CheckResult) -> None:
        results.append(result)
        if on_result:
            on_result(result)

    bridge.result.connect(collect)
    bridge.finished.connect(app.quit)
    runner = CheckRunner(
        checks, ctx, on_result=bridge.result.emit, on_finished=bridge.finished.emit
    )
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(runner.cancel)
    safety.start(int(overall_limit_s * 1000))
    QTimer.singleShot(0, runner.start)
    app.exec()
    safety.stop()
    runner.wait(5.0)
    QCoreApplication.processEvents()  # deliver results still queued
    provider.shutdown()
    QCoreApplication.processEvents()
    provider.deleteLater()
    QCoreApplication.processEvents()
    ctx.devices = None
    qInstallMessageHandler(previous_handler)
    return results
