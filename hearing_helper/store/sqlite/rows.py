"""The SQLite statements of the records' tables; the row values come from the one row mapper
(store/shared_rows.py), in its column orders."""

from __future__ import annotations

from hearing_helper.store.shared_rows import (
    ASSIST_COLUMNS,
    AUDIT_COLUMNS,
    AUDIT_SELECT,
    CHECK_COLUMNS,
    CHILD_TABLES,
    PROBLEM_COLUMNS,
    STEP_COLUMNS,
    VERSION_COLUMNS,
    insert_sql,
    upsert_sql,
)
from hearing_helper.store.shared_rows import assist_values as assist_row

__all__ = ["assist_row"]  # this schema's assists row is the shared one as it is

UPSERT_ASSIST = upsert_sql("assists", ASSIST_COLUMNS, ("id",), "?")
SELECT_STATUS = "SELECT status, version FROM assists WHERE id=?"
SELECT_STATUSES = "SELECT id, status FROM assists WHERE id IN ({marks})"
SELECT_DRAFTS = "SELECT payload FROM assists WHERE status='draft' ORDER BY updated_at DESC"
DELETE_ASSIST = "DELETE FROM assists WHERE id=?"
DELETE_CHILDREN = tuple(f"DELETE FROM {table} WHERE assist_id=?" for table in CHILD_TABLES)
UPSERT_STAFF = (
    "INSERT INTO staff (staff_id, name, desk, court, last_used) VALUES (?,?,?,?,?) "
    "ON CONFLICT (staff_id) DO UPDATE SET name=excluded.name, desk=excluded.desk, "
    "court=excluded.court, last_used=excluded.last_used"
)
SELECT_STAFF = "SELECT staff_id, name, desk, court FROM staff ORDER BY last_used DESC, name"
INSERT_EXPORT = (
    "INSERT INTO exports (at, actor, format, filters, row_count, sha256, unmasked) "
    "VALUES (?,?,?,?,?,?,?)"
)
SELECT_AUDIT_HEAD = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
SELECT_AUDIT = f"SELECT {AUDIT_SELECT} FROM audit_log ORDER BY seq"
INSERT_AUDIT = insert_sql("audit_log", AUDIT_COLUMNS, "?")
INSERT_STEP = insert_sql("assist_steps", STEP_COLUMNS, "?")
INSERT_PROBLEM = insert_sql("assist_problems", PROBLEM_COLUMNS, "?")
INSERT_CHECK = insert_sql("check_results", CHECK_COLUMNS, "?").replace(
    "INSERT", "INSERT OR REPLACE", 1
)
INSERT_VERSION = insert_sql("record_versions", VERSION_COLUMNS, "?")
