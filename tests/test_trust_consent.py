"""Consent and personal data on finish (issue 11, findings "Consent" and "Masking leaks"): name
and phone are normalised and validated for every outcome; a record holding them without consent
needs a recorded reason, and its personal data is then masked everywhere, even unmasked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hearing_helper.domain.enums import Outcome, RecordStatus
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.export import export_log
from hearing_helper.services import AppServices
from hearing_helper.store import IncompleteRecordError
from tests.reports_fixtures import make_record


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    services = AppServices.open(data_dir)
    yield services
    services.close()


def unfinished(outcome: Outcome = Outcome.JOINED, **overrides: Any) -> AssistRecord:
    record = make_record("2026-03-02T09:00:00", 600, outcome, satisfaction=4, **overrides)
    record.status = RecordStatus.DRAFT
    return record


def problem_fields(exc: pytest.ExceptionInfo[IncompleteRecordError]) -> set[str]:
    return {problem.field for problem in exc.value.problems}


def test_finishing_without_consent_or_reason_is_refused(services: AppServices) -> None:
    record = unfinished()
    record.intake.consent = False
    with pytest.raises(IncompleteRecordError) as info:
        services.repo.finish(record, "clerk")
    assert "consent" in problem_fields(info)


def test_finishing_without_consent_records_the_reason_and_masks_everywhere(
    services: AppServices, tmp_path: Path
) -> None:
    record = unfinished()
    record.intake.consent = False
    record.intake.no_consent_reason = "The litigant declined."
    services.repo.finish(record, "clerk")
    stored = services.repo.get(record.id)
    assert stored.intake.no_consent_reason == "The litigant declined."
    assert stored.intake.litigant_name == "王*明" and stored.intake.phone == "138****5678"
    out = tmp_path / "log.csv"
    export_log(
        services.store,
        ReportFilters(date(2026, 3, 1), date(2026, 3, 31)),
        "csv",
        out,
        actor="sup",
        unmask=True,
    )
    text = out.read_text(encoding="utf-8-sig")
    assert "王小明" not in text and "13812345678" not in text


def test_a_record_without_personal_data_needs_no_consent(services: AppServices) -> None:
    record = unfinished(Outcome.LEFT, name="", phone="")
    record.intake.consent = False
    services.repo.finish(record, "clerk")


@pytest.mark.parametrize("phone", ["13812345678-8021", "138123", "abc"])
def test_left_outcome_still_validates_a_given_phone(services: AppServices, phone: str) -> None:
    record = unfinished(Outcome.LEFT, phone=phone)
    with pytest.raises(IncompleteRecordError) as info:
        services.repo.finish(record, "clerk")
    assert "phone" in problem_fields(info)


def test_finish_stores_normalised_name_and_phone(services: AppServices) -> None:
    record = unfinished(Outcome.LEFT, phone="+86 138-1234-5678", name="  王小明 ")
    services.repo.finish(record, "clerk")
    stored = services.repo.get(record.id)
    assert (stored.intake.phone, stored.intake.litigant_name) == ("13812345678", "王小明")
