"""Runs checks off the calling thread with a per-check time limit and a shared cancel token,
handing each result to a callback as soon as it is ready. No Qt: the UI wraps the callbacks in
queued signals, the CLI collects the results.

Checks that need the same resource (``Check.needs``, e.g. "audio") run one after another in one
lane, in the order given; lanes run in parallel (so the network check runs beside the camera
check, while the microphone and speaker checks never overlap).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial

from hearing_helper.background_core import Ended, Job, start_job
from hearing_helper.checks.base import (
    CancelledError,
    CancelToken,
    Check,
    CheckContext,
    CheckResult,
    CheckStatus,
    ResultCallback,
)
from hearing_helper.domain.record import now_local

log = logging.getLogger(__name__)

POLL_S = 0.05  # how often a lane looks at the shared cancel token while a check runs
GRACE_S = 1.5  # after a timeout or cancel: how long to let a check release its device


def lanes_of(checks: Sequence[Check]) -> list[list[Check]]:
    """Group checks sharing any ``needs`` entry (transitively) into ordered lanes."""
    lanes: list[list[Check]] = []
    lane_needs: list[set[str]] = []
    for check in checks:
        needs = set(check.needs)
        joined = [i for i, existing in enumerate(lane_needs) if needs & existing]
        if not joined:
            lanes.append([check])
            lane_needs.append(needs)
            continue
        first = joined[0]
        for index in reversed(joined[1:]):  # this check links several lanes: merge them
            lanes[first] += lanes.pop(index)
            lane_needs[first] |= lane_needs.pop(index)
        lanes[first].append(check)
        lane_needs[first] |= needs
    order = {id(check): position for position, check in enumerate(checks)}
    for lane in lanes:
        lane.sort(key=lambda c: order[id(c)])
    return lanes


def timeout_for(check: Check, ctx: CheckContext) -> float:
    """The check's own limit, raised when the settings give it more time (e.g. the network
    time limit "network_timeout_s") plus a little margin for it to wrap up."""
    limit = float(getattr(check, "timeout_s", 30.0))
    configured = ctx.options.get(f"{check.id}_timeout_s")
    if isinstance(configured, int | float) and not isinstance(configured, bool):
        limit = max(limit, float(configured) + 2.0)
    return limit


def _generic(
    check: Check, status: CheckStatus, suffix: str, started: datetime | None = None
) -> CheckResult:
    remedy = f"{check.id}.{suffix}" if suffix in ("timeout", "error") else ""
    return CheckResult(
        check_id=check.id,
        status=status,
        code=f"{check.id}.{suffix}",
        remedy_code=remedy,
        started=started or now_local(),
    )


class CheckRunner:
    """Start with :meth:`start`; callbacks run on the runner's threads."""

    def __init__(
        self,
        checks: Sequence[Check],
        ctx: CheckContext,
        *,
        on_result: ResultCallback | None = None,
        on_started: Callable[[str], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        self.checks = list(checks)
        self.ctx = ctx
        self.cancel_token = cancel or CancelToken()
        self._on_result = on_result
        self._on_started = on_started
        self._on_finished = on_finished
        self._results: list[CheckResult] = []
        self._lock = threading.Lock()
        self._lanes: list[Job[None]] = []
        self._done = threading.Event()
        self._lanes_left = 0

    # --- public ----------------------------------------------------------------------------

    def start(self) -> None:
        lanes = lanes_of(self.checks)
        self._lanes_left = len(lanes)
        if not lanes:
            self._finish()
            return
        for number, lane in enumerate(lanes):
            self._lanes.append(
                start_job(partial(self._run_lane, lane), name=f"checks-lane-{number}")
            )

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """True when every check has a result."""
        return self._done.wait(timeout)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def results(self) -> list[CheckResult]:
        """Results so far, in the order they finished."""
        with self._lock:
            return list(self._results)

    # --- lanes -----------------------------------------------------------------------------

    def _run_lane(self, lane: list[Check]) -> None:
        try:
            for check in lane:
                if self.cancel_token.cancelled:
                    self._emit(_generic(check, CheckStatus.SKIPPED, "cancelled"))
                    continue
                self._emit(self._run_one(check))
        finally:
            with self._lock:
                self._lanes_left -= 1
                last = self._lanes_left == 0
            if last:
                self._finish()

    def _run_one(self, check: Check) -> CheckResult:
        if self._on_started:
            self._safe_call(self._on_started, check.id)
        started = now_local()
        token = CancelToken()  # this check's own: fires on shared cancel or on timeout

        def body() -> CheckResult:
            try:
                return check.run(self.ctx, token)
            except CancelledError:
                return _generic(check, CheckStatus.SKIPPED, "cancelled", started)
            except Exception:
                log.exception("Check %s failed with an exception", check.id)
                return _generic(check, CheckStatus.ERROR, "error", started)

        job = start_job(body, name=f"check-{check.id}")
        limit = timeout_for(check, self.ctx)
        ended = job.wait_for(limit, should_stop=lambda: self.cancel_token.cancelled, poll_s=POLL_S)
        if ended is Ended.STOPPED:
            token.cancel()
            job.wait(GRACE_S)
            return _generic(check, CheckStatus.SKIPPED, "cancelled", started)
        if ended is Ended.TIMED_OUT:
            log.warning("Check %s timed out after %.1f s", check.id, limit)
            token.cancel()
            job.wait(GRACE_S)
            result = _generic(check, CheckStatus.FAIL, "timeout", started)
            result.metrics["timeout_s"] = limit
            return result
        result = job.result()
        result.ended = now_local()
        return result

    def _emit(self, result: CheckResult) -> None:
        with self._lock:
            self._results.append(result)
        if self._on_result:
            self._safe_call(self._on_result, result)

    def _finish(self) -> None:
        self._done.set()
        if self._on_finished:
            self._safe_call(self._on_finished)

    @staticmethod
    def _safe_call(callback: Callable[..., None], *args: object) -> None:
        try:
            callback(*args)
        except Exception:  # a broken listener must not stop the other checks
            log.exception("Check runner callback failed")


def run_checks(
    checks: Sequence[Check],
    ctx: CheckContext,
    *,
    on_result: ResultCallback | None = None,
    cancel: CancelToken | None = None,
) -> list[CheckResult]:
    """Run ``checks`` and block until all have a result (for scripts and tests without Qt).

    Device checks using the Qt adapter need the GUI thread's event loop running meanwhile: use
    :class:`CheckRunner` and an event loop there instead.
    """
    runner = CheckRunner(checks, ctx, on_result=on_result, cancel=cancel)
    runner.start()
    runner.wait()
    return runner.results
