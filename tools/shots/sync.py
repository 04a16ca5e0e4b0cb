"""The central database: the status line in its states, and the Central database page."""

from __future__ import annotations

import socket
import tempfile
from pathlib import Path

from hearing_helper.demo import generate_records
from hearing_helper.domain.record import ClerkProfile, now_local
from hearing_helper.services import AppServices
from hearing_helper.store.sync.sender import SyncStatus
from shots._common import save, settle, wait_for

CLERK = ClerkProfile(staff_id="A017", name="刘芳", desk="2号窗口", court="北京市朝阳区人民法院")


def _dead_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def render(out_dir: Path, lang: str) -> list[Path]:
    from hearing_helper.ui.main_window import MainWindow

    services = AppServices.open(Path(tempfile.mkdtemp(prefix="hh-shots-sync-")))
    services.settings.set("language", lang)
    services.settings.set("desk_name", "朝阳法院 2号窗口")
    services.repo.save_staff(CLERK)
    services.settings.set("last_staff_id", CLERK.staff_id)
    end = now_local().replace(microsecond=0)
    services.repo.import_finished(generate_records(12, seed=5, end=end, days=5), "demo")
    # Nothing listens there: the real "unreachable" state, with what waits.
    services.settings.set("central", f"postgresql://desk2@127.0.0.1:{_dead_port()}/court")
    written: list[Path] = []
    try:
        window = MainWindow(services)
        window.resize(1280, 800)
        window.show()
        window.start(offer_drafts=False)
        controller = window.sync.controller
        controller.sync_now()
        wait_for(controller.status_changed)
        settle()
        written.append(save(window, out_dir / "sync_status_unreachable.png"))
        window.sync.page.trigger()
        settle()
        written.append(save(window.sync.dialog, out_dir / "sync_page_unreachable.png"))
        window.sync.dialog.close()
        # The other states as the status line draws them (the sender's state, shown as is).
        base = controller.status
        assert base is not None
        for name, status in (
            (
                "waiting",
                SyncStatus(base.waiting, 0, base.unreachable_since, None, "", "", 0, 12.0),
            ),
            (
                "conflicts",
                SyncStatus(0, 2, base.unreachable_since, None, "", "", 0, -185.0),
            ),
        ):
            controller.status_changed.emit(status)
            settle()
            written.append(save(window, out_dir / f"sync_status_{name}.png"))
        controller.stop()
        window.close()
    finally:
        services.close()
    return written
