"""Model files that are not ours, or that would run code when loaded, are refused.

Each payload is a real pickle whose loading would call ``os.system`` to create a
marker file; the test asserts the load is refused with a LamplightError AND the
marker file was never created.
"""
from __future__ import annotations

import io
import json
import os
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest

from engine.errors import LamplightError
from engine.model.persistence import load_saved_model, model_paths
from engine.model.registry import load_model


class CreatesFile:
    """Unpickling this runs ``touch MARKER`` (the classic pickle code-execution payload)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch '{self.marker}'",))


def pickle_payloads(marker: Path) -> dict[str, bytes]:
    evil = CreatesFile(marker)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # the layout of a torch.save file
        archive.writestr("archive/data.pkl", pickle.dumps({"state": evil}, protocol=2))
    return {
        "pickle-v5": pickle.dumps(evil, protocol=5),
        "pickle-v0-text": pickle.dumps(evil, protocol=0),
        "torch-zip": buffer.getvalue(),
    }


def our_metadata() -> dict:
    from engine.model.persistence import FORMAT, FORMAT_VERSION
    from engine.model.response import TRANSFERABLE

    return {"format": FORMAT, "format_version": FORMAT_VERSION, "meta_names": list(TRANSFERABLE),
            "skills": [""], "items": [""], "settings": {}}


def test_the_payload_really_would_create_the_file(tmp_path):
    marker = tmp_path / "proof.txt"
    pickle.loads(pickle_payloads(marker)["pickle-v5"])  # the test's own control: unpickling runs code
    assert marker.exists()


@pytest.mark.parametrize("kind", ["pickle-v5", "pickle-v0-text", "torch-zip"])
@pytest.mark.parametrize("loader", [load_saved_model, load_model])
def test_pickle_disguised_as_our_model_is_refused_without_running(tmp_path, kind, loader):
    marker = tmp_path / "pwned.txt"
    weights, meta = model_paths(tmp_path / "model")
    weights.write_bytes(pickle_payloads(marker)[kind])
    meta.write_text(json.dumps(our_metadata()), encoding="utf-8")
    with pytest.raises(LamplightError, match=str(weights.name)):
        loader(tmp_path / "model")
    assert not marker.exists()


@pytest.mark.parametrize("name", ["model.pt", "model.pkl", "model.bin"])
def test_files_that_are_not_our_format_are_refused(tmp_path, name):
    marker = tmp_path / "pwned.txt"
    target = tmp_path / name
    target.write_bytes(pickle_payloads(marker)["pickle-v5"])
    with pytest.raises(LamplightError):
        load_model(target)
    assert not marker.exists()


def test_foreign_json_metadata_is_refused(tmp_path):
    from safetensors.numpy import save_file

    weights, meta = model_paths(tmp_path / "model")
    save_file({"x": np.zeros(4, dtype=np.float32)}, str(weights))  # valid safetensors with no Lamplight header
    meta.write_text(json.dumps({"format": "someone-elses-model"}), encoding="utf-8")
    with pytest.raises(LamplightError, match="not a Lamplight response model"):
        load_saved_model(tmp_path / "model")
    meta.write_text(json.dumps({**our_metadata(), "format_version": 99}), encoding="utf-8")
    with pytest.raises(LamplightError, match="version 99"):
        load_saved_model(tmp_path / "model")
