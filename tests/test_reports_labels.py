"""One set of code labels for screens, reports and exports; Pareto reasons read as words."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from hearing_helper.catalog.model import PROBLEM_CODES
from hearing_helper.checks import remedies
from hearing_helper.domain import labels as domain_labels
from hearing_helper.reports import labels as report_labels
from hearing_helper.reports.rows import COLUMNS
from hearing_helper.ui.pdf.translator import translator_for

ROOT = Path(__file__).resolve().parent.parent
CODE_TABLES = {
    name: table
    for name, table in vars(domain_labels).items()
    if name.endswith("_LABELS") and isinstance(table, dict)
}


def _translations(area: str) -> dict[tuple[str, str], str]:
    tree = ET.parse(ROOT / "assets" / "i18n" / f"{area}_zh_CN.ts")
    found: dict[tuple[str, str], str] = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") not in (
                "unfinished",
                "vanished",
            ):
                found[(name, message.findtext("source") or "")] = translation.text or ""
    return found


def test_reports_reuse_the_domain_tables() -> None:
    assert report_labels.OUTCOME_LABELS is domain_labels.OUTCOME_LABELS
    assert report_labels.REASON_LABELS is domain_labels.NOT_JOINED_REASON_LABELS
    assert report_labels.ROLE_LABELS is domain_labels.ROLE_LABELS
    assert report_labels.DEVICE_LABELS is domain_labels.DEVICE_LABELS
    assert report_labels.STEP_LABELS is domain_labels.STEP_LABELS
    labelled = {c.field: c.labels for c in COLUMNS if c.labels}
    assert labelled["outcome"] is domain_labels.OUTCOME_LABELS
    assert labelled["outcome_reason"] is domain_labels.NOT_JOINED_REASON_LABELS


def test_every_code_label_has_chinese_in_context_labels() -> None:
    core = _translations("core")
    reports = _translations("reports")
    assert len(CODE_TABLES) >= 8
    for name, table in CODE_TABLES.items():
        for code, source in table.items():
            assert core.get(("labels", source)), f"{name}[{code}] {source!r} untranslated"
    # The reports file no longer carries its own copies (they drifted in wording before).
    for source in ("Left early", "Agent", "Account or SMS code problem"):
        assert ("reports", source) not in reports


def test_reports_translate_codes_as_the_screens_do() -> None:
    zh = translator_for("zh_CN")
    core = _translations("core")
    assert (
        report_labels.label(report_labels.OUTCOME_LABELS, "left", zh)
        == core[("labels", "Litigant left")]
    )
    assert report_labels.label(report_labels.ROLE_LABELS, "agent") == "Agent / lawyer"
    assert report_labels.label(report_labels.ROLE_LABELS, "new_role", zh) == "new_role"
    assert report_labels.label(report_labels.ROLE_LABELS, None, zh) == ""


def test_ui_labels_translate_the_same_tables(qapp: QApplication) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from hearing_helper.paths import asset_path
    from hearing_helper.ui.labels import outcome_label, role_label

    assert outcome_label("left") == "Litigant left"
    translator = QTranslator()
    assert translator.load(str(asset_path("i18n") / "core_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        zh = translator_for("zh_CN")
        assert outcome_label("left") == report_labels.label(
            report_labels.OUTCOME_LABELS, "left", zh
        )
        assert role_label("agent") != "Agent / lawyer"
    finally:
        QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_pareto_reasons_are_words(lang: str) -> None:
    tr = translator_for(lang)
    problem = report_labels.reason_label("problem", "phone_too_old", tr)
    assert problem == tr("catalog", PROBLEM_CODES["phone_too_old"]) != "phone_too_old"
    check = report_labels.reason_label("check", "camera:camera.no_frames", tr)
    finding = tr("checks", remedies.describe("camera.no_frames")).rstrip("。.")
    assert check == finding and finding and "camera.no_frames" not in check
    network = report_labels.reason_label("check", "network:network.dns_failed", tr)
    assert "network.dns_failed" not in network
    reason = report_labels.reason_label("not_joined", "account", tr)
    assert reason == tr("labels", domain_labels.NOT_JOINED_REASON_LABELS["account"])
    if lang == "zh_CN":
        assert not problem.isascii() and not check.isascii() and not reason.isascii()
    # Unknown codes from a newer version or another taxonomy stay visible as codes.
    assert report_labels.reason_label("problem", "brand_new", tr) == "brand_new"
    assert report_labels.reason_label("check", "camera:camera.brand_new", tr) == (
        "camera:camera.brand_new"
    )
    assert report_labels.reason_label("check", "nocolon", tr) == "nocolon"
