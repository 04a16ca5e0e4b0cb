"""Visits (issue 13) on every storage backend: the follow-up list and recording a follow-up,
the coming days' prepared hearings, a returning litigant's earlier visits, the litigant's own
rating under correction."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from hearing_helper.domain.visit import FollowUp, FollowUpResult, RatingSource, VisitKind
from hearing_helper.store import Store
from hearing_helper.store.errors import RecordNotFoundError, RecordRuleError
from tests.visits_scenario import NOW, scenario_records


def _ids(numbers: list[int]) -> list[str]:
    return [f"00000000-0000-4000-8000-{n:012d}" for n in numbers]


@pytest.fixture
def visits_store(store_backend: Store) -> Store:
    store_backend.repository.import_finished(scenario_records(), "test")
    return store_backend


def test_the_follow_up_list_holds_due_and_overdue_unsuperseded_preparation_visits(
    visits_store: Store,
) -> None:
    repo = visits_store.repository
    due = repo.follow_ups(NOW)
    # D's hearing (overdue) first, then C's (due); B's first visit is followed up at B's return
    # visit, A and B's return visit are followed up already, E and F are hearing-day records.
    assert [row.id for row in due] == _ids([6, 5])
    assert due[1].litigant_name == "王建国" and due[1].chosen_mode == "own_phone"
    assert repo.follow_ups(NOW - timedelta(hours=3)) == due[:1]  # C's was not due yet
    # The same instant in another time zone (a desk PC set to UTC) gives the same list.
    assert repo.follow_ups(NOW.astimezone(UTC)) == due
    assert repo.follow_ups((NOW - timedelta(hours=3)).astimezone(UTC)) == due[:1]


def test_recording_a_follow_up_makes_an_audited_version_and_leaves_the_list(
    visits_store: Store,
) -> None:
    repo = visits_store.repository
    c_id = _ids([5])[0]
    follow_up = FollowUp(FollowUpResult.JOINED_LATE, NOW, "S2", cause="hearing.forgot_how")
    stored = repo.record_follow_up(c_id, follow_up, "S2")
    assert stored.version == 2 and stored.follow_up == follow_up
    assert repo.get(c_id).follow_up == follow_up
    assert [row.id for row in repo.follow_ups(NOW)] == _ids([6])
    versions = repo.versions(c_id)
    assert [v.version for v in versions] == [1, 2]
    assert versions[1].reason == "follow-up: joined_late" and versions[1].created_by == "S2"
    last = list(repo.iter_audit())[-1]
    assert last.action == "record.followed_up" and last.details["result"] == "joined_late"
    with pytest.raises(RecordRuleError, match="already recorded"):
        repo.record_follow_up(c_id, follow_up, "S2")


def test_a_follow_up_needs_a_finished_preparation_visit_and_its_reason(
    visits_store: Store,
) -> None:
    repo = visits_store.repository
    audit_before = len(list(repo.iter_audit()))
    on_time = FollowUp(FollowUpResult.ON_TIME, NOW, "S2")
    with pytest.raises(RecordRuleError, match="preparation visit"):
        repo.record_follow_up(_ids([7])[0], on_time, "S2")  # a hearing-day record
    with pytest.raises(RecordNotFoundError):
        repo.record_follow_up("00000000-0000-4000-8000-999999999999", on_time, "S2")
    late = FollowUp(FollowUpResult.JOINED_LATE, NOW, "S2")
    with pytest.raises(RecordRuleError, match="joined late"):
        repo.record_follow_up(_ids([5])[0], late, "S2")
    assert repo.get(_ids([5])[0]).version == 1
    assert len(list(repo.iter_audit())) == audit_before


def test_prepared_hearings_of_the_coming_days(visits_store: Store) -> None:
    repo = visits_store.repository
    c_hearing = NOW - timedelta(hours=5)
    start = c_hearing.replace(hour=0, minute=0)
    found = repo.prepared_hearings(start, start + timedelta(days=2))
    assert [row.id for row in found] == _ids([5])
    utc_start = start.astimezone(UTC)
    assert repo.prepared_hearings(utc_start, utc_start + timedelta(days=2)) == found
    assert found[0].hearing_at == c_hearing.isoformat()
    # B's hearing: only the return visit (the first one was handed on to it).
    b_day = found_b = repo.prepared_hearings(
        NOW.replace(day=20, hour=0), NOW.replace(day=21, hour=0)
    )
    assert [row.id for row in b_day] == _ids([4]) and found_b[0].prep_outcome == "ready"


def test_earlier_visits_by_case_number_or_phone_newest_first(visits_store: Store) -> None:
    repo = visits_store.repository
    by_case = repo.earlier_visits("(2026)冀1126民初3号", "")
    assert [v.record_id for v in by_case] == _ids([4, 3])  # B's return visit, then the first
    assert by_case[1].kind is VisitKind.PREPARATION and by_case[1].outcome == "another_visit"
    by_phone = repo.earlier_visits("", "138 0000 0001")
    assert [v.record_id for v in by_phone] == _ids([2, 1])
    assert by_phone[1].join_mode == "desk_pc"
    assert repo.earlier_visits("（2026）冀11", "1380000") == []


def test_the_litigants_rating_can_only_be_withdrawn_by_a_correction(
    visits_store: Store,
) -> None:
    repo = visits_store.repository
    a_id = _ids([1])[0]
    changed = repo.get(a_id)
    changed.satisfaction = 3
    with pytest.raises(RecordRuleError, match="not asked"):
        repo.correct(changed, "S2", "litigant changed their mind")
    restaffed = repo.get(a_id)
    restaffed.rating_source = RatingSource.STAFF
    with pytest.raises(RecordRuleError):
        repo.correct(restaffed, "S2", "typed by staff")
    assert repo.get(a_id).version == 1
    withdrawn = repo.get(a_id)
    withdrawn.satisfaction = None
    withdrawn.rating_source = RatingSource.NOT_ASKED
    stored = repo.correct(withdrawn, "S2", "the litigant pressed a key by accident")
    assert stored.version == 2 and repo.get(a_id).rating_given_by is RatingSource.NOT_ASKED
    invented = repo.get(_ids([8])[0])  # F was not asked
    invented.satisfaction, invented.rating_source = 5, RatingSource.LITIGANT
    with pytest.raises(RecordRuleError, match="litigant screen"):
        repo.correct(invented, "S2", "forgot to ask")


def test_history_filters_by_kind_and_shows_it(visits_store: Store) -> None:
    from hearing_helper.store import HistoryQuery

    repo = visits_store.repository
    prepared = repo.search(
        HistoryQuery(kind="preparation", sort_by="case_number", descending=False)
    )
    assert [s.id for s in prepared] == _ids([1, 3, 4, 5, 6])
    assert {s.kind for s in prepared} == {"preparation"}
    assert prepared[1].prep_outcome == "another_visit" and prepared[1].outcome is None
    assert repo.count(HistoryQuery(kind="hearing_day")) == 3
    assert repo.count(HistoryQuery()) == 8


def test_visit_figures_and_export_columns_match_the_hand_count(visits_store: Store) -> None:
    from hearing_helper.domain.report_filters import ReportFilters
    from hearing_helper.reports.aggregate import build_report
    from hearing_helper.store.report_source import EXPORT_FIELDS
    from tests.visits_scenario import EXPECTED, PERIOD

    filters = ReportFilters(PERIOD[0], PERIOD[1])
    figures = build_report(visits_store.reports, filters, now=NOW).visits
    assert figures["preparation"] == EXPECTED["preparation"]
    assert figures["funnel"] == EXPECTED["funnel"]
    assert figures["hearing_day"] == EXPECTED["hearing_day"]
    assert figures["repeat_visits"] == EXPECTED["repeat_visits"]
    assert figures["follow_ups"] == EXPECTED["follow_ups"]
    assert figures["rating"]["litigant"] == 2 and figures["rating"]["staff"] == 1
    in_utc = build_report(visits_store.reports, filters, now=NOW.astimezone(UTC)).visits
    assert in_utc == figures
    exported = {
        row[0]: dict(zip(EXPORT_FIELDS, row, strict=True))
        for row in visits_store.reports.export_rows(filters)
    }
    a = exported[_ids([1])[0]]
    assert (
        a["kind"],
        a["prep_outcome"],
        a["chosen_mode"],
        a["follow_up_result"],
        a["rating_source"],
    ) == ("preparation", "ready", "desk_pc", "on_time", "litigant")


def test_the_visit_figures_drill_down_to_their_records(visits_store: Store) -> None:
    from hearing_helper.domain.report_filters import Drill, ReportFilters
    from tests.visits_scenario import PERIOD

    filters = ReportFilters(PERIOD[0], PERIOD[1])

    def ids(*key: str) -> list[str]:
        total, rows = visits_store.reports.drill(filters, Drill("visit", key), 50)
        assert total == len(rows)
        return [row[0] for row in rows]

    assert sorted(ids("funnel", "prepared", "")) == _ids([1, 4, 5])
    assert sorted(ids("funnel", "followed_up", "")) == _ids([1, 4])
    assert sorted(ids("funnel", "went_ahead", "")) == _ids([1, 4])
    assert ids("funnel", "on_time", "") == _ids([1])
    assert sorted(ids("funnel", "prepared", "own_phone")) == _ids([4, 5])
    assert ids("preparation", "another_visit") == _ids([3])
    with pytest.raises(ValueError):
        ids("funnel", "prepared", "bus")
