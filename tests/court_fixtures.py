"""Two desks of one court with their own desk logins (issue 21): A prepares, B looks up."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hearing_helper.domain.enums import DeviceKind, RecordStatus, Role
from hearing_helper.domain.record import AssistRecord, ClerkProfile, now_local
from hearing_helper.domain.visit import (
    JoinChoice,
    JoinMode,
    PreparationOutcome,
    PreparationResult,
    VisitKind,
)
from hearing_helper.store.postgres.connection import ServerAddress
from hearing_helper.store.postgres.court_desk import CourtDesk
from hearing_helper.store.sync.desk import attach_answers
from hearing_helper.store.sync.sender import Sender
from tests.pg_cluster import PgCluster
from tests.sync_fixtures import Desk, open_desk
from tests.test_sync_roles import _login

CASE = "（2026）冀1126民初4321号"
PHONE = "13912345678"
CLERK_A = ClerkProfile("A7", "李静", "1号窗口", "河北省故城县人民法院")
CLERK_B = ClerkProfile("B9", "张伟", "2号窗口", "河北省故城县人民法院")


@dataclass
class CourtDeskUnderTest:
    """A desk (its SQLite file), its login on the central database and its name there."""

    desk: Desk
    url: str
    name: str

    def sender(self) -> Sender:
        sender = Sender(
            self.desk.outbox, ServerAddress.from_url(self.url), self.desk.desk_id, self.name
        )
        attach_answers(sender, self.desk.repo)
        return sender

    def sync(self) -> None:
        result = self.sender().push(force=True)
        assert result.ok, result.status

    def court(self, url: str | None = None) -> CourtDesk:
        return CourtDesk(ServerAddress.from_url(url or self.url), self.desk.desk_id)


@pytest.fixture
def court_desks(
    central: str, pg_cluster: PgCluster, tmp_path: Path
) -> Iterator[tuple[CourtDeskUnderTest, CourtDeskUnderTest]]:
    dbname = central.rsplit("/", 1)[1]
    opened = []
    for login, name in (("court_desk_a", "一号导诉台"), ("court_desk_b", "二号导诉台")):
        _login(pg_cluster, login, "hh_desk")
        desk = open_desk(tmp_path / login)
        # As AppServices.open does on a desk's first start (it keys the audit chain): even a
        # desk without records has something to send, so one sync makes it known by name.
        desk.repo.append_audit("system", "desk.started", {})
        opened.append(CourtDeskUnderTest(desk, pg_cluster.url(dbname, user=login), name))
    yield opened[0], opened[1]
    for under_test in opened:
        under_test.desk.close()


def prepared_record(
    clerk: ClerkProfile,
    *,
    hearing_at: datetime,
    case_number: str = CASE,
    phone: str = PHONE,
    name: str = "王建国",
) -> AssistRecord:
    """A preparation visit (ready, own phone) as the wizard leaves it before Finish."""
    started = min(now_local(), hearing_at) - timedelta(days=2)
    record = AssistRecord(clerk=clerk, status=RecordStatus.DRAFT, started_at=started,
                          updated_at=started, kind=VisitKind.PREPARATION)  # fmt: skip
    intake = record.intake
    intake.case_number = case_number
    intake.hearing_at = hearing_at
    intake.court = clerk.court
    intake.platform_id = "court_online"
    intake.litigant_name = name
    intake.role = Role.PLAINTIFF
    intake.phone = phone
    intake.device = DeviceKind.OWN_ANDROID
    intake.consent = True
    record.preparation = PreparationResult(PreparationOutcome.READY)
    record.join = JoinChoice(JoinMode.OWN_PHONE, ("phone_ready",), JoinMode.OWN_PHONE)
    record.ended_at = started + timedelta(minutes=20)
    return record


def finish_prepared(
    desk: Desk,
    clerk: ClerkProfile,
    *,
    hearing_at: datetime | None = None,
    case_number: str = CASE,
) -> AssistRecord:
    """A preparation visit finished on ``desk``; its hearing was five hours ago (due) unless
    ``hearing_at`` says otherwise."""
    if hearing_at is None:
        hearing_at = now_local() - timedelta(hours=5)
    record = prepared_record(clerk, hearing_at=hearing_at, case_number=case_number)
    return desk.repo.finish(record, clerk.staff_id)
