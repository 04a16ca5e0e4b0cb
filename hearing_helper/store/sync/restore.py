"""A replaced desk PC gets its history back from the court (``hearing-helper restore``).

The desk's audit chain, every delivered record version and its export entries are pulled from
the central database in bounded pages (store/postgres/pull.py) into a restoring file in the
data folder (store/sqlite/restore_target.py), each page saved with its cursor, so a cut pull is
continued by running the command again. The supervisor password is checked against the newest
password entry of the pulled chain before any record is pulled. When everything is in, the chain
and the records are verified with verify-log's checks, the desk's restore is appended to the same
chain (``desk.restored``, queued for the server like any entry), and only then does the file
become the desk's database and the folder take the desk's id. Drafts never left the old PC and
cannot come back.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from hearing_helper.desk_identity import adopt_desk_id
from hearing_helper.private_files import make_private_dir
from hearing_helper.store.anchor import ANCHOR_FILENAME, Anchor, write_anchor
from hearing_helper.store.audit import (
    KEYED_ACTION,
    AuditKey,
    ChainBreak,
    SignatureTally,
    verify_chain,
)
from hearing_helper.store.content_check import RecordedHashes, check_content
from hearing_helper.store.errors import StoreError, UnreadableAuditEntryError
from hearing_helper.store.postgres.connection import ServerAddress
from hearing_helper.store.postgres.pull import (
    DEFAULT_PAGE,
    STREAMS,
    DeskPuller,
    DeskTotals,
    cursor_after,
    first_cursor,
)
from hearing_helper.store.repository import AuditEntry
from hearing_helper.store.sqlite.repository import DB_FILENAME
from hearing_helper.store.sqlite.restore_target import (
    RestoreTarget,
    restoring_path,
    stored_records,
)

RESTORED_ACTION = "desk.restored"


class FolderInUseError(StoreError):
    """The data folder already holds records (or another desk's restore): nothing was done."""


class ChainBrokenError(StoreError):
    pass


@dataclass(frozen=True)
class PullProgress:
    stream: str  # 'audit', 'versions', 'exports'
    done: int  # rows of the stream in the file
    total: int  # rows of the stream on the server when the pull began


@dataclass
class RestoreResult:
    desk_id: str
    desk_name: str = ""
    records: int = 0
    versions: int = 0
    audit_entries: int = 0
    exports: int = 0
    follow_ups: int = 0
    answers_applied: int = 0  # given at other desks to its follow-ups (store/sync/restore_answers)
    answers_not_delivered: list[str] = field(default_factory=list)  # its own, lost with the PC
    pulled: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STREAMS, 0))
    pages: int = 0
    resumed: bool = False
    seconds: float = 0.0
    chain: str = "intact"  # or 'links_only' (signed by a key this PC does not hold)
    signatures_unchecked: int = 0

    def as_json(self) -> dict[str, Any]:
        rate = self.versions / self.seconds if self.seconds else 0.0
        return self.__dict__ | {"records_per_s": round(rate, 1), "seconds": round(self.seconds, 2)}


def check_folder(data_dir: Path, desk_id: str) -> None:
    """Refuse a folder that holds records, or a restore of another desk begun there."""
    held = stored_records(data_dir / DB_FILENAME)
    if held:
        raise FolderInUseError(
            f"The data folder {data_dir} already holds {held} records: a restore only fills "
            "an empty folder, never mixes two histories. Give --data-dir a new folder."
        )
    staging = restoring_path(data_dir)
    if staging.exists():
        target = RestoreTarget(staging)
        try:
            begun_for = target.state("desk_id")
        finally:
            target.close()
        if begun_for not in (None, desk_id):
            raise FolderInUseError(
                f"A restore of desk {begun_for} was begun in {data_dir} and not finished. "
                f"Finish it (run it again with --desk-id {begun_for}), or delete {staging} to "
                "start another."
            )


class DeskRestore:
    """One run of a restore into ``data_dir``: pull, check the password, verify, finish."""

    def __init__(
        self,
        data_dir: Path,
        address: ServerAddress,
        desk_id: str,
        *,
        page_size: int = DEFAULT_PAGE,
        on_progress: Callable[[PullProgress], None] = lambda _progress: None,
    ) -> None:
        self.data_dir = data_dir
        self.address = address
        self.desk_id = desk_id
        self.page_size = page_size
        self.on_progress = on_progress
        self.result = RestoreResult(desk_id)
        self._started = time.monotonic()
        self._target: RestoreTarget | None = None
        self._puller: DeskPuller | None = None
        self.totals: DeskTotals | None = None

    # --- phases, in order ----------------------------------------------------------------

    def open(self) -> None:
        """Check the folder, connect, and learn what the server holds for the desk."""
        make_private_dir(self.data_dir)
        check_folder(self.data_dir, self.desk_id)
        self._puller = DeskPuller(self.address, self.desk_id)
        self.totals = self._puller.totals()
        self.result.desk_name = self.totals.name
        staging = restoring_path(self.data_dir)
        self.result.resumed = staging.exists()
        self._target = RestoreTarget(staging)
        if not self.result.resumed:
            self._target.begin(self.desk_id)

    def pull(self, stream: str) -> None:
        """Pull ``stream`` page by page from its saved cursor until the server has no more."""
        assert self._target is not None and self._puller is not None and self.totals
        cursor = self._target.state(f"cursor.{stream}") or first_cursor(stream)
        pulled = int(self._target.state(f"pulled.{stream}") or 0)
        done = self._target.stored_rows()[stream]
        while True:
            page = self._puller.page(stream, cursor, self.page_size)
            if not page:
                break
            cursor = cursor_after(stream, page[-1])
            pulled += len(page)
            done += len(page)
            self._target.apply_page(stream, page, cursor, pulled)
            self.result.pulled[stream] += len(page)
            self.result.pages += 1
            self.on_progress(PullProgress(stream, done, max(done, self.totals.of(stream))))
            if len(page) < self.page_size:
                break

    def latest_audit(self, actions: tuple[str, ...]) -> AuditEntry | None:
        """The newest pulled entry of ``actions`` (the supervisor password's, say)."""
        assert self._target is not None
        return self._target.latest_audit(actions)

    def chain_is_keyed(self) -> bool:
        """Whether the pulled chain is signed with the desk's audit key (its ``audit.keyed``
        entry, or any signed entry)."""
        assert self._target is not None
        return self._target.latest_audit((KEYED_ACTION,)) is not None or self._target.has_signed()

    def discard(self) -> None:
        """Forget what was pulled (a refused password): nothing of the desk stays here."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(restoring_path(self.data_dir)) + suffix).unlink()

    def finish(self, key: AuditKey | None) -> RestoreResult:
        """Build the indexes, verify chain and records, append ``desk.restored`` (signed with
        ``key`` when there is one), and make the file the desk's database."""
        assert self._target is not None
        target = self._target
        if target.state("finished") is None:
            target.build_indexes()
            self._verify(target, key)
            self._set_aside_previous()
            target.audit_key = key
            counts = target.stored_rows()
            head = target.audit_head_seq()
            target.append_audit(
                "restore",
                RESTORED_ACTION,
                {
                    "from": self.address.location,
                    "records": counts["records"],
                    "versions": counts["versions"],
                    "exports": counts["exports"],
                    "restored_through_seq": head,
                    "chain": self.result.chain,
                },
            )
            target.set_state("finished", datetime.now().astimezone().isoformat())
        else:
            self._verify(target, key)
        counts = target.stored_rows()
        head_seq, head_hash = target.audit_head()
        target.checkpoint()
        self.close()
        self._put_in_place(Anchor(head_seq, head_hash, key.from_seq if key else 0))
        self.result.records = counts["records"]
        self.result.versions = counts["versions"]
        self.result.audit_entries = counts["audit"] - 1  # without the restore's own entry
        self.result.exports = counts["exports"]
        self.result.seconds = time.monotonic() - self._started
        return self.result

    def close(self) -> None:
        for closing in (self._target, self._puller):
            if closing is not None:
                closing.close()
        self._target = self._puller = None

    # --- helpers -------------------------------------------------------------------------

    def _verify(self, target: RestoreTarget, key: AuditKey | None) -> None:
        tally = SignatureTally()
        recorded = RecordedHashes()
        try:
            broken = verify_chain(recorded.watch(target.iter_audit()), key, links_only=tally)
        except UnreadableAuditEntryError as exc:
            broken = ChainBreak(exc.seq, "edited")
        if broken is not None:
            raise ChainBrokenError(
                f"The audit chain of desk {self.desk_id} on the central database is BROKEN: "
                f"{broken.describe()}. Nothing was made a desk of it (what was pulled stays in "
                f"{restoring_path(self.data_dir)}); court IT checks the server's copy "
                "(verify-log --scope court)."
            )
        self.result.signatures_unchecked = tally.unchecked
        if tally.unchecked:
            self.result.chain = "links_only"
        # Each version against the hash its audit entry recorded (verify-log's version check).
        # verify-log's row check is left out here: the rows were just made from these versions
        # by the same code, so it could find nothing; verify-log runs it on the restored desk.
        content = check_content(recorded, target.iter_version_hashes(), (), [0])
        if content.problem_count:
            raise ChainBrokenError(
                f"{content.problem_count} record versions of desk {self.desk_id} on the central "
                f"database do not match its audit chain (e.g. {content.problems[0].describe()}). "
                "Nothing was made a desk of them; court IT checks the server's copy."
            )

    def _set_aside_previous(self) -> None:
        """A database file with no records (the app was started here once) and its audit
        anchor are kept aside under a dated name: the restored chain replaces them."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for name in (DB_FILENAME, DB_FILENAME + "-wal", DB_FILENAME + "-shm", ANCHOR_FILENAME):
            path = self.data_dir / name
            if path.exists():
                os.replace(path, path.with_name(f"{name}.before-restore-{stamp}"))

    def _put_in_place(self, anchor: Anchor) -> None:
        """The verified file becomes the desk's database; the folder takes the desk's id."""
        final = self.data_dir / DB_FILENAME
        adopt_desk_id(self.data_dir, self.desk_id)
        write_anchor(self.data_dir, anchor)
        os.replace(restoring_path(self.data_dir), final)
