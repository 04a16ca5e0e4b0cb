"""Check codes and remedy codes -> English sentences (context "checks") for the UI to translate.

The UI shows ``QCoreApplication.translate("checks", describe(code))`` and
``QCoreApplication.translate("checks", remedy_text(remedy_code))``. Remedies are plain sentences
a clerk can read out to the litigant. Network texts come from the network feature's ``TEXTS``.
"""

from __future__ import annotations

import logging

from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

TITLES: dict[str, str] = {
    "camera": QT_TRANSLATE_NOOP("checks", "Camera"),
    "microphone": QT_TRANSLATE_NOOP("checks", "Microphone"),
    "speakers": QT_TRANSLATE_NOOP("checks", "Speakers"),
    "system": QT_TRANSLATE_NOOP("checks", "Computer"),
    "network": QT_TRANSLATE_NOOP("checks", "Network"),
    "phone": QT_TRANSLATE_NOOP("checks", "Litigant's phone"),
}

# What was found (one short line).
FINDINGS: dict[str, str] = {
    "camera.ok": QT_TRANSLATE_NOOP("checks", "The camera works."),
    "camera.no_device": QT_TRANSLATE_NOOP("checks", "No camera found."),
    "camera.open_failed": QT_TRANSLATE_NOOP("checks", "The camera could not be opened."),
    "camera.no_frames": QT_TRANSLATE_NOOP("checks", "The camera sent no picture within 3 seconds."),
    "camera.black": QT_TRANSLATE_NOOP("checks", "The camera picture is black."),
    "camera.frozen": QT_TRANSLATE_NOOP("checks", "The camera picture is frozen."),
    "camera.low_fps": QT_TRANSLATE_NOOP(
        "checks", "The camera picture is jerky (too few frames per second)."
    ),
    "microphone.ok": QT_TRANSLATE_NOOP("checks", "The microphone works."),
    "microphone.no_device": QT_TRANSLATE_NOOP("checks", "No microphone found."),
    "microphone.open_failed": QT_TRANSLATE_NOOP("checks", "The microphone could not be opened."),
    "microphone.no_data": QT_TRANSLATE_NOOP("checks", "The microphone sent no sound."),
    "microphone.silent": QT_TRANSLATE_NOOP(
        "checks", "Almost nothing was heard from the microphone."
    ),
    "microphone.quiet": QT_TRANSLATE_NOOP("checks", "The voice is very quiet."),
    "microphone.clipping": QT_TRANSLATE_NOOP("checks", "The voice is too loud and distorted."),
    "microphone.loopback_ok": QT_TRANSLATE_NOOP(
        "checks", "The microphone picked up the speakers' test sound: it works."
    ),
    "speakers.heard": QT_TRANSLATE_NOOP("checks", "The test sound was heard."),
    "speakers.not_heard": QT_TRANSLATE_NOOP("checks", "The test sound was not heard."),
    "speakers.loopback_ok": QT_TRANSLATE_NOOP(
        "checks", "The microphone picked up the test tone: speakers and microphone work."
    ),
    "speakers.loopback_not_detected": QT_TRANSLATE_NOOP(
        "checks", "The microphone did not pick up the test tone."
    ),
    "speakers.loopback_no_microphone": QT_TRANSLATE_NOOP(
        "checks", "No microphone to listen for the test tone; someone must listen."
    ),
    "speakers.no_device": QT_TRANSLATE_NOOP("checks", "No speakers or headphones found."),
    "speakers.open_failed": QT_TRANSLATE_NOOP("checks", "The speakers could not be opened."),
    "speakers.no_data": QT_TRANSLATE_NOOP("checks", "The sound could not be played."),
    "speakers.needs_listener": QT_TRANSLATE_NOOP(
        "checks", "Someone must listen to the test sound."
    ),
    "speakers.not_confirmed": QT_TRANSLATE_NOOP(
        "checks", "Nobody confirmed hearing the test sound."
    ),
    "system.ok": QT_TRANSLATE_NOOP("checks", "The computer is ready."),
    "system.low_disk": QT_TRANSLATE_NOOP("checks", "The disk is almost full."),
    "system.low_memory": QT_TRANSLATE_NOOP("checks", "The computer is short of free memory."),
    "system.low_battery": QT_TRANSLATE_NOOP("checks", "The battery is low."),
    "phone.ok": QT_TRANSLATE_NOOP("checks", "The phone is ready."),
    "phone.items_failed": QT_TRANSLATE_NOOP("checks", "Some items on the phone need fixing."),
    "phone.incomplete": QT_TRANSLATE_NOOP("checks", "The phone checklist is not finished."),
}

# What the clerk should do (read out as is).
REMEDIES: dict[str, str] = {
    "camera.connect": QT_TRANSLATE_NOOP(
        "checks", "Plug in the camera, or use a computer or phone that has a camera."
    ),
    "camera.close_other_apps": QT_TRANSLATE_NOOP(
        "checks",
        "The camera may be in use by another program. Close WeChat video or other meeting "
        "apps, then try again.",
    ),
    "camera.uncover": QT_TRANSLATE_NOOP(
        "checks", "Remove the lens cover or tape, and make sure the room is lit."
    ),
    "camera.reconnect": QT_TRANSLATE_NOOP(
        "checks", "Unplug the camera, plug it in again, then try again."
    ),
    "camera.low_fps": QT_TRANSLATE_NOOP(
        "checks", "Close other programs and turn on more light; then try again."
    ),
    "microphone.connect": QT_TRANSLATE_NOOP(
        "checks", "Plug in the microphone or headset, or choose another microphone."
    ),
    "microphone.close_other_apps": QT_TRANSLATE_NOOP(
        "checks",
        "The microphone may be in use by another program. Close other meeting or recording "
        "apps, then try again.",
    ),
    "microphone.unmute": QT_TRANSLATE_NOOP(
        "checks",
        "The microphone may be muted, the wrong one, or too far away. Check the mute switch, "
        "choose the right microphone, and speak close to it.",
    ),
    "microphone.closer": QT_TRANSLATE_NOOP(
        "checks", "Ask the litigant to sit closer to the microphone and speak up."
    ),
    "microphone.too_loud": QT_TRANSLATE_NOOP(
        "checks", "Move the microphone a little further away or turn the input volume down."
    ),
    "speakers.connect": QT_TRANSLATE_NOOP(
        "checks", "Plug in the speakers or headphones, or choose another output."
    ),
    "speakers.close_other_apps": QT_TRANSLATE_NOOP(
        "checks", "Close other programs that play sound, then try again."
    ),
    "speakers.volume": QT_TRANSLATE_NOOP(
        "checks",
        "Turn the volume up, make sure sound is not muted, and check that the right speakers "
        "or headphones are chosen.",
    ),
    "speakers.listen": QT_TRANSLATE_NOOP(
        "checks", "Play the test sound and ask the litigant whether they hear it."
    ),
    "system.free_disk": QT_TRANSLATE_NOOP(
        "checks", "Ask IT to free disk space: at least 1 GB is needed for the hearing."
    ),
    "system.close_programs": QT_TRANSLATE_NOOP(
        "checks", "Close programs that are not needed for the hearing."
    ),
    "system.plug_in": QT_TRANSLATE_NOOP("checks", "Plug the computer into mains power."),
}

GENERIC_FINDINGS: dict[str, str] = {
    "timeout": QT_TRANSLATE_NOOP("checks", "The check took too long and was stopped."),
    "error": QT_TRANSLATE_NOOP(
        "checks", "The check could not run because of an unexpected problem."
    ),
    "cancelled": QT_TRANSLATE_NOOP("checks", "The check was cancelled."),
}
GENERIC_REMEDIES: dict[str, str] = {
    "timeout": QT_TRANSLATE_NOOP("checks", "Try this check again. If it keeps happening, call IT."),
    "error": QT_TRANSLATE_NOOP("checks", "Try this check again. If it keeps happening, call IT."),
}


def _network_texts() -> dict[str, str]:
    try:
        from hearing_helper.checks.network import TEXTS
    except ImportError:  # the network feature is optional
        return {}
    return dict(TEXTS)


def describe(code: str) -> str:
    """English text of a result code ("" when unknown: the UI then shows the code itself)."""
    text = FINDINGS.get(code) or _network_texts().get(code)
    if text:
        return text
    return GENERIC_FINDINGS.get(code.rpartition(".")[2], "")


def remedy_text(remedy_code: str) -> str:
    """English remedy sentence for ``remedy_code`` ("" when none)."""
    if not remedy_code:
        return ""
    text = REMEDIES.get(remedy_code) or _network_texts().get(remedy_code)
    if text:
        return text
    return GENERIC_REMEDIES.get(remedy_code.rpartition(".")[2], "")


def title(check_id: str) -> str:
    return TITLES.get(check_id, check_id)


def all_codes() -> dict[str, str]:
    """Every known code and remedy code with its English text (for tests and tools)."""
    return {**FINDINGS, **REMEDIES, **_network_texts()}
