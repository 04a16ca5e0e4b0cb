"""Tests use the real parts; a stub of the project's own code is the exception, with its reason.

Every ``monkeypatch.setattr`` in tests/ is one of three kinds (issue 22, finding 7):

- third-party or standard-library behaviour a test cannot produce for real (a Windows sharing
  violation's retry sleep, the clipboard of a modal Qt message box, stdin, a driver's connect);
- a hook the code offers on purpose and documents as such (``atomic_file._os_replace``, the
  export's ``_move_into_place``, the export controller's ``choose_path``/``choose_unmask``);
- a stub of the project's own code: it says why at the call (``# stub: <reason>`` on the call's
  line or the line above), the README's testing notes list its file, and their number is fixed
  here, so a new one is a decision, not a habit. Constructor parameters took the place of the
  others (the sender's ``connect_to``/``deliver_batch``, the SQLite repository's batch sizes
  and busy timeout, ``ReadAloud(probe_timeout_s=)``, ``row_converter(columns=)``).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent
README = TESTS.parent / "README.md"

THIRD_PARTY = (
    r"^psycopg\.",
    r"^builtins\.",
    r"^platformdirs",
    r"^PyInstaller\.",
    r"^QMessageBox\.",
    r"^QFileDialog\.",
    r"^locale\.",
    r"^sys\.stdin$",
    r"\.time\.sleep$",
    r"\.sys\.platform$",
)
HOOKS = (
    r"\._os_replace$",
    r"\._move_into_place$",
    r"\.exports\.choose_(path|unmask)$",
)
STUBS_LEFT = 23  # each with its reason; see the README's testing notes


@dataclass(frozen=True)
class Patch:
    path: Path
    line: int
    target: str
    reason: str  # the "# stub:" comment's text, or ""


def _target(call: ast.Call, source: str) -> str:
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    name = ast.get_source_segment(source, first) or ""
    second = call.args[1] if len(call.args) > 1 else None
    if isinstance(second, ast.Constant) and isinstance(second.value, str):
        return f"{name}.{second.value}"
    return name


def patches(folder: Path) -> list[Patch]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "setattr"
                and ast.get_source_segment(source, node.func.value) == "monkeypatch"
                and node.args
            ):
                continue
            nearby = lines[max(0, node.lineno - 2) : node.end_lineno or node.lineno]
            reasons = [line.split("# stub:", 1)[1].strip() for line in nearby if "# stub:" in line]
            target = _target(node, source)
            found.append(Patch(path, node.lineno, target, reasons[0] if reasons else ""))
    return found


def kind(patch: Patch) -> str:
    if any(re.search(pattern, patch.target) for pattern in THIRD_PARTY):
        return "third party"
    if any(re.search(pattern, patch.target) for pattern in HOOKS):
        return "hook"
    return "stub"


def own_stubs(folder: Path) -> list[Patch]:
    return [patch for patch in patches(folder) if kind(patch) == "stub"]


def test_every_stub_of_our_own_code_says_why() -> None:
    unexplained = [
        f"{p.path.name}:{p.line} {p.target}" for p in own_stubs(TESTS) if len(p.reason) < 10
    ]
    assert not unexplained, "add '# stub: <why no real part will do>' at:\n" + "\n".join(
        unexplained
    )


def test_no_new_stub_of_our_own_code() -> None:
    stubs = own_stubs(TESTS)
    listing = "\n".join(f"{p.path.name}:{p.line} {p.target}" for p in stubs)
    assert len(stubs) <= STUBS_LEFT, f"{len(stubs)} stubs (allowed {STUBS_LEFT}):\n{listing}"


def test_the_readme_lists_the_files_that_keep_a_stub() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("Stubs of the project's own code") :][:4000]
    listed = set(re.findall(r"`([^`]+)`", section))
    assert not sorted({p.path.name for p in own_stubs(TESTS)} - listed)


def test_the_count_sees_each_kind(tmp_path: Path) -> None:
    (tmp_path / "test_x.py").write_text(
        "def test(monkeypatch):\n"
        "    monkeypatch.setattr(psycopg, 'connect', f)\n"
        "    monkeypatch.setattr(atomic_file, '_os_replace', f)\n"
        "    monkeypatch.setattr(sender, 'deliver', f)\n"
        "    # stub: the real one would start the event loop\n"
        "    monkeypatch.setattr(launch, 'run_gui', f)\n",
        encoding="utf-8",
    )
    found = [(kind(p), p.target, p.reason) for p in patches(tmp_path)]
    assert found == [
        ("third party", "psycopg.connect", ""),
        ("hook", "atomic_file._os_replace", ""),
        ("stub", "sender.deliver", ""),
        ("stub", "launch.run_gui", "the real one would start the event loop"),
    ]
