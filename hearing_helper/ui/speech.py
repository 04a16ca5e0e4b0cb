"""朗读 (read aloud): the litigant window's instruction spoken in Mandarin with QtTextToSpeech.

Engines: SAPI/WinRT on Windows, speech-dispatcher on Linux. A zh-CN voice is looked for by its
locale first and then by its language or name, because speech-dispatcher (through Qt's speechd
engine) lists espeak-ng's Mandarin voice under the "C" locale as "Chinese (Mandarin, latin as
English)", not under zh_CN. When no Chinese voice exists the caller gets a clear message instead
of silence or a voice reading Chinese as letters.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QObject, Signal

from hearing_helper.ui.shell.background import run_in_background
from hearing_helper.ui.speech_service import speech_service_answers

log = logging.getLogger(__name__)

# Name fragments of Chinese voices whose locale is not zh_*: espeak-ng through speech-dispatcher.
MANDARIN_NAMES = ("chinese (mandarin", "mandarin", "cmn")
CANTONESE_NAMES = ("cantonese", "yue")


@dataclass(frozen=True)
class VoiceInfo:
    """What voice choice needs to know about a voice (Qt-free, so it is easy to test)."""

    name: str
    locale: str  # e.g. "zh_CN", "C"
    language: str  # QLocale language name, e.g. "Chinese", "C"


def _rank(voice: VoiceInfo, dialect: str) -> int | None:
    """Lower is better; None when the voice does not speak the dialect."""
    name = voice.name.lower()
    variant = 1 if "+" in name else 0  # espeak-ng's "+klatt"/"+whisper" variants come after
    if dialect == "yue":
        if voice.locale in ("zh_HK", "yue_HK", "yue_CN") or any(n in name for n in CANTONESE_NAMES):
            return variant
        return None
    if any(n in name for n in CANTONESE_NAMES):
        return None
    if voice.locale == "zh_CN":
        return 0 + variant
    if voice.locale.startswith("zh") or voice.language == "Chinese":
        return 10 + variant
    if any(n in name for n in MANDARIN_NAMES):
        # "latin as English" reads Latin letters in case numbers the way clerks say them.
        return 20 + variant + (0 if "english" in name else 2)
    return None


def choose_voice(voices: Iterable[VoiceInfo], dialect: str = "cmn") -> VoiceInfo | None:
    """The best Mandarin (``cmn``) or Cantonese (``yue``) voice, or None when none is there."""
    ranked = [
        (rank, voice.name, voice) for voice in voices if (rank := _rank(voice, dialect)) is not None
    ]
    return min(ranked, key=lambda item: (item[0], item[1]))[2] if ranked else None


class ReadAloud(QObject):
    """Speaks text in Chinese; created lazily so the app starts without loading an engine.

    ``problem`` carries a translated sentence when nothing can be spoken (no engine, no Chinese
    voice, engine error); ``speaking_changed`` follows the engine's state.
    """

    problem = Signal(str)
    speaking_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, engine: str | None = None) -> None:
        super().__init__(parent)
        self._engine_name = engine
        self._speech: object | None = None
        self._pending = ""
        self._probing = False
        self._probed_ok = False
        self.voice_name = ""

    def _create(self) -> object | None:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:  # an incomplete installation without PySide6-Addons
            log.warning("QtTextToSpeech is not available")
            return None
        engines = QTextToSpeech.availableEngines()
        if not engines:
            return None
        name = self._engine_name if self._engine_name in engines else engines[0]
        if name == "mock" and len(engines) > 1:
            name = next(e for e in engines if e != "mock")
        speech = QTextToSpeech(name, self)
        speech.stateChanged.connect(self._state_changed)
        speech.errorOccurred.connect(self._engine_error)
        return speech

    def engine(self) -> object | None:
        if self._speech is None:
            self._speech = self._create()
        return self._speech

    def speak(self, text: str) -> None:
        """Read ``text`` aloud (stopping what is being read); say why when it cannot.

        The first time on Linux the speech service is asked off the GUI thread whether it
        answers (:mod:`.speech_service`); the engine is made only when it does.
        """
        if self._speech is None and self._needs_probe():
            self._pending = text
            if not self._probing:
                self._probing = True
                run_in_background(self, speech_service_answers, self._probed)
            return
        self._speak_now(text)

    def _needs_probe(self) -> bool:
        return sys.platform.startswith("linux") and not self._probed_ok

    def _probed(self, answers: object) -> None:
        self._probing = False
        text, self._pending = self._pending, ""
        if not answers:
            self.problem.emit(
                self.tr(
                    "The speech service (speech-dispatcher) does not answer, so nothing can be"
                    " read aloud. Restart the computer or ask court IT."
                )
            )
            return
        self._probed_ok = True
        self._speak_now(text)

    def _speak_now(self, text: str) -> None:
        speech = self.engine()
        if speech is None:
            self.problem.emit(self._no_engine_text())
            return
        from PySide6.QtTextToSpeech import QTextToSpeech

        state = speech.state()  # type: ignore[attr-defined]
        if state == QTextToSpeech.State.Error:
            self.problem.emit(self._no_engine_text())
            return
        self._pending = text
        if state == QTextToSpeech.State.Ready or state == QTextToSpeech.State.Speaking:
            self._say_pending()
        # Otherwise the engine is still starting: _state_changed speaks when it is ready.

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()  # type: ignore[attr-defined]

    def _say_pending(self) -> None:
        speech = self._speech
        text, self._pending = self._pending, ""
        if speech is None or not text:
            return
        voice = self._select_voice(speech)
        if voice is None:
            self.problem.emit(
                self.tr(
                    "No Chinese voice is installed on this computer, so nothing can be read"
                    " aloud. Ask court IT to add one (Windows: Settings > Time & language >"
                    " Speech > Add voices, Chinese (Simplified, China); Linux: the packages"
                    " speech-dispatcher, speech-dispatcher-espeak-ng and espeak-ng)."
                )
            )
            return
        speech.stop()  # type: ignore[attr-defined]
        speech.say(text)  # type: ignore[attr-defined]

    def _select_voice(self, speech: object) -> VoiceInfo | None:
        voices = {
            v.name(): v
            for v in speech.availableVoices()  # type: ignore[attr-defined]
        }
        infos = [
            VoiceInfo(v.name(), v.locale().name(), QLocale.languageToString(v.locale().language()))
            for v in voices.values()
        ]
        for locale in speech.availableLocales():  # type: ignore[attr-defined]
            # Engines list only the current locale's voices; SAPI/WinRT need zh_CN chosen first.
            if locale.name() == "zh_CN":
                speech.setLocale(locale)  # type: ignore[attr-defined]
                for v in speech.availableVoices():  # type: ignore[attr-defined]
                    voices.setdefault(v.name(), v)
                    infos.append(VoiceInfo(v.name(), v.locale().name(), "Chinese"))
        chosen = choose_voice(infos)
        if chosen is None:
            return None
        if chosen.name != self.voice_name:
            speech.setVoice(voices[chosen.name])  # type: ignore[attr-defined]
            self.voice_name = chosen.name
            log.info("Read-aloud voice: %s (%s)", chosen.name, chosen.locale)
        return chosen

    def _state_changed(self, state: object) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self.speaking_changed.emit(state == QTextToSpeech.State.Speaking)
        if state == QTextToSpeech.State.Ready and self._pending:
            self._say_pending()
        elif state == QTextToSpeech.State.Error and self._pending:
            self._pending = ""
            self.problem.emit(self._no_engine_text())

    def _engine_error(self, _reason: object, message: str) -> None:
        log.warning("Text-to-speech error: %s", message)

    def _no_engine_text(self) -> str:
        return self.tr(
            "Reading aloud is not available on this computer (no speech engine works)."
            " Ask court IT to install one (Linux: speech-dispatcher and espeak-ng)."
        )
