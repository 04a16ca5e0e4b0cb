"""Choosing the storage backend: no URL -> the SQLite file; postgresql:// -> the PostgreSQL
adapter (imported only then); --database on every command and "database" in settings."""

from __future__ import annotations

import builtins
import subprocess
import sys
from pathlib import Path

import pytest

from hearing_helper.config import Settings
from hearing_helper.services import AppServices
from hearing_helper.store import StoreError, StoreUnavailableError, open_store
from hearing_helper.store.backend import BadDatabaseUrlError, check_database_url, redact_url
from hearing_helper.store.sqlite import DB_FILENAME, SqliteRepository


def test_no_url_is_the_sqlite_file_in_the_data_dir(data_dir: Path) -> None:
    store = open_store(data_dir)
    try:
        assert isinstance(store.repository, SqliteRepository)
        assert store.repository.location == str(data_dir / DB_FILENAME)
    finally:
        store.close()
    assert (data_dir / DB_FILENAME).exists()


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://db.court.local/hh", "unknown kind 'mysql'"),
        ("db.court.local/hh", "unknown kind"),
        ("postgresql:///hh", "host name is missing"),
        ("postgresql://clerk:secret@db.court.local/hh", "OS keyring"),
        # Found in review: these raised a bare ValueError (an "internal error", exit 1).
        ("postgresql://clerk@127.0.0.1:abc/hh", "port"),
        ("postgresql://clerk@127.0.0.1:99999/hh", "port"),
        ("postgresql://clerk:secret@127.0.0.1:abc/hh", "port"),
        ("postgresql://[::1/hh", "malformed"),
        ("postgresql://clerk:secret@[::1/hh", "malformed"),
        # Was accepted, and the file in the data folder used instead of the one named.
        ("sqlite:///srv/court/hh.sqlite3", "--data-dir"),
        ("sqlite://fileserver/hh.sqlite3", "--data-dir"),
    ],
)
def test_bad_urls_are_refused_with_what_is_expected(url: str, words: str) -> None:
    with pytest.raises(BadDatabaseUrlError) as info:
        check_database_url(url)
    message = str(info.value)
    assert words in message and "postgresql://user@host:port/dbname" in message
    assert "secret" not in message  # a password typed into the URL is never echoed


def test_redact_url_drops_only_the_password() -> None:
    assert redact_url("postgresql://u:pw@h:5433/db") == "postgresql://u@h:5433/db"
    assert redact_url("postgresql://u@h/db") == "postgresql://u@h/db"
    # Addresses urlsplit() cannot take apart lose their password all the same.
    assert redact_url("postgresql://u:pw@h:abc/db") == "postgresql://u@h:abc/db"
    assert redact_url("postgresql://u:pw@[::1/db") == "postgresql://u@[::1/db"


def test_a_postgresql_url_without_the_adapter_is_a_clear_error(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_postgres(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("hearing_helper.store.postgres"):
            raise ImportError("No module named 'psycopg'")
        # The rest of __import__'s arguments, passed through unchanged.
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_postgres)
    monkeypatch.delitem(sys.modules, "hearing_helper.store.postgres", raising=False)
    with pytest.raises(StoreUnavailableError) as info:
        open_store(data_dir, "postgresql://clerk@127.0.0.1:1/hh")
    assert "postgresql" in str(info.value) and "--database" in str(info.value)
    assert not (data_dir / DB_FILENAME).exists()  # nothing fell back silently


def test_the_database_setting_is_used_and_the_option_overrides_it(data_dir: Path) -> None:
    Settings(data_dir).set("database", "mysql://elsewhere/db")
    with pytest.raises(StoreError):
        AppServices.open(data_dir)
    services = AppServices.open(data_dir, "")  # --database "" : the file in the data dir
    try:
        assert services.repo.location == str(data_dir / DB_FILENAME)
    finally:
        services.close()


@pytest.mark.parametrize("command", ["report", "export", "verify-log", "demo-data", "supervisor"])
def test_every_command_takes_database_and_refuses_a_bad_one_as_usage(
    command: str, data_dir: Path
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "hearing_helper",
            command,
            "--data-dir",
            str(data_dir),
            "--database",
            "mysql://db/hh",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "unknown kind 'mysql'" in result.stderr and "Traceback" not in result.stderr
