"""Helpers for the outbox and sender tests: desks (data dirs) and a central database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from hearing_helper.demo import generate_records
from hearing_helper.desk_identity import desk_id
from hearing_helper.store.audit import verify_chain
from hearing_helper.store.postgres.connection import ServerAddress, connect
from hearing_helper.store.postgres.roles import init_server
from hearing_helper.store.shared_rows import audit_entry
from hearing_helper.store.sqlite import SqliteRepository, open_repository
from hearing_helper.store.sqlite.outbox import SqliteOutbox
from hearing_helper.store.sync.sender import Sender


@dataclass
class Desk:
    data_dir: Path
    repo: SqliteRepository
    outbox: SqliteOutbox

    @property
    def desk_id(self) -> str:
        return desk_id(self.data_dir)

    def sender(self, url: str, **options: Any) -> Sender:
        return Sender(self.outbox, ServerAddress.from_url(url), self.desk_id, "desk", **options)

    def demo(self, count: int, seed: int, *, marked: bool = False) -> int:
        """``count`` synthetic finished records; real ones (not marked as demo) unless
        ``marked``, so the court's figures count them."""
        records = generate_records(count, seed=seed, demo=marked)
        return self.repo.import_finished(records, "demo-data")

    def close(self) -> None:
        self.outbox.close()
        self.repo.close()


def open_desk(data_dir: Path) -> Desk:
    repo = open_repository(data_dir)
    return Desk(data_dir, repo, SqliteOutbox(repo.path))


@pytest.fixture
def central(pg_url: str) -> str:
    """A central database set up by ``server init`` (schema, roles, policies)."""
    conn = connect(ServerAddress.from_url(pg_url))
    try:
        init_server(conn, pg_url)
    finally:
        conn.close()
    return pg_url


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[list[Desk]]:
    opened = [open_desk(tmp_path / f"desk{n}") for n in (1, 2)]
    yield opened
    for desk in opened:
        desk.close()


def server_counts(url: str) -> dict[str, int]:
    """Rows per table on the server, and duplicates where there must be none."""
    with psycopg.connect(url) as conn:
        counts = {
            table: int((conn.execute(f"SELECT count(*) FROM {table}").fetchone() or (0,))[0])
            for table in ("assists", "record_versions", "audit_log", "exports", "conflicts")
        }
    return counts


def server_versions(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT id, version FROM assists").fetchall())


def local_versions(desk: Desk) -> dict[str, int]:
    from hearing_helper.store.repository import HistoryQuery

    found = desk.repo.search(HistoryQuery(status="finished", limit=10_000_000))
    return {summary.id: summary.version for summary in found}


def server_chain_breaks(url: str) -> dict[str, object]:
    """Each desk's audit chain as stored on the server: desk id -> break (None = verifies)."""
    with psycopg.connect(url) as conn:
        desks = [row[0] for row in conn.execute("SELECT DISTINCT desk_id FROM audit_log")]
        result: dict[str, object] = {}
        for desk in desks:
            entries = [
                audit_entry(row)
                for row in conn.execute(
                    "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit_log "
                    "WHERE desk_id = %s ORDER BY seq",
                    (desk,),
                )
            ]
            result[desk] = verify_chain(entries)
    return result


def assert_delivered_exactly(url: str, desks: list[Desk]) -> None:
    """Every finished record of every desk is on the server once, at its newest version, and
    every desk's chain verifies there with all its entries."""
    expected: dict[str, int] = {}
    for desk in desks:
        expected |= local_versions(desk)
    assert server_versions(url) == expected
    with psycopg.connect(url) as conn:
        per_desk: dict[str, int] = dict(
            conn.execute("SELECT desk_id, count(*) FROM audit_log GROUP BY 1").fetchall()
        )
        conflicts = conn.execute("SELECT count(*) FROM conflicts").fetchone()
    for desk in desks:
        assert per_desk.get(desk.desk_id) == sum(1 for _ in desk.repo.iter_audit())
    assert conflicts == (0,)
    assert set(server_chain_breaks(url).values()) == {None}
