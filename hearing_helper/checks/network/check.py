"""``NetworkCheck``: probe every endpoint of the platform (and its STUN servers) in one budget.

Endpoints are probed one after another, each getting an equal share of the time still left;
inside an endpoint every phase gets a weighted share of what is left, so time a fast phase does
not use rolls on to the next. STUN runs alongside as a job of its own (background_core).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from typing import Any

from hearing_helper.background_core import start_job
from hearing_helper.checks.base import (
    CancelledError,
    CancelToken,
    CheckContext,
    CheckResult,
    CheckStatus,
)
from hearing_helper.checks.network import texts as t
from hearing_helper.checks.network.endpoint import probe_endpoint
from hearing_helper.checks.network.stun import stun_probe
from hearing_helper.checks.network.timing import Deadline
from hearing_helper.checks.network.verdict import Finding, decisive, endpoint_findings, udp_findings
from hearing_helper.checks.thresholds import effective_thresholds
from hearing_helper.domain.record import now_local

log = logging.getLogger(__name__)

# The figures of the deciding endpoint repeated at the top level of the metrics.
FIGURES = (
    "dns_ms",
    "tcp_connect_ms",
    "tls_handshake_ms",
    "cert_days_left",
    "latency_median_ms",
    "latency_p90_ms",
    "jitter_ms",
    "failures_pct",
    "download_mbps",
    "upload_mbps",
    "clock_skew_s",
    "proxy",
)
DEFAULT_BUDGET_S = 10.0
SAFETY_S = 0.15  # kept back from the budget for joining threads and building the result
STUN_MAX_S = 3.0  # covers RFC 5389's retransmissions at 0, 0.5 and 1.5 s


class Progress:
    """Calls the page's ``progress(phase, partial)`` one at a time; its errors never break
    the check."""

    def __init__(self, callback: Callable[[str, dict[str, Any]], None] | None) -> None:
        self._callback = callback
        self._lock = threading.Lock()

    def __call__(self, phase: str, partial: dict[str, Any]) -> None:
        if self._callback is None:
            return
        with self._lock:
            try:
                self._callback(phase, dict(partial))
            except Exception:  # a broken display must not break the measurement
                log.exception("Network check progress callback failed")


class NetworkCheck:
    """Can this PC reach the hearing platform well enough for video? (DESIGN section 4)"""

    id = "network"
    title_key = t.TITLE
    needs = ("network",)

    def __init__(self, budget_s: float = DEFAULT_BUDGET_S) -> None:
        self.default_budget_s = budget_s
        # The runner's hard limit: the budget plus room to hand the result back.
        self.timeout_s = budget_s + 2.0

    def budget_s(self, ctx: CheckContext) -> float:
        """``ctx.options["network_timeout_s"]`` when it is a positive number, else the default."""
        value = ctx.options.get("network_timeout_s", self.default_budget_s)
        try:
            budget = float(value)
        except (TypeError, ValueError):
            return self.default_budget_s
        return budget if budget > 0 else self.default_budget_s

    def run(self, ctx: CheckContext, cancel: CancelToken) -> CheckResult:
        started = now_local()
        clock = time.monotonic()
        budget = self.budget_s(ctx)
        deadline = Deadline(max(0.05, budget - SAFETY_S), start=clock)
        options = ctx.options
        report = Progress(options.get("progress"))
        thresholds = {**effective_thresholds(), **dict(ctx.thresholds)}
        if not ctx.endpoints and not ctx.stun_servers:
            return CheckResult(
                self.id, CheckStatus.SKIPPED, t.NO_ENDPOINTS, {}, t.R_CHECK_ADDRESS, started
            )

        stun_results: list[dict[str, Any]] = []
        stun = start_job(
            partial(
                self._run_stun, ctx.stun_servers, deadline, options, cancel, report, stun_results
            ),
            name="netcheck-stun",
        )
        endpoints: list[dict[str, Any]] = []
        for index, url in enumerate(ctx.endpoints):
            share = 1 / (len(ctx.endpoints) - index)
            endpoints.append(probe_endpoint(url, deadline.slice(share), cancel, options, report))
        stun.wait_for(None, should_stop=lambda: cancel.cancelled)
        cancel.raise_if_cancelled()
        if stun.error is not None:  # a bug, not a network fault: the endpoints' result stands
            log.error("The STUN probes failed", exc_info=stun.error)
        return self._result(endpoints, stun_results, thresholds, budget, clock, started)

    @staticmethod
    def _run_stun(
        servers: list[str],
        deadline: Deadline,
        options: Mapping[str, Any],
        cancel: CancelToken,
        report: Progress,
        out: list[dict[str, Any]],
    ) -> None:
        limit = float(options.get("network_stun_s", STUN_MAX_S))
        for index, server in enumerate(servers):
            try:
                share = deadline.earliest(limit).slice(1 / (len(servers) - index))
                probe = stun_probe(server, share, cancel)
            except CancelledError:
                return
            entry = {
                "server": server,
                "stun_rtt_ms": probe.rtt_ms,
                "mapped_address": probe.mapped_address,
                "error": probe.error,
            }
            out.append(entry)
            report("stun", entry)

    def _result(
        self,
        endpoints: list[dict[str, Any]],
        stun: list[dict[str, Any]],
        thresholds: Mapping[str, float],
        budget: float,
        clock: float,
        started: datetime,
    ) -> CheckResult:
        all_findings: list[Finding] = []
        deciding: dict[str, Any] | None = None
        worst = -1
        for entry in endpoints:
            findings = endpoint_findings(entry, thresholds)
            main = decisive(findings)
            entry.update(
                status=str(main.status),
                code=main.code,
                remedy_code=main.remedy_code,
                notes=[f.code for f in findings if f.code != main.code],
            )
            if main.status.severity > worst:
                worst, deciding = main.status.severity, entry
            all_findings += findings
        all_findings += udp_findings(stun)
        main = decisive(all_findings)
        answered = [s["stun_rtt_ms"] for s in stun if s["stun_rtt_ms"] is not None]
        metrics: dict[str, Any] = {
            "endpoint": deciding["url"] if deciding else "",
            **{key: (deciding or {}).get(key) for key in FIGURES},
            "stun_rtt_ms": min(answered) if answered else None,
            "udp_blocked": (not answered) if stun else None,
            "endpoints": endpoints,
            "stun": stun,
            "notes": list(dict.fromkeys(f.code for f in all_findings if f.code != main.code)),
            "budget_s": budget,
            "elapsed_s": round(time.monotonic() - clock, 2),
        }
        if not endpoints:
            metrics["proxy"] = None
        log.info("Network check: %s %s in %.2f s", main.status, main.code, metrics["elapsed_s"])
        return CheckResult(
            self.id, main.status, main.code, metrics, main.remedy_code, started, now_local()
        )
