"""The Qt-free core (DESIGN section 3): nothing outside ui/, checks/devices/ and the PDF writers
imports Qt, directly or through another module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "hearing_helper"
QT_ALLOWED = ("ui/", "checks/devices/", "reports/pdf")


def _core_modules() -> list[str]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(QT_ALLOWED):
            continue
        dotted = "hearing_helper." + relative.removesuffix(".py").replace("/", ".")
        modules.append(dotted.removesuffix(".__init__"))
    return modules


def test_no_top_level_qt_import_outside_the_edge() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(QT_ALLOWED):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only: lazy imports in functions are allowed
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.startswith(
                    ("PySide6", "hearing_helper.ui", "hearing_helper.checks.devices")
                ):
                    offenders.append(f"{relative}: {name}")
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = _core_modules()
    assert "hearing_helper.store.sqlite" in modules and "hearing_helper.domain.record" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", f"Qt loaded by the core: {result.stdout}"
