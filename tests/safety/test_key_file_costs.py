"""A key file's Argon2 costs are bounded before they are used (it may come with a forged backup)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("forged", [{"memory_cost": 2**32 - 1}, {"time_cost": 2**31}, {"parallelism": 0}, {"time_cost": "3"},
                                    {"memory_cost": 8.5}, {"parallelism": True},
                                    {"memory_cost": 8, "parallelism": 16}])
def test_a_key_file_asking_for_absurd_argon2_costs_is_called_damaged_at_once(forged):
    """Review 31b: a forged backup's key file asked Argon2 for 4 TiB (the "something went wrong" box), no lanes, or
    2^31 passes ("Checking the backup…" for ever, no Cancel)."""
    import time

    from engine.errors import LamplightError
    from engine.security import encryption

    cheap = {"name": "argon2id", "time_cost": 1, "memory_cost": 8, "parallelism": 1}
    wrapped = encryption.wrap_key(b"k" * 32, "pw", cheap)
    assert encryption.unwrap_key(wrapped, "pw") == b"k" * 32
    start = time.perf_counter()
    with pytest.raises(LamplightError, match="key file is damaged"):
        encryption.unwrap_key({**wrapped, "kdf": {**cheap, **forged}}, "pw")
    assert time.perf_counter() - start < 1


def _forged_stick_backup(tmp_path, extra: int):
    """Another laptop's encrypted backup on a stick, its .keys.json given ``extra`` wraps of its own names."""
    import json

    from engine.security import encryption
    from engine.security.passwords import Credentials, new_recovery_key
    from engine.store import Store
    from engine.store.backup_files import save_backup_to

    other = tmp_path / "other"
    with Store.open(other) as store:
        store.add_student(store.create_class("4B"), "Ana")
        Credentials(store.get_setting, store.set_setting).setup("owl-river-lantern-7")
    encryption.enable(other, "owl-river-lantern-7", new_recovery_key())
    (tmp_path / "stick").mkdir()
    with Store.open(other) as store:
        saved = save_backup_to(store, tmp_path / "stick")
    encryption._KEYS.clear()
    keys_path = saved.with_name(saved.name + ".keys.json")
    keys = json.loads(keys_path.read_text())
    keys["wrapped"] = {f"a{n:05d}": keys["wrapped"]["password"] for n in range(extra)} | keys["wrapped"]
    keys_path.write_text(json.dumps(keys))
    return saved


@pytest.mark.parametrize("extra", [1, 3000])
def test_a_carried_key_file_with_wraps_lamplight_never_writes_is_refused_before_any_derivation(tmp_path, fast_crypto,
                                                                                               monkeypatch, extra):
    """Review 34b: 3,000 wraps added to a real key file, each at the highest cost allowed, made one typed password
    run 3,000 costly derivations (an hour of "Checking the backup…")."""
    pytest.importorskip("sqlcipher3")
    from engine.errors import LamplightError
    from engine.security import encryption
    from engine.store import Store
    from engine.store.backup_files import inspect_backup_file

    saved = _forged_stick_backup(tmp_path, extra)
    calls = []
    monkeypatch.setattr(encryption, "_derive", lambda *args: calls.append(args) or pytest.fail("a derivation ran"))
    try:
        with Store.open(tmp_path / "here") as store, pytest.raises(LamplightError, match="not the key of a Lamplight backup|is damaged"):
            inspect_backup_file(store, saved, "owl-river-lantern-7")
    finally:
        encryption._KEYS.clear()
    assert calls == []


def test_a_folder_key_file_with_extra_wraps_costs_one_derivation_at_start(tmp_path, fast_crypto, monkeypatch):
    """A key file an older Lamplight filled from a forged backup: unlocking tries only the wraps Lamplight writes."""
    pytest.importorskip("sqlcipher3")
    import json

    from engine.security import encryption
    from engine.security.passwords import Credentials, new_recovery_key
    from engine.store import Store

    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.create_class("4B")
        Credentials(store.get_setting, store.set_setting).setup("owl-river-lantern-7")
    encryption.enable(folder, "owl-river-lantern-7", new_recovery_key())
    path = encryption.key_file(folder)
    content = json.loads(path.read_text())
    content["wrapped"] = {f"a{n:03d}": content["wrapped"]["password"] for n in range(500)} | content["wrapped"]
    path.write_text(json.dumps(content))
    encryption._KEYS.clear()
    real, calls = encryption._derive, []
    monkeypatch.setattr(encryption, "_derive", lambda *args: calls.append(args) or real(*args))
    try:
        encryption.unlock(folder, "owl-river-lantern-7")
    finally:
        encryption._KEYS.clear()
    assert len(calls) == 1
