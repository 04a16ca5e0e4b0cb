"""English labels of the visit codes (context "visits"), translated by the caller. No Qt.

Like :mod:`hearing_helper.domain.labels`: the one table per code family shared by the screens,
the command line, reports and exports. Recommendation reasons are whole sentences a clerk can
read out ("The phone's system is too old for the hearing app.").
"""

from __future__ import annotations

from hearing_helper.domain.labels import Translate, english
from hearing_helper.domain.visit import (
    AnotherVisitReason,
    FollowUpResult,
    FollowUpSource,
    FollowUpState,
    InPersonReason,
    JoinMode,
    PreparationOutcome,
    RatingSource,
    VisitKind,
)
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

CONTEXT = "visits"

VISIT_KIND_LABELS: dict[str, str] = {
    VisitKind.PREPARATION.value: QT_TRANSLATE_NOOP("visits", "Preparation (hearing later)"),
    VisitKind.HEARING_DAY.value: QT_TRANSLATE_NOOP("visits", "Hearing day"),
}

PREPARATION_OUTCOME_LABELS: dict[str, str] = {
    PreparationOutcome.READY.value: QT_TRANSLATE_NOOP("visits", "Ready for the hearing"),
    PreparationOutcome.ANOTHER_VISIT.value: QT_TRANSLATE_NOOP("visits", "Needs another visit"),
    PreparationOutcome.IN_PERSON.value: QT_TRANSLATE_NOOP("visits", "Will attend in person"),
}

ANOTHER_VISIT_REASON_LABELS: dict[str, str] = {
    AnotherVisitReason.BRING_DEVICE.value: QT_TRANSLATE_NOOP(
        "visits", "Come back with another phone or a family member"
    ),
    AnotherVisitReason.FIX_PHONE.value: QT_TRANSLATE_NOOP(
        "visits", "Update the phone or free storage first"
    ),
    AnotherVisitReason.INSTALL_UNFINISHED.value: QT_TRANSLATE_NOOP(
        "visits", "The app is not installed yet"
    ),
    AnotherVisitReason.ACCOUNT_PENDING.value: QT_TRANSLATE_NOOP(
        "visits", "Account or real-name check not finished"
    ),
    AnotherVisitReason.MEETING_INFO_PENDING.value: QT_TRANSLATE_NOOP(
        "visits", "The court has not sent the meeting details yet"
    ),
    AnotherVisitReason.OTHER.value: QT_TRANSLATE_NOOP("visits", "Other reason"),
}

IN_PERSON_REASON_LABELS: dict[str, str] = {
    InPersonReason.NO_SUITABLE_DEVICE.value: QT_TRANSLATE_NOOP(
        "visits", "No device that works for the hearing"
    ),
    InPersonReason.LITIGANT_PREFERS.value: QT_TRANSLATE_NOOP(
        "visits", "The litigant prefers to come in person"
    ),
    InPersonReason.ACCESSIBILITY.value: QT_TRANSLATE_NOOP(
        "visits", "Easier in the courtroom (hearing, sight, dialect)"
    ),
    InPersonReason.COURT_DECIDED.value: QT_TRANSLATE_NOOP(
        "visits", "The court asked for attendance in person"
    ),
    InPersonReason.OTHER.value: QT_TRANSLATE_NOOP("visits", "Other reason"),
}

JOIN_MODE_LABELS: dict[str, str] = {
    JoinMode.OWN_PHONE.value: QT_TRANSLATE_NOOP("visits", "Own phone (video)"),
    JoinMode.DESK_PC.value: QT_TRANSLATE_NOOP("visits", "Help desk PC at the court"),
    JoinMode.AUDIO_PHONE.value: QT_TRANSLATE_NOOP("visits", "Audio only, by phone"),
    JoinMode.IN_PERSON.value: QT_TRANSLATE_NOOP("visits", "In person, in the court's room"),
}

FOLLOW_UP_RESULT_LABELS: dict[str, str] = {
    FollowUpResult.ON_TIME.value: QT_TRANSLATE_NOOP("visits", "Went ahead, joined on time"),
    FollowUpResult.JOINED_LATE.value: QT_TRANSLATE_NOOP("visits", "Joined late"),
    FollowUpResult.ADJOURNED_TECHNICAL.value: QT_TRANSLATE_NOOP(
        "visits", "Adjourned for a technical reason"
    ),
    FollowUpResult.NOT_HELD_OTHER.value: QT_TRANSLATE_NOOP(
        "visits", "Did not take place for another reason"
    ),
}

FOLLOW_UP_SOURCE_LABELS: dict[str, str] = {
    FollowUpSource.LITIGANT.value: QT_TRANSLATE_NOOP("visits", "The litigant"),
    FollowUpSource.JUDGE_ASSISTANT.value: QT_TRANSLATE_NOOP("visits", "The judge's assistant"),
    FollowUpSource.OTHER.value: QT_TRANSLATE_NOOP("visits", "Someone else"),
}

FOLLOW_UP_STATE_LABELS: dict[str, str] = {
    FollowUpState.NOT_NEEDED.value: QT_TRANSLATE_NOOP("visits", "No follow-up"),
    FollowUpState.WAITING.value: QT_TRANSLATE_NOOP("visits", "Hearing still ahead"),
    FollowUpState.DUE.value: QT_TRANSLATE_NOOP("visits", "Follow-up due"),
    FollowUpState.OVERDUE.value: QT_TRANSLATE_NOOP("visits", "Follow-up overdue"),
    FollowUpState.DONE.value: QT_TRANSLATE_NOOP("visits", "Followed up"),
}

RATING_SOURCE_LABELS: dict[str, str] = {
    RatingSource.LITIGANT.value: QT_TRANSLATE_NOOP("visits", "Given by the litigant"),
    RatingSource.STAFF.value: QT_TRANSLATE_NOOP("visits", "Entered by staff"),
    RatingSource.NOT_ASKED.value: QT_TRANSLATE_NOOP("visits", "Not asked"),
}

# The five choices the litigant sees, from 1 to 5.
RATING_CHOICES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("visits", "Very dissatisfied"),
    QT_TRANSLATE_NOOP("visits", "Dissatisfied"),
    QT_TRANSLATE_NOOP("visits", "Neutral"),
    QT_TRANSLATE_NOOP("visits", "Satisfied"),
    QT_TRANSLATE_NOOP("visits", "Very satisfied"),
)

# Recommendation reasons: one sentence each. "Why not" sentences for a way that was ruled out,
# "why" sentences for the way recommended. Rules files may only use these codes.
REASON_TEXTS: dict[str, str] = {
    # the litigant's own phone
    "no_own_phone": QT_TRANSLATE_NOOP("visits", "The litigant has no phone of their own to use."),
    "phone_not_checked": QT_TRANSLATE_NOOP("visits", "The litigant's phone was not checked."),
    "phone_os_too_old": QT_TRANSLATE_NOOP(
        "visits", "The phone's system is too old to install the hearing app."
    ),
    "phone_storage_full": QT_TRANSLATE_NOOP(
        "visits", "The phone has too little free storage for the hearing app."
    ),
    "phone_network_poor": QT_TRANSLATE_NOOP(
        "visits", "The phone has no usable Wi-Fi or mobile data."
    ),
    "phone_permissions_denied": QT_TRANSLATE_NOOP(
        "visits", "The hearing app may not use the phone's camera or microphone."
    ),
    "app_not_installed": QT_TRANSLATE_NOOP(
        "visits", "The hearing app could not be installed on the phone."
    ),
    "small_screen_poor_sight": QT_TRANSLATE_NOOP(
        "visits", "With poor eyesight, the phone's small screen is hard to follow."
    ),
    "phone_ready": QT_TRANSLATE_NOOP(
        "visits", "The phone passed every check: join the hearing with it."
    ),
    "phone_partly_checked": QT_TRANSLATE_NOOP(
        "visits", "Not every item of the phone was checked: finish the checklist."
    ),
    # the help desk's PC
    "desk_camera_failed": QT_TRANSLATE_NOOP("visits", "The desk PC's camera does not work."),
    "desk_microphone_failed": QT_TRANSLATE_NOOP(
        "visits", "The desk PC's microphone does not work."
    ),
    "desk_speakers_failed": QT_TRANSLATE_NOOP("visits", "The desk PC's speakers do not work."),
    "desk_network_failed": QT_TRANSLATE_NOOP(
        "visits", "The desk PC cannot reach the hearing platform."
    ),
    "desk_pc_ready": QT_TRANSLATE_NOOP(
        "visits", "Join at the court, on the help desk's PC: its camera and microphone work."
    ),
    "desk_pc_not_checked": QT_TRANSLATE_NOOP(
        "visits", "Run the desk PC's checks before the hearing."
    ),
    # audio only
    "hard_of_hearing": QT_TRANSLATE_NOOP(
        "visits", "Hard of hearing: a hearing by phone sound alone is hard to follow."
    ),
    "audio_phone_possible": QT_TRANSLATE_NOOP(
        "visits", "Join by phone with sound only; tell the court beforehand."
    ),
    # in person
    "in_person_fallback": QT_TRANSLATE_NOOP(
        "visits", "No way to join remotely works: attend in person in the court's room."
    ),
    "dialect_interpreter": QT_TRANSLATE_NOOP(
        "visits", "An interpreter is needed: that is easier in the court's room."
    ),
}


def label(table: dict[str, str], code: str | None, translate: Translate = english) -> str:
    """The translated label of ``code``: "" for none, the code itself when unknown."""
    if code is None or code == "":
        return ""
    source = table.get(str(code))
    return translate(CONTEXT, source) if source else str(code)


def reason_text(code: str, translate: Translate = english) -> str:
    return label(REASON_TEXTS, code, translate)
