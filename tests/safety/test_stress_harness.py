"""The stress harness's own fault classes find what they are meant to find (issue 14)."""
from __future__ import annotations

import contextlib
import random
from pathlib import Path

import pytest

from engine.bench import stress
from engine.bench.stress import environment, kills
from engine.security.passwords import new_recovery_key


def test_every_fault_class_is_registered_and_listed(capsys):
    from engine.cli import main

    names = set(stress.load_fault_classes())
    assert {"kill-grid", "kill-encrypt", "kill-purge", "cli-vs-app", "disk-full", "permissions", "malformed"} <= names
    assert main(["stress", "--list"]) == 0
    assert "cli-vs-app" in capsys.readouterr().out


def test_cli_vs_app_counts_a_command_that_ignores_the_open_app(tmp_path, monkeypatch):
    """Control: with the folder lock left out (as before issue 14), replacing commands are silent acceptances."""
    from engine.security import instance_lock

    ok = environment.run_cli_vs_app(2, random.Random(1), tmp_path / "with-lock", lambda line: None)
    assert ok.ok and ok.kills == 2 and ok.acknowledged > 0, ok
    monkeypatch.setattr(instance_lock, "lock_for_command", lambda folder, action: contextlib.nullcontext())
    broken = environment.run_cli_vs_app(1, random.Random(1), tmp_path / "no-lock", lambda line: None)
    assert broken.silent, broken


def test_the_encryption_checker_reports_plain_names(tmp_path, fast_crypto):
    pytest.importorskip("sqlcipher3")
    from engine.security import encryption
    from engine.security.passwords import Credentials
    from engine.store import Store

    kills._seed_folder(tmp_path)
    with Store.open(tmp_path) as store:
        Credentials(store.get_setting, store.set_setting).setup(kills.PASSWORD)
    try:
        encryption.enable(tmp_path, kills.PASSWORD, new_recovery_key())
        assert kills._check_after_kill(tmp_path, "encrypt", [("ready", True)], 0.0).plaintext == []
        (tmp_path / "lamplight.sqlite3.damaged-x").write_bytes(b"SQLite format 3\x00 Pupil 3")
        assert kills._check_after_kill(tmp_path, "encrypt", [("ready", True)], 0.0).plaintext == ["lamplight.sqlite3.damaged-x"]
    finally:
        encryption._KEYS.clear()


def test_permission_faults_give_messages_and_never_restore(tmp_path):
    tally = environment.run_permissions(len(environment._permission_faults(True)), random.Random(2), tmp_path, lambda line: None)
    if tally.skipped:
        pytest.skip(tally.skipped)
    assert tally.ok, tally


def test_a_nearly_full_disk_gives_messages_and_loses_nothing(tmp_path):
    tally = environment.run_disk_full(4, random.Random(3), tmp_path, lambda line: None)
    if tally.skipped:
        pytest.skip(tally.skipped)
    assert tally.ok and tally.trials == 4, tally


def test_the_report_prints_one_line_per_class(capsys):
    from engine.cli import main

    code = main(["stress", "--rounds", "1", "--classes", "kill-grid,malformed", "--per-importer", "5"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "kill-grid" in out and "malformed" in out and "plaintext" in out and "Result: OK" in out
