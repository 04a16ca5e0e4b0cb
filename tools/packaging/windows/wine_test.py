#!/usr/bin/env python3
"""``make test-windows``: the MSI of ``make package-windows``, installed and used under Wine 10.

  .venv/bin/python tools/packaging/windows/wine_test.py [--keep]

In a fresh copy of the root's Wine prefix (user 张三, zh_CN locale, so the data folder is
``C:\\users\\张三\\AppData\\Local\\HearingHelper``), one step after the other, each with a timeout:

 1. silent per-machine install (``msiexec /i … /qn``): files under Program Files, the Start-menu
    shortcut 庭审协助助手, one entry in Apps & features;
 2. the installed ``hearing-helper-cli.exe --self-test`` (printed whole: it names the keyring,
    multimedia and speech engines found), then ``HearingHelper.exe --self-test`` (no console:
    exit code and self-test.txt);
 3. a CLI round trip: ``demo-data --count 200``, ``report --json``, a supervisor password
    remembered in Credential Manager, ``export --format xlsx`` into a folder whose name has
    Chinese and spaces, the same as CSV (BOM, CRLF), ``verify-log``; the workbook is read
    back here;
 4. the export again while another process holds the workbook open (as Excel does): refused
    with a clear message, nothing changed; then accepted once it is closed;
 5. the window under Xvfb, screenshot saved to ``dist-windows/screenshots/``;
 6. upgrade with a newer MSI (built here from the same folder), data still there; the older
    MSI then refuses to downgrade;
 7. silent uninstall: program files and shortcut gone, the data folder untouched.

Ends with ``test-windows passed`` and the time of each step, or ``test-windows FAILED at
<step>: <why>`` (exit 1). ``--keep`` leaves the scratch prefix for inspection.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build  # noqa: E402
import msi  # noqa: E402
import toolchain  # noqa: E402
import wine_root  # noqa: E402
from roots import RootError  # noqa: E402

from hearing_helper import __version__  # noqa: E402

ROOT = build.ROOT
INSTALL = "C:\\Program Files\\HearingHelper"
CLI = f"{INSTALL}\\hearing-helper-cli.exe"
GUI = f"{INSTALL}\\HearingHelper.exe"
DATA = f"C:\\users\\{wine_root.USER}\\AppData\\Local\\HearingHelper"
EXPORT_DIR = f"C:\\users\\{wine_root.USER}\\Documents\\导出 文件"
EXPORT = f"{EXPORT_DIR}\\日志 2026.xlsx"
EXPORT_CSV = f"{EXPORT_DIR}\\日志 2026.csv"
PERIOD = ["--from", "2000-01-01", "--to", "2100-12-31"]
SHORTCUT = f"{msi.SHORTCUT_NAME}.lnk"
# Wine puts a per-machine shortcut into the user's Start menu (it does not switch
# ProgramMenuFolder to the all-users one for ALLUSERS=1, as Windows does): either is accepted.
START_MENUS = (
    "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs",
    f"C:\\users\\{wine_root.USER}\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs",
)
SCREENSHOT = build.DIST / "screenshots" / "windows-first-window.png"
SCREEN = "1366x768"  # the most common desk-PC screen in the courts' inventory lists
HOLDER_MOUNT = "/opt/winpython"  # the build's python.exe plays Excel holding the workbook


class StepFailedError(Exception):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailedError(message)


class WindowsTest:
    def __init__(self, prefix: wine_root.WinePrefix, old_msi: Path) -> None:
        self.prefix = prefix
        self.old_msi = old_msi
        self.new_msi = prefix.scratch / "newer" / f"HearingHelper-{self.newer_version()}-x64.msi"
        self.log = prefix.scratch / "test-windows.log"

    @staticmethod
    def newer_version() -> str:
        major, minor, patch = (int(n) for n in msi.msi_version(__version__).split("."))
        return f"{major}.{minor}.{patch + 1}"

    def wine(self, argv: list[str], timeout_s: float = 300) -> subprocess.CompletedProcess[str]:
        result = self.prefix.run(argv, timeout_s=timeout_s)
        with self.log.open("a", encoding="utf-8") as out:
            out.write(f"\n$ {' '.join(argv)}\n(exit {result.returncode})\n")
            out.write(result.stdout + result.stderr)
        return result

    def cli(self, *args: str, timeout_s: float = 300) -> subprocess.CompletedProcess[str]:
        return self.wine([CLI, *args], timeout_s=timeout_s)

    def msiexec(self, action: str, package: Path, log_name: str) -> int:
        windows_path = self.windows_path(package)
        return self.wine(
            ["msiexec", action, windows_path, "/qn", "/l*v", f"Z:\\work\\{log_name}"]
        ).returncode

    def windows_path(self, path: Path) -> str:
        for host, inside in (*self.prefix.binds, (self.prefix.scratch, wine_root.WORK_MOUNT)):
            if path.is_relative_to(host):
                return "Z:" + (inside + "/" + path.relative_to(host).as_posix()).replace("/", "\\")
        raise ValueError(f"{path} is not visible inside the root")

    def installed(self) -> bool:
        return self.prefix.host_path(GUI).is_file()

    def shortcut(self) -> Path | None:
        for menu in START_MENUS:
            candidate = self.prefix.host_path(f"{menu}\\{SHORTCUT}")
            if candidate.is_file():
                return candidate
        return None

    def uninstall_entries(self) -> list[str]:
        """DisplayVersion of every Apps & features entry named Hearing Helper."""
        key = "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall"
        result = self.wine(["reg", "query", key, "/s"])
        versions, block = [], ""
        for line in (result.stdout + "\n\n").splitlines():
            if line.startswith("HKEY_"):
                block = ""
            block += line + "\n"
            if "DisplayVersion" in line and "Hearing Helper" in block:
                versions.append(line.split()[-1])
        return versions

    # --- the steps -----------------------------------------------------------------------

    def install(self) -> str:
        code = self.msiexec("/i", self.old_msi, "install.log")
        expect(code == 0, f"msiexec /i {self.old_msi.name} /qn exited {code} (see install.log)")
        for exe in (GUI, CLI):
            expect(self.prefix.host_path(exe).is_file(), f"{exe} was not installed")
        link = self.shortcut()
        expect(link is not None, f"no Start-menu shortcut {SHORTCUT} in {' or '.join(START_MENUS)}")
        assert link is not None
        expect(
            "HearingHelper.exe".encode("utf-16-le") in link.read_bytes()
            or b"HearingHelper.exe" in link.read_bytes(),
            f"{link.name} does not point at HearingHelper.exe",
        )
        versions = self.uninstall_entries()
        expect(versions == [msi.msi_version(__version__)], f"Apps & features entries: {versions}")
        return f"installed under {INSTALL}, shortcut {link.name}, Apps & features {versions}"

    def self_test(self) -> str:
        result = self.cli("--self-test", timeout_s=240)
        print(result.stdout.rstrip())
        out = result.stdout
        expect(result.returncode == 0, f"the installed CLI self-test exited {result.returncode}")
        expect(f"data dir {DATA}" in out, f"the data folder is not {DATA}")
        expect("WinVaultKeyring" in out, "the keyring backend is not Windows Credential Manager")
        expect("multimedia backend ffmpeg" in out, "no multimedia backend named")
        expect("speech engines: " in out and "sapi" in out, "no Windows speech engine (sapi)")
        expect("lock (msvcrt) exclusive" in out, "the file lock did not use msvcrt")
        gui = self.wine([GUI, "--self-test"], timeout_s=240)
        report = self.prefix.host_path(f"{DATA}\\self-test.txt").read_text(encoding="utf-8")
        expect(gui.returncode == 0, f"HearingHelper.exe --self-test exited {gui.returncode}")
        expect("Self-test passed" in report, "self-test.txt of the windowed program: not passed")
        return "CLI and windowed self-tests passed"

    def round_trip(self) -> str:
        made = self.cli("demo-data", "--count", "200", "--no-visits")  # all 200 are "assisted"
        expect(made.returncode == 0, f"demo-data exited {made.returncode}: {made.stderr[-500:]}")
        report = self.cli("report", *PERIOD, "--json")
        expect(report.returncode == 0, f"report --json exited {report.returncode}")
        assisted = json.loads(report.stdout)["assisted"]
        expect(assisted == 200, f"report --json counts {assisted} records, not 200")
        self.remember_supervisor_password()
        self.prefix.host_path(EXPORT_DIR).mkdir(parents=True, exist_ok=True)
        export = self.cli("export", *PERIOD, "--format", "xlsx", "--out", EXPORT)
        expect(export.returncode == 0, f"export exited {export.returncode}: {export.stderr[-800:]}")
        rows = _xlsx_rows(self.prefix.host_path(EXPORT))
        expect(rows == 201, f"the exported workbook has {rows} rows, expected 200 + header")
        csv_export = self.cli("export", *PERIOD, "--format", "csv", "--out", EXPORT_CSV)
        expect(csv_export.returncode == 0, f"CSV export exited {csv_export.returncode}")
        raw = self.prefix.host_path(EXPORT_CSV).read_bytes()
        # Excel on Windows needs the BOM to read UTF-8; text mode must not turn \r\n into \r\r\n.
        expect(raw.startswith(b"\xef\xbb\xbf"), "the CSV has no UTF-8 BOM")
        expect(b"\r\r\n" not in raw and raw.count(b"\r\n") >= 201, "the CSV's line ends are wrong")
        verify = self.cli("verify-log")
        expect(verify.returncode == 0, f"verify-log exited {verify.returncode}: {verify.stdout}")
        expect("not keyed" not in verify.stdout, "the audit log is not keyed (no keyring?)")
        return (
            f"200 records, report, xlsx export ({rows} rows) to {EXPORT}, CSV with BOM and "
            "CRLF, keyed audit log intact"
        )

    def remember_supervisor_password(self) -> None:
        password = "Gericht 2026 庭审"
        script = (
            f"printf '%s\\r\\n%s\\r\\n' '{password}' '{password}' | wine '{CLI}' supervisor "
            f"set-password && printf '%s\\r\\n' '{password}' | wine '{CLI}' supervisor remember"
            "; code=$?; wineserver -w; exit $code"
        )
        result = self.prefix.shell(script, timeout_s=300)
        expect(result.returncode == 0, f"supervisor set-password/remember failed: "
               f"{(result.stdout + result.stderr)[-800:]}")  # fmt: skip

    def export_while_open(self) -> str:
        before = self.prefix.host_path(EXPORT).read_bytes()
        holder = (
            "import sys, time; f = open(sys.argv[1], 'rb'); open(sys.argv[2], 'w').close(); "
            "time.sleep(120)"
        )
        script = (
            f"wine Z:\\\\opt\\\\winpython\\\\python.exe -c \"{holder}\" '{EXPORT}' "
            "'Z:\\work\\holding' & holder=$!; "
            "for i in $(seq 60); do [ -e /work/holding ] && break; sleep 1; done; "
            f"wine '{CLI}' export {' '.join(PERIOD)} --format xlsx --out '{EXPORT}'; "
            'echo "export-exit=$?"; kill $holder; wineserver -k; exit 0'
        )
        result = self.prefix.shell(script, timeout_s=300)
        with self.log.open("a", encoding="utf-8") as out:
            out.write(f"\n$ export while held open\n{result.stdout}{result.stderr}")
        expect("export-exit=1" in result.stdout, "the export onto an open workbook did not fail "
               f"with exit 1: {result.stdout[-600:]}")  # fmt: skip
        expect("open in another program" in result.stderr, "no clear message: "
               f"{result.stderr[-600:]}")  # fmt: skip
        expect(self.prefix.host_path(EXPORT).read_bytes() == before, "the open workbook changed")
        again = self.cli("export", *PERIOD, "--format", "xlsx", "--out", EXPORT)
        expect(again.returncode == 0, "the export failed after the workbook was closed")
        message = next(line for line in result.stderr.splitlines() if "open in another" in line)
        return f"refused while open ({message.strip()[:90]}...), written once closed"

    def window(self) -> str:
        display = 300 + (id(self) % 600)
        done = self.prefix.scratch / "screenshot-done"
        script = (
            f"Xvfb :{display} -screen 0 {SCREEN}x24 -nolisten tcp >/tmp/xvfb.log 2>&1 & x=$!; "
            "sleep 2; "
            # A Wine desktop window stands in for the window manager Xvfb lacks, so the app
            # maximises to the screen as on Windows.
            f"DISPLAY=:{display} wine explorer /desktop=HearingHelper,{SCREEN} '{GUI}' & "
            f"for i in $(seq 300); do [ -e /work/{done.name} ] && break; sleep 1; done; "
            "wineserver -k; kill $x; exit 0"
        )
        holder: dict[str, object] = {}
        thread = threading.Thread(
            target=lambda: holder.update(result=self.prefix.shell(script, timeout_s=400))
        )
        thread.start()
        try:
            title = _wait_for_window(display, msi.SHORTCUT_NAME, timeout_s=180)
            time.sleep(5)  # let the first page paint
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            shot = subprocess.run(
                ["import", "-display", f":{display}", "-window", "root", str(SCREENSHOT)],
                capture_output=True, text=True, timeout=60, check=False,
            )  # fmt: skip
            expect(shot.returncode == 0, f"screenshot failed: {shot.stderr}")
        finally:
            done.touch()
            thread.join(timeout=120)
        colours = subprocess.run(
            ["identify", "-format", "%k", str(SCREENSHOT)], capture_output=True, text=True
        ).stdout
        expect(colours.isdigit() and int(colours) > 50, f"the screenshot looks empty ({colours})")
        return f"window {title!r} shown; screenshot {SCREENSHOT} ({colours} colours)"

    def upgrade(self) -> str:
        self.new_msi.parent.mkdir(parents=True, exist_ok=True)
        msi.build_msi(
            build.APP_FOLDER, self.new_msi, self.newer_version(),
            ROOT / "assets" / "icons" / "hearing_helper.ico",
        )  # fmt: skip
        code = self.msiexec("/i", self.new_msi, "upgrade.log")
        expect(code == 0, f"msiexec /i {self.new_msi.name} /qn exited {code} (see upgrade.log)")
        versions = self.uninstall_entries()
        expect(versions == [self.newer_version()], f"after the upgrade Apps & features shows "
               f"{versions}, expected only {self.newer_version()}")  # fmt: skip
        expect(self.installed(), "the programs are missing after the upgrade")
        report = self.cli("report", *PERIOD, "--json")
        expect(report.returncode == 0 and json.loads(report.stdout)["assisted"] == 200,
               "the 200 records are not all there after the upgrade")  # fmt: skip
        downgrade = self.msiexec("/i", self.old_msi, "downgrade.log")
        expect(downgrade != 0, "the older MSI installed over the newer one (no downgrade guard)")
        expect(self.uninstall_entries() == [self.newer_version()], "the downgrade changed things")
        return (f"{msi.msi_version(__version__)} -> {self.newer_version()}: one entry, 200 records "
                f"kept; downgrade refused (exit {downgrade})")  # fmt: skip

    def uninstall(self) -> str:
        code = self.msiexec("/x", self.new_msi, "uninstall.log")
        expect(code == 0, f"msiexec /x /qn exited {code} (see uninstall.log)")
        expect(not self.installed(), f"{GUI} is still there after uninstall")
        expect(self.shortcut() is None, "the Start-menu shortcut is still there")
        expect(self.uninstall_entries() == [], "Apps & features still lists Hearing Helper")
        data = self.prefix.host_path(DATA)
        kept = sorted(p.name for p in data.iterdir())
        expect("hearing_helper.sqlite3" in kept, f"the database is gone from {DATA}: {kept}")
        expect(self.prefix.host_path(EXPORT).is_file(), "the exported workbook is gone")
        return f"program files and shortcut removed; {DATA} kept: {', '.join(kept)}"


def _xlsx_rows(path: Path) -> int:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return sum(sheet.max_row or 0 for sheet in workbook.worksheets)
    finally:
        workbook.close()


def _wait_for_window(display: int, title: str, timeout_s: float) -> str:
    """The name of the first top-level window whose name contains ``title``."""
    deadline = time.monotonic() + timeout_s
    seen = ""
    while time.monotonic() < deadline:
        tree = subprocess.run(
            ["xwininfo", "-display", f":{display}", "-root", "-tree"],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        seen = tree.stdout
        for line in seen.splitlines():
            if title in line and '"' in line:
                return line.split('"')[1]
        time.sleep(2)
    raise StepFailedError(f"no window named {title} appeared within {timeout_s:.0f} s")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the scratch Wine prefix")
    parser.add_argument("--only", help="comma-separated step names (for diagnosis)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    old_msi = build.msi_path(__version__)
    if not old_msi.is_file():
        print(f"test-windows FAILED: {old_msi} is missing; run make package-windows first",
              file=sys.stderr)  # fmt: skip
        return 1
    try:
        root = wine_root.wine_root()
        python = toolchain.windows_python()
    except RootError as exc:
        print(f"test-windows FAILED preparing the Wine root: {exc}", file=sys.stderr)
        return 1
    prefix = wine_root.WinePrefix(root, ROOT, binds=[(python, HOLDER_MOUNT)])
    test = WindowsTest(prefix, old_msi)
    steps: list[tuple[str, Callable[[], str]]] = [
        ("install", test.install),
        ("self-test", test.self_test),
        ("round trip", test.round_trip),
        ("export while open", test.export_while_open),
        ("window", test.window),
        ("upgrade", test.upgrade),
        ("uninstall", test.uninstall),
    ]
    if args.only:
        wanted = args.only.split(",")
        steps = [(name, step) for name, step in steps if name in wanted]
    print(f"Wine prefix {prefix.prefix} (log {test.log})")
    failed = None
    for name, step in steps:
        step_started = time.monotonic()
        print(f"== {name}", flush=True)
        try:
            detail = step()
        except (StepFailedError, RootError, OSError, ValueError, KeyError) as exc:
            failed = f"test-windows FAILED at {name}: {exc}"
            break
        print(f"   ok ({time.monotonic() - step_started:.0f} s): {detail}", flush=True)
    if failed:
        print(failed, file=sys.stderr)
        print(f"   the Wine prefix and logs are kept in {prefix.scratch}", file=sys.stderr)
        return 1
    if not args.keep:
        prefix.remove()
    print(f"test-windows passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
