"""The court's limits on the clerk's 待回访 list (PostgreSQL migration 012): a claim the court
refuses for the desk's limit says so in the clerk's words, a dialog closed without a result
lets its claim go (so honest use never reaches the limit), and a list the court limits says
why only this desk's own follow-ups show."""

from __future__ import annotations

from functools import partial

import psycopg
import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hearing_helper.domain.record import AssistRecord
from hearing_helper.ui.visits.earlier_visits import EarlierVisitsPanel
from hearing_helper.ui.visits.follow_ups import FollowUpDialog, FollowUpsPanel
from tests.court_fixtures import (
    CASE,
    CLERK_A,
    CLERK_B,
    CourtDeskUnderTest,
    court_desks,  # noqa: F401
    finish_prepared,
)
from tests.test_court_claim_limits import prepared_and_reads_used
from tests.test_court_visits_rights import _owner
from tests.test_court_visits_ui import DeskWindow, _listed, _name_of
from tests.ui_fixtures import OFFSCREEN_NOISE, english  # noqa: F401 - fixtures

pytestmark = OFFSCREEN_NOISE
Desks = tuple[CourtDeskUnderTest, CourtDeskUnderTest]
WINDOWS: list[DeskWindow] = []


def _panel(qtbot: QtBot, desk: CourtDeskUnderTest, staff_id: str) -> FollowUpsPanel:
    window = DeskWindow(staff_id)
    qtbot.addWidget(window)
    WINDOWS.append(window)  # kept alive for the test
    panel = FollowUpsPanel(desk.desk.repo, parent=window)
    panel.join_court(desk.court, partial(_name_of, desk), lambda: None)
    return panel


def _claims_of(url: str, desk_id: str) -> int:
    with psycopg.connect(_owner(url)) as owner:
        row = owner.execute(
            "SELECT count(*) FROM follow_up_claims WHERE desk_id = %s AND expires_at > now()",
            (desk_id,),
        ).fetchone()
    return int(row[0]) if row else 0


def test_a_cancelled_dialog_lets_the_claim_go_and_a_refused_claim_says_why(
    qtbot: QtBot,
    english: None,  # noqa: F811
    court_desks: Desks,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = court_desks
    records = [
        finish_prepared(a.desk, CLERK_A, case_number=f"（2026）冀1126民初{7000 + n}号")
        for n in range(6)
    ]
    a.sync()
    b.sync()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    panel = _panel(qtbot, b, CLERK_B.staff_id)
    panel.refresh()
    qtbot.waitUntil(partial(_listed, panel, 6), timeout=15000)

    panel.record_selected()  # claimed: the dialog opens with the number to call
    qtbot.waitUntil(lambda: panel.findChild(FollowUpDialog) is not None, timeout=15000)
    assert _claims_of(b.url, b.desk.desk_id) == 1
    dialog = panel.findChild(FollowUpDialog)
    assert dialog is not None
    dialog.reject()  # no answer on the phone: closed without a result
    qtbot.waitUntil(lambda: _claims_of(b.url, b.desk.desk_id) == 0, timeout=15000)

    for record in records[1:]:  # as if five clerks' windows at B held claims
        assert b.court().claim(record.id, f"B{record.id[:4]}").granted
    dialog.deleteLater()
    panel.due_list.setCurrentRow(next(
        row for row in range(6) if panel.due[row].hearing.id == records[0].id
    ))  # fmt: skip
    panel.record_selected()
    qtbot.waitUntil(lambda: bool(warned), timeout=15000)
    assert "may hold 5 at once" in warned[0] and "allows no more" not in warned[0], warned


def test_a_limited_list_says_why_only_this_desks_follow_ups_show(
    qtbot: QtBot,
    english: None,  # noqa: F811
    court_desks: Desks,  # noqa: F811
) -> None:
    a, b = court_desks
    prepared_and_reads_used(a, b, "follow_ups", 240)
    panel = _panel(qtbot, b, CLERK_B.staff_id)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.source_label.isVisibleTo(panel), timeout=15000)
    text = panel.source_label.text()
    assert "limits how often" in text and "\u26a0" in text and "cannot be reached" not in text
    assert panel.due_list.count() == 0  # A's follow-up is not this desk's own


def test_intake_says_when_the_hourly_look_ups_are_used_up(
    qtbot: QtBot,
    english: None,  # noqa: F811
    court_desks: Desks,  # noqa: F811
) -> None:
    a, b = court_desks
    prepared_and_reads_used(a, b, "case", 600)
    panel = EarlierVisitsPanel(b.desk.repo, b.court)
    qtbot.addWidget(panel)
    record = AssistRecord(clerk=CLERK_B)
    record.intake.case_number = CASE
    panel.load(record)
    qtbot.waitUntil(lambda: bool(panel.source_label.text()), timeout=15000)
    assert panel.source_label.isVisibleTo(panel)
    text = panel.source_label.text()
    assert "as many litigants as the court allows" in text and "cannot be reached" not in text
