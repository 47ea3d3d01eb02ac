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
