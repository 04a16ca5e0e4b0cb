"""The 信创 (UOS, Kylin) Linux packaging: glibc floor check, .deb layout, root cache, Qt pins.

The builds themselves run in Debian 11 roots (``make package-linux``/``make test-linux-compat``,
minutes each, root only); these tests cover the pieces that decide whether those builds are right
and run in a second, on this machine's real files where it matters (readelf on real binaries,
dpkg-deb on a real package).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "packaging"))
sys.path.insert(0, str(ROOT / "tools" / "packaging" / "linux"))

import glibc_floor  # noqa: E402
import make_deb  # noqa: E402
import roots  # noqa: E402

needs_binutils = pytest.mark.skipif(shutil.which("readelf") is None, reason="needs readelf")
needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")

READELF = """\
Version symbols section '.gnu.version' contains 4 entries:
  000:   0 (*local*)       2 (GLIBC_2.34)   3 (GLIBC_2.17)
Version definition section '.gnu.version_d' contains 2 entries:
  0x0000: Rev: 1  Flags: BASE  Index: 1  Cnt: 1  Name: libfoo.so
  0x001c: Rev: 1  Flags: none  Index: 2  Cnt: 1  Name: GLIBC_2.38
Version needs section '.gnu.version_r' contains 2 entries:
  000000: Version: 1  File: libc.so.6  Cnt: 2
  0x0010:   Name: GLIBC_2.17  Flags: none  Version: 3
  0x0020:   Name: GLIBC_2.2.5  Flags: none  Version: 2
  0x0030: Version: 1  File: libm.so.6  Cnt: 1
  0x0040:   Name: GLIBC_2.29  Flags: none  Version: 4
"""


def test_only_needed_glibc_versions_count_not_defined_or_symbol_table_ones() -> None:
    assert glibc_floor.needed_versions(READELF) == {(2, 17), (2, 2, 5), (2, 29)}


def test_versions_compare_as_numbers() -> None:
    assert max({(2, 2, 5), (2, 17), (2, 9)}) == (2, 17)
    assert (2, 31) <= glibc_floor.LIMIT < (2, 34)


def _host_libc_version() -> tuple[int, ...]:
    out = subprocess.run(["ldd", "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)\.(\d+)\s*$", out.splitlines()[0])
    assert match, out
    return (int(match[1]), int(match[2]))


@needs_binutils
def test_a_binary_built_on_this_newer_system_fails_the_2_31_floor(tmp_path: Path) -> None:
    """This machine's own Python needs this machine's newer glibc: the check must say FAIL."""
    host = _host_libc_version()
    if host <= (2, 31):
        pytest.skip(f"this machine has glibc {host}, not newer than 2.31")
    shutil.copy2(Path(sys.executable).resolve(), tmp_path / "python")
    (tmp_path / "notes.txt").write_text("not an ELF file")
    result = glibc_floor.report(tmp_path)
    assert result.files == 1
    assert (2, 31) < result.highest <= host
    assert not result.ok and "FAIL" in str(result)
    assert glibc_floor.main([str(tmp_path)]) == 1
    assert glibc_floor.main([str(tmp_path), "--limit", glibc_floor.version_text(host)]) == 0


def test_a_folder_without_programs_is_a_failure_not_a_pass(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("nothing to run")
    result = glibc_floor.report(tmp_path)
    assert not result.ok and "no ELF file" in str(result)


def _fake_bundle(folder: Path) -> Path:
    bundle = folder / "HearingHelper"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("HearingHelper", "hearing-helper-cli"):
        (bundle / name).write_bytes(b"\x7fELF fake")
        (bundle / name).chmod(0o755)
    (bundle / "_internal" / "libexample.so").write_bytes(b"\x7fELF" + b"\0" * 4096)
    return bundle


def test_control_declares_the_desks_runtime_packages_by_debian_names() -> None:
    control = make_deb.control_text("0.1.0", "arm64", 1234, (2, 31))
    fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", control, re.MULTILINE))
    depends = [entry.strip() for entry in fields["Depends"].split(",")]
    assert fields["Package"] == "hearing-helper" and fields["Architecture"] == "arm64"
    assert depends[0] == "libc6 (>= 2.31)"
    for needed in ("libpulse0", "libxcb-cursor0", "libxkbcommon-x11-0", "libegl1"):
        assert needed in depends
    fonts = next(entry for entry in depends if "fonts-" in entry)
    assert fonts.split(" | ")[0] == "fonts-noto-cjk" and "fonts-wqy-microhei" in fonts
    assert fields["Installed-Size"] == "1234"
    # The aarch64 Qt wheels link the system's FFmpeg 4; the x86_64 ones carry their own.
    assert "libavcodec58" in depends
    assert "libavcodec58" not in make_deb.control_text("0.1.0", "amd64", 1, (2, 31))


def test_desktop_entry_is_chinese_and_points_at_the_installed_program() -> None:
    entry = dict(line.split("=", 1) for line in make_deb.DESKTOP_ENTRY.splitlines() if "=" in line)
    assert entry["Name[zh_CN]"] == "庭审协助助手"
    assert entry["Exec"] == f"/{make_deb.INSTALL_DIR}/HearingHelper"
    assert entry["Icon"] == make_deb.PACKAGE and entry["Type"] == "Application"


@needs_dpkg
def test_deb_installs_under_opt_with_menu_entry_icon_and_command(tmp_path: Path) -> None:
    deb = make_deb.build_deb(_fake_bundle(tmp_path), "amd64", tmp_path, (2, 28))
    assert deb.name == "hearing-helper_0.1.0_amd64.deb"
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/hearing-helper/HearingHelper",
        "./opt/hearing-helper/hearing-helper-cli",
        "./opt/hearing-helper/_internal/libexample.so",
        "./usr/share/applications/hearing-helper.desktop",
        "./usr/share/icons/hicolor/256x256/apps/hearing-helper.png",
        "./usr/share/icons/hicolor/scalable/apps/hearing-helper.svg",
        "./usr/bin/hearing-helper -> /opt/hearing-helper/hearing-helper-cli",
    ):
        assert path in listing, path
    assert "root/root" in listing and "/home" not in listing  # never the clerk's data
    assert "-rwxr-xr-x" in next(line for line in listing.splitlines() if "cli" in line)
    depends = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Depends"], capture_output=True, text=True, check=True
    ).stdout
    assert depends.startswith("libc6 (>= 2.28), libpulse0")
    control_files = subprocess.run(
        ["dpkg-deb", "--ctrl-tarfile", str(deb)], capture_output=True, check=True
    ).stdout
    # No maintainer scripts: removal deletes exactly the package's files, nothing in $HOME.
    assert b"postrm" not in control_files and b"md5sums" in control_files


def test_roots_are_reused_while_the_manifest_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEARING_HELPER_ROOTS", str(tmp_path))
    builds: list[Path] = []

    def build(folder: Path) -> None:
        builds.append(folder)
        folder.mkdir()
        (folder / "made").write_text(str(len(builds)))

    first = roots.cached_root("test-root", "packages: a b", build, log=lambda _text: None)
    again = roots.cached_root("test-root", "packages: a b", build, log=lambda _text: None)
    assert first == again and len(builds) == 1
    changed = roots.cached_root("test-root", "packages: a b c", build, log=lambda _text: None)
    assert changed != first and len(builds) == 2
    assert not first.exists(), "the root of the old manifest is removed"
    assert (changed / roots.MANIFEST_NAME).read_text() == "packages: a b c"


def test_an_interrupted_root_build_is_never_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEARING_HELPER_ROOTS", str(tmp_path))

    def broken(folder: Path) -> None:
        folder.mkdir()
        raise RuntimeError("mirror unreachable")

    with pytest.raises(RuntimeError):
        roots.cached_root("test-root", "m", broken, log=lambda _text: None)
    assert not roots.root_path("test-root", "m").exists()
    made = roots.cached_root("test-root", "m", lambda folder: folder.mkdir(), log=print)
    assert (made / roots.MANIFEST_NAME).is_file()


def _pins() -> dict[str, str]:
    pins = {}
    path = ROOT / "tools" / "packaging" / "linux" / "requirements-debian11.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            pins[requirement.name.lower()] = spec.version
    return pins


def test_xinchuang_builds_pin_one_qt_6_8_lts_for_both_architectures() -> None:
    pins = _pins()
    qt = {pins["pyside6-essentials"], pins["pyside6-addons"], pins["shiboken6"]}
    assert qt == {"6.8.0.2"}, "one Qt for x86_64 and arm64: 6.8.0.2 is the last on glibc 2.31"


def test_every_pin_is_inside_the_projects_own_requirement() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = _pins()
    for line in pyproject["project"]["dependencies"]:
        requirement = Requirement(line)
        name = requirement.name.lower()
        assert name in pins, f"{name} is not pinned for the Debian 11 builds"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} vs {line}"
