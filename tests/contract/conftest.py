"""The contract suite: every storage backend must pass every test in this folder.

``store_backend`` is parametrised over :data:`BACKENDS`. Adding a backend is one entry: a
generator function taking the pytest request and a fresh temporary folder, yielding an open
:class:`~hearing_helper.store.backend.Store` on an empty database and cleaning up after it (a
server it needs can come from a session fixture via ``request.getfixturevalue``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hearing_helper.store import Store, open_store

StoreFactory = Callable[[pytest.FixtureRequest, Path], Iterator[Store]]


def sqlite_store(request: pytest.FixtureRequest, folder: Path) -> Iterator[Store]:
    store = open_store(folder)
    yield store
    store.close()


def postgres_store(request: pytest.FixtureRequest, folder: Path) -> Iterator[Store]:
    """A fresh database on the private test server (tests/pg_cluster.py)."""
    cluster = request.getfixturevalue("pg_cluster")
    store = open_store(folder, cluster.url(cluster.new_database()))
    yield store
    store.close()


BACKENDS: dict[str, StoreFactory] = {
    "sqlite": sqlite_store,
    "postgres": postgres_store,
}


@pytest.fixture(params=sorted(BACKENDS))
def store_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    folder = tmp_path / "store"
    folder.mkdir()
    yield from BACKENDS[request.param](request, folder)
