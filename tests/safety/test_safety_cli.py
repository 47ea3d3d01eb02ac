"""The safety commands of ``python -m engine``."""
from __future__ import annotations

import io

import pytest

from engine import paths
from engine.cli import main
from engine.store import Store


def run(monkeypatch, capsys, data_dir, *argv: str, stdin: str = "") -> tuple[int, str]:
    monkeypatch.setenv("LAMPLIGHT_PASSWORD_STDIN", "1")
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--data-dir", str(data_dir), *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_recover_restores_the_latest_good_backup(monkeypatch, capsys, data_dir):
    with Store.open(data_dir) as store:
        class_id = store.create_class("2B")
        store.add_student(class_id, "Ana")
        store.backup_now("manual")
    store_file = paths.store_path(data_dir)
    store_file.write_bytes(store_file.read_bytes()[:2000])
    code, out = run(monkeypatch, capsys, data_dir, "recover", "--yes")
    assert code == 0, out
    assert "damaged" in out and "The latest good backup is from" in out and "Restored" in out
    assert "run 'python -m engine recover'" not in out and "Restore it with" not in out  # review 26: it told you to run itself
    with Store.open(data_dir) as store:
        assert [s.name for s in store.list_students(class_id)] == ["Ana"]
    code, out = run(monkeypatch, capsys, data_dir, "recover")
    assert code == 0 and "nothing to recover" in out


def test_password_and_encryption_commands(monkeypatch, capsys, data_dir, fast_crypto):
    pytest.importorskip("sqlcipher3")
    from engine.security import encryption

    with Store.open(data_dir) as store:
        store.add_student(store.create_class("2B"), "Zhang Xiuying")
    code, out = run(monkeypatch, capsys, data_dir, "password", "set", "--yes", stdin="owl-42-lantern\nowl-42-lantern\n")
    assert code == 0 and "Recovery key" in out, out
    code, out = run(monkeypatch, capsys, data_dir, "encryption", "on", "--yes", stdin="wrong\n")
    assert code == 1 and "not the teacher password" in out
    code, out = run(monkeypatch, capsys, data_dir, "encryption", "on", "--yes", stdin="owl-42-lantern\n")
    assert code == 0 and "now encrypted" in out
    assert out.index("Recovery key") < out.index("now encrypted"), "review 33b: the key is shown before anything changes"
    recovery_key = next(line.strip() for line in out.splitlines() if line.startswith("    "))
    assert b"Zhang Xiuying" not in paths.store_path(data_dir).read_bytes()
    encryption._KEYS.clear()
    code, out = run(monkeypatch, capsys, data_dir, "password", "reset", "--yes",
                    stdin=f"{recovery_key}\nfox-99-meadow\nfox-99-meadow\n")
    assert code == 0 and "was reset" in out, out
    encryption._KEYS.clear()
    code, out = run(monkeypatch, capsys, data_dir, "encryption", "off", stdin="fox-99-meadow\n")
    assert code == 0 and "no longer encrypted" in out, out
    assert b"Zhang Xiuying" in paths.store_path(data_dir).read_bytes()
    encryption._KEYS.clear()


def test_data_rights_commands(monkeypatch, capsys, data_dir, tmp_path):
    with Store.open(data_dir) as store:
        class_id = store.create_class("2B")
        ana = store.add_student(class_id, "Ana Lima")
        exercise = store.add_exercise("2 + 2 = ?", "numeric", "4")
        store.record_response(ana, exercise, 1.0)
        store.backup_now("manual")
    code, out = run(monkeypatch, capsys, data_dir, "student-export", str(ana), str(tmp_path / "ana.json"))
    assert code == 0 and "Ana Lima" in (tmp_path / "ana.json").read_text(encoding="utf-8")
    code, out = run(monkeypatch, capsys, data_dir, "class-share", str(class_id), str(tmp_path / "share.csv"))
    assert code == 0 and "Ana" not in (tmp_path / "share.csv").read_text(encoding="utf-8")
    code, out = run(monkeypatch, capsys, data_dir, "student-delete", str(ana))
    assert code == 1 and "add --yes" in out
    code, out = run(monkeypatch, capsys, data_dir, "student-delete", str(ana), "--yes")
    assert code == 0 and "1 answers" in out and "1 backups still hold them" in out and "--purge-backups" in out
    with Store.open(data_dir) as store:
        assert store.list_students(class_id) == []
