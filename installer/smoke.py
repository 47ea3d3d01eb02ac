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
4. ``lamplight-engine --help``: the engine CLI starts.

Prints each step and ``bundle smoke test passed``; exits 0, or 1 naming the
step that failed. Standard library only.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


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


def run_step(title: str, command: list[str], expect: str, timeout: float = 300) -> str:
    print(f"--- {title}: {' '.join(command)}", flush=True)
    result = subprocess.run(command, capture_output=True, text=True, env=bundle_env(), timeout=timeout)
    output = result.stdout + result.stderr
    print(output.rstrip(), flush=True)
    if result.returncode != 0 or expect not in output:
        raise SystemExit(f"FAILED: {title} (exit code {result.returncode}, expected {expect!r} in its output)")
    return output


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
    print("bundle smoke test passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
