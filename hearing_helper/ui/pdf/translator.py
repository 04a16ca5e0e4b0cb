"""Translations for output made outside the GUI (PDF, export headers from the command line).

Uses Qt's QTranslator directly (no application object needed) on the shipped ``*.qm`` files.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTranslator

from hearing_helper.paths import asset_path
from hearing_helper.reports.labels import Translate, english

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")


def translator_for(lang: str) -> Translate:
    """A ``translate(context, text)`` for ``lang``; English (the sources) for 'en'."""
    if lang == "en":
        return english
    translators: list[QTranslator] = []
    for qm in sorted(asset_path("i18n").glob(f"*_{lang}.qm")):
        translator = QTranslator()
        if translator.load(str(qm)):
            translators.append(translator)
        else:
            log.warning("Cannot load translation %s", qm.name)

    def translate(context: str, text: str) -> str:
        for translator in translators:
            found = translator.translate(context, text)
            if found:
                return found
        return text

    return translate
