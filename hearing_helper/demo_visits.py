"""Demo data for visits (issue 13): preparation visits with a recommended way to join, their
follow-ups, returning litigants, hearing-day causes and the litigant's own rating.

:func:`hearing_helper.demo.generate_records` hands each synthetic hearing-day record to
:meth:`VisitShaper.shape`, which may turn it into a preparation visit and return the visits
that follow from it (the litigant coming back, or asking for help again on hearing day).
Deterministic for a seed. Plausible figures for a desk that has started preparing litigants,
not real statistics.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import TypeVar

from hearing_helper.checks.phone_checklist import PHONE_ITEMS, Answer
from hearing_helper.domain.enums import (
    AccessibilityNeed,
    DeviceKind,
    NotJoinedReason,
    Outcome,
    StepId,
    StepStatus,
)
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.domain.visit import (
    FOLLOW_UP_AFTER,
    AnotherVisitReason,
    FollowUp,
    FollowUpResult,
    FollowUpSource,
    InPersonReason,
    JoinChoice,
    JoinMode,
    PreparationOutcome,
    PreparationResult,
    RatingSource,
    VisitKind,
)
from hearing_helper.visits.causes import causes
from hearing_helper.visits.join_rules import load_join_rules
from hearing_helper.visits.recommend import Recommendation, VisitFacts, recommend

PREPARATION_SHARE = 0.3  # of the records that are not follow-on visits
HEARING_DAY_HELP_AGAIN = 0.12  # prepared litigants who still come to the desk on the day
FOLLOW_UP_RECORDED = 0.85  # the rest stays in the follow-up list (due or overdue)
# The litigant window asks for the rating in the last weeks; before, the clerk typed it in.
LITIGANT_RATING_DAYS = 45
# Phone checklist items that fail, per item (elderly litigants' phones are older).
PHONE_FAILURES = {
    "os_version": 0.10,
    "storage": 0.08,
    "network": 0.04,
    "permissions": 0.04,
    "app_store": 0.06,
    "wechat": 0.05,
}
OVERRIDES = {
    JoinMode.OWN_PHONE: "当事人坚持用自己的手机，已约定开庭前半小时再试一次",
    JoinMode.IN_PERSON: "当事人表示愿意到庭参加",
    JoinMode.DESK_PC: "家属不在身边，当事人选择来法院用窗口电脑",
    JoinMode.AUDIO_PHONE: "承办法官同意电话参加",
}
FOLLOW_UP_NOTES = {
    FollowUpResult.JOINED_LATE: ("忘了开庭时间", "进入会议室时找不到入口", ""),
    FollowUpResult.ADJOURNED_TECHNICAL: ("当事人一方网络中断", "平台故障", ""),
    FollowUpResult.NOT_HELD_OTHER: ("案件已调解撤诉", "法官改期", "对方当事人未到庭"),
}
LATE_CAUSES = ("hearing.forgot_how", "hearing.network_outage", "no_network", "hearing.account")
ADJOURN_CAUSES = (
    "hearing.power_cut",
    "hearing.network_outage",
    "hearing.platform_down",
    "network.high_latency",
    "microphone.silent",
)


_T = TypeVar("_T")


def _pick(rng: random.Random, weighted: dict[_T, float]) -> _T:
    return rng.choices(list(weighted), list(weighted.values()))[0]


class VisitShaper:
    """Turns some synthetic records into preparation visits and adds what follows them."""

    def __init__(self, seed: int, end: datetime, clerks: list[ClerkProfile]) -> None:
        # Its own random stream: the hearing-day records are the same with or without visits.
        self.rng = random.Random(seed * 7919 + 13)
        self.end = end
        self.clerks = clerks
        self.rules = load_join_rules(None).rules
        self._recommendations: dict[tuple[object, ...], Recommendation] = {}
        self.causes_by_reason: dict[NotJoinedReason, list[str]] = {}
        for item in causes():
            self.causes_by_reason.setdefault(item.reason, []).append(item.code)

    def _recommend(self, facts: VisitFacts) -> Recommendation:
        """``recommend(facts, rules)``, remembered: a few hundred distinct facts recur across
        100,000 visits, and applying every rule took a sixth of the generation time."""
        key = (
            tuple(sorted(facts.desk_checks.items())),
            tuple(sorted(facts.phone_answers.items())),
            facts.device,
            facts.needs,
            facts.install_problems,
        )
        found = self._recommendations.get(key)
        if found is None:
            found = self._recommendations[key] = recommend(facts, self.rules)
        return found

    def shape(self, record: AssistRecord) -> list[AssistRecord]:
        """Shape ``record`` in place; return the follow-on visits (already shaped)."""
        self._rating(record)
        if self.rng.random() >= PREPARATION_SHARE:
            self._hearing_day_cause(record)
            return []
        return self._prepare(record)

    # --- preparation -----------------------------------------------------------------------

    def _prepare(self, record: AssistRecord) -> list[AssistRecord]:
        rng = self.rng
        record.kind = VisitKind.PREPARATION
        record.outcome = None
        record.outcome_reason = None
        record.failure_cause = ""
        hearing_day = record.started_at + timedelta(days=rng.choice((1, 1, 2, 3, 3, 5, 7, 10)))
        record.intake.hearing_at = hearing_day.replace(
            hour=rng.choice((9, 9, 10, 14, 14, 15)), minute=rng.choice((0, 0, 30)), second=0
        )
        record.step(StepId.JOIN).status = StepStatus.DONE  # a practice join
        self._phone_checklist(record)
        recommendation = self._recommend(VisitFacts.from_record(record))
        chosen = recommendation.mode
        override = ""
        if rng.random() < 0.08:
            chosen = rng.choice([m for m in JoinMode if m is not recommendation.mode])
            override = OVERRIDES[chosen]
        record.join = JoinChoice(recommendation.mode, recommendation.reason_codes, chosen, override)
        outcome = _pick(
            rng,
            {
                PreparationOutcome.READY: 78,
                PreparationOutcome.ANOTHER_VISIT: 14,
                PreparationOutcome.IN_PERSON: 8,
            },
        )
        if chosen is JoinMode.IN_PERSON:
            outcome = PreparationOutcome.IN_PERSON
        if outcome is PreparationOutcome.ANOTHER_VISIT:
            return self._another_visit(record)
        if outcome is PreparationOutcome.IN_PERSON:
            reason = _pick(
                rng,
                {
                    InPersonReason.NO_SUITABLE_DEVICE: 40,
                    InPersonReason.LITIGANT_PREFERS: 30,
                    InPersonReason.ACCESSIBILITY: 20,
                    InPersonReason.COURT_DECIDED: 10,
                },
            )
            record.preparation = PreparationResult(outcome, in_person_reason=reason)
        else:
            record.preparation = PreparationResult(outcome)
        self._follow_up(record)
        if outcome is PreparationOutcome.READY and rng.random() < HEARING_DAY_HELP_AGAIN:
            again = self._hearing_day_again(record)
            return [again] if again else []
        return []

    def _phone_checklist(self, record: AssistRecord) -> None:
        if record.intake.device not in (DeviceKind.OWN_ANDROID, DeviceKind.OWN_IPHONE):
            return
        elderly = AccessibilityNeed.ELDERLY in record.intake.accessibility
        answers = {}
        for item in PHONE_ITEMS:
            rate = PHONE_FAILURES[item.id] * (2 if elderly else 1)
            answers[item.id] = (Answer.FAIL if self.rng.random() < rate else Answer.PASS).value
        record.step(StepId.CHECKS).data["phone_checklist"] = answers

    def _another_visit(self, record: AssistRecord) -> list[AssistRecord]:
        rng = self.rng
        reason = _pick(
            rng,
            {
                AnotherVisitReason.BRING_DEVICE: 30,
                AnotherVisitReason.FIX_PHONE: 25,
                AnotherVisitReason.INSTALL_UNFINISHED: 20,
                AnotherVisitReason.ACCOUNT_PENDING: 15,
                AnotherVisitReason.MEETING_INFO_PENDING: 10,
            },
        )
        hearing = record.intake.hearing_at or record.started_at
        days_left = (hearing.date() - record.started_at.date()).days  # >= 1
        next_day = record.started_at + timedelta(days=min(days_left, rng.randint(1, 3)))
        record.preparation = PreparationResult(
            PreparationOutcome.ANOTHER_VISIT, reason, next_day.date()
        )
        comes_back = next_day.date() < hearing.date() and rng.random() >= 0.2
        if not comes_back or next_day.replace(hour=16) > self.end:
            self._follow_up(record)  # never came back: the hearing is followed up from here
            return []
        second = self._follow_on(record, next_day.replace(hour=rng.choice((9, 10, 14, 15))))
        second.kind = VisitKind.PREPARATION
        second.outcome = None
        second.outcome_reason = None
        if second.intake.device in (DeviceKind.OWN_ANDROID, DeviceKind.OWN_IPHONE):
            # Came back with the phone fixed (or a family member's).
            second.step(StepId.CHECKS).data["phone_checklist"] = {
                item.id: Answer.PASS.value for item in PHONE_ITEMS
            }
        again = self._recommend(VisitFacts.from_record(second))
        second.join = JoinChoice(again.mode, again.reason_codes, again.mode)
        second.preparation = PreparationResult(
            PreparationOutcome.IN_PERSON
            if again.mode is JoinMode.IN_PERSON
            else PreparationOutcome.READY,
            in_person_reason=(
                InPersonReason.NO_SUITABLE_DEVICE if again.mode is JoinMode.IN_PERSON else None
            ),
        )
        self._rating(second)
        self._follow_up(second)
        return [second]

    def _hearing_day_again(self, prepared: AssistRecord) -> AssistRecord | None:
        hearing = prepared.intake.hearing_at
        if hearing is None or hearing > self.end:
            return None
        again = self._follow_on(prepared, hearing - timedelta(minutes=self.rng.randint(15, 50)))
        again.kind = VisitKind.HEARING_DAY
        # Prepared litigants mostly need a quick hand, and join.
        again.outcome = _pick(
            self.rng, {Outcome.JOINED: 70, Outcome.JOINED_AFTER_HELP: 25, Outcome.NOT_JOINED: 5}
        )
        if again.outcome is Outcome.NOT_JOINED:
            again.outcome_reason = NotJoinedReason.NETWORK
        self._hearing_day_cause(again)
        self._rating(again)
        return again

    def _follow_on(self, earlier: AssistRecord, started: datetime) -> AssistRecord:
        """The same litigant's next visit: same case and contact details, linked to the earlier."""
        data = earlier.to_dict()
        data["id"] = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        minutes = self.rng.randint(5, 20)
        data["started_at"] = started.isoformat()
        data["ended_at"] = (started + timedelta(minutes=minutes)).isoformat()
        data["updated_at"] = data["ended_at"]
        data["clerk"] = self.rng.choice(
            [c for c in self.clerks if c.court == earlier.clerk.court] or self.clerks
        ).__dict__
        data["previous_record_id"] = earlier.id
        data["follow_up"] = None
        data["preparation"] = None
        data["problems"] = []
        return AssistRecord.from_dict(data)

    def _follow_up(self, record: AssistRecord) -> None:
        rng = self.rng
        hearing = record.intake.hearing_at
        if hearing is None or rng.random() >= FOLLOW_UP_RECORDED:
            return
        recorded = hearing + FOLLOW_UP_AFTER + timedelta(hours=rng.choice((0, 1, 18, 20, 44)))
        if recorded > self.end:
            return  # still due: it shows in the follow-up list
        in_person = record.join.chosen is JoinMode.IN_PERSON
        result = _pick(
            rng,
            {
                FollowUpResult.ON_TIME: 82,
                FollowUpResult.JOINED_LATE: 0 if in_person else 8,
                FollowUpResult.ADJOURNED_TECHNICAL: 0 if in_person else 4,
                FollowUpResult.NOT_HELD_OTHER: 6,
            },
        )
        cause, note = "", ""
        if result is FollowUpResult.JOINED_LATE:
            cause = rng.choice(LATE_CAUSES)
        elif result is FollowUpResult.ADJOURNED_TECHNICAL:
            cause = rng.choice(ADJOURN_CAUSES)
        if result in FOLLOW_UP_NOTES:
            note = rng.choice(FOLLOW_UP_NOTES[result])
            if result is FollowUpResult.NOT_HELD_OTHER and not note:
                note = "法院通知改期"
        record.follow_up = FollowUp(
            result,
            recorded,
            rng.choice(self.clerks).staff_id,
            _pick(rng, {FollowUpSource.LITIGANT: 65, FollowUpSource.JUDGE_ASSISTANT: 35}),
            cause,
            note,
        )

    # --- every record --------------------------------------------------------------------------

    def _rating(self, record: AssistRecord) -> None:
        if record.satisfaction is None:
            return
        recent = record.started_at > self.end - timedelta(days=LITIGANT_RATING_DAYS)
        record.rating_source = RatingSource.LITIGANT if recent else RatingSource.STAFF

    def _hearing_day_cause(self, record: AssistRecord) -> None:
        reason = record.outcome_reason
        if record.outcome is not Outcome.NOT_JOINED or reason is None:
            return
        options = self.causes_by_reason.get(reason)
        if options and reason is not NotJoinedReason.OTHER:
            record.failure_cause = self.rng.choice(options)
        elif reason is NotJoinedReason.OTHER and self.rng.random() < 0.5:
            record.failure_cause = "hearing.power_cut"
