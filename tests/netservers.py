"""Real servers on 127.0.0.1 for the network-check tests and benchmark (never any other address).

- :func:`serve_http` — an HTTP/1.1 server (optionally HTTPS) whose answers follow a
  :class:`Behaviour`: injected delay, status codes, a wrong ``Date``, throttled or stalled
  bodies, dropped connections, throttled upload reading. It also answers absolute-URI requests
  and tunnels CONNECT to 127.0.0.1, so it can stand in as an HTTP/HTTPS proxy.
- :func:`pki` — a CA plus valid, expired and wrong-host server certificates made with
  ``cryptography`` (trusted by the client through requests' ``verify=ca_file``;
  see ``netservers_pki.py``).
- :func:`serve_stun` — a tiny STUN Binding responder on UDP (or a silent UDP port).
- :func:`refused_port` — a port nothing listens on.
"""

from __future__ import annotations

import contextlib
import select
import socket
import ssl
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from hearing_helper.checks.base import CancelToken, CheckContext, CheckResult
from hearing_helper.checks.network import NetworkCheck
from hearing_helper.checks.thresholds import effective_thresholds
from tests.netservers_pki import Pki as Pki  # re-exported for the tests
from tests.netservers_pki import pki as pki

LOOPBACK = "127.0.0.1"


@dataclass
class Behaviour:
    delay_s: float = 0.0  # before every answer
    status: int = 200
    fail_every: int = 0  # every n-th request answers 503 (0: never)
    date_offset_s: float = 0.0  # added to the Date header
    body_size: int = 512  # GET body bytes
    rate_bytes_per_s: float = 0.0  # throttle GET bodies (0: as fast as possible)
    stall_after_bytes: int = -1  # send this much of the body, then go silent (-1: never)
    stall_from_request: int = 1  # ...starting with this request number (1-based)
    drop: bool = False  # close the connection without answering
    upload_rate_bytes_per_s: float = 0.0  # throttle reading POST bodies
    post_status: int = 200  # e.g. 405: the address takes no uploads (answered unread)


@dataclass
class HttpServer:
    server: ThreadingHTTPServer
    behaviour: Behaviour
    scheme: str
    requests: list[str] = field(default_factory=list)  # request lines' targets
    stop: threading.Event = field(default_factory=threading.Event)
    stalled: threading.Event = field(default_factory=threading.Event)  # a body went silent
    uploaded: list[int] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        return f"{self.scheme}://{LOOPBACK}:{self.port}/"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    owner: HttpServer  # set on the subclass made per server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def date_time_string(self, timestamp: float | None = None) -> str:
        moment = time.time() if timestamp is None else timestamp
        return formatdate(moment + self.owner.behaviour.date_offset_s, usegmt=True)

    def _begin(self) -> int | None:
        """Record the request; None when the behaviour says to drop it."""
        self.owner.requests.append(self.path)
        number = len(self.owner.requests)
        behaviour = self.owner.behaviour
        if behaviour.delay_s:
            self.owner.stop.wait(behaviour.delay_s)
        if behaviour.drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return None
        return number

    def _status(self, number: int) -> int:
        behaviour = self.owner.behaviour
        if behaviour.fail_every and number % behaviour.fail_every == 0:
            return 503
        return behaviour.status

    def do_GET(self) -> None:
        number = self._begin()
        if number is None:
            return
        behaviour = self.owner.behaviour
        self.send_response(self._status(number))
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(behaviour.body_size))
        self.end_headers()
        stall = behaviour.stall_after_bytes if number >= behaviour.stall_from_request else -1
        self._send_body(behaviour.body_size, behaviour.rate_bytes_per_s, stall)

    def _send_body(self, size: int, rate: float, stall_after: int) -> None:
        block = b"x" * 16384
        sent = 0
        started = time.perf_counter()
        try:
            while sent < size:
                if 0 <= stall_after <= sent:
                    self.wfile.flush()
                    self.owner.stalled.set()
                    self.owner.stop.wait(30)  # silent until the server stops
                    self.close_connection = True
                    return
                piece = block[: min(len(block), size - sent)]
                if stall_after >= 0:
                    piece = piece[: max(1, stall_after - sent)]
                if rate:
                    piece = piece[: max(1, int(rate / 20))]  # ~20 writes a second
                    due = started + (sent + len(piece)) / rate
                    self.owner.stop.wait(max(0.0, due - time.perf_counter()))
                self.wfile.write(piece)
                sent += len(piece)
        except OSError:
            self.close_connection = True

    def do_CONNECT(self) -> None:
        """Act as an HTTPS proxy, but only towards 127.0.0.1 (tests never leave loopback)."""
        self.owner.requests.append(f"CONNECT {self.path}")
        host, _, port = self.path.rpartition(":")
        if host != LOOPBACK:
            self.send_error(403)
            return
        try:
            upstream = socket.create_connection((LOOPBACK, int(port)), timeout=2)
        except OSError:
            self.send_error(502)
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        with upstream:
            _pipe(self.connection, upstream, self.owner.stop)

    def do_POST(self) -> None:
        number = self._begin()
        if number is None:
            return
        if self.owner.behaviour.post_status >= 400:
            self.close_connection = True  # answer without reading, as many servers do
            self.send_response(self.owner.behaviour.post_status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        received = self._read_body()
        self.owner.uploaded.append(received)
        payload = str(received).encode()
        self.send_response(self._status(number))
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _read_body(self) -> int:
        rate = self.owner.behaviour.upload_rate_bytes_per_s
        started = time.perf_counter()
        total = 0

        def take(count: int) -> None:
            nonlocal total
            while count > 0:
                size = min(count, max(1, int(rate / 20)) if rate else 65536)
                data = self.rfile.read(size)
                if not data:
                    raise ConnectionError("client went away")
                count -= len(data)
                total += len(data)
                if rate:
                    self.owner.stop.wait(max(0.0, started + total / rate - time.perf_counter()))

        if "chunked" in self.headers.get("Transfer-Encoding", ""):
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return total
                take(size)
                self.rfile.readline()
        take(int(self.headers.get("Content-Length", "0")))
        return total


def _pipe(client: socket.socket, upstream: socket.socket, stop: threading.Event) -> None:
    """Copy bytes both ways until either side closes or the server stops."""
    peers = {client: upstream, upstream: client}
    while not stop.is_set():
        readable, _, _ = select.select(list(peers), [], [], 0.05)
        for sock in readable:
            try:
                data = sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            peers[sock].sendall(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    tls: ssl.SSLContext | None = None

    def finish_request(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: tuple[str, int]
    ) -> None:
        if self.tls is not None and isinstance(request, socket.socket):
            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return  # the client rejected our certificate: that is the test
        super().finish_request(request, client_address)

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: tuple[str, int]
    ) -> None:
        pass  # dropped and reset connections are part of the tests


@contextlib.contextmanager
def serve_http(
    behaviour: Behaviour | None = None, cert: tuple[Path, Path] | None = None
) -> Iterator[HttpServer]:
    """Serve on 127.0.0.1 (HTTPS when ``cert`` = (cert_file, key_file)) until the block ends."""
    server = _Server((LOOPBACK, 0), _Handler)
    owner = HttpServer(server, behaviour or Behaviour(), "https" if cert else "http")
    server.RequestHandlerClass = type("Handler", (_Handler,), {"owner": owner})
    if cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*cert)
        server.tls = context
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield owner
    finally:
        owner.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def clear_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to 127.0.0.1 directly, whatever proxy the developer's shell sets."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


def run_network_check(
    endpoints: list[str],
    stun_servers: list[str] | None = None,
    thresholds: dict[str, float] | None = None,
    cancel: CancelToken | None = None,
    **options: Any,
) -> CheckResult:
    """Run NetworkCheck with short test defaults (N=5, 0.5 s transfers, 4 s budget)."""
    settings = {
        "network_requests": 5,
        "network_transfer_s": 0.5,
        "network_timeout_s": 4.0,
        "network_stun_s": 0.6,
        "verify": str(pki().ca_file),
        **options,
    }
    ctx = CheckContext(
        thresholds={**effective_thresholds(), **(thresholds or {})},
        endpoints=endpoints,
        stun_servers=stun_servers or [],
        options=settings,
    )
    return NetworkCheck().run(ctx, cancel or CancelToken())


def refused_port() -> int:
    """A loopback TCP port with nothing listening (bound, then released)."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------- STUN

_MAGIC = 0x2112A442


@dataclass
class StunServer:
    port: int
    answered: list[tuple[str, int]] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"{LOOPBACK}:{self.port}"


@contextlib.contextmanager
def serve_stun(silent: bool = False, delay_s: float = 0.0) -> Iterator[StunServer]:
    """A STUN Binding responder on 127.0.0.1 UDP; ``silent`` swallows every request."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((LOOPBACK, 0))
    sock.settimeout(0.05)
    stun = StunServer(int(sock.getsockname()[1]))
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                data, peer = sock.recvfrom(2048)
            except TimeoutError:
                continue
            except OSError:
                return
            if silent or len(data) < 20:
                continue
            kind, _, cookie, tid = struct.unpack("!HHI12s", data[:20])
            if kind != 0x0001 or cookie != _MAGIC:
                continue
            if delay_s:
                stop.wait(delay_s)
            mask = struct.pack("!I", _MAGIC)
            ip = bytes(a ^ b for a, b in zip(socket.inet_aton(peer[0]), mask, strict=True))
            value = struct.pack("!xBH", 1, peer[1] ^ (_MAGIC >> 16)) + ip
            attribute = struct.pack("!HH", 0x0020, len(value)) + value
            answer = struct.pack("!HHI12s", 0x0101, len(attribute), _MAGIC, tid) + attribute
            stun.answered.append(peer)
            sock.sendto(answer, peer)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield stun
    finally:
        stop.set()
        thread.join(2)
        sock.close()
