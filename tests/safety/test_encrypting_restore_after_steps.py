"""Restoring an encrypted backup into a plain folder (the folder takes the backup's key) does what every restore does
(review 34c: this way in kept the backup's calibrations and kept figures, and gave student ids out again)."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3")

from engine import paths
from engine.classroom import Classroom, calibration
from engine.model.bkt import KnowledgeTracingModel
from engine.model.persistence import save_model
from engine.model.registry import load_model
from engine.security import encryption
from engine.security.passwords import Credentials
from engine.store import Store
from engine.store.backup_files import restore_backup_file
from tests.safety.test_carried_encrypted_backups import PASSWORD, encrypt_and_save_to_a_stick


@pytest.fixture(autouse=True)
def forget_keys(fast_crypto):
    yield
    encryption._KEYS.clear()
    encryption._FILE_KEYS.clear()


def colleague_with_a_calibration(folder: Path, stick: Path) -> Path:
    with Store.open(folder) as store:
        class_id = store.create_class("5A")
        assert class_id == 1
        student = store.add_student(class_id, "Ana")
        exercise = store.add_exercise("7 + 8 = ?", "numeric", "15")
        store.record_response(student, exercise, 1.0)
        store.set_setting("calibration/1", {"answers": 1, "base": 0, "tracer": KnowledgeTracingModel().to_dict(),
                                            "model": "models/class-1-calibration", "model_name": "x"})
        Credentials(store.get_setting, store.set_setting).setup(PASSWORD)
    saved, _ = encrypt_and_save_to_a_stick(folder, PASSWORD, stick)
    return saved


def test_an_encrypted_backup_restored_into_a_plain_folder_does_not_use_its_calibrations(tmp_path: Path):
    saved = colleague_with_a_calibration(tmp_path / "colleague", tmp_path / "usb")
    here = tmp_path / "here"
    with Store.open(here) as store:
        mine = store.create_class("Reception")  # class 1 here: other children
        assert mine == 1
        for n in range(3):
            store.add_student(mine, f"Child {n}")
        old = load_model(None)
        old.name = "FITTED-ON-RECEPTION"
        save_model(old, here / paths.MODEL_FOLDER / "class-1-calibration")  # this laptop's calibration of class 1
        given = store.highest_student_id()
    restore_backup_file(here, saved, PASSWORD)  # an encrypted backup into a plain folder: the folder becomes encrypted
    with Store.open(here) as store:
        assert calibration.load(store, 1, 0) is None, (
            "the backup's calibration record is used, and class 5A is served the model file fitted on this laptop's "
            "Reception class (review 34b dropped them only in Store.restore)")
        assert store.get_setting("calibration/1")["restored"], "kept only as a restored record, checked before use"
        assert store.highest_student_id() >= given, "student ids given out here before the restore may be given again"


def test_the_calibration_leak_shows_on_the_class(tmp_path: Path):
    saved = colleague_with_a_calibration(tmp_path / "colleague", tmp_path / "usb")
    here = tmp_path / "here"
    with Store.open(here) as store:
        store.create_class("Reception")
        old = load_model(None)
        old.name = "FITTED-ON-RECEPTION"
        save_model(old, here / paths.MODEL_FOLDER / "class-1-calibration")
    restore_backup_file(here, saved, PASSWORD)
    from engine.classroom import calibration

    with Store.open(here) as store:
        loaded = calibration.load(store, 1, 0)
    assert loaded is None, "class 5A (from the backup) is given the model file this laptop fitted on its Reception class"


def test_student_ids_given_here_stay_given_after_an_encrypting_restore(tmp_path: Path):
    saved = colleague_with_a_calibration(tmp_path / "colleague", tmp_path / "usb")
    here = tmp_path / "here"
    with Store.open(here) as store:
        mine = store.create_class("Reception")
        for n in range(5):
            store.add_student(mine, f"Child {n}")
        given = store.highest_student_id()
    restore_backup_file(here, saved, PASSWORD)
    with Store.open(here) as store:
        assert store.highest_student_id() >= given, "ids 2..5 of this laptop's children are given out again"


def test_kept_figures_are_not_taken_from_an_encrypted_backup_restored_into_a_plain_folder(tmp_path: Path):
    folder, stick = tmp_path / "colleague", tmp_path / "usb"
    with Store.open(folder) as store:
        class_id = store.create_class("5A")
        store.record_response(store.add_student(class_id, "Ana"), store.add_exercise("7 + 8 = ?", "numeric", "15"), 1.0)
        room = Classroom(store)
        room.dashboard(class_id)
        room.keep_dashboard(class_id)  # figures kept in the file
        assert store.db.execute("SELECT count(*) FROM kept_figures").fetchone()[0] == 1
        Credentials(store.get_setting, store.set_setting).setup(PASSWORD)
    saved, _ = encrypt_and_save_to_a_stick(folder, PASSWORD, stick)
    here = tmp_path / "here"
    with Store.open(here) as store:
        store.create_class("Reception")
    restore_backup_file(here, saved, PASSWORD)
    with Store.open(here) as store:
        assert store.db.execute("SELECT count(*) FROM kept_figures").fetchone()[0] == 0, \
            "figures are taken from the file (Store.restore forgets them, review 30b)"
