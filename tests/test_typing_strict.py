"""``make lint``'s mypy is strict and sees the types the code promises: a small file with one
deliberate mistake per promise fails it, and its correct lines pass."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """\
from pathlib import Path

from hearing_helper.config import Settings
from hearing_helper.services import AppServices


def wrong_setting_type(settings: Settings) -> str:
    return settings.get("font_scale")  # MISTAKE: a float, not text


def services_change_after_start(services: AppServices) -> None:
    services.data_dir = Path("elsewhere")  # MISTAKE: frozen


def no_late_slots_on_the_services(services: AppServices) -> None:
    services.reports_window = None  # MISTAKE: no such slot (the UI keeps its window)


def untyped(value):  # MISTAKE: strict wants annotations
    return value


def right(settings: Settings, services: AppServices) -> float:
    services.session.catalog = None
    return settings.get("font_scale") * 2 + len(settings.get("network_urls"))
"""


def test_the_lint_runs_mypy_strict_on_the_package_and_the_tests() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True and config["warn_unused_ignores"] is True
    assert "ignore_missing_imports" not in config  # only per module, for modules without types
    lint = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nlint:", 1)[1].split("\n\n")[0]
    assert re.search(r"/mypy hearing_helper tests\b", lint), lint


def test_a_deliberate_type_error_fails_the_projects_mypy(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--follow-imports=silent",
            str(probe),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    flagged = {int(n) for n in re.findall(r"probe\.py:(\d+): error", result.stdout)}
    expected = {n for n, line in enumerate(PROBE.splitlines(), 1) if "MISTAKE" in line}
    assert flagged == expected, result.stdout
