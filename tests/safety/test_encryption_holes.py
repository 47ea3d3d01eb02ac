"""Encryption holes from issue 14: plain copies left by a killed switch (item 1), weak passwords (item 11)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3", reason="encryption needs the optional sqlcipher3 package")

from engine import paths
from engine.cli import main
from engine.errors import LamplightError, TooManyAttemptsError
from engine.security import attempts, encryption, teacher
from engine.security.passwords import Credentials, new_recovery_key
from engine.store import Store
from engine.store import backup as backups

NAME = "Zhang Xiuying"
PASSWORD = "owl-river-lantern-7"


@pytest.fixture(autouse=True)
def forget_keys(fast_crypto):
    yield
    encryption._KEYS.clear()


def make_class(folder: Path, password: str = PASSWORD, backups: int = 3) -> None:
    with Store.open(folder) as store:
        student = store.add_student(store.create_class("4B"), NAME)
        exercise = store.add_exercise("7 + 8 = ?", "numeric", "15")
        store.record_response(student, exercise, 1.0)
        Credentials(store.get_setting, store.set_setting).setup(password)
        for _ in range(backups):
            store.backup_now("manual")


def files_holding_the_name(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and NAME.encode() in p.read_bytes())


class Killed(BaseException):
    """Stands for SIGKILL: no clean-up code runs after it."""


def test_a_killed_switch_off_then_on_leaves_no_plain_copy(data_dir, monkeypatch):
    make_class(data_dir)
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    assert files_holding_the_name(data_dir) == []
    real_convert = encryption._convert_file
    converted_backups = []

    def killed_before_rename(path, source_key, target_key):
        # what disable() does for each file, killed between writing the plain copy and renaming it
        real_convert(path, path.with_name(path.name + ".converting"), source_key, target_key)
        if path.parent.name == paths.BACKUP_FOLDER:
            converted_backups.append(path)
            if len(converted_backups) == 2:
                raise Killed()
        Path(path.with_name(path.name + ".converting")).replace(path)

    monkeypatch.setattr(encryption, "_replace_with_converted", killed_before_rename)
    with pytest.raises(Killed):
        encryption.disable(data_dir, PASSWORD)
    assert any(n.endswith(".converting") for n in files_holding_the_name(data_dir))  # the plain leftover
    monkeypatch.undo()
    encryption._KEYS.clear()
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    assert encryption.is_encrypted(data_dir)
    assert files_holding_the_name(data_dir) == []
    assert encryption.plain_files(data_dir) == []


def test_status_names_plain_files_in_an_encrypted_folder(data_dir, capsys):
    make_class(data_dir)
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    kept = data_dir / "lamplight.sqlite3.damaged-20260101T000000Z"
    kept.write_bytes(b"SQLite format 3\x00" + NAME.encode())  # e.g. a damaged file that recover kept aside
    code = main(["--data-dir", str(data_dir), "encryption", "status"])
    out = capsys.readouterr().out
    assert code == 1 and "NOT encrypted" in out and kept.name in out, out


def test_a_weak_password_cannot_guard_encrypted_data(data_dir):
    make_class(data_dir, password="1234")
    with pytest.raises(LamplightError, match="too weak.*offline|too weak.*copies the data folder"):
        encryption.enable(data_dir, "1234", new_recovery_key())
    assert not encryption.is_encrypted(data_dir)
    with Store.open(data_dir) as store:
        teacher.change_password(store, "1234", PASSWORD)
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    encryption.unlock(data_dir, PASSWORD)
    with Store.open(data_dir) as store:
        for weak in ("12345678901", "aaaaaaaaaaaa", "password", "qwertyuiop"):
            with pytest.raises(LamplightError, match="too weak"):
                teacher.change_password(store, PASSWORD, weak)
        assert teacher.verify_password(store, PASSWORD)


def test_wrong_passwords_at_the_command_line_wait_like_in_the_app(data_dir, capsys, monkeypatch):
    make_class(data_dir)
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    encryption._KEYS.clear()
    monkeypatch.setenv("LAMPLIGHT_PASSWORD_STDIN", "1")
    now = [1_000_000.0]
    monkeypatch.setattr(attempts.time, "time", lambda: now[0])

    def off(password: str) -> tuple[int, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        code = main(["--data-dir", str(data_dir), "encryption", "off"])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    for _ in range(5):
        code, out = off("guess-0000")
        assert code == 1 and "not the teacher password" in out
    code, out = off("guess-0000")  # the 6th wrong one starts a wait
    assert code == 1 and "wait" in out
    code, out = off(PASSWORD)  # even the right one must wait: guessing fast gains nothing
    assert code == 1 and "Too many wrong passwords" in out and encryption.is_encrypted(data_dir)
    with pytest.raises(TooManyAttemptsError):
        with attempts.counted(data_dir):
            pass
    now[0] += 301
    code, out = off(PASSWORD)
    assert code == 0 and "no longer encrypted" in out, out
    assert attempts.seconds_to_wait(data_dir) == 0


def test_a_clock_put_right_does_not_lock_the_password_out_for_weeks(data_dir):
    """Review 32a: six wrong tries with the clock 30 days fast, then the clock set right: every try for the next
    29 days was "wait 300 seconds" and the password was never checked."""
    data_dir.mkdir(parents=True, exist_ok=True)
    fast = 1_000_000.0 + 30 * 86_400
    for _ in range(6):
        attempts.record(data_dir, right=False, now=fast)
    assert attempts.seconds_to_wait(data_dir, now=fast) == pytest.approx(10)
    for _ in range(6):
        attempts.record(data_dir, right=False, now=fast)
    now = 1_000_000.0  # the clock put right
    assert attempts.seconds_to_wait(data_dir, now=now) == pytest.approx(300), "never longer than the longest wait"
    assert attempts.seconds_to_wait(data_dir, now=now + 200) == pytest.approx(100), "and it runs from when the clock moved"
    assert attempts.seconds_to_wait(data_dir, now=now + 301) == 0


@pytest.mark.parametrize("turning", ["on", "off"])
def test_nobody_in_the_app_opens_the_data_while_it_is_being_encrypted_or_decrypted(tmp_path, monkeypatch, turning):
    """A timer's job opening the old file mid-switch would write answers into a file about to be swapped out."""
    make_class(tmp_path, backups=0)
    if turning == "off":
        encryption.enable(tmp_path, PASSWORD, new_recovery_key())
    real = encryption._convert_file
    refused = []

    def convert_while_a_job_opens(source, target, source_key, target_key):
        if Path(source).name == paths.STORE_FILE:  # (backups are converted after, with the new store in place)
            with pytest.raises(LamplightError, match="encryption on or off") as caught:
                Store.open(tmp_path)
            refused.append(str(caught.value))
        real(source, target, source_key, target_key)

    monkeypatch.setattr(encryption, "_convert_file", convert_while_a_job_opens)
    if turning == "on":
        encryption.enable(tmp_path, PASSWORD, new_recovery_key())
    else:
        encryption.disable(tmp_path, PASSWORD)
    assert len(refused) == 1
    with Store.open(tmp_path) as store:  # and open again once done
        assert [s.name for s in store.list_students(store.list_classes()[0].id)] == [NAME]



def opens_with(path: Path, data_key: bytes) -> bool:
    return encryption._opens_with(path, data_key)


def folder_files(folder: Path) -> list[Path]:
    return [folder / paths.STORE_FILE, *sorted((folder / paths.BACKUP_FOLDER).glob("lamplight-*.sqlite3"))]


def test_a_new_key_leaves_old_key_files_opening_nothing(data_dir, capsys, monkeypatch):
    """Review 32a: a new password re-wraps the same data key, so an old key file and the old password open the data
    written since. `encryption new-key` re-encrypts everything under a new key."""
    make_class(data_dir)
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    old_key_file = encryption.read_key_file(data_dir)
    new = "tin-cup-harbour-42"
    with Store.open(data_dir) as store:
        teacher.change_password(store, PASSWORD, new)
    old_key = encryption._unwrap_with_password(old_key_file, PASSWORD)
    assert old_key == encryption._KEYS[encryption._folder_key(data_dir)], "what a new password alone leaves"
    monkeypatch.setenv("LAMPLIGHT_PASSWORD_STDIN", "1")
    monkeypatch.setattr("sys.stdin", io.StringIO(new + "\n"))
    assert main(["--data-dir", str(data_dir), "encryption", "new-key", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "under a new key" in out and "NEW recovery key" in out
    assert out.index("NEW recovery key") < out.index("under a new key"), "the key is shown before anything changes"
    recovery_key = next(line.strip() for line in out.splitlines() if line.startswith("    "))
    fresh = encryption._KEYS[encryption._folder_key(data_dir)]
    assert fresh != old_key
    for path in folder_files(data_dir):
        assert encryption.is_encrypted_file(path) and not opens_with(path, old_key) and opens_with(path, fresh), path
    assert "previous" not in encryption.read_key_file(data_dir)
    assert files_holding_the_name(data_dir) == []
    encryption._KEYS.clear()
    encryption.unlock(data_dir, new)  # the password in use opens it
    with Store.open(data_dir) as store:
        assert [s.name for c in store.list_classes() for s in store.list_students(c.id)] == [NAME]
        assert Credentials(store.get_setting, store.set_setting).verify_recovery_key(recovery_key)
    encryption._KEYS.clear()
    encryption.unlock(data_dir, recovery_key)


def test_a_new_key_killed_halfway_is_finished_by_the_next_unlock(data_dir, monkeypatch):
    make_class(data_dir)
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    old_key = encryption._KEYS[encryption._folder_key(data_dir)]
    real_replace = encryption._replace_with_converted
    done = []

    def killed_after_two(path, source_key, target_key):
        if len(done) == 2:
            raise Killed()
        real_replace(path, source_key, target_key)
        done.append(path)

    monkeypatch.setattr(encryption, "_replace_with_converted", killed_after_two)
    with pytest.raises(Killed):
        encryption.new_key(data_dir, PASSWORD, new_recovery_key())
    monkeypatch.undo()
    assert "previous" in encryption.read_key_file(data_dir)
    assert any(opens_with(p, old_key) for p in folder_files(data_dir)), "some backups still under the old key"
    encryption._KEYS.clear()
    encryption.unlock(data_dir, PASSWORD)
    fresh = encryption._KEYS[encryption._folder_key(data_dir)]
    assert all(opens_with(p, fresh) for p in folder_files(data_dir))
    assert "previous" not in encryption.read_key_file(data_dir)
    with Store.open(data_dir) as store:
        assert [s.name for c in store.list_classes() for s in store.list_students(c.id)] == [NAME]


def test_a_new_key_killed_before_the_store_was_replaced_keeps_the_recovery_key_it_made(data_dir, monkeypatch):
    """Killed between writing the key file and putting the re-encrypted store in place: the next unlock puts that
    copy in place, so the recovery key the key file holds is the one the data knows."""
    make_class(data_dir)
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    made = {"key": new_recovery_key()}
    real_replace = encryption.os.replace

    def killed(source, target):
        if Path(target).name == paths.STORE_FILE:
            raise Killed()
        real_replace(source, target)

    monkeypatch.setattr(encryption.os, "replace", killed)
    with pytest.raises(Killed):
        encryption.new_key(data_dir, PASSWORD, made["key"])
    monkeypatch.undo()
    assert "previous" in encryption.read_key_file(data_dir)
    encryption._KEYS.clear()
    encryption.unlock(data_dir, PASSWORD)
    assert "previous" not in encryption.read_key_file(data_dir)
    with Store.open(data_dir) as store:
        assert Credentials(store.get_setting, store.set_setting).verify_recovery_key(made["key"])
        assert [s.name for c in store.list_classes() for s in store.list_students(c.id)] == [NAME]
    encryption._KEYS.clear()
    encryption.unlock(data_dir, made["key"])


def interrupted_new_key(data_dir, monkeypatch, after: int = 2) -> str:
    """A new key stopped (Ctrl-C, a full disk) after re-encrypting ``after`` backups; returns its recovery key."""
    make_class(data_dir, backups=4)
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    real_replace = encryption._replace_with_converted
    done = []

    def stopped(path, source_key, target_key):
        if len(done) == after:
            raise KeyboardInterrupt()
        real_replace(path, source_key, target_key)
        done.append(path)

    monkeypatch.setattr(encryption, "_replace_with_converted", stopped)
    key = new_recovery_key()
    with pytest.raises(KeyboardInterrupt):
        encryption.new_key(data_dir, PASSWORD, key)
    monkeypatch.undo()
    return key


def every_file_opens_with_the_folder_key(data_dir) -> bool:
    data_key = encryption._KEYS[encryption._folder_key(data_dir)]
    return all(opens_with(p, data_key) for p in folder_files(data_dir))


def test_a_second_new_key_after_an_interrupted_one_strands_no_backup(data_dir, monkeypatch):
    """Review 32d: pressing the button again after an error overwrote the only wrap of the old key while 3 backups
    still used it: they could never be opened again."""
    interrupted_new_key(data_dir, monkeypatch)
    encryption.new_key(data_dir, PASSWORD, new_recovery_key())
    assert every_file_opens_with_the_folder_key(data_dir)
    assert "previous" not in encryption.read_key_file(data_dir)


def test_turning_encryption_off_after_an_interrupted_new_key_finishes_it_first(data_dir, monkeypatch):
    interrupted_new_key(data_dir, monkeypatch)
    encryption.disable(data_dir, PASSWORD)
    assert all(not encryption.is_encrypted_file(p) for p in folder_files(data_dir))
    for path in folder_files(data_dir)[1:]:
        backups.check_file(path)


def test_a_password_change_waits_for_an_interrupted_new_key_to_finish(data_dir, monkeypatch):
    interrupted_new_key(data_dir, monkeypatch)
    with Store.open(data_dir) as store:
        with pytest.raises(LamplightError, match="still being re-encrypted under its new key"):
            teacher.change_password(store, PASSWORD, "tin-cup-harbour-42")
    assert encryption.opens_with_secret(data_dir, PASSWORD)


def test_a_damaged_backup_left_under_the_old_key_does_not_stop_the_data_opening(data_dir, monkeypatch):
    """Review 32d: finishing the new key at start hit a damaged old backup and the app could not start."""
    interrupted_new_key(data_dir, monkeypatch)
    old_backup = next(p for p in folder_files(data_dir)[1:] if not opens_with(p, encryption._KEYS[encryption._folder_key(data_dir)]))
    damaged = bytearray(old_backup.read_bytes())
    damaged[4096 * 4: 4096 * 4 + 64] = bytes(64)
    old_backup.write_bytes(bytes(damaged))
    encryption._KEYS.clear()
    encryption.unlock(data_dir, PASSWORD)
    with Store.open(data_dir) as store:
        assert [s.name for c in store.list_classes() for s in store.list_students(c.id)] == [NAME]


def test_power_lost_while_encrypting_leaves_the_key_the_teacher_was_shown(data_dir, monkeypatch):
    """Review 33b: the recovery key was made inside enable() and printed after it; a kill once the key file was
    written left data that only an unseen key (or the password) opened. Now the caller's key, shown first, is it."""
    make_class(data_dir)
    shown = new_recovery_key()

    def killed(*_args):
        raise Killed()

    monkeypatch.setattr(encryption, "_encrypt_plain_backups", killed)  # after the store and key file, before backups
    with pytest.raises(Killed):
        encryption.enable(data_dir, PASSWORD, shown)
    monkeypatch.undo()
    encryption._KEYS.clear()
    assert encryption.is_encrypted(data_dir) and encryption.opens_with_secret(data_dir, shown)
    encryption.unlock(data_dir, shown)  # the next start finishes the backups
    assert files_holding_the_name(data_dir) == []


def damage(path: Path) -> None:
    """60 KB of noise in the middle of a file (a bad sector on an old disk)."""
    raw = bytearray(path.read_bytes())
    middle = len(raw) // 2
    raw[middle:middle + 60_000] = bytes((n * 7 + 3) % 256 for n in range(min(60_000, len(raw) - middle)))
    path.write_bytes(bytes(raw))


def test_a_damaged_backup_is_left_as_it_was_and_neither_stops_encrypting_nor_starting(data_dir):
    """Review 33b: one damaged plain backup made 'encryption on' a traceback (after encrypting the store) and every
    start after it failed."""
    make_class(data_dir, backups=2)
    with Store.open(data_dir) as store:  # a backup big enough to damage in the middle
        class_id = store.list_classes()[0].id
        for n in range(40):
            store.add_student(class_id, f"Child {n} " + "x" * 100)
        for n in range(30):
            store.add_exercise(f"Question {n} " + "y" * 4000, "numeric", "1")
        store.backup_now("manual")
    newest = sorted((data_dir / paths.BACKUP_FOLDER).glob("*.sqlite3"))[-1]
    damage(newest)
    damaged = encryption.enable(data_dir, PASSWORD, new_recovery_key())
    assert damaged == [newest] and encryption.is_encrypted(data_dir)
    assert encryption.plain_files(data_dir) == [newest], "left plain, and 'encryption status' lists it"
    encryption._KEYS.clear()
    encryption.unlock(data_dir, PASSWORD)  # the next start
    with Store.open(data_dir) as store:
        assert len(store.list_students(store.list_classes()[0].id)) == 41


def test_a_full_disk_while_encrypting_says_so_and_leaves_no_half_made_copy(data_dir, monkeypatch):
    """Review 33b: SQLCipher's export says SQLITE_ERROR "database or disk is full"; it was shown raw, and the
    half-made copy stayed on the full disk."""
    import sqlite3

    from engine.errors import DiskFullError

    make_class(data_dir)
    real = encryption._convert_file

    def disk_full(source, target, source_key, target_key):
        Path(target).write_bytes(b"half")
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 1
        raise error

    monkeypatch.setattr(encryption, "_convert_file", disk_full)
    with pytest.raises(DiskFullError, match="disk is full"):
        encryption.enable(data_dir, PASSWORD, new_recovery_key())
    monkeypatch.setattr(encryption, "_convert_file", real)
    assert not encryption.is_encrypted(data_dir)
    assert not list(data_dir.glob("*.converting*")), "nothing half-made is left on the full disk"
    assert encryption.read_key_file(data_dir) is None


def test_turning_encryption_off_keeps_the_key_of_a_backup_too_damaged_to_decrypt(data_dir):
    """Review 33c: the damaged backup was skipped and the key file deleted, so nothing could open what was left of it."""
    make_class(data_dir, backups=1)
    with Store.open(data_dir) as store:
        for n in range(30):
            store.add_exercise(f"Question {n} " + "y" * 4000, "numeric", "1")
        store.backup_now("manual")
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    newest = sorted((data_dir / paths.BACKUP_FOLDER).glob("*manual.sqlite3"))[-1]
    damage(newest)
    assert encryption.disable(data_dir, PASSWORD) == [newest]
    assert not encryption.is_encrypted(data_dir) and encryption.read_key_file(data_dir) is not None
    with Store.open(data_dir) as store:  # the data itself is plain and opens without a password
        assert store.list_classes()


def test_a_file_is_never_written_through_a_link_left_where_its_copy_goes(tmp_path):
    """Review 33c: a link named like the half-made copy (X.partial) was followed, writing wherever it pointed."""
    from engine.files import write_file

    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me")
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "report.csv.partial").symlink_to(elsewhere)
    write_file(stick / "report.csv", b"a,b\n")
    assert elsewhere.read_text() == "keep me" and (stick / "report.csv").read_bytes() == b"a,b\n"
    assert sorted(p.name for p in stick.iterdir()) == ["report.csv"]


DAMAGED_NAME = "Zhang Xiuying"
DAMAGED_PASSWORD = "owl-river-lantern-7"


def test_a_plain_backup_damaged_at_its_start_is_named_by_encryption_on_and_by_status(data_dir: Path):
    """Review 34b: without the 'SQLite format 3' magic it was taken for an encrypted backup, left plain and never named."""
    with Store.open(data_dir) as store:
        student = store.add_student(store.create_class("4B"), DAMAGED_NAME)
        exercise = store.add_exercise("7 + 8 = ?", "numeric", "15")
        store.record_response(student, exercise, 1.0)
        Credentials(store.get_setting, store.set_setting).setup(DAMAGED_PASSWORD)
        store.backup_now("manual")
    backup = sorted((data_dir / paths.BACKUP_FOLDER).glob("*.sqlite3"))[-1]
    raw = bytearray(backup.read_bytes())
    raw[:16] = b"\x00" * 16  # the first sector's first bytes damaged (the 'SQLite format 3' magic lost)
    backup.write_bytes(bytes(raw))
    assert DAMAGED_NAME.encode() in backup.read_bytes()

    damaged = encryption.enable(data_dir, DAMAGED_PASSWORD, new_recovery_key())
    assert encryption.is_encrypted(data_dir)
    still_plain = DAMAGED_NAME.encode() in backup.read_bytes()
    assert still_plain and damaged == [backup], "left as it was, and named"
    assert backup in encryption.plain_files(data_dir), "encryption status lists it"
    assert encryption.plain_files(data_dir) == [backup], "nothing else: the key file and the encrypted backups are not listed"
