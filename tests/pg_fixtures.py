"""pytest fixtures for the PostgreSQL tests (re-exported by conftest.py).

- ``pg_cluster`` (session): the private server of :mod:`tests.pg_cluster`, started at the first
  test that needs it and stopped at the end of the session, even when tests fail.
- ``pg_url``: a fresh, empty database for one test (created from a template, so it is fast).
- ``pg_proxy``: a :class:`tests.tcp_proxy.TcpProxy` in front of the cluster for fault tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.pg_cluster import ClusterUnavailableError, PgCluster, running_cluster
from tests.tcp_proxy import TcpProxy, tcp_proxy


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the PostgreSQL tests, but: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    try:
        context = running_cluster()
        cluster = context.__enter__()
    except ClusterUnavailableError as exc:
        _unavailable(str(exc))
        return
    try:
        yield cluster
    finally:
        context.__exit__(None, None, None)


@pytest.fixture
def pg_dbname(pg_cluster: PgCluster) -> str:
    return pg_cluster.new_database()


@pytest.fixture
def pg_url(pg_cluster: PgCluster, pg_dbname: str) -> str:
    return pg_cluster.url(pg_dbname)


@pytest.fixture
def pg_proxy(pg_cluster: PgCluster) -> Iterator[TcpProxy]:
    with tcp_proxy(pg_cluster.port) as proxy:
        yield proxy
