"""The check framework: what a check is, what it returns, and how it is cancelled.

Checks return codes and numbers, never sentences: the UI maps ``code``/``remedy_code`` to
translated text (see ``hearing_helper.checks.remedies``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from hearing_helper.domain.record import CheckRecord, now_local


class CheckStatus(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    SKIPPED = "skipped"
    ERROR = "error"  # the check itself broke (a bug or an unexpected OS error)

    @property
    def severity(self) -> int:
        return {"pass": 0, "skipped": 0, "warn": 1, "fail": 2, "error": 2}[self.value]


class CancelledError(Exception):
    """Raised inside a check when its cancel token fires."""


class CancelToken:
    """Cooperative cancellation shared between the runner, the UI and a running check."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CancelledError

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True when cancelled meanwhile."""
        return self._event.wait(seconds)


@dataclass
class CheckResult:
    check_id: str
    status: CheckStatus
    code: str  # machine-readable reason, e.g. "camera.no_frames"
    metrics: dict[str, Any] = field(default_factory=dict)  # units in key names: fps, rms_dbfs
    remedy_code: str = ""  # what the clerk should do, e.g. "camera.close_other_apps"
    started: datetime = field(default_factory=now_local)
    ended: datetime = field(default_factory=now_local)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.check_id,
            "status": str(self.status),
            "code": self.code,
            "remedy_code": self.remedy_code,
            "metrics": self.metrics,
            "started": self.started.isoformat(),
            "ended": self.ended.isoformat(),
        }

    @classmethod
    def from_record(cls, record: CheckRecord) -> CheckResult:
        """The result back from its stored form (e.g. a record resumed after a restart)."""
        return cls(
            check_id=record.check_id,
            status=CheckStatus(record.status),
            code=record.code,
            metrics=dict(record.metrics),
            remedy_code=record.remedy_code,
            started=record.started_at or now_local(),
            ended=record.ended_at or now_local(),
        )

    def to_record(self) -> CheckRecord:
        return CheckRecord(
            check_id=self.check_id,
            status=str(self.status),
            code=self.code,
            metrics=dict(self.metrics),
            remedy_code=self.remedy_code,
            started_at=self.started,
            ended_at=self.ended,
        )


@dataclass
class CheckContext:
    """What a check may use: thresholds, settings, the platform's endpoints, device adapters."""

    thresholds: Mapping[str, float]
    platform_id: str = ""
    endpoints: list[str] = field(default_factory=list)  # network test URLs
    stun_servers: list[str] = field(default_factory=list)  # "host:port"
    devices: Any = None  # a DeviceProvider (ui/devices) or a fake in tests
    interactive: bool = True  # False on the CLI: nobody can confirm "I heard the tone"
    options: dict[str, Any] = field(default_factory=dict)


class Check(Protocol):
    id: str
    title_key: str  # translation source of the check's title, context "checks"
    needs: tuple[str, ...]  # e.g. ("camera",), ("network",)
    timeout_s: float

    def run(self, ctx: CheckContext, cancel: CancelToken) -> CheckResult: ...


ResultCallback = Callable[[CheckResult], None]
