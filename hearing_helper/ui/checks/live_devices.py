"""The checks page's devices: the device provider, the lists with the remembered choices, and the
live camera picture and microphone level while the step shows.

The provider is the page's own, else ``services.session.device_provider`` (tests, screenshots),
else a :class:`QtDeviceProvider` made on first use and owned by the application, so every new
assist's wizard reuses it. The camera light is off whenever the step is not on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from hearing_helper.config import TextKey
from hearing_helper.services import AppServices
from hearing_helper.ui.checks.device_panel import DevicePanel

# In DevicePanel.chosen() order.
DEVICE_SETTINGS: tuple[TextKey, TextKey, TextKey] = ("camera_id", "microphone_id", "speaker_id")


class LiveDevices(QObject):
    def __init__(
        self,
        services: AppServices,
        panel: DevicePanel,
        provider: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.panel = panel
        self._provider: Any = provider or services.session.device_provider
        self._wired = False
        self.showing = False  # the step is on screen: the picture and level run
        panel.selection_changed.connect(self._on_selection_changed)

    @property
    def made(self) -> bool:
        """A provider exists (given, or made by an earlier visit)."""
        return self._provider is not None

    def provider(self) -> Any:
        if self._provider is None:
            from hearing_helper.ui.devices import QtDeviceProvider

            self._provider = QtDeviceProvider(QCoreApplication.instance())
            self.services.session.device_provider = self._provider
        if not self._wired:
            self._wired = True
            for signal, slot in (
                ("devices_changed", self._on_devices_changed),
                ("level_changed", self.panel.meter.set_level),
                ("preview_frame", self.panel.show_frame),
            ):
                if hasattr(self._provider, signal):
                    getattr(self._provider, signal).connect(slot)
        return self._provider

    def fill(self) -> None:
        """The device lists, each with the device chosen last time selected."""
        provider = self.provider()
        settings = self.services.settings
        remembered = tuple(settings.get(key) for key in DEVICE_SETTINGS)
        self.panel.set_devices(
            provider.cameras(),
            provider.microphones(),
            provider.speakers(),
            (remembered[0], remembered[1], remembered[2]),
        )

    def start_live(self) -> None:
        provider = self.provider()
        camera_id, microphone_id, _speaker = self.panel.chosen()
        if hasattr(provider, "start_preview"):
            if not provider.start_preview(camera_id):
                self.panel.clear_picture()
            provider.start_level_monitor(microphone_id)

    def stop_live(self) -> None:
        provider = self._provider
        if provider is not None and hasattr(provider, "stop_preview"):
            provider.stop_preview()
            provider.stop_level_monitor()
        self.panel.meter.reset()

    def _restart_live(self) -> None:
        if self.showing:
            self.stop_live()
            self.start_live()

    def _on_devices_changed(self) -> None:
        self.fill()
        self._restart_live()

    def _on_selection_changed(self) -> None:
        settings = self.services.settings
        for key, value in zip(DEVICE_SETTINGS, self.panel.chosen(), strict=True):
            if value and settings.get(key) != value:
                settings.set(key, value)
        self._restart_live()
