"""verify-log checks the records, not only the audit chain (issue 18, finding 6): every stored
version's content must hash to what its audit entry recorded, and the records table (what reports
and exports read) must agree with the newest version."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from hearing_helper.cli import main
from hearing_helper.domain.enums import Outcome
from hearing_helper.services import AppServices
from tests.reports_fixtures import make_record, seeded_services


def verify(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any], str]:  # the JSON report
    code = main(["--data-dir", str(data_dir), "verify-log", "--json"])
    result = json.loads(capsys.readouterr().out)
    text_code = main(["--data-dir", str(data_dir), "verify-log"])
    captured = capsys.readouterr()
    assert text_code == code and "Traceback" not in captured.err
    return code, result, captured.out + captured.err


@pytest.fixture(params=["finished", "imported"])
def desk(request: pytest.FixtureRequest, data_dir: Path) -> tuple[Path, str]:
    """A desk with records finished one by one through the wizard's path, or imported in bulk
    (demo data, records moved from another desk)."""
    records = [
        make_record("2026-03-02T09:00:00", 600, Outcome.JOINED, satisfaction=2),
        make_record("2026-03-03T10:00:00", 900, Outcome.JOINED, satisfaction=3),
    ]
    if request.param == "imported":
        seeded_services(data_dir, records).close()
    else:
        services = AppServices.open(data_dir)
        for record in records:
            services.repo.finish(record, "S1")
        services.close()
    return data_dir, records[0].id


def edit(data_dir: Path, record_id: str, *, version_too: bool) -> None:
    """The review's edit: outcome and satisfaction in the records table, and (optionally) the
    matching stored version's payload, consistently."""
    conn = sqlite3.connect(data_dir / "hearing_helper.sqlite3")
    with conn:
        conn.execute(
            "UPDATE assists SET outcome='not_joined', satisfaction=5 WHERE id=?", (record_id,)
        )
        if version_too:
            (payload,) = conn.execute(
                "SELECT payload FROM record_versions WHERE assist_id=? ORDER BY version DESC",
                (record_id,),
            ).fetchone()
            data = json.loads(payload)
            data["satisfaction"] = 5
            data["outcome"] = "not_joined"
            conn.execute(
                "UPDATE record_versions SET payload=? WHERE assist_id=?",
                (json.dumps(data, ensure_ascii=False, separators=(",", ":")), record_id),
            )
    conn.close()


def test_untouched_records_verify(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _record_id = desk
    code, result, _text = verify(data_dir, capsys)
    assert code == 0 and result["intact"], result
    assert result["content"]["versions_checked"] == 2
    assert result["content"]["rows_checked"] == 2


def test_a_version_edited_with_its_row_is_caught(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, record_id = desk
    edit(data_dir, record_id, version_too=True)
    code, result, text = verify(data_dir, capsys)
    assert code == 1 and not result["intact"]
    problems = result["content"]["problems"]
    assert any(p["record_id"] == record_id and p["problem"] == "version_edited" for p in problems)
    assert record_id in text


def test_a_row_that_disagrees_with_its_newest_version_is_caught(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, record_id = desk
    edit(data_dir, record_id, version_too=False)
    code, result, text = verify(data_dir, capsys)
    assert code == 1
    problem = next(p for p in result["content"]["problems"] if p["record_id"] == record_id)
    assert problem["problem"] == "row_differs"
    assert {"outcome", "satisfaction"} <= set(problem["columns"])
    assert "satisfaction" in text


def test_a_deleted_version_is_caught(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, record_id = desk
    conn = sqlite3.connect(data_dir / "hearing_helper.sqlite3")
    with conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DELETE FROM record_versions WHERE assist_id=?", (record_id,))
    conn.close()
    code, result, _text = verify(data_dir, capsys)
    assert code == 1
    kinds = {p["problem"] for p in result["content"]["problems"] if p["record_id"] == record_id}
    assert "version_missing" in kinds
