"""A keyring backend for tests: secrets in a JSON file named by $TEST_KEYRING_FILE.

A file (not memory) so that a ``hearing-helper`` subprocess sees what another one stored.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1

    def _path(self) -> Path:
        return Path(os.environ["TEST_KEYRING_FILE"])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("not stored")
        self._path().write_text(json.dumps(data))


@pytest.fixture
def ring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test's own keyring: a FileKeyring in ``tmp_path/ring.json`` (yielded), put back after."""
    monkeypatch.setenv("TEST_KEYRING_FILE", str(tmp_path / "ring.json"))
    previous = keyring.get_keyring()
    # The __init__ FileKeyring inherits from keyring's KeyringBackend has no annotations.
    keyring.set_keyring(FileKeyring())  # type: ignore[no-untyped-call]
    yield tmp_path / "ring.json"
    keyring.set_keyring(previous)


def write_entries(data_dir: Path, count: int = 5) -> None:
    """Append ``count`` audit entries to the desk in ``data_dir``."""
    from hearing_helper.services import AppServices

    services = AppServices.open(data_dir)
    try:
        for index in range(count):
            services.repo.append_audit("clerk", "test.entry", {"n": index})
    finally:
        services.close()
