"""The app survives many PySide calls that return nothing (PySide6 6.12 drops a reference to None on each, Python 3.11)."""
from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from desktop.app import create_application
from PySide6.QtWidgets import QLabel
app = create_application([])
label = QLabel()
for n in range(30000):  # about a day of typing marks into the results grid; None starts with a few thousand references
    label.setText(str(n))
print("survived")
"""


def test_thirty_thousand_void_calls_do_not_abort_the_app():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0 and "survived" in result.stdout, result.stderr[-2000:]
