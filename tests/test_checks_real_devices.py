"""Real devices through QtMultimedia, each run in its own process (QtMultimedia connects to the
sound server once per process, so a daemon started here must not leak into other tests):

* with no sound server and no camera (CI): camera and microphone fail with codes, system passes;
* with a private PulseAudio daemon (null sink + its monitor remapped as a microphone): the
  loop-back tone is really played and really detected.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _cli(args: list[str], env: dict[str, str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hearing_helper", "check", "--data-dir", str(data_dir), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
    )


def _isolated_env(runtime: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_RUNTIME_DIR=str(runtime),
        PULSE_RUNTIME_PATH=str(runtime / "pulse"),
        HOME=str(runtime),
    )
    return env


def test_no_devices_gives_fail_codes_and_exit_1(tmp_path: Path, data_dir: Path) -> None:
    env = _isolated_env(tmp_path)
    env["PULSE_SERVER"] = f"unix:{tmp_path}/no-such-socket"  # no sound server, no autospawn
    done = _cli(["--json", "--only", "camera,microphone,speakers,system"], env, data_dir)
    assert done.returncode == 1, done.stderr
    results = {r["id"]: r for r in json.loads(done.stdout)}
    assert results["camera"]["status"] == "fail"
    assert results["camera"]["code"] == "camera.no_device"
    assert results["microphone"]["status"] == "fail"
    assert results["microphone"]["code"] == "microphone.no_device"
    assert results["speakers"]["code"] == "speakers.no_device"
    assert results["system"]["status"] == "pass"
    assert results["system"]["metrics"]["disk_free_gb"] > 0
    assert "Traceback" not in done.stderr


def test_readable_table_with_remedies(tmp_path: Path, data_dir: Path) -> None:
    env = _isolated_env(tmp_path)
    env["PULSE_SERVER"] = f"unix:{tmp_path}/no-such-socket"
    done = _cli(["--only", "camera,system"], env, data_dir)
    assert done.returncode == 1
    assert "No camera found." in done.stdout
    assert "What to do: Plug in the camera" in done.stdout
    assert "The computer is ready." in done.stdout


def test_bad_arguments_exit_2(tmp_path: Path, data_dir: Path) -> None:
    env = _isolated_env(tmp_path)
    done = _cli(["--only", "camera,teleporter"], env, data_dir)
    assert done.returncode == 2
    assert "unknown check id(s): teleporter" in done.stderr
    done = _cli(["--only", "system", "--url", "ftp://example.invalid/"], env, data_dir)
    assert done.returncode == 2 and "--url" in done.stderr
    done = _cli(["--only", "network", "--platform", "no-such-platform"], env, data_dir)
    assert done.returncode == 2 and "unknown platform" in done.stderr


def test_system_only_passes_with_exit_0(tmp_path: Path, data_dir: Path) -> None:
    done = _cli(["--json", "--only", "system"], _isolated_env(tmp_path), data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    (result,) = json.loads(done.stdout)
    assert result["id"] == "system" and result["status"] == "pass"


# --- a private PulseAudio daemon ------------------------------------------------------------


@pytest.fixture
def pulse_env() -> Iterator[dict[str, str]]:
    """A PulseAudio user daemon with a null sink and its monitor as the default microphone;
    the environment that reaches it. Killed (by its pid) at teardown."""
    exe = shutil.which("pulseaudio")
    if exe is None:
        pytest.skip("pulseaudio is not installed (tools/system_deps.sh test installs it)")
    # A short runtime folder, not the test's: the sockets made in it (PulseAudio's, and
    # speech-dispatcher's speech-dispatcher/speechd.sock) must stay under the 107-byte limit of
    # a unix socket path, which a test folder's long name came within one byte of.
    runtime = Path(tempfile.mkdtemp(prefix="pa-"))  # mode 0o700
    env = _isolated_env(runtime)
    subprocess.run(
        [
            exe,
            "-D",
            "-n",
            "--exit-idle-time=-1",
            "--system=false",
            "--disallow-exit",
            "--load=module-native-protocol-unix",
            "--load=module-null-sink sink_name=hh_sink",
            "--load=module-remap-source master=hh_sink.monitor source_name=hh_mic",
            "--load=module-always-sink",
        ],
        env=env,
        check=True,
        timeout=30,
        capture_output=True,
    )
    pid_file = runtime / "pulse" / "pid"
    pid = int(pid_file.read_text().split()[0])
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
            assert time.monotonic() < deadline, "PulseAudio did not come up"
            time.sleep(0.1)  # waiting for an external daemon's socket, not for app code
        for command in (["set-default-sink", "hh_sink"], ["set-default-source", "hh_mic"]):
            subprocess.run(["pactl", *command], env=env, check=True, capture_output=True)
        yield env
    finally:
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        shutil.rmtree(runtime, ignore_errors=True)


@pytest.mark.audio
def test_real_loopback_through_pulseaudio(pulse_env: dict[str, str], data_dir: Path) -> None:
    done = _cli(["--json", "--only", "speakers,microphone"], pulse_env, data_dir)
    results = {r["id"]: r for r in json.loads(done.stdout)}
    speakers = results["speakers"]
    assert speakers["status"] == "pass", done.stdout + done.stderr
    assert speakers["code"] == "speakers.loopback_ok"
    assert speakers["metrics"]["loopback_detected"] is True
    assert speakers["metrics"]["loopback_snr_db"] > 12
    microphone = results["microphone"]
    # Nobody speaks into the virtual microphone (a real 3 s recording of silence), but the
    # microphone demonstrably heard the speakers' tone: both pass without asking anyone.
    assert microphone["status"] == "pass"
    assert microphone["code"] == "microphone.loopback_ok"
    assert microphone["metrics"]["duration_s"] == pytest.approx(3.0, abs=0.01)
    assert microphone["metrics"]["rms_dbfs"] < -50  # its own measurement is kept
    assert microphone["metrics"]["loopback_snr_db"] > 12
    assert microphone["metrics"]["device_name"]
    assert done.returncode == 0
