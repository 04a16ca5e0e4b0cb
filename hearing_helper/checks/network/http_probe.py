"""HTTP measurements through ``requests``: sessions, proxies, error kinds, latency, clock skew.

One :class:`requests.Session` per endpoint with ``trust_env`` on, so the environment's and the
system's proxy settings (``HTTPS_PROXY``, ``NO_PROXY``, the Windows registry via
:func:`urllib.request.getproxies`) and ``REQUESTS_CA_BUNDLE`` apply exactly as for any other
``requests`` user; certificates are always verified unless the caller passes ``verify=False``.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.client import RemoteDisconnected
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
import urllib3.exceptions

from hearing_helper import __version__
from hearing_helper.checks.base import CancelToken
from hearing_helper.checks.network.probes import VERIFY_REASONS
from hearing_helper.checks.network.timing import Deadline, PhaseTimeoutError, ms, run_bounded

log = logging.getLogger(__name__)

BODY_READ_LIMIT = 256 * 1024  # a latency probe reads a page to its end up to this size
CHUNK = 16 * 1024


def new_session() -> requests.Session:
    session = requests.Session()  # trust_env stays True: system and environment proxies
    session.headers["User-Agent"] = f"HearingHelper/{__version__} network-check"
    session.headers["Cache-Control"] = "no-cache"
    return session


def _without_credentials(url: str) -> str:
    """Proxy URLs may carry user:password; never show or store that."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, "", "", ""))


def proxy_for(url: str) -> str:
    """The proxy requests will use for ``url`` ("" when it goes direct), without credentials."""
    chosen = requests.utils.select_proxy(url, requests.utils.get_environ_proxies(url))
    return _without_credentials(chosen) if chosen else ""


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        item = stack.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        stack += [item.__cause__, item.__context__, getattr(item, "reason", None), *item.args]


def certificate_problem(exc: BaseException) -> str:
    """ "expired", "wrong_host", ... when ``exc`` hides a certificate verification failure."""
    for item in _chain(exc):
        if isinstance(item, ssl.SSLCertVerificationError):
            return VERIFY_REASONS.get(item.verify_code, "untrusted")
    return ""


def classify_error(exc: BaseException) -> str:
    """Reduce a requests/urllib3/socket error to one of: proxy, dns, refused, tls, timeout,
    dropped, error."""
    chain = list(_chain(exc))

    def has(*kinds: type[BaseException]) -> bool:
        return any(isinstance(item, kinds) for item in chain)

    if has(requests.exceptions.ProxyError, urllib3.exceptions.ProxyError):
        return "proxy"
    if has(urllib3.exceptions.NameResolutionError) or any(
        type(item).__name__ == "gaierror" for item in chain
    ):
        return "dns"
    if has(ConnectionRefusedError):
        return "refused"
    if has(requests.exceptions.SSLError, ssl.SSLError):
        return "tls"
    if has(requests.exceptions.Timeout, TimeoutError, urllib3.exceptions.TimeoutError):
        return "timeout"
    if has(
        RemoteDisconnected,
        ConnectionResetError,
        BrokenPipeError,
        urllib3.exceptions.ProtocolError,
        requests.exceptions.ChunkedEncodingError,
        requests.exceptions.ConnectionError,
    ):
        return "dropped"
    return "error"


@dataclass
class LatencyResult:
    samples_ms: list[float] = field(default_factory=list)
    attempts: int = 0
    failures: int = 0
    failure_kinds: Counter[str] = field(default_factory=Counter)
    statuses: list[int] = field(default_factory=list)
    clock_skew_s: float | None = None
    warmup_ms: float | None = None  # the first answer, which also opened the connection
    certificate_problem: str = ""  # set when requests refused the certificate (via a proxy)

    @property
    def failures_pct(self) -> float | None:
        return round(100 * self.failures / self.attempts, 1) if self.attempts else None

    def main_failure(self) -> str:
        return self.failure_kinds.most_common(1)[0][0] if self.failure_kinds else ""


@dataclass
class _Answer:
    seconds: float
    status: int
    clock_skew_s: float | None


def _clock_skew(date_header: str | None, wall_before: float, wall_after: float) -> float | None:
    """This PC's clock minus the server's (positive: the PC is ahead), in seconds."""
    if not date_header:
        return None
    try:
        server = parsedate_to_datetime(date_header).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    # Date has whole seconds, truncated: the server's true time is on average half a second on.
    return round((wall_before + wall_after) / 2 - (server + 0.5), 1)


def _timed_get(session: requests.Session, url: str, verify: bool | str, timeout: float) -> _Answer:
    wall_before = time.time()
    started = time.perf_counter()
    with session.get(
        url, stream=True, timeout=(timeout, timeout), verify=verify, allow_redirects=False
    ) as response:
        seconds = time.perf_counter() - started
        wall_after = time.time()
        # Reading a small page to its end lets keep-alive reuse the connection next time; a
        # big or open-ended body is not waited for (closing drops the connection instead).
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) <= BODY_READ_LIMIT:
            for _chunk in response.iter_content(CHUNK):
                pass
        skew = _clock_skew(response.headers.get("Date"), wall_before, wall_after)
        return _Answer(seconds, response.status_code, skew)


def measure_latency(
    session: requests.Session,
    url: str,
    verify: bool | str,
    count: int,
    deadline: Deadline,
    cancel: CancelToken,
    on_sample: Callable[[LatencyResult], None] | None = None,
) -> LatencyResult:
    """``count`` timed GETs of ``url`` one after another, each timed to the response headers,
    after one warm-up GET that opens the connection (its TCP/TLS set-up would otherwise
    inflate the first time and the jitter).

    A 5xx answer or a transport error is a failure. A request cut short by the end of the
    phase only counts as a failure when nothing has answered yet (the server is silent).
    """
    result = LatencyResult()
    while result.attempts < count + 1:
        left = deadline.remaining()
        timed = result.samples_ms or ([result.warmup_ms] if result.warmup_ms else [])
        slowest = max(timed, default=0.0) / 1000
        if left <= 0.01 or (timed and left < 1.5 * slowest + 0.02):
            break
        go_on = _latency_attempt(session, url, verify, left, deadline, cancel, result)
        if on_sample:
            on_sample(result)
        if not go_on:
            break
    if not result.samples_ms and result.warmup_ms is not None:
        result.samples_ms.append(result.warmup_ms)  # time allowed no more: better than nothing
    return result


def _latency_attempt(
    session: requests.Session,
    url: str,
    verify: bool | str,
    left: float,
    deadline: Deadline,
    cancel: CancelToken,
    result: LatencyResult,
) -> bool:
    """One timed GET recorded into ``result``; False when the series should stop."""
    result.attempts += 1
    try:
        answer = run_bounded(
            lambda: _timed_get(session, url, verify, max(0.01, left - 0.02)),
            deadline,
            cancel,
            name="latency",
        )
    except (PhaseTimeoutError, requests.exceptions.Timeout) as exc:
        if result.warmup_ms is not None and left < 1.0:
            result.attempts -= 1  # the phase ended, the network did not fail
            return False
        result.failures += 1
        result.failure_kinds["timeout"] += 1
        log.info("Latency probe of %s timed out: %s", url, exc)
        return False
    except (requests.RequestException, OSError, ValueError) as exc:
        result.failures += 1
        result.failure_kinds[classify_error(exc)] += 1
        result.certificate_problem = result.certificate_problem or certificate_problem(exc)
        log.info("Latency probe of %s failed: %s", url, exc)
        # Three failures before any answer: it will not get better within this check.
        return not (result.failures >= 3 and result.warmup_ms is None)
    result.statuses.append(answer.status)
    if answer.status >= 500:
        result.failures += 1
        result.failure_kinds["server_error"] += 1
        return True
    if result.warmup_ms is None:
        result.warmup_ms = ms(answer.seconds)
    else:
        result.samples_ms.append(ms(answer.seconds))
    if result.clock_skew_s is None:
        result.clock_skew_s = answer.clock_skew_s
    return True
