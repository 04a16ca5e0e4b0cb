"""The import contracts in pyproject.toml ([tool.importlinter], run by ``make lint``) hold on the
whole tree, and each of them can fail: a copy of the package with one deliberate violation per
contract breaks every contract, each on its own violation."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

# contract id -> (module file to change, the line added, the import the report must name).
# Each is one of the tricks the contracts exist for; most hide inside a function (a lazy import).
VIOLATIONS: dict[str, tuple[str, str, str]] = {
    # store/ importing reports/ (how ReportFilters used to be reached)
    "layers": (
        "store/report_source.py",
        "def _lazy():\n    from hearing_helper.reports.aggregate import report_for\n",
        "hearing_helper.store.report_source -> hearing_helper.reports.aggregate",
    ),
    # a lazy Qt import in the core
    "qt-only-in-ui": (
        "domain/masking.py",
        "def _lazy():\n    from PySide6.QtCore import QTimer\n",
        "hearing_helper.domain.masking -> PySide6",
    ),
    # a database driver outside store/
    "drivers-only-in-store": (
        "reports/rows.py",
        "def _lazy():\n    import sqlite3\n",
        "hearing_helper.reports.rows -> sqlite3",
    ),
    # the UI reaching for a concrete adapter (as ui/sync/court_scope.py used to)
    "ui-not-adapters-or-commands": (
        "ui/labels.py",
        "def _lazy():\n    from hearing_helper.store.postgres.court import CourtReportSource\n",
        "hearing_helper.ui.labels -> hearing_helper.store.postgres.court",
    ),
    # one adapter borrowing from the other
    "adapters-independent": (
        "store/sqlite/rows.py",
        "def _lazy():\n    from hearing_helper.store.postgres import rows\n",
        "hearing_helper.store.sqlite.rows -> hearing_helper.store.postgres",
    ),
}


def _contracts() -> dict[str, str]:
    """contract id -> its name, as pyproject.toml declares them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c["name"] for c in config["tool"]["importlinter"]["contracts"]}


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", "pyproject.toml"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "400"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _broken_sections(output: str, names: dict[str, str]) -> dict[str, str]:
    """contract id -> the text of its section under "Broken contracts"."""
    broken = output.split("Broken contracts", 1)[-1]
    starts = sorted((broken.find(name), cid) for cid, name in names.items() if name in broken)
    sections = {}
    for index, (start, cid) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(broken)
        sections[cid] = broken[start:end]
    return sections


def test_every_contract_has_a_deliberate_violation() -> None:
    assert set(_contracts()) == set(VIOLATIONS)


def test_every_module_has_its_place_in_the_layers() -> None:
    """A new top-level module or package outside the layers would be bound by none of them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    placed = {name.strip() for layer in layers["layers"] for name in re.split("[|:]", layer)}
    package = ROOT / "hearing_helper"
    present = {
        f"hearing_helper.{path.stem if path.is_file() else path.name}"
        for path in package.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    assert present - placed == set()


def test_the_contracts_hold_on_the_whole_tree() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert f"Contracts: {len(VIOLATIONS)} kept, 0 broken." in result.stdout


@pytest.fixture(scope="module")
def violated_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("violated")
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    shutil.copytree(
        ROOT / "hearing_helper",
        tree / "hearing_helper",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    for relative, added, _named in VIOLATIONS.values():
        path = tree / "hearing_helper" / relative
        path.write_text(path.read_text(encoding="utf-8") + "\n\n" + added, encoding="utf-8")
    return tree


def test_each_contract_fails_on_its_own_violation(violated_tree: Path) -> None:
    result = _lint_imports(violated_tree)
    assert result.returncode != 0
    names = _contracts()
    assert f"Contracts: 0 kept, {len(names)} broken." in result.stdout, result.stdout[-4000:]
    sections = _broken_sections(result.stdout, names)
    for cid, (_relative, _added, named) in VIOLATIONS.items():
        importer, imported = named.split(" -> ")
        # The report names the import (its arrow may wrap to the next line on a narrow terminal).
        flat = re.sub(r"\s+", " ", sections[cid])
        assert importer in flat and imported in flat, (cid, sections[cid])


def test_the_readme_draws_the_layers_of_the_contract() -> None:
    """The README's Architecture section shows the layers the contract enforces, in order."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    enforced = [
        {name.strip().removeprefix("hearing_helper.") for name in re.split("[|:]", layer)}
        for layer in layers["layers"]
    ]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    drawing = readme.split("The layers, top to bottom", 1)[1].split("```", 2)[1]
    drawn = [
        {name.strip() for name in layer.split("|")}
        for layer in " ".join(drawing.split()).split("→")
    ]
    assert drawn == enforced
