"""Probe one endpoint URL phase by phase: DNS, TCP, TLS, HTTP latency, download, upload.

Returns a flat dict of figures (units in the key names) plus ``*_error`` reasons; the first
phase that fails ends the probe. Through a proxy, DNS and TCP are measured to the proxy (that is
the path the traffic takes) and TLS problems show up in the HTTP phase instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from hearing_helper.checks.base import CancelToken
from hearing_helper.checks.network.http_probe import (
    LatencyResult,
    measure_latency,
    new_session,
    proxy_for,
)
from hearing_helper.checks.network.probes import resolve, tcp_connect, tls_handshake
from hearing_helper.checks.network.timing import Deadline, jitter, median, percentile
from hearing_helper.checks.network.transfer import (
    TransferResult,
    measure_download,
    measure_upload,
)

Report = Callable[[str, dict[str, Any]], None]

# Shares of an endpoint's time; a phase that finishes early leaves its time to the next ones.
PHASE_WEIGHTS = {"dns": 1.0, "tcp": 1.0, "tls": 1.5, "latency": 3.5, "download": 1.5, "upload": 1.5}
DEFAULT_REQUESTS = 10
DEFAULT_TRANSFER_S = 2.0
MIN_PHASE_S = 0.05  # less than this left: skip the phase and say so


class _Slicer:
    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.left = dict(PHASE_WEIGHTS)

    def next(self, phase: str) -> Deadline:
        share = self.left[phase] / sum(self.left.values())
        del self.left[phase]
        return self.deadline.slice(share)


def _target(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL; ValueError if it is not one."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)  # .port raises if malformed
    return parts.scheme, parts.hostname, port


def _proxy_address(proxy: str) -> tuple[str, int] | None:
    """(host, port) of a proxy URL such as http://10.0.0.1:3128 or socks5h://gw:1080."""
    if not proxy:
        return None
    try:
        parts = urlsplit(proxy)
        port = parts.port or (1080 if parts.scheme.startswith("socks") else 80)
    except ValueError:
        return None
    return (parts.hostname, port) if parts.hostname else None


def _latency_figures(result: LatencyResult) -> dict[str, Any]:
    samples = result.samples_ms
    figures: dict[str, Any] = {
        "latency_median_ms": median(samples),
        "latency_p90_ms": percentile(samples, 90),
        "jitter_ms": jitter(samples),
        "failures_pct": result.failures_pct,
        "requests": result.attempts,
        "latency_samples_ms": list(samples),
        "latency_first_ms": result.warmup_ms,
        "http_error": result.main_failure(),
        "http_statuses": sorted(set(result.statuses)),
        "clock_skew_s": result.clock_skew_s,
    }
    for key in ("latency_median_ms", "latency_p90_ms", "jitter_ms"):
        value = figures[key]
        if isinstance(value, float):
            figures[key] = round(value, 1)
    return figures


def _transfer_figures(prefix: str, result: TransferResult) -> dict[str, Any]:
    return {
        f"{prefix}_mbps": result.mbps,
        f"{prefix}_bytes": result.bytes,
        f"{prefix}_s": result.seconds,
        f"{prefix}_error": result.error,
    }


def probe_endpoint(
    url: str,
    deadline: Deadline,
    cancel: CancelToken,
    options: Mapping[str, Any],
    report: Report,
) -> dict[str, Any]:
    """Measure ``url`` within ``deadline``; raises CancelledError when cancelled."""
    m: dict[str, Any] = {"url": url, "skipped_phases": []}
    try:
        scheme, host, port = _target(url)
    except ValueError:
        m["address_error"] = "not_http_url"
        report("address", {"endpoint": url, "address_error": m["address_error"]})
        return m
    verify = options.get("verify", True)
    proxy = proxy_for(url)
    m["proxy"] = proxy
    via_host, via_port = _proxy_address(proxy) or (host, port)
    slicer = _Slicer(deadline)

    def step(phase: str, figures: dict[str, Any]) -> None:
        m.update(figures)
        report(phase, {"endpoint": url, **figures})

    dns = resolve(via_host, via_port, slicer.next("dns"), cancel)
    step("dns", {"dns_ms": dns.ms, "addresses": dns.addresses, "dns_error": dns.error})
    if dns.error:
        return m

    sock, tcp = tcp_connect(dns.infos, slicer.next("tcp"), cancel)
    step("tcp", {"tcp_connect_ms": tcp.ms, "tcp_address": tcp.address, "tcp_error": tcp.error})
    if sock is None:
        return m

    tls_deadline = slicer.next("tls")
    if scheme == "https" and not proxy:
        tls = tls_handshake(sock, host, dns.infos, verify, tls_deadline, cancel)
        step(
            "tls",
            {
                "tls_handshake_ms": tls.ms,
                "tls_version": tls.version,
                "tls_error": tls.error,
                "tls_detail": tls.detail,
                "cert_days_left": tls.days_left,
                "cert_not_after": tls.not_after.isoformat() if tls.not_after else None,
            },
        )
        if tls.error:
            return m
    else:
        sock.close()

    session = new_session()
    try:
        count = int(options.get("network_requests", DEFAULT_REQUESTS))
        latency = measure_latency(
            session,
            url,
            verify,
            max(1, count),
            slicer.next("latency"),
            cancel,
            on_sample=lambda r: report("latency", {"endpoint": url, **_latency_figures(r)}),
        )
        m.update(_latency_figures(latency))
        if latency.warmup_ms is None:
            if latency.certificate_problem:  # seen through a proxy's tunnel
                m["tls_error"] = latency.certificate_problem
            return m
        transfer_s = float(options.get("network_transfer_s", DEFAULT_TRANSFER_S))
        download_deadline = slicer.next("download").earliest(transfer_s)
        if download_deadline.remaining() < MIN_PHASE_S:
            m["skipped_phases"].append("download")
        else:
            download = measure_download(session, url, verify, download_deadline, cancel)
            step("download", _transfer_figures("download", download))
        upload_deadline = slicer.next("upload").earliest(transfer_s)
        if upload_deadline.remaining() < MIN_PHASE_S:
            m["skipped_phases"].append("upload")
        else:
            round_trip_s = (m["latency_median_ms"] or 0.0) / 1000
            upload = measure_upload(session, url, verify, upload_deadline, cancel, round_trip_s)
            step("upload", _transfer_figures("upload", upload))
    finally:
        session.close()
    return m
