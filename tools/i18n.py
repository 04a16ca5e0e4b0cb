#!/usr/bin/env python3
"""Maintain the Qt translation files (assets/i18n/<area>_zh_CN.ts -> .qm).

Each feature area has its own .ts file so that parallel work never edits the same file; the app
loads every ``*_<lang>.qm`` it finds. Source strings are English; zh_CN is the default UI language.

  tools/i18n.py update [AREA...]   run pyside6-lupdate over the area's sources, then compile
  tools/i18n.py todo AREA          print the untranslated source strings of an area as JSON
  tools/i18n.py fill AREA FILE     fill translations from a JSON object {source: translation}
                                   (or {"context|source": translation} to disambiguate)
  tools/i18n.py compile            compile every .ts to .qm
  tools/i18n.py check              exit 1 if any zh_CN string is untranslated or a .qm is stale
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "assets" / "i18n"
LANGS = ("zh_CN",)

# area -> source paths (files or folders, relative to the repo root)
AREAS: dict[str, list[str]] = {
    "core": [
        "hearing_helper/domain",
        "hearing_helper/config.py",
        "hearing_helper/ui/main_window.py",
        "hearing_helper/ui/app.py",
        "hearing_helper/ui/shell",
        "hearing_helper/ui/wizard/base.py",
        "hearing_helper/ui/wizard/wizard.py",
        "hearing_helper/ui/wizard/draft_saving.py",
        "hearing_helper/ui/wizard/finish_flow.py",
        "hearing_helper/ui/wizard/intake_page.py",
        "hearing_helper/ui/wizard/finish_page.py",
        "hearing_helper/ui/wizard/satisfaction_scale.py",
        "hearing_helper/ui/labels.py",
        "hearing_helper/ui/litigant_view.py",
        "hearing_helper/ui/speech.py",
        "hearing_helper/ui/wizard/wizard_dialogs.py",
        "hearing_helper/ui/wizard/rating_prompt.py",
    ],
    "checks": [
        "hearing_helper/checks/base.py",
        "hearing_helper/checks/remedies.py",
        "hearing_helper/checks/device_checks.py",
        "hearing_helper/checks/system_check.py",
        "hearing_helper/checks/phone_checklist.py",
        "hearing_helper/ui/checks",
        "hearing_helper/ui/widgets/level_meter.py",
    ],
    "network": ["hearing_helper/checks/network"],
    "catalog": ["hearing_helper/catalog", "hearing_helper/ui/install", "hearing_helper/ui/join"],
    "reports": ["hearing_helper/reports", "hearing_helper/ui/reports", "hearing_helper/ui/pdf"],
    "packaging": ["hearing_helper/ui/self_test.py"],
    "visits": ["hearing_helper/visits", "hearing_helper/ui/visits"],
    "sync": ["hearing_helper/ui/sync"],
}


def _lupdate() -> str:
    exe = Path(sys.executable).parent / "pyside6-lupdate"
    return str(exe) if exe.exists() else "pyside6-lupdate"


def _lrelease() -> str:
    exe = Path(sys.executable).parent / "pyside6-lrelease"
    return str(exe) if exe.exists() else "pyside6-lrelease"


def _sources(area: str) -> list[str]:
    files: list[str] = []
    for entry in AREAS[area]:
        path = ROOT / entry
        if path.is_dir():
            files += sorted(str(p) for p in path.rglob("*.py"))
        elif path.exists():
            files.append(str(path))
    return files


def ts_path(area: str, lang: str, folder: Path | None = None) -> Path:
    return (folder or I18N) / f"{area}_{lang}.ts"


def update(areas: list[str]) -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    for area in areas or list(AREAS):
        sources = _sources(area)
        if not sources:
            continue
        for lang in LANGS:
            subprocess.run(
                [
                    _lupdate(),
                    "-no-obsolete",
                    "-locations",
                    "none",
                    "-target-language",
                    lang,
                    *sources,
                    "-ts",
                    str(ts_path(area, lang)),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
    compile_all()


def compile_all(out_dir: Path | None = None) -> None:
    for ts in sorted(I18N.glob("*.ts")):
        target = (out_dir or I18N) / (ts.stem + ".qm")
        subprocess.run(
            [_lrelease(), "-silent", str(ts), "-qm", str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def _messages(tree: ET.ElementTree):
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            yield name, message


def todo(area: str, lang: str = "zh_CN", folder: Path | None = None) -> dict[str, str]:
    """The untranslated strings of an area (in ``folder``'s .ts files, assets/i18n unless
    given)."""
    tree = ET.parse(ts_path(area, lang, folder))
    pending = {}
    for context, message in _messages(tree):
        translation = message.find("translation")
        if translation is not None and (
            translation.get("type") == "unfinished" or not (translation.text or "").strip()
        ):
            pending[f"{context}|{message.findtext('source', '')}"] = ""
    return pending


def fill(area: str, mapping_file: str, lang: str = "zh_CN") -> int:
    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    path = ts_path(area, lang)
    tree = ET.parse(path)
    filled = 0
    for context, message in _messages(tree):
        source = message.findtext("source", "")
        value = mapping.get(f"{context}|{source}") or mapping.get(source)
        translation = message.find("translation")
        if value and translation is not None:
            translation.text = value
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    # lupdate rewrites the file in its own layout (and compiles): one format, no churn later.
    update([area])
    return filled


def check() -> int:
    problems = []
    for area in AREAS:
        for lang in LANGS:
            path = ts_path(area, lang)
            if not path.exists():
                continue
            missing = todo(area, lang)
            if missing:
                problems.append(
                    f"{path.name}: {len(missing)} untranslated, e.g. {next(iter(missing))}"
                )
    with tempfile.TemporaryDirectory() as tmp:
        compile_all(Path(tmp))
        for fresh in Path(tmp).glob("*.qm"):
            committed = I18N / fresh.name
            if not committed.exists() or committed.read_bytes() != fresh.read_bytes():
                problems.append(f"{committed.name} is stale: run tools/i18n.py compile")
    for line in problems:
        print(line)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "update":
        update(rest)
    elif command == "todo":
        print(json.dumps(todo(rest[0]), ensure_ascii=False, indent=1))
    elif command == "fill":
        print(f"filled {fill(rest[0], rest[1])}")
    elif command == "compile":
        compile_all()
    elif command == "check":
        return check()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    if (
        shutil.which("pyside6-lupdate") is None
        and not (Path(sys.executable).parent / "pyside6-lupdate").exists()
    ):
        sys.exit("pyside6-lupdate not found: run inside the project's virtual environment")
    sys.exit(main(sys.argv[1:]))
