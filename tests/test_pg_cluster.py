"""The test infrastructure itself: the private PostgreSQL cluster and the fault proxy."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import psycopg
import pytest

from tests.pg_cluster import OWNER_FILE, PgCluster, remove_abandoned_clusters
from tests.tcp_proxy import TcpProxy


def test_each_test_gets_its_own_empty_database(pg_cluster: PgCluster, pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE mine (x int)")
        tables = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
    assert tables == (1,)
    other = pg_cluster.url(pg_cluster.new_database())
    with psycopg.connect(other) as conn:
        assert conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone() == (0,)


def test_server_listens_on_loopback_only(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)


def test_proxy_passes_then_refuses_then_drops(pg_proxy: TcpProxy, pg_dbname: str) -> None:
    url = pg_proxy.url(pg_dbname)
    with psycopg.connect(url, connect_timeout=5) as conn:
        assert conn.execute("SELECT 40 + 2").fetchone() == (42,)
        pg_proxy.drop_all()
        with pytest.raises(psycopg.OperationalError):
            conn.execute("SELECT 1")
    pg_proxy.refuse()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)


def test_proxy_drops_mid_stream(pg_proxy: TcpProxy, pg_dbname: str) -> None:
    with psycopg.connect(pg_proxy.url(pg_dbname), connect_timeout=5) as conn:
        pg_proxy.drop_after(20_000)
        with pytest.raises(psycopg.OperationalError):
            conn.execute("SELECT %s::text", ["x" * 100_000])
    assert pg_proxy.drops == 1


def test_proxy_delay_is_added_to_each_round_trip(pg_proxy: TcpProxy, pg_dbname: str) -> None:
    with psycopg.connect(pg_proxy.url(pg_dbname), connect_timeout=5) as conn:
        pg_proxy.delay_s = 0.1
        started = time.monotonic()
        conn.execute("SELECT 1")
        elapsed = time.monotonic() - started
    # One round trip through the proxy is delayed at least twice (there and back).
    assert elapsed >= 0.2


def test_stalled_proxy_accepts_and_never_answers(pg_proxy: TcpProxy, pg_dbname: str) -> None:
    pg_proxy.stall()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(pg_proxy.url(pg_dbname), connect_timeout=2)
    assert pg_proxy.accepted == 1


def test_clusters_of_a_run_that_is_gone_are_stopped_and_removed(tmp_path: Path) -> None:
    """A run killed before its clean-up leaves its cluster (in RAM) running; the next run stops
    and removes it, and leaves a cluster whose run is still going, or that has no owner file."""
    finished = subprocess.Popen(["true"])  # an owner that has exited
    finished.wait()
    # Stands in for the abandoned postmaster, which handles SIGQUIT itself; a shell that starts
    # this run in the background hands it SIGQUIT ignored, so the stand-in restores the default.
    server = subprocess.Popen(
        ["sleep", "60"], preexec_fn=lambda: signal.signal(signal.SIGQUIT, signal.SIG_DFL)
    )
    try:
        for name, owner in (("hh-pg-gone", finished.pid), ("hh-pg-live", os.getpid())):
            (tmp_path / name / "data").mkdir(parents=True)
            (tmp_path / name / OWNER_FILE).write_text(str(owner))
        (tmp_path / "hh-pg-gone" / "data" / "postmaster.pid").write_text(f"{server.pid}\n/x\n")
        (tmp_path / "hh-pg-no-owner").mkdir()
        assert remove_abandoned_clusters(tmp_path) == [tmp_path / "hh-pg-gone"]
        assert server.wait(timeout=10) == -signal.SIGQUIT
        assert sorted(p.name for p in tmp_path.iterdir()) == ["hh-pg-live", "hh-pg-no-owner"]
    finally:
        server.kill()
        server.wait()
