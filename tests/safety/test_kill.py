"""Kill the store at random points (SIGKILL, in a subprocess): nothing acknowledged is lost.

Bounded to a few kill points; ``python -m engine stress --rounds N`` runs more.
"""
from __future__ import annotations

import pytest

from engine.security import faults


def test_killed_workers_lose_no_acknowledged_write():
    report = faults.reliability_report(rounds=6, per_importer=0, seed=7,
                                       scenarios=("grid", "import", "backup", "snapshot", "model", "migrate"), max_delay=1.0)
    text = "\n".join(report.lines())
    assert all(r.recovered for r in report.rounds), text
    assert report.lost_writes == 0 and report.crashes == 0, text
    # the rounds really wrote something before being killed (otherwise the test proves nothing)
    assert sum(r.acknowledged for r in report.rounds if r.scenario == "grid") > 20, text


def test_the_checker_notices_a_lost_write(tmp_path):
    """Control: an acknowledged id that is not in the store is reported as lost."""
    faults._seed_folder(tmp_path)
    result = faults._check_after_kill(tmp_path, "grid", [("ready", True), ("response", 999_999)], 0.0)
    assert result.recovered and result.lost == ["response 999999"]


def test_malformed_inputs_never_crash_an_importer():
    results = faults.malformed_inputs(per_importer=40, seed=3)
    assert [r.importer for r in results] == ["roster CSV", "response-log CSV", "pack JSON"]
    for r in results:
        assert r.tried == 40 and r.refused > 0
        assert r.crashes == [] and r.changed_on_error == 0, r
