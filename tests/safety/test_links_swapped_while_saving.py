"""Review 34c: the '.partial' of "Save a backup to…" was created without following a link, then opened again by name
(sqlite3.connect / VACUUM INTO): whoever can write in the shared folder and swapped the new file for a link in between
got the database written through the link. Now the bytes go through the descriptor that created it, and a file put in
its place is refused, never renamed into the backup's name."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from engine.errors import LamplightError
from engine.security import private_files
from engine.store import Store
from engine.store.backup_files import save_backup_to


def test_a_link_swapped_in_after_the_partial_is_created_is_not_written_through(tmp_path: Path, data_dir: Path, monkeypatch):
    import sqlite3

    victim = tmp_path / "teachers-own" / "places.sqlite"  # any SQLite file of hers (a browser's history, say)
    victim.parent.mkdir()
    with sqlite3.connect(victim) as conn:
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
        conn.execute("INSERT INTO bookmarks VALUES ('https://school.example')")
    conn.close()
    stick = tmp_path / "shared-folder"
    stick.mkdir()
    real = private_files.open_private_file

    def racing(path):
        fd = real(path)
        if Path(path).name.endswith(".partial") and Path(path).parent == stick:
            Path(path).unlink()  # the other account, the instant the file appears
            Path(path).symlink_to(victim)
        return fd

    monkeypatch.setattr(private_files, "open_private_file", racing)
    with Store.open(data_dir) as store:
        store.add_student(store.create_class("4B"), "Zhang Xiuying")
        with pytest.raises(LamplightError, match="replaced by another program"):
            save_backup_to(store, stick, now=datetime(2026, 12, 6, 9, 30, tzinfo=timezone.utc))
    with sqlite3.connect(victim) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    conn.close()
    assert tables == ["bookmarks"], f"the teacher's own SQLite file was overwritten with the whole database: {tables[:5]}"
    assert not any(p.name.startswith("lamplight-backup") and not p.name.endswith(".partial") for p in stick.iterdir()), \
        "no backup name is given to the link"
