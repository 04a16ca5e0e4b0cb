"""The Wine 10 root (Debian 13) in which the Windows build runs PyInstaller and the MSI is tested.

Debian 12's Wine 8.0 cannot create a Qt 6 window (Qt needs WinRT UI settings that Wine added in
8.13), so the root is Debian 13 ("trixie"). Its manifest (here) also prepares, once:

- a zh_CN.UTF-8 locale, so Wine's ANSI code page is 936 as on a Chinese Windows;
- ``/opt/hh/icuuc.dll``, a stand-in for the system ICU that Windows 10/11 carry and Wine lacks
  (see icuuc_stub.c; Qt 6.11's Qt6Core.dll links it). It goes into the test prefix only;
- ``/opt/hh/prefix``, a Wine prefix made by ``wineboot`` for the user 张三 (so the profile is
  ``C:\\users\\张三``), with the audio driver off (no sound card here) and Chinese UI fonts
  mapped to WenQuanYi Micro Hei. Each use copies it (:class:`WinePrefix`), so runs never
  share state and the cached root stays clean.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from roots import RootError, RootManifest, debian_root, run_in_root  # noqa: E402

USER = "张三"
TEMPLATE_PREFIX = "/opt/hh/prefix"
SOURCE_MOUNT = "/src"  # the clone, inside the root; Z:\src for Windows programs
WORK_MOUNT = "/work"  # a scratch folder per run; the prefix lives in it

_FONT_REPLACEMENTS = """REGEDIT4

[HKEY_CURRENT_USER\\Software\\Wine\\Fonts\\Replacements]
"Microsoft YaHei"="WenQuanYi Micro Hei"
"Microsoft YaHei UI"="WenQuanYi Micro Hei"
"SimSun"="WenQuanYi Micro Hei"
"NSimSun"="WenQuanYi Micro Hei"
"SimHei"="WenQuanYi Micro Hei"

[HKEY_CURRENT_USER\\Software\\Wine\\Drivers]
"Audio"=""
"""

# Console programs write to a pipe in the ANSI code page, 936 with the zh_CN locale below.
OUTPUT_ENCODING = "gbk"
WINE_ENV = {
    "USER": USER,
    "LANG": "zh_CN.UTF-8",
    "LC_ALL": "zh_CN.UTF-8",
    "WINEDEBUG": "-all",
    "WINEDLLOVERRIDES": "mscoree,mshtml=",  # never offer to download Mono or Gecko
    "XDG_RUNTIME_DIR": "/tmp",
}

MANIFEST = RootManifest(
    name="wine10-trixie",
    suite="trixie",
    packages=(
        "wine",
        "wine64",
        "xvfb",
        "xauth",
        "locales",
        "fonts-wqy-microhei",
        "gcc-mingw-w64-x86-64-win32",
    ),  # fmt: skip
    files=(HERE / "icuuc_stub.c",),
    env=WINE_ENV,
    setup=(
        "sed -i 's/^# *zh_CN.UTF-8/zh_CN.UTF-8/' /etc/locale.gen && locale-gen",
        "mkdir -p /opt/hh && x86_64-w64-mingw32-gcc -O2 -shared -s "
        "-o /opt/hh/icuuc.dll /opt/root-files/icuuc_stub.c",
        f"export WINEPREFIX={TEMPLATE_PREFIX}; wine wineboot --init; wineserver -w; "
        f"printf '%s' '{_FONT_REPLACEMENTS}' > /tmp/hh.reg && wine regedit /S 'Z:\\tmp\\hh.reg'; "
        f"wineserver -w; cp /opt/hh/icuuc.dll {TEMPLATE_PREFIX}/drive_c/windows/system32/; "
        f"test -d '{TEMPLATE_PREFIX}/drive_c/users/{USER}'",
    ),
)


def wine_root(log=print) -> Path:  # type: ignore[no-untyped-def]
    return debian_root(MANIFEST, log=log)


class WinePrefix:
    """A fresh copy of the template prefix in a scratch folder, and commands run against it.

    ``run`` takes a Windows command line (a list); the clone is visible as ``Z:\\src``."""

    def __init__(
        self,
        root: Path,
        source: Path,
        scratch: Path | None = None,
        binds: Sequence[tuple[Path, str]] = (),
    ) -> None:
        self.root = root
        self.source = source
        self.binds = [(source, SOURCE_MOUNT), *binds]
        self.scratch = scratch or Path(tempfile.mkdtemp(prefix="hh-wine-"))
        self.prefix = self.scratch / "prefix"
        if not self.prefix.exists():
            shutil.copytree(root / TEMPLATE_PREFIX.lstrip("/"), self.prefix, symlinks=True)

    @property
    def drive_c(self) -> Path:
        """The prefix's C: drive as a host folder (for checks from the Linux side)."""
        return self.prefix / "drive_c"

    def run(
        self,
        argv: Sequence[str],
        *,
        timeout_s: float = 600,
        env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        environment = {**WINE_ENV, "WINEPREFIX": f"{WORK_MOUNT}/prefix", **(env or {})}
        return run_in_root(
            self.root,
            ["sh", "-c", 'wine "$@"; code=$?; wineserver -w; exit $code', "wine", *argv],
            binds=[*self.binds, (self.scratch, WORK_MOUNT)],
            env=environment,
            timeout_s=timeout_s,
            encoding=OUTPUT_ENCODING,
        )

    def shell(
        self, script: str, *, timeout_s: float = 600, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """A shell script inside the root with the prefix's environment (for Xvfb runs)."""
        environment = {**WINE_ENV, "WINEPREFIX": f"{WORK_MOUNT}/prefix", **(env or {})}
        return run_in_root(
            self.root,
            ["sh", "-c", script],
            binds=[*self.binds, (self.scratch, WORK_MOUNT)],
            env=environment,
            timeout_s=timeout_s,
            encoding=OUTPUT_ENCODING,
        )

    def host_path(self, windows_path: str) -> Path:
        """``C:\\...`` as a path on the host."""
        drive, _, rest = windows_path.partition(":")
        if drive.upper() != "C":
            raise ValueError(f"only C: is inside the prefix: {windows_path}")
        return self.drive_c.joinpath(*[p for p in rest.split("\\") if p])

    def remove(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)


__all__ = ["MANIFEST", "USER", "RootError", "WinePrefix", "wine_root"]
