"""Saving and loading marking models: safetensors + checked metadata, never a pickle."""
import json
import pickle

import numpy as np
import pytest
import torch

from engine.errors import LamplightError
from engine.marking.model import LearnedMarker
from engine.marking.persistence import load_marker, read_marker_metadata, save_marker
from engine.marking.training import TrainSettings
from tests.marking.helpers import synthetic_question


@pytest.fixture
def marker():
    torch.manual_seed(0)
    made = LearnedMarker(TrainSettings(learner="matching", dim=8))
    made.thresholds = {1: 0.97, 5: float("inf")}
    return made


def test_thresholds_for_questions_without_a_reference_survive_the_round_trip(tmp_path, marker):
    save_marker(marker, tmp_path / "none")
    assert load_marker(tmp_path / "none").thresholds_without_reference is None  # a recipe without them: the same ones
    marker.thresholds_without_reference = {1: float("inf"), 5: 0.99}
    save_marker(marker, tmp_path / "m")
    assert read_marker_metadata(tmp_path / "m")["thresholds_without_reference"] == {"1": None, "5": 0.99}
    loaded = load_marker(tmp_path / "m")
    assert loaded.thresholds_without_reference == {1: float("inf"), 5: 0.99}
    assert loaded.auto_threshold(5, has_reference=False) == 0.99 and loaded.auto_threshold(5) == float("inf")


@pytest.mark.parametrize("key, table", [("thresholds", {"²": 0.9}), ("thresholds", {"1" * 400: 0.9}),
                                        ("thresholds", {"1": True}), ("thresholds_without_reference", {"1": 7.0}),
                                        ("thresholds_without_reference", ["0.9"])])
def test_malformed_thresholds_are_refused(tmp_path, marker, key, table):
    save_marker(marker, tmp_path / "m")
    _rewrite_header(tmp_path, lambda meta: meta.update({key: table}))
    with pytest.raises(LamplightError, match="thresholds .* are malformed"):
        load_marker(tmp_path / "m")


def test_round_trip_keeps_predictions_and_thresholds(tmp_path, marker):
    weights, meta = save_marker(marker, tmp_path / "m", extra={"training_record": {"questions": 3}})
    assert weights.name == "m.safetensors" and meta.name == "m.json"
    loaded = load_marker(tmp_path / "m")
    q = synthetic_question(0)
    # the embedding tables are stored in 8 bits per row (format 2; float16 before), so predictions move a little
    np.testing.assert_allclose(loaded.predict(q, np.array([0]), q.correct[:1]),
                               marker.predict(q, np.array([0]), q.correct[:1]), atol=6e-3)
    assert loaded.thresholds == {1: 0.97, 5: float("inf")}
    assert loaded.auto_threshold(3) == 0.97 and loaded.auto_threshold(10) == float("inf")
    assert read_marker_metadata(tmp_path / "m")["training_record"] == {"questions": 3}


def test_refuses_a_pickle(tmp_path):
    (tmp_path / "evil.safetensors").write_bytes(pickle.dumps({"x": 1}))
    with pytest.raises(LamplightError, match="pickle"):
        load_marker(tmp_path / "evil")


def test_refuses_a_student_model_and_a_truncated_file(tmp_path, marker):
    from engine.model.response import ResponseModel, Settings
    from engine.model.persistence import save_model

    save_model(ResponseModel(Settings()), tmp_path / "student")
    with pytest.raises(LamplightError, match="not a Lamplight marking model"):
        load_marker(tmp_path / "student")
    weights, _ = save_marker(marker, tmp_path / "m")
    weights.write_bytes(weights.read_bytes()[:500])
    with pytest.raises(LamplightError):
        load_marker(tmp_path / "m")


def test_refuses_tensors_that_do_not_fit_the_learner(tmp_path, marker):
    from safetensors.numpy import load_file, save_file
    from safetensors import safe_open

    weights, _ = save_marker(marker, tmp_path / "m")
    with safe_open(str(weights), framework="np") as handle:
        header = handle.metadata()
    arrays = load_file(str(weights))
    arrays["bias"] = np.zeros(3, dtype=np.float32)
    save_file(arrays, str(weights), metadata=header)
    with pytest.raises(LamplightError, match="tensors"):
        load_marker(tmp_path / "m")


def _rewrite_header(tmp_path, edit) -> None:
    from safetensors.numpy import load_file, save_file

    weights = tmp_path / "m.safetensors"
    meta = json.loads((tmp_path / "m.json").read_text())
    edit(meta)
    save_file(load_file(str(weights)), str(weights), metadata={"lamplight": json.dumps(meta)})


def test_refuses_edited_settings(tmp_path, marker):
    save_marker(marker, tmp_path / "m")
    _rewrite_header(tmp_path, lambda meta: meta["settings"].update(evil=1))
    with pytest.raises(LamplightError, match="settings"):
        load_marker(tmp_path / "m")


@pytest.mark.parametrize("version", [1, 2])
def test_a_file_from_before_the_question_and_classmate_features_is_refused_with_what_to_do(tmp_path, marker, version):
    save_marker(marker, tmp_path / "m")
    _rewrite_header(tmp_path, lambda meta: (meta.update(format_version=version), meta.pop("features")))
    with pytest.raises(LamplightError, match="older Lamplight.*retrain it with marking-train"):
        load_marker(tmp_path / "m")


def test_a_file_naming_other_answer_features_is_refused(tmp_path, marker):
    save_marker(marker, tmp_path / "m")
    _rewrite_header(tmp_path, lambda meta: meta.update(features=meta["features"][:-1]))
    with pytest.raises(LamplightError, match="other answer features"):
        load_marker(tmp_path / "m")
