"""Saving and loading: exact round trip, and refusal of anything that is not our format."""
from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch

from engine.errors import LamplightError
from engine.model.persistence import load_saved_model, model_paths, save_model
from engine.model.registry import COLD_START_MODELS, load_model
from engine.model.response import ResponseModel, Settings
from engine.model.synthetic import make_class

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def model_and_bank() -> tuple[ResponseModel, dict]:
    truth, history = make_class(students=60, items=50, answers_per_student=20, skills=4, seed=2)
    model = ResponseModel(Settings(outer_steps=5))
    model.calibrate(history, truth.items)
    return model, truth.items


def test_round_trip_gives_identical_predictions(tmp_path: Path, model_and_bank) -> None:
    model, bank = model_and_bank
    model = copy.deepcopy(model)
    model.params["loading"] = np.random.default_rng(0).normal(0, 0.3, model.params["loading"].shape)
    weights, meta = save_model(model, tmp_path / "class-model", extra={"metrics": {"auc": 0.7}})
    assert weights.name == "class-model.safetensors" and meta.name == "class-model.json"
    loaded = load_saved_model(tmp_path / "class-model.safetensors")
    items = list(bank)
    state_a, state_b = model.adapt(items[:4], [1, 0, 1, 1]), loaded.adapt(items[:4], [1, 0, 1, 1])
    np.testing.assert_allclose(model.predict(state_a, items), loaded.predict(state_b, items), atol=1e-6)
    metadata = json.loads(meta.read_text())
    for key in ("format_version", "algorithm", "settings", "engine_version", "created", "metrics"):
        assert key in metadata
    assert loaded.skills_of(items[0]) == model.skills_of(items[0])


def test_portable_save_keeps_only_the_meta_parameters(tmp_path: Path, model_and_bank) -> None:
    model, _ = model_and_bank
    save_model(model, tmp_path / "portable", include_class=False)
    loaded = load_model(tmp_path / "portable")
    assert loaded.n_items == 0 and loaded.skills == [""]
    assert loaded.meta["theta0"] == pytest.approx(model.meta["theta0"])
    assert loaded.params["lr_tau"][0] == pytest.approx(model.transferable()["lr_tau"])


def _saved(tmp_path: Path, model: ResponseModel) -> tuple[Path, Path]:
    return save_model(model, tmp_path / "m")


def test_pickle_and_torch_save_files_are_refused(tmp_path: Path, model_and_bank) -> None:
    weights, _ = _saved(tmp_path, model_and_bank[0])
    weights.write_bytes(pickle.dumps({"delta": [1.0, 2.0]}))
    with pytest.raises(LamplightError, match="pickle"):
        load_saved_model(weights)
    torch.save({"delta": torch.zeros(3)}, weights)
    with pytest.raises(LamplightError, match="pickle"):
        load_saved_model(weights)


def test_corrupted_weights_are_refused(tmp_path: Path, model_and_bank) -> None:
    weights, _ = _saved(tmp_path, model_and_bank[0])
    weights.write_bytes(weights.read_bytes()[:100])
    with pytest.raises(LamplightError, match="not a valid safetensors"):
        load_saved_model(weights)


def test_wrong_shapes_keys_or_values_are_refused(tmp_path: Path, model_and_bank) -> None:
    from safetensors.numpy import load_file, save_file

    model = model_and_bank[0]
    weights, _ = _saved(tmp_path, model)
    arrays = load_file(str(weights))
    save_file({**arrays, "delta": np.zeros(3, dtype=np.float32)}, str(weights))
    with pytest.raises(LamplightError, match="shape"):
        load_saved_model(weights)
    save_file({k: v for k, v in arrays.items() if k != "tau0"}, str(weights))
    with pytest.raises(LamplightError, match="holds tensors"):
        load_saved_model(weights)
    bad = arrays["delta"].copy()
    bad[0] = np.nan
    save_file({**arrays, "delta": bad}, str(weights))
    with pytest.raises(LamplightError, match="NaN"):
        load_saved_model(weights)


def _rewrite_header(weights: Path, text: str) -> None:
    """Replace the metadata stored in a saved model's safetensors header."""
    from safetensors import safe_open
    from safetensors.numpy import load_file, save_file

    with safe_open(str(weights), framework="np") as handle:
        header = handle.metadata()
    arrays = load_file(str(weights))
    save_file(arrays, str(weights), metadata={**header, "lamplight": text})


def test_wrong_format_version_or_bad_metadata_are_refused(tmp_path: Path, model_and_bank) -> None:
    weights, meta = _saved(tmp_path, model_and_bank[0])
    metadata = json.loads(meta.read_text())
    _rewrite_header(weights, json.dumps({**metadata, "format_version": 99}))
    with pytest.raises(LamplightError, match="version 99"):
        load_saved_model(weights)
    _rewrite_header(weights, json.dumps({**metadata, "format": "something-else"}))
    with pytest.raises(LamplightError, match="not a Lamplight response model"):
        load_saved_model(weights)
    _rewrite_header(weights, "{not json")
    with pytest.raises(LamplightError, match="not valid JSON"):
        load_saved_model(weights)


def test_a_header_length_whose_first_byte_looks_like_pickle_still_loads(tmp_path: Path, model_and_bank) -> None:
    model = copy.deepcopy(model_and_bank[0])
    weights, _ = _saved(tmp_path, model)
    for padding in range(300):  # grow the header until its length's low byte is 0x80, pickle's first byte
        model.info["padding"] = "x" * padding
        save_model(model, tmp_path / "m")
        if weights.read_bytes()[0] == 0x80:
            break
    assert weights.read_bytes()[0] == 0x80
    assert load_saved_model(weights).items == model.items


def test_older_files_without_header_metadata_use_the_json_file(tmp_path: Path, model_and_bank) -> None:
    from safetensors.numpy import load_file, save_file

    model = model_and_bank[0]
    weights, meta = _saved(tmp_path, model)
    save_file(load_file(str(weights)), str(weights))  # as written before the header carried the metadata
    assert load_saved_model(weights).items == model.items
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "format_version": 99}))
    with pytest.raises(LamplightError, match="version 99"):
        load_saved_model(weights)
    meta.unlink()
    with pytest.raises(LamplightError, match="missing"):
        load_saved_model(weights)


def test_files_from_before_exercise_loadings_load_with_loadings_zero(tmp_path: Path, model_and_bank) -> None:
    from safetensors.numpy import load_file, save_file

    model = model_and_bank[0]
    weights, meta = _saved(tmp_path, model)
    arrays = load_file(str(weights))
    metadata = json.loads(meta.read_text())
    old_names = [n for n in metadata["meta_names"] if n not in ("log_prec_u", "lr_u")]
    old_meta = np.array([model.meta[n] for n in old_names])
    arrays = {**{k: v for k, v in arrays.items() if k != "loading"}, "meta": old_meta}
    save_file(arrays, str(weights))  # no header copy: the JSON file (rewritten below) is read
    meta.write_text(json.dumps({**metadata, "meta_names": old_names}))
    loaded = load_saved_model(weights)
    assert not loaded.params["loading"].any() and loaded.params["loading"].shape == (loaded.n_items + 1, 2)
    items = list(model.items)
    np.testing.assert_allclose(loaded.predict(loaded.adapt(items[:3], [1, 0, 1]), items),
                               model.predict(model.adapt(items[:3], [1, 0, 1]), items), atol=1e-6)
    meta.write_text(json.dumps({**metadata, "meta_names": old_names + ["made_up"]}))
    with pytest.raises(LamplightError, match="meta-parameters"):
        load_saved_model(weights)


def test_a_save_cut_off_between_its_two_files_still_loads_the_new_model(tmp_path: Path, model_and_bank) -> None:
    model = model_and_bank[0]
    weights, meta = _saved(tmp_path, model)
    old_json = meta.read_text()
    model.name = "renamed-before-second-save"
    save_model(model, tmp_path / "m")
    meta.write_text(old_json)  # as if killed after replacing the weights, before the .json
    assert load_saved_model(weights).name == "renamed-before-second-save"


def test_registry_names_every_algorithm() -> None:
    for name in ("maml", "fomaml", "reptile", "metasgd"):
        model = COLD_START_MODELS[name]()
        assert model.settings.algorithm == name
        for method in ("calibrate", "adapt", "predict", "next_item", "skill_mastery"):
            assert callable(getattr(model, method))
    assert "default" in COLD_START_MODELS


def test_missing_default_model_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAMPLIGHT_MODEL", str(tmp_path / "nothing-here"))
    with pytest.raises(LamplightError, match="default model is missing"):
        load_model(None)


def test_shipped_default_model_loads_and_predicts() -> None:
    weights, _ = model_paths(Path(__file__).resolve().parents[2] / "resources" / "models" / "default")
    if not weights.exists():
        pytest.skip("no shipped default model yet")
    model = load_model(None)
    p = model.predict(model.adapt(["a"], [1.0]), ["a", "b"])
    assert np.all((p > 0) & (p < 1))
    assert weights.stat().st_size < 5 * 1024 * 1024
