"""The court as one help desk on the clerk's screens (issue 21): desk B's intake shows the visit
prepared at desk A, with A's name, and says when the court cannot be reached; the 待回访 list
shows who is calling, claims before opening, and hands B's answer to A through the syncs."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.domain.record import AssistRecord, now_local
from hearing_helper.domain.visit import FollowUpResult
from hearing_helper.ui.visits.earlier_visits import EarlierVisitsPanel
from hearing_helper.ui.visits.follow_ups import FollowUpDialog, FollowUpsPanel
from tests.court_fixtures import (
    CASE,
    CLERK_A,
    CLERK_B,
    PHONE,
    CourtDeskUnderTest,
    court_desks,  # noqa: F401
    finish_prepared,
)
from tests.tcp_proxy import TcpProxy
from tests.ui_fixtures import OFFSCREEN_NOISE, english  # noqa: F401 - fixtures

pytestmark = OFFSCREEN_NOISE
Desks = tuple[CourtDeskUnderTest, CourtDeskUnderTest]


def _name_of(desk: CourtDeskUnderTest) -> str:
    return desk.name


def _listed(panel: FollowUpsPanel, count: int) -> bool:
    return panel.due_list.count() == count


class DeskWindow(QWidget):
    """Stands in for the main window: it knows the clerk at the desk."""

    def __init__(self, staff_id: str) -> None:
        super().__init__()
        self.staff_id = staff_id

    def actor(self) -> str:
        return self.staff_id


def test_intake_at_b_shows_the_visit_prepared_at_a_and_says_when_the_court_is_gone(
    qtbot: QtBot,
    english: None,  # noqa: F811
    court_desks: Desks,  # noqa: F811
    pg_proxy: TcpProxy,
) -> None:
    a, b = court_desks
    prepared = finish_prepared(a.desk, CLERK_A)
    own = finish_prepared(b.desk, CLERK_B, hearing_at=now_local() - timedelta(days=2))
    a.sync()
    b.sync()
    through_proxy = pg_proxy.url(b.url.rsplit("/", 1)[1], user="court_desk_b")
    panel = EarlierVisitsPanel(b.desk.repo, lambda: b.court(through_proxy))
    qtbot.addWidget(panel)
    record = AssistRecord(clerk=CLERK_B)
    record.intake.case_number = CASE
    panel.load(record)
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=15000)
    lines = [panel.list.item(row).text() for row in range(2)]
    from_a = next(line for line in lines if a.name in line)
    assert "王*国 139****5678" in from_a and PHONE not in from_a
    assert "Seen before at this court: 2" in panel.title.text()
    assert not panel.source_label.isVisible()
    ids = [v.record_id for v in panel.visits]
    panel.list.setCurrentRow(ids.index(prepared.id))
    assert not panel.carry_button.isEnabled()  # masked: nothing to carry over
    panel.list.setCurrentRow(ids.index(own.id))
    assert panel.carry_button.isEnabled()

    pg_proxy.close()  # the court's server is gone for desk B
    again = AssistRecord(clerk=CLERK_B)
    again.intake.phone = PHONE
    panel.load(again)
    qtbot.waitUntil(lambda: panel.source_label.isVisibleTo(panel), timeout=20000)
    assert "cannot be reached" in panel.source_label.text()
    assert "\u26a0" in panel.source_label.text()  # not colour alone
    assert [v.record_id for v in panel.visits] == [own.id]
    assert "Seen before: 1" in panel.title.text()


def test_the_follow_up_list_claims_and_hands_the_answer_to_the_preparing_desk(
    qtbot: QtBot,
    english: None,  # noqa: F811
    court_desks: Desks,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = court_desks
    record = finish_prepared(a.desk, CLERK_A)
    a.sync()
    b.sync()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    panels: dict[str, tuple[FollowUpsPanel, list[bool]]] = {}
    windows = []  # kept alive for the test
    for desk, clerk in ((a, CLERK_A), (b, CLERK_B)):
        window = DeskWindow(clerk.staff_id)
        qtbot.addWidget(window)
        windows.append(window)
        panel = FollowUpsPanel(desk.desk.repo, parent=window)
        synced: list[bool] = []
        panel.join_court(desk.court, partial(_name_of, desk), partial(synced.append, True))
        panel.refresh()
        qtbot.waitUntil(partial(_listed, panel, 1), timeout=15000)
        panels[desk.name] = (panel, synced)
    panel_a, _ = panels[a.name]
    panel_b, synced_b = panels[b.name]
    assert a.name in panel_b.due_list.item(0).text()  # prepared at A
    assert a.name not in panel_a.due_list.item(0).text()  # A's own

    panel_b.record_selected()  # claims, then opens the dialog with the number to call
    qtbot.waitUntil(lambda: panel_b.findChild(FollowUpDialog) is not None, timeout=15000)
    dialog = panel_b.findChild(FollowUpDialog)
    assert dialog is not None
    assert PHONE in [label.text() for label in dialog.findChildren(type(panel_b.due_title))]
    panel_a.refresh()
    qtbot.waitUntil(lambda: "Being called by B9" in panel_a.due_list.item(0).text(), timeout=15000)
    assert b.name in panel_a.due_list.item(0).text()
    panel_a.record_selected()  # A's clerk is told, no dialog
    qtbot.waitUntil(lambda: bool(told), timeout=15000)
    assert "Being called by B9" in told[0] and panel_a.findChild(FollowUpDialog) is None

    dialog.buttons[FollowUpResult.ON_TIME].click()
    dialog._try_accept()
    qtbot.waitUntil(lambda: bool(synced_b), timeout=15000)  # "Sync now" asked at once
    b.sync()
    a.sync()
    stored = a.desk.repo.get(record.id)
    assert stored.follow_up is not None and stored.follow_up.result is FollowUpResult.ON_TIME
    assert stored.follow_up.recorded_by == CLERK_B.staff_id
    panel_a.refresh()
    qtbot.waitUntil(lambda: panel_a.due_list.count() == 0, timeout=15000)
