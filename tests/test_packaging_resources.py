"""What build.spec feeds PyInstaller: the icon files and the Windows version resource."""

from __future__ import annotations

import struct
import sys
import types
from pathlib import Path

import pytest

from hearing_helper import __version__

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "assets" / "icons"
sys.path.insert(0, str(ROOT / "tools" / "packaging"))

from version_info import version_file_text, version_tuple  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])  # IHDR follows the signature
    return width, height


def test_ico_holds_every_windows_size_as_png() -> None:
    data = (ICONS / "hearing_helper.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _c, _r, _p, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        size = width or 256
        assert (width, height, bits) == (width, width, 32)
        assert _png_size(data[offset : offset + length]) == (size, size)
        sizes.append(size)
    assert {16, 24, 32, 48, 256} <= set(sizes)


def test_icns_and_png_are_valid() -> None:
    icns = (ICONS / "hearing_helper.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic09" in icns  # the 512 px image macOS uses for the Dock
    assert _png_size((ICONS / "hearing_helper.png").read_bytes()) == (256, 256)


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.1rc1", (2, 0, 1, 0)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
        ("3.1.0+local", (3, 1, 0, 0)),
    ],
)
def test_version_numbers_for_the_resource(version: str, expected: tuple[int, ...]) -> None:
    assert version_tuple(version) == expected


@pytest.mark.parametrize("bad", ["", "v1.0", "70000.1"])
def test_bad_versions_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        version_tuple(bad)


def test_version_file_is_read_by_pyinstaller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PyInstaller's reader imports pefile and win32api, which exist only on Windows; neither is
    # used for reading the text format, so stand-ins are enough here.
    import PyInstaller.compat

    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    from PyInstaller.utils.win32 import versioninfo

    path = tmp_path / "version.txt"
    path.write_text(
        version_file_text(__version__, "hearing-helper-cli", "Command line"), encoding="utf-8"
    )
    info = versioninfo.load_version_info_from_text_file(str(path))
    major, minor, patch, build = version_tuple(__version__)
    assert info.ffi.fileVersionMS == (major << 16) | minor
    assert info.ffi.fileVersionLS == (patch << 16) | build
    text = str(info)
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert "StringStruct('OriginalFilename', 'hearing-helper-cli.exe')" in text
    assert "庭审协助助手" in text
    assert len(info.toRaw()) > 200  # serialises into a real resource
