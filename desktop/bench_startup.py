"""Start-up benchmark: time from launching ``lamplight`` to its main window shown, on the demo class.

    python -m desktop.bench_startup [--runs 7] [--platform xvfb|offscreen]

Each run is a fresh process (``python -m desktop --quit-after-shown``) on a
data folder holding the demo class (made once, before timing). The clock
starts just before the process is launched and stops when it reports the
window shown (after its first paint events were processed), and again when
the first screen is filled with the class's data (the store is opened just
after the window shows). Prints every run and the medians. ``xvfb`` starts one Xvfb server for all runs (a real X
server, like a desktop; Qt's xcb platform); ``offscreen`` uses Qt's
offscreen platform.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 1.5


def make_demo(folder: Path) -> None:
    from engine.store import Store
    from engine.store.demo import create_demo_class

    with Store.open(folder) as store:
        create_demo_class(store)


def time_launch(command: list[str], env: dict[str, str], timeout: float = 120) -> tuple[float, float]:
    """Seconds from launching ``command`` (an app started with ``--quit-after-shown``) to its
    "main window shown" and "first screen filled" lines."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    shown = filled = None
    for line in process.stdout:
        if line.startswith("main window shown"):
            shown = time.perf_counter() - began
        elif line.startswith("first screen filled"):
            filled = time.perf_counter() - began
            break
    process.wait(timeout=timeout)
    if shown is None or filled is None:
        raise SystemExit(f"the app did not start: {process.stderr.read()}")
    return shown, filled


def start_xvfb(display: str) -> subprocess.Popen:
    """One Xvfb server (a real X server, like a desktop) for all runs."""
    if not shutil.which("Xvfb"):
        raise SystemExit("Xvfb is not installed: use --platform offscreen")
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return server


def one_run(folder: Path, display: str | None) -> tuple[float, float]:
    command = [sys.executable, "-m", "desktop", "--data-dir", str(folder), "--quit-after-shown"]
    env = dict(os.environ, QT_QPA_PLATFORM="xcb" if display else "offscreen")
    if display:
        env["DISPLAY"] = display
    return time_launch(command, env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", choices=["xvfb", "offscreen"], default="xvfb" if shutil.which("Xvfb") else "offscreen")
    args = parser.parse_args(argv)
    server = None
    display = None
    if args.platform == "xvfb":
        display = ":%d" % (90 + os.getpid() % 9)
        server = start_xvfb(display)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            make_demo(folder)
            one_run(folder, display)  # warm the file cache; not counted
            runs = [one_run(folder, display) for _ in range(args.runs)]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    shown, filled = [r[0] for r in runs], [r[1] for r in runs]
    print("window shown (s): " + " ".join(f"{t:.2f}" for t in shown))
    print("first screen filled (s): " + " ".join(f"{t:.2f}" for t in filled))
    print(f"median time to main window shown ({args.platform}, demo class, {args.runs} runs): {statistics.median(shown):.2f} s (target < {TARGET_S} s)")
    print(f"median time to the first screen filled with the class's data: {statistics.median(filled):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
