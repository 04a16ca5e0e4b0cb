"""``server publish-catalog DIR`` publishes the files in DIR, not what links in it point at: a
symbolic link (to a file or a folder) or any other non-regular file (a named pipe would hang the
read) is refused naming it, exit 1 like the command's other problems, and nothing is stored."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from hearing_helper.catalog.published import collect_folder
from tests.test_court_catalog_switch import zoom_file
from tests.test_pg_cli import hh

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and pipes")

LINK = "https://zoom.us/download/court-2026"


def _secret(tmp_path: Path) -> Path:
    """A file outside the published folder (valid TOML, so only the link gives it away)."""
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    secret = outside / "zoom.toml"
    secret.write_bytes(zoom_file("https://zoom.us/download/not-meant-for-desks"))
    return secret


def _file_link(folder: Path, secret: Path) -> str:
    (folder / "catalog" / "teams.toml").symlink_to(secret)
    return "catalog/teams.toml"


def _folder_link(folder: Path, secret: Path) -> str:
    (folder / "images").mkdir()
    (folder / "images" / "guides").symlink_to(secret.parent, target_is_directory=True)
    (secret.parent / "shot.png").write_bytes(b"\x89PNG from outside")
    return "images/guides"


def _rules_link(folder: Path, secret: Path) -> str:
    (folder / "join_modes.toml").symlink_to(secret)
    return "join_modes.toml"


def _pipe(folder: Path, _secret: Path) -> str:
    os.mkfifo(folder / "catalog" / "pipe.toml")
    return "catalog/pipe.toml"


@pytest.mark.parametrize("make", [_file_link, _folder_link, _rules_link, _pipe])
def test_a_link_or_pipe_in_the_folder_is_refused_by_name(
    tmp_path: Path, make: Callable[[Path, Path], str]
) -> None:
    folder = tmp_path / "court"
    (folder / "catalog").mkdir(parents=True)
    (folder / "catalog" / "zoom.toml").write_bytes(zoom_file(LINK))
    named = make(folder, _secret(tmp_path))
    files, problems = collect_folder(folder)
    assert [problem.file for problem in problems] == [named], problems
    assert "not a regular file" in problems[0].problem or "link" in problems[0].problem
    assert sorted(files) == ["catalog/zoom.toml"]  # nothing from outside the folder


def test_publish_catalog_refuses_a_linked_file_and_stores_nothing(
    tmp_path: Path, central: str
) -> None:
    folder = tmp_path / "court"
    (folder / "catalog").mkdir(parents=True)
    (folder / "catalog" / "zoom.toml").write_bytes(zoom_file(LINK))
    named = _file_link(folder, _secret(tmp_path))
    done = hh(tmp_path / "it", "server", "publish-catalog", str(folder), "--database", central)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{named}: is a symbolic link" in done.stderr, done.stderr
    assert "nothing published" in done.stderr and "Traceback" not in done.stderr
    with psycopg.connect(central) as owner:
        assert owner.execute("SELECT count(*) FROM catalog_versions").fetchone() == (0,)
    (folder / "catalog" / "teams.toml").unlink()  # the same folder without the link publishes
    done = hh(tmp_path / "it", "server", "publish-catalog", str(folder), "--database", central)
    assert done.returncode == 0, done.stderr


def test_the_folder_named_on_the_command_line_may_itself_be_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "catalog").mkdir(parents=True)
    (real / "catalog" / "zoom.toml").write_bytes(zoom_file(LINK))
    (tmp_path / "named").symlink_to(real, target_is_directory=True)
    files, problems = collect_folder(tmp_path / "named")
    assert problems == [] and sorted(files) == ["catalog/zoom.toml"]


def test_a_hostile_link_name_is_printed_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "court"
    (folder / "catalog").mkdir(parents=True)
    (folder / "catalog" / "zoom.toml").write_bytes(zoom_file(LINK))
    (folder / "catalog" / "\x1b[2J\u202e.toml").symlink_to(_secret(tmp_path))
    (folder / "catalog" / ("\x07" + "x" * 200 + ".toml")).write_bytes(b"\xff")
    files, problems = collect_folder(folder)
    shown = " ".join(str(problem) for problem in problems)
    assert "catalog/\\x1b[2J\\u202e.toml: is a symbolic link" in shown, shown
    assert not any(not c.isprintable() for c in shown)
    assert all(len(problem.file) <= 120 for problem in problems)
    assert sorted(files) == ["catalog/zoom.toml"]
