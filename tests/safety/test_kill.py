"""Kill the store at random points (SIGKILL, in a subprocess): nothing acknowledged is lost.

Bounded to a few kill points; ``python -m engine stress --rounds N`` runs more.
"""
from __future__ import annotations

import random

from engine.bench.stress import kills


def test_killed_workers_lose_no_acknowledged_write(tmp_path):
    rng = random.Random(7)
    results = [r for scenario in ("grid", "import", "backup", "snapshot", "model", "migrate", "purge")
               for r in kills.kill_rounds(scenario, 1, rng, tmp_path, max_delay=1.0)]
    tally = kills.tally_rounds("kills", results)
    text = f"{tally}"
    assert tally.recoveries == tally.kills == 7, text
    assert tally.lost == [] and tally.crashes == [], text
    # the rounds really wrote something before being killed (otherwise the test proves nothing)
    assert sum(r.acknowledged for r in results if r.scenario == "grid") > 20, text


def test_the_checker_notices_a_lost_write(tmp_path):
    """Control: an acknowledged id that is not in the store is reported as lost."""
    kills._seed_folder(tmp_path)
    result = kills._check_after_kill(tmp_path, "grid", [("ready", True), ("response", 999_999)], 0.0)
    assert result.recovered and result.lost == ["response 999999"]


def test_the_checker_notices_a_purged_name_left_on_disk(tmp_path):
    """Control: a name acknowledged as purged that some file (a killed backup's copy) still holds is reported."""
    kills._seed_folder(tmp_path)
    (tmp_path / "backups").mkdir(exist_ok=True)
    (tmp_path / "backups" / "lamplight-x.sqlite3.partial").write_bytes(b"...Purged child 000000001...")
    result = kills._check_after_kill(tmp_path, "purge", [("ready", True), ("purged", [99, "Purged child 000000001"])], 0.0)
    assert result.lost == ["purged name still in backups/lamplight-x.sqlite3.partial"]

