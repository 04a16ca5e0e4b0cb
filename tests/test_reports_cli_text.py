"""``report`` prints words, not codes (issue 17, item 14): the join modes, outcomes, failure
reasons and filters by their labels, in the desk's language (Chinese at first) or ``--lang``;
``report --json`` keeps the codes for programs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hearing_helper.cli import main
from hearing_helper.services import AppServices
from hearing_helper.ui.pdf.translator import translator_for
from tests.visits_scenario import PERIOD, scenario_records

ARGS = ("report", "--from", PERIOD[0].isoformat(), "--to", PERIOD[1].isoformat())
# snake_case codes such as own_phone, not_joined, camera.no_frames
CODE = re.compile(r"\b[a-z]+(?:[_.][a-z]+)+\b")


@pytest.fixture
def scenario_dir(data_dir: Path) -> Path:
    services = AppServices.open(data_dir)
    services.repo.import_finished(scenario_records(), "test")
    services.close()
    return data_dir


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, *extra: str) -> str:
    assert main(["--data-dir", str(data_dir), *ARGS, *extra]) == 0
    return capsys.readouterr().out


def test_the_text_report_is_in_chinese_with_labels_not_codes(
    capsys: pytest.CaptureFixture[str], scenario_dir: Path
) -> None:
    text = _run(capsys, scenario_dir)
    chinese = translator_for("zh_CN")
    assert CODE.findall(text) == []
    for context, source in (
        ("visits", "Own phone (video)"),
        ("visits", "Help desk PC at the court"),
        ("labels", "Not joined"),
        ("reports", "Assisted on hearing day"),
    ):
        assert chinese(context, source) != source, source  # translated at all
        assert chinese(context, source) in text, source
    assert "累计" in text  # the Pareto shares are labelled cumulative


def test_the_text_report_in_english_and_filters_in_words(
    capsys: pytest.CaptureFixture[str], scenario_dir: Path
) -> None:
    text = _run(capsys, scenario_dir, "--lang", "en", "--outcome", "not_joined")
    assert CODE.findall(text) == []
    assert "Not joined" in text and "Join rate (hearing day)" in text
    text = _run(capsys, scenario_dir, "--lang", "en")
    assert "Own phone (video)" in text and "cumulative" in text
    assert "Assisted on hearing day  3" in text or re.search(r"Assisted on hearing day\s+3", text)


def test_the_json_report_keeps_the_codes(
    capsys: pytest.CaptureFixture[str], scenario_dir: Path
) -> None:
    data = json.loads(_run(capsys, scenario_dir, "--json"))
    assert "own_phone" in data["visits"]["by_join_mode"]
    assert data["outcomes"] == {"joined": 1, "not_joined": 1, "joined_after_help": 1}


def test_the_court_scope_lists_its_desks_in_words() -> None:
    from datetime import date

    from hearing_helper.domain.report_filters import ReportFilters
    from hearing_helper.reports.aggregate import Report
    from hearing_helper.reports.report_text import text_report

    court = {
        "desks": [{"desk_id": "d-1", "name": "1号窗口", "last_delivery": "2026-11-27T10:00"}],
        "this_desk_waiting": 3,
    }
    report = Report(filters=ReportFilters(date(2026, 11, 1), date(2026, 11, 30)))
    lines = text_report(report, translator_for("zh_CN"), court=court)
    text = "\n".join(lines)
    assert "全院：1 个窗口" in text and "1号窗口" in text and "2026-11-27T10:00" in text
    assert "本窗口还有 3 项尚未上传" in text
