"""What the import contracts (pyproject.toml, tests/test_import_contracts.py) cannot say.

The contracts see every import statement, lazy ones inside functions included: Qt only in ui/,
database drivers only in store/, the layers, the UI never reaching a concrete adapter. What is
left for this test: Qt loaded at run time by a core module (an ``importlib`` call the contracts
cannot see), no circle between files, drivers that are not installed here (a contract cannot
name a module missing from the graph), SQL text outside store/ however it is written, and the
SQLite connection functions or the database path used outside store/.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parent.parent / "hearing_helper"


def _core_modules() -> list[str]:
    """Every module outside ui/ (the commands import ui/ only inside the function that runs)."""
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("ui/"):
            continue
        dotted = "hearing_helper." + relative.removesuffix(".py").replace("/", ".")
        modules.append(dotted.removesuffix(".__init__"))
    return modules


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = _core_modules()
    assert "hearing_helper.store.sqlite" in modules and "hearing_helper.commands.export" in modules
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


# --- no circle between files ------------------------------------------------------------------


def import_circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The groups of modules that import each other in a circle (lazy imports count)."""
    edges = {
        m: sorted(graph.find_modules_directly_imported_by(m) & graph.modules) for m in graph.modules
    }
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        order[module] = low[module] = len(order)
        stack.append(module)
        for imported in edges[module]:
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(edges):
        if module not in order:
            visit(module)
    return circles


def test_the_circle_finder_finds_a_circle_of_three() -> None:
    graph = grimp.ImportGraph()
    graph.add_import(importer="p.app", imported="p.main_window")
    graph.add_import(importer="p.main_window", imported="p.window_host")
    graph.add_import(importer="p.window_host", imported="p.app")
    graph.add_import(importer="p.window_host", imported="p.leaf")
    assert import_circles(graph) == [["p.app", "p.main_window", "p.window_host"]]


def test_no_circle_between_files() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    graph = grimp.build_graph("hearing_helper", cache_dir=None)
    assert import_circles(graph) == []


# --- the storage boundary (DESIGN section 3): SQL and database drivers stay inside store/ -----

# sqlite3 and psycopg are in the "drivers-only-in-store" contract; these are not installed here.
DRIVERS = ("sqlite3", "psycopg", "psycopg2", "psycopg_pool", "pg8000")
CONNECTION_FUNCTIONS = ("connect_readonly", "connect_writer")
_NAME = r"""(?:["`\[]?[\w.]+["`\]]?)"""  # a table or column name, bare or quoted
SQL_PATTERNS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # a column list, FROM and a table, then the end or a clause: not "Select one from the list"
        rf"\bSELECT\s+(?:DISTINCT\s+)?(?:\*|{_NAME}|\w+\(.*?\))(?:\s*,\s*[^,]+?)*\s+FROM\s+"
        rf"{_NAME}(?:\s*$|\s*[;)]|\s+(?:AS\s+)?\w+\s*(?:$|WHERE|JOIN|GROUP|ORDER|LIMIT|,)"
        rf"|\s+(?:WHERE|JOIN|LEFT|INNER|GROUP|ORDER|LIMIT)\b)",
        rf"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+{_NAME}",
        rf"\bUPDATE\s+{_NAME}\s+SET\s+{_NAME}\s*=",
        rf"\bDELETE\s+FROM\s+{_NAME}\s*(?:$|;|WHERE\b|RETURNING\b)",
        r"\bCREATE\s+(?:TEMP\s+|UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\b",
        r"\bDROP\s+(?:TABLE|INDEX)\b",
        r"\bALTER\s+TABLE\b",
        r"\bPRAGMA\s+\w+\s*(?:=|\(|;|$)",
    )
]
REPOSITORY_NAMES = ("repo", "repository")


def _text_of(node: ast.expr) -> str | None:
    """The text a string expression spells: a literal, an f-string (each value as ``x``) or a
    ``+`` of those; None for anything else."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return "".join(
            str(part.value) if isinstance(part, ast.Constant) else "x" for part in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text_of(node.left), _text_of(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _sql_in(text: str) -> bool:
    return any(pattern.search(text) for pattern in SQL_PATTERNS)


def storage_boundary_offences(source: str) -> list[str]:
    """What in ``source`` (a module outside store/) crosses the storage boundary."""
    offences = []
    inside_strings: set[int] = set()  # string nodes already read as part of a larger one
    for node in ast.walk(ast.parse(source)):  # every level: a lazy import counts too
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
            for alias in node.names:
                if alias.name in CONNECTION_FUNCTIONS:
                    offences.append(f"line {node.lineno}: imports {alias.name}")
        for name in names:
            if name.split(".")[0] in DRIVERS:
                offences.append(f"line {getattr(node, 'lineno', '?')}: imports {name}")
        if isinstance(node, ast.Attribute):
            if node.attr in CONNECTION_FUNCTIONS:
                offences.append(f"line {node.lineno}: calls {node.attr}")
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
        if isinstance(node, ast.expr) and id(node) not in inside_strings:
            text = _text_of(node)
            if text is not None:
                inside_strings.update(id(child) for child in ast.walk(node))
                if _sql_in(text):
                    offences.append(f"line {node.lineno}: SQL text {text[:50]!r}")
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


def test_the_boundary_check_is_not_fooled() -> None:
    tricks = {
        "lowercase SQL": "q = 'select id, name from assists where id = ?'\n",
        "SQL split with +": "q = 'SELECT id ' + 'FROM assists'\n",
        "SQL split with + and an f-string": "q = 'DELETE ' + f'FROM {table}'\n",
        "a quoted table name": 'q = \'UPDATE "assists" SET "outcome" = ?\'\n',
        "a quoted table, lowercase": "q = 'insert into `assists` values (?)'\n",
        "connect_writer imported": (
            "def f(path):\n"
            "    from hearing_helper.store.sqlite.connection import connect_writer\n"
            "    return connect_writer(path)\n"
        ),
        "a driver not installed here": "def f():\n    import pg8000\n",
        "a pragma": "q = 'pragma journal_mode=WAL'\n",
    }
    for trick, source in tricks.items():
        assert storage_boundary_offences(source), trick


def test_the_boundary_check_leaves_prose_alone() -> None:
    for text in (
        "Select the records from the list",
        "Select one from the list to see it",
        "Update the catalog, then set the platform",
        "Delete from this desk only after the sync",
        "Create a table of the day's visits",
    ):
        assert storage_boundary_offences(f"text = {text!r}\n") == [], text


def test_no_sql_or_database_driver_outside_store() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("store/"):
            continue
        for offence in storage_boundary_offences(path.read_text(encoding="utf-8")):
            offenders.append(f"{relative} {offence}")
    assert offenders == []
