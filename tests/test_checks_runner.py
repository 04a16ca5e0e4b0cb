"""The check runner: streaming, timeouts, cancel, exceptions, lanes."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import pytest

from hearing_helper.checks.base import (
    CancelToken,
    CheckContext,
    CheckResult,
    CheckStatus,
)
from hearing_helper.checks.runner import CheckRunner, lanes_of, run_checks, timeout_for
from hearing_helper.checks.thresholds import effective_thresholds


@dataclass
class SleepyCheck:
    id: str
    seconds: float = 0.0
    needs: tuple[str, ...] = ()
    timeout_s: float = 5.0
    title_key: str = ""
    fail_with: Exception | None = None
    ignore_cancel: bool = False
    log: list[tuple[str, str, float]] = field(default_factory=list)
    started: threading.Event = field(default_factory=threading.Event)
    # When given, the check waits for this gate instead of sleeping: a test then knows for
    # certain that the check is still running, without reading a clock.
    gate: threading.Event | None = None

    def run(self, ctx: CheckContext, cancel: CancelToken) -> CheckResult:
        self.log.append((self.id, "start", time.monotonic()))
        self.started.set()
        if self.fail_with is not None:
            raise self.fail_with
        if self.gate is not None and self.ignore_cancel:
            self.gate.wait(60)
        elif self.gate is not None:
            while not self.gate.wait(0.01):
                cancel.raise_if_cancelled()
        elif self.ignore_cancel:
            time.sleep(self.seconds)
        elif cancel.wait(self.seconds):
            cancel.raise_if_cancelled()
        self.log.append((self.id, "end", time.monotonic()))
        return CheckResult(self.id, CheckStatus.PASS, f"{self.id}.ok", {"slept_s": self.seconds})


def _ctx(**options: object) -> CheckContext:
    return CheckContext(effective_thresholds(), options=dict(options))


def test_results_stream_in_finishing_order() -> None:
    seen: list[str] = []
    checks = [SleepyCheck("slow", 0.4), SleepyCheck("fast", 0.0)]
    results = run_checks(checks, _ctx(), on_result=lambda r: seen.append(r.check_id))
    assert seen == ["fast", "slow"]
    assert [r.check_id for r in results] == ["fast", "slow"]
    assert all(r.status is CheckStatus.PASS for r in results)


def test_start_returns_at_once_and_callbacks_come_from_workers() -> None:
    threads: list[str] = []
    done = threading.Event()
    gate = threading.Event()
    check = SleepyCheck("a", gate=gate)
    runner = CheckRunner(
        [check],
        _ctx(),
        on_result=lambda r: threads.append(threading.current_thread().name),
        on_finished=done.set,
    )
    runner.start()
    # start() came back while the check is held at its gate: it did not wait for the check.
    assert not done.is_set() and not threads
    gate.set()
    assert done.wait(30)
    assert threads and threads[0] != threading.main_thread().name


def test_timeout_gives_fail_with_code() -> None:
    result = run_checks([SleepyCheck("stuck", 10.0, timeout_s=0.3)], _ctx())[0]
    assert result.status is CheckStatus.FAIL
    assert result.code == "stuck.timeout"
    assert result.remedy_code == "stuck.timeout"
    assert result.metrics["timeout_s"] == 0.3


def test_timeout_even_when_check_ignores_cancel() -> None:
    gate = threading.Event()
    deaf = SleepyCheck("deaf", timeout_s=0.2, ignore_cancel=True, gate=gate)
    try:
        result = run_checks([deaf], _ctx())[0]
        assert result.code == "deaf.timeout"
        # The runner answered while the deaf check was still held: it did not wait for it.
        assert not any(event == "end" for _, event, _ in deaf.log)
    finally:
        gate.set()


def test_exception_gives_error_and_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    result = run_checks([SleepyCheck("boom", fail_with=RuntimeError("secret detail"))], _ctx())[0]
    assert result.status is CheckStatus.ERROR
    assert result.code == "boom.error"
    assert "secret detail" not in str(result.to_json())
    assert "secret detail" in caplog.text  # traceback goes to the log only


def test_cancel_stops_running_and_pending_checks() -> None:
    cancel = CancelToken()
    never = threading.Event()  # a1 can only end by being cancelled
    checks = [
        SleepyCheck("a1", needs=("audio",), gate=never, timeout_s=120),
        SleepyCheck("a2", 0.0, needs=("audio",)),
    ]
    runner = CheckRunner(checks, _ctx(), cancel=cancel)
    runner.start()
    assert checks[0].started.wait(30)
    runner.cancel()
    assert runner.wait(30)
    assert not never.is_set()
    codes = {r.check_id: (r.status, r.code) for r in runner.results}
    assert codes["a1"] == (CheckStatus.SKIPPED, "a1.cancelled")
    assert codes["a2"] == (CheckStatus.SKIPPED, "a2.cancelled")
    assert not any(event == "start" for name, event, _ in checks[1].log)


def test_audio_checks_never_overlap_but_network_runs_beside_camera() -> None:
    log: list[tuple[str, str, float]] = []
    checks = [
        SleepyCheck("camera", 0.3, needs=("camera",), log=log),
        SleepyCheck("network", 0.3, needs=("network",), log=log),
        SleepyCheck("microphone", 0.2, needs=("audio",), log=log),
        SleepyCheck("speakers", 0.2, needs=("audio",), log=log),
    ]
    run_checks(checks, _ctx())
    times = {(name, event): at for name, event, at in log}
    assert times[("speakers", "start")] >= times[("microphone", "end")]
    assert times[("network", "start")] < times[("camera", "end")]  # in parallel


def test_lanes_merge_shared_needs_and_keep_order() -> None:
    a = SleepyCheck("a", needs=("x",))
    b = SleepyCheck("b", needs=("y",))
    c = SleepyCheck("c", needs=("x", "y"))
    d = SleepyCheck("d")
    lanes = lanes_of([a, b, c, d])
    assert [[check.id for check in lane] for lane in lanes] == [["a", "b", "c"], ["d"]]


def test_configured_timeout_extends_limit() -> None:
    check = SleepyCheck("network", timeout_s=5.0)
    assert timeout_for(check, _ctx(network_timeout_s=20.0)) == 22.0
    assert timeout_for(check, _ctx(network_timeout_s=1.0)) == 5.0
    assert timeout_for(check, _ctx()) == 5.0


def test_broken_callback_does_not_stop_other_results() -> None:
    calls: list[str] = []

    def callback(result: CheckResult) -> None:
        calls.append(result.check_id)
        raise ValueError("listener bug")

    results = run_checks([SleepyCheck("a"), SleepyCheck("b")], _ctx(), on_result=callback)
    assert len(results) == 2 and sorted(calls) == ["a", "b"]


def test_empty_run_finishes() -> None:
    done = threading.Event()
    runner = CheckRunner([], _ctx(), on_finished=done.set)
    runner.start()
    assert done.is_set() and runner.results == []
