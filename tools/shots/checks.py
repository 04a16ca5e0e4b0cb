"""Screens of the device-checks feature: the Device checks page with every check passing (fake
devices), with the real devices of this machine (none here: no camera, no sound server), and
with a microphone that is too quiet; plus the litigant view's instruction."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from hearing_helper.checks.fake_devices import FakeDeviceProvider
from hearing_helper.checks.phone_checklist import Answer
from hearing_helper.domain.enums import DeviceKind
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.services import AppServices
from shots._common import save, settle

CLERK = ClerkProfile(staff_id="A017", name="刘芳", desk="2号窗口", court="河北省某县人民法院")
SIZE = (1280, 980)


def _wait_for_run(page: object, limit_ms: int = 30000) -> None:
    loop = QEventLoop()
    page.controller.finished.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(limit_ms, loop.quit)
    if page.controller.running:  # type: ignore[attr-defined]
        loop.exec()
    settle()


def _record() -> AssistRecord:
    record = AssistRecord(clerk=CLERK)
    record.intake.platform_id = ""  # no platform: the network check has no address to test
    record.intake.device = DeviceKind.OWN_ANDROID
    return record


def _page(services: AppServices, provider: object) -> object:
    from hearing_helper.ui.checks import ChecksPage

    page = ChecksPage(services, provider=provider)
    page.resize(*SIZE)
    page.load(_record())
    return page


def render(out_dir: Path, lang: str) -> list[Path]:
    from hearing_helper.ui.checks.fakes import FakeLiveDevices
    from hearing_helper.ui.litigant_view import LitigantWindow

    written: list[Path] = []
    services = AppServices.open(Path(tempfile.mkdtemp(prefix="hh-shots-checks-")))
    services.settings.set("language", lang)
    try:
        good = _page(services, FakeLiveDevices(FakeDeviceProvider()))
        good.run_all()  # type: ignore[attr-defined]
        _wait_for_run(good)
        for item, answer in (
            ("os_version", Answer.PASS),
            ("storage", Answer.PASS),
            ("network", Answer.PASS),
            ("permissions", Answer.PASS),
            ("app_store", Answer.PASS),
            ("wechat", Answer.NOT_APPLICABLE),
        ):
            good.phone.choose(item, answer)  # type: ignore[attr-defined]
        written.append(save(good, out_dir / "checks_all_pass.png"))

        quiet = _page(
            services, FakeLiveDevices(FakeDeviceProvider(mic_level_dbfs=-57.0), level_dbfs=-57.0)
        )
        quiet.rerun("microphone")  # type: ignore[attr-defined]
        _wait_for_run(quiet)
        quiet.phone.choose("storage", Answer.FAIL)  # type: ignore[attr-defined]
        quiet._running.add("microphone")  # type: ignore[attr-defined]
        quiet._update_activity()  # type: ignore[attr-defined]
        written.append(save(quiet, out_dir / "checks_microphone_quiet.png"))
        litigant = LitigantWindow()
        litigant.resize(1280, 800)
        litigant.show_content(quiet.litigant_content())  # type: ignore[attr-defined]
        written.append(save(litigant, out_dir / "checks_litigant_microphone.png"))

        real = _page(services, None)  # QtDeviceProvider: this machine's real devices
        real.run_all()  # type: ignore[attr-defined]
        _wait_for_run(real)
        written.append(save(real, out_dir / "checks_real_devices.png"))
        for page in (good, quiet, real):
            page.leave()  # type: ignore[attr-defined]
    finally:
        services.close()
    return written
