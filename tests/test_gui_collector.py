"""Cyclic garbage is collected on the GUI thread, never in a worker (ui/gui_collector.py).

A worker that allocates past Python's threshold used to run the collection itself; a cycle
holding a Qt object was then destroyed in the worker (a segfault in the suite once). The
finalizer of a cycle records the thread that freed it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hearing_helper.background_core import start_job
from hearing_helper.ui.app import freeze_startup_objects
from hearing_helper.ui.gui_collector import GuiThreadCollector, due_generation


class Cycle:
    """Refers to itself: only the cyclic collector frees it; says in which thread."""

    def __init__(self, freed_in: list[int]) -> None:
        self.me = self
        self.freed_in = freed_in

    def __del__(self) -> None:
        self.freed_in.append(threading.get_ident())


@pytest.fixture
def collector_state() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    for child in QApplication.instance().findChildren(GuiThreadCollector):  # type: ignore[union-attr]
        child.stop()
        child.deleteLater()
    gc.set_threshold(*thresholds)
    gc.unfreeze()
    gc.enable()


def _drop_cycle_and_allocate(freed_in: list[int]) -> int:
    """In a worker: leave a cycle to the collector, then allocate far past the threshold."""
    Cycle(freed_in)
    kept = [[index] for index in range(20_000)]  # container objects: each counts for gen 0
    return len(kept)


def test_due_generation_follows_pythons_thresholds() -> None:
    assert due_generation((10, 0, 0), (700, 10, 10)) is None
    assert due_generation((701, 0, 0), (700, 10, 10)) == 0
    assert due_generation((701, 11, 0), (700, 10, 10)) == 1
    assert due_generation((701, 11, 11), (700, 10, 10)) == 2
    assert due_generation((5000, 50, 50), (0, 10, 10)) is None  # thresholds turned it off


@pytest.mark.usefixtures("collector_state")
def test_a_cycle_a_worker_leaves_is_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    freeze_startup_objects()  # as the window does once it has started
    assert not gc.isenabled()
    gc.set_threshold(100, 10, 10)  # a low threshold: the worker passes it many times over
    freed_in: list[int] = []
    job = start_job(lambda: _drop_cycle_and_allocate(freed_in), name="allocating worker")
    assert job.wait(60.0)
    assert job.result() == 20_000
    assert freed_in == []  # nothing collected in the worker
    qtbot.waitUntil(lambda: freed_in != [], timeout=10_000)
    assert freed_in == [threading.get_ident()]  # the GUI thread's (pytest-qt's main thread)
