"""QtDeviceProvider: the real :class:`~hearing_helper.checks.device_api.DeviceProvider`.

Create it on the GUI thread (with a QGuiApplication/QCoreApplication running an event loop).
Device calls (``sample_camera``, ``record``, ``play``, ``play_and_record``) come from check
worker threads: they post a job to the GUI thread and wait for its answer, so the GUI thread
itself never blocks. Device lists are cached on the GUI thread and refreshed on QMediaDevices'
hot-plug signals. The page also uses the GUI-side API: live preview frames, the live level.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QAudioDevice, QCameraDevice, QMediaDevices, QVideoFrame

from hearing_helper.checks.base import CancelToken
from hearing_helper.checks.device_api import (
    DeviceError,
    DeviceInfo,
    FrameSample,
    PcmRecording,
    Sound,
)
from hearing_helper.ui.devices.audio_jobs import AudioJob, LoopbackJob, PlayJob, RecordJob
from hearing_helper.ui.devices.audio_streams import (
    START_TIMEOUT_S,
    EncodedSound,
    RawCapture,
    SharedInput,
    choose_format,
    encode_for,
)
from hearing_helper.ui.devices.camera import CameraSession, SampleJob
from hearing_helper.ui.devices.dispatch import GuiDispatcher, Once, on_gui_thread
from hearing_helper.ui.devices.qt_notes import quiet_backend_notes

log = logging.getLogger(__name__)

PREVIEW_EVERY_S = 1 / 15  # preview frames per second shown on the page
PREVIEW_WIDTH = 480


def _id_of(device: QAudioDevice | QCameraDevice) -> str:
    return bytes(device.id().data()).decode("utf-8", "replace")


class QtDeviceProvider(QObject):
    devices_changed = Signal()  # a device was plugged in or out
    level_changed = Signal(float)  # microphone level in dBFS while recording or monitoring
    preview_frame = Signal(QImage)  # live camera picture, scaled down

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dispatcher = GuiDispatcher(self)
        with quiet_backend_notes():
            self._media = QMediaDevices(self)
            QMediaDevices.audioInputs()  # the back-end starts on first use
        self._lock = threading.Lock()
        self._lists: dict[str, list[DeviceInfo]] = {}
        self._jobs: set[QObject] = set()
        self._camera: CameraSession | None = None
        self._preview_camera_id: str | None = None
        self._last_preview_at = 0.0
        self._shared_input = SharedInput(self.level_changed.emit, self)
        self._media.audioInputsChanged.connect(self._on_devices_changed)
        self._media.audioOutputsChanged.connect(self._on_devices_changed)
        self._media.videoInputsChanged.connect(self._on_devices_changed)
        self._refresh_lists()

    # --- device lists (any thread) --------------------------------------------------------

    def _refresh_lists(self) -> None:
        def infos(devices: list[Any]) -> list[DeviceInfo]:
            return [DeviceInfo(_id_of(d), d.description(), d.isDefault()) for d in devices]

        lists = {
            "camera": infos(QMediaDevices.videoInputs()),
            "microphone": infos(QMediaDevices.audioInputs()),
            "speakers": infos(QMediaDevices.audioOutputs()),
        }
        with self._lock:
            self._lists = lists

    def _on_devices_changed(self) -> None:
        self._refresh_lists()
        log.info("devices changed: %s", {k: len(v) for k, v in self._lists.items()})
        self.devices_changed.emit()

    def cameras(self) -> list[DeviceInfo]:
        with self._lock:
            return list(self._lists.get("camera", []))

    def microphones(self) -> list[DeviceInfo]:
        with self._lock:
            return list(self._lists.get("microphone", []))

    def speakers(self) -> list[DeviceInfo]:
        with self._lock:
            return list(self._lists.get("speakers", []))

    # --- QtMultimedia devices by id (GUI thread) ------------------------------------------

    @staticmethod
    def _audio_device(
        devices: list[QAudioDevice], default: QAudioDevice, wanted: str
    ) -> QAudioDevice:
        for device in devices:
            if _id_of(device) == wanted:
                return device
        if wanted:
            raise DeviceError("no_device", f"device {wanted!r} is gone")
        return default

    def _input(self, wanted: str) -> QAudioDevice:
        return self._audio_device(
            QMediaDevices.audioInputs(), QMediaDevices.defaultAudioInput(), wanted
        )

    def _output(self, wanted: str) -> QAudioDevice:
        return self._audio_device(
            QMediaDevices.audioOutputs(), QMediaDevices.defaultAudioOutput(), wanted
        )

    def _camera_device(self, wanted: str) -> QCameraDevice:
        cameras = QMediaDevices.videoInputs()
        for device in cameras:
            if _id_of(device) == wanted:
                return device
        default = QMediaDevices.defaultVideoInput()
        if default.isNull():
            raise DeviceError("no_device", "no camera")
        return default

    # --- checks' calls (worker threads) ---------------------------------------------------

    def _track(self, job: QObject) -> None:
        self._jobs.add(job)

    def _untrack(self, job: QObject) -> None:
        self._jobs.discard(job)

    def _start_audio_job(self, job: AudioJob) -> None:
        self._track(job)
        job.begin()

    def record(self, device_id: str, seconds: float, cancel: CancelToken) -> PcmRecording:
        def starter(future: Future[Any]) -> None:
            job = RecordJob(
                self._input(device_id),
                seconds,
                self._shared_input,
                once=Once(future),
                cancel=cancel,
                on_done=self._untrack,
                parent=self,
            )
            self._start_audio_job(job)

        limit = seconds + START_TIMEOUT_S + 5.0
        raw: RawCapture = self._dispatcher.call(starter, limit, cancel, "microphone recording")
        return raw.recording()  # converted here, in the worker, not on the GUI thread

    def _encode(self, device_id: str, sound: Sound, cancel: CancelToken) -> EncodedSound:
        """Ask the GUI thread for the output's format, then encode here in the worker."""

        def starter(future: Future[Any]) -> None:
            device = self._output(device_id)
            if device.isNull():
                raise DeviceError("no_device", "no audio output")
            future.set_result(choose_format(device, sound.sample_rate))

        fmt = self._dispatcher.call(starter, 5.0, cancel, "output format")
        return EncodedSound(encode_for(sound, fmt), fmt, sound.duration_s)

    def play(self, device_id: str, sound: Sound, cancel: CancelToken) -> None:
        encoded = self._encode(device_id, sound, cancel)

        def starter(future: Future[Any]) -> None:
            job = PlayJob(
                self._output(device_id),
                encoded,
                once=Once(future),
                cancel=cancel,
                on_done=self._untrack,
                parent=self,
            )
            self._start_audio_job(job)

        limit = sound.duration_s + START_TIMEOUT_S + 5.0
        self._dispatcher.call(starter, limit, cancel, "sound playback")

    def play_and_record(
        self, speaker_id: str, microphone_id: str, sound: Sound, cancel: CancelToken
    ) -> PcmRecording:
        encoded = self._encode(speaker_id, sound, cancel)

        def starter(future: Future[Any]) -> None:
            job = LoopbackJob(
                self._output(speaker_id),
                self._input(microphone_id),
                encoded,
                shared_input=self._shared_input,
                once=Once(future),
                cancel=cancel,
                on_done=self._untrack,
                parent=self,
            )
            self._start_audio_job(job)

        limit = sound.duration_s + 2 * START_TIMEOUT_S + 5.0
        raw: RawCapture = self._dispatcher.call(starter, limit, cancel, "loop-back")
        return raw.recording()

    def sample_camera(
        self, device_id: str, seconds: float, first_frame_timeout_s: float, cancel: CancelToken
    ) -> FrameSample:
        def starter(future: Future[Any]) -> None:
            session = self._open_camera(device_id)
            job = SampleJob(
                session,
                seconds,
                first_frame_timeout_s,
                Once(future),
                cancel,
                on_done=self._camera_job_done,
                parent=session,
            )
            self._track(job)
            job.begin()

        limit = first_frame_timeout_s + seconds + 6.0
        sample: FrameSample = self._dispatcher.call(starter, limit, cancel, "camera sampling")
        return sample

    # --- camera session (GUI thread) ------------------------------------------------------

    def _open_camera(self, device_id: str) -> CameraSession:
        device = self._camera_device(device_id)
        wanted = _id_of(device)
        if self._camera is not None and self._camera.device_id != wanted:
            self._close_camera()
        if self._camera is None:
            self._camera = CameraSession(device, self)
            self._camera.listeners.append(self._on_preview_frame)
        return self._camera

    def _close_camera(self) -> None:
        if self._camera is not None:
            self._camera.stop()
            self._camera = None

    def _camera_job_done(self, job: QObject) -> None:
        self._jobs.discard(job)
        still_sampling = any(isinstance(j, SampleJob) for j in self._jobs)
        if self._preview_camera_id is None and not still_sampling:
            self._close_camera()

    def _on_preview_frame(self, frame: QVideoFrame, now: float) -> None:
        if self._preview_camera_id is None or now - self._last_preview_at < PREVIEW_EVERY_S:
            return
        self._last_preview_at = now
        image = frame.toImage()
        if not image.isNull():
            self.preview_frame.emit(
                image.scaledToWidth(PREVIEW_WIDTH, Qt.TransformationMode.FastTransformation)
            )

    # --- page API (GUI thread) ------------------------------------------------------------

    def start_preview(self, camera_id: str = "") -> bool:
        """Show the live picture via ``preview_frame``; False when there is no camera."""
        assert on_gui_thread()
        try:
            self._open_camera(camera_id)
        except DeviceError:
            return False
        self._preview_camera_id = camera_id
        return True

    def stop_preview(self) -> None:
        self._preview_camera_id = None
        if not any(isinstance(j, SampleJob) for j in self._jobs):
            self._close_camera()

    def start_level_monitor(self, microphone_id: str = "") -> bool:
        """Emit ``level_changed`` continuously; False when the microphone cannot be opened."""
        try:
            self._shared_input.set_monitor(self._input(microphone_id))
        except DeviceError as exc:
            log.info("level monitor unavailable: %s", exc)
            return False
        return True

    def stop_level_monitor(self) -> None:
        self._shared_input.set_monitor(None)

    def shutdown(self) -> None:
        """Stop the preview, the monitor and any running job (cancels their waiters)."""
        self._shared_input.close()
        self._preview_camera_id = None
        self._close_camera()
        for job in list(self._jobs):
            job.deleteLater()
        self._jobs.clear()
