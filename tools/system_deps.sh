#!/usr/bin/env bash
# Install the system libraries Qt needs here, when we are root on a Debian/Ubuntu machine and one
# is missing. Usage: tools/system_deps.sh [run|test|package|windows|linux]. Without root or apt it only reports.
set -u
mode=${1:-run}
# libpulse0: without it `import PySide6.QtMultimedia` fails.
# libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0: the X11 platform plugin aborts without them.
# fonts-noto-cjk: Chinese text.
packages="libpulse0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libegl1 fonts-noto-cjk"
if [ "$mode" = test ] || [ "$mode" = package ]; then
  # binutils: PyInstaller reads shared libraries with objdump (make package, packaging test).
  packages="$packages binutils"
fi
if [ "$mode" = test ]; then
  # pulseaudio: the real audio loop-back test; zbar-tools: QR decoding; poppler-utils: PDF
  # rendering checks; xvfb and imagemagick: screenshots; sqlite3: the reports benchmark's
  # baseline (make bench) and the export's CSV comparison; postgresql: the private server the
  # PostgreSQL contract and fault tests start themselves (tests/pg_cluster.py).
  packages="$packages pulseaudio zbar-tools poppler-utils xvfb sqlite3 postgresql"
  # speech-dispatcher with espeak-ng: the read-aloud (朗读) test speaks Mandarin into PulseAudio.
  packages="$packages speech-dispatcher speech-dispatcher-espeak-ng espeak-ng"
  # The whole visit on a real desk screen (tests/test_desk_screen_e2e.py, make screenshots):
  # a window manager, key events, window geometry (xwininfo, xprop), screenshots (import).
  packages="$packages openbox xdotool x11-utils imagemagick"
fi
if [ "$mode" = test ] || [ "$mode" = windows ]; then
  # The Windows build and its tests (make package-windows/test-windows, tests/test_packaging_windows.py):
  # mmdebstrap makes the Wine root; msitools + wixl the MSI; osslsigncode checks and makes
  # Authenticode signatures; openssl the test certificate; x11-utils + imagemagick the screenshot.
  packages="$packages mmdebstrap msitools wixl osslsigncode openssl x11-utils imagemagick"
fi
if [ "$mode" = linux ]; then
  # make package-linux / test-linux-compat: Debian 11 roots (mmdebstrap), ARM64 programs under
  # qemu (qemu-user-static, binfmt-support; arch-test lets mmdebstrap use it), readelf
  # (binutils); dpkg-deb comes with dpkg.
  packages="mmdebstrap arch-test qemu-user-static binfmt-support binutils"
fi
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || { echo "apt-get failed installing:$missing" >&2; exit 1; }
else
  echo "Missing system packages (install them with your package manager):$missing" >&2
fi
