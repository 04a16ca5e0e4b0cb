"""The Qt application: creation, translations, logging of Qt messages, and the GUI main loop."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    Qt,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from hearing_helper import APP_NAME, APP_ORG, __version__
from hearing_helper.paths import asset_path
from hearing_helper.private_files import PrivateRotatingFileHandler, make_private_dir

if TYPE_CHECKING:
    from hearing_helper.services import AppServices

log = logging.getLogger(__name__)

ORGANIZATION = APP_ORG
BASE_POINT_SIZE = 11.0  # the clerk view's base text size before the font_scale setting
LANGUAGES = ("zh_CN", "en")
LOG_FILE = Path("logs") / "hearing-helper.log"
# Fonts with Simplified Chinese, in the order the desk PCs have them (Windows, macOS, Linux).
CJK_UI_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)

# The translators currently installed; kept referenced so Python does not collect them.
_installed: list[QTranslator] = []

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger(f"qt.{context.category or 'default'}").log(
        _QT_LEVELS.get(kind, logging.WARNING), "%s", message
    )


QtMessageHandler = Callable[[QtMsgType, QMessageLogContext, str], object]


def route_qt_messages() -> QtMessageHandler | None:
    """Send Qt's own warnings to Python logging (and so to the log file).

    Returns the handler it replaced (tests put pytest-qt's back).
    """
    return qInstallMessageHandler(_qt_message)


def setup_file_logging(data_dir: Path) -> Path:
    """Add a rotating log file ``<data_dir>/logs/hearing-helper.log`` to the root logger."""
    path = data_dir / LOG_FILE
    make_private_dir(path.parent)
    root = logging.getLogger()
    for handler in root.handlers:
        if (
            isinstance(handler, logging.FileHandler)
            and Path(handler.baseFilename) == path.resolve()
        ):
            return path
    handler = PrivateRotatingFileHandler(path, max_bytes=2_000_000, backup_count=3)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
        # Keep the console as quiet as the CLI asked for: only the file gets INFO.
        for other in root.handlers:
            if other is not handler and other.level == logging.NOTSET:
                other.setLevel(logging.WARNING)
    return path


def install_exception_logging() -> None:
    """Log exceptions raised in Qt slots (PySide6 hands them to sys.excepthook) to the log file.

    The app keeps running: every edit is already autosaved, so a bug in one slot must not take
    the clerk's open work down with it.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        logging.getLogger("hearing_helper").error("Unexpected error", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    sys.excepthook = hook


def create_application(argv: Sequence[str] | None = None, font_scale: float = 1.0) -> QApplication:
    """Return the QApplication (creating it once) with name, style and the clerk-view font."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        # Fusion through Qt's own -style option: app.setStyle("Fusion") returns the style,
        # and wrapping it makes PySide build the QStyle class and its enums (~7 ms at start).
        arguments = list(argv) if argv is not None else sys.argv[:1]
        app = QApplication([*arguments, "-style", "Fusion"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    icon = asset_path("icons", "hearing_helper.png")
    if icon.exists():  # every window (and the taskbar) shows the app's icon
        app.setWindowIcon(QIcon(str(icon)))
    apply_font_scale(app, font_scale)
    route_qt_messages()
    return app


def ui_font_families() -> list[str]:
    """The app font: the first installed font that covers Chinese, then the system default.

    Why: with a Latin-only first font (DejaVu Sans on Linux) Qt draws Chinese from a fallback
    font but measures menu items with the first one, so labels such as "未完成的协助(U)…" were
    cut in the middle. A CJK font first also covers the symbols the app draws (✔ ✖ ⚠ ▶).
    """
    installed = set(QFontDatabase.families())
    chosen = [family for family in CJK_UI_FAMILIES if family in installed][:1]
    return chosen + [QFont().defaultFamily()]


def apply_font_scale(app: QApplication, font_scale: float) -> None:
    """Base text of the clerk view: 11 pt times ``font_scale`` (0.8-2.0), in a CJK font."""
    scale = min(2.0, max(0.8, float(font_scale or 1.0)))
    font = QFont(app.font())
    font.setFamilies(ui_font_families())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)


def install_translators(app: QApplication, lang: str) -> list[Path]:
    """Load every ``assets/i18n/*_<lang>.qm`` plus Qt's own ``qtbase_<lang>.qm``.

    Replaces the translators installed by an earlier call, so calling it again switches the
    language (widgets then receive a LanguageChange event). English needs no translators.
    Returns the files loaded.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang not in LANGUAGES:
        log.warning("Unknown language %r; using Simplified Chinese", lang)
        lang = "zh_CN"
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Chinese if lang == "zh_CN" else QLocale.Language.English,
            QLocale.Country.China if lang == "zh_CN" else QLocale.Country.UnitedStates,
        )
    )
    if lang == "en":
        return []
    loaded: list[Path] = []
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    candidates = sorted(asset_path("i18n").glob(f"*_{lang}.qm")) + [qt_dir / f"qtbase_{lang}.qm"]
    for path in candidates:
        translator = QTranslator(app)
        if path.exists() and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(path)
        else:
            log.warning("Translation file %s could not be loaded", path)
    return loaded


def startup_error_text(exc: Exception) -> str:
    """Translated, specific text for a database that cannot be opened."""
    from PySide6.QtCore import QCoreApplication

    from hearing_helper.store.errors import CorruptDatabaseError, NewerDatabaseError

    if isinstance(exc, NewerDatabaseError):
        return (
            QCoreApplication.translate(
                "app",
                "The database %1 was written by a newer version of Hearing Helper"
                " (schema %2; this version understands up to %3). Install the newer"
                " version, or start with another data folder.",
            )
            .replace("%1", str(exc.path))
            .replace("%2", str(exc.found))
            .replace("%3", str(exc.supported))
        )
    if isinstance(exc, CorruptDatabaseError):
        return (
            QCoreApplication.translate(
                "app",
                "The database %1 cannot be read (%2). Ask court IT to restore it from a"
                " backup, or move it aside to start afresh.",
            )
            .replace("%1", str(exc.path))
            .replace("%2", exc.detail)
        )
    return str(exc)


def show_startup_error(exc: Exception, lang: str = "zh_CN") -> None:
    """A clear message box (not a traceback) when the app cannot start, e.g. a bad database."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    app = create_application(sys.argv[:1])
    install_translators(app, lang)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("app", "Hearing Helper cannot start"),
        startup_error_text(exc),
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "app",
            "Nothing was changed or deleted. Please tell court IT and show them this message.",
        )
    )
    box.exec()


def current_language(services: AppServices) -> str:
    lang = services.settings.get("language")
    return lang if lang in LANGUAGES else "zh_CN"


def freeze_startup_objects() -> None:
    """Move everything made so far (modules, Qt wrappers, the window) out of the garbage
    collector's sight. They live as long as the app, and a full collection scans every tracked
    object while holding the GIL: without this, a worker allocating a sync batch or a report
    triggers collections that stop the window for 100 ms and more (measured 138 ms).

    From then on the collector runs on the GUI thread only (gui_collector.py: never in a
    worker, where freeing a cycle would destroy Qt objects in the wrong thread), which also
    ends the start's pause of it (commands/gui.py)."""
    from hearing_helper.ui.gui_collector import GuiThreadCollector

    gc.collect()
    gc.freeze()
    app = QApplication.instance()
    if app is None:  # no event loop to collect from: Python's own collector
        gc.enable()
        return
    GuiThreadCollector(app)
