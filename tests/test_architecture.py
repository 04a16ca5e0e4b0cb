"""The Qt-free core (DESIGN section 3): nothing outside ui/, checks/devices/ and the PDF writers
imports Qt, directly or through another module."""

from __future__ import annotations

import ast
import re
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


# --- the storage boundary (DESIGN section 3): SQL and database drivers stay inside store/ -----

DRIVERS = ("sqlite3", "psycopg", "psycopg2", "psycopg_pool", "pg8000")
SQL_PATTERNS = [
    re.compile(pattern)
    for pattern in (
        r"\bSELECT\b[\s\S]*\bFROM\b",
        r"\bINSERT\s+(OR\s+\w+\s+)?INTO\b",
        r"\bUPDATE\s+\w+\s+SET\b",
        r"\bDELETE\s+FROM\b",
        r"\bCREATE\s+(TEMP\s+|UNIQUE\s+)?(TABLE|INDEX|VIEW|TRIGGER)\b",
        r"\bDROP\s+(TABLE|INDEX)\b",
        r"\bALTER\s+TABLE\b",
        r"\bPRAGMA\s+\w+",
    )
]
REPOSITORY_NAMES = ("repo", "repository")


def storage_boundary_offences(source: str) -> list[str]:
    """What in ``source`` (a module outside store/) crosses the storage boundary."""
    offences = []
    for node in ast.walk(ast.parse(source)):  # every level: a lazy import counts too
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            if name.split(".")[0] in DRIVERS:
                offences.append(f"line {node.lineno}: imports {name}")
        if isinstance(node, ast.Attribute):
            if node.attr == "connect_readonly":
                offences.append(f"line {node.lineno}: calls connect_readonly")
            owner = node.value
            owner_name = (
                owner.attr
                if isinstance(owner, ast.Attribute)
                else owner.id
                if isinstance(owner, ast.Name)
                else ""
            )
            if node.attr == "path" and owner_name in REPOSITORY_NAMES:
                offences.append(f"line {node.lineno}: reads {owner_name}.path")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for pattern in SQL_PATTERNS:
                if pattern.search(node.value):
                    offences.append(f"line {node.lineno}: SQL text {node.value[:50]!r}")
                    break
    return offences


def test_the_boundary_check_catches_each_kind_of_offence() -> None:
    source = (
        "import sqlite3\n"
        "def f(services, repo):\n"
        "    from psycopg import sql\n"
        "    conn = services.repo.connect_readonly()\n"
        "    where = repo.path.parent\n"
        "    q = f'SELECT a.id, a.name FROM assists a WHERE x = {where}'\n"
        "    return 'INSERT INTO t VALUES (1)', 'UPDATE assists SET x = 1', 'CREATE TABLE t (x)'\n"
    )
    found = storage_boundary_offences(source)
    assert len(found) == 8, found
    assert storage_boundary_offences("select = 'Select the records from the list'") == []


def test_no_sql_or_database_driver_outside_store() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("store/"):
            continue
        for offence in storage_boundary_offences(path.read_text(encoding="utf-8")):
            offenders.append(f"{relative} {offence}")
    assert offenders == []
