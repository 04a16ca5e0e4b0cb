"""A repository stand-in that records which thread called each method (issue 24, finding 10).

It wraps a real repository and passes every call through, so the window works as with the
real one; the test then reads ``gui_thread_calls`` -- thread identity, never wall-clock time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hearing_helper.services import AppServices
from hearing_helper.store import Store

# Attributes read as data, not calls that reach the database.
PLAIN_ATTRIBUTES = {"audit_key", "desk_id", "address", "location"}


class ThreadRecordingRepository:
    def __init__(self, real: Any) -> None:
        self._real = real
        self._lock = threading.Lock()
        self.calls: list[tuple[str, bool]] = []  # (method, on the GUI thread)

    @property
    def gui_thread_calls(self) -> list[str]:
        with self._lock:
            return [name for name, on_gui in self.calls if on_gui]

    def called(self, name: str) -> bool:
        with self._lock:
            return any(called == name for called, _ in self.calls)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._real, name)
        if name in PLAIN_ATTRIBUTES or not callable(value):
            return value

        def recorded(*args: Any, **kwargs: Any) -> Any:
            on_gui = threading.current_thread() is threading.main_thread()
            with self._lock:
                self.calls.append((name, on_gui))
            return value(*args, **kwargs)

        return recorded


def recording_services(services: AppServices) -> tuple[AppServices, ThreadRecordingRepository]:
    """``services`` whose repository records the calling thread of every call."""
    recorder = ThreadRecordingRepository(services.store.repository)
    store = Store(repository=recorder, reports=services.store.reports, is_server=True)
    wrapped: Callable[..., AppServices] = replace
    return wrapped(services, store=store), recorder
