"""Time budgets, bounded blocking calls and the small statistics of the network check.

A blocking call we cannot interrupt (``getaddrinfo``, a ``requests`` call) runs as a job of
:mod:`hearing_helper.background_core` (a daemon thread) while the caller waits in short slices,
so the check answers a cancel or a deadline within ~50 ms; the abandoned call is itself bounded
by its own socket timeouts and ends soon.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from hearing_helper.background_core import Ended, start_job
from hearing_helper.checks.base import CancelledError, CancelToken

T = TypeVar("T")

POLL_S = 0.05  # how often waits look at the cancel token


class PhaseTimeoutError(Exception):
    """A phase ran out of its slice of the time budget."""


class Deadline:
    """A point in monotonic time with helpers to hand out slices of what is left."""

    def __init__(self, seconds: float, start: float | None = None) -> None:
        self.start = time.monotonic() if start is None else start
        self.at = self.start + max(0.0, seconds)

    def remaining(self) -> float:
        return max(0.0, self.at - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self.at

    def slice(self, share: float) -> Deadline:
        """A deadline after ``share`` (0..1) of the time left, never beyond this one."""
        share = min(1.0, max(0.0, share))
        return Deadline(self.remaining() * share)

    def earliest(self, seconds: float) -> Deadline:
        """This deadline or ``seconds`` from now, whichever comes first."""
        return Deadline(min(self.remaining(), max(0.0, seconds)))


def run_bounded(
    func: Callable[[], T], deadline: Deadline, cancel: CancelToken, name: str = "net"
) -> T:
    """Run ``func`` in a daemon thread; return its result or re-raise its exception.

    Raises :class:`CancelledError` as soon as ``cancel`` fires and :class:`PhaseTimeoutError` when
    ``deadline`` passes first; the thread is then left to finish on its own timeouts.
    """
    job = start_job(func, name=f"netcheck-{name}")
    ended = job.wait_for(deadline.remaining(), should_stop=lambda: cancel.cancelled, poll_s=POLL_S)
    cancel.raise_if_cancelled()
    if ended is Ended.TIMED_OUT:
        raise PhaseTimeoutError(name)
    return job.result()


def wait_cancellable(seconds: float, cancel: CancelToken) -> None:
    """Sleep ``seconds`` unless cancelled (then raise :class:`CancelledError`)."""
    if seconds > 0 and cancel.wait(seconds):
        raise CancelledError


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile (p90 of 10 samples is the 9th smallest)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def jitter(values: Sequence[float]) -> float | None:
    """Mean absolute difference of consecutive values (RFC 3550 style, without smoothing)."""
    if len(values) < 2:
        return None
    diffs = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    return sum(diffs) / len(diffs)


def ms(seconds: float) -> float:
    """Seconds to milliseconds rounded to 0.1 ms, the precision shown and stored."""
    return round(seconds * 1000, 1)
