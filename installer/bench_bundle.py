#!/usr/bin/env python3
"""Cold start of the built bundle: ``python3 installer/bench_bundle.py dist/lamplight [--runs 7] [--platform xvfb|offscreen]``.

Times ``lamplight --data-dir D --quit-after-shown`` (the desktop app's own
start-up probe: it prints ``main window shown after`` once its first paint
events are processed, and ``first screen filled after`` once the demo class
is on screen) from process launch, on a data folder holding the demo class
(made once, by the bundle's self-test, before timing). Every run is a fresh
process. Prints each run and the medians. ``xvfb`` starts one Xvfb server
for all runs (Qt's xcb platform, as on a desktop); ``offscreen`` needs no X.
The first run also pays for a cold disk cache; the median hides it unless
the cache was dropped (which needs root).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from smoke import bundle_env, executable  # noqa: E402

from desktop.bench_startup import start_xvfb, time_launch  # noqa: E402  (standard library only at import)

GOAL_S = 3.0


def one_run(program: Path, data: Path, display: str | None) -> tuple[float, float]:
    env = bundle_env()
    if display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    return time_launch([str(program), "--data-dir", str(data), "--quit-after-shown"], env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", choices=("xvfb", "offscreen"), default="offscreen")
    args = parser.parse_args(argv)
    program = executable(args.bundle.resolve())
    server = display = None
    with tempfile.TemporaryDirectory(prefix="lamplight-bench-") as scratch:
        made = subprocess.run([str(program), "smoke-test", scratch], capture_output=True, text=True, env=bundle_env())
        if made.returncode != 0:
            raise SystemExit(f"could not make the demo class: {made.stdout}{made.stderr}")
        if args.platform == "xvfb":
            display = ":93"
            server = start_xvfb(display)
        try:
            results = []
            for n in range(args.runs):
                shown, filled = one_run(program, Path(scratch) / "data", display)
                results.append((shown, filled))
                print(f"run {n + 1}: window shown {shown:.2f} s, first screen filled {filled:.2f} s", flush=True)
        finally:
            if server is not None:
                server.terminate()
    shown = statistics.median(r[0] for r in results)
    filled = statistics.median(r[1] for r in results)
    print(f"median of {args.runs} ({args.platform}): window shown {shown:.2f} s, first screen filled {filled:.2f} s (goal < {GOAL_S:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
