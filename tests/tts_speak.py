"""Run in a child process by test_ui_speech: read a sentence aloud, print the voice as JSON."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from hearing_helper.ui.speech import ReadAloud


def main() -> int:
    app = QApplication(sys.argv[:1])
    reader = ReadAloud()
    outcome: dict[str, object] = {"spoke": False, "problem": ""}

    def speaking(now: bool) -> None:
        if now:
            outcome["spoke"] = True
        elif outcome["spoke"]:
            app.quit()

    def problem(text: str) -> None:
        outcome["problem"] = text
        app.quit()

    reader.speaking_changed.connect(speaking)
    reader.problem.connect(problem)
    reader.speak(sys.argv[1])
    QTimer.singleShot(30_000, app.quit)  # an engine that never answers ends the child
    app.exec()
    outcome["voice"] = reader.voice_name
    print(json.dumps(outcome, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
