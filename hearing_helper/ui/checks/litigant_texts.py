"""What the litigant window says about each check result: one plain sentence for the litigant,
not the clerk's technical wording (context "checks_litigant")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

CONTEXT = "checks_litigant"

# (check id, status group) -> sentence; status group: ok (pass), attention (warn), problem.
SENTENCES: dict[tuple[str, str], str] = {
    ("camera", "ok"): QT_TRANSLATE_NOOP("checks_litigant", "Camera: works, we can see you."),
    ("camera", "attention"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Camera: works, but the picture could be better. The clerk will help."
    ),
    ("camera", "problem"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Camera: not working yet. The clerk is fixing it."
    ),
    ("microphone", "ok"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Microphone: works, we can hear you."
    ),
    ("microphone", "attention"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Microphone: your voice is quiet. Please speak a little louder."
    ),
    ("microphone", "problem"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Microphone: we cannot hear you yet. The clerk is fixing it."
    ),
    ("speakers", "ok"): QT_TRANSLATE_NOOP("checks_litigant", "Sound: works, you can hear us."),
    ("speakers", "attention"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Sound: works, but it could be clearer."
    ),
    ("speakers", "problem"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Sound: not working yet. The clerk is fixing it."
    ),
    ("network", "ok"): QT_TRANSLATE_NOOP("checks_litigant", "Internet: good enough for video."),
    ("network", "attention"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Internet: slow. The picture may stutter; the clerk will advise you."
    ),
    ("network", "problem"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Internet: not good enough yet. The clerk is fixing it."
    ),
    ("system", "ok"): QT_TRANSLATE_NOOP("checks_litigant", "Computer: ready."),
    ("system", "attention"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Computer: ready, the clerk will tidy something up."
    ),
    ("system", "problem"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Computer: not ready yet. The clerk is fixing it."
    ),
    ("phone", "ok"): QT_TRANSLATE_NOOP("checks_litigant", "Your phone: ready."),
    ("phone", "attention"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Your phone: a few things to set up. The clerk will show you."
    ),
    ("phone", "problem"): QT_TRANSLATE_NOOP(
        "checks_litigant", "Your phone: a few things to set up. The clerk will show you."
    ),
}
SKIPPED = QT_TRANSLATE_NOOP("checks_litigant", "%1: not needed today.")
WORKING = QT_TRANSLATE_NOOP("checks_litigant", "Working: %1.")
WORKING_SEPARATOR = QT_TRANSLATE_NOOP("checks_litigant", ", ")
NOT_WORKING = QT_TRANSLATE_NOOP("checks_litigant", "Not working yet: %1. The clerk is fixing it.")
MAX_PROBLEM_LINES = 3
NAMES = {
    "camera": QT_TRANSLATE_NOOP("checks_litigant", "Camera"),
    "microphone": QT_TRANSLATE_NOOP("checks_litigant", "Microphone"),
    "speakers": QT_TRANSLATE_NOOP("checks_litigant", "Sound"),
    "network": QT_TRANSLATE_NOOP("checks_litigant", "Internet"),
    "system": QT_TRANSLATE_NOOP("checks_litigant", "Computer"),
    "phone": QT_TRANSLATE_NOOP("checks_litigant", "Your phone"),
}
# A symbol with every sentence, so colour is never the only signal (and it survives print).
SYMBOLS = {"ok": "\u2714", "attention": "!", "problem": "\u2716", "skipped": "\u2013"}


def _group(status: str) -> str:
    if status == "pass":
        return "ok"
    if status == "warn":
        return "attention"
    if status == "skipped":
        return "skipped"
    return "problem"


def litigant_sentence(check_id: str, status: str) -> str:
    """The litigant's sentence for one result, with its symbol; "" for an unknown check."""
    group = _group(status)
    if group == "skipped":
        if check_id not in NAMES:
            return ""
        name = QCoreApplication.translate(CONTEXT, NAMES[check_id])
        text = QCoreApplication.translate(CONTEXT, SKIPPED).replace("%1", name)
    elif (check_id, group) in SENTENCES:
        text = QCoreApplication.translate(CONTEXT, SENTENCES[(check_id, group)])
    else:
        return ""
    return f"{SYMBOLS[group]} {text}"


def litigant_results(statuses: dict[str, str]) -> list[str]:
    """The litigant's lines for check results: everything that works in one line ("✔ Working:
    camera, microphone"), then one plain sentence per thing that needs attention."""
    working = [
        QCoreApplication.translate(CONTEXT, NAMES[check_id])
        for check_id, status in statuses.items()
        if status == "pass" and check_id in NAMES
    ]
    lines = []
    if working:
        joined = QCoreApplication.translate(CONTEXT, WORKING_SEPARATOR).join(working)
        text = QCoreApplication.translate(CONTEXT, WORKING).replace("%1", joined)
        lines.append(f"{SYMBOLS['ok']} {text}")
    failing = [
        check_id
        for check_id, status in statuses.items()
        if status in ("fail", "error") and check_id in NAMES
    ]
    separator = QCoreApplication.translate(CONTEXT, WORKING_SEPARATOR)
    if len(failing) > MAX_PROBLEM_LINES:
        # Many failures (e.g. a PC without devices): one sentence, so it all stays readable
        # in large type instead of six lines that no longer fit the litigant's screen.
        names = separator.join(QCoreApplication.translate(CONTEXT, NAMES[c]) for c in failing)
        text = QCoreApplication.translate(CONTEXT, NOT_WORKING).replace("%1", names)
        lines.append(f"{SYMBOLS['problem']} {text}")
    for check_id, status in statuses.items():
        if status in ("pass", "skipped") or (
            check_id in failing and len(failing) > MAX_PROBLEM_LINES
        ):
            continue
        sentence = litigant_sentence(check_id, status)
        if sentence:
            lines.append(sentence)
    return lines
