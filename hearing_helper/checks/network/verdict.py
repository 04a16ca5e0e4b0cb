"""Turn measured figures into pass/warn/fail findings with codes, using the thresholds table.

A threshold is crossed when a figure is worse than it: latency/jitter/failures above, speeds
below, clock skew beyond. The first phase that fails stops an endpoint's probe, so at most one
connection-level finding exists per endpoint.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hearing_helper.checks.base import CheckStatus
from hearing_helper.checks.network import texts as t


@dataclass(frozen=True)
class Finding:
    status: CheckStatus
    code: str
    remedy_code: str


_TCP = {
    "refused": (t.CONNECTION_REFUSED, t.R_SITE_REFUSES),
    "timeout": (t.CONNECT_TIMEOUT, t.R_CHECK_CABLE),
}
_TLS = {
    "expired": t.CERT_EXPIRED,
    "not_yet_valid": t.CERT_NOT_YET_VALID,
    "wrong_host": t.CERT_WRONG_HOST,
    "untrusted": t.CERT_UNTRUSTED,
}
# what stopped every HTTP request (classify_error kinds)
_HTTP = {
    "server_error": (t.HTTP_SERVER_ERROR, t.R_PLATFORM_TROUBLE),
    "dropped": (t.CONNECTION_DROPPED, t.R_TRY_AGAIN),
    "timeout": (t.HTTP_TIMEOUT, t.R_IMPROVE_CONNECTION),
    "tls": (t.TLS_FAILED, t.R_HTTPS_OR_CLOCK),
    "proxy": (t.PROXY_FAILED, t.R_PROXY_BROKEN),
    "dns": (t.DNS_FAILED, t.R_CHECK_CABLE),
    "refused": (t.CONNECTION_REFUSED, t.R_SITE_REFUSES),
    "error": (t.CONNECT_FAILED, t.R_TRY_AGAIN),
}

FAIL, WARN, PASS = CheckStatus.FAIL, CheckStatus.WARN, CheckStatus.PASS


def _above(value: Any, warn: float, fail: float) -> CheckStatus:
    if not isinstance(value, int | float):
        return PASS
    return FAIL if value > fail else WARN if value > warn else PASS


def _below(value: Any, warn: float, fail: float) -> CheckStatus:
    if not isinstance(value, int | float):
        return PASS
    return FAIL if value < fail else WARN if value < warn else PASS


def endpoint_findings(m: Mapping[str, Any], th: Mapping[str, float]) -> list[Finding]:
    """Findings of one endpoint's metrics, in phase order; empty when all is well."""
    if m.get("address_error"):
        return [Finding(FAIL, t.BAD_ADDRESS, t.R_CHECK_ADDRESS)]
    findings: list[Finding] = []
    if m.get("proxy"):
        findings.append(Finding(PASS, t.PROXY_IN_USE, t.R_PROXY_NOTED))
    if m.get("proxy") and (m.get("dns_error") or m.get("tcp_error")):
        return [*findings, Finding(FAIL, t.PROXY_FAILED, t.R_PROXY_BROKEN)]  # DNS/TCP were to it
    if m.get("dns_error"):
        return [*findings, Finding(FAIL, t.DNS_FAILED, t.R_CHECK_CABLE)]
    if m.get("tcp_error"):
        code, remedy = _TCP.get(m["tcp_error"], (t.CONNECT_FAILED, t.R_CHECK_CABLE))
        return [*findings, Finding(FAIL, code, remedy)]
    if m.get("tls_error"):
        code = _TLS.get(m["tls_error"], t.TLS_FAILED)
        return [*findings, Finding(FAIL, code, t.R_HTTPS_OR_CLOCK)]
    if m.get("requests") and m.get("latency_median_ms") is None:
        code, remedy = _HTTP.get(m.get("http_error") or "error", _HTTP["error"])
        return [*findings, Finding(FAIL, code, remedy)]
    checks = [
        (
            _above(
                m.get("latency_median_ms"), th["network.rtt_warn_ms"], th["network.rtt_fail_ms"]
            ),
            t.HIGH_LATENCY,
            t.R_IMPROVE_CONNECTION,
        ),
        (
            _above(m.get("jitter_ms"), th["network.jitter_warn_ms"], th["network.jitter_fail_ms"]),
            t.HIGH_JITTER,
            t.R_IMPROVE_CONNECTION,
        ),
        (
            _above(
                m.get("failures_pct"),
                th["network.failures_warn_pct"],
                th["network.failures_fail_pct"],
            ),
            t.HTTP_SERVER_ERROR if m.get("http_error") == "server_error" else t.REQUEST_FAILURES,
            t.R_PLATFORM_TROUBLE
            if m.get("http_error") == "server_error"
            else t.R_IMPROVE_CONNECTION,
        ),
        (
            _below(
                m.get("download_mbps"),
                th["network.throughput_warn_mbps"],
                th["network.throughput_fail_mbps"],
            ),
            t.SLOW_DOWNLOAD,
            t.R_IMPROVE_CONNECTION,
        ),
        (
            _below(
                m.get("upload_mbps"),
                th["network.throughput_warn_mbps"],
                th["network.throughput_fail_mbps"],
            ),
            t.SLOW_UPLOAD,
            t.R_IMPROVE_CONNECTION,
        ),
    ]
    findings += [Finding(status, code, remedy) for status, code, remedy in checks if status != PASS]
    skew = m.get("clock_skew_s")
    if isinstance(skew, int | float) and abs(skew) > th["network.clock_skew_warn_s"]:
        findings.append(Finding(WARN, t.CLOCK_SKEW, t.R_CORRECT_CLOCK))
    if m.get("skipped_phases"):
        findings.append(Finding(PASS, t.INCOMPLETE, t.R_TRY_AGAIN))
    return findings


def udp_findings(stun: Sequence[Mapping[str, Any]]) -> list[Finding]:
    """UDP is fine when any STUN server answered; no servers means nothing to judge."""
    if not stun or any(entry.get("stun_rtt_ms") is not None for entry in stun):
        return []
    return [Finding(WARN, t.UDP_BLOCKED, t.R_UDP_FALLBACK)]


def decisive(findings: list[Finding]) -> Finding:
    """The worst finding (the first of equals); a proxy note beats a plain "ok"."""
    worst = max((f.status.severity for f in findings), default=0)
    if worst == 0:
        proxy = next((f for f in findings if f.code == t.PROXY_IN_USE), None)
        return proxy or Finding(PASS, t.OK, "")
    return next(f for f in findings if f.status.severity == worst)
