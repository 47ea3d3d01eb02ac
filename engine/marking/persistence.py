"""Saving and loading marking models with the student model's safe format (never a pickle).

A marking model is ``NAME.safetensors`` (the learner's tensors; the large
embedding tables in 8 bits with a scale per row, so three of them stay near 3 MB) plus ``NAME.json`` (validated metadata: format
and version, learner and settings, auto-marking thresholds, the per-question calibrator's coefficients, training
record).
The writing, the atomic replace and the pickle refusal are those of
:mod:`engine.model.persistence`; only the checks of what a marking model holds
are here. The header copy of the metadata is the one loaded, as there.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import LamplightError
from engine.marking.calibration import Calibrator
from engine.marking.data import PAIR_FEATURES
from engine.marking.model import LearnedMarker, build_ensemble
from engine.marking.nets import LEARNERS
from engine.marking.text import BUCKETS
from engine.marking.training import TrainSettings
from engine.model.persistence import header_metadata, model_paths, write_model_files

FORMAT = "lamplight-marking-model"
FORMAT_VERSION = 3  # 3: the answer features are named in the header (versions 1 and 2 had fewer features)
QUANTISED = ("encoder.bag.weight",)  # name endings stored as int8 rows times a float32 scale per row
ROW_SCALE = ".row_scale"


def save_marker(marker: LearnedMarker, path: str | os.PathLike[str], extra: dict[str, Any] | None = None) -> tuple[Path, Path]:
    """Write ``marker`` to ``path``.safetensors + ``path``.json atomically; returns both paths."""
    from engine import __version__

    weights_path, meta_path = model_paths(path)
    weights_path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    for name, tensor in marker.net.state_dict().items():
        values = tensor.detach().cpu().numpy().astype(np.float32)
        if name.endswith(QUANTISED):
            arrays[name], arrays[name + ROW_SCALE] = _quantise_rows(values)
        else:
            arrays[name] = np.ascontiguousarray(values)
    metadata = {"format": FORMAT, "format_version": FORMAT_VERSION, "name": marker.name, "learner": marker.settings.learner,
                "settings": marker.settings.as_dict(), "buckets": BUCKETS, "features": list(PAIR_FEATURES),
                "engine_version": __version__,
                "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "thresholds": _stored_thresholds(marker.thresholds),
                "thresholds_without_reference": (None if marker.thresholds_without_reference is None
                                                 else _stored_thresholds(marker.thresholds_without_reference)),
                "tensors": {name: list(a.shape) for name, a in arrays.items()},
                "info": marker.info, **(extra or {})}
    if marker.calibrator is not None:
        metadata["calibrator"] = marker.calibrator.as_dict()
    return write_model_files(weights_path, meta_path, arrays, metadata)


def _stored_thresholds(table: dict[int, float]) -> dict[str, float | None]:
    """Thresholds as JSON: keys are k, an unreachable threshold (inf) is null."""
    return {str(k): (None if not math.isfinite(v) else round(v, 6)) for k, v in table.items()}


def _is_threshold(k: Any, v: Any) -> bool:
    """A stored threshold: k a number of marked answers (1-3 digits), the confidence in 0..1 or null."""
    number = isinstance(v, (int, float)) and not isinstance(v, bool) and 0.0 <= v <= 1.0
    return isinstance(k, str) and re.fullmatch(r"[0-9]{1,3}", k) is not None and (v is None or number)


def _loaded_thresholds(table: dict[str, float | None]) -> dict[int, float]:
    """Thresholds read back from :func:`_stored_thresholds`' JSON."""
    return {int(k): (float("inf") if v is None else float(v)) for k, v in table.items()}


def _quantise_rows(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and each row's scale (largest magnitude / 127): the table's rows keep 8 bits of their own range."""
    scale = np.abs(values).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return np.ascontiguousarray(np.round(values / scale[:, None]).astype(np.int8)), scale.astype(np.float32)


def _dequantise(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Tables stored by :func:`_quantise_rows` back to float32."""
    out = {name: a for name, a in arrays.items() if not name.endswith(ROW_SCALE)}
    for name, scale in arrays.items():
        if name.endswith(ROW_SCALE):
            table = name[: -len(ROW_SCALE)]
            if table not in out or out[table].dtype != np.int8 or scale.shape != out[table].shape[:1]:
                raise LamplightError(f"row scales {name!r} do not match an 8-bit table of the same rows")
            out[table] = out[table].astype(np.float32) * scale[:, None]
    return out


def _read_header(weights_path: Path) -> dict[str, Any]:
    metadata = header_metadata(weights_path)  # refuses pickles, malformed headers, hostile JSON
    if metadata is None:
        raise LamplightError(f"{weights_path} carries no Lamplight metadata in its header.")
    return metadata


def read_marker_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The checked metadata of a saved marking model."""
    weights_path, _ = model_paths(path)
    metadata = _read_header(weights_path)
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise LamplightError(f"{weights_path} is not a Lamplight marking model (format is not {FORMAT!r}).")
    version = metadata.get("format_version")
    if version in (1, 2):
        raise LamplightError(f"{weights_path} was made by an older Lamplight, whose marking models read fewer answer "
                             f"features; retrain it with marking-train.")
    if version != FORMAT_VERSION:
        raise LamplightError(f"{weights_path} has marking-model format version {version!r}; "
                             f"this Lamplight reads version {FORMAT_VERSION}. Update Lamplight or retrain the model.")
    if metadata.get("learner") not in LEARNERS or metadata.get("buckets") != BUCKETS:
        raise LamplightError(f"{weights_path}: unknown learner {metadata.get('learner')!r} or feature size "
                             f"{metadata.get('buckets')!r} (expected one of {LEARNERS} and {BUCKETS}).")
    features = metadata.get("features")
    if features != list(PAIR_FEATURES):
        raise LamplightError(f"{weights_path} was trained on other answer features ({features!r}) than this Lamplight "
                             f"computes; retrain it with marking-train.")
    known = {f.name for f in fields(TrainSettings)}
    settings = metadata.get("settings")
    if not isinstance(settings, dict) or not set(settings) <= known:
        raise LamplightError(f"{weights_path}: settings {settings!r} are not marking-model settings.")
    for key in ("thresholds", "thresholds_without_reference"):
        thresholds = metadata.get(key)
        if key == "thresholds_without_reference" and thresholds is None:
            continue
        if not isinstance(thresholds, dict) or not all(_is_threshold(k, v) for k, v in thresholds.items()):
            raise LamplightError(f"{weights_path}: auto-marking thresholds {thresholds!r} are malformed.")
    return metadata


def load_marker(path: str | os.PathLike[str]) -> LearnedMarker:
    """Load a marking model written by :func:`save_marker`, checking every tensor's name, shape and values."""
    import torch
    from safetensors.numpy import load_file

    weights_path, _ = model_paths(path)
    metadata = read_marker_metadata(path)
    settings = TrainSettings(**metadata["settings"])
    net = build_ensemble(settings)
    state = net.state_dict()
    expected = {name: tuple(t.shape) or (1,) for name, t in state.items()}  # safetensors stores scalars as (1,)
    try:
        arrays = load_file(str(weights_path))
    except Exception as exc:  # malformed body
        raise LamplightError(f"{weights_path} is not a valid safetensors file ({exc}).") from exc
    try:
        arrays = _dequantise(arrays)
    except LamplightError as exc:
        raise LamplightError(f"{weights_path}: {exc}.") from exc
    found = {name: tuple(a.shape) for name, a in arrays.items()}
    if found != expected:
        raise LamplightError(f"{weights_path} holds tensors {sorted(found.items())}; a {settings.learner} of width "
                             f"{settings.dim} needs {sorted(expected.items())}.")
    for name, array in arrays.items():
        if not np.all(np.isfinite(array)):
            raise LamplightError(f"{weights_path}: tensor {name!r} contains NaN or infinite values.")
    net.load_state_dict({name: torch.from_numpy(a.astype(np.float32)).reshape(state[name].shape)
                         for name, a in arrays.items()})
    net.eval()
    marker = LearnedMarker(settings, net)
    marker.name = str(metadata.get("name") or settings.learner)
    marker.thresholds = _loaded_thresholds(metadata["thresholds"])
    if metadata.get("thresholds_without_reference") is not None:
        marker.thresholds_without_reference = _loaded_thresholds(metadata["thresholds_without_reference"])
    if metadata.get("calibrator") is not None:
        try:
            marker.calibrator = Calibrator.from_dict(metadata["calibrator"])
        except (ValueError, KeyError, TypeError) as exc:
            raise LamplightError(f"{weights_path}: its per-question calibrator is malformed ({exc}).") from exc
    marker.info = dict(metadata.get("info") or {})
    marker.info["loaded_from"] = str(weights_path)
    return marker
