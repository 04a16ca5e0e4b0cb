"""The Qt-free background helper of the core: jobs, bounded waits, parallel calls, watchdogs."""

from __future__ import annotations

import threading

import pytest

from hearing_helper.background_core import Ended, call_later, run_parallel, start_job


def test_a_job_runs_on_its_own_named_thread_and_returns_its_value() -> None:
    job = start_job(lambda: threading.current_thread().name, name="job-under-test")
    assert job.wait(10)
    assert job.done
    assert job.result() == "job-under-test"
    assert job.error is None


def test_a_job_keeps_what_it_raised_for_the_caller() -> None:
    def broken() -> None:
        raise ValueError("bad input")

    job = start_job(broken, name="broken")
    assert job.wait_for(10) is Ended.DONE
    assert isinstance(job.error, ValueError)
    with pytest.raises(ValueError, match="bad input"):
        job.result()


def test_a_result_asked_for_too_early_is_an_error() -> None:
    gate = threading.Event()
    job = start_job(lambda: gate.wait(10), name="waiting")
    with pytest.raises(RuntimeError, match="has not ended"):
        job.result()
    gate.set()
    assert job.wait(10)


def test_wait_for_returns_when_the_stop_condition_turns_true() -> None:
    gate = threading.Event()
    stop = threading.Event()
    job = start_job(lambda: gate.wait(30), name="stalled")
    threading.Timer(0.1, stop.set).start()  # the test's own clock, not the helper
    assert job.wait_for(30, should_stop=stop.is_set, poll_s=0.01) is Ended.STOPPED
    assert not job.done  # the job itself is left to end on its own
    gate.set()
    assert job.wait(10)


def test_wait_for_gives_up_at_the_time_limit() -> None:
    gate = threading.Event()
    job = start_job(lambda: gate.wait(30), name="stalled")
    assert job.wait_for(0.05, poll_s=0.01) is Ended.TIMED_OUT
    gate.set()
    assert job.wait(10)


def test_an_ended_job_is_done_even_when_stop_is_true_too() -> None:
    job = start_job(lambda: 1, name="quick")
    assert job.wait(10)
    assert job.wait_for(10, should_stop=lambda: True) is Ended.DONE
    assert job.result() == 1


def test_run_parallel_returns_every_result_by_key_and_overlaps_the_calls() -> None:
    both_in = threading.Barrier(2, timeout=10)  # only passes when two calls run at once

    def meet(value: int) -> int:
        both_in.wait()
        return value

    results = run_parallel(
        {"a": lambda: meet(1), "b": lambda: meet(2)}, max_workers=2, name="test-parallel"
    )
    assert results == {"a": 1, "b": 2}
    assert run_parallel({}, max_workers=2, name="none") == {}


def test_run_parallel_raises_a_call_s_error() -> None:
    def broken() -> int:
        raise KeyError("missing")

    with pytest.raises(KeyError):
        run_parallel({"ok": lambda: 1, "broken": broken}, max_workers=2, name="test-parallel")


def test_call_later_runs_the_function_after_the_delay() -> None:
    called = threading.Event()
    call_later(0.01, called.set, name="watchdog")
    assert called.wait(10)


def test_call_later_cancelled_never_runs() -> None:
    called = threading.Event()
    delayed = call_later(30, called.set, name="watchdog")
    delayed.cancel()
    for _ in range(200):
        if delayed.done:
            break
        threading.Event().wait(0.05)
    assert delayed.done
    assert not called.is_set()


def test_a_failing_delayed_call_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> None:
        raise OSError("disk gone")

    delayed = call_later(0, broken, name="broken-watchdog")
    for _ in range(200):
        if delayed.done:
            break
        threading.Event().wait(0.05)
    assert "Delayed call broken-watchdog failed" in caplog.text
