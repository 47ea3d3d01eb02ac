"""The screens benchmark (``python -m desktop.bench_screens``) runs end to end on a tiny class and reports every action.

Not a timed test: the figures are only checked to be there and to be numbers.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from desktop.bench_screens import ACTIONS, ONCE, PDF_TARGET_S, SCREEN_TARGET_S, WORKSHEETS


def test_screens_benchmark_clicks_every_screen_and_prints_a_figure_for_each_action(tmp_path: Path) -> None:
    out = tmp_path / "screens.json"
    command = [sys.executable, "-m", "desktop.bench_screens", "--sizes", "12", "--students", "5", "--runs", "2",
               "--data", "", "--json", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr[-3000:]
    printed = done.stdout
    assert "5 students x 12 answers" in printed and "load average" in printed
    for action in ACTIONS:
        line = next((line for line in printed.splitlines() if line.strip().startswith(action)), None)
        assert line is not None, f"no line for {action!r} in:\n{printed}"
        count, median, longest = re.match(r"\s*" + re.escape(action) + r"\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+<=", line).groups()
        assert int(count) == (1 if action in ONCE else 2)
        assert 0 < float(median) <= float(longest)
        assert f"<= {PDF_TARGET_S if action == WORKSHEETS else SCREEN_TARGET_S:g} s" in line
    assert re.search(r"not calibrated yet: first Class dashboard took [\d.]+ s", printed)

    result = json.loads(out.read_text())[0]
    assert result["platform"] == "offscreen" and result["students"] == 5
    assert set(ACTIONS) <= set(result["times_s"])
    assert result["answers_in_class"] == 5 * 12  # as built
    assert result["answers_added"] == 2 + 2  # a quiz cell and a practice answer per run, all saved
    assert set(result["calibration_s"]) == {"Benchmark class", "Second class"}
