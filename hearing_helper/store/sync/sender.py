"""The sender: pushes the desk's outbox to the central database, batch by batch.

Each batch is one server transaction (``delivery.deliver``); only after its commit are the items
deleted from the outbox. A crash in between resends the batch, which the server recognises and
ignores, so nothing is lost or duplicated. Failures are remembered in the outbox's state (since
when the server is unreachable, the last error in plain words) and retried with a capped
exponential backoff (:class:`Backoff`) by whoever drives the sender (the window's timer, or the
``sync`` command), without waiting for a new local write.

A server that accepts connections and never answers cannot hold a push for ever: every batch
runs under a hard deadline that cuts the connection.

One desk has one sender at a time, whoever starts it (the window, ``hearing-helper sync``, a
second window): a push holds an exclusive lock on the file ``<database>.sender.lock`` beside the
desk's database from before it reads a batch until after it marked the batch sent. A second
sender waits for it (and then usually finds nothing left to send). The lock is the operating
system's (``file_lock``), so a killed sender releases it.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg

from hearing_helper.file_lock import LockTimeoutError, locked
from hearing_helper.store.errors import NewerDatabaseError, StoreError, StoreUnavailableError
from hearing_helper.store.postgres.connection import (
    ServerAddress,
    connect,
    cut_connection,
    hard_deadline,
    translate,
)
from hearing_helper.store.postgres.delivery import (
    SKEW_WARN_S,
    BadItemError,
    DeliveryResult,
    deliver,
    open_conflict_keys,
)
from hearing_helper.store.postgres.schema import SCHEMA_VERSION, stored_version
from hearing_helper.store.sqlite.outbox import HeldItem, OutboxKey, SqliteOutbox
from hearing_helper.store.sync.batch import Batch
from hearing_helper.store.sync.catalog_pull import CatalogPuller, CatalogStatus

log = logging.getLogger(__name__)

BATCH_ITEMS = 1000
BATCH_TIMEOUT_S = 60.0
CONNECT_TIMEOUT_S = 10.0
# How long a push waits for another sender of the same desk to finish (a push of a large
# backlog takes a minute at most per batch; the window's pushes can be cancelled meanwhile).
LOCK_WAIT_S = 300.0
# How often an idle desk still connects to fetch answers to its follow-ups given at other desks.
EXCHANGE_EVERY_S = 60.0


def _now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True)
class Backoff:
    """Delay before the next try after ``failures`` failures in a row: doubling from
    ``base_s`` up to ``cap_s``, with jitter so that many desks do not retry in step."""

    base_s: float = 5.0
    cap_s: float = 300.0

    def delay(self, failures: int, rng: random.Random | None = None) -> float:
        if failures <= 0:
            return 0.0
        raw = min(self.cap_s, self.base_s * 2.0 ** (failures - 1))
        jitter = rng.random() if rng is not None else random.random()
        return raw * (0.75 + 0.25 * jitter)


# What the server says about one item rather than the connection or the login: the item is
# set aside (a "poison" item) and the rest of the queue keeps flowing. Class 22 (data
# exceptions: a NUL character, a value out of range) and 23 (integrity: a check constraint).
REFUSED_ITEM_ERRORS = (psycopg.errors.DataError, psycopg.errors.IntegrityError, BadItemError)


def refusal_reason(exc: BaseException) -> str:
    """The server's reason for refusing an item, in one line."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "0x00" in text or "\\u0000" in text:
        return f"the central database cannot store a NUL character in this item ({text})"
    return f"the central database refused this item ({text})"


# Kinds of failure the window words for the clerk and court IT (the detail is last_error).
ERROR_CODES = ("unreachable", "password", "schema", "permission", "other")


def error_code(exc: BaseException) -> str:
    """Which of ERROR_CODES ``exc`` (already a StoreError where possible) is."""
    text = str(exc).lower()
    if isinstance(exc, NewerDatabaseError) or "not set up for this version" in text:
        return "schema"
    if "password" in text or "keyring" in text:
        return "password"
    if "may not" in text or "row-level security" in text or "permission" in text:
        return "permission"
    if isinstance(exc, StoreUnavailableError | OSError):
        return "unreachable"
    return "other"


@dataclass(frozen=True)
class SyncStatus:
    """What the status line, the sync page and ``sync --json`` show."""

    waiting: int  # items in the outbox
    conflicts: int  # this desk's items in conflict on the server, not settled yet
    last_success: str | None  # ISO time of the last push that emptied the outbox
    unreachable_since: str | None  # ISO time of the first failure in a row
    last_error: str  # plain words; '' after a success
    error_code: str  # what kind of failure, for translated texts: see ERROR_CODES
    failures: int  # failures in a row
    skew_s: float | None  # desk clock minus server clock at the last delivery
    held: tuple[HeldItem, ...] = ()  # items set aside: the server refused them, or missing
    conflict_keys: tuple[str, ...] = ()  # the conflicts, e.g. 'version record <id> v2'
    catalog: CatalogStatus | None = None  # the published catalog in use (None: not followed)

    @property
    def state(self) -> str:
        """'conflicts', 'unreachable', 'held', 'waiting' or 'all_sent' (in that priority)."""
        if self.conflicts:
            return "conflicts"
        if self.unreachable_since:
            return "unreachable"
        if self.held:
            return "held"
        return "waiting" if self.waiting else "all_sent"

    @property
    def clock_skewed(self) -> bool:
        return self.skew_s is not None and abs(self.skew_s) > SKEW_WARN_S

    def to_json(self) -> dict[str, Any]:
        held = [asdict(item) | {"key": item.key} for item in self.held]
        return asdict(self) | {
            "conflict_keys": list(self.conflict_keys),
            "held": held,
            "held_count": len(held),
            "state": self.state,
            "clock_skewed": self.clock_skewed,
        }


@dataclass(frozen=True)
class PushResult:
    sent: int
    batches: int
    status: SyncStatus
    busy: bool = False  # another sender of this desk was pushing; this one did not
    catalog_switched: int | None = None  # the published catalog version switched to

    @property
    def ok(self) -> bool:
        status = self.status
        trouble = status.waiting or status.conflicts or status.last_error or status.held
        return not self.busy and not trouble


class Sender:
    """Pushes one desk's outbox to one central database. Not thread-safe: one push at a time."""

    def __init__(
        self,
        outbox: SqliteOutbox,
        central: ServerAddress,
        desk_id: str,
        desk_name: str = "",
        *,
        batch_items: int = BATCH_ITEMS,
        batch_timeout_s: float = BATCH_TIMEOUT_S,
        connect_timeout_s: float = CONNECT_TIMEOUT_S,
        lock_wait_s: float = LOCK_WAIT_S,
        connect_to: Callable[..., psycopg.Connection[Any]] = connect,
        deliver_batch: Callable[[psycopg.Connection[Any], Batch, datetime], DeliveryResult] = (
            deliver
        ),
        catalog: CatalogPuller | None = None,
    ) -> None:
        """``connect_to`` and ``deliver_batch`` open the server connection and deliver one
        batch (store/postgres/connection.py, delivery.py); a test wraps them to count or to
        race another sender."""
        self.outbox = outbox
        self.central = central
        self.desk_id = desk_id
        self.desk_name = desk_name
        self.batch_items = batch_items
        self.batch_timeout_s = batch_timeout_s
        self.connect_timeout_s = connect_timeout_s
        self.lock_wait_s = lock_wait_s
        self._connect = connect_to
        self._deliver = deliver_batch
        self._conn: psycopg.Connection[Any] | None = None  # while a push runs
        # Run on the push's connection before the outbox goes up (store/sync/answers.py: the
        # shared follow-ups' answers); None for a sender that only pushes.
        self.exchange: Callable[[psycopg.Connection[Any]], bool] | None = None
        self.catalog = catalog  # takes the catalog court IT publishes, while connected

    def abort(self) -> None:
        """Cut a running push's connection (from another thread): it ends at once; the batch
        in flight is rolled back by the server, or already committed and resent next time."""
        conn = self._conn
        if conn is not None:
            cut_connection(conn)

    def status(self) -> SyncStatus:
        state = self.outbox.state()
        return SyncStatus(
            waiting=self.outbox.waiting(),
            conflicts=int(state.get("conflicts", 0)),
            last_success=state.get("last_success"),
            unreachable_since=state.get("unreachable_since"),
            last_error=str(state.get("last_error", "")),
            error_code=str(state.get("error_code", "")),
            failures=int(state.get("failures", 0)),
            skew_s=state.get("skew_s"),
            held=tuple(self.outbox.held()),
            conflict_keys=tuple(state.get("conflict_keys", ())),
            catalog=self.catalog.status() if self.catalog else None,
        )

    @property
    def lock_path(self) -> Path:
        """The file whose lock one sender of this desk holds while it pushes."""
        return self.outbox.path.with_name(self.outbox.path.name + ".sender")

    def idle(self) -> bool:
        """Nothing to send and nothing to learn from the server: no item waiting, no conflict
        to watch clear, no failure to retry (a cheap look at the local outbox)."""
        state = self.outbox.state()
        return (
            self.outbox.waiting() == 0
            and not state.get("conflicts")
            and not state.get("unreachable_since")
            and state.get("last_success") is not None
            and not self._exchange_due(state)
        )

    def _exchange_due(self, state: dict[str, Any]) -> bool:
        """The court may hold answers for this desk: look every EXCHANGE_EVERY_S at most."""
        if self.exchange is None:
            return False
        last = state.get("last_exchange")
        if not last:
            return True
        try:
            return (_now() - datetime.fromisoformat(str(last))).total_seconds() >= EXCHANGE_EVERY_S
        except ValueError:
            return True

    def push(
        self, should_stop: Callable[[], bool] = lambda: False, *, force: bool = False
    ) -> PushResult:
        """Send everything waiting (until ``should_stop()``); never raises for server trouble:
        the result's status says what happened. Waits while another sender of this desk
        pushes (up to ``lock_wait_s``; ``busy`` in the result when it gave up). An idle desk
        (see :meth:`idle`) does not connect at all unless ``force`` ("Sync now") or the
        catalog check falls due (``CatalogPuller.due``, every 10 minutes)."""
        if not force and self.idle() and not (self.catalog and self.catalog.due()):
            return PushResult(sent=0, batches=0, status=self.status())
        try:
            with locked(self.lock_path, self.lock_wait_s, give_up=should_stop):
                return self._push_alone(should_stop)
        except LockTimeoutError:
            log.info("Another sender of this desk is pushing; this push did not run")
            return PushResult(sent=0, batches=0, status=self.status(), busy=True)

    def _push_alone(self, should_stop: Callable[[], bool]) -> PushResult:
        sent = batches = 0
        switched: int | None = None
        try:
            conn = self._connect(self.central, timeout_s=self.connect_timeout_s)
            self._conn = conn
            try:
                self._check_schema(conn)
                skew_s: float | None = None
                exchanged = self.exchange is None
                while not should_stop():
                    keys, batch = self.outbox.next_batch(
                        self.desk_id, self.desk_name, self.batch_items
                    )
                    if not keys:
                        if self.outbox.waiting():
                            continue  # those were set aside (missing here); more are queued
                        if not exchanged:  # once the server knows this desk (its deliveries)
                            exchanged = True
                            self._exchange(conn)
                            continue  # versions made from answers pulled go up in this push
                        break
                    delivered, batch_skew = self._deliver_or_hold(conn, keys, batch)
                    sent += delivered
                    batches += 1
                    if batch_skew is not None:
                        skew_s = batch_skew
                        if abs(skew_s) > SKEW_WARN_S:
                            log.warning("This desk's clock is %.0f s off the server's", skew_s)
                with hard_deadline(conn, self.batch_timeout_s):
                    conflict_keys = open_conflict_keys(conn, self.desk_id)
                if self.catalog is not None and not should_stop():
                    with hard_deadline(conn, self.batch_timeout_s):
                        switched = self.catalog.pull(conn)
            finally:
                self._conn = None
                conn.close()
        except (StoreError, psycopg.Error, OSError) as exc:
            self._failed(exc)
        else:
            values: dict[str, Any] = {
                "conflicts": len(conflict_keys),
                "conflict_keys": conflict_keys,
                "unreachable_since": None,
                "last_error": "",
                "error_code": "",
                "failures": 0,
            }
            if skew_s is not None:
                values["skew_s"] = round(skew_s, 1)
            if self.outbox.waiting() == 0:
                values["last_success"] = _now().isoformat(timespec="seconds")
            self.outbox.update_state(**values)
        if sent:
            log.info("Sent %d outbox items in %d batches to %s", sent, batches, self.central)
        return PushResult(
            sent=sent, batches=batches, status=self.status(), catalog_switched=switched
        )

    def _exchange(self, conn: psycopg.Connection[Any]) -> None:
        assert self.exchange is not None
        with hard_deadline(conn, self.batch_timeout_s):
            more = self.exchange(conn)
        self.outbox.update_state(last_exchange=None if more else _now().isoformat())

    def _deliver_or_hold(
        self, conn: psycopg.Connection[Any], keys: list[OutboxKey], batch: Batch
    ) -> tuple[int, float | None]:
        """Deliver ``batch``, then forget its items here. When the server refuses an item for
        good (text it cannot store, a broken payload), the batch is split in halves until the
        refused item is alone; that one is set aside with the server's reason and the rest is
        delivered. Returns (items delivered, clock skew of the last delivery)."""
        try:
            with hard_deadline(conn, self.batch_timeout_s):
                result = self._deliver(conn, batch, _now())
        except REFUSED_ITEM_ERRORS as exc:
            if len(keys) == 1:
                reason = refusal_reason(exc)
                log.warning("The central database refused outbox item %s: %s", keys[0], reason)
                self.outbox.hold(keys, reason)
                return 0, None
            delivered = 0
            skew_s: float | None = None
            half = len(keys) // 2
            for part in (keys[:half], keys[half:]):
                found, sub_batch = self.outbox.load(part, self.desk_id, self.desk_name)
                if found:
                    count, part_skew = self._deliver_or_hold(conn, found, sub_batch)
                    delivered += count
                    skew_s = part_skew if part_skew is not None else skew_s
            return delivered, skew_s
        # The server has committed: only now forget the items here.
        self.outbox.mark_sent(keys)
        return len(keys), result.skew_s

    def _check_schema(self, conn: psycopg.Connection[Any]) -> None:
        found = stored_version(conn)
        if found > SCHEMA_VERSION:
            raise NewerDatabaseError(self.central.location, found, SCHEMA_VERSION)
        if found < SCHEMA_VERSION:
            raise StoreError(
                f"The central database {self.central.location} is not set up for this version "
                f"(schema {found}, needs {SCHEMA_VERSION}). Court IT runs "
                f"`hearing-helper server init --database {self.central.location}`."
            )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, psycopg.Error):
            exc = translate(self.central, exc)
        message = str(exc) if isinstance(exc, StoreError) else f"{type(exc).__name__}: {exc}"
        state = self.outbox.state()
        log.warning("Sending to the central database failed: %s", message)
        self.outbox.update_state(
            unreachable_since=state.get("unreachable_since")
            or _now().isoformat(timespec="seconds"),
            last_error=message,
            error_code=error_code(exc),
            failures=int(state.get("failures", 0)) + 1,
        )
