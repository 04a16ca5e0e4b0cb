"""The remembered supervisor password's keyring entry is named by the desk id, not by the data
folder's path (a path can hold the user's name and changes when the folder moves); an entry
under the old path-based name is moved on first use: read, written under the new name, deleted
(review finding, polish item 4)."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from hearing_helper import secrets
from hearing_helper.cli import main
from hearing_helper.desk_identity import desk_id

PASSWORD = "richter-2026"
PERIOD = ["--from", "2026-01-01", "--to", "2026-12-31"]


def path_based_name(data_dir: Path) -> str:
    """The name used before: a digest of the folder's resolved path."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"supervisor-password:{digest}"


def cli(data_dir: Path, *argv: str, stdin: str = "") -> int:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        return main(["--data-dir", str(data_dir), *argv])


def stored_names(ring: Path) -> set[str]:
    return set(json.loads(ring.read_text())) if ring.exists() else set()


def test_the_name_is_the_desks_and_survives_a_moved_folder(tmp_path: Path) -> None:
    first = tmp_path / "alice" / "HearingHelper"
    first.mkdir(parents=True)
    name = secrets.supervisor_secret_name(first)
    assert name == f"supervisor-password:{desk_id(first)}"
    assert name != path_based_name(first) and "alice" not in name
    moved = tmp_path / "court" / "HearingHelper"
    moved.parent.mkdir()
    first.rename(moved)
    assert secrets.supervisor_secret_name(moved) == name


def test_an_entry_under_the_path_name_is_moved_on_first_use(
    ring: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(data_dir, "supervisor", "set-password", stdin=f"{PASSWORD}\n{PASSWORD}\n") == 0
    secrets.set_secret(path_based_name(data_dir), PASSWORD)  # remembered by an older version
    out = data_dir.parent / "log.csv"
    # Nothing on stdin: the export must find the remembered password under its old name.
    code = cli(data_dir, "export", *PERIOD, "--format", "csv", "--out", str(out))
    assert code == 0, capsys.readouterr().err
    new_name = f"HearingHelper/supervisor-password:{desk_id(data_dir)}"
    assert stored_names(ring) >= {new_name}
    assert f"HearingHelper/{path_based_name(data_dir)}" not in stored_names(ring)
    assert json.loads(ring.read_text())[new_name] == PASSWORD


def test_remember_writes_the_new_name_and_forget_removes_both(
    ring: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(data_dir, "supervisor", "set-password", stdin=f"{PASSWORD}\n{PASSWORD}\n") == 0
    secrets.set_secret(path_based_name(data_dir), "an-older-password")
    assert cli(data_dir, "supervisor", "remember", stdin=f"{PASSWORD}\n") == 0
    names = stored_names(ring)
    assert f"HearingHelper/supervisor-password:{desk_id(data_dir)}" in names
    assert f"HearingHelper/{path_based_name(data_dir)}" not in names
    secrets.set_secret(path_based_name(data_dir), PASSWORD)
    assert cli(data_dir, "supervisor", "remember", "--forget") == 0
    assert not any(
        name.startswith("HearingHelper/supervisor-password") for name in stored_names(ring)
    )
    capsys.readouterr()
