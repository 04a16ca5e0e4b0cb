"""The CSV export's SQL path (issue 23) against the writer it replaces, byte for byte.

The fast path builds each CSV line in SQL where the rules provably leave a cell as it is (or
change it in a way SQL can say exactly: a stored mobile's middle digits, a name's middle
characters, a label) and hands every other row to today's Python converter and ``csv`` writer.
Hypothesis fills the records with hostile cells -- formula triggers and their hidden, full-width
and folded forms, every masking spelling, damaged cells of the wrong type, Chinese text, control
characters, quotes, commas and line breaks, empty and missing values -- and the file must be the
one the old writer (``write_csv`` over ``iter_rows``) writes, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.csv_export import csv_plan, write_csv_export
from hearing_helper.reports.labels import CONTEXT, LABELS_CONTEXT
from hearing_helper.reports.rows import header, iter_rows
from hearing_helper.reports.writers import write_csv
from hearing_helper.store import open_store
from hearing_helper.store.backend import Store
from tests.reports_fixtures import make_record, seeded_services, sqlite_repo

PERIOD = ReportFilters(date(2026, 3, 1), date(2026, 4, 30))
ROWS = 8

FRAGMENTS = [
    "=", "+", "-", "@", "\t", "\r", "\n", "\r\n", ",", '"', "'", " ", "\u3000", "\xa0",
    "\ufeff", "\u200b", "\u2060", "＝", "＋", "－", "＠", "﹦", "−", "⁺", "₌", "﬩",
    "⁼", "₊", "⩵", "⩶", "⁺1+2", "⁼SUM(A1)", "₊HYPERLINK(1)", "﬩1", "⩵1",
    "\x01", "\x08", "\x0b", "\x1f", "\x7f", "\x85", "\u2028",
    "王", "小明", "欧阳娜娜", "（2026）京0105民初1234号", "法院", "é", "😀", "a", "Z",
    "0", "7", "13812345678", "１３８１２３４５６７８", "010-12345678", "0755 1234 5678",
    "110101199003077777", "11010119900307777X", "2026-03-04", "x", "X", "ｘ", "‐", "－", "　",
    "joined", "plaintiff", "tencent_meeting", "nan", "inf", "1e5",
]  # fmt: skip
# How a formula hides: behind whitespace, a BOM, a zero-width or folded character.
PREFIXES = [
    "", "", " =", "\u3000＋", "\ufeff@", "\u200b-", "\n=", "\xa0\t", "⁺", "₌1", "﬩", " ",
    "\u2028@", "\r", "\t", "'", "1", "王", "⁼", "₊1", "⩵", "⩶x", "\u3000⁼", "\ufeff₊",
]  # fmt: skip
hostile_text = st.one_of(
    st.tuples(
        st.sampled_from(PREFIXES), st.lists(st.sampled_from(FRAGMENTS), max_size=6).map("".join)
    ).map("".join),
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=12),
)
datetimes = st.one_of(
    st.sampled_from(
        [
            "2026-03-04T09:12:33+08:00",
            "2026-03-04T23:59:59",
            "2026-02-30T10:00:00+08:00",
            "2024-02-29T10:00:00",
            "2026-02-29T10:00:00",
            "2026-04-31T10:00:00",
            "2026-13-01T10:00:00",
            "0000-01-01T00:00:00",
            "2026-03-04T24:00:00",
            "2026-03-04T09:60:00",
            "2026-03-04 09:12:33",
            "2026-03-04T09:12",
            "２０２６-03-04T09:12:33",
            "2026-03-04T09:12:33=1",
        ]
    ),
    hostile_text,
)
mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
phones = st.one_of(mobiles, st.sampled_from(["010-12345678", " 13812345678 ", ""]), hostile_text)


def row_values(damaged: bool) -> st.SearchStrategy[dict[str, Any]]:
    """One record's exported columns; ``damaged``: values of the wrong type too (SQLite keeps
    what it is given; PostgreSQL's typed columns refuse them)."""
    text = st.one_of(hostile_text, st.binary(max_size=4)) if damaged else hostile_text
    number = st.integers(-(2**31), 2**31 - 1)
    odd = st.one_of(hostile_text, st.floats(allow_nan=False), st.binary(max_size=4))
    ints = st.one_of(number, odd) if damaged else number

    def nullable(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(strategy, st.none())

    def coded(*values: str) -> st.SearchStrategy[Any]:
        return nullable(st.one_of(st.sampled_from(values), text))

    every = st.fixed_dictionaries(
        {
            "case_number": text,
            "court": text,
            "desk": text,
            "staff_id": text,
            "clerk_name": text,
            "litigant_name": text,
            "phone": st.one_of(phones, text),
            "role": coded("plaintiff", "defendant", "agent"),
            "platform_id": coded("tencent_meeting", "court_online", "x"),
            "device": coded("own_android", "own_iphone"),
            "hearing_at": nullable(st.one_of(datetimes, text)),
            "ended_at": nullable(st.one_of(datetimes, text)),
            "duration_s": nullable(st.one_of(ints, st.integers(-100, 10**9))),
            "outcome": coded("joined", "not_joined", "rescheduled"),
            "outcome_reason": coded("app_install", "no_device"),
            # SQLite checks 1-5 (a text is never between two numbers; a REAL can be)
            "satisfaction": nullable(
                st.one_of(st.integers(1, 5), st.floats(1, 5)) if damaged else st.integers(1, 5)
            ),
            "version": ints,
            "prep_outcome": coded("ready", "needs_help"),
            "chosen_mode": coded("own_device", "court_room"),
            "follow_up_result": coded("joined", "not_reached"),
            "failure_cause": coded("app_install", "mic.silent"),
            "previous_id": nullable(text),
        }
    )
    # A few hostile cells in an otherwise ordinary record: a row is built in SQL only when
    # every cell is plain, so a record of 26 hostile cells would never test the SQL path.
    return st.tuples(every, st.sets(st.sampled_from(HOSTILE_COLUMNS), max_size=3)).map(
        lambda drawn: {name: drawn[0][name] for name in sorted(drawn[1])}
    )


HOSTILE_COLUMNS = [
    "case_number", "court", "desk", "staff_id", "clerk_name", "litigant_name", "phone", "role",
    "platform_id", "device", "hearing_at", "ended_at", "duration_s", "outcome", "outcome_reason",
    "satisfaction", "version", "prep_outcome", "chosen_mode", "follow_up_result",
    "failure_cause", "previous_id",
]  # fmt: skip


def translator(context: str, text: str) -> str:
    """Hostile translations: labels with commas and quotes, a formula, Chinese, or none."""
    if context == LABELS_CONTEXT and text.startswith("J"):
        return f'加入,"{text}"'
    if text.startswith("N"):
        return "=" + text
    if text.startswith("R"):
        return ""  # an empty translation falls back to the code
    return "中文" + text if context == CONTEXT else text


PLATFORMS = {"tencent_meeting": "腾讯会议", "court_online": "=HYPERLINK(1)", "x": ""}
OPTIONS = st.fixed_dictionaries(
    {
        "unmask": st.booleans(),
        "translate": st.sampled_from([None, translator]),
        "platform_names": st.sampled_from([None, PLATFORMS]),
    }
)


def both_files(store: Store, tmp: Path, options: dict[str, Any]) -> tuple[bytes, bytes]:
    kwargs = {k: v for k, v in options.items() if v is not None}
    old, new = tmp / "old.csv", tmp / "new.csv"
    translate = kwargs.get("translate")
    heading = header(translate) if translate else header()
    old_rows = write_csv(old, heading, iter_rows(store.reports, PERIOD, **kwargs), lambda n: None)
    new_rows = write_csv_export(new, store.reports, PERIOD, tick=lambda n: None, **kwargs)
    assert new_rows == old_rows == ROWS
    return old.read_bytes(), new.read_bytes()


# --- SQLite ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    data_dir = tmp_path_factory.mktemp("csv-sqlite")
    services = seeded_services(data_dir, _ordinary_records())
    yield services.store, sqlite_repo(services).path
    services.close()


def _put_sqlite(path: Path, rows: list[dict[str, Any]]) -> None:
    """The ordinary records with ``rows``' hostile cells (the ordinary ones restored first)."""
    conn = sqlite3.connect(path)
    columns = ", ".join(HOSTILE_COLUMNS)
    if ORDINARY_SQLITE.get(path) is None:
        ORDINARY_SQLITE[path] = conn.execute(
            f"SELECT id, {columns} FROM assists ORDER BY started_at"
        ).fetchall()
    with conn:
        for (record_id, *ordinary), hostile in zip(ORDINARY_SQLITE[path], rows, strict=True):
            values = {**dict(zip(HOSTILE_COLUMNS, ordinary, strict=True)), **hostile}
            assignments = ", ".join(f"{name} = ?" for name in values)
            conn.execute(
                f"UPDATE assists SET {assignments} WHERE id = ?", [*values.values(), record_id]
            )
    conn.close()


ORDINARY_SQLITE: dict[Path, list[Any]] = {}


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(row_values(damaged=True), min_size=ROWS, max_size=ROWS), options=OPTIONS)
def test_sqlite_csv_is_byte_identical_to_the_old_writer(
    sqlite_store: tuple[Store, Path], tmp_path: Path, rows: list[dict[str, Any]], options: Any
) -> None:
    store, path = sqlite_store
    _put_sqlite(path, rows)
    old, new = both_files(store, tmp_path, options)
    assert new == old


def test_sqlite_plain_rows_take_the_sql_path(data_dir: Path) -> None:
    """Ordinary records are written from SQL, not handed to Python one by one (a fast path
    that never runs would pass the identity test too)."""
    services = seeded_services(data_dir, _ordinary_records())
    try:
        handed: list[Any] = []

        def python_line(raw: Any) -> str:
            handed.append(raw)
            return ""

        blocks = services.reports.export_csv(PERIOD, csv_plan(), python_line)
        assert sum(rows for _block, rows in blocks) == ROWS
        assert handed == []
    finally:
        services.close()


def _ordinary_records() -> list[Any]:
    return [
        make_record(f"2026-03-{day + 1:02d}T09:00:00", 600, Outcome.JOINED, satisfaction=4)
        for day in range(ROWS)
    ]


# --- PostgreSQL --------------------------------------------------------------------------------

PG_COLUMNS = (
    "id, desk_id, version, status, staff_id, clerk_name, desk, court, case_number, "
    "litigant_name, phone, role, platform_id, device, hearing_at, started_at, ended_at, "
    "duration_s, outcome, outcome_reason, satisfaction, updated_at, prep_outcome, chosen_mode, "
    "follow_up_result, failure_cause, previous_id, rating_source, kind"
)
NOT_NULL = {"staff_id", "clerk_name", "desk", "court", "case_number", "litigant_name", "phone"}


def _put_postgres(url: str, rows: list[dict[str, Any]]) -> None:
    with psycopg.connect(url) as conn:
        conn.execute("DELETE FROM assists")
        for index, values in enumerate(rows):
            clean = {k: ("" if v is None and k in NOT_NULL else v) for k, v in values.items()}
            day = f"2026-03-{index + 1:02d}"
            record = {
                "id": f"r{index}",
                "desk_id": "d1",
                "version": index + 1,
                "status": "finished",
                "staff_id": "S1",
                "clerk_name": "李静",
                "desk": "1号窗口",
                "court": "朝阳法院",
                "case_number": "（2026）京0105民初1234号",
                "litigant_name": "王小明",
                "phone": "13812345678",
                "role": "plaintiff",
                "platform_id": "tencent_meeting",
                "device": "own_android",
                "hearing_at": f"{day}T10:00:00+08:00",
                "started_at": f"{day}T09:00:00+08:00",
                "ended_at": f"{day}T09:10:00+08:00",
                "duration_s": 600 + index * 7,
                "outcome": "joined",
                "outcome_reason": None,
                "satisfaction": 4,
                "updated_at": f"{day}T09:10:00+08:00",
                "prep_outcome": None,
                "chosen_mode": None,
                "follow_up_result": None,
                "failure_cause": None,
                "previous_id": None,
                "rating_source": "staff",
                "kind": "hearing_day",
                **clean,
            }
            names = [name.strip() for name in PG_COLUMNS.split(",")]
            conn.execute(
                f"INSERT INTO assists ({PG_COLUMNS}) VALUES ({', '.join(['%s'] * len(names))})",
                [record[name] for name in names],
            )


@pytest.fixture
def pg_store(pg_url: str, tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "desk", pg_url)
    yield store
    store.close()


@settings(
    max_examples=int(os.environ.get("HH_PG_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(row_values(damaged=False), min_size=ROWS, max_size=ROWS), options=OPTIONS)
def test_postgres_csv_is_byte_identical_to_the_old_writer(
    pg_store: Store, pg_url: str, tmp_path: Path, rows: list[dict[str, Any]], options: Any
) -> None:
    _put_postgres(pg_url, rows)
    old, new = both_files(pg_store, tmp_path, options)
    assert new == old


# --- every hostile value in every column, deterministically -------------------------------------

CORPUS = sorted(
    {*PREFIXES, *FRAGMENTS, *(p + "a,b" for p in PREFIXES), 'say "hi"', "line\nbreak"}
    | {"2026-03-04T09:12:33+08:00", "2026-02-30T10:00:00", "0000-01-01T00:00:00"}
)


def corpus_batches(columns: list[str], extra: list[str] = []) -> list[list[dict[str, Any]]]:  # noqa: B006
    """Every corpus value in every column, one hostile cell per record, ROWS records a batch."""
    cells = [{column: value} for column in columns for value in [*CORPUS, *extra]]
    return [
        (cells[start : start + ROWS] + [{}] * ROWS)[:ROWS] for start in range(0, len(cells), ROWS)
    ]


TEXT_COLUMNS = [c for c in HOSTILE_COLUMNS if c not in ("duration_s", "satisfaction", "version")]


@pytest.mark.parametrize("unmask", [False, True])
def test_sqlite_corpus_in_every_column(
    sqlite_store: tuple[Store, Path], tmp_path: Path, unmask: bool
) -> None:
    store, path = sqlite_store
    options = {"unmask": unmask, "translate": translator, "platform_names": PLATFORMS}
    # SQLite's text can hold a NUL (PostgreSQL's cannot): GLOB and length() stop at it.
    nul = ["nul\x00inside", "\x00=after", "13812345678\x00", "2026-03-04T09:12:33\x00"]
    for batch in corpus_batches(TEXT_COLUMNS, extra=nul):
        _put_sqlite(path, batch)
        old, new = both_files(store, tmp_path, options)
        assert new == old, batch


@pytest.mark.parametrize("unmask", [False, True])
def test_postgres_corpus_in_every_column(
    pg_store: Store, pg_url: str, tmp_path: Path, unmask: bool
) -> None:
    options = {"unmask": unmask, "translate": translator, "platform_names": PLATFORMS}
    for batch in corpus_batches(TEXT_COLUMNS):
        _put_postgres(pg_url, batch)
        old, new = both_files(pg_store, tmp_path, options)
        assert new == old, batch


def test_the_plans_character_tables_are_this_pythons() -> None:
    """The hard-coded tables (computing them costs a scan of Unicode per export) are what this
    Python's Unicode data says; an upgrade that changes them fails here, not in a file."""
    import sys
    import unicodedata

    from hearing_helper.reports import csv_export
    from hearing_helper.reports.cells import FORMULA_TRIGGERS

    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    assert "".join(c for c in chars if c.isspace()) == csv_export.WHITESPACE
    folded = "".join(c for c in chars if unicodedata.normalize("NFKC", c) in FORMULA_TRIGGERS)
    assert folded == csv_export.FOLDED_TRIGGERS


def test_postgres_rows_left_to_python_are_read_as_the_old_writer_reads_them(
    pg_store: Store, pg_url: str, tmp_path: Path
) -> None:
    """A landline sends its row to Python; its duration must come as the float the old
    writer got, not the numeric the lines spell (found by the property test)."""
    _put_postgres(pg_url, [{"phone": "010-12345678", "duration_s": -64087}] + [{}] * (ROWS - 1))
    old, new = both_files(pg_store, tmp_path, {"unmask": False})
    assert new == old
