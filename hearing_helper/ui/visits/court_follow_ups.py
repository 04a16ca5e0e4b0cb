"""The court's side of the 待回访 list on a joined desk (issue 21): loading the court's due
follow-ups (this desk's own file when the court cannot be reached), the line's "prepared at"
and "being called by" marks, claiming a follow-up before the clerk calls, and saving the answer
(this desk's own record: a new version here; another desk's: kept and audited here, handed to
the court by the next sync). Every court call runs in a worker with the channel's timeout.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, Signal

from hearing_helper.domain.visit import FollowUp
from hearing_helper.store import StoreError
from hearing_helper.store.court_channel import (
    SCOPE_DESK,
    Claim,
    CourtChannel,
    CourtFollowUp,
    CourtLimitError,
    FollowUpsFound,
    find_follow_ups,
)
from hearing_helper.store.repository import AssistRepository, PreparedHearing
from hearing_helper.ui.background import Task, start_task

log = logging.getLogger(__name__)
CourtFactory = Callable[[], CourtChannel | None]
CLAIM_MARK = "\U0001f4de "  # a telephone: "being called", not colour alone
WARNING_MARK = "\u26a0 "


def claim_text(claim: Claim) -> str:
    """ "Being called by B9 at 二号导诉台 until 10:45"."""
    until = claim.expires_at.astimezone().strftime("%H:%M")
    where = claim.desk_name or claim.desk_id[:8]
    return (
        QCoreApplication.translate("CourtFollowUps", "Being called by %1 at %2 until %3")
        .replace("%1", claim.clerk)
        .replace("%2", where)
        .replace("%3", until)
    )


def court_marks(item: CourtFollowUp, own_desk_id: str) -> str:
    """What the line adds on a joined desk: the preparing desk (when not this one) and who is
    calling the litigant now."""
    parts = []
    if item.desk_id and item.desk_id != own_desk_id:
        where = item.desk_name or item.desk_id[:8]
        parts.append(
            QCoreApplication.translate("CourtFollowUps", "prepared at %1").replace("%1", where)
        )
    if item.claim is not None:
        parts.append(CLAIM_MARK + claim_text(item.claim))
    return " \u00b7 ".join(parts)


def claim_failure_text(message: str) -> str:
    """What the clerk reads when a claim fails: the court's limits in their words, anything
    else (a court that cannot be reached) as the channel said it."""
    if CourtLimitError.MARK not in message:
        return message
    return QCoreApplication.translate(
        "CourtFollowUps",
        "The court takes no more claims from this desk for now: a desk may hold 5 at once and "
        "look up 600 litigants an hour. Record the results of the follow-ups being called, or "
        "try again in a few minutes (a claim frees itself after 15 minutes).",
    )


def court_source_text(court_error: str) -> str:
    """The line above a list that shows this desk's own follow-ups only, and why (marked, not
    by colour alone)."""
    if CourtLimitError.MARK not in court_error:
        return WARNING_MARK + QCoreApplication.translate(
            "FollowUpsPanel",
            "The court's central database cannot be reached: this desk's own follow-ups.",
        )
    return WARNING_MARK + QCoreApplication.translate(
        "CourtFollowUps",
        "The court limits how often a desk reads its follow-ups, and this desk has reached the "
        "limit for this hour: this desk's own follow-ups, until the court's list comes back.",
    )


@dataclass
class Loaded:
    """One refresh: the due follow-ups (court or desk), the coming prepared hearings."""

    found: FollowUpsFound
    coming: list[PreparedHearing]
    own_desk_id: str = ""
    joined: bool = False


def load_follow_ups(
    repo: AssistRepository, make_court: CourtFactory, now: datetime, desk_name: str
) -> Loaded:
    """Runs in a worker: the court's list (or this desk's) and today's and tomorrow's."""
    start = now.replace(hour=0, minute=0, second=0)
    coming = repo.prepared_hearings(start, start + timedelta(days=2))
    try:
        court = make_court()
    except StoreError as exc:
        own = [CourtFollowUp(row, "", desk_name) for row in repo.follow_ups(now)]
        return Loaded(FollowUpsFound(SCOPE_DESK, str(exc), own), coming, joined=True)
    found = find_follow_ups(repo, court, now, desk_name)
    own_id = court.desk_id if court is not None else ""
    return Loaded(found, coming, own_id, joined=court is not None)


class CourtActions(QObject):
    """Claims and answers of the court's follow-ups, each in a worker. Results arrive as
    signals on the GUI thread."""

    claimed = Signal(object, object)  # CourtFollowUp, Claim (granted or held by another)
    claim_failed = Signal(object, str)  # CourtFollowUp, why (the court cannot be reached...)
    saved = Signal()
    save_failed = Signal(str)

    def __init__(
        self, repo: AssistRepository, make_court: CourtFactory, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.make_court = make_court
        self.request_sync: Callable[[], None] = lambda: None  # the window's "Sync now"
        self._tasks: list[Task] = []

    def _start(self, task: Task) -> None:
        self._tasks = [*self._tasks[-4:], start_task(task)]  # kept alive while they run

    def claim(self, item: CourtFollowUp, clerk: str) -> None:
        make_court = self.make_court

        def run(_task: Task) -> Claim:
            court = make_court()
            if court is None:
                raise StoreError(
                    QCoreApplication.translate(
                        "CourtFollowUps", "This desk is not joined to a court."
                    )
                )
            return court.claim(item.hearing.id, clerk)

        task = Task(run, expected_errors=(StoreError,))
        task.signals.finished.connect(lambda claim: self.claimed.emit(item, claim))
        task.signals.failed.connect(lambda message: self.claim_failed.emit(item, message))
        self._start(task)

    def release(self, item: CourtFollowUp) -> None:
        """Let go of a claim the clerk did not use (the dialog was closed without a result),
        so the desk does not hold it, nor count it against the court's limit, for 15 minutes."""
        make_court, record_id = self.make_court, item.hearing.id

        def run(_task: Task) -> None:
            court = make_court()
            if court is not None:
                court.release(record_id)

        task = Task(run, expected_errors=(StoreError,))
        task.signals.failed.connect(lambda message: log.info("Claim kept: %s", message))
        self._start(task)

    def save(self, item: CourtFollowUp, own_desk_id: str, follow_up: FollowUp, actor: str) -> None:
        """This desk's record: a new version here (the claim is let go). Another desk's: kept
        and audited here, then handed to the court by a sync started at once."""
        repo, make_court = self.repo, self.make_court
        own = not item.desk_id or item.desk_id == own_desk_id
        record_id = item.hearing.id

        def run(_task: Task) -> bool:
            if own:
                repo.record_follow_up(record_id, follow_up, actor)
                try:
                    court = make_court()
                    if court is not None:
                        court.release(record_id)
                except StoreError as exc:  # the claim expires by itself
                    log.info("Claim of %s not released: %s", record_id, exc)
                return False
            queue = getattr(repo, "queue_court_answer", None)
            if queue is None:
                raise StoreError(
                    QCoreApplication.translate(
                        "CourtFollowUps", "This desk's database cannot keep answers for the court."
                    )
                )
            queue(record_id, item.desk_id, follow_up, actor)
            return True

        task = Task(run, expected_errors=(StoreError,))
        task.signals.finished.connect(self._saved)
        task.signals.failed.connect(self.save_failed.emit)
        self._start(task)

    def _saved(self, for_court: bool) -> None:
        if for_court:
            self.request_sync()
        self.saved.emit()
