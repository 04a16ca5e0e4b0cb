#!/usr/bin/env python3
"""Render every feature's main screens to PNG, in Chinese and English, for review.

  .venv/bin/python tools/screenshots.py [--out screenshots] [--lang zh_CN --lang en]
                                        [--desk | --no-desk] [AREA...]

Each ``tools/shots/<area>.py`` exposes ``render(out_dir, lang) -> list[Path]`` and builds its
screens with the QApplication created here (offscreen, one for the whole run). The files land in
``screenshots/<lang>/`` (every window at 1366 x 768 in ``screenshots/<lang>/windows/``).

The whole-screen mode (``tools/shots/desk.py``; with the areas unless --no-desk, alone with
--desk) runs the keyboard-driven visit of the end-to-end test on a real X server with openbox,
both windows on the screen, and saves the whole screen at every step:
``screenshots/<lang>/desk/1366x768/`` per language and ``screenshots/zh_CN/desk/1920x1080/``.
It prints what its checks found (a window off the screen, a QR code not decoded).
Exit code 1 if any area failed (the others are still rendered).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tools" / "shots"
SCREEN_CONFIG = ROOT / "tests" / "data" / "offscreen_1366x768.json"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("areas", nargs="*", help="only these tools/shots modules")
    parser.add_argument("--out", default=str(ROOT / "screenshots"), help="output folder")
    parser.add_argument("--lang", action="append", choices=("zh_CN", "en"), help="languages")
    whole = parser.add_mutually_exclusive_group()
    whole.add_argument("--desk", action="store_true", help="only the whole-screen visit")
    whole.add_argument("--no-desk", action="store_true", help="without the whole-screen visit")
    args = parser.parse_args(argv)
    languages = args.lang or ["zh_CN", "en"]
    if args.desk:
        return _desk(Path(args.out), languages)
    # One 1366 x 768 screen, the smallest common at court desks: every window is shot at it.
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN_CONFIG}"
    for path in (ROOT, ROOT / "tools"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))

    from hearing_helper.ui.app import create_application, install_translators

    app = create_application([sys.argv[0]])
    areas = args.areas or sorted(
        p.stem for p in SHOTS.glob("*.py") if not p.stem.startswith("_") and p.stem != "desk"
    )
    failed = 0
    for lang in languages:
        out_dir = Path(args.out) / lang
        out_dir.mkdir(parents=True, exist_ok=True)
        for area in areas:
            install_translators(app, lang)  # again: an area may switch languages (a window's)
            try:
                module = importlib.import_module(f"shots.{area}")
                written = module.render(out_dir, lang)
            except Exception:  # noqa: BLE001 - report and carry on with the other areas
                failed += 1
                print(f"{lang} {area}: FAILED", file=sys.stderr)
                traceback.print_exc()
                continue
            for path in written:
                print(f"{lang} {area}: {Path(path).relative_to(Path(args.out).parent)}")
            app.processEvents()
    install_translators(app, "en")
    if not args.no_desk and not args.areas:
        failed += _desk(Path(args.out), languages)
    return 1 if failed else 0


def _desk(out: Path, languages: list[str]) -> int:
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))
    from shots.desk import render_desk

    written, found = render_desk(out, languages)
    for path in written:
        print(f"desk: {path.relative_to(out.parent)}")
    for problem in found:
        print(f"desk: {problem}", file=sys.stderr)
    return 1 if any("the visit failed" in problem for problem in found) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
