"""The self-test's report: one line per check, a summary, and the error a check raises.

Qt-free and low in the layers, so both halves of the self-test use it: the core checks in
:mod:`hearing_helper.commands.self_test` and the Qt checks in :mod:`hearing_helper.ui.self_test`
(which must not import ``commands``).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


class SelfTestError(Exception):
    """A check failed for a reason worth printing as-is (no traceback)."""


@dataclass
class CheckLine:
    name: str
    ok: bool
    detail: str

    def render(self) -> str:
        return f"{'OK  ' if self.ok else 'FAIL'}  {self.name:<13}{self.detail}"


@dataclass
class SelfTestReport:
    """Collects one line per check; ``current`` names the check running (for the watchdog)."""

    lines: list[CheckLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    current: str = ""
    echo: bool = True

    def run(self, name: str, check: Callable[[], str]) -> bool:
        """Run ``check`` (returns a detail text or raises); record and print its line."""
        self.current = name
        started = time.monotonic()
        try:
            detail = check()
            line = CheckLine(name, True, detail)
        except SelfTestError as exc:
            line = CheckLine(name, False, str(exc))
        except Exception as exc:  # a self-test reports every failure, it never crashes
            log.debug("self-test check %s raised", name, exc_info=True)
            line = CheckLine(name, False, f"{type(exc).__name__}: {exc}")
        elapsed = time.monotonic() - started
        if elapsed > 1.0:
            line.detail += f" ({elapsed:.1f} s)"
        self.lines.append(line)
        self.current = ""
        if self.echo:
            print_line(line.render())
        return line.ok

    def fail(self, name: str, reason: str) -> None:
        self.run(name, lambda: _raise(reason))

    @property
    def failed(self) -> list[CheckLine]:
        return [line for line in self.lines if not line.ok]

    def summary(self) -> str:
        if not self.lines:
            return "Self-test FAILED: no check ran"
        if self.failed:
            names = ", ".join(line.name for line in self.failed)
            return f"Self-test FAILED: {len(self.failed)} of {len(self.lines)} checks ({names})"
        return f"Self-test passed: {len(self.lines)} checks OK"

    def text(self, header: str) -> str:
        body = [header, *(line.render() for line in self.lines)]
        body += [f"note: {note}" for note in self.notes]
        body.append(self.summary())
        return "\n".join(body) + "\n"


def _raise(reason: str) -> str:
    raise SelfTestError(reason)


def print_line(text: str) -> None:
    # A windowed executable on Windows has no stdout at all (sys.stdout is None).
    if sys.stdout is not None:
        print(text, flush=True)
