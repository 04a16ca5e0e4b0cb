"""Court IT publishes the catalog once, every desk switches (issue 21), with the real PostgreSQL.

Court IT's login publishes a folder with ``server publish-catalog``; two desks sync (one with
``hearing-helper sync``, one in its window) and the QR on the install step then encodes the new
download link, decoded by zbarimg. A broken folder is refused before anything is stored; a broken
version slipped past the server (inserted by the owner) is refused by the desk, which keeps the
version it had. A desk login reads published versions only through the server's functions.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import psycopg
import pytest
from pytestqt.qtbot import QtBot

from hearing_helper.catalog.published import version_checksum, version_in_use
from hearing_helper.domain.enums import DeviceKind
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.services import AppServices
from hearing_helper.ui.install import InstallPage
from tests.pg_cluster import PgCluster
from tests.test_catalog_qr import grab_decode
from tests.test_court_catalog_switch import links, zoom_file
from tests.test_pg_cli import hh
from tests.test_sync_roles import _login
from tests.ui_fixtures import CLERK, OFFSCREEN_NOISE, english  # noqa: F401

pytestmark = [
    OFFSCREEN_NOISE,
    pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools missing"),
]

NEW_LINK = "https://zoom.us/download/court-2026"


@pytest.fixture
def logins(central: str, pg_cluster: PgCluster) -> dict[str, str]:
    _login(pg_cluster, "court_it_login", "hh_court_it")
    _login(pg_cluster, "cat_desk_a", "hh_desk")
    _login(pg_cluster, "cat_desk_b", "hh_desk")
    _login(pg_cluster, "cat_supervisor", "hh_supervisor")
    dbname = central.rsplit("/", 1)[1]
    names = ("court_it_login", "cat_desk_a", "cat_desk_b", "cat_supervisor")
    return {name: pg_cluster.url(dbname, user=name) for name in names}


def court_folder(tmp_path: Path, android: str, name: str = "court") -> Path:
    folder = tmp_path / name
    (folder / "catalog").mkdir(parents=True)
    (folder / "catalog" / "zoom.toml").write_bytes(zoom_file(android))
    return folder


def publish(tmp_path: Path, folder: Path, url: str) -> Any:
    return hh(tmp_path / "it", "server", "publish-catalog", str(folder), "--database", url)


def published(tmp_path: Path, logins: dict[str, str]) -> None:
    done = publish(tmp_path, court_folder(tmp_path, NEW_LINK), logins["court_it_login"])
    assert done.returncode == 0, done.stderr


def versions(url: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT version, published_by, file_count FROM catalog_versions ORDER BY version"
        ).fetchall()


def install_qr(qtbot: QtBot, tmp_path: Path, services: AppServices, name: str) -> list[str]:
    page = InstallPage(services)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    record = AssistRecord(clerk=ClerkProfile("1", "测试"))
    record.intake.platform_id = "zoom"
    record.intake.device = DeviceKind.OWN_ANDROID
    page.load(record)
    page.show_step(0)
    assert page.view.qr.payload() == page.litigant_content().qr_payload
    return grab_decode(page.view.qr, tmp_path, name)


def sync_json(data_dir: Path, url: str) -> dict[str, Any]:
    done = hh(data_dir, "--central", url, "sync", "--once", "--json")
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def test_a_published_link_reaches_both_desks_and_the_install_qr(
    qtbot: QtBot,
    tmp_path: Path,
    central: str,
    logins: dict[str, str],
    english: None,  # noqa: F811
) -> None:
    desk_a, desk_b = tmp_path / "desk_a", tmp_path / "desk_b"
    done = publish(tmp_path, court_folder(tmp_path, NEW_LINK), logins["court_it_login"])
    assert done.returncode == 0, done.stderr
    assert "version 1" in done.stdout
    assert versions(central) == [(1, "court_it_login", 1)]

    # Desk A: the command line's sync.
    result = sync_json(desk_a, logins["cat_desk_a"])
    assert result["catalog"]["version"] == 1 and result["catalog"]["refused"] is None
    assert links(desk_a)[0] == NEW_LINK

    # Desk B: its window, which had loaded the old catalog before the sync.
    from tests.test_ui_sync import open_window

    services = AppServices.open(desk_b)
    try:
        services.settings.set("central", logins["cat_desk_b"])
        window = open_window(qtbot, services)
        window.catalog  # noqa: B018 - the session's catalog, before the switch
        assert window.catalog.court_version is None
        controller = window.sync.controller
        with qtbot.waitSignal(controller.catalog_switched, timeout=60_000) as switched:
            controller.sync_now(force=True)
        assert switched.args == [1]
        qtbot.waitUntil(lambda: window.catalog.court_version == 1, timeout=30_000)
        assert install_qr(qtbot, tmp_path, services, "desk_b") == [NEW_LINK]
        window.sync.page.trigger()
        dialog = window.sync.dialog
        assert dialog is not None
        assert "version 1" in dialog.catalog.text()
        assert "court_it_login" in dialog.catalog.text()
        dialog.close()
        # Another program (hearing-helper sync) switches this desk while the window is open:
        # the window's next push notices and takes the new catalog too.
        newer = court_folder(tmp_path, NEW_LINK + "/v2", "v2")
        assert publish(tmp_path, newer, logins["court_it_login"]).returncode == 0
        assert sync_json(desk_b, logins["cat_desk_b"])["catalog"]["version"] == 2
        with qtbot.waitSignal(controller.catalog_switched, timeout=60_000) as switched:
            controller.sync_now(force=True)
        assert switched.args == [2]
        assert install_qr(qtbot, tmp_path, services, "desk_b_v2") == [NEW_LINK + "/v2"]
        window.close()
    finally:
        services.close()

    services = AppServices.open(desk_a)
    try:
        assert install_qr(qtbot, tmp_path, services, "desk_a") == [NEW_LINK]
    finally:
        services.close()

    # The self-test names the version in use.
    tested = hh(desk_a, "--self-test")
    assert "court catalog version 1" in tested.stdout, tested.stdout
    listed = hh(desk_a, "catalog", "--json")
    assert json.loads(listed.stdout)["court_version"] == 1


def test_a_refused_version_shows_on_the_status_line_and_the_sync_page(
    qtbot: QtBot,
    tmp_path: Path,
    central: str,
    logins: dict[str, str],
    english: None,  # noqa: F811
) -> None:
    from hearing_helper.ui.sync import texts
    from tests.test_ui_sync import open_window

    desk = tmp_path / "desk"
    published(tmp_path, logins)
    assert sync_json(desk, logins["cat_desk_a"])["catalog"]["version"] == 1
    slip_in(central, 2, {"catalog/zoom.toml": b"id = 'zoom'\nname_zh = 5\n"})
    services = AppServices.open(desk)
    try:
        services.settings.set("central", logins["cat_desk_a"])
        window = open_window(qtbot, services)
        controller = window.sync.controller
        with qtbot.waitSignal(controller.status_changed, timeout=60_000) as pushed:
            controller.sync_now(force=True)
        status = pushed.args[0]
        assert status.catalog.version == 1 and status.catalog.refused.version == 2
        assert texts.summary(status).endswith("catalog version 2 refused")
        assert window.sync.button.text() == texts.summary(status)
        window.sync.page.trigger()
        dialog = window.sync.dialog
        assert dialog is not None
        assert "court version 1" in dialog.catalog.text()
        assert "Version 2 from the central database was refused" in dialog.catalog.text()
        dialog.details_button.setChecked(True)
        assert "zoom.toml" in dialog.detail.text() and "name_zh" in dialog.detail.text()
        dialog.close()
        window.close()
    finally:
        services.close()


def test_a_broken_folder_is_refused_on_the_server_and_nothing_is_stored(
    tmp_path: Path, central: str, logins: dict[str, str]
) -> None:
    folder = court_folder(tmp_path, NEW_LINK)
    zoom = folder / "catalog" / "zoom.toml"
    zoom.write_bytes(zoom.read_bytes().replace(b'name_en = "Zoom"', b"name_en = 42"))
    done = publish(tmp_path, folder, logins["court_it_login"])
    assert done.returncode == 1
    assert "zoom.toml" in done.stderr and "name_en" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert versions(central) == []
    missing = publish(tmp_path, tmp_path / "no-such-folder", logins["court_it_login"])
    assert missing.returncode == 2 and "not a folder" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert publish(tmp_path, empty, logins["court_it_login"]).returncode == 1
    assert versions(central) == []


def slip_in(owner_url: str, version: int, files: dict[str, bytes]) -> None:
    """What a publish would store, written directly by the database owner (no checks)."""
    with psycopg.connect(owner_url) as conn:
        conn.execute(
            "INSERT INTO catalog_versions (version, checksum, file_count, total_bytes) "
            "VALUES (%s, %s, %s, %s)",
            (version, version_checksum(files), len(files), sum(map(len, files.values()))),
        )
        for path, content in files.items():
            conn.execute(
                "INSERT INTO catalog_files (version, path, content, sha256) "
                "VALUES (%s, %s, %s, encode(sha256(%s), 'hex'))",
                (version, path, content, content),
            )


def test_a_broken_version_slipped_past_the_server_is_refused_by_the_desk(
    tmp_path: Path, central: str, logins: dict[str, str]
) -> None:
    desk = tmp_path / "desk"
    assert (
        publish(tmp_path, court_folder(tmp_path, NEW_LINK), logins["court_it_login"]).returncode
        == 0
    )
    assert sync_json(desk, logins["cat_desk_a"])["catalog"]["version"] == 1
    broken = zoom_file("https://zoom.us/download/broken").replace(
        b'name_en = "Zoom"', b"name_en = 42"
    )
    slip_in(central, 2, {"catalog/zoom.toml": broken})
    result = sync_json(desk, logins["cat_desk_a"])
    catalog = result["catalog"]
    assert catalog["version"] == 1
    assert catalog["refused"]["version"] == 2
    assert any(
        "zoom.toml" in problem and "name_en" in problem
        for problem in catalog["refused"]["problems"]
    )
    assert links(desk)[0] == NEW_LINK
    assert (info := version_in_use(desk)) is not None and info.version == 1
    text = hh(desk, "--central", logins["cat_desk_a"], "sync", "--once")
    assert "version 2" in text.stdout and "refused" in text.stdout
    # Court IT publishes a repaired version: the desk takes it and forgets the refusal.
    fixed = publish(
        tmp_path, court_folder(tmp_path, NEW_LINK + "/fixed", "fixed"), logins["court_it_login"]
    )
    assert fixed.returncode == 0 and "version 3" in fixed.stdout
    catalog = sync_json(desk, logins["cat_desk_a"])["catalog"]
    assert catalog["version"] == 3 and catalog["refused"] is None
    assert links(desk)[0] == NEW_LINK + "/fixed"


def test_files_altered_on_the_server_do_not_match_the_checksum_and_are_refused(
    tmp_path: Path, central: str, logins: dict[str, str]
) -> None:
    desk = tmp_path / "desk"
    assert (
        publish(tmp_path, court_folder(tmp_path, NEW_LINK), logins["court_it_login"]).returncode
        == 0
    )
    with psycopg.connect(central) as conn:
        conn.execute("ALTER TABLE catalog_files DISABLE TRIGGER USER")
        conn.execute(
            "UPDATE catalog_files SET content = %s, sha256 = encode(sha256(%s), 'hex')",
            (zoom_file("https://evil.example/zoom"), zoom_file("https://evil.example/zoom")),
        )
    catalog = sync_json(desk, logins["cat_desk_a"])["catalog"]
    assert catalog["version"] is None and catalog["refused"]["version"] == 1
    assert "checksum" in " ".join(catalog["refused"]["problems"])
    assert links(desk)[0] == "https://zoom.us/download"


def test_a_desk_reads_versions_only_through_the_servers_functions(
    tmp_path: Path, central: str, logins: dict[str, str]
) -> None:
    assert (
        publish(tmp_path, court_folder(tmp_path, NEW_LINK), logins["court_it_login"]).returncode
        == 0
    )
    files = {"catalog/zoom.toml": zoom_file("https://zoom.us/forged")}
    forbidden = [
        "SELECT * FROM catalog_versions",
        "SELECT * FROM catalog_files",
        "DELETE FROM catalog_versions",
        "UPDATE catalog_files SET content = 'x'",
        "INSERT INTO catalog_versions (version, checksum, file_count, total_bytes) "
        "VALUES (9, repeat('a', 64), 0, 0)",
    ]
    for login in ("cat_desk_a", "cat_supervisor"):
        for statement in forbidden[2:] if login == "cat_supervisor" else forbidden:
            with (
                psycopg.connect(logins[login], autocommit=True) as conn,
                pytest.raises(psycopg.errors.InsufficientPrivilege),
            ):
                conn.execute(statement)
        with (
            psycopg.connect(logins[login], autocommit=True) as conn,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            conn.execute(
                "SELECT * FROM hh_publish_catalog(%s, %s, %s, '')",
                (list(files), list(files.values()), version_checksum(files)),
            )
        refused = publish(
            tmp_path, court_folder(tmp_path, "https://zoom.us/x", login), logins[login]
        )
        assert refused.returncode == 1 and "may not" in refused.stderr, refused.stderr
    with psycopg.connect(logins["cat_desk_a"]) as conn:
        latest = conn.execute("SELECT version, published_by FROM hh_catalog_latest()").fetchone()
        assert latest == (1, "court_it_login")
        paths = conn.execute("SELECT path FROM hh_catalog_files(1)").fetchall()
        assert paths == [("catalog/zoom.toml",)]
    # Even the owner cannot change or remove a published version by mistake.
    with psycopg.connect(central, autocommit=True) as conn:
        for statement in ("DELETE FROM catalog_files", "UPDATE catalog_versions SET note = 'x'"):
            with pytest.raises(psycopg.errors.RaiseException, match="kept as published"):
                conn.execute(statement)
    assert versions(central) == [(1, "court_it_login", 1)]
    again = publish(tmp_path, court_folder(tmp_path, NEW_LINK, "same"), logins["court_it_login"])
    assert again.returncode == 0 and "already published as version 1" in again.stdout
    assert versions(central) == [(1, "court_it_login", 1)]
