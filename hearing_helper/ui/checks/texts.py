"""Words and looks for check results: status badges (icon + colour + word) and a short line of
figures per check, all translated at call time (context "checks_ui")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from hearing_helper.checks.remedies import describe, remedy_text, title
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

CONTEXT = "checks_ui"

# status -> (symbol, background, text colour, word)
STATUS_LOOK: dict[str, tuple[str, str, str, str]] = {
    "pass": ("\u2714", "#e8f5e9", "#1b5e20", QT_TRANSLATE_NOOP("checks_ui", "Passed")),
    "warn": ("\u26a0", "#fff8e1", "#8a5300", QT_TRANSLATE_NOOP("checks_ui", "Warning")),
    "fail": ("\u2716", "#ffebee", "#b71c1c", QT_TRANSLATE_NOOP("checks_ui", "Failed")),
    "error": ("\u2716", "#ffebee", "#b71c1c", QT_TRANSLATE_NOOP("checks_ui", "Could not check")),
    "skipped": ("\u21b7", "#f5f5f5", "#424242", QT_TRANSLATE_NOOP("checks_ui", "Skipped")),
    # ▶, not ⏳ (U+23F3): no font the app uses has an hourglass, so it showed as a box.
    "running": ("\u25b6", "#e3f2fd", "#0d47a1", QT_TRANSLATE_NOOP("checks_ui", "Checking\u2026")),
    "waiting": ("\u25cb", "#fafafa", "#616161", QT_TRANSLATE_NOOP("checks_ui", "Not checked yet")),
}


NETWORK_PHASES: dict[str, str] = {
    "address": QT_TRANSLATE_NOOP("checks_ui", "address"),
    "dns": QT_TRANSLATE_NOOP("checks_ui", "finding the server"),
    "tcp": QT_TRANSLATE_NOOP("checks_ui", "connecting"),
    "tls": QT_TRANSLATE_NOOP("checks_ui", "secure connection"),
    "latency": QT_TRANSLATE_NOOP("checks_ui", "delay"),
    "download": QT_TRANSLATE_NOOP("checks_ui", "download speed"),
    "upload": QT_TRANSLATE_NOOP("checks_ui", "upload speed"),
    "stun": QT_TRANSLATE_NOOP("checks_ui", "video path"),
}


def network_phase(phase: str) -> str:
    return tr(NETWORK_PHASES[phase]) if phase in NETWORK_PHASES else phase


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def status_word(status: str) -> str:
    return tr(STATUS_LOOK.get(status, STATUS_LOOK["waiting"])[3])


def check_title(check_id: str) -> str:
    return QCoreApplication.translate("checks", title(check_id))


# Results the page makes itself, without running a check.
UI_FINDINGS = {
    "network.no_platform": QT_TRANSLATE_NOOP(
        "checks_ui", "Not checked: no hearing platform is chosen yet."
    ),
}
UI_REMEDIES = {
    "network.choose_platform": QT_TRANSLATE_NOOP(
        "checks_ui",
        "Choose the platform in step 1 (Intake) first; the network check tests that"
        " platform's servers.",
    ),
}
NO_DETAILS = QT_TRANSLATE_NOOP("checks_ui", "No further details.")


def finding_text(code: str, metrics: dict[str, Any] | None = None) -> str:
    """The finding in words (never the code itself); phone items are named one by one."""
    if code in UI_FINDINGS:
        return tr(UI_FINDINGS[code])
    text = describe(code)
    if not text:
        return tr(NO_DETAILS)
    sentence = QCoreApplication.translate("checks", text)
    failed = str((metrics or {}).get("failed_items") or "")
    if code == "phone.items_failed" and failed:
        names = [phone_item_text(item) for item in failed.split(",") if item]
        joined = tr(QT_TRANSLATE_NOOP("checks_ui", "; ")).join(names)
        sentence += " " + tr(QT_TRANSLATE_NOOP("checks_ui", "Not ready: %1.")).replace("%1", joined)
    return sentence


def phone_item_text(item_id: str) -> str:
    from hearing_helper.checks.phone_checklist import PHONE_ITEMS

    item = next((i for i in PHONE_ITEMS if i.id == item_id), None)
    return QCoreApplication.translate("checks", item.question) if item else tr(NO_DETAILS)


def remedy_sentence(remedy_code: str) -> str:
    if remedy_code in UI_REMEDIES:
        return tr(UI_REMEDIES[remedy_code])
    text = remedy_text(remedy_code)
    return QCoreApplication.translate("checks", text) if text else ""


def _num(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def figures_text(check_id: str, metrics: dict[str, Any], code: str = "") -> str:
    """A short line of the figures that matter for this check ("" when there are none).

    A microphone passed by the loop-back shows the tone it heard, not the level of the silent
    speech recording ("-120 dBFS" beside "Passed" read as a pass without signal).
    """
    parts: list[str] = []

    def add(source: str, key: str, fmt: str = "{:.0f}") -> None:
        value = _num(metrics.get(key))
        if value is not None:
            parts.append(tr(source).replace("%1", fmt.format(value)))

    if check_id == "camera":
        if _num(metrics.get("width_px")):
            parts.append(f"{metrics['width_px']}\u00d7{metrics['height_px']}")
        add(QT_TRANSLATE_NOOP("checks_ui", "%1 frames/s"), "fps", "{:.1f}")
        add(QT_TRANSLATE_NOOP("checks_ui", "brightness %1"), "mean_luma")
    elif check_id == "microphone" and code == "microphone.loopback_ok":
        add(
            QT_TRANSLATE_NOOP("checks_ui", "heard the speakers' test tone, %1 dB clear"),
            "loopback_snr_db",
        )
    elif check_id == "microphone":
        add(QT_TRANSLATE_NOOP("checks_ui", "level %1 dBFS"), "rms_dbfs")
        add(QT_TRANSLATE_NOOP("checks_ui", "peak %1 dBFS"), "peak_dbfs")
    elif check_id == "speakers":
        if metrics.get("loopback_detected"):
            add(
                QT_TRANSLATE_NOOP("checks_ui", "tone heard by the microphone, %1 dB clear"),
                "loopback_snr_db",
            )
    elif check_id == "system":
        add(QT_TRANSLATE_NOOP("checks_ui", "disk free %1 GB"), "disk_free_gb", "{:.1f}")
        add(QT_TRANSLATE_NOOP("checks_ui", "memory free %1 MB"), "memory_free_mb")
        add(QT_TRANSLATE_NOOP("checks_ui", "CPU busy %1 %"), "cpu_load_pct")
        if _num(metrics.get("screen_width_px")):
            parts.append(f"{metrics['screen_width_px']}\u00d7{metrics['screen_height_px']}")
    elif check_id == "network":
        add(QT_TRANSLATE_NOOP("checks_ui", "delay %1 ms"), "latency_median_ms")
        add(QT_TRANSLATE_NOOP("checks_ui", "jitter %1 ms"), "jitter_ms")
        add(QT_TRANSLATE_NOOP("checks_ui", "download %1 Mbit/s"), "download_mbps", "{:.1f}")
    if "device_name" in metrics and metrics["device_name"]:
        parts.insert(0, str(metrics["device_name"]))
    return " \u00b7 ".join(parts)
