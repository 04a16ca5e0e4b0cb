"""The desk PC itself: OS, CPU load, free memory and disk, screen size, power.

Only the standard library: ``/proc`` and ``/sys`` on Linux, ``ctypes`` calls on Windows; a figure
the OS does not tell is simply left out. The screen size comes from the caller (Qt knows it;
this module must not import Qt) via ``ctx.options["screen"] = (width, height)``.
"""

from __future__ import annotations

import ctypes
import logging
import os
import platform
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from hearing_helper.checks.base import CancelToken, CheckContext, CheckResult, CheckStatus
from hearing_helper.domain.record import now_local
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

_MB = 1024 * 1024


def _linux_cpu_times() -> tuple[int, int] | None:
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except (OSError, IndexError):
        return None
    values = [int(v) for v in fields]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return idle, sum(values)


def cpu_load_pct(cancel: CancelToken, interval_s: float = 0.3) -> float | None:
    """Busy share of all CPUs over ``interval_s``; None when the OS does not say."""
    if sys.platform.startswith("linux"):
        first = _linux_cpu_times()
        cancel.wait(interval_s)
        second = _linux_cpu_times()
        if first is None or second is None or second[1] == first[1]:
            return None
        idle = second[0] - first[0]
        total = second[1] - first[1]
        return round(100.0 * (1 - idle / total), 1)
    if sys.platform == "win32":
        return _windows_cpu_load(cancel, interval_s)
    if hasattr(os, "getloadavg"):
        return round(100.0 * os.getloadavg()[0] / (os.cpu_count() or 1), 1)
    return None


def _windows_cpu_load(cancel: CancelToken, interval_s: float) -> float | None:
    class FileTime(ctypes.Structure):
        _fields_ = [("low", ctypes.c_uint32), ("high", ctypes.c_uint32)]

    def sample() -> tuple[int, int] | None:
        idle, kernel, user = FileTime(), FileTime(), FileTime()
        # ctypes.windll exists on Windows only; mypy checks the code as on Linux.
        ok = ctypes.windll.kernel32.GetSystemTimes(  # type: ignore[attr-defined]
            ctypes.byref(idle), ctypes.byref(kernel), ctypes.byref(user)
        )
        if not ok:
            return None

        def value(t: FileTime) -> int:
            return (int(t.high) << 32) | int(t.low)

        return value(idle), value(kernel) + value(user)  # kernel time includes idle

    first = sample()
    cancel.wait(interval_s)
    second = sample()
    if first is None or second is None or second[1] == first[1]:
        return None
    return round(100.0 * (1 - (second[0] - first[0]) / (second[1] - first[1])), 1)


def memory_mb() -> tuple[float, float] | None:
    """(available, total) memory in MB."""
    if sys.platform.startswith("linux"):
        try:
            info = {}
            for line in Path("/proc/meminfo").read_text().splitlines():
                key, _, rest = line.partition(":")
                info[key] = int(rest.split()[0]) * 1024
            return info["MemAvailable"] / _MB, info["MemTotal"] / _MB
        except (OSError, KeyError, ValueError, IndexError):
            return None
    if sys.platform == "win32":

        class MemoryStatus(ctypes.Structure):
            _fields_ = [
                ("length", ctypes.c_uint32),
                ("load", ctypes.c_uint32),
                ("total_phys", ctypes.c_uint64),
                ("avail_phys", ctypes.c_uint64),
                ("total_page", ctypes.c_uint64),
                ("avail_page", ctypes.c_uint64),
                ("total_virtual", ctypes.c_uint64),
                ("avail_virtual", ctypes.c_uint64),
                ("avail_ext", ctypes.c_uint64),
            ]

        status = MemoryStatus()
        status.length = ctypes.sizeof(MemoryStatus)
        # ctypes.windll exists on Windows only; mypy checks the code as on Linux.
        if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
            return status.avail_phys / _MB, status.total_phys / _MB
    return None


def power_source() -> tuple[str, float | None]:
    """("battery" | "mains" | "unknown", battery percent or None)."""
    if sys.platform.startswith("linux"):
        root = Path("/sys/class/power_supply")
        batteries = [p for p in root.glob("BAT*")] if root.exists() else []
        if not batteries:
            return ("mains" if root.exists() and any(root.iterdir()) else "unknown"), None
        try:
            status = (batteries[0] / "status").read_text().strip().lower()
            percent = float((batteries[0] / "capacity").read_text().strip())
        except (OSError, ValueError):
            return "unknown", None
        return ("battery" if status == "discharging" else "mains"), percent
    if sys.platform == "win32":

        class PowerStatus(ctypes.Structure):
            _fields_ = [
                ("ac_line", ctypes.c_ubyte),
                ("battery_flag", ctypes.c_ubyte),
                ("battery_percent", ctypes.c_ubyte),
                ("reserved", ctypes.c_ubyte),
                ("life_time", ctypes.c_uint32),
                ("full_life_time", ctypes.c_uint32),
            ]

        status = PowerStatus()
        # ctypes.windll exists on Windows only; mypy checks the code as on Linux.
        if ctypes.windll.kernel32.GetSystemPowerStatus(ctypes.byref(status)):  # type: ignore[attr-defined]
            percent = None if status.battery_percent == 255 else float(status.battery_percent)
            source = {0: "battery", 1: "mains"}.get(status.ac_line, "unknown")
            return source, percent
    return "unknown", None


class SystemCheck:
    id = "system"
    title_key = QT_TRANSLATE_NOOP("checks", "Computer")
    needs: tuple[str, ...] = ()
    timeout_s = 5.0

    def run(self, ctx: CheckContext, cancel: CancelToken) -> CheckResult:
        started = now_local()
        t0 = time.monotonic()
        metrics: dict[str, Any] = {
            "os_name": platform.system(),
            "os_version": platform.release(),
            "cpu_count": os.cpu_count() or 0,
        }
        load = cpu_load_pct(cancel)
        cancel.raise_if_cancelled()
        if load is not None:
            metrics["cpu_load_pct"] = load
        memory = memory_mb()
        if memory is not None:
            metrics["memory_free_mb"] = round(memory[0])
            metrics["memory_total_mb"] = round(memory[1])
        disk_dir = Path(ctx.options.get("disk_path") or Path.home())
        try:
            metrics["disk_free_gb"] = round(shutil.disk_usage(disk_dir).free / 1024**3, 2)
        except OSError as exc:
            log.info("disk usage of %s unavailable: %s", disk_dir, exc)
        screen = ctx.options.get("screen")
        if screen:
            metrics["screen_width_px"], metrics["screen_height_px"] = (int(v) for v in screen)
        source, percent = power_source()
        metrics["power"] = source
        if percent is not None:
            metrics["battery_pct"] = percent
        metrics["check_s"] = round(time.monotonic() - t0, 2)

        t = ctx.thresholds
        code, status, remedy = "ok", CheckStatus.PASS, ""
        if metrics.get("disk_free_gb", 1e9) < t["system.disk_free_warn_gb"]:
            code, status, remedy = "low_disk", CheckStatus.WARN, "free_disk"
        elif metrics.get("memory_free_mb", 1e9) < t["system.memory_free_warn_mb"]:
            code, status, remedy = "low_memory", CheckStatus.WARN, "close_programs"
        elif source == "battery" and percent is not None and percent < 20:
            code, status, remedy = "low_battery", CheckStatus.WARN, "plug_in"
        return CheckResult(
            check_id=self.id,
            status=status,
            code=f"system.{code}",
            metrics=metrics,
            remedy_code=f"system.{remedy}" if remedy else "",
            started=started,
        )
