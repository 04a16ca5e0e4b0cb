"""The two storage adapters share what they do alike (issue 22, finding 5).

The record flows, the history search, exports and the audit chain are written once
(store/shared_repository.py); the row mapper, the history query builder, the visit queries and
the drill conditions once, with the adapter's dialect as a parameter (store/shared_*.py); the
period rule once (domain/report_filters.py). Each adapter keeps only what its database needs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hearing_helper.store.postgres.repository import PostgresRepository
from hearing_helper.store.shared_repository import SharedRepository
from hearing_helper.store.sqlite.repository import SqliteRepository

STORE = Path(__file__).resolve().parent.parent / "hearing_helper" / "store"
ADAPTERS = [STORE / "sqlite", STORE / "postgres"]

SHARED_FLOWS = (
    "get",
    "save_draft",
    "discard_draft",
    "finish",
    "correct",
    "versions",
    "search",
    "count",
    "record_export",
    "append_audit",
    "_append_audit",
    "_stored",
    "record_follow_up",
    "follow_ups",
    "prepared_hearings",
    "earlier_visits",
)

# Text that belongs to one shared rule or builder; an adapter holding it holds a copy.
SHARED_TEXT = {
    "the payload rule (finished: only in record_versions)": r"None if record\.is_finished else",
    "reading a record's current payload": r"COALESCE\(a\.payload",
    "the history text match": r"ESCAPE '\\\\'",
    "the history date range": r"date_to \+ timedelta\(days=1\)",
    "the not-superseded visit rule": r"NOT IN \(SELECT b\.previous_id",
    "the period rule": r"period_range\(",
    "the next audit entry": r"next_audit_entry\(",
    "the audited export": r"export_audit_details\(",
    "a drill by failing check": r"FROM check_results c WHERE c\.assist_id = a\.id",
}


@pytest.mark.parametrize("adapter", [SqliteRepository, PostgresRepository])
def test_each_repository_takes_the_shared_flows_and_defines_none_of_them(adapter: type) -> None:
    assert issubclass(adapter, SharedRepository)
    own = sorted(name for name in SHARED_FLOWS if name in vars(adapter))
    assert not own, f"{adapter.__name__} has its own copy of {own}"


def _copies(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for what, pattern in SHARED_TEXT.items():
            if re.search(pattern, text):
                found.append(f"{path.relative_to(folder.parent)}: {what}")
    return found


@pytest.mark.parametrize("folder", ADAPTERS, ids=lambda folder: folder.name)
def test_no_adapter_holds_a_copy_of_a_shared_rule(folder: Path) -> None:
    assert not _copies(folder)


def test_the_copy_search_finds_a_copy(tmp_path: Path) -> None:
    (tmp_path / "copy.py").write_text(
        "payload = None if record.is_finished else payload\nsql = \"x LIKE ? ESCAPE '\\\\'\"\n",
        encoding="utf-8",
    )
    found = [line.split(": ", 1)[1] for line in _copies(tmp_path)]
    assert found == [
        "the payload rule (finished: only in record_versions)",
        "the history text match",
    ]
