#!/usr/bin/env python3
"""Set up a development environment and run the app or the tests.

Usage (from the repository root, with Python 3.11 on PATH):

    python3 installer/bootstrap.py run      # install what is needed, open the app
    python3 installer/bootstrap.py test     # install what is needed, run the test suite

It creates ``.venv`` next to this repository, installs ``torch==2.13.0`` first
(so no loose requirement can pull the multi-GB CUDA build), then the project
with its ``dev`` extra. Re-running is cheap: pip skips what is installed.
Standard library only, because nothing else exists yet when it runs.
"""
from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
TORCH = "torch==2.13.0"


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def ensure_environment(extras: str = "dev") -> Path:
    """Create .venv if needed and install torch then the project into it."""
    python = venv_python()
    if not python.exists():
        print(f"Creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    marker = VENV / f".lamplight-installed-{extras}"
    stamp = str((ROOT / "pyproject.toml").stat().st_mtime_ns)
    if marker.exists() and marker.read_text() == stamp:
        return python
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    print(f"Installing {TORCH} (CPU build where available)", flush=True)
    subprocess.run(pip + [TORCH], check=True)
    print(f"Installing lamplight[{extras}]", flush=True)
    subprocess.run(pip + ["-e", f"{ROOT}[{extras}]"], check=True)
    marker.write_text(stamp)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_environment()
    if command == "setup":
        return 0
    if command == "run":
        return subprocess.call([str(python), "-m", "desktop", *rest], cwd=ROOT)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
