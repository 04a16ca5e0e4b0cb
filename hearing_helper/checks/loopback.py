"""What a successful speaker loop-back proves about the microphone.

When the speakers' test tone is found in the microphone recording, that microphone demonstrably
picks up sound, so the microphone check passes without asking anyone to speak (DESIGN section 4,
issue "Device checks"). Its own measurements are kept; only findings that the loop-back
disproves (nothing heard, too quiet, no data) are replaced. Clipping is not disproved by a tone
and stays as it was.
"""

from __future__ import annotations

from dataclasses import replace

from hearing_helper.checks.base import CheckResult, CheckStatus

LOOPBACK_OK = "speakers.loopback_ok"
CREDITED = "microphone.loopback_ok"
DISPROVED = {"microphone.silent", "microphone.quiet", "microphone.no_data"}


def credit_microphone(microphone: CheckResult | None, speakers: CheckResult) -> CheckResult | None:
    """The microphone result as the loop-back shows it, or None when nothing changes."""
    if speakers.code != LOOPBACK_OK:
        return None
    if microphone is not None and (
        microphone.status is CheckStatus.PASS or microphone.code not in DISPROVED
    ):
        return None
    metrics = dict(microphone.metrics) if microphone is not None else {}
    metrics["loopback_snr_db"] = speakers.metrics.get("loopback_snr_db")
    if microphone is None:
        return CheckResult(
            check_id="microphone",
            status=CheckStatus.PASS,
            code=CREDITED,
            metrics=metrics,
            started=speakers.started,
            ended=speakers.ended,
        )
    return replace(
        microphone, status=CheckStatus.PASS, code=CREDITED, remedy_code="", metrics=metrics
    )


def apply_loopback_credit(results: list[CheckResult]) -> list[CheckResult]:
    """``results`` with the microphone credited by a successful loop-back (for the CLI)."""
    speakers = next((r for r in results if r.check_id == "speakers"), None)
    if speakers is None:
        return results
    microphone = next((r for r in results if r.check_id == "microphone"), None)
    credited = credit_microphone(microphone, speakers)
    if credited is None or microphone is None:  # only re-judge a microphone check that ran
        return results
    return [credited if r is microphone else r for r in results]
