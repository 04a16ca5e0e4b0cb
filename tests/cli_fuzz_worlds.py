"""The data folders in a bad state that the CLI fuzz tests run every command against
(tests/test_trust_fuzz.py, tests/test_trust_fuzz_edges.py), and running ``cli.main`` in-process."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from pathlib import Path

import pytest

from hearing_helper.cli import main
from tests.reports_fixtures import seeded_services

PASSWORD = "richter-2026"


class NoAudit:
    def append_audit(self, *args: object, **kwargs: object) -> None:
        return None

    def latest_audit(self, actions: tuple[str, ...]) -> None:
        return None


NO_AUDIT = NoAudit()


def make_worlds(root: Path) -> dict[str, Path]:
    worlds: dict[str, Path] = {}

    def world(name: str) -> Path:
        path = root / name
        path.mkdir(parents=True)
        worlds[name] = path
        return path

    seeded = world("seeded")
    services = seeded_services(seeded)
    services.close()
    with contextlib.redirect_stdout(io.StringIO()), pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{PASSWORD}\n"))
        assert main(["--data-dir", str(seeded), "supervisor", "set-password"]) == 0
    world("empty")
    (world("damaged_db") / "hearing_helper.sqlite3").write_bytes(
        b"SQLite format 3\x00" + b"\xff" * 3000
    )
    newer = world("newer_db")
    conn = sqlite3.connect(newer / "hearing_helper.sqlite3")
    conn.execute("PRAGMA user_version=999")
    conn.execute("CREATE TABLE x (y)")
    conn.close()
    nested = world("nested_settings")
    (nested / "settings.json").write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    anchor = world("damaged_anchor")
    services = seeded_services(anchor)
    services.close()
    (anchor / "audit_anchor").write_bytes(b'\xff\xfe{"seq": 1e999}')
    (anchor / "supervisor_state.json").write_bytes(b"\x00\x01 not json")
    (anchor / "settings.json").write_text(
        json.dumps({"supervisor_password_hash": "scrypt$1$1$1$!$!", "language": 7}), "utf-8"
    )
    catalog = world("bad_catalog")
    (catalog / "catalog").mkdir()
    (catalog / "catalog" / "deep.toml").write_text("x = " + "[" * 3000 + "]" * 3000)
    (catalog / "catalog" / "evil.toml").write_text(
        "id = 'evil'\n[meeting]\nlink_patterns = ['^(a+)+$']\n"
    )
    file_world = root / "a_file"
    file_world.write_text("not a folder")
    worlds["a_file"] = file_world
    return worlds


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_worlds(tmp_path_factory.mktemp("fuzz"))


def run_cli(argv: list[str], stdin: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's usage errors and --help
                code = exc.code if isinstance(exc.code, int) else 2
    return code, err.getvalue()


def valid_command_lines(out_dir: Path, folder: Path) -> dict[str, list[str]]:
    period = ["--from", "2026-03-01", "--to", "2026-04-30"]
    return {
        "report": ["report", *period, "--outcome", "joined"],
        "export": ["export", *period, "--format", "csv", "--out", str(out_dir / "x.csv")],
        "verify-log": ["verify-log", "--json"],
        "catalog": ["catalog", "--validate", str(folder)],
        "supervisor": ["supervisor", "set-password"],
        "demo-data": ["demo-data", "--count", "2", "--seed", "1", "--days", "5"],
        "check": ["check", "--only", "system", "--platform", "tencent_meeting"],
        # Port 1 on 127.0.0.1: nothing listens, so the connection is refused at once.
        "sync": ["sync", "--once", "--json", "--central", "postgresql://desk@127.0.0.1:1/court"],
        "server": ["server", "init", "--database", "postgresql://it@127.0.0.1:1/court"],
    }
