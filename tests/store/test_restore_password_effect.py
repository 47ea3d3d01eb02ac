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
    # review 51f: the password in use stays (a colleague's backup took the teacher's own away)
    assert contents.password_after_restore(first, *now, folder_encrypted=False) == contents.KEPT
    assert contents.password_after_restore(before_any, *now, folder_encrypted=False) == contents.KEPT
    assert contents.password_after_restore(same, *key_changed, folder_encrypted=False) == contents.KEPT
    # an encrypted backup that turns encryption on here brings its key, and so its password
    assert contents.password_after_restore(first, *now, folder_encrypted=False, backup_encrypted=True) == contents.BACK
    assert contents.password_after_restore(before_any, *now, folder_encrypted=False, backup_encrypted=True) == contents.REMOVED
    assert contents.password_after_restore(same, *key_changed, folder_encrypted=False, backup_encrypted=True) == contents.KEY_BACK
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
        assert contents.password_after_restore(held, *hashes(store), folder_encrypted=False) == contents.KEPT
        key = store.get_setting(RECOVERY_SETTING)
        store.restore(backup)
        assert credentials.verify("second-pass-77") and not credentials.verify("first-pass-42")
        assert store.get_setting(RECOVERY_SETTING) == key


def test_a_colleague_s_backup_leaves_the_teacher_her_own_password_and_a_new_laptop_takes_the_backup_s(tmp_path):
    """Review 51f: restoring a colleague's plain backup gave the laptop the colleague's password; the teacher's own then
    opened neither the screens nor, to restore her data from before, the restore."""
    with Store.open(tmp_path / "colleague") as colleague:
        Credentials(colleague.get_setting, colleague.set_setting).setup("colleague-pass-1")
        theirs = colleague.backup_now("manual")
    with Store.open(tmp_path / "mine") as mine:
        credentials = Credentials(mine.get_setting, mine.set_setting)
        credentials.setup("my-own-pass-2")
        mine.restore(theirs)
        assert credentials.verify("my-own-pass-2") and not credentials.verify("colleague-pass-1")
    with Store.open(tmp_path / "new laptop") as new:
        new.restore(theirs)
        assert Credentials(new.get_setting, new.set_setting).verify("colleague-pass-1"), "a new laptop takes it"
