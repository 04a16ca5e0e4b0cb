"""What only the PostgreSQL adapter has: server schema, desk ids, keyring password, cursors.

(Behaviour shared with SQLite is in the contract suite, run on both.)
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import keyring
import psycopg
import pytest
from keyring.backends import null

from hearing_helper import secrets
from hearing_helper.demo import generate_records
from hearing_helper.desk_identity import desk_id
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.store import (
    HistoryQuery,
    NewerDatabaseError,
    StoreUnavailableError,
    open_store,
)
from hearing_helper.store.audit import verify_chain
from hearing_helper.store.postgres import PostgresRepository, ServerAddress
from hearing_helper.store.postgres.connection import password_key
from hearing_helper.store.postgres.schema import MIGRATIONS, SCHEMA_VERSION
from tests.pg_cluster import PgCluster, free_port
from tests.reports_keyring import FileKeyring

YEAR = ReportFilters(date_from=date(2025, 11, 1), date_to=date(2026, 11, 30))


def _tables(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1"
            )
        ]


def test_schema_is_created_once_and_reopened(pg_url: str, data_dir: Path) -> None:
    store = open_store(data_dir, pg_url)
    assert store.repository.schema_version == SCHEMA_VERSION
    store.close()
    store = open_store(data_dir, pg_url)
    with psycopg.connect(pg_url) as conn:
        applied = conn.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
    assert [number for (number,) in applied] == [number for number, _ in MIGRATIONS]
    store.close()


def test_newer_schema_is_refused_and_left_untouched(pg_url: str, data_dir: Path) -> None:
    open_store(data_dir, pg_url).close()
    with psycopg.connect(pg_url) as conn:
        conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", [SCHEMA_VERSION + 7])
    before = _tables(pg_url)
    with pytest.raises(NewerDatabaseError) as info:
        open_store(data_dir, pg_url)
    assert f"schema {SCHEMA_VERSION + 7}" in str(info.value)
    assert "postgresql://postgres@127.0.0.1" in str(info.value)
    assert _tables(pg_url) == before


def test_unreachable_server_is_a_clear_store_error(data_dir: Path) -> None:
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/court"
    with pytest.raises(StoreUnavailableError) as info:
        open_store(data_dir, url)
    message = str(info.value)
    assert "127.0.0.1" in message and "server is running and reachable" in message


def test_every_row_carries_the_desk_id_and_each_desk_has_its_own_chain(
    pg_url: str, tmp_path: Path
) -> None:
    desks = [tmp_path / "desk-a", tmp_path / "desk-b"]
    stores = [open_store(path, pg_url) for path in desks]
    try:
        stores[0].repository.import_finished(generate_records(30, seed=1), "demo")
        stores[1].repository.import_finished(generate_records(20, seed=2), "demo")
        for store in stores:
            store.repository.append_audit("it", "settings.changed", {"key": "language"})
        chains = [list(store.repository.iter_audit()) for store in stores]
    finally:
        for store in stores:
            store.close()
    assert [[entry.seq for entry in chain] for chain in chains] == [[1, 2], [1, 2]]
    assert all(verify_chain(chain) is None for chain in chains)
    ids = {desk_id(path) for path in desks}
    with psycopg.connect(pg_url) as conn:
        for table in ("assists", "assist_steps", "record_versions", "audit_log"):
            found = {row[0] for row in conn.execute(f"SELECT DISTINCT desk_id FROM {table}")}
            assert found == ids, table
        per_desk: dict[str, int] = dict(
            conn.execute("SELECT desk_id, count(*) FROM assists GROUP BY 1").fetchall()
        )
    assert sorted(per_desk.values()) == [20, 30]


def test_desk_id_is_made_once_and_kept(tmp_path: Path) -> None:
    first = desk_id(tmp_path)
    assert desk_id(tmp_path) == first
    (tmp_path / "desk_id").write_text("not a uuid")
    with pytest.raises(ValueError, match="does not hold a desk id"):
        desk_id(tmp_path)


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TEST_KEYRING_FILE", str(tmp_path / "ring.json"))
    keyring.set_keyring(FileKeyring())  # type: ignore[no-untyped-call]  # see reports_keyring
    try:
        yield
    finally:
        keyring.set_keyring(null.Keyring())


def test_password_comes_from_the_keyring(
    pg_cluster: PgCluster, pg_dbname: str, data_dir: Path, file_keyring: None
) -> None:
    # pg_cluster's pg_hba.conf asks members of password_users for a password.
    pg_cluster.psql(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pw_clerk') THEN "
        "CREATE ROLE pw_clerk LOGIN PASSWORD 'Zeugnis-42' IN ROLE password_users; END IF; END $$"
    )
    pg_cluster.psql(f'GRANT ALL ON DATABASE "{pg_dbname}" TO pw_clerk; ')
    pg_cluster.psql("GRANT ALL ON SCHEMA public TO pw_clerk", pg_dbname)
    url = pg_cluster.url(pg_dbname, user="pw_clerk")
    with pytest.raises(StoreUnavailableError) as info:
        open_store(data_dir, url)
    assert "keyring" in str(info.value) and "remember-password" in str(info.value)
    secrets.set_secret(password_key(ServerAddress.from_url(url)), "Zeugnis-42")
    store = open_store(data_dir, url)
    try:
        assert store.repository.schema_version == SCHEMA_VERSION
    finally:
        store.close()
    assert "Zeugnis-42" not in str(info.value)


def test_export_streams_through_a_server_side_cursor(pg_url: str, data_dir: Path) -> None:
    store = open_store(data_dir, pg_url)
    try:
        store.repository.import_finished(generate_records(5000, seed=5), "demo")
        rows = store.reports.export_rows(YEAR)
        first = next(rows)
        with psycopg.connect(pg_url) as conn:
            cursors = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction' "
                "AND query LIKE '%%FETCH%%hh_export_%%'"
            ).fetchone()
        rest = sum(1 for _ in rows)
        total = store.reports.export_count(YEAR)
    finally:
        store.close()
    assert cursors == (1,)
    assert first[0] and 1 + rest == total > 4000


def test_report_source_serves_several_threads_at_once(pg_url: str, data_dir: Path) -> None:
    store = open_store(data_dir, pg_url)
    store.repository.import_finished(generate_records(500, seed=8), "demo")
    results: list[int] = []
    failures: list[BaseException] = []

    def work() -> None:
        try:
            results.append(sum(row.count for row in store.reports.hourly_counts(YEAR)))
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store.close()
    assert not failures
    assert results == [500] * 6


def test_lost_connection_is_reported_and_the_next_call_reconnects(
    pg_cluster: PgCluster, pg_dbname: str, data_dir: Path
) -> None:
    address = ServerAddress.from_url(pg_cluster.url(pg_dbname))
    repo = PostgresRepository(address, desk_id(data_dir))
    try:
        repo.append_audit("it", "first", {})
        pg_cluster.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{pg_dbname}' AND pid <> pg_backend_pid()"
        )
        with pytest.raises(StoreUnavailableError):
            repo.append_audit("it", "second", {})
        repo.append_audit("it", "third", {})
        assert [entry.action for entry in repo.iter_audit()] == ["first", "third"]
    finally:
        repo.close()


def test_court_reports_reuse_day_sums_until_a_record_of_that_day_changes(
    pg_url: str, data_dir: Path
) -> None:
    from hearing_helper.reports.aggregate import report_for

    store = open_store(data_dir, pg_url)
    try:
        store.repository.import_finished(generate_records(400, seed=12), "demo")
        first = report_for(store.reports, YEAR)
        with psycopg.connect(pg_url) as conn:
            row = conn.execute(
                "SELECT day, hourly FROM report_day_summary WHERE hourly <> '[]' ORDER BY day "
                "LIMIT 1"
            ).fetchone()
            assert row is not None
            day, hourly = row
            # Mark the cached day so that using it shows: one more record than stored.
            rows = json.loads(hourly)
            rows[0][3] += 1000
            conn.execute(
                "UPDATE report_day_summary SET hourly = %s WHERE day = %s",
                (json.dumps(rows), day),
            )
        assert report_for(store.reports, YEAR).assisted == first.assisted + 1000  # reused
        record_id = next(
            s.id
            for s in store.repository.search(HistoryQuery(limit=1000))
            if s.started_at[:10] == day
        )
        record = store.repository.get(record_id)
        record.notes = "corrected"
        store.repository.correct(record, "supervisor", "typo")  # bumps that day's stamp
        assert report_for(store.reports, YEAR).assisted == first.assisted  # recomputed
    finally:
        store.close()
