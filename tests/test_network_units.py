"""Network check building blocks without sockets: statistics, STUN messages, certificate
dates, proxies, error kinds and verdicts."""

from __future__ import annotations

import datetime as dt
import ssl
import struct
from collections.abc import Mapping

import pytest
import requests
import urllib3
import urllib3.exceptions
from cryptography import x509

from hearing_helper.checks.base import CheckStatus
from hearing_helper.checks.network import METRIC_LABELS, TEXTS
from hearing_helper.checks.network import texts as t
from hearing_helper.checks.network.http_probe import _clock_skew, classify_error, proxy_for
from hearing_helper.checks.network.stun import (
    MAGIC_COOKIE,
    binding_request,
    parse_binding_response,
    split_server,
)
from hearing_helper.checks.network.timing import jitter, median, percentile
from hearing_helper.checks.network.verdict import decisive, endpoint_findings, udp_findings
from hearing_helper.checks.network.x509_dates import cert_validity
from hearing_helper.checks.thresholds import effective_thresholds
from tests.netservers import pki

TH = effective_thresholds()

# RFC 5769 section 2.2 / 2.3: sample IPv4 and IPv6 responses (SOFTWARE attribute padded,
# then XOR-MAPPED-ADDRESS; integrity and fingerprint left out, they follow it).
RFC5769_TID = bytes.fromhex("b7e7a701bc34d686fa87dfae")
RFC5769_IPV4 = bytes.fromhex(
    "0101002c2112a442b7e7a701bc34d686fa87dfae"
    "8022000b7465737420766563746f7220"
    "002000080001a147e112a643"
)
RFC5769_IPV6 = bytes.fromhex(
    "010100382112a442b7e7a701bc34d686fa87dfae"
    "8022000b7465737420766563746f7220"
    "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9"
)


def test_statistics_of_latency_series() -> None:
    samples = [100.0, 120.0, 110.0, 150.0, 105.0]
    assert median(samples) == 110.0
    assert median([1.0, 2.0, 3.0, 10.0]) == 2.5
    assert percentile(samples, 90) == 150.0
    assert percentile(list(range(1, 11)), 90) == 9
    # |120-100| + |110-120| + |150-110| + |105-150| = 20 + 10 + 40 + 45 = 115 over 4
    assert jitter(samples) == pytest.approx(28.75)
    assert jitter([100.0]) is None and median([]) is None and percentile([], 90) is None


def test_binding_request_layout() -> None:
    tid = bytes(range(12))
    message = binding_request(tid)
    assert len(message) == 20
    assert struct.unpack("!HHI12s", message) == (0x0001, 0, MAGIC_COOKIE, tid)
    with pytest.raises(ValueError):
        binding_request(b"short")


def test_rfc5769_responses_decode() -> None:
    assert parse_binding_response(RFC5769_IPV4, RFC5769_TID) == "192.0.2.1:32853"
    assert (
        parse_binding_response(RFC5769_IPV6, RFC5769_TID)
        == "[2001:db8:1234:5678:11:2233:4455:6677]:32853"
    )
    # another transaction's answer, or a truncated one, is not ours
    assert parse_binding_response(RFC5769_IPV4, bytes(12)) is None
    assert parse_binding_response(RFC5769_IPV4[:10], RFC5769_TID) is None


def test_stun_server_addresses() -> None:
    assert split_server("stun.example.invalid:3479") == ("stun.example.invalid", 3479)
    assert split_server("stun:127.0.0.1") == ("127.0.0.1", 3478)
    assert split_server("[::1]:5000") == ("::1", 5000)
    for bad in ("", "host:0", "host:port", "host:70000"):
        with pytest.raises(ValueError):
            split_server(bad)


def test_certificate_dates_from_der() -> None:
    for cert_file, _key in (pki().valid, pki().expired):
        cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
        der = ssl.PEM_cert_to_DER_cert(cert_file.read_text())
        assert cert_validity(der) == (cert.not_valid_before_utc, cert.not_valid_after_utc)
    assert cert_validity(b"\x30\x03\x02\x01\x00") is None
    assert cert_validity(b"") is None


def test_clock_skew_sign_and_rounding() -> None:
    server = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.UTC).timestamp()
    header = "Thu, 01 Jan 2026 12:00:00 GMT"
    # the PC reads one hour later than the server: it is ahead, skew positive
    assert _clock_skew(header, server + 3600.4, server + 3600.6) == pytest.approx(3600.0)
    assert _clock_skew(header, server + 0.5, server + 0.5) == 0.0
    assert _clock_skew("not a date", server, server) is None
    assert _clock_skew(None, server, server) is None


def test_proxy_from_environment_hides_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://clerk:secret@127.0.0.1:3128")
    monkeypatch.setenv("NO_PROXY", "intranet.invalid")
    assert proxy_for("https://platform.invalid/") == "http://127.0.0.1:3128"
    assert proxy_for("https://intranet.invalid/") == ""
    assert proxy_for("http://platform.invalid/") == ""  # only HTTPS goes through it


def test_error_kinds() -> None:
    def wrapped(inner: Exception) -> requests.ConnectionError:
        pool = urllib3.HTTPConnectionPool("127.0.0.1")  # named only; nothing connects
        return requests.ConnectionError(urllib3.exceptions.MaxRetryError(pool, "/", inner))

    assert classify_error(wrapped(ConnectionRefusedError())) == "refused"
    assert classify_error(requests.exceptions.ReadTimeout()) == "timeout"
    assert classify_error(requests.exceptions.SSLError(ssl.SSLError())) == "tls"
    assert classify_error(requests.exceptions.ProxyError()) == "proxy"
    assert classify_error(wrapped(ConnectionResetError())) == "dropped"
    assert classify_error(ValueError()) == "error"


def _codes(metrics: Mapping[str, object]) -> list[tuple[CheckStatus, str]]:
    return [(f.status, f.code) for f in endpoint_findings(metrics, TH)]


def test_verdicts_follow_the_thresholds_table() -> None:
    good = {
        "requests": 10,
        "latency_median_ms": 80.0,
        "jitter_ms": 10.0,
        "failures_pct": 0.0,
        "download_mbps": 20.0,
        "upload_mbps": 5.0,
        "clock_skew_s": 1.0,
    }
    assert _codes(good) == []
    assert _codes({**good, "latency_median_ms": 250.0}) == [(CheckStatus.WARN, t.HIGH_LATENCY)]
    assert _codes({**good, "latency_median_ms": 450.0}) == [(CheckStatus.FAIL, t.HIGH_LATENCY)]
    assert _codes({**good, "jitter_ms": 120.0}) == [(CheckStatus.FAIL, t.HIGH_JITTER)]
    assert _codes({**good, "failures_pct": 5.0}) == [(CheckStatus.WARN, t.REQUEST_FAILURES)]
    assert _codes({**good, "download_mbps": 1.0}) == [(CheckStatus.WARN, t.SLOW_DOWNLOAD)]
    assert _codes({**good, "upload_mbps": 0.3}) == [(CheckStatus.FAIL, t.SLOW_UPLOAD)]
    assert _codes({**good, "clock_skew_s": -90.0}) == [(CheckStatus.WARN, t.CLOCK_SKEW)]
    assert _codes({"dns_error": "not_found"}) == [(CheckStatus.FAIL, t.DNS_FAILED)]
    assert _codes({"tcp_error": "refused"}) == [(CheckStatus.FAIL, t.CONNECTION_REFUSED)]
    assert _codes({"tls_error": "expired"}) == [(CheckStatus.FAIL, t.CERT_EXPIRED)]
    dropped = {"requests": 3, "latency_median_ms": None, "http_error": "dropped"}
    assert _codes(dropped) == [(CheckStatus.FAIL, t.CONNECTION_DROPPED)]
    # a stricter court setting moves the line
    strict = {**TH, "network.rtt_warn_ms": 50.0}
    assert [f.code for f in endpoint_findings(good, strict)] == [t.HIGH_LATENCY]


def test_decisive_finding_and_notes() -> None:
    proxied = endpoint_findings({"proxy": "http://127.0.0.1:3128", "requests": 0}, TH)
    assert decisive(proxied).code == t.PROXY_IN_USE
    assert decisive(proxied).status == CheckStatus.PASS
    assert decisive([]).code == t.OK
    blocked = udp_findings([{"server": "s", "stun_rtt_ms": None}])
    assert decisive(proxied + blocked).code == t.UDP_BLOCKED
    assert udp_findings([{"stun_rtt_ms": None}, {"stun_rtt_ms": 20.0}]) == []
    assert udp_findings([]) == []


def test_every_code_has_text() -> None:
    codes = [
        value
        for name, value in vars(t).items()
        if name.isupper() and isinstance(value, str) and value.startswith("network.")
    ]
    assert len(codes) > 30
    missing = [code for code in codes if code not in TEXTS]
    assert missing == []
    assert all(text.strip() for text in TEXTS.values())
    assert "latency_median_ms" in METRIC_LABELS
