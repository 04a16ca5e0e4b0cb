"""Translation of the report labels defined in the Qt-free core (context "reports")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hearing_helper.services import AppServices
from hearing_helper.ui.catalog_cache import catalog_for
from hearing_helper.ui.install.shared import ui_language


def tr_reports(context: str, text: str) -> str:
    """``QCoreApplication.translate`` with the signature the core's label helpers expect."""
    return QCoreApplication.translate(context, text)


def platform_names(services: AppServices) -> dict[str, str]:
    """Platform id -> name in the UI language, for filters, tables and exports."""
    return catalog_for(services).platform_names(ui_language())
