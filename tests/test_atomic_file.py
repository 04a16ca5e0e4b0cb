"""Small state files (settings, audit anchor, supervisor lockout) are replaced atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hearing_helper.atomic_file import write_json_atomically


def test_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "state.json"
    write_json_atomically(target, {"a": 1})
    write_json_atomically(target, {"名字": "王小明"}, ensure_ascii=False)
    assert json.loads(target.read_text(encoding="utf-8")) == {"名字": "王小明"}
    assert [p.name for p in target.parent.iterdir()] == ["state.json"]


def test_failed_write_keeps_the_old_content_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    write_json_atomically(target, {"ok": True})
    with pytest.raises(TypeError):
        write_json_atomically(target, {"bad": object()})
    assert json.loads(target.read_text(encoding="utf-8")) == {"ok": True}
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]
