#!/usr/bin/env python3
"""Build the bundle into a scratch folder and print the figures the packaging issue asks for.

  .venv/bin/python tools/packaging/measure.py [--runs N] [--out DIR] [--spec FILE]

Prints: build time, folder size (as ``du`` counts it, MiB) and as .tar.gz, and the self-test
time of the frozen program against ``python -m hearing_helper`` from source (median of N runs,
warm data dir, offscreen). Nothing in the repository is changed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def folder_mib(folder: Path) -> float:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    return total / 2**20


def timed(command: list[str], runs: int) -> tuple[float, int]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    times, code = [], 0
    for _ in range(runs + 1):  # the first run warms the data dir and the disk cache
        started = time.perf_counter()
        code = subprocess.run(command, capture_output=True, env=env, cwd=ROOT).returncode
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:]), code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=None, help="scratch folder (default: temp)")
    parser.add_argument("--spec", type=Path, default=ROOT / "build.spec")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="hh-measure-"))
    dist, work, data = out / "dist", out / "build", out / "data"

    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(args.spec)],
        check=True, cwd=ROOT,
    )  # fmt: skip
    build_s = time.perf_counter() - started
    bundle = dist / "HearingHelper"

    archive = out / "HearingHelper.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(bundle, arcname="HearingHelper")

    frozen_s, frozen_rc = timed(
        [str(bundle / "HearingHelper"), "--data-dir", str(data / "frozen"), "--self-test"],
        args.runs,
    )
    source_s, source_rc = timed(
        [sys.executable, "-m", "hearing_helper", "--data-dir", str(data / "source"), "--self-test"],
        args.runs,
    )
    print(f"spec                 {args.spec.name}")
    print(f"build time           {build_s:.0f} s")
    print(f"folder size          {folder_mib(bundle):.0f} MiB ({bundle})")
    print(f"tar.gz size          {archive.stat().st_size / 2**20:.0f} MiB")
    print(f"self-test frozen     {frozen_s:.2f} s (exit {frozen_rc}, median of {args.runs})")
    print(f"self-test source     {source_s:.2f} s (exit {source_rc}, median of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
