"""SQLite implementation of the record repository: the embedded default, one file in the data
dir. It persists what :mod:`hearing_helper.store.lifecycle` decides; the rules are not here."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

from hearing_helper.domain.enums import RecordStatus
from hearing_helper.domain.record import AssistRecord, ClerkProfile, now_local
from hearing_helper.private_files import create_private_file, make_private_dir
from hearing_helper.store import lifecycle
from hearing_helper.store.anchor import Anchor, write_anchor
from hearing_helper.store.audit import AuditKey, canonical_json
from hearing_helper.store.batching import in_batches
from hearing_helper.store.errors import CorruptDatabaseError, NewerDatabaseError, StoreError
from hearing_helper.store.repository import AuditEntry
from hearing_helper.store.shared_repository import SharedRepository
from hearing_helper.store.shared_rows import (
    AUDIT_SELECT,
    audit_entry,
    audit_values,
    check_values,
    problem_values,
    step_values,
    version_values,
)
from hearing_helper.store.sqlite import bulk, content, day_cache, prepared, rows
from hearing_helper.store.sqlite.connection import (
    BUSY_TIMEOUT_S,
    connect_readonly,
    connect_writer,
    translated,
)
from hearing_helper.store.sqlite.court_answers import SqliteCourtAnswersMixin
from hearing_helper.store.sqlite.day_cache_writes import after_write, before_write
from hearing_helper.store.sqlite.dialect import SQLITE
from hearing_helper.store.sqlite.prepared import PreparedRecord, prepare_batch
from hearing_helper.store.sqlite.schema import SCHEMA_VERSION, inspect_existing, migrate

DB_FILENAME = "hearing_helper.sqlite3"
IMPORT_BATCH = 5000
# Up to this many stored records, an import of more than one batch builds the indexes once.
BULK_MAX_STORED = 20_000
_ID_CHUNK = 500  # ids per "IN (...)" lookup, well under SQLite's parameter limit


# Files that exist only once a data folder has been used: beside an empty database file they
# mean the database was truncated, not that the folder is new.
_USED_FOLDER_MARKS = ("audit_anchor", "desk_id", "supervisor_state.json")


def open_repository(data_dir: Path, **options: Any) -> SqliteRepository:
    """Open (creating and migrating as needed) the database in ``data_dir``. Raises
    StoreError for an empty (0-byte) database file in a folder that has been used: making a
    new database there would silently start an empty log over the lost one."""
    path = data_dir / DB_FILENAME
    try:
        truncated = path.is_file() and path.stat().st_size == 0
    except OSError:
        truncated = False
    used = [name for name in _USED_FOLDER_MARKS if (data_dir / name).exists()]
    if truncated and used:
        raise StoreError(
            f"The database file {path} is empty (0 bytes), but this data folder has been used "
            f"(it holds {', '.join(used)}): the database was truncated or replaced. Nothing was "
            "changed; restore the file from a backup of the data folder, or ask court IT."
        )
    try:
        make_private_dir(data_dir)
        create_private_file(data_dir / DB_FILENAME)  # SQLite's -wal/-shm files copy its mode
    except OSError as exc:
        raise StoreError(
            f"The data folder {data_dir} cannot be used: {exc.strerror or exc}. "
            "Give --data-dir a folder this user can write."
        ) from exc
    return SqliteRepository(data_dir / DB_FILENAME, **options)


class SqliteRepository(SharedRepository[sqlite3.Connection], SqliteCourtAnswersMixin):
    """Thread-safe (one connection behind a lock); every write is durable when it returns.
    The record flows, search and audit chain are :class:`SharedRepository`'s."""

    dialect = SQLITE

    def __init__(
        self,
        path: Path,
        *,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
        import_batch: int = IMPORT_BATCH,
        bulk_max_stored: int = BULK_MAX_STORED,
    ) -> None:
        """``import_batch`` and ``bulk_max_stored`` tune import_finished (tests take small
        ones to see both of its paths with a few hundred records)."""
        self.path = path
        self.import_batch = import_batch
        self.bulk_max_stored = bulk_max_stored
        if path.exists() and path.stat().st_size > 0:
            found = inspect_existing(path)
            if found > SCHEMA_VERSION:
                raise NewerDatabaseError(path, found, SCHEMA_VERSION)
        self._busy_timeout_s = busy_timeout_s
        self._lock = threading.RLock()
        self._closed = False
        self._anchor_pending: Anchor | None = None  # audit head to write after the commit
        self.audit_key: AuditKey | None = None  # set by AppServices.open (see store/audit.py)
        self.before_write: Callable[[], None] | None = None  # see store/repository.py
        try:
            self._db = connect_writer(path, busy_timeout_s)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            # FULL in WAL mode fsyncs every commit: a power cut loses at most the keystroke
            # being saved, never a finished record.
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
            with translated(path):
                migrate(self._db, self._transaction)
        except sqlite3.DatabaseError as exc:
            raise CorruptDatabaseError(path, str(exc)) from exc

    # --- plumbing --------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.before_write is not None:
            self.before_write()  # outside the lock: the keying writes through here too
        with self._lock, translated(self.path, self._busy_timeout_s):
            if self._closed:
                raise StoreError(f"The database {self.path} is closed; nothing was saved.")
            self._db.execute("BEGIN IMMEDIATE")
            self._anchor_pending = None
            try:
                yield self._db
            except BaseException:
                self._anchor_pending = None
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            if self._anchor_pending is not None:
                # After the commit, so the anchor never names an entry that was rolled back.
                write_anchor(self.path.parent, self._anchor_pending)
                self._anchor_pending = None

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock, translated(self.path):
            if self._closed:
                raise StoreError(f"The database {self.path} is closed.")
            yield self._db

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def schema_version(self) -> int:
        with self._read() as db:
            return int(db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._db.close()

    # --- staff -----------------------------------------------------------------------------

    def save_staff(self, profile: ClerkProfile) -> None:
        with self._transaction() as db:
            db.execute(
                rows.UPSERT_STAFF,
                (
                    profile.staff_id,
                    profile.name,
                    profile.desk,
                    profile.court,
                    now_local().isoformat(),
                ),
            )

    def list_staff(self) -> list[ClerkProfile]:
        with self._read() as db:
            found = db.execute(rows.SELECT_STAFF).fetchall()
        return [ClerkProfile(**dict(row)) for row in found]

    # --- records ---------------------------------------------------------------------------

    def _status(self, db: sqlite3.Connection, record_id: str) -> tuple[str, int] | None:
        row = db.execute(rows.SELECT_STATUS, (record_id,)).fetchone()
        return (str(row["status"]), int(row["version"])) if row else None

    def list_drafts(self) -> list[AssistRecord]:
        with self._read() as db:
            found = db.execute(rows.SELECT_DRAFTS).fetchall()
        return [AssistRecord.from_dict(json.loads(row["payload"])) for row in found]

    def _delete_record(self, db: sqlite3.Connection, record_id: str) -> None:
        pending = before_write(db, [record_id], ())
        db.execute(rows.DELETE_ASSIST, (record_id,))
        after_write(db, pending)  # the report cache, kept in the same transaction

    def import_finished(self, records: Iterable[AssistRecord], actor: str) -> int:
        """Bulk-insert finished records; returns how many were new (see the protocol)."""
        batches = in_batches(records, self.import_batch)
        return self.import_prepared((prepare_batch(batch, actor) for batch in batches), actor)

    def import_prepared(self, batches: Iterable[list[PreparedRecord]], actor: str) -> int:
        """:meth:`import_finished` of records already prepared (store/sqlite/prepared.py) in
        batches of ``import_batch``, which may be made elsewhere while these are written.

        More than one batch into a store holding at most ``bulk_max_stored`` records (demo data, a
        new desk): one transaction, with the secondary indexes built once at the end (bulk.py).
        Otherwise one transaction per batch."""
        batches = iter(batches)
        first = next(batches, [])
        if len(first) < self.import_batch or self._stored_more_than(self.bulk_max_stored):
            return sum(self._import_batch(batch, actor) for batch in chain([first], batches))
        days: list[str] = []  # the first and last day of the records written
        with (
            self._lock,
            translated(self.path),
            bulk.settings_for_load(self._db),
            self._transaction() as db,
        ):
            with bulk.indexes_built_at_end(db):
                written = sum(
                    self._import_rows(db, batch, actor, days) for batch in chain([first], batches)
                )
            if days:  # the report cache in one pass, once the indexes are back: every day, as
                # records loaded may be the earlier visits or preparations of days not loaded
                day_cache.refill_day_cache(db)
            return written

    def _stored_more_than(self, limit: int) -> bool:
        with self._read() as db:
            sql = "SELECT count(*) FROM (SELECT 1 FROM assists LIMIT ?)"
            return int(db.execute(sql, (limit + 1,)).fetchone()[0]) > limit

    def _existing(self, db: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
        """id -> status of the records among ``ids`` already stored."""
        found: dict[str, str] = {}
        for start in range(0, len(ids), _ID_CHUNK):
            chunk = ids[start : start + _ID_CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in db.execute(rows.SELECT_STATUSES.format(marks=marks), chunk):
                found[row["id"]] = row["status"]
        return found

    def _new_records(
        self, db: sqlite3.Connection, batch: list[PreparedRecord]
    ) -> tuple[list[PreparedRecord], list[str]]:
        """The records of ``batch`` to write, and the ids of drafts they replace."""
        unique = {item.id: item for item in prepared.unique_in_batch(batch)}
        existing = self._existing(db, list(unique))
        fresh, replaced_drafts = [], []
        for record_id, item in unique.items():
            status = existing.get(record_id)
            if status == RecordStatus.FINISHED:
                if lifecycle.existing_finished(self._stored(db, record_id), item.record()):
                    continue
            elif status is not None:
                replaced_drafts.append(record_id)
            fresh.append(item)
        return fresh, replaced_drafts

    def _import_batch(self, batch: list[PreparedRecord], actor: str) -> int:
        if not batch:
            return 0
        with self._transaction() as db:
            return self._import_rows(db, batch, actor)

    def _import_rows(
        self,
        db: sqlite3.Connection,
        batch: list[PreparedRecord],
        actor: str,
        days: list[str] | None = None,
    ) -> int:
        """Write the new records of ``batch``, keeping the report cache of their days; with
        ``days`` (a bulk load) the caller refills the cache and ``days`` becomes [first, last]
        day written."""
        fresh, replaced_drafts = self._new_records(db, batch)
        if not fresh:
            return 0
        pending = None
        if days is not None:
            written = [item.day for item in fresh]
            days[:] = [min(days[:1] + written), max(days[1:] + written)]
        else:
            pending = before_write(db, [item.id for item in fresh], {item.day for item in fresh})
        for record_id in replaced_drafts:
            self._delete_children(db, record_id)
        db.executemany(rows.UPSERT_ASSIST, [item.assist for item in fresh])
        db.executemany(rows.INSERT_STEP, [row for item in fresh for row in item.steps])
        db.executemany(rows.INSERT_PROBLEM, [row for item in fresh for row in item.problems])
        db.executemany(rows.INSERT_CHECK, [row for item in fresh for row in item.checks])
        db.executemany(rows.INSERT_VERSION, [item.version_row for item in fresh])
        details = lifecycle.imported_versions_details([(i.id, i.version, i.payload) for i in fresh])
        self._append_audit(db, actor, "records.imported", details)
        if pending is not None:
            after_write(db, pending)
        return len(fresh)

    def _delete_children(self, db: sqlite3.Connection, record_id: str) -> None:
        for statement in rows.DELETE_CHILDREN:
            db.execute(statement, (record_id,))

    def _write_record(self, db: sqlite3.Connection, record: AssistRecord) -> str:
        day = record.started_at.isoformat()[:10]  # a draft's autosave costs the cache nothing
        pending = before_write(db, [record.id], [day] if record.is_finished else [])
        payload = lifecycle.payload_json(record)
        db.execute(rows.UPSERT_ASSIST, rows.assist_row(record, payload))
        self._delete_children(db, record.id)
        db.executemany(rows.INSERT_STEP, step_values(record))
        db.executemany(rows.INSERT_PROBLEM, problem_values(record))
        db.executemany(rows.INSERT_CHECK, check_values(record))
        after_write(db, pending)  # the report cache, kept in the same transaction
        return payload

    def _write_version(
        self, db: sqlite3.Connection, record: AssistRecord, actor: str, reason: str, payload: str
    ) -> None:
        db.execute(rows.INSERT_VERSION, version_values(record, actor, reason, payload))

    # --- exports and the audit chain --------------------------------------------------------

    def _insert_export(
        self,
        db: sqlite3.Connection,
        entry: AuditEntry,
        fmt: str,
        filters: dict[str, Any],
        row_count: int,
        sha256: str,
        unmasked: bool,
    ) -> None:
        db.execute(
            rows.INSERT_EXPORT,
            (entry.at, entry.actor, fmt, canonical_json(filters), row_count, sha256, int(unmasked)),
        )

    def audit_head_seq(self) -> int:
        """The newest audit entry's seq (0 for an empty log)."""
        with self._read() as db:
            head = self._audit_head(db)
        return head[0] if head else 0

    def _audit_head(self, db: sqlite3.Connection) -> tuple[int, str] | None:
        last = db.execute(rows.SELECT_AUDIT_HEAD).fetchone()
        return (int(last["seq"]), str(last["hash"])) if last else None

    def _insert_audit(
        self,
        db: sqlite3.Connection,
        entry: AuditEntry,
        actor: str,
        action: str,
        details: dict[str, Any],
    ) -> None:
        db.execute(rows.INSERT_AUDIT, audit_values(entry, actor, action, details))
        keyed_from = self.audit_key.from_seq if self.audit_key is not None else 0
        self._anchor_pending = Anchor(entry.seq, entry.hash, keyed_from)  # see store/anchor.py

    def latest_audit(self, actions: tuple[str, ...]) -> AuditEntry | None:
        with self._read() as db:
            row = db.execute(
                f"SELECT {AUDIT_SELECT} FROM audit_log "
                f"WHERE action IN ({SQLITE.marks(len(actions))}) ORDER BY seq DESC LIMIT 1",
                actions,
            ).fetchone()
        return None if row is None else audit_entry(row)

    def iter_version_hashes(self) -> Iterator[tuple[str, int, str]]:
        """For verify-log: every stored version's content hash (sqlite/content.py)."""
        return content.iter_version_hashes(self.path)

    def iter_row_disagreements(self, counter: list[int]) -> Iterator[tuple[str, int, list[str]]]:
        """For verify-log: finished rows that disagree with their newest version."""
        return content.iter_row_disagreements(self.path, counter)

    def iter_audit(self) -> Iterator[AuditEntry]:
        conn = connect_readonly(self.path)
        try:
            with translated(self.path):
                for row in conn.execute(rows.SELECT_AUDIT):
                    yield audit_entry(row)
        finally:
            conn.close()
