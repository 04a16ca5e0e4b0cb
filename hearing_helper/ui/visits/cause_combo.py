"""A combo box of the shared failure causes (:mod:`hearing_helper.visits.causes`), grouped under
headings that cannot be chosen: device, network, phone and install, the hearing day."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox

from hearing_helper.ui.labels import choice_combo
from hearing_helper.ui.visits.texts import cause_label, tr
from hearing_helper.visits.causes import GROUP_LABELS, GROUPS, causes


def cause_combo() -> QComboBox:
    combo = choice_combo(())
    model = combo.model()
    for group in GROUPS:
        combo.addItem("\u2014 " + tr(GROUP_LABELS[group]) + " \u2014", None)
        if isinstance(model, QStandardItemModel):
            heading = model.item(combo.count() - 1)
            if heading is not None:
                heading.setEnabled(False)
        for item in causes():
            if item.group == group:
                combo.addItem("    " + cause_label(item), item.code)
    combo.setMaxVisibleItems(20)
    return combo
