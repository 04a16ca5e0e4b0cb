#!/usr/bin/env python3
"""Bundles and .deb packages for 信创 desks (UOS, Kylin: glibc 2.28-2.31), built and tested in
Debian 11 roots. Run as root on a Debian machine with mmdebstrap and qemu-user-static.

  debian11.py package --arch x86_64|arm64   bundle + .deb into dist/linux-<arch>/
  debian11.py test --arch x86_64|arm64      install the .deb in a clean Debian 11 root, run the
                                            self-test and a CLI round trip, check glibc <= 2.31

Roots (tools/packaging/roots.py) are cached in /var/cache/hearing-helper/roots:
  debian11-amd64-build   Debian 11 + Python 3.11 built from Debian's source (bookworm's orig
                         tarball, upstream CPython) + the pinned wheels + the aarch64 cross compiler
  debian11-arm64-python  Python 3.11 for aarch64, cross-compiled inside the amd64 build root
  debian11-arm64-build   Debian 11 arm64 (runs under qemu) + that Python + the pinned wheels
  debian11-<arch>-test   a bare Debian 11 with the .deb's dependencies downloaded, never changed:
                         each test copies it and installs the .deb into the copy
Why Python is built: Debian 11's own is 3.9; only package registries are reachable here, and
Debian's source package is one. aarch64 is cross-compiled because compiling under qemu would take
hours; the result is checked like every other file (glibc floor) and by the self-test under qemu.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))  # make_deb reads hearing_helper.__version__
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import glibc_floor  # noqa: E402
import make_deb  # noqa: E402
import roots  # noqa: E402

SUITE = "bullseye"
MIRRORS = (
    f"deb http://deb.debian.org/debian {SUITE} main",
    f"deb http://deb.debian.org/debian {SUITE}-updates main",
)
# The package registry reached here serves Debian's security updates for amd64 only (arm64 ones
# answer 404), so arm64 roots get bullseye's last point release (11.11), amd64 roots also the
# security updates: the libraries a bundle carries (libssl1.1...) come from its root.
SECURITY = f"deb http://deb.debian.org/debian-security {SUITE}-security main"


def mirrors(debian_arch: str) -> tuple[str, ...]:
    return (*MIRRORS, SECURITY) if debian_arch == "amd64" else MIRRORS


# (Debian architecture, GNU triplet) by the names `make ARCH=...` accepts.
ARCHES = {
    "x86_64": ("amd64", "x86_64-linux-gnu"),
    "amd64": ("amd64", "x86_64-linux-gnu"),
    "arm64": ("arm64", "aarch64-linux-gnu"),
    "aarch64": ("arm64", "aarch64-linux-gnu"),
}
PYTHON_SOURCE_PACKAGE = "python3.11"  # bookworm's; its .orig tarball is upstream CPython
PYTHON_SOURCE_SUITE = "bookworm"
PYTHON_VERSION = "3.11.2"
PREFIX = "/opt/hh-python"
PYTHON = f"{PREFIX}/bin/python3.11"
CONFIGURE = (
    f"--prefix={PREFIX} --enable-shared --without-ensurepip"
    f" LDFLAGS=-Wl,-rpath,{PREFIX}/lib CFLAGS=-O2"
)
# Python's own libraries, in the build root of each architecture.
PYTHON_LIBS = "libssl-dev zlib1g-dev libbz2-dev liblzma-dev libffi-dev libsqlite3-dev uuid-dev"
# What the bundle's Qt needs to run its self-test while it is built (offscreen, PulseAudio
# client for QtMultimedia), and what PyInstaller uses (binutils: objdump, ldd is in libc-bin).
QT_RUNTIME = (
    "binutils ca-certificates libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0"
    " libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libpulse0 libx11-xcb1 libxcb-cursor0"
    " libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0"
    " libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libsm6 libice6"
)
BUILD_TOOLS = "build-essential pkg-config dpkg-dev xz-utils"
CROSS_TOOLS = "crossbuild-essential-arm64 " + " ".join(
    f"{name}:arm64" for name in PYTHON_LIBS.split()
)
REQUIREMENTS = HERE / "requirements-debian11.txt"
# Files whose content goes into a build root: a change to any of them rebuilds it. The recipe's
# strings (package lists, configure flags) are in the manifests; bump RECIPE when a step changes.
BUILD_INPUTS = (REQUIREMENTS,)
RECIPE = 1
USER = "clerk"  # the compat test runs the app as an ordinary user, as on a desk


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, **kwargs)


def in_root(
    root: Path, script: str, binds: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    """Run ``script`` with /bin/sh inside ``root`` (its own mount namespace: the mounts vanish
    with it, even when the script is killed). ``binds`` maps host folders to root folders."""
    mounts = ['mount --rbind /dev "$R/dev"', 'mount -t proc proc "$R/proc"']
    for host, inside in (binds or {}).items():
        mounts.append(f'mkdir -p "$R{inside}" && mount --bind "{host}" "$R{inside}"')
    shutil.copy2("/etc/resolv.conf", root / "etc" / "resolv.conf")
    wrapper = " && ".join(mounts) + (
        ' && exec chroot "$R" /usr/bin/env -i HOME=/root LANG=C.UTF-8'
        " PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin DEBIAN_FRONTEND=noninteractive"
        ' /bin/sh -ec "$1"'
    )
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c", wrapper,
         "in_root", script],
        env={**os.environ, "R": str(root)}, check=check,
    )  # fmt: skip


def ensure_qemu(debian_arch: str) -> None:
    """ARM64 programs run through qemu-user-static, registered with binfmt_misc."""
    if debian_arch == "amd64":
        return
    binfmt = Path("/proc/sys/fs/binfmt_misc")
    if not (binfmt / "status").exists():
        run(["mount", "-t", "binfmt_misc", "binfmt_misc", str(binfmt)])
    if not (binfmt / "qemu-aarch64").exists():
        run(["update-binfmts", "--enable", "qemu-aarch64"])


def mmdebstrap(target: Path, debian_arch: str, packages: str, architectures: str = "") -> None:
    ensure_qemu(debian_arch)
    run(
        ["mmdebstrap", "--mode=root", "--variant=minbase", "--skip=cleanup/apt",
         f"--architectures={architectures or debian_arch}",
         f"--include={','.join(packages.split())}", SUITE, str(target),
         *mirrors(architectures or debian_arch)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip


def _manifest(*parts: str) -> str:
    texts = [f"recipe {RECIPE}", *parts]
    for path in BUILD_INPUTS:
        texts.append(f"--- {path.name}\n{path.read_text(encoding='utf-8')}")
    return "\n".join(texts)


def _pip_install(root: Path) -> None:
    # pip trusts what this machine trusts (its CA bundle may hold a proxy's or court's own CA).
    host_ca = Path("/etc/ssl/certs/ca-certificates.crt")
    ca_copy = root / "tmp" / "host-ca.crt"
    cert = ""
    if host_ca.is_file():
        shutil.copy2(host_ca, ca_copy)
        cert = "PIP_CERT=/tmp/host-ca.crt "
    try:
        in_root(
            root,
            f"{PYTHON} -m ensurepip --default-pip >/dev/null"
            f" && {cert}{PYTHON} -m pip install --quiet --no-warn-script-location"
            " --disable-pip-version-check --only-binary=:all: -r /inputs/requirements-debian11.txt",
            binds={str(HERE): "/inputs"},
        )
    finally:
        ca_copy.unlink(missing_ok=True)


def amd64_build_root() -> Path:
    manifest = _manifest(
        f"debian11-amd64-build {SUITE} amd64 {mirrors('amd64')}", BUILD_TOOLS, PYTHON_LIBS,
        QT_RUNTIME, f"python {PYTHON_SOURCE_PACKAGE} {PYTHON_VERSION} from"
        f" {PYTHON_SOURCE_SUITE}: {CONFIGURE}",
    )  # fmt: skip

    def build(target: Path) -> None:
        mmdebstrap(target, "amd64", f"{BUILD_TOOLS} {PYTHON_LIBS} {QT_RUNTIME}")
        _install_python_amd64(target)

    return roots.cached_root("debian11-amd64-build", manifest, build, log)


def _install_python_amd64(target: Path) -> None:
    log("fetching the CPython source from Debian and building it (about 10 min)")
    in_root(target, _python_source_script() + f" && ./configure {CONFIGURE} >/dev/null"
            " && make -j2 >/dev/null 2>&1 && make install >/dev/null")  # fmt: skip
    _pip_install(target)


def _python_source_script() -> str:
    """Fetch bookworm's python3.11 source package (deb-src) and unpack its upstream tarball."""
    return (
        f"echo 'deb-src http://deb.debian.org/debian {PYTHON_SOURCE_SUITE} main'"
        " > /etc/apt/sources.list.d/python-source.list"
        " && apt-get update -qq && mkdir -p /opt/src && cd /opt/src"
        f" && apt-get source --download-only -qq {PYTHON_SOURCE_PACKAGE}"
        f" && rm /etc/apt/sources.list.d/python-source.list && apt-get update -qq"
        f" && rm -rf Python-{PYTHON_VERSION}"
        f" && tar xf {PYTHON_SOURCE_PACKAGE}_{PYTHON_VERSION}.orig.tar.*"
        f" && cd Python-{PYTHON_VERSION}"
    )  # fmt: skip


def cross_root() -> Path:
    """amd64 + arm64 (multiarch) with the aarch64 cross compiler and arm64 libraries; no
    security suite, since both architectures' libc6 must be the same version."""
    manifest = _manifest(f"debian11-cross {SUITE} amd64,arm64 {MIRRORS}", BUILD_TOOLS, CROSS_TOOLS)

    def build(target: Path) -> None:
        mmdebstrap(target, "amd64", f"{BUILD_TOOLS} {CROSS_TOOLS}", architectures="amd64,arm64")

    return roots.cached_root("debian11-cross", manifest, build, log)


def arm64_python() -> Path:
    """CPython for aarch64, cross-compiled against Debian 11's arm64 libraries; the build
    Python (same version, required by CPython's cross build) is the amd64 build root's."""
    build_root, cross = amd64_build_root(), cross_root()
    manifest = f"cross python for aarch64 in {cross.name} with {build_root.name}: {CONFIGURE}"

    def build(target: Path) -> None:
        target.mkdir()
        log("cross-compiling CPython for aarch64 (about 10 min)")
        in_root(
            cross,
            f"cd /tmp && rm -rf cross && mkdir cross && cd cross"
            f" && tar xf /opt/src/{PYTHON_SOURCE_PACKAGE}_{PYTHON_VERSION}.orig.tar.*"
            f" && cd Python-{PYTHON_VERSION}"
            # Answers to the configure checks that would run a target program.
            " && printf 'ac_cv_file__dev_ptmx=yes\\nac_cv_file__dev_ptc=no\\n"
            "ac_cv_buggy_getaddrinfo=no\\n' > config.site"
            " && CONFIG_SITE=$PWD/config.site"
            " PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig"
            " ./configure --build=x86_64-linux-gnu --host=aarch64-linux-gnu"
            f" --with-build-python={PYTHON} {CONFIGURE} >/dev/null"
            " && make -j2 >/dev/null 2>&1 && make install DESTDIR=/out >/dev/null"
            " && cd /tmp && rm -rf cross",
            binds={
                str(target): "/out",
                f"{build_root}{PREFIX}": PREFIX,
                f"{build_root}/opt/src": "/opt/src",
            },
        )

    return roots.cached_root("debian11-arm64-python", manifest, build, log)


def arm64_build_root() -> Path:
    python = arm64_python()
    manifest = _manifest(
        f"debian11-arm64-build {SUITE} arm64", QT_RUNTIME, PYTHON_LIBS, f"python {python.name}"
    )

    def build(target: Path) -> None:
        runtime = "libssl1.1 zlib1g libbz2-1.0 liblzma5 libffi7 libsqlite3-0 libuuid1"
        mmdebstrap(target, "arm64", f"{QT_RUNTIME} {runtime}")
        run(["cp", "-a", f"{python}/opt/.", str(target / "opt")])
        log("installing the wheels under qemu (a few minutes)")
        _pip_install(target)

    return roots.cached_root("debian11-arm64-build", manifest, build, log)


def test_root(debian_arch: str) -> Path:
    """Bare Debian 11 with the .deb's dependencies downloaded (not installed): only a head
    start, since apt fetches whatever a newer Depends adds, so the list is not in the manifest."""
    depends = make_deb.dependency_packages(debian_arch)
    manifest = f"debian11-{debian_arch}-test {SUITE} {mirrors(debian_arch)} user {USER}"

    def build(target: Path) -> None:
        mmdebstrap(target, debian_arch, "ca-certificates")
        download = f"apt-get install -y -qq --download-only {' '.join(depends)} >/dev/null"
        in_root(target, f"useradd --create-home {USER} && {download}")

    return roots.cached_root(f"debian11-{debian_arch}-test", manifest, build, log)


def out_dir(arch: str) -> Path:
    return ROOT / "dist" / f"linux-{ARCHES[arch][0]}"


def package(arch: str) -> Path:
    debian_arch, _triplet = ARCHES[arch]
    started = time.monotonic()
    build_root = amd64_build_root() if debian_arch == "amd64" else arm64_build_root()
    log(f"build root ready after {time.monotonic() - started:.0f} s")
    out = out_dir(arch)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="hh-src-") as src:
        # A copy of the sources, so PyInstaller inside the root never writes into the clone.
        sources = [str(ROOT / name) for name in ("hearing_helper", "assets", "build.spec")]
        run(["cp", "-a", *sources, src])
        (Path(src) / "tools").mkdir()
        run(["cp", "-a", str(ROOT / "tools" / "packaging"), str(Path(src) / "tools")])
        log("PyInstaller in the Debian 11 root")
        in_root(
            build_root,
            f"cd /src && {PYTHON} -m PyInstaller --noconfirm --clean --log-level WARN"
            " --distpath /out --workpath /tmp/hh-work build.spec",
            binds={src: "/src", str(out): "/out"},
        )
    bundle = out / "HearingHelper"
    floor = glibc_floor.report(bundle)
    log(f"bundle built after {time.monotonic() - started:.0f} s; {floor}")
    deb = make_deb.build_deb(bundle, debian_arch, out, floor.highest)
    log(f"{deb.name}: {deb.stat().st_size / 2**20:.1f} MiB, bundle {_mib(bundle):.0f} MiB")
    if not floor.ok:
        raise SystemExit(f"{bundle} needs glibc {floor.highest_text} > {floor.limit_text}")
    return deb


def _mib(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def test(arch: str) -> None:
    debian_arch, triplet = ARCHES[arch]
    started = time.monotonic()
    debs = sorted(out_dir(arch).glob(f"hearing-helper_*_{debian_arch}.deb"))
    if not debs:
        raise SystemExit(f"no .deb in {out_dir(arch)}: run make package-linux ARCH={arch} first")
    clean = test_root(debian_arch)
    with tempfile.TemporaryDirectory(prefix="hh-compat-", dir=clean.parent) as scratch:
        root = Path(scratch) / "root"
        run(["cp", "-a", "--reflink=auto", str(clean), str(root)])
        shutil.copy2(debs[-1], root / "tmp" / debs[-1].name)
        shutil.copy2(HERE / "compat_check.sh", root / "tmp" / "compat_check.sh")
        log(f"testing {debs[-1].name} in a copy of {clean.name}")
        in_root(root, f"sh /tmp/compat_check.sh /tmp/{debs[-1].name} {USER} {triplet}")
        # The installed files, read from outside (readelf reads any architecture).
        floor = glibc_floor.report(root / "opt" / "hearing-helper")
        purge = "apt-get purge -y -qq hearing-helper >/dev/null"
        in_root(root, f"{purge} && sh /tmp/compat_check.sh --removed {USER}")
    print(floor)
    if not floor.ok:
        raise SystemExit(f"FAIL: the installed bundle needs glibc {floor.highest_text}")
    log(f"test-linux-compat {arch}: passed in {time.monotonic() - started:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("package", "test", "roots"))
    parser.add_argument("--arch", choices=sorted(ARCHES), default="x86_64")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("debian11.py needs root (mmdebstrap, chroot)")
    started = time.monotonic()
    if args.command == "package":
        package(args.arch)
    elif args.command == "test":
        test(args.arch)
    else:  # make the roots only (to warm the cache)
        amd64_build_root() if ARCHES[args.arch][0] == "amd64" else arm64_build_root()
        test_root(ARCHES[args.arch][0])
    log(f"{args.command} {args.arch}: {time.monotonic() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
