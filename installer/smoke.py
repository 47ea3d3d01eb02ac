#!/usr/bin/env python3
"""Check a built bundle: ``python3 installer/smoke.py dist/lamplight``.

Runs the bundle's own programs, as a teacher's laptop would, on a fresh
temporary data folder, offscreen (``QT_QPA_PLATFORM=offscreen``), with no
network and no Python environment of ours on the path:

1. ``lamplight --version`` prints the version;
2. ``lamplight-smoke OUTDIR`` (the bundle's self-test): demo class, model
   calibrated and one student adapted, a ``torch.func`` meta-learning step,
   one worksheet PDF;
3. ``lamplight --data-dir OUTDIR/data --quit-after-shown``: the desktop app
   opens its main window on that data and exits 0;
4. ``lamplight-engine --help``: the engine CLI starts;
5. (Linux) the X libraries of Qt's xcb platform plugin: ``ldd`` on the
   bundled ``libqxcb.so``, with the bundle's library folder first on the
   search path as the bootloader sets it, must resolve every library either
   inside the bundle or to a base library every X desktop has
   (``installer/xcb_libs.py``), and the ones a bare desktop may lack
   (``libxcb-cursor.so.0``...) inside the bundle;
6. (Linux) the desktop app on a real X server (Xvfb, ``QT_QPA_PLATFORM=xcb``)
   up to its main window. As root, in a private mount namespace with an
   empty file bind-mounted over every system copy of those libraries (a
   control first checks that the plugin cannot load without the bundle's
   copies), so the app must use its own, as on a desktop without
   ``libxcb-cursor0``; not root: with the system copies in place (says so).

Prints each step and ``bundle smoke test passed``; exits 0, or 1 naming the
step that failed. Standard library only.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from xcb_libs import APT_LINE, BASE_X_LIBRARIES, QT_XCB_LIBRARIES, ldd_resolved, system_library


def bundle_env() -> dict[str, str]:
    """The environment the bundle runs in: offscreen Qt, none of the developer's Python settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "LAMPLIGHT_"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def executable(bundle: Path) -> Path:
    for name in ("lamplight", "lamplight.exe"):
        if (bundle / name).exists():
            return bundle / name
    raise SystemExit(f"no lamplight executable in {bundle}: build it with python3 installer/build.py")


def run_step(title: str, command: list[str], expect: str, timeout: float = 300, env: dict[str, str] | None = None) -> str:
    shown = ["<HIDE_AND_RUN>" if "\n" in part else part for part in command]
    print(f"--- {title}: {' '.join(shown)}", flush=True)
    result = subprocess.run(command, capture_output=True, text=True, env=env or bundle_env(), timeout=timeout)
    output = result.stdout + result.stderr
    print(output.rstrip(), flush=True)
    if result.returncode != 0 or expect not in output:
        raise SystemExit(f"FAILED: {title} (exit code {result.returncode}, expected {expect!r} in its output)")
    return output


def xcb_plugin(bundle: Path) -> tuple[Path, Path]:
    """The bundled ``libqxcb.so`` and the folder the bootloader puts first on the library path (``_internal``)."""
    plugins = sorted(bundle.glob("**/plugins/platforms/libqxcb.so"))
    if not plugins:
        raise SystemExit(f"FAILED: xcb libraries: no libqxcb.so in {bundle}")
    internal = bundle / "_internal"
    return plugins[0], internal if internal.is_dir() else bundle


def check_xcb_libraries(bundle: Path) -> None:
    """Every library the bundled xcb plugin loads is the bundle's own or a base X library (step 5)."""
    plugin, libs = xcb_plugin(bundle)
    print(f"--- xcb libraries: LD_LIBRARY_PATH={libs} ldd {plugin}", flush=True)
    resolved = ldd_resolved(plugin, env={**bundle_env(), "LD_LIBRARY_PATH": str(libs)})
    outside = {name: path for name, path in resolved.items()
               if path is None or not Path(path).resolve().is_relative_to(bundle.resolve())}
    not_base = {name: path for name, path in outside.items() if path is None or not BASE_X_LIBRARIES.match(Path(name).name)}
    own = [name for name in QT_XCB_LIBRARIES if name in resolved and name not in outside]
    print(f"{len(resolved)} libraries: {len(resolved) - len(outside)} from the bundle "
          f"(among them {', '.join(own)}), from the system only base X libraries: "
          f"{', '.join(sorted(Path(n).name for n in outside)) or 'none'}", flush=True)
    if not_base or len(own) != len(QT_XCB_LIBRARIES):
        raise SystemExit(f"FAILED: xcb libraries: taken from the system or missing: {not_base}; bundled: {own} "
                         f"(rebuild with installer/build.py after {APT_LINE})")


@contextmanager
def xvfb_display() -> Iterator[str]:
    """A fresh Xvfb server on a free display (``-displayfd``), stopped afterwards; yields ``:N``."""
    if not shutil.which("Xvfb") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "xvfb"], capture_output=True)
    if not shutil.which("Xvfb"):
        raise SystemExit("FAILED: desktop window on X: Xvfb is not installed (sudo apt-get install xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as reader:
            number = reader.readline().strip()
        if not number:
            raise SystemExit("FAILED: desktop window on X: Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


# Run inside ``unshare --mount``: hide each system copy under an empty file, check the plugin can no longer load
# without the bundle's copies (the control), then start the app.
HIDE_AND_RUN = r"""
empty=$1; plugin=$2; shift 2; hidden=""
while [ "$1" != "--" ]; do mount --bind "$empty" "$1" || exit 90; hidden="$hidden $(basename "$1")"; shift; done; shift
if env -u LD_LIBRARY_PATH ldd "$plugin" 2>&1 | grep -Eq "file too short|not found"; then
  echo "system copies hidden (empty files):$hidden; without the bundle's copies the xcb plugin cannot load"
else
  echo "CONTROL FAILED: the xcb plugin still loads without the bundle's copies"; exit 91
fi
exec "$@"
"""


def check_xcb_window(program: Path, bundle: Path, data: Path) -> None:
    """The app opens its main window on X (step 6); as root, with the system's copies of the xcb libraries hidden."""
    can_hide = os.geteuid() == 0 and shutil.which("unshare") and shutil.which("mount")
    with xvfb_display() as display, tempfile.TemporaryDirectory(prefix="lamplight-xcb-") as scratch:
        env = {**bundle_env(), "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
        app = [str(program), "--data-dir", str(data), "--quit-after-shown"]
        if not can_hide:
            print("(not root: no private mount namespace, so the system's xcb libraries stay visible)", flush=True)
            run_step(f"desktop window on X (xcb, Xvfb {display})", app, "main window shown", env=env)
            return
        empty = Path(scratch) / "empty.so"
        empty.touch()
        targets = sorted({str(path.resolve()) for soname in QT_XCB_LIBRARIES if (path := system_library(soname))})
        command = ["unshare", "--mount", "--propagation", "private", "sh", "-c", HIDE_AND_RUN, "sh",
                   str(empty), str(xcb_plugin(bundle)[0]), *targets, "--", *app]
        output = run_step(f"desktop window on X (xcb, Xvfb {display}) without the system's xcb libraries", command,
                          "main window shown", env=env)
        if "system copies hidden" not in output:
            raise SystemExit("FAILED: desktop window on X: the system copies were not hidden")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    bundle = Path(argv[0]).resolve()
    program = executable(bundle)
    with tempfile.TemporaryDirectory(prefix="lamplight-smoke-") as scratch:
        out = Path(scratch)
        run_step("version", [str(program), "--version"], "lamplight ")
        run_step("self-test", [str(program), "smoke-test", str(out)], "smoke test passed")
        if not (out / "worksheet.pdf").read_bytes().startswith(b"%PDF-"):
            raise SystemExit("FAILED: self-test wrote no PDF")
        run_step("desktop window", [str(program), "--data-dir", str(out / "data"), "--quit-after-shown"], "main window shown")
        run_step("engine CLI", [str(program), "engine", "--help"], "usage")
        if sys.platform.startswith("linux"):
            check_xcb_libraries(bundle)
            check_xcb_window(program, bundle, out / "data")
    print("bundle smoke test passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
