"""The main window's actions, menus and toolbar (the window connects them to its slots)."""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from hearing_helper.ui.widgets.menus import keep_labels_whole

LANGUAGE_NAMES = (("zh_CN", "简体中文"), ("en", "English"))  # each in its own language


class MainActions(QObject):
    """Creates every action once; ``install`` puts them into the menu bar and the toolbar."""

    def __init__(self, window: QMainWindow, language: str) -> None:
        super().__init__(window)
        self.new = QAction(self.tr("&New assistance"), window)
        self.new.setShortcut(QKeySequence("Ctrl+N"))
        self.drafts = QAction(self.tr("&Unfinished assistances\u2026"), window)
        self.profile = QAction(self.tr("Change &clerk\u2026"), window)
        self.quit = QAction(self.tr("&Quit"), window)
        self.quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.litigant = QAction(self.tr("&Litigant screen"), window)
        self.litigant.setCheckable(True)
        self.litigant.setShortcut(QKeySequence("Ctrl+L"))
        self.litigant.setToolTip(
            self.tr("Show the large-text window for the litigant (drag it to a second screen)")
        )
        self.read_aloud = QAction(self.tr("&Read aloud for the litigant"), window)
        self.read_aloud.setShortcut(QKeySequence("Ctrl+R"))
        self.read_aloud.setToolTip(
            self.tr("Reads the litigant screen's instruction aloud in Mandarin")
        )
        self.full_screen = QAction(self.tr("Litigant screen &full screen"), window)
        self.full_screen.setShortcut(QKeySequence("Ctrl+F11"))
        self.settings = QAction(self.tr("&Settings\u2026"), window)
        self.reports = QAction(self.tr("&Reports\u2026"), window)
        if importlib.util.find_spec("hearing_helper.ui.reports") is None:
            self.reports.setEnabled(False)
            self.reports.setToolTip(self.tr("Reports arrive in a later version"))
        self.keyboard = QAction(self.tr("&Keyboard\u2026"), window)
        self.keyboard.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.about = QAction(self.tr("&About"), window)
        self.language_group = QActionGroup(window)
        self.languages: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES:
            action = QAction(name, window, checkable=True)
            action.setChecked(code == language)
            self.language_group.addAction(action)
            self.languages[code] = action

    def install(self, window: QMainWindow) -> None:
        menu = window.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        for action in (self.new, self.drafts, self.profile):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        view_menu = menu.addMenu(self.tr("&View"))
        for action in (self.litigant, self.read_aloud, self.full_screen):
            view_menu.addAction(action)
        tools_menu = menu.addMenu(self.tr("&Tools"))
        tools_menu.setObjectName("toolsMenu")  # other features add their actions here
        tools_menu.addAction(self.reports)
        tools_menu.addAction(self.settings)
        language_menu = menu.addMenu(self.tr("Lan&guage"))
        for action in self.languages.values():
            language_menu.addAction(action)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.keyboard)
        help_menu.addAction(self.about)

        for top in menu.findChildren(QMenu):
            keep_labels_whole(top)

        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new, self.litigant, self.reports, self.settings):
            toolbar.addAction(action)
        window.addToolBar(toolbar)
