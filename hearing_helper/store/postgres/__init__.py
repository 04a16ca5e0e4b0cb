"""The PostgreSQL adapter: a court's central database, or any database given by
``--database postgresql://user@host:port/dbname`` (PostgreSQL 15 or newer).

Driver: psycopg 3 with its binary wheel (see the README's dependency notes).
"""

from __future__ import annotations

from pathlib import Path

from hearing_helper.desk_identity import desk_id
from hearing_helper.store.backend import Store
from hearing_helper.store.postgres.connection import ServerAddress
from hearing_helper.store.postgres.report_sql import PostgresReportSource
from hearing_helper.store.postgres.repository import PostgresRepository


def open_store(url: str, data_dir: Path) -> Store:
    """Open the database at ``url`` (creating or upgrading its schema when allowed)."""
    address = ServerAddress.from_url(url)
    repository = PostgresRepository(address, desk_id(data_dir))
    return Store(repository=repository, reports=PostgresReportSource(address), is_server=True)


__all__ = ["PostgresReportSource", "PostgresRepository", "ServerAddress", "open_store"]
