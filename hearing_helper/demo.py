"""Realistic synthetic assisted hearings for demos, screenshots and benchmarks.

Deterministic for a seed: the same seed (and catalog) gives the same records, ids included.
Distributions are plausible for a busy help desk, not real statistics.
"""

from __future__ import annotations

import bisect
import random
import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from typing import TypeVar

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


def _weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    """``rng.choices(values, weights)[0]``, the same draw for the same state (its arithmetic
    step by step), without building its lists: called several times per record."""
    running: float = 0
    cumulative: list[float] = []
    for _value, weight in options:
        running = weight if not cumulative else running + weight
        cumulative.append(running)
    point = rng.random() * (cumulative[-1] + 0.0)
    return options[bisect.bisect(cumulative, point, 0, len(cumulative) - 1)][0]


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


def _start_time(rng: random.Random, end: datetime, days: int) -> datetime:
    while True:
        day = end - timedelta(days=rng.randrange(days))
        if day.weekday() < 5 or rng.random() < 0.05:
            break
    # Morning rush before hearings at 9:00 and 14:00.
    hour = _weighted(
        rng, [(8, 1.5), (9, 3), (10, 2.5), (11, 1.5), (13, 1.5), (14, 2.5), (15, 2), (16, 1)]
    )
    return day.replace(
        hour=int(hour),
        minute=rng.randrange(60),
        second=rng.randrange(60),
        microsecond=0,
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
        clerk = rng.choice(clerks)
        court_name, court_code = next(c for c in COURTS if c[0] == clerk.court)
        started = _start_time(rng, end, days)
        minutes = min(60.0, max(4.0, rng.lognormvariate(2.9, 0.45)))
        ended = started + timedelta(seconds=int(minutes * 60))
        device = _weighted(
            rng,
            [
                (DeviceKind.OWN_ANDROID, 55),
                (DeviceKind.OWN_IPHONE, 25),
                (DeviceKind.COURT_TERMINAL, 15),
                (DeviceKind.OWN_LAPTOP, 5),
            ],
        )
        outcome = _weighted(
            rng,
            [
                (Outcome.JOINED, 55),
                (Outcome.JOINED_AFTER_HELP, 25),
                (Outcome.NOT_JOINED, 10),
                (Outcome.RESCHEDULED, 6),
                (Outcome.LEFT, 4),
            ],
        )
        year = started.year - (1 if rng.random() < 0.3 else 0)
        needs = [
            need
            for need, p in (
                (AccessibilityNeed.ELDERLY, 0.35),
                (AccessibilityNeed.HEARING, 0.08),
                (AccessibilityNeed.SIGHT, 0.06),
                (AccessibilityNeed.DIALECT, 0.05),
            )
            if rng.random() < p
        ]
        intake = Intake(
            case_number=f"（{year}）{court_code}{rng.choice(CASE_KINDS)}{rng.randint(1, 29999)}号",
            hearing_at=started.replace(minute=0, second=0) + timedelta(hours=1),
            court=court_name,
            platform_id=rng.choice(platforms),
            litigant_name=_name(rng),
            role=_weighted(
                rng,
                [
                    (Role.PLAINTIFF, 35),
                    (Role.DEFENDANT, 35),
                    (Role.AGENT, 10),
                    (Role.THIRD_PARTY, 8),
                    (Role.WITNESS, 7),
                    (Role.OTHER, 5),
                ],
            ),
            phone=rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
            device=device,
            accessibility=needs,
            consent=True,
        )
        record = AssistRecord(
            clerk=clerk,
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            status=RecordStatus.FINISHED,
            started_at=started,
            ended_at=ended,
            updated_at=ended,
            intake=intake,
            current_step=StepId.FINISH,
        )
        _fill_steps(rng, record, outcome)
        record.outcome = outcome
        if outcome is Outcome.NOT_JOINED:
            record.outcome_reason = _weighted(
                rng,
                [
                    (NotJoinedReason.APP_INSTALL, 30),
                    (NotJoinedReason.DEVICE, 20),
                    (NotJoinedReason.NETWORK, 15),
                    (NotJoinedReason.ACCOUNT, 15),
                    (NotJoinedReason.MEETING_INFO, 8),
                    (NotJoinedReason.LITIGANT_DECLINED, 5),
                    (NotJoinedReason.PLATFORM_DOWN, 4),
                    (NotJoinedReason.OTHER, 3),
                ],
            )
        if rng.random() < 0.85:
            record.satisfaction = _weighted(rng, [(5, 60), (4, 28), (3, 8), (2, 3), (1, 1)])
        if shaper is not None:
            follow_on = shaper.shape(record)
        produced += 1
        record.demo = demo
        yield record


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
