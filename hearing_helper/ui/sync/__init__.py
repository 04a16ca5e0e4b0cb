"""The window's part of the court's central database: status line, "Sync now", sync page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from hearing_helper.services import AppServices
from hearing_helper.ui.sync.controller import SyncController
from hearing_helper.ui.sync.status_button import SyncStatusButton

if TYPE_CHECKING:  # the dialogs are imported when first opened
    from hearing_helper.ui.sync.conflicts_dialog import ConflictsDialog
    from hearing_helper.ui.sync.sync_dialog import SyncDialog


@dataclass
class SyncUi:
    controller: SyncController
    button: SyncStatusButton
    sync_now: QAction
    page: QAction
    conflicts: QAction
    dialog: SyncDialog | None = None  # the last one opened
    conflicts_dialog: ConflictsDialog | None = None


def install_sync(window: QMainWindow, services: AppServices, actor: Callable[[], str]) -> SyncUi:
    """Add the status button, Tools → Sync now and Tools → Central database…, and start the
    background sender. ``actor()`` names who changes the settings (for the audit log)."""
    controller = SyncController(services, window)
    button = SyncStatusButton(window)
    window.statusBar().addPermanentWidget(button)
    button.setVisible(controller.joined)
    controller.status_changed.connect(button.show_status)

    def catalog_switched(_version: int | None) -> None:
        # The history names platforms from the catalog: it takes the new version's names.
        history = getattr(window, "history", None)
        catalog = services.session.catalog
        if history is not None and catalog is not None:
            history.model.set_catalog(catalog)

    controller.catalog_switched.connect(catalog_switched)
    sync_now = QAction(QCoreApplication.translate("sync", "S&ync now"), window)
    sync_now.setShortcut("F9")
    sync_now.triggered.connect(controller.sync_now_forced)
    page = QAction(QCoreApplication.translate("sync", "&Central database…"), window)

    def open_page() -> None:
        from hearing_helper.ui.sync.sync_dialog import SyncDialog

        dialog = SyncDialog(services, controller, actor(), window)
        dialog.finished.connect(lambda _code: button.setVisible(controller.joined))
        ui.dialog = dialog
        dialog.open()

    page.triggered.connect(open_page)
    conflicts = QAction(QCoreApplication.translate("sync", "C&onflicts…"), window)

    def open_conflicts() -> None:
        # Imported here: the conflicts page needs the PostgreSQL driver, a desk with no central
        # database never does (issue 23, tests/test_startup_imports.py).
        from hearing_helper.ui.sync.conflicts_dialog import show_conflicts_page

        ui.conflicts_dialog = show_conflicts_page(window, services, controller, actor())

    conflicts.triggered.connect(open_conflicts)
    button.clicked.connect(open_page)
    # findChild, not QAction.menu(): with PySide6 6.8.0 (the 信创 builds' Qt) the wrappers that
    # menu() returns delete the menu when they are collected ("Internal C++ object already
    # deleted"), and the main window then fails to build.
    tools = window.menuBar().findChild(QMenu, "toolsMenu")
    menu = (
        tools
        if isinstance(tools, QMenu)
        else window.menuBar().addMenu(QCoreApplication.translate("sync", "&Sync"))
    )
    menu.addAction(sync_now)
    menu.addAction(page)
    menu.addAction(conflicts)
    controller.start()
    ui = SyncUi(controller, button, sync_now, page, conflicts)
    return ui
