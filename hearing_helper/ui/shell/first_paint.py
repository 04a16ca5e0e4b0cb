"""Run work once a window is on the screen: after its first paint, not before.

Zero-delay timers posted at ``show()`` run *before* Qt paints the window (the paint request
comes later in the same turn of the event loop), so work queued that way -- reading the
history, looking up the clerk, starting background threads -- held the first frame back
(issue 23, start-up). :func:`after_first_paint` queues it behind the first paint instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# If no paint comes (a window that opens minimised or off screen), the work starts anyway.
NO_PAINT_FALLBACK_MS = 400


class _FirstPaint(QObject):
    """Watches one window for its first paint event, then queues the work behind it."""

    def __init__(self, window: QWidget, work: list[Callable[[], object]]) -> None:
        super().__init__(window)
        self._window = window
        self._work = work
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._run)
        self._fallback.start(NO_PAINT_FALLBACK_MS)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            self._fallback.stop()
            # Posted now, so it runs once this paint (the window's and its children's) is done.
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        work, self._work = self._work, []
        self._window.removeEventFilter(self)
        self._fallback.stop()
        for step in work:
            step()
        self.deleteLater()


def after_first_paint(window: QWidget, *work: Callable[[], object]) -> None:
    """Call each of ``work`` in order on the GUI thread once ``window`` has painted for the
    first time (or after NO_PAINT_FALLBACK_MS if it does not paint)."""
    _FirstPaint(window, list(work))
