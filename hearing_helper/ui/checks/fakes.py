"""A fake device provider with the live signals of the real one (hot-plug, level, preview), for
tests, screenshots and demos without hardware."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

from hearing_helper.checks.fake_devices import FakeDeviceProvider


def sample_picture(width: int = 320, height: int = 240) -> QImage:
    """A calm synthetic 'camera picture' (a gradient with a head-and-shoulders silhouette)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 0, height)
    gradient.setColorAt(0, QColor("#90a4ae"))
    gradient.setColorAt(1, QColor("#cfd8dc"))
    painter.fillRect(image.rect(), gradient)
    painter.setBrush(QColor("#5d4037"))
    painter.setPen(QColor("#5d4037"))
    painter.drawEllipse(width // 2 - 40, height // 4 - 10, 80, 95)
    painter.setBrush(QColor("#37474f"))
    painter.drawRoundedRect(width // 2 - 90, height * 2 // 3, 180, height // 2, 40, 40)
    painter.end()
    return image


class FakeLiveDevices(QObject):
    devices_changed = Signal()
    level_changed = Signal(float)
    preview_frame = Signal(QImage)

    def __init__(self, fake: FakeDeviceProvider | None = None, level_dbfs: float = -24.0) -> None:
        super().__init__()
        self.fake = fake or FakeDeviceProvider()
        self.level_dbfs = level_dbfs
        self.previewing: str | None = None
        self.monitoring: str | None = None

    def __getattr__(self, name: str) -> Any:  # the device calls go to the fake
        return getattr(self.__dict__["fake"], name)

    def start_preview(self, camera_id: str = "") -> bool:
        if not self.fake.cameras_list:
            return False
        self.previewing = camera_id
        self.preview_frame.emit(sample_picture())
        return True

    def stop_preview(self) -> None:
        self.previewing = None

    def start_level_monitor(self, microphone_id: str = "") -> bool:
        if not self.fake.microphones_list:
            return False
        self.monitoring = microphone_id
        self.level_changed.emit(self.level_dbfs)
        return True

    def stop_level_monitor(self) -> None:
        self.monitoring = None

    def plug(self, **lists: Any) -> None:
        """Change the device lists (e.g. ``cameras_list=[]``) and announce it like hot-plug."""
        for key, value in lists.items():
            setattr(self.fake, key, value)
        self.devices_changed.emit()
