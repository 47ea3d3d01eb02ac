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



def test_an_acknowledged_backup_is_lost_unless_rotation_dropped_it(tmp_path):
    """Control: a missing acknowledged backup is fine only when 10 newer ones of its kind are there (rotation)."""
    from datetime import datetime, timedelta, timezone

    from engine.store import Store
    from engine.store import backup as backups

    kills._seed_folder(tmp_path)
    start = datetime(2026, 12, 3, 8, 0, tzinfo=timezone.utc)
    with Store.open(tmp_path) as store:
        made = [store.backup_now("manual", start + timedelta(seconds=i)) for i in range(backups.KEEP_OTHER + 2)]
    assert sorted(backups.rotate(tmp_path / "backups")) == made[:2]
    acks = [("ready", True)] + [("backup", str(path)) for path in made]
    assert kills._check_after_kill(tmp_path, "backup", acks, 0.0).lost == []
    made[-1].unlink()  # the newest: rotation keeps it, so its absence is a lost backup
    lost = kills._check_after_kill(tmp_path, "backup", acks, 0.0).lost
    # ... and the two rotated ones no longer have 10 newer beside them, so they are counted too
    assert sorted(item.split(":")[0] for item in lost) == sorted(f"backup {path}" for path in (made[0], made[1], made[-1])), lost


def test_backup_kill_rounds_keep_the_folder_rotated(tmp_path):
    """The backup worker rotates as the app does, so the folder (checked whole after each kill) stays small."""
    from engine.store import backup as backups

    results = kills.kill_rounds("backup", 3, random.Random(11), tmp_path, max_delay=1.0)
    tally = kills.tally_rounds("kill-backup", results)
    assert tally.ok and tally.kills == 3, tally
    assert sum(r.acknowledged for r in results) > 2 * (backups.KEEP_OTHER + 1), tally  # enough backups to rotate
    kinds = [info.reason for info in backups.list_backups(tmp_path / "backup" / "backups")]
    assert kinds.count("manual") <= backups.KEEP_OTHER + 1 and kinds.count("pre-restore") <= backups.KEEP_OTHER + 1, kinds
