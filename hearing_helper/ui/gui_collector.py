"""The cyclic garbage collector runs on the GUI thread only, once the window has started.

Python starts a collection in whichever thread happens to allocate past its threshold. When
that collection frees a cycle holding a Qt wrapper (a widget or timer kept by a closure, a
dialog referring to itself), the Qt object is destroyed in that thread, and Qt objects must be
destroyed in their own: the test suite once crashed (a segfault) when a worker loading the
catalog set off a collection. So after the start the automatic collector stays off and a timer
on the GUI thread collects by Python's own thresholds, a few times a second; the workers'
garbage without cycles is still freed at once, by reference counting.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 200  # the most cyclic garbage waits; a young collection costs well under 1 ms


def due_generation(counts: tuple[int, int, int], thresholds: tuple[int, ...]) -> int | None:
    """The generation Python's own collector would collect at ``counts`` (``gc.get_count()``),
    the oldest one past its threshold; None when none is (or the thresholds turn it off)."""
    if not thresholds or thresholds[0] == 0:
        return None
    for generation in (2, 1, 0):
        if generation < len(thresholds) and counts[generation] > thresholds[generation]:
            return generation
    return None


class GuiThreadCollector(QObject):
    """Keeps ``gc`` off and collects from the GUI thread's event loop (see the module)."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.collections = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_if_due)
        gc.disable()
        self._timer.start()

    def collect_if_due(self) -> None:
        gc.disable()  # whatever turned it back on meanwhile: collections stay on this thread
        generation = due_generation(gc.get_count(), gc.get_threshold())
        if generation is not None:
            gc.collect(generation)
            self.collections += 1

    def stop(self) -> None:
        """Back to Python's own collector (the app is ending, or a test is done)."""
        self._timer.stop()
        gc.enable()
