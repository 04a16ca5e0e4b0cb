"""Screens of the network check on the Device checks page: good, slow and unreachable.

The page runs the real network check (through its controller and the check runner) against
servers started here on 127.0.0.1 (``tests/netservers.py``); "unreachable" is a ``.invalid``
name, which no resolver answers. Nothing else on the network is touched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from hearing_helper.domain.enums import DeviceKind
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.services import AppServices
from shots._common import settle

CLERK = ClerkProfile(staff_id="A017", name="刘芳", desk="2号窗口", court="河北省某县人民法院")
SIZE = (1280, 980)
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@contextlib.contextmanager
def _direct_connections() -> Iterator[None]:
    """The servers are on 127.0.0.1: keep a developer's proxy settings out of the way."""
    saved = {
        name: os.environ.pop(name)
        for base in PROXY_VARIABLES
        for name in (base, base.upper())
        if name in os.environ
    }
    try:
        yield
    finally:
        os.environ.update(saved)


def _network_page(services: AppServices, urls: list[str]) -> QWidget:
    from hearing_helper.ui.checks import ChecksPage
    from hearing_helper.ui.checks.fakes import FakeLiveDevices

    services.settings.set("network_urls", urls)
    page = ChecksPage(services, provider=FakeLiveDevices())
    page.resize(*SIZE)
    record = AssistRecord(clerk=CLERK)
    record.intake.device = DeviceKind.COURT_TERMINAL
    page.load(record)
    loop = QEventLoop()
    page.controller.finished.connect(loop.quit)
    QTimer.singleShot(20000, loop.quit)  # a safety net; the check's own budget is 5 s
    page.rerun("network")
    if page.controller.running:
        loop.exec()
    settle()
    return page


def _save(page: QWidget, path: Path) -> Path:
    page.show()
    settle()
    page.grab().save(str(path))
    page.leave()  # type: ignore[attr-defined]
    page.close()
    return path


def render(out_dir: Path, lang: str) -> list[Path]:
    from tests.netservers import Behaviour, serve_http

    services = AppServices.open(Path(tempfile.mkdtemp(prefix="hh-shots-network-")))
    services.settings.set("language", lang)
    services.settings.set("network_timeout_s", 5.0)
    written: list[Path] = []
    # Loopback would show thousands of Mbit/s: pace the good server like a decent line.
    good = Behaviour(delay_s=0.03, body_size=8_000_000, rate_bytes_per_s=2_500_000)
    # Slow Wi-Fi: answers take ~0.28 s and downloads run at ~1 Mbit/s (both "warn").
    slow = Behaviour(delay_s=0.28, body_size=8_000_000, rate_bytes_per_s=120_000)
    try:
        with _direct_connections(), serve_http(good) as fast, serve_http(slow) as sluggish:
            for name, urls in (
                ("network_good", [fast.url]),
                ("network_slow", [sluggish.url]),
                ("network_unreachable", ["https://hearing-platform.invalid/"]),
            ):
                page = _network_page(services, urls)
                written.append(_save(page, out_dir / f"{name}.png"))
    finally:
        services.close()
    return written
