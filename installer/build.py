#!/usr/bin/env python3
"""Build the Lamplight bundle: ``python3 installer/build.py``.

1. makes sure ``.venv`` exists and holds PyInstaller (through
   ``installer/bootstrap.py``'s ``ensure_environment(extras="build")``,
   which installs the CPU build of torch first);
2. makes sure the X libraries Qt's xcb platform plugin needs are on this
   machine to be bundled (``installer/xcb_libs.py``; as root it installs the
   missing Debian packages with apt-get, otherwise it prints the apt line);
3. runs PyInstaller on ``installer/lamplight.spec`` at low priority →
   ``dist/lamplight/`` (one folder: the ``lamplight`` executable and
   ``_internal/`` with Python, torch, Qt and ``resources/``);
4. adds ``lamplight-engine`` and ``lamplight-smoke`` next to ``lamplight``
   (symbolic links; the executable picks the program by its name);
5. archives the folder as ``dist/lamplight-<version>-linux-x86_64.tar.gz``
   and prints the size on disk and compressed.

Standard library only (it runs before the environment exists). Copy the
archive to a USB stick; on the laptop, unpack it anywhere and run
``lamplight/lamplight``: nothing is downloaded.
"""
from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "lamplight"
EXTRA_PROGRAMS = ("lamplight-engine", "lamplight-smoke")


def project_version() -> str:
    """The version in pyproject.toml (the same one ``lamplight --version`` prints)."""
    match = re.search(r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)
    return match.group(1) if match else "0"


def build_python() -> Path:
    """The venv's Python, with PyInstaller installed if it is missing."""
    sys.path.insert(0, str(HERE))
    from bootstrap import ensure_environment, venv_python

    python = venv_python()
    if not python.exists() or subprocess.call([str(python), "-c", "import PyInstaller"], stderr=subprocess.DEVNULL) != 0:
        python = ensure_environment(extras="build")
    return python


def ensure_qt_xcb_libraries() -> bool:
    """Make sure the X libraries Qt's xcb plugin needs are here to be bundled (installer/xcb_libs.py).

    As root on Debian/Ubuntu the missing packages are installed with apt-get;
    otherwise it says exactly what to install. False when they are still missing.
    """
    if not sys.platform.startswith("linux"):
        return True
    from xcb_libs import APT_LINE, missing_packages

    missing = missing_packages()
    if not missing:
        return True
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        why = "not running as root" if apt else "no apt-get on this machine"
        print(f"The bundle must carry the X libraries Qt's xcb plugin needs, and this machine lacks {' '.join(missing)} "
              f"({why}). Install them, then build again:\n    {APT_LINE}\n(other distributions: the packages holding "
              "libxcb-cursor.so.0, the xcb-util libraries and libxkbcommon-x11.so.0)", file=sys.stderr)
        return False
    print(f"installing what Qt's xcb plugin needs: apt-get install -y {' '.join(missing)}", flush=True)
    install = [apt, "install", "-y", "--no-install-recommends", *missing]
    if subprocess.run(install).returncode != 0:  # stale or empty package lists: update once and retry
        subprocess.run([apt, "update"])
        subprocess.run(install)
    still = missing_packages()
    if still:
        print(f"apt-get could not install {' '.join(still)}; install them by hand:\n    {APT_LINE}", file=sys.stderr)
    return not still


def folder_size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (links not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def add_program_links(bundle: Path) -> None:
    if os.name == "nt":
        return  # Windows: run ``lamplight.exe engine ...`` / ``lamplight.exe smoke-test OUTDIR``
    for name in EXTRA_PROGRAMS:
        link = bundle / name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to("lamplight")


def archive(bundle: Path, version: str) -> Path:
    machine = platform.machine().lower().replace("amd64", "x86_64")
    target = bundle.parent / f"lamplight-{version}-{sys.platform.replace('win32', 'windows')}-{machine}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=bundle.name)
    return target


def main(argv: list[str]) -> int:
    if argv and argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    python = build_python()
    if not ensure_qt_xcb_libraries():
        return 1
    began = time.perf_counter()
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"), str(HERE / "lamplight.spec")]
    if os.name != "nt" and shutil.which("nice"):
        command = ["nice", "-n", "10", *command]
    print("running:", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        print("PyInstaller failed (see above)", file=sys.stderr)
        return result.returncode
    built = time.perf_counter()
    add_program_links(BUNDLE)
    target = archive(BUNDLE, project_version())
    done = time.perf_counter()
    print(f"bundle:  {BUNDLE}  {folder_size(BUNDLE) / 1e6:.0f} MB on disk  (PyInstaller {built - began:.0f} s)")
    print(f"archive: {target}  {target.stat().st_size / 1e6:.0f} MB compressed  ({done - built:.0f} s)")
    print(f"check it: python3 installer/smoke.py {BUNDLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
