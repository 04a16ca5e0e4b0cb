"""The one way the UI runs work off the GUI thread.

A :class:`Task` wraps ``function(task)``; :func:`start_task` runs it in a named pool and keeps
it referenced until its outcome has been handled. The outcome arrives on the GUI thread, always
(whatever the receiver): ``finished(result)``, ``failed(message)`` -- an expected error's own
text for the user, an unexpected one logged with its traceback and named by type -- or
``cancelled()``; ``progress(done, total)`` while it runs. A task started for an ``owner`` (a
QObject) is asked to stop and its outcome is dropped when the owner is deleted first.

Pools are named by what they serve, so a slow server never takes the threads of a report and
pushes never overlap (:data:`POOL_SIZES`). At quit every task is asked to stop and the pools are
given a moment to finish (:func:`drain`), so no worker is cut off mid-write by the interpreter's
shutdown. For "run this, hand me the result", :func:`run_in_background`.

Qt-free code (checks, reports, store) uses :mod:`hearing_helper.background_core` instead.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

# Threads per pool. "general": short work (a repository call, loading the catalog, asking the
# speech service). "reports": counting a period can take seconds; two at most, so the window's
# own short work still finds a thread. "sync": one, pushes never overlap. "conflicts": reading
# and settling on the central database, beside a push. "search": one, the newest history query
# wins and older ones are dropped. "database": one, the window's calls to a database server in
# the order they were made (ui/store_calls.py). "unsent": one, the copies of records kept on this
# PC while that server is away, written in order (ui/pending_writes.py).
POOL_SIZES = {
    "general": 4,
    "reports": 2,
    "sync": 1,
    "conflicts": 1,
    "search": 1,
    "database": 1,
    "unsent": 1,
}
DRAIN_MS = 3000

_pools: dict[str, QThreadPool] = {}
# Tasks started whose outcome has not been handled yet, by key. A closed window abandons its
# tasks instead of waiting for them (a year's report cannot be interrupted); this keeps them
# alive. Only the GUI thread adds and removes them, so a task (and its QObject) is always freed
# there, never in a pool thread.
RUNNING: dict[int, Task] = {}
_keys = itertools.count(1)
_relay: _Relay | None = None
_quit_hooked: QCoreApplication | None = None  # the application whose quit drains the pools

_FINISHED, _FAILED, _CANCELLED = "finished", "failed", "cancelled"


def thread_pool(name: str) -> QThreadPool:
    """The pool called ``name`` (one of :data:`POOL_SIZES`), made on first use.

    Never a child of a window: deleting a window would otherwise wait for the pool's threads
    on the GUI thread.
    """
    if name not in POOL_SIZES:
        raise ValueError(f"unknown pool {name!r}; one of {', '.join(POOL_SIZES)}")
    found = _pools.get(name)
    if found is None:
        found = QThreadPool()
        found.setObjectName(f"{name}-pool")
        found.setMaxThreadCount(POOL_SIZES[name])
        _pools[name] = found
    _drain_at_quit()
    return found


def _drain_at_quit() -> None:
    """Connect :func:`drain` to the application's ``aboutToQuit``, once per application."""
    global _quit_hooked
    app = QCoreApplication.instance()
    if app is not None and _quit_hooked is not app:
        app.aboutToQuit.connect(drain)
        _quit_hooked = app


def wait_for_pool(name: str, msecs: int) -> bool:
    """Block until the pool's running work ended (True) or ``msecs`` passed (False)."""
    if name not in _pools:
        return True
    return bool(_pools[name].waitForDone(msecs))


def drain(msecs: int = DRAIN_MS) -> bool:
    """At quit (not at a window's close): ask every task to stop and wait up to ``msecs`` in
    all for the pools to finish. True when nothing is left running."""
    for task in list(RUNNING.values()):
        task.cancel()
    deadline = time.monotonic() + msecs / 1000
    ended = True
    for each in _pools.values():
        left = max(0, int((deadline - time.monotonic()) * 1000))
        ended = bool(each.waitForDone(left)) and ended
    return ended


class TaskSignals(QObject):
    """A task's signals; they are emitted on the GUI thread only."""

    finished = Signal(object)  # the function's result
    failed = Signal(str)  # a message for the user
    cancelled = Signal()
    progress = Signal(int, int)  # done, total

    def __init__(self, cancel: threading.Event) -> None:
        super().__init__()
        self._cancel = cancel
        self.owner_alive = True

    def deliver(self, kind: str, payload: Any) -> None:
        if not self.owner_alive:
            return
        if kind == _FINISHED:
            self.finished.emit(payload)
        elif kind == _FAILED:
            self.failed.emit(payload)
        else:
            self.cancelled.emit()

    @Slot()
    def owner_deleted(self) -> None:
        """The task's owner is gone: nobody wants the outcome; ask the work to stop."""
        self.owner_alive = False
        self._cancel.set()


class _Relay(QObject):
    """Lives on the GUI thread for the whole session; pool threads emit through it, so they
    never hold a task's own QObject when it is freed."""

    ended = Signal(int, str, object)  # key, kind, payload
    progressed = Signal(int, int, int)  # key, done, total

    def __init__(self) -> None:
        super().__init__()
        self.ended.connect(self._deliver)
        self.progressed.connect(self._progress)

    @Slot(int, str, object)
    def _deliver(self, key: int, kind: str, payload: object) -> None:
        task = RUNNING.get(key)
        if task is None:
            return
        try:
            task.signals.deliver(kind, payload)
        finally:
            RUNNING.pop(key, None)

    @Slot(int, int, int)
    def _progress(self, key: int, done: int, total: int) -> None:
        task = RUNNING.get(key)
        if task is not None and task.signals.owner_alive:
            task.signals.progress.emit(done, total)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() != app.thread():
            _relay.moveToThread(app.thread())
    return _relay


def _emit(signal: Any, *args: object) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:  # the application is being torn down
        log.debug("Background outcome dropped during shutdown")


class Task:
    """Runs ``function(task)`` in a pool thread; ``task.cancel()`` asks it to stop.

    The function reports with ``task.report_progress(done, total)`` and polls
    ``task.is_cancelled()``; it raises ``cancel_error`` (if given) when it stopped early. An
    exception of ``expected_errors`` becomes ``failed(str(exc))``; any other is logged and
    becomes ``failed("TypeName: text")``. Make tasks on the GUI thread and start them with
    :func:`start_task`.
    """

    def __init__(
        self,
        function: Callable[[Task], Any],
        *,
        cancel_error: type[BaseException] | None = None,
        expected_errors: tuple[type[BaseException], ...] = (),
    ) -> None:
        self._function = function
        self._cancel = threading.Event()
        self._cancel_error = cancel_error
        self._expected = expected_errors
        self._key = 0  # set by start_task
        self.signals = TaskSignals(self._cancel)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report_progress(self, done: int, total: int) -> None:
        _emit(_the_relay().progressed, self._key, done, total)

    def outcome(self) -> tuple[str, Any]:
        """Run the function here; ``(kind, payload)`` for the GUI thread."""
        try:
            return _FINISHED, self._function(self)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the UI
            if self._cancel_error is not None and isinstance(exc, self._cancel_error):
                return _CANCELLED, None
            if isinstance(exc, self._expected):
                return _FAILED, str(exc)
            log.exception("Background task failed")
            return _FAILED, f"{type(exc).__name__}: {exc}"


def _run(key: int, task_ref: weakref.ref[Task]) -> None:
    """A pool thread's part. It lets go of the task before handing the outcome over, so the
    last reference (and the task's QObject) is always dropped on the GUI thread."""
    task = task_ref()
    if task is None:
        return
    kind, payload = task.outcome()
    del task
    _emit(_the_relay().ended, key, kind, payload)


def start_task(task: Task, pool: str = "general", owner: QObject | None = None) -> Task:
    """Run ``task`` in the pool called ``pool``, kept referenced until its outcome is handled.

    With an ``owner``, the task is cancelled and its outcome dropped if the owner is deleted
    before it arrives (so a closed dialog is never called back).
    """
    runner = thread_pool(pool)
    _the_relay()
    if owner is not None:
        owner.destroyed.connect(task.signals.owner_deleted)
    task._key = next(_keys)
    RUNNING[task._key] = task
    runner.start(functools.partial(_run, task._key, weakref.ref(task)))
    return task


def run_in_background(
    owner: QObject,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    *,
    on_failed: Callable[[str], None] | None = None,
    expected_errors: tuple[type[BaseException], ...] = (),
    pool: str = "general",
) -> Task:
    """Run ``work()`` off the GUI thread, then ``on_done(result)`` on it unless ``owner`` was
    deleted meanwhile. A failure calls ``on_failed(message)`` when given, else it is logged."""
    task = Task(lambda _task: work(), expected_errors=expected_errors)
    task.signals.finished.connect(on_done)
    if on_failed is not None:
        task.signals.failed.connect(on_failed)
    else:
        task.signals.failed.connect(lambda message: log.warning("Background work: %s", message))
    return start_task(task, pool=pool, owner=owner)
