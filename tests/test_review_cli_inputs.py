"""Review of issues 10 and 11 from the command line (branch verify): bad inputs the fuzz test did
not generate, each found by hand and reproduced here before its fix."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from hearing_helper.cli import main
from hearing_helper.reports.export import ExportPathError, check_out_path
from hearing_helper.services import AppServices
from tests.reports_fixtures import seeded_services

PASSWORD = "richter-2026"
# What a shell passes for a file name or value in a non-UTF-8 encoding (byte 0xFF): Python
# decodes argv with surrogateescape, so the argument holds a lone surrogate.
UNDECODABLE = "\udcff"


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    services = seeded_services(data_dir)
    services.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{PASSWORD}\n"))
        assert main(["--data-dir", str(data_dir), "supervisor", "set-password"]) == 0
    return data_dir


def audit_actions(data_dir: Path) -> list[str]:
    services = AppServices.open(data_dir)
    try:
        return [entry.action for entry in services.repo.iter_audit()]
    finally:
        services.close()


PERIOD = ["--from", "2026-03-01", "--to", "2026-04-30"]


def exit_code(argv: list[str]) -> int:
    """main()'s exit code, whether returned or raised by argparse (usage errors)."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.mark.parametrize(
    "option", ["--court", "--desk", "--clerk", "--platform", "--role", "--outcome"]
)
def test_undecodable_filter_value_is_a_usage_error(
    seeded: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was: "internal error (UnicodeEncodeError ...)", exit 1.
    code = exit_code(["--data-dir", str(seeded), "report", *PERIOD, option, "x" + UNDECODABLE])
    err = capsys.readouterr().err
    assert code == 2
    assert "internal error" not in err and "UnicodeEncodeError" not in err
    assert option in err


def test_undecodable_out_path_is_refused_before_anything_is_audited(
    seeded: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Was: the audit entry's hash could not encode the file name -> internal error, exit 1.
    before = audit_actions(seeded)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    folder = tmp_path / "exports"
    folder.mkdir()
    out = str(folder / f"log{UNDECODABLE}.csv")
    code = exit_code(
        ["--data-dir", str(seeded), "export", *PERIOD, "--format", "csv", "--out", out]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "internal error" not in err and "--out" in err
    assert audit_actions(seeded) == before
    assert list(folder.iterdir()) == []


def test_undecodable_data_dir_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = exit_code(["--data-dir", str(tmp_path / f"d{UNDECODABLE}"), "report", *PERIOD])
    err = capsys.readouterr().err
    assert code == 2
    assert "internal error" not in err and "--data-dir" in err


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_data_dir_is_a_usage_error_not_the_default_folder(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was: an empty --data-dir (say, "$UNSET_VARIABLE" in a script) silently used the user's
    # real data folder, and demo-data wrote demo records into it.
    default = tmp_path / "default"
    monkeypatch.chdir(tmp_path)  # a blank name is a relative folder: never in the checkout
    monkeypatch.setenv("HEARING_HELPER_DATA", str(default))
    code = exit_code(["--data-dir", value, "demo-data", "--count", "3"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--data-dir" in err
    assert not default.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_out_path_onto_a_special_file_is_refused(tmp_path: Path) -> None:
    # Was: `export --out /dev/null` (as root) replaced the device node with the export file,
    # because the finished file is renamed over the destination. A FIFO stands in for it here.
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(ExportPathError, match="not a regular file"):
        check_out_path(fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_out_path_ending_in_a_separator_is_refused(tmp_path: Path) -> None:
    # Was: `--out new/` (meant as a folder that does not exist yet) wrote a file named "new".
    with pytest.raises(ExportPathError, match="folder"):
        check_out_path(str(tmp_path / "new") + os.sep)
    assert not (tmp_path / "new").exists()


def test_undecodable_data_folder_from_the_environment_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was: "internal error (UnicodeEncodeError ...)" from $HEARING_HELPER_DATA in a non-UTF-8
    # encoding (the command-line check does not see the environment).
    monkeypatch.setenv("HEARING_HELPER_DATA", str(tmp_path / f"d{UNDECODABLE}"))
    code = exit_code(["report", *PERIOD])
    err = capsys.readouterr().err
    assert code == 1
    assert "internal error" not in err and "data folder" in err
    assert list(tmp_path.iterdir()) == []


# Review of the merged issues 10-14 (branch polish): exit codes that disagreed between commands.


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://desk@127.0.0.1:99999/court",  # a port out of range
        "postgresql://desk@[::1/court",  # a broken IPv6 bracket
        "mysql://desk@127.0.0.1/court",  # not a database kind we know
        "sqlite://",  # the central database is always PostgreSQL
    ],
)
@pytest.mark.parametrize("command", [["sync", "--once"], ["report", *PERIOD, "--scope", "court"]])
def test_malformed_central_url_is_a_usage_error_like_database(
    data_dir: Path, url: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # Was: exit 1 (found only when the command ran), while the same --database exits 2.
    code = exit_code(["--data-dir", str(data_dir), "--central", url, *command])
    err = capsys.readouterr().err
    assert code == 2
    assert "--central" in err and "Traceback" not in err and "internal error" not in err


def _court_scope_argv(data_dir: Path, tmp_path: Path, command: str) -> list[str]:
    extra = {
        "report": ["report", *PERIOD],
        "verify-log": ["verify-log"],
        "export": ["export", *PERIOD, "--format", "csv", "--out", str(tmp_path / "out.csv")],
    }[command]
    return ["--data-dir", str(data_dir), *extra, "--scope", "court"]


@pytest.mark.parametrize("command", ["report", "verify-log", "export"])
def test_court_scope_on_a_desk_not_joined_is_bad_usage_like_sync(
    seeded: Path,
    tmp_path: Path,
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Was: exit 1 here, exit 2 from `sync` for the same "not joined to a central database".
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    code = exit_code(_court_scope_argv(seeded, tmp_path, command))
    err = capsys.readouterr().err
    assert code == 2
    assert "not joined" in err and "--central" in err and '"central"' in err
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    "url", ["http://[::1", "http://127.0.0.1:99999/", "https://127.0.0.1:port/", "http:///path"]
)
def test_check_url_that_does_not_parse_is_a_usage_error(
    data_dir: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was: exit 1 and "Ask court IT to check the platform's test addresses in the settings",
    # though the address came from the command line.
    code = exit_code(["--data-dir", str(data_dir), "check", "--only", "network", "--url", url])
    err = capsys.readouterr().err
    assert code == 2
    assert "--url" in err and "http://" in err and "settings" not in err


@pytest.mark.parametrize("value", ["", "  "])
def test_catalog_validate_with_an_empty_folder_name_is_refused(
    data_dir: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was: `catalog --validate ""` listed the installed catalog and exited 0, as if validated.
    code = exit_code(["--data-dir", str(data_dir), "catalog", "--validate", value])
    out, err = capsys.readouterr()
    assert code == 2
    assert "--validate" in err and out == ""


def test_set_password_refuses_a_huge_password(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was: a 3 MB password was accepted (and hashed) without a word.
    from hearing_helper.auth import MAX_LENGTH

    huge = "x" * (3 * 1024 * 1024)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{huge}\n{huge}\n"))
    code = exit_code(["--data-dir", str(data_dir), "supervisor", "set-password"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"at most {MAX_LENGTH} characters" in err and "Nothing was changed" in err
    assert "supervisor.password_set" not in audit_actions(data_dir)
