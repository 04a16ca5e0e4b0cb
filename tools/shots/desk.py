"""The whole screen at a desk: the keyboard-driven visit of tests/desk_visit.py (preparation,
hearing day, the litigant's rating, follow-up, reports, exports, language switch) run on a real
X server with openbox, both windows side by side, one screenshot of the whole screen per step.

Not a ``render(out_dir, lang)`` area: tools/screenshots.py calls ``render_desk`` (it starts its
own X servers, so it does not use the offscreen QApplication of the other areas).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SIZES = {"zh_CN": ["1366x768", "1920x1080"], "en": ["1366x768"]}


def render_desk(out_root: Path, langs: list[str]) -> tuple[list[Path], list[str]]:
    """Run the visit per language (and zh_CN once at 1920 x 1080); returns the screenshots and
    what the checks found (a window off the screen, a QR code not decoded, an internal id)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from desk_screen import DeskScreen, missing_tools

    missing = missing_tools()
    if missing:
        return [], [f"whole-screen shots skipped: missing {', '.join(missing)}"]
    written: list[Path] = []
    found: list[str] = []
    for lang in langs:
        for size in SIZES[lang]:
            width, height = (int(n) for n in size.split("x"))
            out = out_root / lang / "desk" / size
            out.mkdir(parents=True, exist_ok=True)
            for old in out.glob("*.png"):
                old.unlink()
            with tempfile.TemporaryDirectory(prefix="hh-desk-") as runtime:
                with DeskScreen(Path(runtime), width, height) as desk:
                    done = subprocess.run(
                        [sys.executable, str(ROOT / "tests" / "desk_visit.py"), runtime,
                         "--lang", lang, "--shots"],
                        env=dict(desk.env, PYTHONPATH=str(ROOT)),
                        capture_output=True, text=True, timeout=600,
                    )  # fmt: skip
                steps_file = Path(runtime) / "steps.json"
                steps = json.loads(steps_file.read_text()) if steps_file.exists() else []
                for step in steps:
                    shot = Path(runtime) / step["screenshot"]
                    target = out / shot.name
                    target.write_bytes(shot.read_bytes())
                    written.append(target)
                    found += _problems(f"{lang} {size} {step['step']}", step)
                error = Path(runtime) / "driver_error.txt"
                if done.returncode or error.exists():
                    found.append(f"{lang} {size}: the visit failed: {done.stderr[-500:]}")
                    if error.exists():
                        found.append(error.read_text())
    return written, found


def _problems(where: str, step: dict) -> list[str]:
    problems = []
    if step["keyboard"] != "ok":
        problems.append(f"{where}: keys: {step['keyboard'].splitlines()[-1]}")
    for name in ("off_screen", "qr_missing", "leaks"):
        if step.get(name):
            problems.append(f"{where}: {name}: {step[name]}")
    return problems
