"""Record writes that must reach the database even when it is a server that is away.

Drafts, finishes and discards of the window go through :class:`PendingWrites`. With the desk's
own SQLite file each one is written at once (inline, see ``ui/store_calls.py``). With a server
(``--database postgresql://…``) each is first kept on this PC -- one private JSON file per record
in ``<data dir>/unsent/``, written by a local worker so the GUI thread never waits on a disk
flush -- and then written through to the server off the GUI thread. A write the server cannot
take now stays kept and is tried again every few seconds (and at the next start, from the
files): nothing typed is lost, and the clerk sees one calm line on the status bar instead of an
error per keystroke. Finishing again what the server already holds is a no-op there
(``store/lifecycle.finishing_again``), so a retry after a lost answer saves the record once.
"""

from __future__ import annotations

import contextlib
import json
import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from hearing_helper.atomic_file import write_json_atomically
from hearing_helper.domain.record import AssistRecord
from hearing_helper.private_files import make_private_dir
from hearing_helper.services import AppServices
from hearing_helper.store import AssistRepository, StoreError
from hearing_helper.store.errors import RecordNotFoundError, StoreUnavailableError
from hearing_helper.ui.background import Task, start_task, wait_for_pool
from hearing_helper.ui.store_calls import StoreCalls, calls_for

log = logging.getLogger(__name__)

RETRY_MS = 5000
FILES_POOL = "unsent"  # one thread: the copies on this PC are written in order
UNSENT_FOLDER = "unsent"

SAVED, KEPT, FAILED = "saved", "kept", "failed"  # what became of a draft save


@dataclass
class Write:
    """One record's newest write: ``draft`` (save), ``finish`` or ``discard``."""

    action: str
    record: dict[str, Any]
    actor: str = ""
    generation: int = 0
    told_kept: bool = False  # "kept on this PC" is said once, not at every retry
    on_draft: Callable[[str, str], None] | None = field(default=None, compare=False)
    on_finished: Callable[[AssistRecord | None], None] | None = field(default=None, compare=False)
    on_refused: Callable[[StoreError], None] | None = field(default=None, compare=False)

    @property
    def record_id(self) -> str:
        return str(self.record["id"])


def _apply(repo: AssistRepository, write: Write) -> AssistRecord | None:
    if write.action == "discard":
        with contextlib.suppress(RecordNotFoundError):  # never saved: nothing to discard
            repo.discard_draft(write.record_id, write.actor)
        return None
    record = AssistRecord.from_dict(write.record)  # a copy of its own for this thread
    if write.action == "draft":
        repo.save_draft(record)
        return None
    return repo.finish(record, write.actor)


def _apply_all(
    repo: AssistRepository, writes: list[Write]
) -> list[tuple[Write, AssistRecord | None, StoreError | None]]:
    done: list[tuple[Write, AssistRecord | None, StoreError | None]] = []
    away: StoreUnavailableError | None = None
    for write in writes:
        if away is not None:  # the server is away: the rest waits too, without a timeout each
            done.append((write, None, away))
            continue
        try:
            done.append((write, _apply(repo, write), None))
        except StoreUnavailableError as exc:
            away = exc
            done.append((write, None, exc))
        except StoreError as exc:
            done.append((write, None, exc))
    return done


class PendingWrites(QObject):
    """The window's record writes, kept on this PC until the database has them."""

    changed = Signal()  # count() or waiting() changed: the status line

    def __init__(self, services: AppServices, calls: StoreCalls) -> None:
        super().__init__()
        self.calls = calls
        self.keeps_copies = calls.in_background  # only a server can be away
        self.folder = Path(services.data_dir) / UNSENT_FOLDER
        self._latest: dict[str, Write] = {}
        self._generation = 0
        self._busy = False
        self._again = False
        self.waiting = ""  # why the server has not taken the writes yet ("" when it has)
        self.refused = 0  # writes the database refused for good (kept as files, see below)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.retry_now)
        if self.keeps_copies:
            self._load_kept()

    # --- what the window asks --------------------------------------------------------------

    def save_draft(self, record: AssistRecord, on_result: Callable[[str, str], None]) -> None:
        """Save the draft; ``on_result(SAVED|KEPT|FAILED, message)`` on the GUI thread."""
        self._submit(Write("draft", record.to_dict(), on_draft=on_result))

    def discard(self, record_id: str, actor: str) -> None:
        self._submit(Write("discard", {"id": record_id}, actor=actor))

    def finish(
        self,
        record: AssistRecord,
        actor: str,
        on_finished: Callable[[AssistRecord | None], None],
        on_refused: Callable[[StoreError], None],
    ) -> None:
        """Finish the record: ``on_finished(stored)``, or ``on_finished(None)`` when the server
        is away and the record waits here to be sent; ``on_refused(error)`` when the database
        refuses it (the caller keeps the draft)."""
        write = Write(
            "finish", record.to_dict(), actor, on_finished=on_finished, on_refused=on_refused
        )
        self._submit(write)

    def kept_drafts(self) -> list[AssistRecord]:
        """Drafts whose newest state is still only on this PC (offered at start)."""
        return [
            AssistRecord.from_dict(w.record) for w in self._latest.values() if w.action == "draft"
        ]

    def kept_record(self, record_id: str) -> AssistRecord | None:
        write = self._latest.get(record_id)
        return AssistRecord.from_dict(write.record) if write and write.action == "draft" else None

    def count(self) -> int:
        return len(self._latest)

    def is_idle(self) -> bool:
        return not self._busy and self.calls.is_idle()

    def retry_now(self) -> None:
        self._retry.stop()
        self._flush()

    def wait_idle(self, msecs: int) -> None:
        """At quit: the copies on this PC are complete (the server may still be away)."""
        wait_for_pool(FILES_POOL, msecs)

    # --- plumbing ---------------------------------------------------------------------------

    def _submit(self, write: Write) -> None:
        if not self.keeps_copies:
            self.calls.run(lambda repo: _apply_all(repo, [write]), self._written, self._failed_call)
            return
        waiting = self._latest.get(write.record_id)
        if waiting is not None and waiting.action == "finish" and write.action == "draft":
            return  # finished already (it waits for the server): a late autosave changes nothing
        self._generation += 1
        write.generation = self._generation
        self._latest[write.record_id] = write
        self._keep(write)
        self._flush()
        self.changed.emit()

    def _flush(self) -> None:
        if self._busy:
            self._again = True
            return
        writes = sorted(self._latest.values(), key=lambda w: w.generation)
        if not writes:
            return
        self._busy, self._again = True, False
        self.calls.run(lambda repo: _apply_all(repo, writes), self._written, self._failed_call)

    def _failed_call(self, exc: Exception) -> None:  # only a bug gets here (see StoreCalls.run)
        self._busy = False
        log.error("Writing to the database failed: %s", exc)
        self._retry.start()

    def _written(self, done: list[tuple[Write, AssistRecord | None, StoreError | None]]) -> None:
        self._busy = False
        away: StoreError | None = None
        for write, stored, error in done:
            newest = self._latest.get(write.record_id) is write
            if error is None:
                if newest:
                    del self._latest[write.record_id]
                    self._forget(write.record_id)
                self._tell(write, SAVED, stored, None)
            elif isinstance(error, StoreUnavailableError):
                away = error
                self._tell(write, KEPT, None, error)
            else:  # refused for good: kept as a file for court IT, never retried blindly
                log.error("The database refused %s of %s: %s", write.action, write.record_id, error)
                if newest:
                    del self._latest[write.record_id]
                    self._set_aside(write)
                    if write.on_draft is None and write.on_refused is None:
                        self.refused += 1  # no window is there to say so: the status line does
                self._tell(write, FAILED, None, error)
        self.waiting = str(away) if away is not None else ""
        if away is not None:
            self._retry.start()
        elif self._again:
            self._flush()
        self.changed.emit()

    def _tell(
        self, write: Write, state: str, stored: AssistRecord | None, error: StoreError | None
    ) -> None:
        if write.action == "draft" and write.on_draft is not None:
            if state != KEPT or not write.told_kept:
                write.on_draft(state, str(error or ""))
            write.told_kept = write.told_kept or state == KEPT
        elif write.action == "finish":
            if state == SAVED and write.on_finished is not None:
                write.on_finished(stored)
            elif state == KEPT and write.on_finished is not None:
                write.on_finished(None)  # waits here; the clerk moves on
            elif state == FAILED and write.on_refused is not None and error is not None:
                write.on_refused(error)
            write.on_finished = write.on_refused = None  # told once

    # --- the copies on this PC --------------------------------------------------------------

    def _path(self, record_id: str) -> Path:
        return self.folder / f"{record_id}.json"

    def _load_kept(self) -> None:
        """The writes a previous run could not deliver (read once, at start)."""
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime):
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                write = Write(raw["action"], raw["record"], raw.get("actor", ""))
                if write.action != "discard":
                    AssistRecord.from_dict(write.record)  # readable, or left in place below
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.error("Unreadable kept write %s (left in place): %s", path, exc)
                continue
            self._generation += 1
            write.generation = self._generation
            self._latest[write.record_id] = write
        if self._latest:
            QTimer.singleShot(0, self._flush)

    def _on_files_thread(self, work: Callable[[], None]) -> None:
        def run(_task: Task) -> None:
            try:
                work()
            except OSError:
                log.exception("Keeping a record on this PC failed")

        start_task(Task(run), pool=FILES_POOL)

    def _keep(self, write: Write) -> None:
        path, folder = self._path(write.record_id), self.folder
        content = {"action": write.action, "actor": write.actor, "record": write.record}

        def keep() -> None:
            make_private_dir(folder)
            write_json_atomically(path, content, ensure_ascii=False)

        self._on_files_thread(keep)

    def _forget(self, record_id: str) -> None:
        self._on_files_thread(lambda: self._path(record_id).unlink(missing_ok=True))

    def _set_aside(self, write: Write) -> None:
        path = self._path(write.record_id)
        aside = path.with_suffix(".refused")

        def set_aside() -> None:
            if path.exists():
                path.replace(aside)

        self._on_files_thread(set_aside)


_pending: weakref.WeakKeyDictionary[StoreCalls, PendingWrites] = weakref.WeakKeyDictionary()


def pending_for(services: AppServices) -> PendingWrites:
    """The session's pending writes (shared by the windows of one store: a language switch
    rebuilds the window, and what waits for the server must not be forgotten)."""
    calls = calls_for(services)
    pending = _pending.get(calls)
    if pending is None:
        pending = PendingWrites(services, calls)
        _pending[calls] = pending
    return pending
