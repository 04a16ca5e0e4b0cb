"""Fuzz, second part (see tests/test_trust_fuzz.py): every value of a valid command line
replaced alone by each edge value, every command in every bad-state data folder, and the
issue 18 review's attacks (output onto kept files, damaged settings, symlink loop, bad stdin)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_fuzz_worlds import PASSWORD, run_cli, valid_command_lines
from tests.reports_fixtures import seeded_services

# --- one bad value at a time ----------------------------------------------------------------
#
# Random combinations rarely put one bad value into an otherwise valid command line, which is
# where most bugs hide (a valid --from with --to 9999-12-31). So every value of a valid command
# line is also replaced, alone, by each edge value, and every valid command runs in every world.

EDGE_VALUES = [
    "", "9999-12-31", "0001-01-01", "2026-02-30", "-1", "0", "99999999999999999999", "1e309",
    "nan", "a" * 5000, "王小明", "=cmd|' /C calc'!A0", "/", "../..", "\u202e", "null",
]  # fmt: skip


@pytest.mark.parametrize(
    "command",
    [
        "report", "export", "verify-log", "catalog", "supervisor", "demo-data", "check", "sync",
        "server",
    ],
)  # fmt: skip
def test_each_bad_value_alone_and_every_world(
    worlds: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(tmp_path)  # an edge value may be a valid relative --out: keep it here
    argv = valid_command_lines(tmp_path, worlds["bad_catalog"])[command]
    stdin = f"{PASSWORD}\n{PASSWORD}\n{PASSWORD}\n"
    runs = [(world, argv) for world in sorted(worlds)]
    for index in range(1, len(argv)):
        if argv[index - 1].startswith("--") and not argv[index].startswith("--"):
            for value in EDGE_VALUES:
                runs.append(("seeded", [*argv[:index], value, *argv[index + 1 :]]))
    for world, line in runs:
        code, err = run_cli(["--data-dir", str(worlds[world]), *line], stdin)
        assert code in (0, 1, 2), (world, line, code, err)
        assert "Traceback" not in err and "internal error" not in err, (world, line, err)


# --- issue 18: the second attacker's review ---------------------------------------------------


def test_output_path_onto_each_kept_file_is_refused(worlds: dict[str, Path]) -> None:
    """``export --out`` onto every file the app keeps in any world: exit 2, file untouched."""
    period = ["--from", "2026-03-01", "--to", "2026-04-30", "--format", "csv"]
    for world in sorted(worlds):
        folder = worlds[world]
        if not folder.is_dir():
            continue
        for kept in sorted(path for path in folder.iterdir() if path.is_file()):
            before = kept.read_bytes()
            argv = ["--data-dir", str(folder), "export", *period, "--out", str(kept)]
            code, err = run_cli(argv, f"{PASSWORD}\n")
            assert code == 2 and "data folder" in err, (world, kept.name, code, err)
            assert kept.read_bytes() == before, (world, kept.name)


DAMAGED_SETTINGS = {
    "trailing_comma": b'{"language": "en",}',
    "over_1_mib": b'{"court_name": "' + b"x" * (1024 * 1024) + b'"}',
    "not_utf8": b'{"court_name": "\xff"}',
    "json_array": b"[1, 2]",
}


@pytest.mark.parametrize("damage", sorted(DAMAGED_SETTINGS))
def test_damaged_settings_are_refused_by_every_command(
    worlds: dict[str, Path], tmp_path: Path, damage: str
) -> None:
    """Every command refuses a settings file it cannot read, names it, and leaves it as it
    was; none replaces it (which would drop the central address, names and language)."""
    folder = tmp_path / "data"
    folder.mkdir()
    services = seeded_services(folder)
    services.close()
    settings = folder / "settings.json"
    settings.write_bytes(DAMAGED_SETTINGS[damage])
    stdin = f"{PASSWORD}\n{PASSWORD}\n{PASSWORD}\n"
    for command, argv in valid_command_lines(tmp_path, worlds["bad_catalog"]).items():
        code, err = run_cli(["--data-dir", str(folder), *argv], stdin)
        assert code in (1, 2), (command, code, err)
        assert "Traceback" not in err and "internal error" not in err, (command, err)
        if command not in ("catalog", "server", "sync"):  # these never read the settings
            assert "settings.json" in err, (command, err)
        assert settings.read_bytes() == DAMAGED_SETTINGS[damage], command


def test_every_command_in_the_issue_18_edge_worlds(worlds: dict[str, Path], tmp_path: Path) -> None:
    """A symlink loop as the data folder, a damaged desk id, non-UTF-8 bytes on the password
    prompt's stdin (as Python reads them: lone surrogates): a message and exit 1 or 2."""
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    damaged_desk = tmp_path / "damaged_desk"
    damaged_desk.mkdir()
    seeded_services(damaged_desk).close()
    (damaged_desk / "desk_id").write_bytes(b"\xff\x00 not a uuid")
    undecodable = "abc\udcff\udcfedefgh\n" * 3
    lines = valid_command_lines(tmp_path, worlds["bad_catalog"])
    runs = [(folder, line, f"{PASSWORD}\n" * 3) for folder in (loop, damaged_desk)
            for line in lines.values()]  # fmt: skip
    runs += [(worlds["seeded"], line, undecodable) for line in lines.values()]
    for folder, line, stdin in runs:
        code, err = run_cli(["--data-dir", str(folder), *line], stdin)
        assert code in (0, 1, 2), (folder.name, line, code, err)
        assert "Traceback" not in err and "internal error" not in err, (folder.name, line, err)
        if folder == loop and line[0] not in ("catalog", "server"):
            assert code == 1 and "symbolic link" in err, (line, err)


def test_gui_without_a_display_in_every_world(worlds: dict[str, Path]) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    for world in ("seeded", "damaged_db"):
        run = subprocess.run(
            [sys.executable, "-m", "hearing_helper", "--data-dir", str(worlds[world])],
            capture_output=True,
            env=env,
            timeout=120,
        )
        err = run.stderr.decode("utf-8", "replace")
        assert run.returncode == 1 and "no display" in err, (world, run.returncode, err)
