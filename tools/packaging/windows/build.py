#!/usr/bin/env python3
"""``make package-windows``: the Windows programs and their MSI, built on this Linux machine.

  .venv/bin/python tools/packaging/windows/build.py [--msi-version X.Y.Z] [--skip-programs]

1. the Wine 10 root (wine_root.py) and the pinned Windows CPython (toolchain.py), both cached
   outside the clone and made on first use;
2. PyInstaller, run by that ``python.exe`` under Wine on ``build.spec``, writes
   ``dist-windows/HearingHelper/`` with ``HearingHelper.exe`` (window) and
   ``hearing-helper-cli.exe`` (console), icon and version resource included;
3. checks: both programs are there, of the right kind (GUI/console subsystem), carry the
   version, and the Wine-only ICU stand-in did not slip in;
4. optional Authenticode signing (sign.py) when ``HH_SIGN_PKCS12`` is set;
5. the MSI ``dist-windows/HearingHelper-<version>-x64.msi`` (msi.py), signed too if asked.

Every failure ends with a message naming the step; nothing in the clone but ``build-windows/``
and ``dist-windows/`` is written.
"""

from __future__ import annotations

import argparse
import shutil
import struct
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import msi  # noqa: E402
import sign  # noqa: E402
import toolchain  # noqa: E402
import wine_root  # noqa: E402
from roots import RootError  # noqa: E402

from hearing_helper import __version__  # noqa: E402

DIST = ROOT / "dist-windows"
WORK = ROOT / "build-windows"
APP_FOLDER = DIST / "HearingHelper"
PROGRAMS = {"HearingHelper.exe": 2, "hearing-helper-cli.exe": 3}  # PE subsystem: 2 GUI, 3 console
TOOLCHAIN_MOUNT = "/opt/winpython"
BUILD_TIMEOUT_S = 1800


def msi_path(version: str) -> Path:
    return DIST / f"HearingHelper-{msi.msi_version(version)}-x64.msi"


def pe_subsystem(path: Path) -> int:
    """The Subsystem field of a PE file's optional header (2 = GUI, 3 = console)."""
    with path.open("rb") as handle:
        header = handle.read(4096)
    if header[:2] != b"MZ":
        raise ValueError(f"{path.name} is not a Windows program")
    offset = struct.unpack_from("<I", header, 0x3C)[0]
    if header[offset : offset + 4] != b"PE\0\0":
        raise ValueError(f"{path.name} has no PE header")
    return int(struct.unpack_from("<H", header, offset + 24 + 68)[0])


def check_programs(folder: Path, version: str) -> list[str]:
    """What is wrong with the built folder (empty when nothing)."""
    problems = []
    for name, subsystem in PROGRAMS.items():
        exe = folder / name
        if not exe.is_file():
            problems.append(f"{name} is missing from {folder}")
            continue
        found = pe_subsystem(exe)
        if found != subsystem:
            kinds = {2: "windowed", 3: "console"}
            problems.append(f"{name} is a {kinds.get(found, found)} program, expected "
                            f"{kinds[subsystem]}")  # fmt: skip
        if version.encode("utf-16-le") not in exe.read_bytes():
            problems.append(f"{name} has no version resource saying {version}")
    if list(folder.rglob("icuuc.dll")):
        problems.append("icuuc.dll (the Wine test stand-in) was bundled; Windows has its own")
    return problems


def build_programs(log=print) -> None:  # type: ignore[no-untyped-def]
    root = wine_root.wine_root(log=log)
    python = toolchain.windows_python(log=log)
    shutil.rmtree(APP_FOLDER, ignore_errors=True)
    WORK.mkdir(parents=True, exist_ok=True)
    prefix = wine_root.WinePrefix(root, ROOT, scratch=None, binds=[(python, TOOLCHAIN_MOUNT)])
    try:
        log("running PyInstaller under Wine (a few minutes on 2 cores)")
        started = time.monotonic()
        result = prefix.run(
            [
                f"Z:{TOOLCHAIN_MOUNT.replace('/', chr(92))}\\python.exe", "-m", "PyInstaller",
                "--noconfirm", "--clean", "--log-level", "WARN",
                "--distpath", "Z:\\src\\dist-windows", "--workpath", "Z:\\src\\build-windows\\pyi",
                "Z:\\src\\build.spec",
            ],
            timeout_s=BUILD_TIMEOUT_S,
        )  # fmt: skip
        (WORK / "pyinstaller.log").write_text(result.stdout + result.stderr, encoding="utf-8")
        if result.returncode != 0:
            tail = (result.stdout + result.stderr)[-3000:]
            raise RootError(f"PyInstaller failed under Wine (exit {result.returncode}); "
                            f"log: {WORK / 'pyinstaller.log'}\n{tail}")  # fmt: skip
        log(f"PyInstaller done in {time.monotonic() - started:.0f} s")
    finally:
        prefix.remove()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--msi-version", default=__version__, help="ProductVersion of the MSI")
    parser.add_argument("--skip-programs", action="store_true", help="only remake the MSI")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        if not args.skip_programs:
            build_programs()
        problems = check_programs(APP_FOLDER, __version__)
        if problems:
            raise RootError("the Windows build is not right:\n  " + "\n  ".join(problems))
        signer = sign.from_environment()
        if signer and not args.skip_programs:
            for name in PROGRAMS:
                print(signer.sign(APP_FOLDER / name))
        out = msi.build_msi(
            APP_FOLDER, msi_path(args.msi_version), args.msi_version,
            ROOT / "assets" / "icons" / "hearing_helper.ico",
        )  # fmt: skip
        if signer:
            print(signer.sign(out))
    except (RootError, RuntimeError, OSError, ValueError, sign.SigningError) as exc:
        print(f"package-windows FAILED: {exc}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in APP_FOLDER.rglob("*") if p.is_file()) / 2**20
    print(f"built {APP_FOLDER} ({size:.0f} MiB) and {out} ({out.stat().st_size / 2**20:.0f} MiB)"
          f" in {time.monotonic() - started:.0f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
