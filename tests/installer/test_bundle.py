"""Build the bundle (if ``dist/lamplight`` is missing) and run its smoke test. Slow: minutes.

    .venv/bin/python -m pytest tests/installer -m slow
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "lamplight"


@pytest.mark.slow
def test_built_bundle_passes_its_smoke_test():
    if not (BUNDLE / "lamplight").exists():
        built = subprocess.run([sys.executable, str(ROOT / "installer" / "build.py")], cwd=ROOT)
        assert built.returncode == 0, "the bundle build failed"
    result = subprocess.run([sys.executable, str(ROOT / "installer" / "smoke.py"), str(BUNDLE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bundle smoke test passed" in result.stdout
    assert "written answers marked: LearnedMarker" in result.stdout
    if sys.platform.startswith("linux"):
        assert "from the system only base X libraries" in result.stdout
        if os.geteuid() == 0:  # the app started on X with the system's libxcb-cursor.so.0 (and the rest) hidden
            assert "system copies hidden (empty files): libxcb-cursor.so.0" in result.stdout
