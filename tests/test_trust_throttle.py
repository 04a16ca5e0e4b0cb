"""The supervisor throttle never locks anyone out for longer than its cap (issue 18, finding 3):
a state file with a failure time in the future or a huge failure count is clamped on read, the
wait never exceeds MAX_DELAY_S, and no count makes the delay overflow."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from hearing_helper.auth import MAX_DELAY_S, SupervisorAuth, delay_after
from hearing_helper.services import AppServices

PASSWORD = "richter-2026"
NOW = 1_800_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    services = AppServices.open(data_dir)
    yield services
    services.close()


@pytest.mark.parametrize("failures", [0, 1, 9, 10, 64, 1024, 1025, 5000, 10_000, 10**6])
def test_delay_never_exceeds_the_cap_nor_overflows(failures: int) -> None:
    assert 0 <= delay_after(failures) <= MAX_DELAY_S


@pytest.mark.parametrize(
    "state",
    [
        {"failures": 3, "last_failure_at": NOW + 2_305_784_318},  # the review's future time
        {"failures": 1025, "last_failure_at": NOW - 1},
        {"failures": 10_000, "last_failure_at": NOW + 10**12},
        {"failures": 10**9, "last_failure_at": 1e308},
        {"failures": 2, "last_failure_at": -1e308},
    ],
)
def test_state_extremes_are_clamped_and_the_right_password_gets_in(
    services: AppServices, state: dict[str, float]
) -> None:
    clock = Clock()
    auth = SupervisorAuth(services.settings, services.repo, services.data_dir, clock=clock)
    auth.set_password(PASSWORD, "it")
    auth.state_path.write_text(json.dumps(state), encoding="utf-8")
    wait = auth.wait_seconds()
    assert 0 <= wait <= MAX_DELAY_S
    first = auth.check(PASSWORD, "desk")
    assert first.ok or (first.code == "locked" and first.wait_seconds <= MAX_DELAY_S)
    assert "Try again in" not in first.message() or int(first.wait_seconds) <= MAX_DELAY_S
    clock.now += MAX_DELAY_S
    assert auth.check(PASSWORD, "desk").ok


def test_a_wrong_password_after_a_huge_count_is_an_answer_not_a_crash(
    services: AppServices,
) -> None:
    clock = Clock()
    auth = SupervisorAuth(services.settings, services.repo, services.data_dir, clock=clock)
    auth.set_password(PASSWORD, "it")
    auth.state_path.write_text(json.dumps({"failures": 1025, "last_failure_at": 0}))
    result = auth.check("wrong-one", "desk")
    assert result.code == "wrong" and result.wait_seconds == MAX_DELAY_S
