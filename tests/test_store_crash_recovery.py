"""Power-cut / crash recovery: a process editing a draft is killed with SIGKILL mid-write; every
field it reported as saved must be there when the store is opened again."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from hearing_helper.store import open_repository
from hearing_helper.store.sqlite import DB_FILENAME

EDITOR = textwrap.dedent(
    """
    import sys
    from datetime import datetime
    from pathlib import Path
    from hearing_helper.domain.enums import DeviceKind, Role
    from hearing_helper.domain.record import AssistRecord, ClerkProfile
    from hearing_helper.store import open_repository

    repo = open_repository(Path(sys.argv[1]))
    record = AssistRecord(clerk=ClerkProfile("S1001", "李静", "1号窗口", "朝阳法院"))
    edits = [
        ("case_number", "（2026）京0105民初1234号"),
        ("litigant_name", "王小明"),
        ("phone", "13812345678"),
        ("role", Role.DEFENDANT),
        ("device", DeviceKind.OWN_IPHONE),
        ("platform_id", "tencent_meeting"),
        ("hearing_at", datetime(2026, 12, 1, 9, 30).astimezone()),
    ]
    print("ID", record.id, flush=True)
    for field, value in edits:
        setattr(record.intake, field, value)
        repo.save_draft(record)
        print("SAVED", field, flush=True)
    # Keep typing notes as fast as possible until killed.
    n = 0
    while True:
        n += 1
        record.notes = f"note {n}"
        repo.save_draft(record)
        print("SAVED notes", n, flush=True)
    """
)


def test_draft_survives_sigkill_mid_edit(data_dir: Path, tmp_path: Path) -> None:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    child = subprocess.Popen(
        [sys.executable, str(script), str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )
    assert child.stdout is not None
    record_id = child.stdout.readline().split()[1]
    saved: dict[str, str] = {}
    last_note = 0
    for line in child.stdout:
        parts = line.split()
        if parts[1] == "notes":
            last_note = int(parts[2])
            if last_note >= 25:
                break
        else:
            saved[parts[1]] = line
    child.send_signal(signal.SIGKILL)  # no cleanup, no atexit, like a power cut of the process
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    # The WAL has not been checkpointed by a clean close: recovery happens on open.
    assert (data_dir / (DB_FILENAME + "-wal")).exists()
    repo = open_repository(data_dir)
    drafts = repo.list_drafts()
    assert [d.id for d in drafts] == [record_id]
    intake = drafts[0].intake
    assert intake.case_number == "（2026）京0105民初1234号"
    assert intake.litigant_name == "王小明"
    assert intake.phone == "13812345678"
    assert str(intake.role) == "defendant"
    assert str(intake.device) == "own_iphone"
    assert intake.platform_id == "tencent_meeting"
    assert intake.hearing_at is not None and intake.hearing_at.day == 1
    assert len(saved) == 7
    # Every note reported saved is there (the one being written when killed may be too).
    assert int(drafts[0].notes.split()[1]) >= last_note
    check = sqlite3.connect(data_dir / DB_FILENAME).execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"
    assert json.loads(json.dumps(drafts[0].to_dict()))["id"] == record_id
