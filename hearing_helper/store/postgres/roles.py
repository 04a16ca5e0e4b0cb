"""``server init``: the central schema plus the roles a desk and a supervisor need.

- ``hh_desk``: what a desk's login is granted. It can only deliver: fill its session's temporary
  staging tables and call ``hh_deliver()`` (PostgreSQL migration 006). It reads only rows of the
  desk it is bound to (row-level security: ``desks.login_role``) and writes no table directly:
  no INSERT, UPDATE, DELETE or TRUNCATE anywhere, no new desks.
- ``hh_writer``: owns ``hh_deliver()``, the court functions of migration 7 (earlier visits,
  shared follow-ups: ``COURT_FUNCTIONS``) and the pull functions of migration 009, and holds the
  writes they make; no login, no members but the owner running init. A desk login calls those
  functions; the tables behind them (``COURT_TABLES``) give it no right at all.
- ``hh_supervisor``: reads everything (court-wide reports, exports, verify-log); writes nothing
  but the court-wide report cache.
- ``hh_court_it``: publishes catalog versions (``server publish-catalog``, migration 8); desks
  and supervisors read them through two functions only (``store/postgres/catalog_versions.py``).
- Desks and supervisors may pull one desk's history back through the ``hh_pull_*`` functions
  (migration 009; a desk login only its own desk's), for ``restore`` on a replaced desk PC.

All four are group roles without login; court IT creates one login per desk (or per court) and per
supervisor and grants one of these (README: "A court's central database"). Running init again is
safe: it upgrades the schema and re-applies grants and policies.
"""

from __future__ import annotations

from typing import Any

import psycopg

from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres.catalog_versions import COURT_IT_ROLE, grant_catalog_rights
from hearing_helper.store.postgres.connection import ServerAddress, connect, translate
from hearing_helper.store.postgres.pull import grant_pull_functions
from hearing_helper.store.postgres.schema import migrate

DESK_ROLE = "hh_desk"
SUPERVISOR_ROLE = "hh_supervisor"
WRITER_ROLE = "hh_writer"
DELIVER_FUNCTION = "hh_deliver(text, text, timestamptz, integer)"
# The court's return channel (PostgreSQL migration 7): run as hh_writer, called by desks.
COURT_FUNCTIONS = (
    "hh_court_visits(text, text, text)",
    "hh_court_follow_ups(text, integer)",
    "hh_claim_follow_up(text, text, text, integer)",
    "hh_release_follow_up(text, text)",
    "hh_answer_follow_up(text, text, text, text)",
    "hh_follow_up_answers(text, bigint, integer)",
)
# Called only from inside those functions (as hh_writer).
COURT_HELPERS = (
    "hh_acting_desk(text)",
    "hh_log_court_read(text, text, text)",
    "hh_follow_up_is_due(assists)",
    "hh_due_follow_up_locked(text)",  # migration 012
)
# Read and written only through the functions above: no direct right for a desk login.
COURT_TABLES = ("follow_up_claims", "follow_up_answers", "court_reads")

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


def _own_delivery_function(conn: psycopg.Connection[Any]) -> None:
    """Make hh_writer the owner of hh_deliver() (it then runs with hh_writer's rights). A
    login that is not a superuser must be a member of a role to give it an object."""
    superuser = conn.execute(
        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    if not (superuser and superuser[0]):
        conn.execute(f"GRANT {WRITER_ROLE} TO current_user")
    for function in (DELIVER_FUNCTION, *COURT_FUNCTIONS, *COURT_HELPERS):
        conn.execute(f"ALTER FUNCTION {function} OWNER TO {WRITER_ROLE}")


def init_server(conn: psycopg.Connection[Any], location: str) -> int:
    """Create or upgrade the schema, the roles, grants and policies; returns the old version.

    ``conn`` must be the database owner's (or a superuser's), in autocommit mode."""
    before = migrate(conn, location)
    with conn.transaction():
        for role in (DESK_ROLE, SUPERVISOR_ROLE, WRITER_ROLE, COURT_IT_ROLE):
            _create_role(conn, role)
        tables = ", ".join(("desks", "schema_migrations", *DESK_TABLES))
        conn.execute(
            f"GRANT USAGE ON SCHEMA public TO {DESK_ROLE}, {SUPERVISOR_ROLE}, {WRITER_ROLE}"
        )
        conn.execute(f"GRANT SELECT ON {tables} TO {SUPERVISOR_ROLE}")
        # A court-wide cache (no personal data): the supervisor's reports fill it.
        conn.execute(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON report_day_cache, report_day_summary "
            f"TO {SUPERVISOR_ROLE}"
        )
        conn.execute(f"GRANT SELECT ON report_day_stamps TO {SUPERVISOR_ROLE}")
        # A desk login reads its own rows and delivers; every write it held before is taken
        # back (an upgraded server loses the grants of schema 4).
        conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {DESK_ROLE}")
        conn.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {DESK_ROLE}")
        conn.execute(f"GRANT SELECT ON {tables} TO {DESK_ROLE}")
        conn.execute(f"GRANT SELECT, INSERT, UPDATE ON {tables} TO {WRITER_ROLE}")
        conn.execute(
            f"GRANT DELETE ON assist_steps, assist_problems, check_results TO {WRITER_ROLE}"
        )
        conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {WRITER_ROLE}")
        _own_delivery_function(conn)
        grant_pull_functions(conn, WRITER_ROLE, f"{DESK_ROLE}, {SUPERVISOR_ROLE}")
        conn.execute(f"REVOKE ALL ON FUNCTION {DELIVER_FUNCTION} FROM PUBLIC")
        conn.execute(f"GRANT EXECUTE ON FUNCTION {DELIVER_FUNCTION} TO {DESK_ROLE}")
        court_tables = ", ".join(COURT_TABLES)
        conn.execute(f"GRANT SELECT ON {court_tables} TO {SUPERVISOR_ROLE}")
        conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {court_tables} TO {WRITER_ROLE}")
        for function in (*COURT_FUNCTIONS, *COURT_HELPERS):
            conn.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        for function in COURT_FUNCTIONS:
            conn.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {DESK_ROLE}, {SUPERVISOR_ROLE}")
        for table in COURT_TABLES:
            conn.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            for policy, clause in (
                ("supervisor_reads", f"FOR SELECT TO {SUPERVISOR_ROLE} USING (true)"),
                ("delivery_writes", f"TO {WRITER_ROLE} USING (true) WITH CHECK (true)"),
            ):
                conn.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
                conn.execute(f"CREATE POLICY {policy} ON {table} {clause}")
        grant_catalog_rights(
            conn, desk_role=DESK_ROLE, supervisor=SUPERVISOR_ROLE, writer=WRITER_ROLE
        )
        for table in ("desks", *DESK_TABLES):
            owned = "login_role = session_user" if table == "desks" else OWNED_DESKS
            conn.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            conn.execute(f"DROP POLICY IF EXISTS desk_own ON {table}")
            conn.execute(
                f"CREATE POLICY desk_own ON {table} FOR SELECT TO {DESK_ROLE} USING ({owned})"
            )
            conn.execute(f"DROP POLICY IF EXISTS supervisor_reads ON {table}")
            conn.execute(
                f"CREATE POLICY supervisor_reads ON {table} FOR SELECT TO {SUPERVISOR_ROLE} "
                "USING (true)"
            )
            conn.execute(f"DROP POLICY IF EXISTS delivery_writes ON {table}")
            conn.execute(
                f"CREATE POLICY delivery_writes ON {table} TO {WRITER_ROLE} "
                "USING (true) WITH CHECK (true)"
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
