"""Qt side of ``--self-test``: application, translations, multimedia backend, main window.

Called by :mod:`hearing_helper.commands.self_test` after the Qt-free checks, with
``QT_QPA_PLATFORM=offscreen`` already set. Each check goes through ``report.run`` so a failure
becomes one clear line instead of a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QLibraryInfo,
    QMessageLogContext,
    QPluginLoader,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtWidgets import QApplication, QWidget

from hearing_helper.paths import asset_path
from hearing_helper.self_test_report import SelfTestError

if TYPE_CHECKING:
    from hearing_helper.self_test_report import SelfTestReport
    from hearing_helper.services import AppServices

log = logging.getLogger(__name__)

# A string of the ``packaging`` translation area: proves the .qm files are found and installed.
KNOWN_CONTEXT = "self_test"
KNOWN_SOURCE = "Hearing Helper"
KNOWN_CHINESE = "庭审协助助手"
# A string of Qt's own qtbase catalogue (kept in variables so lupdate does not extract it).
QT_OWN_CONTEXT, QT_OWN_SOURCE = "QPlatformTheme", "Cancel"
SETTLE_MS = 300  # event-loop time given to the main window for its deferred start-up work


def _known_string_translated() -> str:
    # Written out literally so pyside6-lupdate extracts it into packaging_zh_CN.ts.
    return QCoreApplication.translate("self_test", "Hearing Helper")


class QtMessages:
    """Collects Qt's warnings during the self-test (shown as notes; they do not fail it)."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        text = f"qt {context.category or 'default'}: {message}"
        log.debug("%s", text)
        if text not in self.seen:
            self.seen.append(text)

    def install(self) -> None:
        qInstallMessageHandler(self)


class PythonErrors:
    """Catches exceptions raised in Qt slots (PySide6 reports them through sys.excepthook)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self._previous = sys.excepthook

    def __enter__(self) -> PythonErrors:
        sys.excepthook = self._hook
        return self

    def __exit__(self, *exc: object) -> None:
        sys.excepthook = self._previous

    def _hook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        log.error("Exception in a Qt callback", exc_info=(kind, value, tb))
        self.errors.append(f"{kind.__name__}: {value}")


def run_qt_checks(report: SelfTestReport, services: AppServices | None) -> None:
    messages = QtMessages()
    holder: dict[str, Any] = {}
    report.run("application", lambda: check_application(holder, messages))
    app = holder.get("app")
    if app is None:
        # Keep checking the rest with a plain application: one failure should not hide others.
        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(["hearing-helper"])
        messages.install()
    report.run("translations", lambda: check_translations(app))
    report.run("multimedia", check_multimedia)
    report.run("main window", lambda: check_main_window(app, services))
    report.notes.extend(messages.seen[:10])


def check_application(holder: dict[str, Any], messages: QtMessages) -> str:
    try:
        from hearing_helper.ui.app import create_application
    except ImportError as exc:
        raise _failure(f"hearing_helper.ui.app.create_application is missing: {exc}") from exc
    app = create_application([sys.argv[0] if sys.argv else "hearing-helper"])
    messages.install()  # after create_application, which installs the app's own handler
    holder["app"] = app
    platform = QApplication.platformName()
    style = app.style().name() if app.style() is not None else "?"
    return f"Qt {qVersion()}, platform {platform}, style {style}"


def check_translations(app: QApplication) -> str:
    try:
        from hearing_helper.ui.app import install_translators
    except ImportError as exc:
        raise _failure(f"hearing_helper.ui.app.install_translators is missing: {exc}") from exc
    shipped = sorted(asset_path("i18n").glob("*_zh_CN.qm"))
    loaded = [Path(p).name for p in install_translators(app, "zh_CN")]
    not_loaded = [p.name for p in shipped if p.name not in loaded]
    if not shipped:
        raise _failure(f"no *_zh_CN.qm in {asset_path('i18n')}")
    if not_loaded:
        raise _failure(f"could not load {', '.join(not_loaded)}")
    translated = _known_string_translated()
    if translated != KNOWN_CHINESE:
        raise _failure(f"{KNOWN_SOURCE!r} came out as {translated!r}, expected {KNOWN_CHINESE!r}")
    qt_cancel = QCoreApplication.translate(QT_OWN_CONTEXT, QT_OWN_SOURCE)
    if "qtbase_zh_CN.qm" not in loaded or qt_cancel == QT_OWN_SOURCE:
        where = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        raise _failure(f"Qt's own Chinese (qtbase_zh_CN.qm) did not load from {where}")
    return (
        f"{len(loaded)} files; {KNOWN_SOURCE!r} -> {translated!r}, "
        f"{QT_OWN_SOURCE!r} -> {qt_cancel!r}"
    )


def check_multimedia() -> str:
    from PySide6.QtMultimedia import QMediaDevices, QMediaFormat

    plugin_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "multimedia"
    plugins = sorted(p for p in plugin_dir.glob("*") if p.is_file()) if plugin_dir.is_dir() else []
    ffmpeg = [p for p in plugins if "ffmpegmediaplugin" in p.name]
    if not ffmpeg:
        found = ", ".join(p.name for p in plugins) or "nothing"
        raise _failure(f"no FFmpeg multimedia plugin in {plugin_dir} (found: {found})")
    loader = QPluginLoader(str(ffmpeg[0]))
    if not loader.load():
        raise _failure(f"{ffmpeg[0].name} does not load: {loader.errorString()}")
    decodable = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    if not decodable:
        raise _failure("QtMultimedia has no working backend (no decodable file format)")
    cameras = len(QMediaDevices.videoInputs())
    microphones = len(QMediaDevices.audioInputs())
    return (
        f"{ffmpeg[0].name} loaded, {len(decodable)} decodable formats; "
        f"{media_backends(plugins)}; "
        f"{cameras} cameras, {microphones} microphones here; {speech_engines()}"
    )


def media_backends(plugins: list[Path]) -> str:
    """The multimedia backend in use and the others shipped (e.g. ``windows``: Media
    Foundation). Qt 6 uses FFmpeg unless ``QT_MEDIA_BACKEND`` names another."""
    names = sorted(
        {
            p.name.removeprefix("lib").split("mediaplugin")[0]
            for p in plugins
            if "mediaplugin" in p.name
        }
    )
    chosen = os.environ.get("QT_MEDIA_BACKEND") or "ffmpeg"
    others = [name for name in names if name != chosen]
    return f"multimedia backend {chosen}" + (
        f" (also shipped: {', '.join(others)})" if others else ""
    )


def speech_engines() -> str:
    """The text-to-speech engines read-aloud (朗读) can use; listed, never a failure."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as exc:
        return f"read aloud: QtTextToSpeech missing ({exc})"
    engines = [e for e in QTextToSpeech.availableEngines() if e != "mock"]
    return "speech engines: " + (", ".join(engines) if engines else "none")


def check_main_window(app: QApplication, services: AppServices | None) -> str:
    if services is None:
        raise _failure("not checked: the database did not open")
    try:
        from hearing_helper.ui import main_window
    except ImportError as exc:
        raise _failure(f"hearing_helper.ui.main_window is missing: {exc}") from exc
    window_class = getattr(main_window, "MainWindow", None)
    if window_class is None:
        raise _failure("hearing_helper.ui.main_window has no MainWindow class")
    before = set(QApplication.topLevelWidgets())
    with PythonErrors() as errors:
        window = window_class(services)
        if not isinstance(window, QWidget):
            raise _failure(f"MainWindow(services) returned {type(window).__name__}, not a widget")
        window.show()
        _settle(SETTLE_MS)
        title, visible = window.windowTitle(), window.isVisible()
        window.close()
        for widget in set(QApplication.topLevelWidgets()) - before:
            widget.close()
            widget.deleteLater()
        _settle(50)
    if errors.errors:
        raise _failure(f"error while the window started: {errors.errors[0]}")
    if not visible:
        raise _failure("the main window did not show")
    return f"built and shown offscreen, title {title!r}"


def _settle(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def _failure(reason: str) -> Exception:
    return SelfTestError(reason)
