"""The court scope: reading every desk's data from the central database.

A court-wide report must never be a partial total shown as complete. So before the court scope
is used, the login is checked: a desk's login sees only its own desks' rows (row-level
security), which would silently shrink the totals, and is refused with a message that says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from hearing_helper.domain.report_filters import CourtFilters, ReportFilters
from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres.connection import ServerAddress, connect, translate
from hearing_helper.store.postgres.report_sql import PostgresReportSource, where
from hearing_helper.store.postgres.roles import SUPERVISOR_ROLE
from hearing_helper.store.postgres.schema import check_not_newer
from hearing_helper.store.repository import AuditEntry
from hearing_helper.store.shared_rows import audit_entry

AUDIT_PAGE = 5000

_READS_ALL = (
    "SELECT r.rolsuper OR r.rolbypassrls "
    "OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = 'assists'::regclass "
    "AND pg_has_role(r.oid, c.relowner, 'MEMBER')) "
    "OR (EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s) "
    "AND pg_has_role(r.oid, %s, 'MEMBER')) "
    "FROM pg_roles r WHERE r.rolname = current_user"
)


@dataclass(frozen=True)
class CourtDesk:
    desk_id: str
    name: str
    last_seen: str | None  # ISO time of its last delivery
    last_skew_s: float | None


def check_court_access(conn: psycopg.Connection[Any], address: ServerAddress) -> None:
    """Raise StoreError unless this login reads every desk's rows."""
    check_not_newer(conn, address.location)
    if conn.execute("SELECT to_regclass('assists')").fetchone() == (None,):
        raise StoreError(
            f"The central database {address.location} has no Hearing Helper data yet; court "
            "IT sets it up with `hearing-helper server init`."
        )
    row = conn.execute(_READS_ALL, (SUPERVISOR_ROLE, SUPERVISOR_ROLE)).fetchone()
    if not row or not row[0]:
        raise StoreError(
            f"The login {address.user} may only see its own desk's records on "
            f"{address.location}, so a court-wide total would be incomplete. Use a supervisor's "
            f"login (a member of {SUPERVISOR_ROLE}) for the court scope, or --scope desk."
        )


# A record's current row against its newest delivered version (what hh_deliver() enforces on
# the way in, checked again on what is stored: an administrator's hand can still change rows).
REPORT_ROW_CHECK = """
WITH newest AS (
    SELECT DISTINCT ON (assist_id) assist_id, desk_id, version, payload::jsonb AS j
    FROM record_versions ORDER BY assist_id, version DESC
), bad AS (
    SELECT coalesce(a.id, n.assist_id) AS id
    FROM (SELECT * FROM assists WHERE status IN ('finished', 'demo')) a
    FULL JOIN newest n ON n.assist_id = a.id
    WHERE a.id IS NULL OR n.assist_id IS NULL
        OR a.version <> n.version OR a.desk_id <> n.desk_id
        OR (n.j ->> 'outcome') IS DISTINCT FROM a.outcome
        OR (n.j ->> 'outcome_reason') IS DISTINCT FROM a.outcome_reason
        OR (n.j ->> 'satisfaction')::integer IS DISTINCT FROM a.satisfaction
        OR (n.j ->> 'started_at') IS DISTINCT FROM a.started_at
        OR coalesce(n.j ->> 'kind', 'hearing_day') IS DISTINCT FROM a.kind
)
SELECT (SELECT count(*) FROM bad), id FROM (SELECT id FROM bad ORDER BY id LIMIT %s) first
UNION ALL SELECT (SELECT count(*) FROM bad), NULL WHERE NOT EXISTS (SELECT 1 FROM bad)
"""


class CourtReportSource(PostgresReportSource):
    """Every desk's records; also lists the desks and verifies each desk's audit chain."""

    def __init__(self, address: ServerAddress) -> None:
        super().__init__(address)
        conn = connect(address)
        try:
            check_court_access(conn, address)
        except psycopg.Error as exc:
            raise translate(address, exc) from None
        finally:
            conn.close()

    def desks(self) -> list[CourtDesk]:
        with self._borrow() as conn:
            found = conn.execute(
                "SELECT desk_id, name, last_seen, last_skew_s FROM desks ORDER BY name, desk_id"
            ).fetchall()
        return [
            CourtDesk(
                str(row[0]),
                str(row[1]),
                row[2].isoformat(timespec="seconds") if row[2] else None,
                row[3],
            )
            for row in found
        ]

    def chain_desks(self) -> list[str]:
        """Every desk registered or with audit entries (a registered desk with no entries is
        checked too: it has an empty chain, which verify-log reports)."""
        with self._borrow() as conn:
            return [
                str(row[0])
                for row in conn.execute(
                    "SELECT desk_id FROM desks UNION SELECT desk_id FROM audit_log ORDER BY 1"
                )
            ]

    def demo_count(self, filters: ReportFilters) -> int:
        """Records made by `demo-data` that ``filters`` would match (left out of the court's
        figures unless ``include_demo``)."""
        clause, params = where(CourtFilters.of(filters, include_demo=False))
        clause = clause.replace("a.status = 'finished'", "a.status = 'demo'", 1)
        rows = self._fetch(f"SELECT count(*) FROM assists a{clause}", params)
        return int(rows[0][0]) if rows else 0

    def records_of(self, desk_id: str) -> int:
        with self._borrow() as conn:
            row = conn.execute(
                "SELECT count(*) FROM record_versions WHERE desk_id = %s", (desk_id,)
            ).fetchone()
        return int(row[0]) if row else 0

    def report_row_mismatches(self, examples: int = 5) -> tuple[int, list[str]]:
        """Finished records whose row (what reports read) disagrees with the newest delivered
        version: none there, not the newest, another desk, or other counted values. Returns
        how many, and the first few record ids."""
        with self._borrow() as conn:
            found = conn.execute(REPORT_ROW_CHECK, (examples,)).fetchall()
        count = int(found[0][0]) if found else 0
        return count, [str(row[1]) for row in found if row[1] is not None]

    def iter_desk_audit(self, desk_id: str) -> Any:
        """One desk's chain in seq order, read in pages (constant memory)."""
        after = 0
        while True:
            with self._borrow() as conn:
                page = conn.execute(
                    "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit_log "
                    "WHERE desk_id = %s AND seq > %s ORDER BY seq LIMIT %s",
                    (desk_id, after, AUDIT_PAGE),
                ).fetchall()
            if not page:
                return
            for row in page:
                entry: AuditEntry = audit_entry(row)
                yield entry
            after = int(page[-1][0])

    def conflicts(self) -> int:
        with self._borrow() as conn:
            row = conn.execute("SELECT count(*) FROM conflicts WHERE settled_at IS NULL").fetchone()
        return int(row[0]) if row else 0
