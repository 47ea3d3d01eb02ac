"""A class's learned model where its files are not where they were saved (review 28)."""
from __future__ import annotations

import shutil

from engine.adapt.service import default_model
from engine.classroom import Classroom, models
from engine.store import Store
from engine.store.demo import create_demo_class


def test_a_learned_model_follows_a_moved_data_folder_and_one_restored_without_its_files_gives_way(tmp_path):
    folder = tmp_path / "old laptop" / "data"
    with Store.open(folder) as store:
        class_id = create_demo_class(store, students=6, weeks=1)
        learned = models.save_class_model(store, class_id, default_model(), "learned here", snapshot=False)
        assert models.model_key(store, class_id) == learned
    moved = tmp_path / "new laptop" / "data"
    shutil.copytree(folder, moved)
    shutil.rmtree(folder)
    with Store.open(moved) as store:  # the folder moved with its models folder: the model is found there
        assert models.model_key(store, class_id) == learned and models.class_model(store, class_id) is not None
        assert models.missing_model(store, class_id) is None
        assert Classroom(store).dashboard(class_id).answers > 0
    shutil.rmtree(moved / "models")  # a backup restored on another laptop: the data without the model files
    with Store.open(moved) as store:
        assert models.model_key(store, class_id) == 0 and models.class_model(store, class_id) is None
        assert models.missing_model(store, class_id).id == learned and models.model_in_use(store, class_id) is None
        assert models.class_snapshots(store, class_id) == []  # nothing to go back to that cannot be loaded
        assert Classroom(store).dashboard(class_id).answers > 0  # the shipped model stands in ("weights are missing" before)


def test_a_damaged_model_file_gives_way_to_the_shipped_model_as_a_missing_one_does(tmp_path):
    """Review 37e: a class model file cut in half stopped the dashboard, the student page and practice mode, each
    with "… is not a valid safetensors file"."""
    with Store.open(tmp_path / "data") as store:
        class_id = create_demo_class(store, students=6, weeks=1)
        learned = models.save_class_model(store, class_id, default_model(), "learned here", snapshot=False)
        weights = next((tmp_path / "data" / "models").glob(f"class-{class_id}-*.safetensors"))
        whole = weights.read_bytes()
        weights.write_bytes(whole[: len(whole) // 2])
        assert models.class_model(store, class_id) is None
        assert models.missing_model(store, class_id).id == learned and models.model_key(store, class_id) == 0
        assert Classroom(store).dashboard(class_id).answers > 0
        weights.write_bytes(whole)  # put back from a copy: the class's model again, without a restart (review 37g)
        assert models.class_model(store, class_id) is not None and models.model_key(store, class_id) == learned


def test_learning_twice_keeps_one_version_from_before_the_class_taught_it(tmp_path, monkeypatch):
    """Review 35a: each press of "Improve the model" kept the model it replaced as "before learning from the class",
    the second press too, though that model had been learned on the class and was in the list already."""
    from engine.adapt.learning import FitReport
    from engine.adapt.service import ClassService

    def learned(self, progress, should_stop, save_snapshot=None):
        save_snapshot(self.model(), "before learning from the class (held-out log loss 0.600)")
        return FitReport(True, False, None, None, default_model(), "The model now predicts 70% of answers.", 0.0)

    monkeypatch.setattr(ClassService, "improve", learned)
    with Store.open(tmp_path / "data") as store:
        class_id = create_demo_class(store, students=6, weeks=1)
        for _ in range(3):
            Classroom(store).improve(class_id, lambda *a: None, lambda: False)
        notes = [s.note for s in models.class_snapshots(store, class_id)]
        assert len(notes) == 4 and sum(n.startswith("before learning") for n in notes) == 1
