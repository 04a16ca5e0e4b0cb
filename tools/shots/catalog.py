"""Screens of the catalog feature: the App install page, the Join page, the litigant view of
both, and the join slip (PDF rendered to PNG with pdftoppm), for review in both languages."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from hearing_helper.domain.enums import DeviceKind
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.services import AppServices
from shots._common import save

CLERK = ClerkProfile(staff_id="A017", name="刘芳", desk="2号窗口", court="河北省某县人民法院")
INVITATION = (
    "刘芳 邀请您参加腾讯会议\n会议主题：（2026）冀1126民初1234号 庭审\n"
    "会议时间：2026/12/01 09:30-11:30 (GMT+08:00) 中国标准时间 - 北京\n\n"
    "点击链接入会，或添加至会议列表：\nhttps://meeting.tencent.com/dm/Xy7kPq2RtZ\n\n"
    "#腾讯会议：632-418-907\n会议密码：2580\n"
)


def _record(device: DeviceKind = DeviceKind.OWN_ANDROID) -> AssistRecord:
    record = AssistRecord(clerk=CLERK)
    record.intake.case_number = "（2026）冀1126民初1234号"
    record.intake.hearing_at = datetime(2026, 12, 1, 9, 30).astimezone()
    record.intake.court = CLERK.court
    record.intake.platform_id = "tencent_meeting"
    record.intake.litigant_name = "王建国"
    record.intake.device = device
    return record


def render(out_dir: Path, lang: str) -> list[Path]:
    from hearing_helper.ui.install import InstallPage
    from hearing_helper.ui.join import JoinPage
    from hearing_helper.ui.litigant_view import LitigantWindow

    services = AppServices.open(Path(tempfile.mkdtemp(prefix="hh-shots-catalog-")))
    services.settings.set("language", lang)
    services.settings.set("help_desk_phone", "0311-8765 4321")
    written: list[Path] = []
    try:
        install = InstallPage(services)
        install.resize(1180, 800)
        install.load(_record())
        written.append(save(install, out_dir / "catalog_install_download.png"))
        litigant = LitigantWindow()
        litigant.resize(1280, 800)
        litigant.show_content(install.litigant_content())
        written.append(save(litigant, out_dir / "catalog_litigant_install.png"))
        install.mark("done")
        install.mark("done")
        install.mark("done")
        install.mark("failed")
        install.problem_combo.setCurrentIndex(install.problem_combo.findData("permission_denied"))
        written.append(save(install, out_dir / "catalog_install_problem.png"))
        iphone = InstallPage(services)
        iphone.resize(1180, 800)
        iphone_record = _record(DeviceKind.OWN_IPHONE)
        iphone_record.intake.platform_id = "court_online"
        iphone.load(iphone_record)
        iphone.show_step(1)
        written.append(save(iphone, out_dir / "catalog_install_mini_program.png"))

        join = JoinPage(services)
        join.resize(1180, 700)
        record = _record()
        join.load(record)
        join.invitation.setPlainText(INVITATION)
        join.read_invitation()
        join.open_url = lambda _url: True  # type: ignore[assignment]  # no browser in shots
        join.open_on_pc()
        written.append(save(join, out_dir / "catalog_join.png"))
        litigant.show_content(join.litigant_content())
        written.append(save(litigant, out_dir / "catalog_litigant_join.png"))
        with tempfile.TemporaryDirectory() as tmp:
            for paper in ("A4", "A5"):
                join.paper.setCurrentIndex(join.paper.findData(paper))
                pdf = Path(tmp) / f"slip-{paper}.pdf"
                join.save_slip(pdf)
                if shutil.which("pdftoppm"):
                    target = out_dir / f"catalog_slip_{paper}"
                    subprocess.run(
                        ["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf), str(target)],
                        check=True,
                        timeout=60,
                    )
                    written.append(target.with_suffix(".png"))
        bad = JoinPage(services)
        bad.resize(1180, 700)
        bad.load(_record())
        bad.set_fields("javascript:alert(1)", "63241890", "25a")
        written.append(save(bad, out_dir / "catalog_join_errors.png"))
        for widget in (install, iphone, join, bad, litigant):
            widget.close()
            widget.deleteLater()
    finally:
        services.close()
    return written
