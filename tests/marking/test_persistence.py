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


def test_refuses_edited_settings(tmp_path, marker):
    from safetensors.numpy import load_file, save_file

    weights, _ = save_marker(marker, tmp_path / "m")
    meta = json.loads((tmp_path / "m.json").read_text())
    meta["settings"]["evil"] = 1
    save_file(load_file(str(weights)), str(weights), metadata={"lamplight": json.dumps(meta)})
    with pytest.raises(LamplightError, match="settings"):
        load_marker(tmp_path / "m")


def test_a_version_1_file_with_float16_tables_still_loads(tmp_path, marker):
    import json

    from safetensors.numpy import save_file

    from engine.marking import persistence

    save_marker(marker, tmp_path / "m")
    arrays = {name: (a.detach().numpy().astype(np.float16) if name.endswith("encoder.bag.weight") else a.detach().numpy()).reshape(
        tuple(a.shape) or (1,)) for name, a in marker.net.state_dict().items()}  # as version 1 wrote them
    metadata = persistence.read_marker_metadata(tmp_path / "m")
    metadata["format_version"] = 1
    save_file(arrays, str(tmp_path / "old.safetensors"), metadata={"lamplight": json.dumps(metadata)})
    (tmp_path / "old.json").write_text(json.dumps(metadata))
    q = synthetic_question(0)
    np.testing.assert_allclose(load_marker(tmp_path / "old").predict(q, np.array([0]), q.correct[:1]),
                               marker.predict(q, np.array([0]), q.correct[:1]), atol=2e-3)
