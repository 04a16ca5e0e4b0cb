"""Connecting to PostgreSQL: the URL, the password from the OS keyring, timeouts, plain errors.

The URL never holds a password (``check_database_url`` refuses one). When the server asks for
one, it is read from the OS keyring under :func:`password_key` — court IT stores it with
``hearing-helper server remember-password --database URL``. Connection failures become a
:class:`StoreUnavailableError` that says which server and what to do.
"""

from __future__ import annotations

import contextlib
import logging
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import psycopg

from hearing_helper import secrets
from hearing_helper.background_core import call_later
from hearing_helper.store.backend import query_parameters
from hearing_helper.store.errors import StoreError, StoreUnavailableError

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 10
APPLICATION_NAME = "hearing-helper"


@dataclass(frozen=True)
class ServerAddress:
    """Where a database is: parsed from ``postgresql://user@host:port/dbname``."""

    host: str
    port: int
    dbname: str
    user: str
    sslmode: str = ""  # "": libpq's default (prefer)
    connect_timeout_s: int = 0  # 0: the caller's timeout

    @classmethod
    def from_url(cls, url: str) -> ServerAddress:
        """Of a URL that check_database_url() accepted (its only parameters: sslmode,
        connect_timeout; store/backend.py ALLOWED_QUERY)."""
        parts = urlsplit(url)
        query = query_parameters(url) if parts.query else {}
        return cls(
            host=parts.hostname or "",
            port=parts.port or 5432,
            dbname=unquote(parts.path.lstrip("/")) or "postgres",
            user=unquote(parts.username or "") or "postgres",
            sslmode=query.get("sslmode", ""),
            connect_timeout_s=int(query.get("connect_timeout", 0)),
        )

    @property
    def location(self) -> str:
        """For messages and logs: the URL without any secret."""
        query = "&".join(
            f"{name}={value}"
            for name, value in (
                ("sslmode", self.sslmode),
                ("connect_timeout", str(self.connect_timeout_s or "")),
            )
            if value
        )
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}" + (
            f"?{query}" if query else ""
        )


def password_key(address: ServerAddress) -> str:
    """The keyring entry of the password for this user on this server."""
    return f"postgresql:{address.user}@{address.host}:{address.port}"


def _password(address: ServerAddress) -> str | None:
    try:
        return secrets.get_secret(password_key(address))
    except secrets.KeyringUnavailableError:
        return None  # a server that needs one then says so, and the message explains


def connect(
    address: ServerAddress, *, autocommit: bool = True, timeout_s: float = CONNECT_TIMEOUT_S
) -> psycopg.Connection[Any]:
    """A new connection, or StoreUnavailableError in words a clerk or court IT can act on."""
    params: dict[str, Any] = {
        "host": address.host,
        "port": address.port,
        "dbname": address.dbname,
        "user": address.user,
        "connect_timeout": address.connect_timeout_s or max(1, round(timeout_s)),
        "application_name": APPLICATION_NAME,
        # Notice a dead server or cut cable within about a minute on an idle connection.
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
    }
    if address.sslmode:
        params["sslmode"] = address.sslmode
    password = _password(address)
    if password is not None:
        params["password"] = password
    try:
        conn = psycopg.connect(autocommit=autocommit, **params)
    except psycopg.OperationalError as exc:
        raise unavailable(address, exc, password_known=password is not None) from None
    # Text is compared and sorted byte-wise (the schema's "C" collation); the client encoding
    # must carry Chinese whatever the server's default is.
    conn.execute("SET client_encoding TO 'UTF8'")
    return conn


def unavailable(
    address: ServerAddress, exc: BaseException, *, password_known: bool = True
) -> StoreUnavailableError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lowered = detail.lower()
    if "password" in lowered and ("no password" in lowered or not password_known):
        hint = (
            "The server asks for a password and none is stored in this computer's keyring: "
            f"store it with `hearing-helper server remember-password --database "
            f"{address.location}`."
        )
    elif "password authentication failed" in lowered:
        hint = "The password stored in the keyring was refused; store the right one again."
    elif "does not exist" in lowered:
        hint = "Check the user and database name; court IT creates them (see the README)."
    else:
        hint = (
            "Check that the server is running and reachable from this computer (network, "
            "firewall, address and port)."
        )
    return StoreUnavailableError(
        f"The database server {address.location} cannot be used ({detail}). {hint}"
    )


def is_connection_error(exc: BaseException) -> bool:
    """True when ``exc`` means the connection (not the statement) failed."""
    return isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError) and not isinstance(
        exc, psycopg.errors.QueryCanceled
    )


def translate(address: ServerAddress, exc: psycopg.Error) -> StoreError:
    """A driver error as a StoreError (connection errors: StoreUnavailableError)."""
    if is_connection_error(exc):
        return unavailable(address, exc)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return StoreError(
            f"The database user {address.user} may not do this on {address.location} "
            f"({str(exc).strip().splitlines()[0]}). Court IT grants roles with "
            "`hearing-helper server init` (see the README)."
        )
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreError(f"The database {address.location} refused the change ({first}).")


def cut_connection(conn: psycopg.Connection[Any]) -> None:
    """Shut ``conn``'s socket down from any thread: a call waiting on it fails at once."""
    with contextlib.suppress(OSError, psycopg.Error):
        # Borrow the socket (detach, never close: libpq still owns it).
        borrowed = socket.socket(fileno=conn.pgconn.socket)
        try:
            borrowed.shutdown(socket.SHUT_RDWR)
        finally:
            borrowed.detach()


@contextlib.contextmanager
def hard_deadline(conn: psycopg.Connection[Any], seconds: float) -> Iterator[None]:
    """Cut ``conn``'s socket if the block takes longer than ``seconds``.

    A server behind a stalled network (accepts, never answers) would otherwise keep a worker
    waiting for ever: TCP keepalives are answered by whatever stalls. Shutting the socket down
    makes the waiting call fail at once with a connection error."""
    watchdog = call_later(seconds, lambda: cut_connection(conn), name="pg-hard-deadline")
    try:
        yield
    finally:
        watchdog.cancel()


def driver_description() -> str:
    """What the self-test shows: the driver, its libpq and how it is built. Raises RuntimeError
    when only the pure-Python implementation is there (it needs a libpq installed on the PC,
    which a help-desk PC does not have)."""
    impl = psycopg.pq.__impl__
    if impl == "python":
        raise RuntimeError(
            "psycopg has no compiled implementation in this build (psycopg-binary missing); "
            "PostgreSQL would need a separately installed libpq"
        )
    libpq = psycopg.pq.version()
    return f"psycopg {psycopg.__version__} ({impl}), libpq {libpq // 10000}.{libpq % 100}"
