"""The parts of an assisted-hearing record (domain/record.py): who helped, the intake with its
validation and the consent rule for personal data, the state of each step, the problems met,
the stored check results and a correction's stamp."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hearing_helper.domain.enums import AccessibilityNeed, DeviceKind, Role, StepId, StepStatus
from hearing_helper.domain.masking import mask_personal
from hearing_helper.domain.validation import (
    FieldError,
    check_hearing_time,
    error,
    normalize_case_number,
    normalize_name,
    normalize_phone,
)


@dataclass
class ClerkProfile:
    staff_id: str
    name: str
    desk: str = ""
    court: str = ""


@dataclass
class Intake:
    case_number: str = ""
    hearing_at: datetime | None = None
    court: str = ""
    platform_id: str = ""
    litigant_name: str = ""
    role: Role | None = None
    phone: str = ""
    device: DeviceKind | None = None
    accessibility: list[AccessibilityNeed] = field(default_factory=list)
    consent: bool = False
    # Why the litigant's personal data is recorded without consent (see consent_problems).
    no_consent_reason: str = ""

    @property
    def holds_personal_data(self) -> bool:
        return bool(self.litigant_name.strip() or self.phone.strip())

    def personal_data_problems(self) -> list[FieldError]:
        """Problems with the name and phone *that were given* (empty ones are not required
        here) and the consent rule: personal data needs consent or a recorded reason."""
        problems: list[FieldError] = []
        for name, normalise in (("litigant_name", normalize_name), ("phone", normalize_phone)):
            if getattr(self, name).strip():
                try:
                    normalise(getattr(self, name))
                except FieldError as exc:
                    problems.append(exc)
        if self.holds_personal_data and not self.consent and not self.no_consent_reason.strip():
            problems.append(error("consent", "consent.required"))
        return problems

    def settle_personal_data(self) -> None:
        """On finish: store name and phone normalised; without consent, store them masked
        only, so they are masked everywhere (reports, history, unmasked exports) for good."""
        if self.litigant_name.strip():
            self.litigant_name = normalize_name(self.litigant_name)
        if self.phone.strip():
            self.phone = normalize_phone(self.phone)
        if not self.consent:
            self.litigant_name = mask_personal("name", self.litigant_name)
            self.phone = mask_personal("phone", self.phone)
            self.no_consent_reason = self.no_consent_reason.strip()

    def validate(self, *, now: datetime | None = None) -> list[FieldError]:
        """All problems that keep this intake from being complete, one per field."""
        problems: list[FieldError] = []
        checks: tuple[tuple[str, Callable[[], object]], ...] = (
            ("case_number", lambda: normalize_case_number(self.case_number)),
            ("litigant_name", lambda: normalize_name(self.litigant_name)),
            ("phone", lambda: normalize_phone(self.phone)),
        )
        for _name, run in checks:
            try:
                run()
            except FieldError as exc:
                problems.append(exc)
        if self.hearing_at is None:
            problems.append(error("hearing_at", "required"))
        else:
            try:
                check_hearing_time(self.hearing_at, now=now)
            except FieldError as exc:
                problems.append(exc)
        for name in ("platform_id", "role", "device"):
            if not getattr(self, name):
                problems.append(error(name, "required"))
        return problems


@dataclass
class StepState:
    status: StepStatus = StepStatus.NOT_STARTED
    skip_reason: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Problem:
    """Something that went wrong during the assist, from a fixed taxonomy plus free text."""

    step: StepId
    code: str
    note: str = ""


@dataclass
class CheckRecord:
    """A stored device/network check result (see hearing_helper.checks.base.CheckResult)."""

    check_id: str
    status: str
    code: str
    metrics: dict[str, Any] = field(default_factory=dict)
    remedy_code: str = ""
    started_at: datetime | None = None
    ended_at: datetime | None = None


@dataclass
class Correction:
    by: str
    at: datetime
    reason: str
