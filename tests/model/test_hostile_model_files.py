"""Hostile model files are refused with a message: no hang, no crash (issue 14, item 14).

Every metadata field is checked for type and range before it is used: a pipe
or a folder in place of the file, absurd settings (inner_steps of 1e9 would
hang adaptation), settings of the wrong type, huge or deeply nested numbers.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from safetensors import safe_open
from safetensors.numpy import load_file, save_file

from engine.errors import LamplightError
from engine.model.persistence import HEADER_KEY, load_saved_model, model_paths, read_metadata, save_model
from engine.model.registry import load_model
from engine.model.response import ResponseModel

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def saved(tmp_path: Path) -> Path:
    model = ResponseModel()
    model.set_vocabulary(["a", "b"], {"q1": ["a"], "q2": ["a", "b"]})
    model.params = model.fresh_params()
    save_model(model, tmp_path / "m")
    return tmp_path / "m"


def rewrite(base: Path, change) -> None:
    """Apply ``change(metadata)`` to the metadata in the weights header (and the .json beside it)."""
    weights, meta_path = model_paths(base)
    with safe_open(str(weights), framework="np") as handle:
        header = dict(handle.metadata())
    text = change(json.loads(header[HEADER_KEY]))
    text = text if isinstance(text, str) else json.dumps(text)
    arrays = load_file(str(weights))
    save_file(arrays, str(weights), metadata={**header, HEADER_KEY: text})
    meta_path.write_text(text, encoding="utf-8")


def with_setting(name, value):
    def change(metadata):
        metadata["settings"][name] = value
        return metadata
    return change


def test_the_untouched_file_loads(saved):
    assert load_saved_model(saved).settings.inner_steps == 4


@pytest.mark.parametrize("name, value, message", [
    ("inner_steps", 1_000_000_000, "inner_steps = 1000000000"),
    ("inner_steps", 4.5, "inner_steps"),
    ("inner_steps", True, "inner_steps"),
    ("inner_lr", "fast", "inner_lr = 'fast'"),
    ("max_support", [1, 2], "max_support"),
    ("loading_dims", {"a": 1}, "loading_dims"),
    ("seed", 10**30, "seed"),
    ("outer_lr", -1.0, "outer_lr"),
    ("algorithm", "sgd-from-space", "algorithm"),
    ("algorithm", ["metasgd"], "algorithm"),
])
def test_settings_out_of_range_or_of_the_wrong_type_are_refused(saved, name, value, message):
    rewrite(saved, with_setting(name, value))
    with pytest.raises(LamplightError, match=message):
        load_saved_model(saved)
    with pytest.raises(LamplightError, match=message):
        load_model(saved)


@pytest.mark.parametrize("extra, message", [
    ("[" * 100_000 + "]" * 100_000, "cannot be read"),
    ("9" * 5000, "cannot be read"),
    ("1e400", "out of range"),
    ("NaN", "not a number"),
])
def test_metadata_text_that_would_crash_the_parser_is_refused(saved, extra, message):
    rewrite(saved, lambda metadata: json.dumps(metadata)[:-1] + ', "x": ' + extra + "}")
    with pytest.raises(LamplightError, match=message):
        read_metadata(saved)


@pytest.mark.parametrize("key, value, message", [
    ("info", {"calibration": {"steps": 1e300}}, "out of range"),
    ("info", {"calibration": {"steps": 10**20}}, "out of range"),
    ("training", json.loads("[" * 40 + "]" * 40), "nested more than"),
    ("skills", ["", 7], "skills\\[1\\]"),
    ("items", "q1", "'items' entry"),
    ("name", ["x"], "name"),
])
def test_metadata_fields_out_of_range_are_refused(saved, key, value, message):
    def change(metadata):
        metadata[key] = value
        return metadata
    rewrite(saved, change)
    with pytest.raises(LamplightError, match=message):
        load_saved_model(saved)


def test_huge_meta_parameters_are_refused(saved):
    weights, _ = model_paths(saved)
    with safe_open(str(weights), framework="np") as handle:
        header = dict(handle.metadata())
    arrays = load_file(str(weights))
    arrays["meta"] = np.full_like(arrays["meta"], 1e30)
    save_file(arrays, str(weights), metadata=header)
    with pytest.raises(LamplightError, match="meta-parameter"):
        load_saved_model(saved)


def test_a_folder_symlinked_in_place_of_the_weights_is_refused(saved, tmp_path):
    weights, _ = model_paths(saved)
    weights.unlink()
    (tmp_path / "folder").mkdir()
    weights.symlink_to(tmp_path / "folder", target_is_directory=True)
    with pytest.raises(LamplightError, match="is a folder"):
        load_model(saved)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("which", ["weights", "metadata"])
def test_a_pipe_in_place_of_a_model_file_is_refused_without_hanging(saved, which):
    """Run in a child with a deadline: before the check, opening the pipe waited forever for a writer."""
    weights, meta = model_paths(saved)
    if which == "metadata":  # an old-style model, whose metadata comes from the .json beside it
        arrays = load_file(str(weights))
        save_file(arrays, str(weights))
    target = weights if which == "weights" else meta
    target.unlink()
    os.mkfifo(target)
    code = ("import sys\nfrom engine.errors import LamplightError\nfrom engine.model.registry import load_model\n"
            "try:\n    load_model(sys.argv[1])\nexcept LamplightError as exc:\n    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", code, str(saved)], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert "is a pipe" in done.stdout, done.stdout + done.stderr
