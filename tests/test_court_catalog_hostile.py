"""A catalog version slipped into the central database past ``hh_publish_catalog()`` (by its
owner, or a damaged backup): a desk refuses it with a reason, keeps the version it has, writes
nothing outside its ``court_catalog`` folder and never raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from hearing_helper.catalog.published import (
    MAX_VERSION_FILES,
    VersionInfo,
    court_folder,
    install_version,
    version_checksum,
    version_in_use,
)
from hearing_helper.visits.court_files import folder_problems
from tests.test_court_catalog_switch import info_of, version_files

HOSTILE_NAMES = [
    "../evil.toml",
    "catalog/../../evil.toml",
    "/tmp/evil.toml",
    "catalog\\..\\evil.toml",
    "catalog/evil\x00.toml",
    "catalog/evil.toml\n",
    "guides/" + "x" * 5000 + ".toml",
    "catalog/",
]


def _everything_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*")}


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_file_name_is_refused_not_written(tmp_path: Path, name: str) -> None:
    data_dir = tmp_path / "desk" / "data"
    data_dir.mkdir(parents=True)
    assert install_version(data_dir, info_of(1, version_files(1)), version_files(1),
                           folder_problems) == []  # fmt: skip
    outside_before = _everything_under(tmp_path) - _everything_under(court_folder(data_dir))
    files = {**version_files(2), name: b'id = "evil"\n'}
    info = VersionInfo(2, version_checksum(files), "", "postgres", len(files))
    problems = install_version(data_dir, info, files, folder_problems)  # before: ValueError
    assert problems and "may not hold" in str(problems[0])
    in_use = version_in_use(data_dir)
    assert in_use is not None and in_use.version == 1
    outside_after = _everything_under(tmp_path) - _everything_under(court_folder(data_dir))
    assert outside_after == outside_before
    assert not any(".staging-" in p.name for p in court_folder(data_dir).iterdir())


def test_too_many_or_too_large_files_are_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    many = {f"images/guides/p{n}.svg": b"<svg/>" for n in range(MAX_VERSION_FILES + 1)}
    many.update(version_files(1))
    problems = install_version(data_dir, VersionInfo(1, version_checksum(many)), many,
                               folder_problems)  # fmt: skip
    assert problems and "at most" in str(problems[0])
    assert not (court_folder(data_dir) / "v1-").exists()
    huge = {**version_files(1), "images/guides/big.png": b"\0" * (3 * 1024 * 1024)}
    problems = install_version(data_dir, VersionInfo(1, version_checksum(huge)), huge,
                               folder_problems)  # fmt: skip
    assert problems and "at most" in str(problems[0])
    assert version_in_use(data_dir) is None


def test_non_utf8_or_damaged_toml_is_refused(tmp_path: Path) -> None:
    for content in (b"\xff\xfe id = 1", b'id = "zoom"\n[[[broken'):
        files = {**version_files(1), "catalog/zoom.toml": content}
        problems = install_version(tmp_path, VersionInfo(1, version_checksum(files)), files,
                                   folder_problems)  # fmt: skip
        assert problems and "zoom.toml" in str(problems[0])
        assert version_in_use(tmp_path) is None
