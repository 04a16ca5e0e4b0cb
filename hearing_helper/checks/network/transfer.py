"""Time-bounded throughput in Mbit/s: a streamed download and POSTs of generated data.

The download runs in a helper thread that shares its progress with the caller, so a transfer
cut off by the deadline (slow or stalled) is still measured from what got through.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from dataclasses import dataclass

import requests
import urllib3.exceptions

from hearing_helper.checks.base import CancelToken
from hearing_helper.checks.network.http_probe import CHUNK, classify_error
from hearing_helper.checks.network.timing import Deadline, PhaseTimeoutError, run_bounded

log = logging.getLogger(__name__)

MIN_SAMPLE_BYTES = 64 * 1024  # a shorter complete download says nothing about throughput
UPLOAD_BLOCK = 32 * 1024
FIRST_UPLOAD = 32 * 1024  # small enough that a 0.5 Mbit/s uplink answers within a second
MAX_UPLOAD = 8 * 1024 * 1024


@dataclass
class TransferResult:
    bytes: int = 0
    seconds: float = 0.0
    mbps: float | None = None
    complete: bool = False  # the body ended / the server answered before the time was up
    status: int | None = None
    error: str = ""  # a classify_error kind, "status" (a >= 400 answer) or "too_small"


class _Progress:
    """(time, bytes so far) samples written by the download thread, read by the caller."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, int]] = []
        self.stop = threading.Event()

    @property
    def bytes(self) -> int:
        return self.samples[-1][1] if self.samples else 0

    def add(self, amount: int) -> None:
        self.samples.append((time.perf_counter(), self.bytes + amount))


def _mbps(amount: int, seconds: float) -> float:
    return round(amount * 8 / max(seconds, 1e-4) / 1e6, 2)


def measure_download(
    session: requests.Session,
    url: str,
    verify: bool | str,
    deadline: Deadline,
    cancel: CancelToken,
) -> TransferResult:
    """Stream ``url`` until its end or the deadline; Mbit/s over the body's transfer time."""
    result = TransferResult()
    progress = _Progress()

    def work() -> None:
        left = max(0.01, deadline.remaining())
        with session.get(
            url,
            stream=True,
            timeout=(left, left),
            verify=verify,
            headers={"Accept-Encoding": "identity"},
        ) as response:
            result.status = response.status_code
            if response.status_code >= 400:
                result.error = "status"
                return
            progress.add(0)
            while not (progress.stop.is_set() or cancel.cancelled or deadline.expired()):
                chunk = response.raw.read1(CHUNK, decode_content=False)
                if not chunk:
                    result.complete = True
                    return
                progress.add(len(chunk))

    try:
        run_bounded(work, deadline, cancel, name="download")
    except PhaseTimeoutError:
        pass  # stalled or slow: what arrived so far is the measurement
    except (requests.RequestException, OSError, urllib3.exceptions.HTTPError) as exc:
        kind = classify_error(exc)
        if kind != "timeout":  # a read timeout at the deadline is a stall, not an error
            result.error = kind
        log.info("Download from %s ended: %s", url, exc)
    finally:
        progress.stop.set()
    samples = list(progress.samples)
    if not samples:
        return result
    end = samples[-1][0] if result.complete else time.perf_counter()
    result.bytes = samples[-1][1]
    result.seconds = round(end - samples[0][0], 3)
    if result.complete and result.bytes < MIN_SAMPLE_BYTES:
        result.error = result.error or "too_small"
    elif not result.error or result.bytes >= MIN_SAMPLE_BYTES:
        result.mbps = _mbps(result.bytes, result.seconds)
    return result


def measure_upload(
    session: requests.Session,
    url: str,
    verify: bool | str,
    deadline: Deadline,
    cancel: CancelToken,
    round_trip_s: float = 0.0,
) -> TransferResult:
    """POST bodies of growing size (32 KB, x4 each time) while the next one still fits.

    Each POST is timed from sending to the server's answer, so data sitting in send buffers
    is never counted as sent; the largest answered POST gives the speed. When not even the
    first is answered in time, the uplink is slower than its size over the time waited, and
    that upper bound is the figure. ``round_trip_s`` (the measured HTTP latency) is taken off
    each POST's time, as the answer's own wait is not upload time.
    """
    result = TransferResult()
    size = FIRST_UPLOAD
    best: tuple[int, float] | None = None  # (bytes, seconds) of the largest answered POST
    started = time.perf_counter()
    while not cancel.cancelled:
        left = deadline.remaining()
        if left < 0.02:
            break
        body = _upload_body(size)
        began = time.perf_counter()
        try:
            status: int = run_bounded(
                functools.partial(_post, session, url, verify, body, left),
                deadline,
                cancel,
                name="upload",
            )
        except PhaseTimeoutError:
            break
        except (requests.RequestException, OSError, urllib3.exceptions.HTTPError) as exc:
            result.error = classify_error(exc)
            log.info("Upload to %s ended: %s", url, exc)
            break
        seconds = time.perf_counter() - began
        seconds = max(seconds - round_trip_s, seconds / 4)
        result.status = status
        if status >= 400:
            # A refused POST (405, 413, 5xx) may be answered before the body was read: the
            # time then says nothing about the uplink.
            result.error = "status"
            break
        best = (size, seconds)
        if size >= MAX_UPLOAD or seconds * 4 > deadline.remaining():
            break
        size *= 4
    if cancel.cancelled:
        return result
    if best is not None:
        result.complete = True
        result.error = ""  # a later, bigger POST cut short or refused leaves this one valid
        result.bytes, seconds = best[0], best[1]
    elif not result.error or result.error == "timeout":
        result.error = "timeout"
        result.bytes, seconds = size, time.perf_counter() - started
    else:
        return result
    result.seconds = round(seconds, 3)
    result.mbps = _mbps(result.bytes, seconds)
    return result


def _upload_body(size: int) -> bytes:
    block = os.urandom(UPLOAD_BLOCK)  # incompressible, so a proxy cannot shrink it
    return block * (size // UPLOAD_BLOCK)


def _post(session: requests.Session, url: str, verify: bool | str, body: bytes, left: float) -> int:
    with session.post(
        url,
        data=body,
        timeout=(left, left),
        verify=verify,
        headers={"Content-Type": "application/octet-stream"},
    ) as response:
        return response.status_code
