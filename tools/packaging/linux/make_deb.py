#!/usr/bin/env python3
"""A .deb of the one-folder bundle for Debian-family desks (UOS, Kylin, Debian, Ubuntu).

  make_deb.py BUNDLE --arch amd64|arm64 --out DIR [--glibc 2.31]

Installs the bundle under /opt/hearing-helper, the command ``hearing-helper`` (the CLI, for
court IT: --self-test, check, export...) in /usr/bin, and a desktop entry (庭审协助助手) with the
icon in the applications menu. Depends names Debian packages that UOS and Kylin (Debian/Ubuntu
based) also carry. No maintainer scripts: dpkg removes every file it installed and nothing else,
so the clerk's data folder (~/.local/share/HearingHelper) stays when the package is removed.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = "hearing-helper"
INSTALL_DIR = "opt/hearing-helper"
# Libraries the bundle loads but does not carry (PyInstaller leaves the system's graphics, X11
# and sound libraries to the desk; they must match its display server and drivers), and a font
# with Chinese glyphs. Every name exists in Debian 10-12 and in Ubuntu 20.04 (Kylin V10's base);
# libxcb-cursor0 only from Debian 11 / Ubuntu 20.10 on (Qt 6.5+ needs it for the X11 plugin).
RUNTIME_DEPENDS = (
    "libpulse0",  # QtMultimedia's audio (PulseAudio client; PipeWire desks serve it too)
    "libcups2",  # printing the join slip (Qt's CUPS print plugin)
    "libglib2.0-0",
    "libdbus-1-3",  # Secret Service keyring, accessibility, input method
    "libfontconfig1",
    "libfreetype6",
    "libgl1",
    "libegl1",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxrandr2",  # the FFmpeg multimedia plugin links it
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libsm6",
    "libice6",
    "libwayland-client0",  # Wayland desktops (newer UOS/Kylin editions): Qt's wayland plugin
    "libwayland-cursor0",
    "libwayland-egl1",
    "libspeechd2",  # 朗读 (read aloud) through speech-dispatcher
    "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei",
)
# PySide6's aarch64 wheels (6.8.0.2) link the system's FFmpeg 4 (the x86_64 wheels carry their
# own): Debian 10/11 and Ubuntu 20.04 ship these sonames. Found by the compat check's ldd.
ARCH_DEPENDS = {
    "arm64": ("libavcodec58", "libavformat58", "libavutil56", "libswresample3", "libswscale5"),
}
DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Version=1.0
Name=Hearing Helper
Name[zh_CN]=庭审协助助手
GenericName=Assisted online court hearings
GenericName[zh_CN]=在线庭审协助
Comment=Help litigants join an online court hearing: device checks, install guides, visit log
Comment[zh_CN]=协助当事人参加在线庭审：设备检查、安装指引、来访登记
Exec=/opt/hearing-helper/HearingHelper
Icon=hearing-helper
Terminal=false
Categories=Office;Utility;
Keywords=court;hearing;庭审;法院;
StartupWMClass=HearingHelper
"""


def dependency_packages(arch: str) -> list[str]:
    """Every package Depends names (first choice of each alternative), for a test root."""
    entries = (*RUNTIME_DEPENDS, *ARCH_DEPENDS.get(arch, ()))
    return ["libc6", *(entry.split("|")[0].strip() for entry in entries)]


def depends_field(glibc: tuple[int, ...], arch: str) -> str:
    libc = f"libc6 (>= {'.'.join(map(str, glibc))})" if glibc else "libc6"
    return ", ".join([libc, *RUNTIME_DEPENDS, *ARCH_DEPENDS.get(arch, ())])


def control_text(version: str, arch: str, installed_kib: int, glibc: tuple[int, ...]) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Hearing Helper maintainers <hearing-helper@localhost>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {depends_field(glibc, arch)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: 庭审协助助手 Hearing Helper, assisted online court hearings\n"
        " The help-desk clerk's tool: intake, device checks, install guides with QR\n"
        " codes, joining the hearing, a visit log, reports and exports.\n"
        " Self-contained (Python, Qt 6.8 inside) under /opt/hearing-helper;\n"
        " `hearing-helper --self-test` checks an installation.\n"
    )


def _installed_kib(folder: Path) -> int:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) // 1024 + 1


def _md5sums(stage: Path) -> str:
    lines = []
    for path in sorted(stage.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes()).hexdigest()  # dpkg's format, not security
            lines.append(f"{digest}  {path.relative_to(stage)}")
    return "\n".join(lines) + "\n"


def stage_tree(bundle: Path, stage: Path, arch: str, version: str, glibc: tuple[int, ...]) -> None:
    """Lay out the package's files and DEBIAN/ control folder under ``stage``."""
    shutil.copytree(bundle, stage / INSTALL_DIR, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / PACKAGE).symlink_to(f"/{INSTALL_DIR}/hearing-helper-cli")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    (apps / f"{PACKAGE}.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    icons = stage / "usr" / "share" / "icons" / "hicolor"
    for size_dir, source in (("256x256", "hearing_helper.png"), ("scalable", "hearing_helper.svg")):
        target = icons / size_dir / "apps" / f"{PACKAGE}{Path(source).suffix}"
        target.parent.mkdir(parents=True)
        shutil.copy2(ROOT / "assets" / "icons" / source, target)
    control = stage / "DEBIAN"
    control.mkdir()
    (control / "md5sums").write_text(_md5sums(stage), encoding="utf-8")
    text = control_text(version, arch, _installed_kib(stage), glibc)
    (control / "control").write_text(text, encoding="utf-8")
    for path in stage.rglob("*"):  # dpkg-deb refuses group/world-writable control files
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or path.stat().st_mode & 0o111 else 0o644)


def build_deb(bundle: Path, arch: str, out: Path, glibc: tuple[int, ...]) -> Path:
    from hearing_helper import __version__

    deb = out / f"{PACKAGE}_{__version__}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="hh-deb-") as scratch:
        stage = Path(scratch) / "stage"
        stage_tree(bundle, stage, arch, __version__, glibc)
        # gzip, not dpkg-deb's default xz: xz took over 6 min for the 200 MiB bundle on the
        # shared 2-core CI machine (gzip: well under a minute); every dpkg reads both.
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(stage), str(deb)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return deb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--arch", choices=("amd64", "arm64"), required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--glibc", default="2.31")
    args = parser.parse_args()
    glibc = tuple(int(part) for part in args.glibc.split("."))
    print(build_deb(args.bundle, args.arch, args.out, glibc))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
