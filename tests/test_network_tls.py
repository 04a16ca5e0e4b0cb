"""HTTPS endpoints with certificates from a test CA: good, expired, wrong host, untrusted."""

from __future__ import annotations

import pytest

from hearing_helper.checks.base import CheckStatus
from hearing_helper.checks.network import texts as t
from tests.netservers import clear_proxy_environment, pki, run_network_check, serve_http


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxy_environment(monkeypatch)


def test_valid_certificate_passes_with_handshake_time() -> None:
    with serve_http(cert=pki().valid) as server:
        result = run_network_check([server.url])
    m = result.metrics
    endpoint = m["endpoints"][0]
    assert (result.status, result.code) == (CheckStatus.PASS, t.OK)
    assert 0 < m["tls_handshake_ms"] < 1000
    assert m["cert_days_left"] == pytest.approx(90, abs=1)
    assert endpoint["tls_version"] in ("TLSv1.2", "TLSv1.3")
    assert m["latency_median_ms"] is not None and m["failures_pct"] == 0.0


def test_expired_certificate_fails_and_says_how_long_ago() -> None:
    with serve_http(cert=pki().expired) as server:
        result = run_network_check([server.url])
    assert (result.status, result.code) == (CheckStatus.FAIL, t.CERT_EXPIRED)
    assert result.remedy_code == t.R_HTTPS_OR_CLOCK
    assert result.metrics["cert_days_left"] == pytest.approx(-10, abs=1)
    assert result.metrics["endpoints"][0]["tls_error"] == "expired"
    assert result.metrics["latency_median_ms"] is None  # stopped before any request


def test_certificate_for_another_host_fails() -> None:
    with serve_http(cert=pki().wrong_host) as server:
        result = run_network_check([server.url])
    assert (result.status, result.code) == (CheckStatus.FAIL, t.CERT_WRONG_HOST)
    assert result.remedy_code == t.R_HTTPS_OR_CLOCK
    assert result.metrics["cert_days_left"] == pytest.approx(90, abs=1)


def test_certificate_from_an_unknown_authority_fails() -> None:
    # verify=True: only the bundled public authorities are trusted, not the test CA
    with serve_http(cert=pki().valid) as server:
        result = run_network_check([server.url], verify=True)
    assert (result.status, result.code) == (CheckStatus.FAIL, t.CERT_UNTRUSTED)
    assert result.remedy_code == t.R_HTTPS_OR_CLOCK


def test_https_through_a_proxy_tunnel(monkeypatch: pytest.MonkeyPatch) -> None:
    with serve_http(cert=pki().valid) as server, serve_http() as proxy:
        monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
        result = run_network_check([server.url])
    assert proxy.requests[0] == f"CONNECT 127.0.0.1:{server.port}"
    assert result.metrics["proxy"] == f"http://127.0.0.1:{proxy.port}"
    # DNS and TCP are timed to the proxy; TLS happens inside the tunnel, checked by requests
    assert result.metrics["tls_handshake_ms"] is None
    assert result.metrics["latency_median_ms"] is not None
    assert server.requests  # the requests reached the HTTPS server through the tunnel
    assert (result.status, result.code) == (CheckStatus.PASS, t.PROXY_IN_USE)


def test_expired_certificate_behind_a_proxy_still_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    with serve_http(cert=pki().expired) as server, serve_http() as proxy:
        monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
        result = run_network_check([server.url])
    assert (result.status, result.code) == (CheckStatus.FAIL, t.CERT_EXPIRED)
    assert result.remedy_code == t.R_HTTPS_OR_CLOCK
    assert t.PROXY_IN_USE in result.metrics["notes"]
