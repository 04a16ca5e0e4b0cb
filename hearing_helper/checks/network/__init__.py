"""Network path checks to the hearing platform (DESIGN section 4): pure Python, no Qt.

Public API
----------
``NetworkCheck`` (id ``"network"``) tests ``ctx.endpoints`` (http/https URLs) and
``ctx.stun_servers`` (``"host:port"``) and returns one ``CheckResult``. ``TEXTS`` maps every
``code`` and ``remedy_code`` to English text marked ``QT_TRANSLATE_NOOP("checks", ...)``;
``METRIC_LABELS`` and ``UNITS`` name the figures. The UI shows
``QCoreApplication.translate("checks", TEXTS[code])``.

Options (``ctx.options``)
-------------------------
``network_timeout_s``  overall budget, default 10 s; ``run()`` returns within it.
``network_requests``   timed HTTP requests per endpoint (N, after one warm-up), default 10.
``network_transfer_s`` most seconds spent on each of download and upload, default 2.
``network_stun_s``     most seconds waiting for STUN answers, default 3 (runs in parallel).
``verify``             ``True`` (requests' CA bundle), ``False``, or a CA file/dir path.
``progress``           ``callable(phase: str, partial: dict)``, called step by step so a page can
                       show results as they arrive. It is called from the check's worker threads
                       (one call at a time), so a Qt page must re-emit it as a signal (queued to
                       the GUI thread) and do nothing slow in it. ``phase`` is one of ``address``,
                       ``dns``, ``tcp``, ``tls``, ``latency`` (after every request, with the
                       running figures), ``download``, ``upload`` and ``stun``; ``partial`` holds
                       ``"endpoint"`` (the URL) or ``"server"`` (STUN) plus that phase's figures,
                       with the same keys as the per-endpoint metrics below.

Result
------
``status`` is decided by the worst endpoint (and UDP: blocked -> warn). ``metrics``:

- the deciding endpoint's figures at the top level: ``endpoint`` (its URL), ``dns_ms``,
  ``tcp_connect_ms``, ``tls_handshake_ms``, ``cert_days_left``, ``latency_median_ms``,
  ``latency_p90_ms``, ``jitter_ms`` (mean absolute difference of consecutive latencies),
  ``failures_pct``, ``download_mbps``, ``upload_mbps``, ``clock_skew_s`` (this PC minus the
  server; positive = PC ahead), ``proxy`` (URL without credentials, ``""`` when direct);
- ``stun_rtt_ms`` (best answer, None if none) and ``udp_blocked`` (None without STUN servers);
- ``endpoints``: one dict per URL with the figures above plus ``status``, ``code``,
  ``remedy_code``, ``notes``, ``addresses``, ``tls_version``, ``cert_not_after``,
  ``latency_samples_ms``, ``latency_first_ms`` (the warm-up), ``requests``, ``http_statuses``,
  ``download_bytes``/``_s``, ``upload_bytes``/``_s`` and the reason keys ``address_error``,
  ``dns_error``, ``tcp_error``, ``tls_error``, ``http_error``, ``download_error``,
  ``upload_error`` ("" when fine);
- ``stun``: one dict per server (``server``, ``stun_rtt_ms``, ``mapped_address``, ``error``);
- ``notes``: the other codes found (e.g. ``network.proxy_in_use``); ``budget_s``, ``elapsed_s``.

A figure that could not be measured is ``None``. Cancelling the token makes ``run()`` raise
``CancelledError`` within ~50 ms.
"""

from __future__ import annotations

from hearing_helper.checks.network.check import NetworkCheck
from hearing_helper.checks.network.texts import METRIC_LABELS, TEXTS, TITLE, UNITS

__all__ = ["METRIC_LABELS", "TEXTS", "TITLE", "UNITS", "NetworkCheck"]
