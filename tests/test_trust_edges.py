"""Edge states get clear messages and the right exit codes (issue 18, finding 9): a zero-byte
database where a used one was, a symlink loop as the data folder, non-UTF-8 bytes typed at the
password prompt, a damaged desk id, and ``gui`` without a display."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hearing_helper.cli import main
from tests.reports_fixtures import seeded_services

ROOT = Path(__file__).resolve().parent.parent
PERIOD = ["--from", "2026-03-01", "--to", "2026-04-30"]


def cli(*argv: str, stdin: str = "") -> int:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        return main(list(argv))


def clean_err(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    return err


def test_a_zero_byte_database_of_a_used_folder_is_refused_not_made_new(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = seeded_services(data_dir)
    services.repo.append_audit("clerk", "test.entry", {})  # writes the audit anchor
    services.close()
    database = data_dir / "hearing_helper.sqlite3"
    database.write_bytes(b"")
    for wal in ("-wal", "-shm"):
        Path(str(database) + wal).unlink(missing_ok=True)
    assert cli("--data-dir", str(data_dir), "report", *PERIOD) == 1
    err = clean_err(capsys)
    assert str(database) in err and "empty" in err
    assert database.stat().st_size == 0  # left as it is, for court IT to restore


def test_a_new_folder_still_starts_with_an_empty_database(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("--data-dir", str(data_dir), "report", *PERIOD) == 0


def test_a_symlink_loop_as_the_data_folder_is_a_clear_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    for argv in (["report", *PERIOD], ["check", "--only", "system"], ["verify-log"]):
        assert cli("--data-dir", str(loop), *argv) == 1, argv
        err = clean_err(capsys)
        assert str(loop) in err and "link" in err


def test_non_utf8_bytes_on_the_password_prompt_are_a_usage_error(data_dir: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run(
        [sys.executable, "-m", "hearing_helper", "--data-dir", str(data_dir), "supervisor",
         "set-password"],
        input=b"abc\xff\xfedefgh\nabc\xff\xfedefgh\n",
        capture_output=True,
        env=env,
        timeout=120,
    )  # fmt: skip
    err = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 2, err
    assert "UTF-8" in err and "internal error" not in err and "Traceback" not in err


def test_a_damaged_desk_id_is_named_wherever_it_is_needed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded_services(data_dir).close()
    (data_dir / "desk_id").write_text("not-a-uuid\n")
    central = ["--central", "postgresql://desk@127.0.0.1:1/court"]
    assert cli("--data-dir", str(data_dir), "sync", "--once", *central) == 1
    err = clean_err(capsys)
    assert "desk_id" in err and "UUID" in err


def test_a_damaged_desk_id_is_a_store_error_naming_the_file(data_dir: Path) -> None:
    from hearing_helper.desk_identity import desk_id
    from hearing_helper.store import StoreError

    (data_dir / "desk_id").write_bytes(b"\xff\xfe garbage")
    with pytest.raises(StoreError, match="desk_id"):
        desk_id(data_dir)


def test_gui_without_a_display_says_so_and_exits_nonzero(data_dir: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["PYTHONPATH"] = str(ROOT)
    run = subprocess.run(
        [sys.executable, "-m", "hearing_helper", "--data-dir", str(data_dir), "gui"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    err = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 1, (run.returncode, err)
    assert "display" in err.lower() and "Traceback" not in err
