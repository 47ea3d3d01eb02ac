"""A link planted at the '.partial' name a backup is written through (review 34b): "Save a backup to…" on a shared
folder or stick, where the name is known to the minute, removes the link and never writes through it (it had
overwritten the teacher's own file elsewhere, or the encrypted data's key file, with the whole database)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from engine.store import Store
from engine.store.backup_files import save_backup_to, saved_backup_name

NAME = "Zhang Xiuying"


def encrypted_data(data_dir: Path) -> str:
    """An encrypted data folder with a class and a teacher password; returns the password."""
    from engine.security import encryption
    from engine.security.passwords import Credentials, new_recovery_key

    password = "owl-river-lantern-7"
    with Store.open(data_dir) as store:
        store.add_student(store.create_class("4B"), NAME)
        Credentials(store.get_setting, store.set_setting).setup(password)
    encryption.enable(data_dir, password, new_recovery_key())
    return password


def test_a_link_at_the_partial_name_is_not_written_through(tmp_path: Path, data_dir: Path):
    victim = tmp_path / "teachers-own" / "report-for-the-head.docx"
    victim.parent.mkdir()
    victim.write_text("a week of the teacher's work")
    stick = tmp_path / "shared-folder"
    stick.mkdir()
    moment = datetime(2026, 12, 6, 9, 30, tzinfo=timezone.utc)
    planted = saved_backup_name(stick, moment)
    Path(f"{planted}.partial").symlink_to(victim)  # planted beforehand by anyone who can write in that folder

    with Store.open(data_dir) as store:
        store.add_student(store.create_class("4B"), NAME)
        saved = save_backup_to(store, stick, now=moment)

    assert not saved.is_symlink() and saved.read_bytes().startswith(b"SQLite format 3")
    assert victim.read_text(errors="replace") == "a week of the teacher's work", \
        "the teacher's own file elsewhere was overwritten with the whole database (children's names in it)"


def test_a_link_to_the_key_file_leaves_the_encrypted_datas_key_alone(tmp_path: Path, data_dir: Path, fast_crypto):
    pytest.importorskip("sqlcipher3")
    from engine import paths
    from engine.errors import LamplightError
    from engine.security import encryption

    password = encrypted_data(data_dir)
    stick = tmp_path / "shared-folder"
    stick.mkdir()
    moment = datetime(2026, 12, 6, 9, 30, tzinfo=timezone.utc)
    Path(f"{saved_backup_name(stick, moment)}.partial").symlink_to(data_dir / paths.KEY_FILE)
    try:
        with Store.open(data_dir) as store:
            save_backup_to(store, stick, now=moment)
    except LamplightError:
        pytest.fail("the save failed")
    encryption._KEYS.clear()
    try:
        encryption.unlock(data_dir, password)  # the next start, with the right password
        opened = True
    except LamplightError:
        opened = False
    assert opened, "the encrypted data no longer opens with the right password: its key file was overwritten"


def test_the_carried_key_files_partial_link_is_not_written_through_either(tmp_path: Path, data_dir: Path, fast_crypto):
    pytest.importorskip("sqlcipher3")
    from engine.security import encryption

    password = encrypted_data(data_dir)
    victim = tmp_path / "teachers-own.txt"
    victim.write_text("keep me")
    stick = tmp_path / "shared-folder"
    stick.mkdir()
    moment = datetime(2026, 12, 6, 9, 30, tzinfo=timezone.utc)
    Path(f"{saved_backup_name(stick, moment)}.keys.json.partial").symlink_to(victim)
    with Store.open(data_dir) as store:
        save_backup_to(store, stick, now=moment)
    assert victim.read_text() == "keep me"
