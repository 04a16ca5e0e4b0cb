"""A TCP proxy on 127.0.0.1 between the app and a server, for fault tests (like psycopg's own
``Proxy`` fixture, but in-process and switchable while connections are open).

Modes, changed at any time from the test:

- pass-through (default);
- ``delay_s``: every chunk, in both directions, is forwarded ``delay_s`` after it arrived
  (latency, not a bandwidth cap: chunks in flight overlap);
- ``stall()``: new connections are accepted and then never answered, and open ones stop
  forwarding (a server that "accepts and never answers");
- ``refuse()``: new connections are closed at once (server unreachable);
- ``drop_all()``: every open connection is cut now;
- ``drop_after(n)``: each connection is cut once ``n`` bytes went from the client to the
  server (mid-stream, e.g. in the middle of a batch).

Every thread is a daemon and :meth:`close` ends them; the proxy stops by itself with the test.
"""

from __future__ import annotations

import contextlib
import heapq
import select
import socket
import threading
import time
from collections.abc import Iterator

LOOPBACK = "127.0.0.1"
CHUNK = 65536


class _Link:
    """One client connection and its server connection."""

    def __init__(self, proxy: TcpProxy, client: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.server: socket.socket | None = None
        self.closed = threading.Event()
        self.sent_to_server = 0

    def close(self) -> None:
        if self.closed.is_set():
            return
        self.closed.set()
        for sock in (self.client, self.server):
            if sock is None:
                continue
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def run(self) -> None:
        try:
            if self.proxy.stalled:
                self.closed.wait()  # accepted, never answered
                return
            self.server = socket.create_connection(self.proxy.target, timeout=5)
            self.server.settimeout(None)
            self._pump()
        except OSError:
            pass
        finally:
            self.close()
            self.proxy._forget(self)

    def _pump(self) -> None:
        assert self.server is not None
        # Each direction: a queue of (due time, order, bytes) so a delay is latency per chunk.
        queues: dict[socket.socket, list[tuple[float, int, bytes]]] = {
            self.client: [],
            self.server: [],
        }
        peer = {self.client: self.server, self.server: self.client}
        order = 0
        while not self.closed.is_set():
            now = time.monotonic()
            timeout = 0.05
            for queue in queues.values():
                if queue:
                    timeout = max(0.0, min(timeout, queue[0][0] - now))
            readable, _, _ = select.select([self.client, self.server], [], [], timeout)
            for sock in readable:
                data = sock.recv(CHUNK)
                if not data:
                    return
                order += 1
                heapq.heappush(queues[sock], (time.monotonic() + self.proxy.delay_s, order, data))
            if self.proxy.stalled:
                continue  # hold everything: the other side hears nothing
            now = time.monotonic()
            for source, queue in queues.items():
                while queue and queue[0][0] <= now:
                    data = heapq.heappop(queue)[2]
                    if source is self.client:
                        limit = self.proxy.drop_after_bytes
                        if limit is not None and self.sent_to_server + len(data) >= limit:
                            part = max(0, limit - self.sent_to_server)
                            if part:
                                peer[source].sendall(data[:part])
                            self.proxy.drops += 1
                            return  # cut mid-stream
                        self.sent_to_server += len(data)
                    peer[source].sendall(data)


class TcpProxy:
    """Listens on 127.0.0.1:``port`` and forwards to ``target``."""

    def __init__(self, target_port: int, target_host: str = LOOPBACK) -> None:
        self.target = (target_host, target_port)
        self.delay_s = 0.0
        self.stalled = False
        self.refusing = False
        self.drop_after_bytes: int | None = None
        self.drops = 0  # connections cut by drop_after
        self.accepted = 0
        self._links: set[_Link] = set()
        self._lock = threading.Lock()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((LOOPBACK, 0))
        self._listener.listen(64)
        self.port = int(self._listener.getsockname()[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, name="tcp-proxy", daemon=True)
        self._thread.start()

    def url(self, dbname: str, user: str = "postgres") -> str:
        return f"postgresql://{user}@{LOOPBACK}:{self.port}/{dbname}"

    # --- faults ------------------------------------------------------------------------------

    def pass_through(self) -> None:
        self.delay_s = 0.0
        self.stalled = False
        self.refusing = False
        self.drop_after_bytes = None

    def stall(self) -> None:
        self.stalled = True

    def refuse(self) -> None:
        self.refusing = True
        self.drop_all()

    def drop_all(self) -> None:
        with self._lock:
            links = list(self._links)
        for link in links:
            link.close()

    def drop_after(self, n_bytes: int) -> None:
        self.drop_after_bytes = n_bytes

    # --- plumbing ----------------------------------------------------------------------------

    def _forget(self, link: _Link) -> None:
        with self._lock:
            self._links.discard(link)

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            readable, _, _ = select.select([self._listener], [], [], 0.1)
            if not readable:
                continue
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            if self.refusing:
                client.close()
                continue
            self.accepted += 1
            link = _Link(self, client)
            with self._lock:
                self._links.add(link)
            threading.Thread(target=link.run, name="tcp-proxy-link", daemon=True).start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._listener.close()
        self.drop_all()


@contextlib.contextmanager
def tcp_proxy(target_port: int) -> Iterator[TcpProxy]:
    proxy = TcpProxy(target_port)
    try:
        yield proxy
    finally:
        proxy.close()
