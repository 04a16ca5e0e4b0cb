"""Device pickers, the live camera picture, the live microphone meter, the loop-back option."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.checks.device_api import DeviceInfo
from hearing_helper.ui.widgets.level_meter import LevelMeter

PREVIEW_W, PREVIEW_H = 256, 192  # leaves room for the results beside the litigant window


class DevicePanel(QGroupBox):
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.camera_combo = QComboBox()
        self.microphone_combo = QComboBox()
        self.speaker_combo = QComboBox()
        for combo in (self.camera_combo, self.microphone_combo, self.speaker_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(18)
            combo.currentIndexChanged.connect(lambda _i: self.selection_changed.emit())
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_W, PREVIEW_H)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background: #263238; color: #eceff1; border-radius: 4px;")
        self.meter = LevelMeter()
        self.meter_label = QLabel()
        self.loopback = QCheckBox()
        self.loopback.setChecked(True)
        self._form = QFormLayout()
        self._labels = [QLabel(), QLabel(), QLabel()]
        for label, combo in zip(
            self._labels,
            (self.camera_combo, self.microphone_combo, self.speaker_combo),
            strict=True,
        ):
            label.setBuddy(combo)
            self._form.addRow(label, combo)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.meter_label)
        layout.addWidget(self.meter)
        layout.addWidget(self.loopback)
        layout.addStretch(1)
        self._has_picture = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Devices on this computer"))
        texts = (self.tr("&Camera:"), self.tr("&Microphone:"), self.tr("&Speakers:"))
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.camera_combo.setAccessibleName(self.tr("Camera"))
        self.microphone_combo.setAccessibleName(self.tr("Microphone"))
        self.speaker_combo.setAccessibleName(self.tr("Speakers"))
        self.meter_label.setText(self.tr("Microphone level (speak to see it move):"))
        self.loopback.setText(self.tr("Test the speakers with the microphone (no need to ask)"))
        if not self._has_picture:
            self.preview.setText(self.tr("No camera picture"))
        self.preview.setAccessibleName(self.tr("Camera picture"))
        for combo in (self.camera_combo, self.microphone_combo, self.speaker_combo):
            if combo.count() == 1 and combo.itemData(0) is None:  # the "none found" entry
                combo.setItemText(0, self._none_text(combo))

    def _none_text(self, combo: QComboBox) -> str:
        if combo is self.camera_combo:
            return self.tr("(no camera found)")
        if combo is self.microphone_combo:
            return self.tr("(no microphone found)")
        return self.tr("(no speakers found)")

    def set_devices(
        self,
        cameras: list[DeviceInfo],
        microphones: list[DeviceInfo],
        speakers: list[DeviceInfo],
        chosen: tuple[str, str, str],
    ) -> None:
        """Fill the pickers, keeping ``chosen`` ids selected when present (else the default)."""
        for combo, devices, wanted in (
            (self.camera_combo, cameras, chosen[0]),
            (self.microphone_combo, microphones, chosen[1]),
            (self.speaker_combo, speakers, chosen[2]),
        ):
            combo.blockSignals(True)
            combo.clear()
            if not devices:
                combo.addItem(self._none_text(combo), None)
                combo.setEnabled(False)
            else:
                combo.setEnabled(True)
                for device in devices:
                    combo.addItem(device.name, device.id)
                index = combo.findData(wanted) if wanted else -1
                if index < 0:
                    index = next((i for i, d in enumerate(devices) if d.is_default), 0)
                combo.setCurrentIndex(index)
            combo.blockSignals(False)

    def chosen(self) -> tuple[str, str, str]:
        def value(combo: QComboBox) -> str:
            data = combo.currentData()
            return data if isinstance(data, str) else ""

        return value(self.camera_combo), value(self.microphone_combo), value(self.speaker_combo)

    def show_frame(self, image: QImage) -> None:
        self._has_picture = True
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                PREVIEW_W,
                PREVIEW_H,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def clear_picture(self, text: str = "") -> None:
        self._has_picture = False
        self.preview.setPixmap(QPixmap())
        self.preview.setText(text or self.tr("No camera picture"))
