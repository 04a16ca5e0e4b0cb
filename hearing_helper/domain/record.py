"""The assisted-hearing record: one litigant helped at the desk, from intake to finish.

A record is a plain dataclass serialised to JSON (``to_dict``/``from_dict``) for storage. Each
wizard step owns ``steps[step].data`` (a JSON-able dict) for what only that step needs; fields that
reports query (intake, outcome, problems, check results) are typed here and in
:mod:`hearing_helper.domain.record_parts` (imported from here as before).
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hearing_helper.domain.enums import (
    STEP_ORDER,
    AccessibilityNeed,
    DeviceKind,
    NotJoinedReason,
    Outcome,
    RecordStatus,
    Role,
    StepId,
    StepStatus,
)
from hearing_helper.domain.record_parts import CheckRecord as CheckRecord
from hearing_helper.domain.record_parts import ClerkProfile as ClerkProfile
from hearing_helper.domain.record_parts import Correction as Correction
from hearing_helper.domain.record_parts import Intake as Intake
from hearing_helper.domain.record_parts import Problem as Problem
from hearing_helper.domain.record_parts import StepState as StepState
from hearing_helper.domain.validation import (
    FieldError,
    check_satisfaction,
    error,
)
from hearing_helper.domain.visit import (
    FollowUp,
    JoinChoice,
    PreparationOutcome,
    PreparationResult,
    RatingSource,
    VisitKind,
    check_cause_code,
    effective_rating_source,
)

SCHEMA_VERSION = 1  # of the JSON payload


def now_local() -> datetime:
    """The current local time, timezone-aware, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)


def new_record_id() -> str:
    return str(uuid.uuid4())


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class AssistRecord:
    clerk: ClerkProfile
    id: str = field(default_factory=new_record_id)
    version: int = 1
    status: RecordStatus = RecordStatus.DRAFT
    started_at: datetime = field(default_factory=now_local)
    ended_at: datetime | None = None
    updated_at: datetime = field(default_factory=now_local)
    intake: Intake = field(default_factory=Intake)
    current_step: StepId = StepId.INTAKE
    steps: dict[StepId, StepState] = field(
        default_factory=lambda: {step: StepState() for step in STEP_ORDER}
    )
    checks: list[CheckRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    outcome: Outcome | None = None
    outcome_reason: NotJoinedReason | None = None
    satisfaction: int | None = None
    notes: str = ""
    catalog_version: str = ""
    guide_version: str = ""
    correction: Correction | None = None
    # Visits (issue 13): records made before visit kinds existed read as hearing-day assistance.
    kind: VisitKind = VisitKind.HEARING_DAY
    preparation: PreparationResult | None = None  # preparation visits: ready / again / in person
    join: JoinChoice = field(default_factory=JoinChoice)  # recommended and chosen way to join
    failure_cause: str = ""  # hearing-day failure: a code of hearing_helper.visits.causes
    follow_up: FollowUp | None = None  # after a prepared litigant's hearing
    previous_record_id: str = ""  # the earlier visit of a returning litigant
    rating_source: RatingSource = RatingSource.NOT_ASKED
    # Made by `demo-data` (synthetic): court-wide reports leave it out unless asked. Stored in
    # the payload only when true, so every real record's stored copy stays byte for byte.
    demo: bool = False

    @property
    def is_finished(self) -> bool:
        return self.status is RecordStatus.FINISHED

    @property
    def duration_seconds(self) -> int | None:
        if self.ended_at is None:
            return None
        return max(0, int((self.ended_at - self.started_at).total_seconds()))

    def step(self, step: StepId) -> StepState:
        return self.steps.setdefault(step, StepState())

    def personal_finish_problems(self) -> list[FieldError]:
        """On finish, for every outcome: the name and phone given must be valid, and personal
        data needs consent or a recorded reason (for outcomes other than LEFT the full intake
        is validated too, which covers name and phone already)."""
        problems = self.intake.personal_data_problems()
        if self.outcome is not Outcome.LEFT:
            problems = [problem for problem in problems if problem.field == "consent"]
        return problems

    def finish_problems(self) -> list[FieldError]:
        """What keeps the record from being finished, per kind of visit: a hearing-day outcome
        and its reason, or a preparation outcome with its particulars and the way to join; the
        satisfaction rating and who gave it."""
        if self.kind is VisitKind.PREPARATION:
            problems = self._preparation_problems()
        else:
            problems = self._hearing_day_problems()
        return problems + self._rating_problems()

    def _hearing_day_problems(self) -> list[FieldError]:
        problems: list[FieldError] = []
        if self.preparation is not None:
            problems.append(error("preparation_outcome", "kind.mismatch"))
        if self.outcome is None:
            problems.append(error("outcome", "required"))
        elif self.outcome is Outcome.NOT_JOINED and self.outcome_reason is None:
            problems.append(error("outcome_reason", "outcome.reason"))
        if self.failure_cause:
            try:
                check_cause_code(self.failure_cause, "failure_cause")
            except FieldError as exc:
                problems.append(exc)
        return problems

    def _preparation_problems(self) -> list[FieldError]:
        problems: list[FieldError] = []
        if self.outcome is not None:
            problems.append(error("outcome", "kind.mismatch"))
        if self.preparation is None:
            return [*problems, error("preparation_outcome", "required")]
        problems += self.preparation.problems(visit_day=self.started_at.date())
        ready = self.preparation.outcome is PreparationOutcome.READY
        return problems + self.join.problems(choice_required=ready)

    def _rating_problems(self) -> list[FieldError]:
        try:
            check_satisfaction(self.satisfaction)
        except FieldError as exc:
            return [exc]
        return []

    @property
    def rating_given_by(self) -> RatingSource:
        """Who gave the rating: a rating without a source was typed in by the clerk."""
        return effective_rating_source(self.rating_source, self.satisfaction)

    # --- serialisation -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (explicit rather than ``dataclasses.asdict``: ~10x faster, which
        matters for bulk imports and autosave)."""
        intake = self.intake
        clerk = self.clerk
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "version": self.version,
            "status": str(self.status),
            "clerk": {
                "staff_id": clerk.staff_id,
                "name": clerk.name,
                "desk": clerk.desk,
                "court": clerk.court,
            },
            "started_at": _iso(self.started_at),
            "ended_at": _iso(self.ended_at),
            "updated_at": _iso(self.updated_at),
            "intake": {
                "case_number": intake.case_number,
                "hearing_at": _iso(intake.hearing_at),
                "court": intake.court,
                "platform_id": intake.platform_id,
                "litigant_name": intake.litigant_name,
                "role": str(intake.role) if intake.role else None,
                "phone": intake.phone,
                "device": str(intake.device) if intake.device else None,
                "accessibility": [str(need) for need in intake.accessibility],
                "consent": intake.consent,
                "no_consent_reason": intake.no_consent_reason,
            },
            "current_step": str(self.current_step),
            "steps": {
                str(step): {
                    "status": str(state.status),
                    "skip_reason": state.skip_reason,
                    "data": copy.deepcopy(state.data) if state.data else {},
                }
                for step, state in self.steps.items()
            },
            "checks": [
                {
                    "check_id": check.check_id,
                    "status": check.status,
                    "code": check.code,
                    "metrics": copy.deepcopy(check.metrics) if check.metrics else {},
                    "remedy_code": check.remedy_code,
                    "started_at": _iso(check.started_at),
                    "ended_at": _iso(check.ended_at),
                }
                for check in self.checks
            ],
            "problems": [
                {"step": str(p.step), "code": p.code, "note": p.note} for p in self.problems
            ],
            "outcome": str(self.outcome) if self.outcome else None,
            "outcome_reason": str(self.outcome_reason) if self.outcome_reason else None,
            "satisfaction": self.satisfaction,
            "notes": self.notes,
            "catalog_version": self.catalog_version,
            "guide_version": self.guide_version,
            "correction": (
                {
                    "by": self.correction.by,
                    "at": _iso(self.correction.at),
                    "reason": self.correction.reason,
                }
                if self.correction
                else None
            ),
            "kind": str(self.kind),
            "preparation": self.preparation.to_dict() if self.preparation else None,
            "join": self.join.to_dict(),
            "failure_cause": self.failure_cause,
            "follow_up": self.follow_up.to_dict() if self.follow_up else None,
            "previous_record_id": self.previous_record_id,
            "rating_source": str(self.rating_given_by),
        } | ({"demo": True} if self.demo else {})

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AssistRecord:
        intake_raw = dict(data.get("intake") or {})
        intake = Intake(
            case_number=intake_raw.get("case_number", ""),
            hearing_at=_dt(intake_raw.get("hearing_at")),
            court=intake_raw.get("court", ""),
            platform_id=intake_raw.get("platform_id", ""),
            litigant_name=intake_raw.get("litigant_name", ""),
            role=Role(intake_raw["role"]) if intake_raw.get("role") else None,
            phone=intake_raw.get("phone", ""),
            device=DeviceKind(intake_raw["device"]) if intake_raw.get("device") else None,
            accessibility=[AccessibilityNeed(a) for a in intake_raw.get("accessibility", [])],
            consent=bool(intake_raw.get("consent", False)),
            no_consent_reason=str(intake_raw.get("no_consent_reason", "")),
        )
        steps = {step: StepState() for step in STEP_ORDER}
        for key, raw in (data.get("steps") or {}).items():
            steps[StepId(key)] = StepState(
                status=StepStatus(raw.get("status", StepStatus.NOT_STARTED)),
                skip_reason=raw.get("skip_reason", ""),
                data=dict(raw.get("data") or {}),
            )
        correction_raw = data.get("correction")
        satisfaction = data.get("satisfaction")
        return cls(
            clerk=ClerkProfile(**data["clerk"]),
            id=data["id"],
            version=int(data.get("version", 1)),
            status=RecordStatus(data.get("status", RecordStatus.DRAFT)),
            started_at=datetime.fromisoformat(data["started_at"]),
            ended_at=_dt(data.get("ended_at")),
            updated_at=_dt(data.get("updated_at")) or now_local(),
            intake=intake,
            current_step=StepId(data.get("current_step", StepId.INTAKE)),
            steps=steps,
            checks=[
                CheckRecord(
                    check_id=c["check_id"],
                    status=c["status"],
                    code=c.get("code", ""),
                    metrics=dict(c.get("metrics") or {}),
                    remedy_code=c.get("remedy_code", ""),
                    started_at=_dt(c.get("started_at")),
                    ended_at=_dt(c.get("ended_at")),
                )
                for c in data.get("checks", [])
            ],
            problems=[
                Problem(StepId(p["step"]), p["code"], p.get("note", ""))
                for p in data.get("problems", [])
            ],
            outcome=Outcome(data["outcome"]) if data.get("outcome") else None,
            outcome_reason=(
                NotJoinedReason(data["outcome_reason"]) if data.get("outcome_reason") else None
            ),
            satisfaction=satisfaction,
            notes=data.get("notes", ""),
            catalog_version=data.get("catalog_version", ""),
            guide_version=data.get("guide_version", ""),
            correction=(
                Correction(
                    by=correction_raw["by"],
                    at=datetime.fromisoformat(correction_raw["at"]),
                    reason=correction_raw["reason"],
                )
                if correction_raw
                else None
            ),
            kind=VisitKind(data.get("kind") or VisitKind.HEARING_DAY),
            preparation=(
                PreparationResult.from_dict(data["preparation"])
                if data.get("preparation")
                else None
            ),
            join=JoinChoice.from_dict(data.get("join") or {}),
            failure_cause=data.get("failure_cause", ""),
            follow_up=FollowUp.from_dict(data["follow_up"]) if data.get("follow_up") else None,
            previous_record_id=data.get("previous_record_id", ""),
            # Before the litigant rated on the litigant window, the clerk typed ratings in.
            rating_source=effective_rating_source(
                RatingSource(data.get("rating_source") or RatingSource.NOT_ASKED), satisfaction
            ),
            demo=data.get("demo") is True,
        )
