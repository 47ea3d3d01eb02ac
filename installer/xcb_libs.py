"""The X libraries Qt's xcb platform plugin needs that a bare Linux desktop may lack (one home for the list).

Qt's xcb platform plugin (``PySide6/Qt/plugins/platforms/libqxcb.so`` and
``libQt6XcbQpa.so.6``) links the xcb-util family and xkbcommon-x11. Debian
and Ubuntu desktops do not always install them (``libxcb-cursor0`` above
all, needed since Qt 6.5), and without them the app stops at start-up with
"could not load the Qt platform plugin xcb". The spec bundles the build
machine's copies, ``build.py`` installs the Debian packages that hold them
when they are missing, and ``smoke.py`` proves the bundle uses its own.

What stays out is what every X desktop has: the C runtime, ``libxcb.so.1``
itself with its own dependencies, libX11 and the OpenGL dispatch libraries
(which must match the machine's graphics driver).

Standard library only: build.py and smoke.py run before any environment exists.
"""
from __future__ import annotations

import platform
import re
import shutil
import subprocess
from pathlib import Path

# soname -> the Debian/Ubuntu package that ships it (ldd on libqxcb.so, PySide6 6.x).
QT_XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
}

# Libraries the xcb plugin may take from the system: every X desktop has them (and some must match its driver).
BASE_X_LIBRARIES = re.compile(
    r"^(linux-vdso\.so\.1|(.*/)?ld-linux[-\w]*\.so\.\d+"  # the kernel's vDSO and the dynamic loader
    r"|lib(c|m|dl|pthread|rt)\.so\.\d+"  # glibc
    r"|libxcb\.so\.1|libX11\.so\.6|libX11-xcb\.so\.1|libXau\.so\.6|libXdmcp\.so\.6|libbsd\.so\.0|libmd\.so\.0"
    r"|lib(GL|EGL|GLX|GLdispatch|OpenGL)\.so\.\d+|libdrm\.so\.2)$"  # libglvnd and the driver's DRM library
)

APT_LINE = "sudo apt-get install " + " ".join(dict.fromkeys(QT_XCB_LIBRARIES.values()))


def system_library(soname: str) -> Path | None:
    """Where the dynamic loader finds ``soname`` on this machine (from ``ldconfig -p``), or None."""
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    try:
        listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    wanted_flag = "x86-64" if platform.machine() in {"x86_64", "AMD64"} else ""
    for line in listing.splitlines():
        name, _, path = line.strip().partition(" => ")
        found, _, flags = name.partition(" (")
        if found == soname and wanted_flag in flags and Path(path).exists():
            return Path(path)
    return None


def missing_packages() -> list[str]:
    """The Debian packages whose library Qt's xcb plugin needs and this machine lacks."""
    return list(dict.fromkeys(pkg for soname, pkg in QT_XCB_LIBRARIES.items() if system_library(soname) is None))


def ldd_resolved(library: Path, env: dict[str, str] | None = None) -> dict[str, str | None]:
    """soname -> the file ``ldd`` resolves it to (None when "not found"), for ``library`` under ``env``."""
    result = subprocess.run(["ldd", str(library)], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"ldd {library} failed: {result.stdout}{result.stderr}")
    resolved: dict[str, str | None] = {}
    for line in result.stdout.splitlines():
        match = re.match(r"\s*(\S+)\s+=>\s+(not found|\S+)", line) or re.match(r"\s*(\S+)\s+\(0x", line)
        if match:
            target = match.group(2) if match.lastindex == 2 else match.group(1)
            resolved[match.group(1)] = None if target == "not found" else target
    return resolved
