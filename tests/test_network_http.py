"""The network check against real HTTP servers on 127.0.0.1: latency, failures, clock, speed,
proxy, refused connections and name lookup failure."""

from __future__ import annotations

import pytest

from hearing_helper.checks.base import CheckStatus
from hearing_helper.checks.network import texts as t
from tests.netservers import (
    Behaviour,
    clear_proxy_environment,
    refused_port,
    run_network_check,
    serve_http,
)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxy_environment(monkeypatch)


def test_injected_delay_of_100_ms_is_measured() -> None:
    with serve_http(Behaviour(delay_s=0.1)) as server:
        result = run_network_check([server.url])
    m = result.metrics
    assert 100 <= m["latency_median_ms"] <= 150
    assert m["latency_median_ms"] <= m["latency_p90_ms"] <= 200
    assert m["jitter_ms"] < 30
    assert m["failures_pct"] == 0.0
    assert len(m["endpoints"][0]["latency_samples_ms"]) == 5
    assert m["dns_ms"] == 0.0 and m["tcp_connect_ms"] is not None
    assert m["tls_handshake_ms"] is None  # plain HTTP
    assert m["download_mbps"] is None  # a 512-byte page says nothing about speed
    assert m["upload_mbps"] > 1.5
    assert abs(m["clock_skew_s"]) <= 1.0
    assert m["proxy"] == ""
    assert (result.status, result.code) == (CheckStatus.PASS, t.OK)


def test_slow_answers_warn_with_a_plain_remedy() -> None:
    with serve_http(Behaviour(delay_s=0.06)) as server:
        result = run_network_check(
            [server.url], thresholds={"network.rtt_warn_ms": 50.0, "network.rtt_fail_ms": 400.0}
        )
    assert (result.status, result.code) == (CheckStatus.WARN, t.HIGH_LATENCY)
    assert result.remedy_code == t.R_IMPROVE_CONNECTION
    assert result.metrics["latency_median_ms"] >= 60


def test_server_errors_fail() -> None:
    with serve_http(Behaviour(status=503)) as server:
        result = run_network_check([server.url])
    assert (result.status, result.code) == (CheckStatus.FAIL, t.HTTP_SERVER_ERROR)
    assert result.remedy_code == t.R_PLATFORM_TROUBLE
    assert result.metrics["failures_pct"] == 100.0
    assert result.metrics["endpoints"][0]["http_statuses"] == [503]


def test_some_server_errors_count_as_failures() -> None:
    with serve_http(Behaviour(fail_every=3)) as server:
        result = run_network_check([server.url], network_requests=6)
    m = result.metrics
    assert m["failures_pct"] == pytest.approx(28.6)  # 2 of 7: the warm-up GET counts too
    assert m["latency_median_ms"] is not None
    assert (result.status, result.code) == (CheckStatus.FAIL, t.HTTP_SERVER_ERROR)


def test_dropped_connections_fail() -> None:
    with serve_http(Behaviour(drop=True)) as server:
        result = run_network_check([server.url])
    assert (result.status, result.code) == (CheckStatus.FAIL, t.CONNECTION_DROPPED)
    assert result.metrics["failures_pct"] == 100.0
    assert result.metrics["endpoints"][0]["http_error"] == "dropped"


def test_wrong_date_header_means_wrong_clock() -> None:
    with serve_http(Behaviour(date_offset_s=-3600)) as server:
        result = run_network_check([server.url])
    assert result.metrics["clock_skew_s"] == pytest.approx(3600, abs=1.5)
    assert (result.status, result.code) == (CheckStatus.WARN, t.CLOCK_SKEW)
    assert result.remedy_code == t.R_CORRECT_CLOCK


def test_slow_download_fails() -> None:
    behaviour = Behaviour(body_size=2_000_000, rate_bytes_per_s=40_000)  # 0.32 Mbit/s
    with serve_http(behaviour) as server:
        result = run_network_check([server.url], network_transfer_s=0.8)
    m = result.metrics
    assert 0.15 < m["download_mbps"] < 0.5
    assert (result.status, result.code) == (CheckStatus.FAIL, t.SLOW_DOWNLOAD)


def test_fast_download_is_measured() -> None:
    with serve_http(Behaviour(body_size=4_000_000)) as server:
        result = run_network_check([server.url])
    endpoint = result.metrics["endpoints"][0]
    assert endpoint["download_bytes"] > 1_000_000
    assert result.metrics["download_mbps"] > 10
    assert result.status == CheckStatus.PASS


def test_stalled_download_fails_within_its_slice() -> None:
    behaviour = Behaviour(body_size=5_000_000, stall_after_bytes=8192)
    with serve_http(behaviour) as server:
        result = run_network_check([server.url], network_transfer_s=0.5)
    endpoint = result.metrics["endpoints"][0]
    assert endpoint["download_bytes"] == 8192
    assert endpoint["download_s"] == pytest.approx(0.5, abs=0.15)
    assert result.metrics["download_mbps"] < 0.5
    assert (result.status, result.code) == (CheckStatus.FAIL, t.SLOW_DOWNLOAD)
    assert result.metrics["elapsed_s"] < 4.0


def test_slow_upload_fails() -> None:
    with serve_http(Behaviour(upload_rate_bytes_per_s=20_000)) as server:
        result = run_network_check([server.url], network_transfer_s=0.8)
    assert result.metrics["upload_mbps"] < 0.5
    assert (result.status, result.code) == (CheckStatus.FAIL, t.SLOW_UPLOAD)


def test_address_refusing_uploads_gives_no_upload_figure() -> None:
    with serve_http(Behaviour(post_status=405, body_size=300_000)) as server:
        result = run_network_check([server.url])
    endpoint = result.metrics["endpoints"][0]
    assert endpoint["upload_error"] == "status"
    assert result.metrics["upload_mbps"] is None
    assert result.metrics["download_mbps"] > 1.5
    assert (result.status, result.code) == (CheckStatus.PASS, t.OK)


def test_connection_refused() -> None:
    result = run_network_check([f"http://127.0.0.1:{refused_port()}/"])
    assert (result.status, result.code) == (CheckStatus.FAIL, t.CONNECTION_REFUSED)
    assert result.remedy_code == t.R_SITE_REFUSES
    assert result.metrics["endpoints"][0]["tcp_error"] == "refused"
    assert result.metrics["latency_median_ms"] is None


def test_unknown_name_is_a_dns_failure() -> None:
    result = run_network_check(["http://no-such-host.invalid/"])
    assert (result.status, result.code) == (CheckStatus.FAIL, t.DNS_FAILED)
    assert result.remedy_code == t.R_CHECK_CABLE
    assert result.metrics["endpoints"][0]["dns_error"] in ("not_found", "error", "timeout")
    assert result.metrics["endpoint"] == "http://no-such-host.invalid/"


def test_proxy_from_the_environment_is_used_and_noted(monkeypatch: pytest.MonkeyPatch) -> None:
    with serve_http() as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"http://clerk:secret@127.0.0.1:{proxy.port}")
        # the name is only ever sent to the proxy: no lookup of it happens here
        result = run_network_check(["http://platform.invalid/hearing"])
    assert proxy.requests and proxy.requests[0] == "http://platform.invalid/hearing"
    assert result.metrics["proxy"] == f"http://127.0.0.1:{proxy.port}"  # no password shown
    assert (result.status, result.code) == (CheckStatus.PASS, t.PROXY_IN_USE)
    assert result.remedy_code == t.R_PROXY_NOTED


def test_proxy_that_does_not_answer_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{refused_port()}")
    result = run_network_check(["http://platform.invalid/"])
    assert (result.status, result.code) == (CheckStatus.FAIL, t.PROXY_FAILED)
    assert result.remedy_code == t.R_PROXY_BROKEN


def test_addresses_that_are_not_web_addresses() -> None:
    result = run_network_check(["ftp://127.0.0.1/", "127.0.0.1"])
    assert (result.status, result.code) == (CheckStatus.FAIL, t.BAD_ADDRESS)
    assert [e["address_error"] for e in result.metrics["endpoints"]] == ["not_http_url"] * 2


def test_nothing_to_test_is_skipped() -> None:
    result = run_network_check([])
    assert (result.status, result.code) == (CheckStatus.SKIPPED, t.NO_ENDPOINTS)
