"""The catalog check on a desk's sync path (issue 21): an idle desk connects for it only every
10 minutes, a desk that cannot reach the server or cannot write the new version keeps the one it
has, and tries again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hearing_helper.catalog.published import version_in_use
from hearing_helper.store.sync.desk import open_sender
from tests.pg_cluster import free_port
from tests.test_court_catalog_central import (  # noqa: F401 - logins is a fixture
    NEW_LINK,
    court_folder,
    logins,
    publish,
    published,
)
from tests.test_court_catalog_switch import links


def test_an_idle_desk_checks_rarely_and_an_offline_desk_keeps_its_version(
    tmp_path: Path,
    central: str,
    logins: dict[str, str],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = tmp_path / "desk"
    assert (
        publish(tmp_path, court_folder(tmp_path, NEW_LINK), logins["court_it_login"]).returncode
        == 0
    )
    sender = open_sender(desk, logins["cat_desk_a"])
    try:
        assert sender.push().ok and (info := version_in_use(desk)) is not None and info.version == 1
        connects: list[object] = []
        real_connect = sender._connect

        def counting_connect(*args: Any, **kwargs: Any) -> Any:
            connects.append(args)
            return real_connect(*args, **kwargs)

        sender._connect = counting_connect  # the sender's connect_to seam, set after open_sender
        for _ in range(3):
            assert sender.push().ok
        assert connects == []  # nothing to send, and the catalog was checked just now
        assert sender.catalog is not None
        sender.catalog.check_every_s = 0  # the check falls due
        assert sender.push().ok
        assert len(connects) == 1
    finally:
        sender.outbox.close()
    offline = open_sender(desk, f"postgresql://cat_desk_a@127.0.0.1:{free_port()}/court")
    try:
        assert offline.catalog is not None
        offline.catalog.check_every_s = 0
        result = offline.push(force=True)
        assert result.status.state == "unreachable"
        assert result.status.catalog is not None and result.status.catalog.version == 1
    finally:
        offline.outbox.close()
    assert links(desk)[0] == NEW_LINK


def test_a_desk_that_cannot_write_the_new_version_keeps_its_own_and_tries_again(
    tmp_path: Path,
    central: str,
    logins: dict[str, str],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hearing_helper.store.sync import catalog_pull

    desk = tmp_path / "desk"
    published(tmp_path, logins)
    sender = open_sender(desk, logins["cat_desk_a"])
    try:
        assert sender.push().ok and (info := version_in_use(desk)) is not None and info.version == 1
        newer = court_folder(tmp_path, NEW_LINK + "/v2", "v2")
        assert publish(tmp_path, newer, logins["court_it_login"]).returncode == 0

        def disk_full(*_args: Any) -> Any:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(catalog_pull, "install_version", disk_full)  # stub: a full disk
        result = sender.push(force=True)
        assert result.ok and result.status.state == "all_sent"  # the records' sync is fine
        assert result.status.catalog is not None
        assert result.status.catalog.version == 1 and result.status.catalog.refused is None
        monkeypatch.undo()
        assert sender.push(force=True).catalog_switched == 2
    finally:
        sender.outbox.close()
    assert links(desk)[0] == NEW_LINK + "/v2"
