"""Run in a child process by test_ui_speech: read a sentence aloud, print the voice as JSON.

  tts_speak.py TEXT [LANG] [TIMES]

LANG (zh_CN or en) is set up as the app does it (translators and the default locale); TIMES > 1
reads the text again after stopping speech-dispatcher in between (it may go away any time).
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from hearing_helper.ui.app import install_translators
from hearing_helper.ui.speech import ReadAloud


def main() -> int:
    app = QApplication(sys.argv[:1])
    install_translators(app, sys.argv[2] if len(sys.argv) > 2 else "en")
    times = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    reader = ReadAloud()
    outcome: dict[str, object] = {"spoke": False, "problem": "", "spoken": 0}
    started = [0]

    def speaking(now: bool) -> None:
        if now:
            outcome["spoke"] = True
            started[0] += 1
        elif started[0] > int(str(outcome["spoken"])):
            outcome["spoken"] = started[0]
            if started[0] == times:
                app.quit()
            else:
                _stop_speech_dispatcher()
                QTimer.singleShot(500, lambda: reader.speak(sys.argv[1]))

    def problem(text: str) -> None:
        outcome["problem"] = text
        app.quit()

    reader.speaking_changed.connect(speaking)
    reader.problem.connect(problem)
    reader.speak(sys.argv[1])
    QTimer.singleShot(30_000 * times, app.quit)  # an engine that never answers ends the child
    app.exec()
    outcome["voice"] = reader.voice_name
    print(json.dumps(outcome, ensure_ascii=False))
    return 0


def _stop_speech_dispatcher() -> None:
    """Stop the daemon the first reading started (it also quits by itself when idle)."""
    import os
    import signal
    from pathlib import Path

    runtime = Path(os.environ.get("XDG_RUNTIME_DIR", Path.home() / ".cache"))
    for pid_file in runtime.glob("**/speech-dispatcher.pid"):
        os.kill(int(pid_file.read_text().split()[0]), signal.SIGTERM)
        pid_file.unlink()


if __name__ == "__main__":
    sys.exit(main())
