"""The frozen app: build.spec builds dist/HearingHelper/ and both programs pass the self-test.

Marked ``packaging`` (excluded by default; ``make test`` runs it when CI=true or PACKAGING=1).
The bundle is built once per run into a temporary folder (about 20-60 s here).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hearing_helper import __version__

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parent.parent
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
# 210 before the PostgreSQL driver; psycopg-binary adds 10.4 MiB (its libpq with its own OpenSSL,
# Kerberos and LDAP libraries: 9.2 MiB; the compiled module: 1.2 MiB), measured: 216 MiB.
MAX_BUNDLE_MIB = 222
CHECKS = (
    "assets",
    "catalog",
    "guides",
    "database",
    "postgresql",
    "keyring",
    "files",
    "application",
    "translations",
    "multimedia",
    "main window",
)
# Libraries that must not be in the bundle: excluded Qt modules (see build.spec).
FORBIDDEN_LIBRARIES = (
    "Qt6WebEngine",
    "Qt6Pdf",
    "Qt6Sql",
    "Qt6Test",
    "Qt6Designer",
    "Qt63D",
    "Qt6Bluetooth",
    "Qt6Nfc",
    "Qt6Positioning",
    "Qt6Sensors",
    "Qt6SerialPort",
    "Qt6VirtualKeyboard",
    "Qt6QuickControls2",
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
            "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
            str(ROOT / "build.spec"),
        ],
        capture_output=True, text=True, timeout=1500, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    print(f"\nbuild took {time.monotonic() - started:.0f} s")
    return work / "dist" / "HearingHelper"


def _run(
    exe: Path, *args: str, stdin: str = "", timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)  # the frozen app must not need the source tree
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, timeout=timeout, env=env,
        cwd=exe.parent.parent, input=stdin, encoding="utf-8",
    )  # fmt: skip


def _assert_all_ok(output: str) -> None:
    for name in CHECKS:
        assert any(
            line.startswith("OK ") and line[4:].lstrip().startswith(name + " ")
            for line in output.splitlines()
        ), f"{name} not OK:\n{output}"


@pytest.mark.timeout(1800)
def test_frozen_gui_program_passes_the_self_test(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    started = time.monotonic()
    result = _run(bundle / f"HearingHelper{EXE_SUFFIX}", "--data-dir", str(data), "--self-test")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_all_ok(result.stdout)
    assert "(frozen," in result.stdout
    # The windowed program's report for a console-less Windows: same text in the data dir.
    saved = (data / "self-test.txt").read_text(encoding="utf-8")
    assert "Self-test passed" in saved and "(frozen," in saved
    print(f"frozen self-test took {elapsed:.1f} s")  # a figure, not a pass mark


@pytest.mark.timeout(1800)
def test_frozen_cli_program_reports_version_and_passes_the_self_test(
    bundle: Path, tmp_path: Path
) -> None:
    cli = bundle / f"hearing-helper-cli{EXE_SUFFIX}"
    version = _run(cli, "--version")
    assert version.returncode == 0 and version.stdout.strip() == f"hearing-helper {__version__}"
    result = _run(cli, "--data-dir", str(tmp_path / "data"), "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_all_ok(result.stdout)
    if sys.platform.startswith("linux"):  # 朗读: the text-to-speech plugin is in the bundle
        assert "speech engines: speechd" in result.stdout, result.stdout
    verify = _run(cli, "--data-dir", str(tmp_path / "data"), "verify-log")
    assert verify.returncode == 0, verify.stdout + verify.stderr


@pytest.mark.timeout(1800)
def test_it_can_script_check_and_export_with_the_frozen_cli(bundle: Path, tmp_path: Path) -> None:
    cli = bundle / f"hearing-helper-cli{EXE_SUFFIX}"
    data = str(tmp_path / "data")
    password = "Court-Desk-2026!\n"
    demo = _run(cli, "--data-dir", data, "demo-data", "--count", "12", "--seed", "3")
    assert demo.returncode == 0, demo.stderr
    setup = _run(cli, "--data-dir", data, "supervisor", "set-password", stdin=password * 2)
    assert setup.returncode == 0, setup.stderr
    signatures = {"csv": b"\xef\xbb\xbf", "xlsx": b"PK", "pdf": b"%PDF-"}
    for fmt, signature in signatures.items():
        out = tmp_path / f"log.{fmt}"
        result = _run(
            cli, "--data-dir", data, "export", "--from", "2000-01-01", "--to", "2100-12-31",
            "--format", fmt, "--out", str(out), stdin=password,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Exported 12 rows" in result.stdout
        assert out.read_bytes().startswith(signature)
    check = _run(cli, "--data-dir", data, "check", "--only", "system", "--json")
    assert check.returncode in (0, 1), check.stderr  # 1 = a warning, e.g. a full disk
    assert json.loads(check.stdout)[0]["id"] == "system"


@pytest.mark.timeout(1800)
def test_bundle_is_trimmed_and_ffmpeg_untouched(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mib = sum(p.stat().st_size for p in files) / 2**20
    assert size_mib <= MAX_BUNDLE_MIB, f"bundle is {size_mib:.0f} MiB"
    names = [p.name for p in files]
    assert not [n for n in names if n.removeprefix("lib").startswith(FORBIDDEN_LIBRARIES)]
    qt_translations = [p.name for p in files if p.suffix == ".qm" and "assets" not in p.parts]
    assert qt_translations and all(n.endswith(("_zh_CN.qm", "_en.qm")) for n in qt_translations)
    assert (bundle / "_internal" / "assets" / "icons" / "hearing_helper.png").is_file()
    assert not list((bundle / "_internal" / "assets").rglob("*.ts"))
    migrations = bundle / "_internal" / "hearing_helper" / "store" / "sqlite" / "migrations"
    assert sorted(p.name for p in migrations.glob("*.sql")) == sorted(
        p.name for p in (ROOT / "hearing_helper" / "store" / "sqlite" / "migrations").glob("*.sql")
    )
    # The FFmpeg libraries are copied byte for byte (a stripped libavformat loses the backend).
    import PySide6

    source = {p.name: p for p in Path(PySide6.__file__).parent.rglob("*avformat*") if p.is_file()}
    bundled = [p for p in files if "avformat" in p.name]
    assert bundled, "libavformat missing from the bundle"
    for path in bundled:
        original = source[path.name]
        assert (
            hashlib.sha256(path.read_bytes()).digest()
            == hashlib.sha256(original.read_bytes()).digest()
        ), f"{path.name} was modified"


@pytest.mark.timeout(1800)
def test_every_module_of_the_app_is_frozen(bundle: Path) -> None:
    # Modules imported by name at run time are invisible to PyInstaller; collect_submodules in
    # build.spec adds them, and skips (with only a warning) any that fails to import at build.
    from PyInstaller.archive.readers import ZlibArchiveReader

    archive = next((bundle.parent.parent / "build").glob("*/PYZ-00.pyz"))
    frozen = set(ZlibArchiveReader(str(archive)).toc)
    package = ROOT / "hearing_helper"
    expected = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in package.rglob("*.py")
    }
    assert "hearing_helper.commands.self_test" in expected & frozen
    assert sorted(expected - frozen) == []


@pytest.mark.timeout(1800)
def test_the_app_is_frozen_as_bytecode(bundle: Path) -> None:
    # Issue 23: without bytecode a cold start compiles ~120 modules (+86 ms). The frozen app's
    # modules are code objects in the PYZ archive, and none ships as a source file instead.
    import types

    from PyInstaller.archive.readers import ZlibArchiveReader

    archive = ZlibArchiveReader(str(next((bundle.parent.parent / "build").glob("*/PYZ-00.pyz"))))
    for name in ("hearing_helper.cli", "hearing_helper.ui.main_window", "hearing_helper.store"):
        assert isinstance(archive.extract(name), types.CodeType), name
    assert sorted((bundle / "_internal" / "hearing_helper").rglob("*.py")) == []


@pytest.mark.timeout(1800)
def test_frozen_self_test_notices_a_lost_multimedia_plugin(bundle: Path, tmp_path: Path) -> None:
    plugins = next(bundle.rglob("plugins/multimedia"))
    aside = tmp_path / "multimedia-aside"
    shutil.move(str(plugins), aside)
    try:
        result = _run(
            bundle / f"hearing-helper-cli{EXE_SUFFIX}", "--data-dir", str(tmp_path / "d"),
            "--self-test",
        )  # fmt: skip
    finally:
        shutil.move(str(aside), plugins)
    assert result.returncode == 1
    assert "FAIL  multimedia" in result.stdout, result.stdout
