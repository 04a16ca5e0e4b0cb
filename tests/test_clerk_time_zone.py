"""One rule for times (issue 17, item 13): stored as ISO 8601 with their UTC offset, shown in
this PC's time zone -- by the window and by the command line alike, also on a PC that is not
set to UTC+8 (TZ set to New York here)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from pytestqt.qtbot import QtBot

from hearing_helper.domain.enums import RecordStatus
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.visit import JoinMode, PreparationOutcome, PreparationResult, VisitKind
from hearing_helper.services import AppServices
from tests.clerk_fixtures import intake_done
from tests.ui_fixtures import CLERK, OFFSCREEN_NOISE, finished_record, services  # noqa: F401

pytestmark = OFFSCREEN_NOISE
BEIJING = timezone(timedelta(hours=8))


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _prepared_two_days_ago() -> tuple[AssistRecord, datetime]:
    hearing = (datetime.now(BEIJING) - timedelta(days=2)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    record = intake_done(VisitKind.PREPARATION)
    record.started_at = hearing - timedelta(days=3)
    record.intake.hearing_at = hearing  # entered on a desk in UTC+8
    record.preparation = PreparationResult(PreparationOutcome.READY)
    record.join.recommended = record.join.chosen = JoinMode.OWN_PHONE
    record.ended_at = record.started_at + timedelta(minutes=20)
    record.status = RecordStatus.FINISHED
    return record, hearing


def test_local_text_shows_an_instant_in_this_pcs_zone(new_york: None) -> None:
    from hearing_helper.domain.local_time import local_text

    moment = datetime(2026, 12, 7, 9, 30, tzinfo=BEIJING)  # 01:30 UTC, 20:30 the day before
    assert local_text(moment) == "2026-12-06 20:30"
    assert local_text(moment.isoformat()) == "2026-12-06 20:30"
    assert local_text(None) == "" and local_text("") == ""


def test_window_and_followups_command_show_the_same_time(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    new_york: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from hearing_helper import cli
    from hearing_helper.ui.visits.follow_ups import FollowUpsPanel

    record, hearing = _prepared_two_days_ago()
    services.repo.import_finished([record], "test")
    shown = hearing.astimezone().strftime("%H:%M")  # 20:30 in New York
    assert shown != "09:30"

    panel = FollowUpsPanel(services.repo)
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.due_list.count() == 1, timeout=5000)
    assert shown in panel.due_list.item(0).text()

    assert cli.main(["--data-dir", str(services.data_dir), "followups"]) == 0
    printed = capsys.readouterr().out
    assert shown in printed and "09:30" not in printed, printed


def test_history_shows_this_pcs_time(qtbot: QtBot, services: AppServices, new_york: None) -> None:  # noqa: F811
    from hearing_helper.ui.shell.history_model import short_time

    started = datetime(2026, 11, 27, 10, 0, tzinfo=BEIJING)
    assert short_time(started.isoformat()) == "2026-11-26 21:00"
