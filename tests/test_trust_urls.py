"""Database addresses (issue 18, finding 7): query parameters are refused (exit 2) except those
the connection really applies (sslmode, connect_timeout), and a password is never accepted in an
address -- not as user:password@, not as ?password= or ?passfile=."""

from __future__ import annotations

from typing import Any

import pytest

from hearing_helper.cli import main
from hearing_helper.store.backend import BadDatabaseUrlError, check_database_url

BASE = "postgresql://desk1@127.0.0.1:1/court"


def usage(option: str, url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main([option, url, "verify-log"])
    return int(info.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize("option", ["--database", "--central"])
@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("password=secret", "keyring"),
        ("passfile=/tmp/pgpass", "keyring"),
        ("PASSWORD=secret", "keyring"),
        ("options=-c%20search_path%3Devil", "options"),
        ("sslmode=require&sslmode=disable", "sslmode"),
        ("sslmode=sometimes", "sslmode"),
        ("connect_timeout=0", "connect_timeout"),
        ("connect_timeout=ten", "connect_timeout"),
        ("target_session_attrs=any", "target_session_attrs"),
        ("sslmode", "sslmode"),
    ],
)
def test_unsupported_or_secret_parameters_are_usage_errors(
    option: str, query: str, named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = usage(option, f"{BASE}?{query}", capsys)
    assert code == 2 and named in err, err
    assert "secret" not in err  # never echoed back


def test_a_fragment_is_refused() -> None:
    with pytest.raises(BadDatabaseUrlError, match="#"):
        check_database_url(BASE + "#password=x")


def test_allowed_parameters_are_applied_to_the_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    from hearing_helper.store.postgres.connection import ServerAddress, connect

    url = check_database_url(f"{BASE}?sslmode=require&connect_timeout=4")
    address = ServerAddress.from_url(url)
    assert "sslmode=require" in address.location
    seen: dict[str, Any] = {}

    def fake_connect(**params: Any) -> Any:
        seen.update(params)
        raise psycopg.OperationalError("stop here")

    monkeypatch.setattr(psycopg, "connect", fake_connect)
    with pytest.raises(Exception, match="stop here|not reachable|cannot|Cannot"):
        connect(address)
    assert seen["sslmode"] == "require" and seen["connect_timeout"] == 4


def test_a_plain_address_still_works() -> None:
    assert check_database_url(BASE) == BASE
    assert check_database_url(BASE + "?sslmode=verify-full") == BASE + "?sslmode=verify-full"
