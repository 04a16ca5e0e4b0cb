"""Translation of the report labels defined in the Qt-free core (context "reports")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr_reports(context: str, text: str) -> str:
    """``QCoreApplication.translate`` with the signature the core's label helpers expect."""
    return QCoreApplication.translate(context, text)
