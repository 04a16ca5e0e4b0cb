"""Opening a store: the repository and the report source of one database, chosen by URL.

No URL: the embedded SQLite file in the data directory (the default). ``postgresql://…``: the
PostgreSQL adapter, imported only then. Every backend package exposes
``open_store(url: str, data_dir: Path) -> Store`` (SQLite ignores the URL).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

from hearing_helper.store.errors import StoreError, StoreUnavailableError
from hearing_helper.store.report_source import ReportSource
from hearing_helper.store.repository import AssistRepository

# URL scheme -> backend package
BACKENDS: dict[str, str] = {
    "sqlite": "hearing_helper.store.sqlite",
    "postgresql": "hearing_helper.store.postgres",
    "postgres": "hearing_helper.store.postgres",
}


DATABASE_EXPECTED = (
    "postgresql://user@host:port/dbname (the password comes from the OS keyring), "
    "or nothing for the database file in the data folder"
)
CENTRAL_EXPECTED = (
    "postgresql://user@host:port/dbname, the court's central database (the password comes "
    "from the OS keyring)"
)


class BadDatabaseUrlError(StoreError):
    def __init__(self, url: str, detail: str, expected: str = DATABASE_EXPECTED) -> None:
        self.url = url
        self.detail = detail
        super().__init__(
            f"The database address {redact_url(url)!r} is not usable: {detail}. "
            f"Expected {expected}."
        )


@dataclass(frozen=True)
class Store:
    """One open database: what records and reports need from it."""

    repository: AssistRepository
    reports: ReportSource
    # A database server (not the desk's own file): each call may wait on the network, so the
    # window makes none on its GUI thread (ui/store_calls.py).
    is_server: bool = False

    def close(self) -> None:
        self.repository.close()
        closer = getattr(self.reports, "close", None)
        # One adapter object may serve as both (the two Protocols do not say so).
        if closer is not None and self.reports is not cast(object, self.repository):
            closer()


def redact_url(url: str) -> str:
    """``url`` without a password, for messages and logs. Taken apart by hand (the same way
    urlsplit() does), so that an address it refuses -- a bad port, a broken IPv6 bracket --
    loses its password too."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    netloc, tail = rest[:end], rest[end:]
    userinfo, at, hostinfo = netloc.rpartition("@")
    if not at or ":" not in userinfo:
        return url
    user = userinfo.partition(":")[0]
    return f"{scheme}://{user + '@' if user else ''}{hostinfo}{tail}"


def check_database_url(url: str) -> str:
    """``url`` stripped, or raise BadDatabaseUrlError. Empty means the default SQLite file."""
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not 0-65535
    except ValueError as exc:
        detail = str(exc)
        if "port" in detail.lower():
            raise BadDatabaseUrlError(url, "the port must be a number from 1 to 65535") from None
        raise BadDatabaseUrlError(url, f"it is malformed ({detail})") from None
    if parts.scheme not in BACKENDS:
        raise BadDatabaseUrlError(url, f"unknown kind {parts.scheme or '(none)'!r}")
    if parts.password is not None:
        raise BadDatabaseUrlError(
            url, "it contains a password; store the password in the OS keyring instead"
        )
    if "#" in url:
        raise BadDatabaseUrlError(url, "it has a '#' part, which no database address uses")
    if parts.query:
        if parts.scheme == "sqlite":
            raise BadDatabaseUrlError(url, "a SQLite address takes no '?' parameters")
        query_parameters(url)  # raises BadDatabaseUrlError
    if parts.scheme == "sqlite" and (parts.netloc or parts.path.strip("/")):
        raise BadDatabaseUrlError(
            url,
            "a SQLite database is always the file in the data folder; choose the folder with "
            "--data-dir instead of a path in the address",
        )
    if parts.scheme.startswith("postgres") and not parts.hostname:
        raise BadDatabaseUrlError(url, "the server's host name is missing")
    return url


# The query parameters the PostgreSQL connection really applies (store/postgres/connection.py),
# with what each accepts. Anything else is refused rather than silently dropped: a court IT's
# "sslmode=require" must never be ignored, and a password never travels in an address.
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
MAX_CONNECT_TIMEOUT_S = 300
ALLOWED_QUERY = ("sslmode", "connect_timeout")
_SECRET_QUERY = ("password", "passfile", "sslpassword", "sslkey")


def query_parameters(url: str) -> dict[str, str]:
    """The address's ``?name=value`` parameters, checked against ALLOWED_QUERY; raises
    BadDatabaseUrlError naming the first parameter that is refused (never its value)."""
    found: dict[str, str] = {}
    for item in urlsplit(url).query.split("&"):
        name, equals, value = item.partition("=")
        name = unquote(name).strip()
        lowered = name.lower()
        if lowered in _SECRET_QUERY:
            raise BadDatabaseUrlError(
                redact_query(url),
                f"it contains '{name}': a password is never given in an address; store it "
                "in the OS keyring with 'hearing-helper server remember-password'",
            )
        if lowered not in ALLOWED_QUERY:
            raise BadDatabaseUrlError(
                redact_query(url),
                f"the parameter {name!r} is not supported (only "
                f"{', '.join(ALLOWED_QUERY)} are applied to the connection)",
            )
        if name in found:
            raise BadDatabaseUrlError(url, f"the parameter {name!r} is given twice")
        value = unquote(value).strip()
        if not equals or not value:
            raise BadDatabaseUrlError(url, f"the parameter {name!r} has no value")
        if lowered == "sslmode" and value not in SSL_MODES:
            raise BadDatabaseUrlError(url, f"sslmode must be one of {', '.join(SSL_MODES)}")
        if lowered == "connect_timeout" and not (
            value.isdigit() and 1 <= int(value) <= MAX_CONNECT_TIMEOUT_S
        ):
            raise BadDatabaseUrlError(
                url, f"connect_timeout must be whole seconds from 1 to {MAX_CONNECT_TIMEOUT_S}"
            )
        found[lowered] = value
    return found


def redact_query(url: str) -> str:
    """``url`` without its query (whose values may be secret), for messages."""
    return redact_url(url).split("?", 1)[0] + "?…"


def check_central_url(url: str) -> str:
    """``url`` checked as the court's central database (always PostgreSQL), or raise
    BadDatabaseUrlError. Empty means "not given" (the "central" setting decides)."""
    try:
        checked = check_database_url(url)
    except BadDatabaseUrlError as exc:
        raise BadDatabaseUrlError(exc.url, exc.detail, CENTRAL_EXPECTED) from None
    if checked and not urlsplit(checked).scheme.startswith("postgres"):
        raise BadDatabaseUrlError(
            checked, "the central database must be a PostgreSQL database", CENTRAL_EXPECTED
        )
    return checked


def open_store(data_dir: Path, database_url: str | None = None) -> Store:
    """Open (creating and migrating as needed) the database ``database_url`` selects."""
    url = check_database_url(database_url or "")
    scheme = urlsplit(url).scheme if url else "sqlite"
    module_name = BACKENDS[scheme]
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise StoreUnavailableError(
            f"This build of Hearing Helper cannot use {scheme} databases ({exc}). Leave "
            '--database and the "database" setting empty to use the database file in the data '
            "folder, or install a build with the PostgreSQL driver."
        ) from exc
    store: Store = module.open_store(url, data_dir)
    return store
