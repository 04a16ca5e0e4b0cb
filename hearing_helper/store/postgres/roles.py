"""``server init``: the central schema plus the roles a desk and a supervisor need.

- ``hh_desk``: what a desk's login is granted. It reads and writes only rows of desks it owns
  (row-level security: ``desks.login_role`` is the login that first delivered for that desk id,
  and no other login can take a desk id over), and may add conflicts and deliveries.
- ``hh_supervisor``: reads everything (court-wide reports, exports, verify-log); writes nothing.

Both are group roles without login; court IT creates one login per desk (or per court) and per
supervisor and grants one of these (README: "A court's central database"). Running init again is
safe: it upgrades the schema and re-applies grants and policies.
"""

from __future__ import annotations

from typing import Any

import psycopg

from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres.connection import ServerAddress, connect, translate
from hearing_helper.store.postgres.schema import migrate

DESK_ROLE = "hh_desk"
SUPERVISOR_ROLE = "hh_supervisor"

DESK_TABLES = (
    "staff",
    "assists",
    "assist_steps",
    "assist_problems",
    "check_results",
    "record_versions",
    "audit_log",
    "exports",
    "conflicts",
    "deliveries",
)
OWNED_DESKS = "desk_id IN (SELECT d.desk_id FROM desks d WHERE d.login_role = session_user)"


def _create_role(conn: psycopg.Connection[Any], name: str) -> None:
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
    if exists:
        return
    try:
        conn.execute(f"CREATE ROLE {name} NOLOGIN")
    except psycopg.errors.InsufficientPrivilege:
        raise StoreError(
            f"The role {name} does not exist and this login may not create roles. Run server "
            "init with a login that has CREATEROLE (or as the superuser), or have the "
            f"superuser create it first: CREATE ROLE {name} NOLOGIN;"
        ) from None


def init_server(conn: psycopg.Connection[Any], location: str) -> int:
    """Create or upgrade the schema, the roles, grants and policies; returns the old version.

    ``conn`` must be the database owner's (or a superuser's), in autocommit mode."""
    before = migrate(conn, location)
    with conn.transaction():
        for role in (DESK_ROLE, SUPERVISOR_ROLE):
            _create_role(conn, role)
        tables = ", ".join(("desks", "schema_migrations", *DESK_TABLES))
        conn.execute(f"GRANT USAGE ON SCHEMA public TO {DESK_ROLE}, {SUPERVISOR_ROLE}")
        conn.execute(f"GRANT SELECT ON {tables} TO {SUPERVISOR_ROLE}")
        # A court-wide cache (no personal data): the supervisor's reports fill it.
        conn.execute(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON report_day_cache, report_day_summary "
            f"TO {SUPERVISOR_ROLE}"
        )
        conn.execute(f"GRANT SELECT ON report_day_stamps TO {SUPERVISOR_ROLE}")
        conn.execute(f"GRANT SELECT ON desks, schema_migrations TO {DESK_ROLE}")
        conn.execute(f"GRANT INSERT, UPDATE ON desks TO {DESK_ROLE}")
        conn.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(DESK_TABLES)} TO {DESK_ROLE}"
        )
        conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {DESK_ROLE}")
        conn.execute("ALTER TABLE desks ENABLE ROW LEVEL SECURITY")
        conn.execute("DROP POLICY IF EXISTS desk_own ON desks")
        conn.execute(
            f"CREATE POLICY desk_own ON desks TO {DESK_ROLE} USING (login_role = session_user) "
            "WITH CHECK (login_role = session_user)"
        )
        conn.execute("DROP POLICY IF EXISTS supervisor_reads ON desks")
        conn.execute(
            f"CREATE POLICY supervisor_reads ON desks FOR SELECT TO {SUPERVISOR_ROLE} USING (true)"
        )
        for table in DESK_TABLES:
            conn.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            conn.execute(f"DROP POLICY IF EXISTS desk_own ON {table}")
            conn.execute(
                f"CREATE POLICY desk_own ON {table} TO {DESK_ROLE} USING ({OWNED_DESKS}) "
                f"WITH CHECK ({OWNED_DESKS})"
            )
            conn.execute(f"DROP POLICY IF EXISTS supervisor_reads ON {table}")
            conn.execute(
                f"CREATE POLICY supervisor_reads ON {table} FOR SELECT TO {SUPERVISOR_ROLE} "
                "USING (true)"
            )
    return before


def init_server_at(address: ServerAddress) -> int:
    """``init_server`` on a new connection to ``address``; driver errors become StoreErrors."""
    conn = connect(address)
    try:
        return init_server(conn, address.location)
    except psycopg.Error as exc:
        raise translate(address, exc) from None
    finally:
        conn.close()
