"""Realistic synthetic assisted hearings for demos, screenshots and benchmarks.

Deterministic for a seed: the same seed (and catalog) gives the same records, ids included.
Distributions are plausible for a busy help desk, not real statistics.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from typing import Generic, TypeVar

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
from hearing_helper.domain.record import (
    AssistRecord,
    CheckRecord,
    ClerkProfile,
    Intake,
    Problem,
    StepState,
)

T = TypeVar("T")

CHINA_TZ = timezone(timedelta(hours=8))

# (court name, case-number court code)
COURTS: tuple[tuple[str, str], ...] = (
    ("北京市朝阳区人民法院", "京0105"),
    ("上海市浦东新区人民法院", "沪0115"),
    ("河北省故城县人民法院", "冀1126"),
    ("广州市天河区人民法院", "粤0106"),
    ("成都市武侯区人民法院", "川0107"),
)
DESKS = ("1号窗口", "2号窗口", "3号窗口", "诉讼服务中心")
CLERK_NAMES = ("李静", "王磊", "张敏", "刘洋", "陈晓燕", "杨帆", "赵丽", "黄伟", "周婷", "吴强")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文斌海燕春梅德福淑珍"
CASE_KINDS = ("民初", "民初", "民初", "民终", "执", "商初", "行初", "民特")
FALLBACK_PLATFORMS = ("court_online", "mobile_micro_court", "tencent_meeting", "court_video")
# Install problems as the App install page records them (hearing_helper.catalog.model).
INSTALL_PROBLEMS = (
    "no_storage",
    "store_password",
    "phone_too_old",
    "mini_program_not_found",
    "permission_denied",
    "sms_code_missing",
    "no_wechat",
)
# Real result codes of the checks (hearing_helper.checks.remedies / checks.network.TEXTS):
# check id -> (failure rate, fail codes, warn codes, remedy code).
CHECK_OUTCOMES: dict[str, tuple[float, tuple[str, ...], tuple[str, ...], str]] = {
    "camera": (
        0.05,
        ("camera.no_frames", "camera.black"),
        ("camera.low_fps",),
        "camera.close_other_apps",
    ),
    "microphone": (
        0.07,
        ("microphone.silent",),
        ("microphone.quiet", "microphone.clipping"),
        "microphone.unmute",
    ),
    "network": (
        0.06,
        ("network.dns_failed", "network.high_latency"),
        ("network.high_jitter", "network.slow_download"),
        "network.remedy.improve_connection",
    ),
}
MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "182",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
)


class Weighted(Generic[T]):
    """A weighted draw made once per option set: ``draw(rng)`` is ``rng.choices(values,
    weights)[0]``, the same draw for the same state (its arithmetic step by step), without
    building its lists on every call (several draws per record)."""

    __slots__ = ("values", "cumulative", "total", "last")

    def __init__(self, options: Sequence[tuple[T, float]]) -> None:
        self.values = tuple(value for value, _weight in options)
        self.cumulative = list(itertools.accumulate(weight for _value, weight in options))
        self.total = self.cumulative[-1] + 0.0
        self.last = len(self.cumulative) - 1

    def draw(self, rng: random.Random) -> T:
        point = rng.random() * self.total
        return self.values[bisect.bisect(self.cumulative, point, 0, self.last)]


HOURS = Weighted(  # the morning rush before hearings at 9:00 and 14:00
    [(8, 1.5), (9, 3), (10, 2.5), (11, 1.5), (13, 1.5), (14, 2.5), (15, 2), (16, 1)]
)
DEVICES = Weighted(
    [
        (DeviceKind.OWN_ANDROID, 55),
        (DeviceKind.OWN_IPHONE, 25),
        (DeviceKind.COURT_TERMINAL, 15),
        (DeviceKind.OWN_LAPTOP, 5),
    ]
)
OUTCOMES = Weighted(
    [
        (Outcome.JOINED, 55),
        (Outcome.JOINED_AFTER_HELP, 25),
        (Outcome.NOT_JOINED, 10),
        (Outcome.RESCHEDULED, 6),
        (Outcome.LEFT, 4),
    ]
)
ROLES = Weighted(
    [
        (Role.PLAINTIFF, 35),
        (Role.DEFENDANT, 35),
        (Role.AGENT, 10),
        (Role.THIRD_PARTY, 8),
        (Role.WITNESS, 7),
        (Role.OTHER, 5),
    ]
)
NOT_JOINED_REASONS = Weighted(
    [
        (NotJoinedReason.APP_INSTALL, 30),
        (NotJoinedReason.DEVICE, 20),
        (NotJoinedReason.NETWORK, 15),
        (NotJoinedReason.ACCOUNT, 15),
        (NotJoinedReason.MEETING_INFO, 8),
        (NotJoinedReason.LITIGANT_DECLINED, 5),
        (NotJoinedReason.PLATFORM_DOWN, 4),
        (NotJoinedReason.OTHER, 3),
    ]
)
SATISFACTION = Weighted([(5, 60), (4, 28), (3, 8), (2, 3), (1, 1)])
NEEDS = (
    (AccessibilityNeed.ELDERLY, 0.35),
    (AccessibilityNeed.HEARING, 0.08),
    (AccessibilityNeed.SIGHT, 0.06),
    (AccessibilityNeed.DIALECT, 0.05),
)
COURT_CODES = dict(COURTS)


def _record_id(rng: random.Random) -> str:
    """``str(uuid.UUID(int=rng.getrandbits(128), version=4))`` without the UUID object."""
    bits = rng.getrandbits(128) & ~(0xC000 << 48) | 0x8000 << 48
    digits = f"{bits & ~(0xF000 << 64) | 4 << 76:032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def _platform_ids() -> list[str]:
    try:
        from hearing_helper.catalog import load_catalog

        ids = [platform.id for platform in load_catalog(None).platforms]
    except Exception:  # noqa: BLE001 - demo data must not depend on a healthy catalog
        ids = []
    return ids or list(FALLBACK_PLATFORMS)


def make_clerks(rng: random.Random) -> list[ClerkProfile]:
    clerks = []
    for index, name in enumerate(CLERK_NAMES):
        court, _code = COURTS[index % len(COURTS)]
        clerks.append(ClerkProfile(f"S{1001 + index}", name, DESKS[index % len(DESKS)], court))
    return clerks


def _name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


class _StartDays:
    """The days back from ``end`` a record may start on, each with whether it is a weekday,
    made once per day drawn (a year of demo data draws each day hundreds of times)."""

    def __init__(self, end: datetime, days: int) -> None:
        self.end = end
        self.days = days
        self._made: dict[int, tuple[datetime, bool]] = {}

    def draw(self, rng: random.Random) -> tuple[datetime, bool]:
        number = rng.randrange(self.days)
        found = self._made.get(number)
        if found is None:
            day = self.end - timedelta(days=number)
            found = self._made[number] = (day, day.weekday() < 5)
        return found


def _start_time(rng: random.Random, days: _StartDays) -> datetime:
    while True:
        day, weekday = days.draw(rng)
        if weekday or rng.random() < 0.05:  # weekends seldom
            break
    return day.replace(
        hour=HOURS.draw(rng), minute=rng.randrange(60), second=rng.randrange(60), microsecond=0
    )


def generate_records(
    count: int,
    seed: int = 1,
    *,
    end: datetime | None = None,
    days: int = 365,
    visits: bool = False,
    demo: bool = True,
) -> Iterator[AssistRecord]:
    """Yield ``count`` finished records started within ``days`` days before ``end``, marked
    as demo records (``demo``; a benchmark of a court's real load passes False).

    With ``visits``, some are preparation visits (with the recommended way to join and, after
    the hearing, a follow-up), some litigants come back (linked to their earlier visit), and
    ratings are marked as the litigant's own (hearing_helper.demo_visits). Without it every
    record is a hearing-day assistance, as before visit kinds existed.
    """
    rng = random.Random(seed)
    end = (end or datetime(2026, 11, 27, 18, 0, tzinfo=CHINA_TZ)).replace(microsecond=0)
    clerks = make_clerks(rng)
    platforms = _platform_ids()
    start_days = _StartDays(end, days)
    shaper = None
    if visits:
        from hearing_helper.demo_visits import VisitShaper

        shaper = VisitShaper(seed, end, clerks)
    produced = 0
    follow_on: list[AssistRecord] = []
    while produced < count:
        if follow_on:
            produced += 1
            following = follow_on.pop(0)
            following.demo = demo
            yield following
            continue
        record = _hearing_day_record(rng, rng.choice(clerks), platforms, start_days)
        if shaper is not None:
            follow_on = shaper.shape(record)
        produced += 1
        record.demo = demo
        yield record


def _hearing_day_record(
    rng: random.Random,
    clerk: ClerkProfile,
    platforms: list[str],
    start_days: _StartDays,
) -> AssistRecord:
    """One finished hearing-day assistance; every draw in the order it has always been made
    (tests/test_demo_bulk.py pins the records a seed gives)."""
    started = _start_time(rng, start_days)
    minutes = min(60.0, max(4.0, rng.lognormvariate(2.9, 0.45)))
    ended = started + timedelta(seconds=int(minutes * 60))
    device = DEVICES.draw(rng)
    outcome = OUTCOMES.draw(rng)
    year = started.year - (1 if rng.random() < 0.3 else 0)
    needs = [need for need, p in NEEDS if rng.random() < p]
    intake = Intake(
        case_number=f"（{year}）{COURT_CODES[clerk.court]}{rng.choice(CASE_KINDS)}"
        f"{rng.randint(1, 29999)}号",
        hearing_at=started.replace(minute=0, second=0) + timedelta(hours=1),
        court=clerk.court,
        platform_id=rng.choice(platforms),
        litigant_name=_name(rng),
        role=ROLES.draw(rng),
        phone=rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
        device=device,
        accessibility=needs,
        consent=True,
    )
    record = AssistRecord(
        clerk=clerk,
        id=_record_id(rng),
        status=RecordStatus.FINISHED,
        started_at=started,
        ended_at=ended,
        updated_at=ended,
        intake=intake,
        current_step=StepId.FINISH,
        steps={},  # _fill_steps sets every step
    )
    _fill_steps(rng, record, outcome)
    record.outcome = outcome
    if outcome is Outcome.NOT_JOINED:
        record.outcome_reason = NOT_JOINED_REASONS.draw(rng)
    if rng.random() < 0.85:
        record.satisfaction = SATISFACTION.draw(rng)
    return record


def _fill_steps(rng: random.Random, record: AssistRecord, outcome: Outcome) -> None:
    record.steps = {step: StepState(StepStatus.DONE) for step in STEP_ORDER}
    if record.intake.device in (DeviceKind.COURT_TERMINAL, DeviceKind.OWN_LAPTOP):
        record.steps[StepId.INSTALL] = StepState(StepStatus.SKIPPED, "court terminal")
    elif rng.random() < 0.25:
        problem = rng.choice(INSTALL_PROBLEMS)
        record.problems.append(Problem(StepId.INSTALL, problem))
        if outcome is Outcome.NOT_JOINED and rng.random() < 0.5:
            record.steps[StepId.INSTALL].status = StepStatus.FAILED
    for check_id, (fail_rate, fail_codes, warn_codes, remedy) in CHECK_OUTCOMES.items():
        roll = rng.random()
        if roll < fail_rate:
            status, code = "fail", rng.choice(fail_codes)
        elif roll < fail_rate * 2.5:
            status, code = "warn", rng.choice(warn_codes)
        else:
            status, code, remedy = "pass", f"{check_id}.ok", ""
        record.checks.append(
            CheckRecord(check_id, status, code, {}, remedy, record.started_at, record.started_at)
        )
    if outcome is Outcome.NOT_JOINED:
        record.steps[StepId.JOIN].status = StepStatus.FAILED
    elif outcome is Outcome.LEFT:
        for step in (StepId.INSTALL, StepId.JOIN):
            record.steps[step].status = StepStatus.NOT_STARTED
