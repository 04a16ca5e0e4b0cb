"""Migration 005 (issue 13): a database from before visit kinds keeps every record, now read
as hearing-day assistance whose rating the clerk typed in."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.visit import RatingSource, VisitKind
from hearing_helper.store import open_repository
from hearing_helper.store.sqlite import DB_FILENAME
from hearing_helper.store.sqlite.schema import MIGRATIONS, split_sql
from tests.visits_scenario import scenario_records

BEFORE_VISITS = 3  # the schema version before migration 005 (004 is the outbox's)
VISIT_KEYS = (
    "kind", "preparation", "join", "failure_cause", "follow_up", "previous_record_id",
    "rating_source",
)  # fmt: skip


def _old_database(path: Path) -> list[str]:
    """A version-3 file holding two finished hearing-day records written before visits."""
    db = sqlite3.connect(path)
    for number, script in MIGRATIONS:
        if number <= BEFORE_VISITS:
            for statement in split_sql(script):
                db.execute(statement)
    db.execute(f"PRAGMA user_version={BEFORE_VISITS}")
    ids = []
    for record in scenario_records()[6:]:  # E (not joined, staff rating 2) and F (not rated)
        payload = record.to_dict()
        for key in VISIT_KEYS:
            del payload[key]
        db.execute(
            "INSERT INTO assists (id, version, status, staff_id, clerk_name, started_at, "
            "updated_at, case_number, phone, outcome, satisfaction) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                record.id, 1, "finished", "S1", "李静", record.started_at.isoformat(),
                record.updated_at.isoformat(), record.intake.case_number, record.intake.phone,
                str(record.outcome), record.satisfaction,
            ),
        )  # fmt: skip
        db.execute(
            "INSERT INTO record_versions (assist_id, version, created_at, created_by, payload) "
            "VALUES (?,?,?,?,?)",
            (record.id, 1, record.updated_at.isoformat(), "S1", json.dumps(payload)),
        )
        ids.append(record.id)
    db.commit()
    db.close()
    return ids


def test_old_records_migrate_as_hearing_day_with_a_staff_rating(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    ids = _old_database(path)
    repo = open_repository(data_dir)
    assert repo.schema_version == MIGRATIONS[-1][0]
    rated, unrated = (repo.get(record_id) for record_id in ids)
    assert rated.kind is VisitKind.HEARING_DAY and rated.outcome is Outcome.NOT_JOINED
    assert rated.rating_source is RatingSource.STAFF and rated.satisfaction == 2
    assert unrated.rating_source is RatingSource.NOT_ASKED
    repo.close()
    db = sqlite3.connect(path)
    columns = db.execute(
        "SELECT id, kind, rating_source, prep_outcome, follow_up_result, previous_id "
        "FROM assists ORDER BY id"
    ).fetchall()
    db.close()
    assert columns == [
        (ids[0], "hearing_day", "staff", None, None, None),
        (ids[1], "hearing_day", "not_asked", None, None, None),
    ]


def test_new_records_fill_the_visit_columns(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    repo.import_finished(scenario_records(), "test")
    repo.close()
    db = sqlite3.connect(data_dir / DB_FILENAME)
    row = db.execute(
        "SELECT kind, prep_outcome, recommended_mode, chosen_mode, follow_up_result, "
        "rating_source FROM assists WHERE id LIKE '%000000000001'"
    ).fetchone()
    b1 = db.execute(
        "SELECT prep_outcome, next_visit_on FROM assists WHERE id LIKE '%000000000003'"
    ).fetchone()
    linked = db.execute("SELECT previous_id FROM assists WHERE id LIKE '%000000000004'").fetchone()
    cause = db.execute("SELECT failure_cause FROM assists WHERE id LIKE '%000000000007'").fetchone()
    db.close()
    assert row == ("preparation", "ready", "desk_pc", "desk_pc", "on_time", "litigant")
    assert b1 == ("another_visit", "2026-11-12")
    assert linked == ("00000000-0000-4000-8000-000000000003",)
    assert cause == ("camera.no_frames",)
