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
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

from hearing_helper.ui.background import run_in_background
from hearing_helper.ui.speech_service import TIMEOUT_S as SPEECH_SERVICE_TIMEOUT_S
from hearing_helper.ui.speech_service import speech_service_answers

if TYPE_CHECKING:  # QtTextToSpeech (PySide6-Addons) is loaded when reading starts
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger(__name__)

# Why nothing can be read aloud (ReadAloud.problem_text / problem_detail).
NO_SERVICE, NO_VOICE, NO_ENGINE = "no_service", "no_voice", "no_engine"

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

    def __init__(
        self,
        parent: QObject | None = None,
        engine: str | None = None,
        *,
        probe_timeout_s: float = SPEECH_SERVICE_TIMEOUT_S,
    ) -> None:
        """``probe_timeout_s``: how long the speech service may take to answer (speech_service)."""
        super().__init__(parent)
        self._engine_name = engine
        self._probe_timeout_s = probe_timeout_s
        self._speech: QTextToSpeech | None = None
        self._pending = ""
        self._probing = False
        self._probed_ok = False
        self._restarted = False  # the engine was made again after an error
        self._last_text = ""  # read again by a new engine if this one breaks while reading
        self.voice_name = ""
        self.detail = ""  # the last problem's advice for the clerk and court IT

    def _create(self) -> QTextToSpeech | None:
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
        if name == "speechd":
            # Engines start with a voice of the default locale, which the app sets to zh_CN.
            # speech-dispatcher has none there (espeak-ng's Mandarin is under "C"): the engine
            # failed with "Failed to initialize default locale and voice", and a second engine
            # made after that one never spoke either. So it starts in "C".
            speech = self._create_in_c_locale(QTextToSpeech, name)
        else:
            speech = QTextToSpeech(name, self)
        if speech.state() == QTextToSpeech.State.Error:
            log.warning("Text-to-speech engine %s: %s", name, speech.errorString())
        speech.stateChanged.connect(self._state_changed)
        speech.errorOccurred.connect(self._engine_error)
        return speech

    def _create_in_c_locale(self, engine_class: type[QTextToSpeech], name: str) -> QTextToSpeech:
        default = QLocale()
        QLocale.setDefault(QLocale.c())
        try:
            return engine_class(name, self)
        finally:
            QLocale.setDefault(default)

    def engine(self) -> QTextToSpeech | None:
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
                timeout_s = self._probe_timeout_s
                run_in_background(
                    self,
                    lambda: speech_service_answers(timeout_s),
                    self._probed,
                    on_failed=lambda _message: self._probed(False),
                )
            return
        self._speak_now(text)

    def _needs_probe(self) -> bool:
        return sys.platform.startswith("linux") and not self._probed_ok

    def _probed(self, answers: object) -> None:
        self._probing = False
        text, self._pending = self._pending, ""
        if not answers:
            self._report(NO_SERVICE)
            return
        self._probed_ok = True
        self._speak_now(text)

    def _speak_now(self, text: str) -> None:
        speech = self.engine()
        if speech is None:
            self._report(NO_ENGINE)
            return
        from PySide6.QtTextToSpeech import QTextToSpeech

        state = speech.state()
        if state == QTextToSpeech.State.Error:
            if not self._start_again(text):
                self._report(NO_ENGINE)
            return
        self._pending = text
        if state == QTextToSpeech.State.Ready or state == QTextToSpeech.State.Speaking:
            self._say_pending()
        # Otherwise the engine is still starting: _state_changed speaks when it is ready.

    def _start_again(self, text: str) -> bool:
        """The engine broke (speech-dispatcher quits when idle, or was restarted): make a new
        one, the service asked again, and read ``text`` with it; once, not in a loop."""
        if self._restarted:
            return False
        log.info("Text-to-speech engine in error; starting it again")
        self._restarted = True
        if self._speech is not None:
            self._speech.deleteLater()
        self._speech = None
        self._probed_ok = False
        self.voice_name = ""
        self.speak(text)
        return True

    def is_speaking(self) -> bool:
        from PySide6.QtTextToSpeech import QTextToSpeech

        speech = self._speech
        return speech is not None and speech.state() == QTextToSpeech.State.Speaking

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()

    def _say_pending(self) -> None:
        speech = self._speech
        text, self._pending = self._pending, ""
        if speech is None or not text:
            return
        voice = self._select_voice(speech)
        if voice is None:
            self._report(NO_VOICE)
            return
        speech.stop()
        self._last_text = text
        speech.say(text)

    def _select_voice(self, speech: QTextToSpeech) -> VoiceInfo | None:
        """The best Chinese voice of every locale that may hold one, set on the engine.

        Engines list only the current locale's voices: SAPI/WinRT need zh_CN chosen first,
        speech-dispatcher has espeak-ng's Mandarin under "C" (an English desk saw no Chinese
        voice at all while in en_US).
        """
        voices: dict[str, QVoice] = {}
        infos: list[VoiceInfo] = []

        def collect(locale_name: str) -> None:
            for v in speech.availableVoices():
                if v.name() not in voices:
                    voices[v.name()] = v
                    language = QLocale.languageToString(v.locale().language())
                    if locale_name.startswith(("zh", "yue", "cmn")):
                        language = "Chinese"
                    infos.append(VoiceInfo(v.name(), v.locale().name(), language))

        current = speech.locale()
        collect(current.name())
        for locale in speech.availableLocales():
            name = locale.name()
            if name != current.name() and (
                name.startswith(("zh", "yue", "cmn")) or locale.language() == QLocale.Language.C
            ):
                speech.setLocale(locale)
                collect(name)
        chosen = choose_voice(infos)
        if chosen is None:
            speech.setLocale(current)
            return None
        voice = voices[chosen.name]
        if speech.locale() != voice.locale():
            speech.setLocale(voice.locale())
        if chosen.name != self.voice_name or speech.voice().name() != chosen.name:
            speech.setVoice(voice)
            self.voice_name = chosen.name
            log.info("Read-aloud voice: %s (%s)", chosen.name, chosen.locale)
        return chosen

    def _state_changed(self, state: object) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self.speaking_changed.emit(state == QTextToSpeech.State.Speaking)
        if state == QTextToSpeech.State.Speaking:
            self._restarted = False  # it works again: a later break may be mended again
        if state == QTextToSpeech.State.Ready and self._pending:
            self._say_pending()
        elif state == QTextToSpeech.State.Error:
            text = self._pending or self._last_text
            self._pending = self._last_text = ""
            if text and not self._start_again(text):
                self._report(NO_ENGINE)

    def _engine_error(self, _reason: object, message: str) -> None:
        log.warning("Text-to-speech error: %s", message)

    def _report(self, kind: str) -> None:
        """Tell the clerk in one short line (it must fit the status line beside the litigant
        window); the full advice goes to ``detail`` (the status line's tooltip) and the log."""
        self.detail = self.problem_detail(kind)
        log.warning("Read aloud: %s", self.detail)
        self.problem.emit(self.problem_text(kind))

    def problem_text(self, kind: str) -> str:
        """The short line for the status bar."""
        if kind == NO_SERVICE:
            return self.tr(
                "Cannot read aloud: the speech service (speech-dispatcher) does not answer."
            )
        if kind == NO_VOICE:
            return self.tr("Cannot read aloud: no Chinese voice is installed.")
        return self.tr("Cannot read aloud: no speech engine works on this computer.")

    def problem_detail(self, kind: str) -> str:
        """What the clerk or court IT can do about it."""
        if kind == NO_SERVICE:
            return self.tr(
                "The speech service (speech-dispatcher) does not answer, so nothing can be"
                " read aloud. Restart the computer or ask court IT."
            )
        if kind == NO_VOICE:
            return self.tr(
                "No Chinese voice is installed on this computer, so nothing can be read"
                " aloud. Ask court IT to add one (Windows: Settings > Time & language >"
                " Speech > Add voices, Chinese (Simplified, China); Linux: the packages"
                " speech-dispatcher, speech-dispatcher-espeak-ng and espeak-ng)."
            )
        return self.tr(
            "Reading aloud is not available on this computer (no speech engine works)."
            " Ask court IT to install one (Linux: speech-dispatcher and espeak-ng)."
        )
