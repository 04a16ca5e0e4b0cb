"""End to end: ``hearing-helper check --json --only network --url ...`` against local servers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.netservers import Behaviour, serve_http

ROOT = Path(__file__).resolve().parent.parent


def _check(data_dir: Path, *urls: str) -> tuple[int, dict[str, Any]]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
    }
    command = [sys.executable, "-m", "hearing_helper", "check", "--json", "--only", "network"]
    for url in urls:
        command += ["--url", url]
    completed = subprocess.run(
        [*command, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    results = json.loads(completed.stdout)
    assert [r["id"] for r in results] == ["network"], completed.stderr
    return completed.returncode, results[0]


def test_cli_measures_a_server_that_delays_every_answer(data_dir: Path) -> None:
    with serve_http(Behaviour(delay_s=0.12)) as server:
        code, result = _check(data_dir, server.url)
    metrics = result["metrics"]
    assert 100 <= metrics["latency_median_ms"] <= 250
    assert len(metrics["endpoints"][0]["latency_samples_ms"]) == 10
    assert (result["status"], code) == ("pass", 0)
    for key in ("dns_ms", "tcp_connect_ms", "jitter_ms", "failures_pct", "upload_mbps"):
        assert isinstance(metrics[key], int | float), key


def test_cli_exits_1_on_a_name_that_does_not_exist(data_dir: Path) -> None:
    code, result = _check(data_dir, "http://no-such-host.invalid/")
    assert code == 1
    assert (result["status"], result["code"]) == ("fail", "network.dns_failed")
    assert result["remedy_code"] == "network.remedy.check_cable_or_blocked"


def test_cli_exit_code_follows_the_worst_endpoint(data_dir: Path) -> None:
    with serve_http() as good, serve_http(Behaviour(status=502)) as broken:
        code, result = _check(data_dir, good.url, broken.url)
    assert code == 1
    assert result["code"] == "network.http_server_error"
    assert [e["status"] for e in result["metrics"]["endpoints"]] == ["pass", "fail"]
