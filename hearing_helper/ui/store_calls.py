"""Repository calls made for the window, never on its GUI thread when the database is a server.

With ``--database postgresql://…`` every call may wait on the network (a server 300 ms away, or
one that is down until its timeout), so :class:`StoreCalls` runs it in a pool thread of its own
and hands the result back on the GUI thread. One thread: calls run in the order they were made
(a draft saved, then read back, reads what was saved). With the desk's own SQLite file the call
is local and quick and runs inline, so the callbacks are the one code path on both kinds of
store and a desk behaves exactly as before (a saved draft is in the file when ``run`` returns).
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject

from hearing_helper.services import AppServices
from hearing_helper.store import AssistRepository, Store, StoreError
from hearing_helper.ui.background import Task, start_task, wait_for_pool

log = logging.getLogger(__name__)

T = TypeVar("T")
POOL = "database"  # one thread: calls run in the order they were made (ui/background.py)


@dataclass(frozen=True)
class Answer(Generic[T]):
    """What a call returned, or the StoreError (or OSError) it raised."""

    value: T | None = None
    error: Exception | None = None


def _answer(work: Callable[[AssistRepository], T], repo: AssistRepository) -> Answer[T]:
    try:
        return Answer(value=work(repo))
    except (StoreError, OSError) as exc:
        return Answer(error=exc)


def alive(owner: QObject) -> bool:
    """False once Qt deleted ``owner`` (a closed wizard or dialog): its answer is dropped."""
    return shiboken6.isValid(owner)


class StoreCalls:
    """Runs ``work(repository)`` off the GUI thread for a server, inline for a local file."""

    def __init__(self, repo: AssistRepository, *, in_background: bool) -> None:
        self.repo = repo
        self.in_background = in_background
        self._running = 0

    def run(
        self,
        work: Callable[[AssistRepository], T],
        on_done: Callable[[T], object],
        on_error: Callable[[Exception], object] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Call ``work(repository)``; then ``on_done(result)`` or ``on_error(exc)`` on the GUI
        thread, unless ``owner`` was deleted meanwhile. Only StoreError and OSError are
        expected (other errors are bugs: logged, then handed to ``on_error`` as well so that no
        caller waits for ever)."""

        def deliver(answer: Answer[T]) -> None:
            if owner is not None and not alive(owner):
                return
            if answer.error is None:
                on_done(answer.value)  # type: ignore[arg-type]
            elif on_error is not None:
                on_error(answer.error)
            else:
                log.error("A database call failed: %s", answer.error)

        if not self.in_background:
            deliver(_answer(work, self.repo))
            return
        repo = self.repo
        task = Task(lambda _task: _answer(work, repo))
        self._running += 1
        task.signals.finished.connect(lambda answer: self._delivered(answer, deliver))
        task.signals.failed.connect(
            lambda message: self._delivered(Answer(error=StoreError(message)), deliver)
        )
        start_task(task, pool=POOL)

    def _delivered(self, answer: Answer[Any], deliver: Callable[[Answer[Any]], None]) -> None:
        self._running -= 1
        deliver(answer)

    def is_idle(self) -> bool:
        return self._running == 0

    def wait_idle(self, msecs: int) -> bool:
        """Wait for calls in flight (at quit, never while the clerk works)."""
        return wait_for_pool(POOL, msecs)


# One StoreCalls per open store, shared by the windows of a session (a language switch rebuilds
# the window; work queued by the old one keeps its order).
_calls: weakref.WeakKeyDictionary[Store, StoreCalls] = weakref.WeakKeyDictionary()


def calls_for(services: AppServices) -> StoreCalls:
    store = services.store
    calls = _calls.get(store)
    if calls is None:
        calls = StoreCalls(store.repository, in_background=store.is_server)
        _calls[store] = calls
    return calls
