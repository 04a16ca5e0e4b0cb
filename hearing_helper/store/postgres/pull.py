"""Pulling one desk's history back from the central database, a bounded page at a time.

The server functions of PostgreSQL migration 009 (``hh_pull_*``) return at most ``limit`` rows
after a cursor, in cursor order, for one desk: a desk login only for the desk it is bound to.
Each page is one short statement on its own deadline (:func:`hard_deadline`), so a pull of a
large court never times out as a whole, a stalled network fails one page, and the caller keeps
the cursor of every page it applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres.connection import (
    ServerAddress,
    connect,
    hard_deadline,
    is_connection_error,
    unavailable,
)

MAX_PAGE = 5000  # the server functions' own cap
DEFAULT_PAGE = 2000
PAGE_TIMEOUT_S = 60.0  # one page; the whole pull has no limit
STREAMS = ("audit", "versions", "exports")

# The functions server init hands to hh_writer (their owner) and lets desks and supervisors run.
PULL_FUNCTIONS = (
    "hh_pull_allowed(text)",
    "hh_pull_desk(text)",
    "hh_pull_audit(text, bigint, integer)",
    "hh_pull_versions(text, text, integer, integer)",
    "hh_pull_exports(text, bigint, integer)",
)
CALLABLE = PULL_FUNCTIONS[1:]


def grant_pull_functions(conn: psycopg.Connection[Any], owner: str, callers: str) -> None:
    """For server init: ``owner`` owns the pull functions, ``callers`` may execute them."""
    for function in PULL_FUNCTIONS:
        conn.execute(f"ALTER FUNCTION {function} OWNER TO {owner}")
        conn.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    for function in CALLABLE:
        conn.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {callers}")


@dataclass(frozen=True)
class DeskTotals:
    """What the court holds for one desk: the restore's progress counts against these."""

    name: str
    audit_entries: int
    versions: int
    records: int
    exports: int

    def of(self, stream: str) -> int:
        return {"audit": self.audit_entries, "versions": self.versions, "exports": self.exports}[
            stream
        ]


class DeskNotOnServerError(StoreError):
    pass


_SELECTS = {
    "audit": "SELECT * FROM hh_pull_audit(%s, %s, %s)",
    "versions": "SELECT * FROM hh_pull_versions(%s, %s, %s, %s)",
    "exports": "SELECT * FROM hh_pull_exports(%s, %s, %s)",
}


def first_cursor(stream: str) -> list[Any]:
    return ["", 0] if stream == "versions" else [0]


def cursor_after(stream: str, row: tuple[Any, ...]) -> list[Any]:
    """The cursor that follows ``row`` (the last row of a page)."""
    return [row[0], row[1]] if stream == "versions" else [row[0]]


class DeskPuller:
    """One connection to the central database that pulls pages of one desk's rows."""

    def __init__(
        self, address: ServerAddress, desk_id: str, *, page_timeout_s: float = PAGE_TIMEOUT_S
    ) -> None:
        self.address = address
        self.desk_id = desk_id
        self.page_timeout_s = page_timeout_s
        self._conn = connect(address)

    def close(self) -> None:
        self._conn.close()

    def _run(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        try:
            with hard_deadline(self._conn, self.page_timeout_s):
                return self._conn.execute(sql, params).fetchall()
        except psycopg.errors.InsufficientPrivilege as exc:
            raise StoreError(
                f"The login {self.address.user} may not pull desk {self.desk_id} from "
                f"{self.address.location}: {_first_line(exc)}. Restore with the desk login "
                "that desk delivered with (its URL), or have court IT bind this login to the "
                "desk (README, A court's central database)."
            ) from None
        except psycopg.errors.NoDataFound:
            raise DeskNotOnServerError(
                f"There is no desk {self.desk_id} on {self.address.location}: check the desk id "
                "(court IT lists desks with `SELECT desk_id, name, last_seen FROM desks`)."
            ) from None
        except psycopg.errors.UndefinedFunction:
            raise StoreError(
                f"The central database {self.address.location} cannot give a desk's history "
                "back yet: court IT runs `hearing-helper server init` with this version first."
            ) from None
        except psycopg.Error as exc:
            if is_connection_error(exc):
                raise unavailable(self.address, exc) from None
            raise StoreError(
                f"The central database {self.address.location} refused the pull "
                f"({_first_line(exc)})."
            ) from None

    def totals(self) -> DeskTotals:
        found = self._run("SELECT * FROM hh_pull_desk(%s)", (self.desk_id,))
        name, audit, versions, records, exports = found[0]
        return DeskTotals(str(name), int(audit), int(versions), int(records), int(exports))

    def page(self, stream: str, cursor: list[Any], limit: int) -> list[tuple[Any, ...]]:
        """At most ``limit`` rows of ``stream`` after ``cursor``, in cursor order."""
        return self._run(_SELECTS[stream], (self.desk_id, *cursor, limit))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
