#!/usr/bin/env python3
"""Render every feature's main screens to PNG, in Chinese and English, for review.

  .venv/bin/python tools/screenshots.py [--out screenshots] [--lang zh_CN --lang en] [AREA...]

Each ``tools/shots/<area>.py`` exposes ``render(out_dir, lang) -> list[Path]`` and builds its
screens with the QApplication created here (offscreen, one for the whole run). The files land in
``screenshots/<lang>/`` (every window at 1366 x 768 in ``screenshots/<lang>/windows/``).
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
    args = parser.parse_args(argv)
    # One 1366 x 768 screen, the smallest common at court desks: every window is shot at it.
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN_CONFIG}"
    for path in (ROOT, ROOT / "tools"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))

    from hearing_helper.ui.app import create_application, install_translators

    app = create_application([sys.argv[0]])
    areas = args.areas or sorted(p.stem for p in SHOTS.glob("*.py") if not p.stem.startswith("_"))
    failed = 0
    for lang in args.lang or ["zh_CN", "en"]:
        install_translators(app, lang)
        out_dir = Path(args.out) / lang
        out_dir.mkdir(parents=True, exist_ok=True)
        for area in areas:
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
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
