"""Enumerations of the assisted-hearing domain. Values are stable codes stored in the database."""

from enum import StrEnum


class Role(StrEnum):
    PLAINTIFF = "plaintiff"  # 原告
    DEFENDANT = "defendant"  # 被告
    THIRD_PARTY = "third_party"  # 第三人
    AGENT = "agent"  # 代理人
    WITNESS = "witness"  # 证人
    OTHER = "other"  # 其他


class DeviceKind(StrEnum):
    OWN_ANDROID = "own_android"
    OWN_IPHONE = "own_iphone"
    COURT_TERMINAL = "court_terminal"
    OWN_LAPTOP = "own_laptop"

    @property
    def phone_os(self) -> str | None:
        """The guide OS for this device: 'android', 'ios', 'windows' or None."""
        return {
            DeviceKind.OWN_ANDROID: "android",
            DeviceKind.OWN_IPHONE: "ios",
            DeviceKind.COURT_TERMINAL: "windows",
            DeviceKind.OWN_LAPTOP: "windows",
        }[self]


class AccessibilityNeed(StrEnum):
    ELDERLY = "elderly"
    HEARING = "hearing"
    SIGHT = "sight"
    DIALECT = "dialect"  # dialect or interpreter needed


class StepId(StrEnum):
    INTAKE = "intake"
    CHECKS = "checks"
    INSTALL = "install"
    JOIN = "join"
    FINISH = "finish"


STEP_ORDER: tuple[StepId, ...] = tuple(StepId)


class StepStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


class RecordStatus(StrEnum):
    DRAFT = "draft"
    FINISHED = "finished"


class Outcome(StrEnum):
    JOINED = "joined"
    JOINED_AFTER_HELP = "joined_after_help"
    NOT_JOINED = "not_joined"
    RESCHEDULED = "rescheduled"
    LEFT = "left"  # the litigant left before the end

    @property
    def is_joined(self) -> bool:
        return self in (Outcome.JOINED, Outcome.JOINED_AFTER_HELP)


class NotJoinedReason(StrEnum):
    """Why a litigant did not join; required when the outcome is NOT_JOINED."""

    DEVICE = "device"  # phone/PC unusable (too old, broken camera...)
    NETWORK = "network"
    APP_INSTALL = "app_install"
    ACCOUNT = "account"  # registration / real-name verification / SMS code
    MEETING_INFO = "meeting_info"  # wrong or missing meeting link / ID
    PLATFORM_DOWN = "platform_down"
    LITIGANT_DECLINED = "litigant_declined"
    HEARING_CANCELLED = "hearing_cancelled"
    OTHER = "other"
