"""Teacher password and recovery key: hashes only, wrong secrets change nothing."""
from __future__ import annotations

import argon2
import pytest

from engine.errors import LamplightError
from engine.security import passwords
from engine.security.passwords import Credentials


def make_credentials(settings: dict[str, str], hasher: argon2.PasswordHasher) -> Credentials:
    return Credentials(settings.get, settings.__setitem__, hasher)


def test_default_hasher_is_memory_hard_argon2id():
    stored = passwords.hash_secret("owl-42")
    assert stored.startswith("$argon2id$")
    assert "m=65536" in stored and "t=3" in stored
    assert passwords.verify_secret(stored, "owl-42")
    assert not passwords.verify_secret(stored, "owl-43")


def test_setup_stores_only_hashes_and_returns_a_recovery_key(settings_dict, cheap_hasher):
    creds = make_credentials(settings_dict, cheap_hasher)
    assert not creds.is_set()
    key = creds.setup("owl-42")
    assert creds.is_set() and creds.has_recovery_key()
    stored = " ".join(settings_dict.values())
    assert "owl-42" not in stored
    assert passwords.normalise_recovery_key(key) not in stored and key not in stored
    assert all(value.startswith("$argon2id$") for value in settings_dict.values())
    assert creds.verify("owl-42") and not creds.verify("owl-4") and not creds.verify("")


def test_second_setup_and_short_password_are_refused(settings_dict, cheap_hasher):
    creds = make_credentials(settings_dict, cheap_hasher)
    with pytest.raises(LamplightError, match="at least 4"):
        creds.setup("abc")
    assert settings_dict == {}
    creds.setup("owl-42")
    before = dict(settings_dict)
    with pytest.raises(LamplightError, match="already set"):
        creds.setup("other-password")
    assert settings_dict == before


def test_wrong_old_password_changes_nothing(settings_dict, cheap_hasher):
    creds = make_credentials(settings_dict, cheap_hasher)
    creds.setup("owl-42")
    before = dict(settings_dict)
    with pytest.raises(LamplightError, match="not the current"):
        creds.change("owl-43", "fox-99")
    assert settings_dict == before
    creds.change("owl-42", "fox-99")
    assert creds.verify("fox-99") and not creds.verify("owl-42")


def test_recovery_key_resets_password_and_rotates(settings_dict, cheap_hasher):
    creds = make_credentials(settings_dict, cheap_hasher)
    key = creds.setup("owl-42")
    before = dict(settings_dict)
    with pytest.raises(LamplightError, match="recovery key is not right"):
        creds.reset(passwords.new_recovery_key(), "fox-99")
    assert settings_dict == before
    # typed sloppily: lower case, spaces instead of dashes
    sloppy = key.lower().replace("-", " ")
    new_key = creds.reset(sloppy, "fox-99")
    assert new_key != key
    assert creds.verify("fox-99") and not creds.verify("owl-42")
    assert not creds.verify_recovery_key(key)  # the used key no longer works
    assert creds.verify_recovery_key(new_key)


def test_recovery_key_shape_and_lookalikes():
    key = passwords.new_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert passwords.normalise_recovery_key("ab0-1 8") == "ABOIB"
    assert passwords.normalise_recovery_key("ａｂ０－１\u3000８") == "ABOIB"  # review 26: typed with a Chinese input method
    assert len({passwords.new_recovery_key() for _ in range(50)}) == 50


def test_corrupt_stored_hash_is_refused_not_crashed(cheap_hasher):
    settings = {passwords.PASSWORD_SETTING: "not a hash"}
    creds = make_credentials(settings, cheap_hasher)
    assert not creds.verify("not a hash")


def test_a_damaged_or_deleted_password_setting_still_counts_as_a_password(data_dir, cheap_hasher):
    """Review 38a: text that is not JSON in the password setting raised an error (the app opened every screen); a
    deleted password setting with the recovery key kept opened them too. Both lock; the recovery key sets a new one."""
    import sqlite3

    from engine.store import Store

    with Store.open(data_dir) as store:
        creds = Credentials(store.get_setting, store.set_setting, cheap_hasher)
        key = creds.setup("owl-42")
        with sqlite3.connect(store.path) as other_program:
            other_program.execute("UPDATE settings SET value = 'notjson' WHERE key = ?", [passwords.PASSWORD_SETTING])
        assert creds.is_set() and not creds.verify("owl-42") and not creds.verify("notjson")
        with sqlite3.connect(store.path) as other_program:
            other_program.execute("DELETE FROM settings WHERE key = ?", [passwords.PASSWORD_SETTING])
        assert creds.is_set() and not creds.verify("owl-42")
        with pytest.raises(LamplightError, match="already set"):
            creds.setup("owl-43")
        creds.reset(key, "owl-44")
        assert creds.verify("owl-44")


def test_a_wrong_try_counter_set_sky_high_is_capped(tmp_path):
    """Review 38a: a counter file of 10**10 wrong tries made the next try compute 2 ** 10**10 (a hang)."""
    import json

    from engine.security import attempts
    from engine.security.idle import MAX_WAIT_SECONDS

    (tmp_path / attempts.ATTEMPTS_FILE).write_text(json.dumps({"failed": 10**10, "blocked_until": 0}), encoding="utf-8")
    assert attempts.record(tmp_path, right=False, now=1000.0) == attempts.MAX_COUNTED + 1
    assert attempts.seconds_to_wait(tmp_path, now=1000.0) == MAX_WAIT_SECONDS


def test_weaker_old_hash_is_upgraded_on_success(settings_dict, cheap_hasher):
    creds = make_credentials(settings_dict, cheap_hasher)
    creds.setup("owl-42")
    stronger = argon2.PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    upgraded = make_credentials(settings_dict, stronger)
    assert upgraded.verify("owl-42")
    assert "m=16,t=2" in settings_dict[passwords.PASSWORD_SETTING]
