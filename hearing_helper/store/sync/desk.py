"""This desk's link to the court's central database: its URL, desk id and name, a sender."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hearing_helper.desk_identity import desk_id
from hearing_helper.store.backend import check_central_url
from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres.connection import ServerAddress
from hearing_helper.store.sqlite.outbox import SqliteOutbox
from hearing_helper.store.sqlite.repository import DB_FILENAME, open_repository
from hearing_helper.store.sync.catalog_pull import CatalogPuller
from hearing_helper.store.sync.sender import Sender


class NotJoinedError(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "This desk is not joined to a court's central database: give --central "
            'postgresql://user@host:port/dbname, or set "central" in settings.json '
            "(Settings → Central database)."
        )


def central_address(url: str) -> ServerAddress:
    """The central database's address; raises NotJoinedError or BadDatabaseUrlError."""
    checked = check_central_url(url or "")
    if not checked:
        raise NotJoinedError()
    return ServerAddress.from_url(checked)


def open_sender(data_dir: Path, central_url: str, desk_name: str = "", repo: Any = None) -> Sender:
    """A sender for the desk whose data is in ``data_dir`` (its SQLite file is created and
    migrated first, so the outbox exists); it also takes the catalog court IT publishes.
    Given the desk's open repository (``repo``: keyed with the audit key, as AppServices opens
    it), each push also exchanges the answers of shared follow-ups (store/sync/answers.py)."""
    address = central_address(central_url)
    open_repository(data_dir).close()
    sender = Sender(
        SqliteOutbox(data_dir / DB_FILENAME),
        address,
        desk_id(data_dir),
        desk_name,
        catalog=CatalogPuller(data_dir),
    )
    if repo is not None and hasattr(repo, "queue_court_answer"):
        attach_answers(sender, repo)
    return sender


def attach_answers(sender: Sender, repo: Any) -> None:
    """Make ``sender`` exchange follow-up answers for ``repo`` (a SqliteRepository)."""
    from hearing_helper.store.sync.answers import exchange_answers

    def exchange(conn: Any) -> bool:
        exchange_answers(conn, sender.desk_id, repo, sender.outbox)
        return bool(repo.court_answers_waiting())

    sender.exchange = exchange
