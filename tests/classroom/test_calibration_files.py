"""A class's stored calibration is read only from this data folder's models folder, under the class's own name, and a
restore drops the calibrations it brings (fitted on other data): review 34b, a restored backup's 'calibration/<class>'
named a model file on a USB stick, and the class's screens ran on it."""
from __future__ import annotations

from pathlib import Path

from engine.classroom import Classroom, calibration
from engine.model.bkt import KnowledgeTracingModel
from engine.model.persistence import save_model
from engine.model.registry import load_model
from engine.store import Store
from engine.store.backup_files import restore_backup_file
from tests.classroom.test_classroom import room  # noqa: F401 (fixture)


def test_a_restored_calibration_loads_a_model_from_outside_the_data_folder(tmp_path: Path):
    stick = tmp_path / "stick"
    stick.mkdir()
    planted = load_model(None)  # any model file Lamplight can read, made by whoever prepared the stick
    planted.name = "PLANTED-FROM-THE-STICK"
    save_model(planted, stick / "planted")

    other = tmp_path / "other-laptop"
    with Store.open(other) as store:
        class_id = store.create_class("4B")
        student = store.add_student(class_id, "Ana")
        exercise = store.add_exercise("7 + 8 = ?", "numeric", "15")
        store.record_response(student, exercise, 1.0)
        store.set_setting(f"calibration/{class_id}", {"answers": 1, "base": 0, "tracer": KnowledgeTracingModel().to_dict(),
                                                      "model": str(stick / "planted"), "model_name": "PLANTED-FROM-THE-STICK"})
        backup = store.backup_now("manual")
    copy = stick / "lamplight-backup-2026-12-06-0930.sqlite3"
    copy.write_bytes(Path(backup).read_bytes())

    here = tmp_path / "here"
    with Store.open(here) as store:
        store.create_class("mine")
    restore_backup_file(here, copy)  # checked: integrity, schema, values -> accepted
    with Store.open(here) as store:
        class_id = store.list_classes()[0].id
        service = Classroom(store).service(class_id)
        name = getattr(service.model(), "name", None)
    assert name != "PLANTED-FROM-THE-STICK", "the class runs on a model file read from outside the data folder"


def test_a_calibration_record_naming_another_path_is_not_read(tmp_path: Path):
    stick = tmp_path / "stick"
    stick.mkdir()
    save_model(load_model(None), stick / "planted")
    with Store.open(tmp_path / "data") as store:
        class_id = store.create_class("4B")
        store.set_setting(f"calibration/{class_id}", {"answers": 1, "base": 0, "tracer": KnowledgeTracingModel().to_dict(),
                                                      "model": str(stick / "planted"), "model_name": "x"})
        assert calibration.load(store, class_id, 0) is None, "only models/class-N-calibration of this folder is read"


def _calibrated(room) -> tuple[int, int, int, dict]:
    """A class calibrated with the shipped model and its record; (class id, Ana, Ben, record)."""
    from tests.classroom.test_classroom import _class_with_answers

    class_id, ana, ben = _class_with_answers(room.store)
    room.service(class_id)
    record = room.store.get_setting(calibration.setting_key(class_id))
    assert record["model"] not in (None, "tracer") and record["up_to"] > 0
    return class_id, ana, ben, record


def _after_restore(room, class_id: int):
    from engine.classroom import models

    return calibration.load(room.store, class_id, models.model_key(room.store, class_id))


def test_restoring_this_laptops_backup_keeps_the_calibration_fitted_on_its_answers(room):
    """Review 38b: the first dashboard after restoring the morning's backup took 9.4 s (a year of answers fitted
    again) because every restore dropped every calibration."""
    store = room.store
    class_id, ana, ben, record = _calibrated(room)
    exercise = store.list_exercises()[0].id
    store.record_response(ben, exercise, 1.0, time="2026-03-04T10:00:00+00:00")  # after the calibration, before the backup
    backup = store.backup_now("manual")
    store.record_response(ana, exercise, 0.0, time="2026-03-05T10:00:00+00:00")  # the answer the restore takes away
    room.restore(backup)
    assert store.get_setting(calibration.setting_key(class_id))["restored"]
    kept = _after_restore(room, class_id)
    assert kept is not None and kept[0].info[calibration.TOKEN] == record["token"] and kept[2] == record["answers"]
    assert "restored" not in store.get_setting(calibration.setting_key(class_id)), "checked once"
    assert not room.first_look(class_id)


def test_a_restore_does_not_use_a_calibration_made_here_after_the_backup(room):
    store = room.store
    class_id, _, _, record = _calibrated(room)
    backup = store.backup_now("manual")
    room.recalibrate(class_id)  # this laptop's file is now another fit than the backup's record names
    assert store.get_setting(calibration.setting_key(class_id))["token"] != record["token"]
    room.restore(backup)
    assert _after_restore(room, class_id) is None


def test_a_restore_does_not_use_a_calibration_fitted_on_other_answers(room):
    store = room.store
    class_id, _, ben, _ = _calibrated(room)
    store.db.execute("UPDATE responses SET score = 1.0 WHERE student_id = ?", [ben])  # a mark corrected before the backup
    backup = store.backup_now("manual")
    room.restore(backup)
    assert _after_restore(room, class_id) is None
