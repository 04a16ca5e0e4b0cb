"""A minimal STUN Binding client (RFC 5389): is UDP open to the platform, and how fast.

Video platforms send media over UDP and fall back to TCP (or fail) when a firewall drops it.
One Binding request is a 20-byte header; the answer carries our public address in
XOR-MAPPED-ADDRESS. Retransmissions follow RFC 5389 section 7.2.1 (500 ms, doubling) within the
time given.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import select
import socket
import struct
import time
from dataclasses import dataclass

from hearing_helper.checks.base import CancelToken
from hearing_helper.checks.network.timing import (
    POLL_S,
    Deadline,
    PhaseTimeoutError,
    ms,
    run_bounded,
)

log = logging.getLogger(__name__)

MAGIC_COOKIE = 0x2112A442
BINDING_REQUEST = 0x0001
BINDING_SUCCESS = 0x0101
ATTR_MAPPED_ADDRESS = 0x0001
ATTR_XOR_MAPPED_ADDRESS = 0x0020
HEADER = struct.Struct("!HHI12s")  # type, length, magic cookie, transaction id
FIRST_RTO_S = 0.5


@dataclass
class StunResult:
    server: str
    rtt_ms: float | None = None
    mapped_address: str = ""  # our address as the server sees it, "ip:port"
    error: str = ""  # "", "no_answer", "dns", "bad_server", "error"


def binding_request(transaction_id: bytes) -> bytes:
    if len(transaction_id) != 12:
        raise ValueError("a STUN transaction id has 12 bytes")
    return HEADER.pack(BINDING_REQUEST, 0, MAGIC_COOKIE, transaction_id)


def _address(value: bytes, xor: bool, transaction_id: bytes) -> str:
    family, port = struct.unpack("!xBH", value[:4])
    raw = value[4 : 4 + (4 if family == 1 else 16)]
    if xor:
        port ^= MAGIC_COOKIE >> 16
        key = struct.pack("!I", MAGIC_COOKIE) + transaction_id
        raw = bytes(a ^ b for a, b in zip(raw, key, strict=False))
    ip = ipaddress.ip_address(raw)
    return f"{ip}:{port}" if family == 1 else f"[{ip}]:{port}"


def parse_binding_response(data: bytes, transaction_id: bytes) -> str | None:
    """The mapped address of a success answer to ``transaction_id``; None if not ours/invalid."""
    if len(data) < HEADER.size:
        return None
    kind, length, cookie, tid = HEADER.unpack_from(data)
    if kind != BINDING_SUCCESS or cookie != MAGIC_COOKIE or tid != transaction_id:
        return None
    body = data[HEADER.size : HEADER.size + length]
    fallback = ""
    pos = 0
    while pos + 4 <= len(body):
        attr_type, attr_len = struct.unpack_from("!HH", body, pos)
        value = body[pos + 4 : pos + 4 + attr_len]
        try:
            if attr_type == ATTR_XOR_MAPPED_ADDRESS:
                return _address(value, True, transaction_id)
            if attr_type == ATTR_MAPPED_ADDRESS:
                fallback = _address(value, False, transaction_id)
        except (ValueError, struct.error):
            return None
        pos += 4 + attr_len + (-attr_len % 4)  # attributes are padded to 4 bytes
    return fallback or ""


def split_server(server: str, default_port: int = 3478) -> tuple[str, int]:
    """ "host:port", "host" or "[v6]:port" -> (host, port); ValueError if malformed."""
    text = server.strip().removeprefix("stun:")
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest.removeprefix(":") or str(default_port)
    elif text.count(":") == 1:
        host, port = text.split(":")
    else:
        host, port = text, str(default_port)
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"not a STUN server address: {server!r}")
    return host, int(port)


def stun_probe(server: str, deadline: Deadline, cancel: CancelToken) -> StunResult:
    """Send Binding requests to ``server`` until one is answered or the deadline passes."""
    try:
        host, port = split_server(server)
    except ValueError:
        return StunResult(server, error="bad_server")
    try:
        infos = run_bounded(
            lambda: socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM), deadline, cancel
        )
    except (PhaseTimeoutError, OSError, UnicodeError):
        return StunResult(server, error="dns")
    family, kind, proto, _, address = infos[0]
    # Each retransmission is a new transaction, so an answer tells exactly which copy it
    # belongs to and the round trip is never under-counted.
    sent: dict[bytes, float] = {}
    with socket.socket(family, kind, proto) as sock:
        sock.setblocking(False)
        rto = FIRST_RTO_S
        next_send = 0.0
        try:
            while not deadline.expired():
                cancel.raise_if_cancelled()
                now = time.perf_counter()
                if now >= next_send:
                    transaction_id = os.urandom(12)
                    sent[transaction_id] = now
                    sock.sendto(binding_request(transaction_id), address)
                    next_send, rto = now + rto, rto * 2
                wait = min(POLL_S, deadline.remaining(), max(0.0, next_send - now))
                readable, _, _ = select.select([sock], [], [], wait)
                if not readable:
                    continue
                data = sock.recv(2048)
                answered = data[8:20]
                if answered not in sent:
                    continue
                mapped = parse_binding_response(data, answered)
                if mapped is not None:
                    rtt = ms(time.perf_counter() - sent[answered])
                    return StunResult(server, rtt, mapped)
        except OSError as exc:  # e.g. ICMP port unreachable surfaces as ECONNREFUSED
            log.info("STUN probe of %s failed: %s", server, exc)
            return StunResult(server, error="no_answer")
    return StunResult(server, error="no_answer")
