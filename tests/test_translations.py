"""Every UI string has its Chinese translation, and the committed .qm files are up to date."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "i18n.py"


def _tool() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_all_areas_translated_and_compiled() -> None:
    result = subprocess.run(
        [sys.executable, str(TOOL), "check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_notices_an_untranslated_string(tmp_path: Path) -> None:
    tool = _tool()
    source = tool.I18N / "core_zh_CN.ts"
    copy = tmp_path / "core_zh_CN.ts"
    tree = ET.parse(source)
    message = next(tree.getroot().iter("message"))
    translation = message.find("translation")
    assert translation is not None and translation.text
    translation.text = ""
    translation.set("type", "unfinished")
    tree.write(copy, encoding="utf-8", xml_declaration=True)
    assert list(tool.todo("core", folder=tmp_path)) == [
        f"{next(tree.getroot().iter('context')).findtext('name')}|{message.findtext('source')}"
    ]
