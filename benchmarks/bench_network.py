"""Network check: measurement overhead against raw socket timings on loopback.

Starts the test servers on 127.0.0.1 (tests/netservers.py), times the same operation with a
bare socket and with the check's probe, and prints both medians and the difference. Run:
``.venv/bin/python benchmarks/bench_network.py [rounds]``.
"""

from __future__ import annotations

import os
import socket
import ssl
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hearing_helper.checks.base import CancelToken  # noqa: E402
from hearing_helper.checks.network.http_probe import measure_latency, new_session  # noqa: E402
from hearing_helper.checks.network.probes import resolve, tcp_connect, tls_handshake  # noqa: E402
from hearing_helper.checks.network.stun import binding_request, stun_probe  # noqa: E402
from hearing_helper.checks.network.timing import Deadline, median  # noqa: E402
from tests.netservers import LOOPBACK, Behaviour, pki, serve_http, serve_stun  # noqa: E402

CANCEL = CancelToken()


def _ms(func: Callable[[], float], rounds: int) -> float:
    return float(median([func() for _ in range(rounds)]) or 0.0)


def raw_connect(port: int) -> float:
    started = time.perf_counter()
    with socket.create_connection((LOOPBACK, port)):
        return (time.perf_counter() - started) * 1000


def probe_connect(port: int) -> float:
    infos = resolve(LOOPBACK, port, Deadline(2), CANCEL).infos
    sock, result = tcp_connect(infos, Deadline(2), CANCEL)
    assert sock is not None and result.ms is not None
    sock.close()
    return result.ms


def raw_tls(port: int, context: ssl.SSLContext) -> float:
    with socket.create_connection((LOOPBACK, port)) as sock:
        started = time.perf_counter()
        with context.wrap_socket(sock, server_hostname=LOOPBACK):
            return (time.perf_counter() - started) * 1000


def probe_tls(port: int, ca_file: str) -> float:
    infos = resolve(LOOPBACK, port, Deadline(2), CANCEL).infos
    sock, _ = tcp_connect(infos, Deadline(2), CANCEL)
    assert sock is not None
    result = tls_handshake(sock, LOOPBACK, infos, ca_file, Deadline(2), CANCEL)
    assert result.ms is not None, result
    return result.ms


def raw_http_series(port: int, rounds: int) -> list[float]:
    """GET / over one kept-alive socket, timed to the end of the response headers."""
    request = f"GET / HTTP/1.1\r\nHost: {LOOPBACK}:{port}\r\n\r\n".encode()
    times = []
    with socket.create_connection((LOOPBACK, port)) as sock:
        for _ in range(rounds):
            started = time.perf_counter()
            sock.sendall(request)
            data = b""
            while b"\r\n\r\n" not in data:
                data += sock.recv(65536)
            times.append((time.perf_counter() - started) * 1000)
            head, _, body = data.partition(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            while len(body) < length:
                body += sock.recv(65536)
    return times


def probe_http_series(url: str, rounds: int) -> list[float]:
    with new_session() as session:
        result = measure_latency(session, url, True, rounds, Deadline(60), CANCEL)
    return result.samples_ms


def raw_stun(port: int) -> float:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(2)
        started = time.perf_counter()
        sock.sendto(binding_request(os.urandom(12)), (LOOPBACK, port))
        sock.recv(2048)
        return (time.perf_counter() - started) * 1000


def probe_stun(address: str) -> float:
    result = stun_probe(address, Deadline(2), CANCEL)
    assert result.rtt_ms is not None
    return result.rtt_ms


def main(rounds: int = 30) -> int:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        os.environ.pop(name, None)
    ca_file = str(pki().ca_file)
    client = ssl.create_default_context(cafile=ca_file)
    rows: list[tuple[str, float, float]] = []
    with (
        serve_http() as plain,
        serve_http(cert=pki().valid) as secure,
        serve_http(Behaviour(delay_s=0.1)) as delayed,
        serve_http(Behaviour(delay_s=0.12)) as delayed_120,
        serve_stun() as stun,
    ):
        rows.append(
            (
                "TCP connect",
                _ms(lambda: raw_connect(plain.port), rounds),
                _ms(lambda: probe_connect(plain.port), rounds),
            )
        )
        rows.append(
            (
                "TLS handshake",
                _ms(lambda: raw_tls(secure.port, client), rounds),
                _ms(lambda: probe_tls(secure.port, ca_file), rounds),
            )
        )
        rows.append(
            (
                "HTTP GET to headers",
                float(median(raw_http_series(plain.port, rounds)) or 0),
                float(median(probe_http_series(plain.url, rounds)) or 0),
            )
        )
        rows.append(
            (
                "HTTP GET, 100 ms injected",
                float(median(raw_http_series(delayed.port, 10)) or 0),
                float(median(probe_http_series(delayed.url, 10)) or 0),
            )
        )
        rows.append(
            (
                "HTTP GET, 120 ms injected",
                float(median(raw_http_series(delayed_120.port, 10)) or 0),
                float(median(probe_http_series(delayed_120.url, 10)) or 0),
            )
        )
        rows.append(
            (
                "STUN Binding round trip",
                _ms(lambda: raw_stun(stun.port), rounds),
                _ms(lambda: probe_stun(stun.address), rounds),
            )
        )
    print(f"Loopback, median of {rounds} rounds (10 for the delayed rows), milliseconds")
    print(f"{'measurement':28} {'raw socket':>11} {'check probe':>12} {'overhead':>10}")
    for name, raw, probe in rows:
        print(f"{name:28} {raw:11.2f} {probe:12.2f} {probe - raw:+10.2f}")
    print("(the check stores figures rounded to 0.1 ms, so sub-0.1 ms rows read as 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
