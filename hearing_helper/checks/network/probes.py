"""Socket-level probes: name lookup, TCP connect and TLS handshake with certificate facts.

Every probe takes a :class:`Deadline` and a :class:`CancelToken` and returns within the
deadline; waits are sliced into short ``select`` calls so a cancel is noticed within ~50 ms.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import select
import socket
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hearing_helper.checks.base import CancelToken
from hearing_helper.checks.network.timing import (
    POLL_S,
    Deadline,
    PhaseTimeoutError,
    ms,
    run_bounded,
)
from hearing_helper.checks.network.x509_dates import cert_validity

log = logging.getLogger(__name__)

AddrInfo = tuple[Any, Any, int, str, tuple[Any, ...]]  # what socket.getaddrinfo yields


@dataclass
class DnsResult:
    ms: float | None = None
    addresses: list[str] = field(default_factory=list)
    infos: list[AddrInfo] = field(default_factory=list)
    error: str = ""  # "", "not_found", "timeout", "error"


@dataclass
class TcpResult:
    ms: float | None = None
    address: str = ""
    error: str = ""  # "", "refused", "timeout", "unreachable", "error"


@dataclass
class TlsResult:
    ms: float | None = None
    version: str = ""
    verified: bool = False
    error: str = ""  # "", "expired", "not_yet_valid", "wrong_host", "untrusted", "handshake", ...
    detail: str = ""  # OpenSSL's message, for logs and IT
    not_after: datetime | None = None
    days_left: float | None = None


def resolve(host: str, port: int, deadline: Deadline, cancel: CancelToken) -> DnsResult:
    """Look ``host`` up (A and AAAA) and time it; an IP literal takes no lookup."""
    try:
        ipaddress.ip_address(host)
        literal = True
    except ValueError:
        literal = False
    started = time.perf_counter()
    try:
        infos = run_bounded(
            lambda: socket.getaddrinfo(host, port, type=socket.SOCK_STREAM),
            deadline,
            cancel,
            name="dns",
        )
    except PhaseTimeoutError:
        return DnsResult(error="timeout")
    except socket.gaierror as exc:
        log.info("Name lookup of %s failed: %s", host, exc)
        not_found = exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5))
        return DnsResult(
            ms=ms(time.perf_counter() - started), error="not_found" if not_found else "error"
        )
    except (OSError, UnicodeError) as exc:
        log.info("Name lookup of %s failed: %s", host, exc)
        return DnsResult(error="error")
    elapsed = 0.0 if literal else ms(time.perf_counter() - started)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    return DnsResult(ms=elapsed, addresses=addresses, infos=list(infos))


def _wait_io(sock: socket.socket, write: bool, deadline: Deadline, cancel: CancelToken) -> None:
    """Wait until ``sock`` is readable/writable; raise on cancel or when the deadline passes.

    The socket is also watched for "exceptional" state: Windows reports a failed connect only
    there.
    """
    while True:
        cancel.raise_if_cancelled()
        left = deadline.remaining()
        if left <= 0:
            raise PhaseTimeoutError("io")
        readers: list[socket.socket] = [] if write else [sock]
        writers: list[socket.socket] = [sock] if write else []
        ready = select.select(readers, writers, [sock], min(POLL_S, left))
        if any(ready):
            return


# connect_ex() answers of a non-blocking connect still under way (Windows: WSAEWOULDBLOCK)
_CONNECT_PENDING = {
    0,
    errno.EINPROGRESS,
    errno.EWOULDBLOCK,
    errno.EALREADY,
    getattr(errno, "WSAEWOULDBLOCK", -1),
}
_REFUSED = {errno.ECONNREFUSED, getattr(errno, "WSAECONNREFUSED", -1)}
_UNREACHABLE = {
    errno.ENETUNREACH,
    errno.EHOSTUNREACH,
    getattr(errno, "WSAENETUNREACH", -1),
    getattr(errno, "WSAEHOSTUNREACH", -1),
}


def _connect_one(info: AddrInfo, deadline: Deadline, cancel: CancelToken) -> socket.socket:
    family, kind, proto, _, address = info
    sock = socket.socket(family, kind, proto)
    try:
        sock.setblocking(False)
        code = sock.connect_ex(address)
        if code not in _CONNECT_PENDING:
            raise OSError(code, errno.errorcode.get(code, str(code)))
        if code != 0:
            _wait_io(sock, True, deadline, cancel)
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code:
                raise OSError(code, errno.errorcode.get(code, str(code)))
        return sock
    except BaseException:
        sock.close()
        raise


def tcp_connect(
    infos: list[AddrInfo], deadline: Deadline, cancel: CancelToken
) -> tuple[socket.socket | None, TcpResult]:
    """Connect to the first address that answers; the caller closes the returned socket."""
    result = TcpResult(error="error")
    for info in infos:
        started = time.perf_counter()
        try:
            sock = _connect_one(info, deadline, cancel)
        except PhaseTimeoutError:
            return None, TcpResult(address=str(info[4][0]), error="timeout")
        except OSError as exc:
            kind = (
                "refused"
                if exc.errno in _REFUSED
                else "unreachable"
                if exc.errno in _UNREACHABLE
                else "error"
            )
            log.info("TCP connect to %s failed: %s", info[4], exc)
            result = TcpResult(address=str(info[4][0]), error=kind)
            continue
        return sock, TcpResult(ms=ms(time.perf_counter() - started), address=str(info[4][0]))
    return None, result


def tls_context(verify: bool | str) -> ssl.SSLContext:
    """The trust settings requests would use: a CA file/dir, the certifi bundle, or none."""
    if verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    if isinstance(verify, str):
        if os.path.isdir(verify):
            return ssl.create_default_context(capath=verify)
        return ssl.create_default_context(cafile=verify)
    from requests.utils import DEFAULT_CA_BUNDLE_PATH

    return ssl.create_default_context(cafile=DEFAULT_CA_BUNDLE_PATH)


# OpenSSL X509_V_ERR_* codes -> our reasons
VERIFY_REASONS = {
    9: "not_yet_valid",
    10: "expired",
    18: "untrusted",  # self-signed leaf
    19: "untrusted",  # self-signed in chain
    20: "untrusted",  # issuer unknown
    21: "untrusted",
    62: "wrong_host",
    64: "wrong_host",  # IP address mismatch
}


def _handshake(
    sock: socket.socket,
    context: ssl.SSLContext,
    server_hostname: str,
    deadline: Deadline,
    cancel: CancelToken,
) -> ssl.SSLSocket:
    tls = context.wrap_socket(sock, server_hostname=server_hostname, do_handshake_on_connect=False)
    tls.setblocking(False)
    while True:
        try:
            tls.do_handshake()
            return tls
        except ssl.SSLWantReadError:
            _wait_io(tls, False, deadline, cancel)
        except ssl.SSLWantWriteError:
            _wait_io(tls, True, deadline, cancel)


def _fill_dates(result: TlsResult, der: bytes | None) -> None:
    dates = cert_validity(der) if der else None
    if dates:
        result.not_after = dates[1]
        result.days_left = round((dates[1] - datetime.now(UTC)).total_seconds() / 86400, 1)


def tls_handshake(
    sock: socket.socket,
    host: str,
    infos: list[AddrInfo],
    verify: bool | str,
    deadline: Deadline,
    cancel: CancelToken,
) -> TlsResult:
    """Time a verified TLS handshake on the connected ``sock`` (closed here).

    When verification fails, a second, unverified handshake on a new connection reads the
    certificate so the result can still say when it expires.
    """
    started = time.perf_counter()
    try:
        tls = _handshake(sock, tls_context(verify), host, deadline, cancel)
    except ssl.SSLCertVerificationError as exc:
        sock.close()
        result = TlsResult(
            error=VERIFY_REASONS.get(exc.verify_code, "untrusted"),
            detail=str(exc.verify_message or exc),
        )
        _fill_dates(result, _peek_certificate(host, infos, deadline, cancel))
        return result
    except PhaseTimeoutError:
        sock.close()
        return TlsResult(error="timeout")
    except (ssl.SSLError, OSError) as exc:
        sock.close()
        return TlsResult(error="handshake", detail=str(exc))
    except BaseException:  # cancelled: do not leave the socket to the garbage collector
        sock.close()
        raise
    try:
        result = TlsResult(
            ms=ms(time.perf_counter() - started),
            version=tls.version() or "",
            verified=verify is not False,
        )
        _fill_dates(result, tls.getpeercert(binary_form=True))
        return result
    finally:
        tls.close()


def _peek_certificate(
    host: str, infos: list[AddrInfo], deadline: Deadline, cancel: CancelToken
) -> bytes | None:
    sock, _ = tcp_connect(infos, deadline, cancel)
    if sock is None:
        return None
    try:
        tls = _handshake(sock, tls_context(False), host, deadline, cancel)
        with tls:
            return tls.getpeercert(binary_form=True)
    except (PhaseTimeoutError, ssl.SSLError, OSError):
        sock.close()
        return None
