"""One way to run background work: thread pools, runnables, threads and timers appear only in the
UI's helper (ui/background.py) and the Qt-free core's (background_core.py).

A text search, like the ``grep`` of the issue: a name in a comment counts too, so a new idiom
cannot hide behind an alias or a lazy import.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "hearing_helper"
HELPERS = {"ui/background.py", "background_core.py"}
IDIOMS = re.compile(
    r"QThreadPool|QRunnable|\bQThread\(|moveToThread|threading\.Thread\b|threading\.Timer\b"
    r"|ThreadPoolExecutor|ProcessPoolExecutor|from threading import[^\n]*\b(?:Thread|Timer)\b"
    r"|\b_thread\b|start_new_thread"
)


def idiom_uses(package: Path) -> list[str]:
    """``path:line: text`` of every use outside the two helpers."""
    found = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if relative in HELPERS:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if IDIOMS.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_only_the_two_helpers_start_threads() -> None:
    assert idiom_uses(PACKAGE) == []


def test_the_helpers_exist_and_are_the_ones_allowed() -> None:
    for relative in HELPERS:
        assert IDIOMS.search((PACKAGE / relative).read_text(encoding="utf-8")), relative


def test_the_search_finds_each_idiom(tmp_path: Path) -> None:
    package = tmp_path / "hearing_helper"
    (package / "ui").mkdir(parents=True)
    samples = [
        "from PySide6.QtCore import QThreadPool",
        "class Work(QRunnable): ...",
        "worker = QThread()",
        "obj.moveToThread(thread)",
        "threading.Thread(target=run).start()",
        "threading.Timer(3, run).start()",
        "from concurrent.futures import ThreadPoolExecutor",
        "from threading import Lock, Thread",
        "import _thread",
    ]
    for number, sample in enumerate(samples):
        (package / f"module_{number}.py").write_text(sample + "\n", encoding="utf-8")
    (package / "ui" / "background.py").write_text("QThreadPool\n", encoding="utf-8")
    (package / "background_core.py").write_text("threading.Thread\n", encoding="utf-8")
    (package / "fine.py").write_text(
        "import threading\nlock = threading.Lock()\nQThread.currentThread()\n", encoding="utf-8"
    )
    found = idiom_uses(package)
    assert len(found) == len(samples), found
    assert not any(
        line.startswith(("ui/background.py", "background_core.py", "fine.py")) for line in found
    )
