"""``hearing-helper followups [--json]`` and the visit figures of ``report`` (issue 13)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from hearing_helper.domain.record import now_local
from hearing_helper.domain.visit import FollowUp, FollowUpResult
from hearing_helper.store import open_store
from tests.visits_scenario import scenario_records

ROOT = Path(__file__).resolve().parent.parent


def _hh(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hearing_helper", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=os.environ.copy(),
    )


def _shift_to_now(data_dir: Path) -> None:
    """The scenario moved so that C's hearing was five hours ago and D's five days ago."""
    records = scenario_records()
    hearing = records[4].intake.hearing_at
    assert hearing is not None
    shift = now_local() - hearing - timedelta(hours=5)
    for record in records:
        for name in ("started_at", "ended_at", "updated_at"):
            setattr(record, name, getattr(record, name) + shift)
        assert record.intake.hearing_at is not None
        record.intake.hearing_at += shift
        if record.follow_up:
            record.follow_up.recorded_at += shift
    store = open_store(data_dir)
    store.repository.import_finished(records, "test")
    store.close()


def test_followups_json_lists_what_is_due_masked(data_dir: Path) -> None:
    _shift_to_now(data_dir)
    result = _hh(data_dir, "followups", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)["follow_ups"]
    assert [(i["id"][-1], i["state"]) for i in items] == [("6", "overdue"), ("5", "due")]
    assert items[1]["litigant_name"] == "王*国" and items[1]["phone"] == "138****0003"
    assert items[1]["join_mode"] == "own_phone"
    text = _hh(data_dir, "followups")
    assert text.returncode == 0 and "2 follow-ups due (1 overdue)" in text.stdout
    assert "13800000003" not in text.stdout


def test_recording_the_follow_up_moves_it_into_the_report_funnel(data_dir: Path) -> None:
    _shift_to_now(data_dir)
    today = now_local().date()
    period = ["--from", (today - timedelta(days=40)).isoformat(), "--to", today.isoformat()]
    before = json.loads(_hh(data_dir, "report", *period, "--json").stdout)["visits"]
    store = open_store(data_dir)
    c_id = "00000000-0000-4000-8000-000000000005"
    store.repository.record_follow_up(
        c_id, FollowUp(FollowUpResult.ON_TIME, now_local(), "S2"), "S2"
    )
    store.close()
    after = json.loads(_hh(data_dir, "report", *period, "--json").stdout)["visits"]
    assert after["funnel"]["followed_up"] == before["funnel"]["followed_up"] + 1
    assert after["funnel"]["joined_on_time"] == before["funnel"]["joined_on_time"] + 1
    assert after["follow_ups"]["due"] == before["follow_ups"]["due"] - 1
    items = json.loads(_hh(data_dir, "followups", "--json").stdout)["follow_ups"]
    assert [i["id"][-1] for i in items] == ["6"]
    text = _hh(data_dir, "report", *period, "--lang", "en")
    assert re.search(r"Ready → followed up → went ahead → on time\s+\d", text.stdout)
    assert re.search(r"Follow-ups due\s+0\n", text.stdout)
    assert re.search(r"Follow-ups overdue\s+1\n", text.stdout)
