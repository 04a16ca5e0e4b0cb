"""Drives the desk's sender from the window: every push runs in a worker, never on the GUI thread.

A push is started soon after the window opens, then again every POLL_S while everything goes
well (new local records are picked up without any call from the wizard), after a capped backoff
when the server cannot be reached, and at once on "Sync now". A server that hangs cannot hold
the window: the push runs in the "sync" pool (one thread: pushes never overlap, and a slow
server never takes the reports' threads) and each batch has a hard deadline.

A desk with nothing to send does not connect on the timer (``Sender.idle``); "Sync now" always
does. The sender (its own SQLite connection to the outbox) is made, replaced and closed on the
GUI thread only; a sender replaced while its push runs is closed when that push ends.

When a push switched the desk to a catalog version court IT published, the session's catalog
and join-mode rules are loaded again in the background and replace the old ones (screens read
them when a step opens); ``catalog_switched`` then carries the version.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from hearing_helper.services import AppServices
from hearing_helper.store.errors import StoreError
from hearing_helper.ui.background import Task, start_task, wait_for_pool

if TYPE_CHECKING:
    # The sender imports the PostgreSQL driver (~100 ms): a desk with no central database never
    # needs it, and a joined desk loads it in the worker of its first push.
    from hearing_helper.catalog import CatalogLoad
    from hearing_helper.store.sync.sender import Backoff, PushResult, Sender, SyncStatus

log = logging.getLogger(__name__)

FIRST_PUSH_MS = 2000  # after start: the window and its first screens come first
POLL_S = 15.0


class SyncController(QObject):
    """Owns the sender of this desk; ``status_changed`` carries the newest SyncStatus."""

    status_changed = Signal(object)  # SyncStatus
    push_started = Signal()
    catalog_switched = Signal(object)  # the published catalog version now in use (int | None)

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.status: SyncStatus | None = None
        self._backoff: Backoff | None = None
        self._sender: Sender | None = None  # read and written on the GUI thread only
        self._generation = 0  # settings changes so far: a push of an older one is stale
        self._task: Task | None = None
        self._stopped = False
        self._switched_version: int | None = None  # of the catalog loaded again after a switch
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)

    @property
    def backoff(self) -> Backoff:
        if self._backoff is None:
            from hearing_helper.store.sync.sender import Backoff

            self._backoff = Backoff()
        return self._backoff

    @backoff.setter
    def backoff(self, value: Backoff) -> None:
        self._backoff = value

    @property
    def central_url(self) -> str:
        return str(self.services.central_url())

    @property
    def joined(self) -> bool:
        return bool(self.central_url)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        if self.joined:
            self._timer.start(FIRST_PUSH_MS)

    def stop(self, wait_ms: int = 3000) -> None:
        """At window close: no new pushes; a running one is cut off (its batch is rolled back
        by the server and resent next time) and waited for up to ``wait_ms``."""
        self._stopped = True
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()
            if self._sender is not None:
                self._sender.abort()
            wait_for_pool("sync", wait_ms)
        if self._task is None and self._sender is not None:
            self._sender.outbox.close()
            self._sender = None

    def settings_changed(self) -> None:
        """The central URL or desk name changed: the next push uses them. The old sender's
        SQLite connection is closed (after the push that uses it, if one runs)."""
        self._generation += 1
        if self._sender is not None and self._task is None:
            self._sender.outbox.close()  # a running push closes it when it ends (stale)
        self._sender = None
        self.status = None
        if self.joined and not self._stopped:
            self.sync_now(force=True)

    def sync_now_forced(self) -> None:
        """ "Sync now" from the clerk or court IT: connects even when nothing waits."""
        self.sync_now(force=True)

    def sync_now(self, force: bool = False) -> None:
        """Start a push now (returns at once); nothing happens while one runs."""
        if self._stopped or not self.joined or self._task is not None:
            return
        self._timer.stop()
        url = self.central_url
        desk_name = str(self.services.settings.get("desk_name") or "")
        data_dir = self.services.data_dir
        if self._sender is None:
            # Made here, on the GUI thread (a local SQLite connection, no network), so only
            # this thread ever sets, replaces or closes it, and "stop" can always abort it.
            from hearing_helper.store.sync.desk import open_sender

            try:
                self._sender = open_sender(data_dir, url, desk_name, self.services.repo)
            except (StoreError, ValueError) as exc:
                self._failed(str(exc))
                return
        sender = self._sender
        generation = self._generation

        def push(task: Task) -> tuple[Sender, PushResult, int]:
            return sender, sender.push(should_stop=task.is_cancelled, force=force), generation

        task = Task(push, expected_errors=(StoreError, ValueError))
        task.signals.finished.connect(self._pushed)
        task.signals.failed.connect(self._failed)
        self._task = task
        self.push_started.emit()
        start_task(task, pool="sync")

    def _pushed(self, outcome: tuple[Sender, PushResult, int]) -> None:
        sender, result, generation = outcome
        self._task = None
        if generation != self._generation or self._stopped:
            sender.outbox.close()  # replaced meanwhile, or the window closes: never used again
            if self._sender is sender:
                self._sender = None
        self.status = result.status
        self.status_changed.emit(result.status)
        if not self._stopped and self._catalog_out_of_date(result):
            self._reload_catalog(result.status.catalog.version if result.status.catalog else None)
        if result.status.last_error:
            self._schedule(self.backoff.delay(result.status.failures))
        else:
            self._schedule(POLL_S)

    def _failed(self, message: str) -> None:
        """The push could not even start (a bad URL, a damaged desk id): say so, retry later."""
        from hearing_helper.store.sync.sender import SyncStatus

        self._task = None
        log.warning("Sync could not run: %s", message)
        failures = (self.status.failures if self.status else 0) + 1
        self.status = SyncStatus(
            waiting=self.status.waiting if self.status else 0,
            conflicts=self.status.conflicts if self.status else 0,
            last_success=self.status.last_success if self.status else None,
            unreachable_since=self.status.unreachable_since if self.status else None,
            last_error=message,
            error_code="other",
            failures=failures,
            skew_s=self.status.skew_s if self.status else None,
        )
        self.status_changed.emit(self.status)
        self._schedule(self.backoff.delay(failures))

    def _catalog_out_of_date(self, result: PushResult) -> bool:
        """This push switched the catalog, or another program did (``hearing-helper sync``)
        since the session loaded it."""
        if result.catalog_switched is not None:
            return True
        loaded = self.services.session.catalog
        in_use = result.status.catalog
        return loaded is not None and in_use is not None and loaded.court_version != in_use.version

    def _reload_catalog(self, version: int | None) -> None:
        from hearing_helper.ui.background import run_in_background
        from hearing_helper.ui.catalog_cache import load_catalog_from

        self._switched_version = version
        data_dir = self.services.data_dir
        run_in_background(self, lambda: load_catalog_from(data_dir), self._catalog_reloaded)

    def _catalog_reloaded(self, catalog: CatalogLoad) -> None:
        from hearing_helper.ui.catalog_cache import replace_catalog

        replace_catalog(self.services, catalog)
        self.catalog_switched.emit(self._switched_version)

    def _schedule(self, seconds: float) -> None:
        if not self._stopped:
            self._timer.start(max(0, int(seconds * 1000)))
