"""The one Qt-free way to run work on other threads, for the core (checks, reports, store, CLI).

The UI has its own helper (``ui/background.py``: pools, results delivered on the GUI thread);
code below the UI cannot import Qt, so it uses this module instead. Everything here is a daemon
thread: a call we cannot interrupt (``getaddrinfo``, a device driver, a stalled socket) is left
to end on its own timeouts, and never keeps the process from exiting.

- :func:`start_job` runs a function on its own thread; :meth:`Job.wait_for` waits for it with a
  time limit while watching a stop condition (a cancel token), the shape of every bounded call.
- :func:`run_parallel` runs a few independent calls at once and returns all their results.
- :func:`call_later` runs a function after a delay unless cancelled first (a watchdog).
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

POLL_S = 0.05  # how often a waiting caller looks at its stop condition


class Ended(enum.Enum):
    """How :meth:`Job.wait_for` returned."""

    DONE = "done"  # the function returned or raised
    STOPPED = "stopped"  # the stop condition became true first
    TIMED_OUT = "timed_out"  # the time limit passed first


class Job(Generic[T]):
    """A function running on its own daemon thread; made by :func:`start_job`."""

    def __init__(self, function: Callable[[], T], name: str) -> None:
        self.name = name
        self._function = function
        self._done = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def _run(self) -> None:
        try:
            self._value = self._function()
        except BaseException as exc:  # noqa: BLE001 - kept for the caller (result() raises it)
            self._error = exc
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def error(self) -> BaseException | None:
        """What the function raised (None while it runs or when it returned)."""
        return self._error

    def wait(self, timeout: float | None = None) -> bool:
        """Block up to ``timeout`` seconds (for ever when None); True when the job ended."""
        return self._done.wait(timeout)

    def wait_for(
        self,
        timeout_s: float | None,
        should_stop: Callable[[], bool] = lambda: False,
        poll_s: float = POLL_S,
    ) -> Ended:
        """Wait until the job ends, ``should_stop()`` turns true or ``timeout_s`` passes.

        A job that has ended is DONE even if the stop condition is true as well (its result
        is there; the caller decides). The stop condition is looked at every ``poll_s``, so a
        cancel is answered within that time; the job itself is not stopped (it ends on its own
        timeouts).
        """
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            if self._done.is_set():
                return Ended.DONE
            if should_stop():
                return Ended.STOPPED
            step = poll_s
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return Ended.TIMED_OUT
                step = min(step, left)
            self._done.wait(step)

    def result(self) -> T:
        """The function's return value; re-raises what it raised. Call once it is done."""
        if not self._done.is_set():
            raise RuntimeError(f"job {self.name} has not ended")
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set (a T) when it ended without error


def start_job(function: Callable[[], T], *, name: str) -> Job[T]:
    """Start ``function()`` on a daemon thread called ``name`` (seen in logs and debuggers)."""
    job = Job(function, name)
    job._thread.start()
    return job


def run_parallel(
    calls: Mapping[str, Callable[[], T]], *, max_workers: int, name: str
) -> dict[str, T]:
    """Run ``calls`` on up to ``max_workers`` threads; their results by key.

    The first exception (in the order of ``calls``) is raised once every call has ended.
    """
    if not calls:
        return {}
    with ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=name) as pool:
        futures = {key: pool.submit(call) for key, call in calls.items()}
        return {key: future.result() for key, future in futures.items()}


class Delayed:
    """A call that runs after a delay unless :meth:`cancel` comes first; from :func:`call_later`."""

    def __init__(self, seconds: float, function: Callable[[], object], name: str) -> None:
        self._cancelled = threading.Event()

        def wait_then_call() -> None:
            if not self._cancelled.wait(seconds):
                try:
                    function()
                except Exception:  # nobody waits for it: say so in the log
                    log.exception("Delayed call %s failed", name)

        self._job = start_job(wait_then_call, name=name)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def done(self) -> bool:
        """True once the call ran (or was cancelled and its thread ended)."""
        return self._job.done


def call_later(seconds: float, function: Callable[[], object], *, name: str) -> Delayed:
    """Run ``function()`` on a daemon thread after ``seconds``; ``cancel()`` prevents it."""
    return Delayed(seconds, function, name)
