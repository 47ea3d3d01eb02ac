"""What restoring a backup does to the teacher password, decided from the backup's hashes (the restore question says it)."""
from __future__ import annotations

import argon2
import pytest

from engine.security import passwords
from engine.security.passwords import PASSWORD_SETTING, RECOVERY_SETTING, Credentials
from engine.store import Store
from engine.store import backup_contents as contents


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch):
    monkeypatch.setattr(passwords, "DEFAULT_HASHER", argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def hashes(store) -> tuple[str | None, str | None]:
    return store.get_setting(PASSWORD_SETTING), store.get_setting(RECOVERY_SETTING)


def test_the_backup_holds_the_hashes_of_its_time_and_they_decide_what_restoring_does(tmp_path):
    with Store.open(tmp_path) as store:
        before_any = contents.backup_contents(store.backup_now("manual"))
        credentials = Credentials(store.get_setting, store.set_setting)
        credentials.setup("first-pass-42")
        first = contents.backup_contents(store.backup_now("manual"))
        credentials.change("first-pass-42", "second-pass-77")
        now = hashes(store)
        same = contents.backup_contents(store.backup_now("manual"))
        credentials.new_recovery_key("second-pass-77")
        key_changed = hashes(store)

    assert before_any.password_hash is None and before_any.recovery_hash is None
    assert first.password_hash.startswith("$argon2id$") and "first-pass-42" not in repr(first)
    assert contents.password_after_restore(same, *now, folder_encrypted=False) == contents.SAME
    assert contents.password_after_restore(first, *now, folder_encrypted=False) == contents.BACK
    assert contents.password_after_restore(before_any, *now, folder_encrypted=False) == contents.REMOVED
    assert contents.password_after_restore(same, *key_changed, folder_encrypted=False) == contents.KEY_BACK
    # an encrypted folder keeps today's password and recovery key whatever the backup holds
    assert contents.password_after_restore(first, *now, folder_encrypted=True) == contents.KEPT
    assert contents.password_after_restore(before_any, *now, folder_encrypted=True) == contents.KEPT
    assert contents.password_after_restore(same, *now, folder_encrypted=True) == contents.SAME
    # a folder with no password yet takes the backup's (review 36a: "the password used today no longer works" was said)
    assert contents.password_after_restore(first, None, None, folder_encrypted=False) == contents.ADDED


def test_restoring_does_what_was_said(tmp_path):
    with Store.open(tmp_path) as store:
        credentials = Credentials(store.get_setting, store.set_setting)
        credentials.setup("first-pass-42")
        backup = store.backup_now("manual")
        credentials.change("first-pass-42", "second-pass-77")
        held = contents.backup_contents(backup)
        assert contents.password_after_restore(held, *hashes(store), folder_encrypted=False) == contents.BACK
        store.restore(backup)
        assert credentials.verify("first-pass-42") and not credentials.verify("second-pass-77")
