"""Saving and loading response models without ever executing code from the file.

A model is two files side by side: ``NAME.safetensors`` (the numbers, in the
safetensors format, which cannot carry code) and ``NAME.json`` (small
metadata: format and version, algorithm, settings, training data, metrics,
engine version, creation time, and the exercise/skill vocabulary). The same
metadata is also stored in the safetensors header, and that copy is the one
loaded: replacing the weights file is then the single atomic commit of a save,
so a save killed half-way never leaves a mismatched pair. Loading
checks every key and shape against the metadata and refuses anything else
(another format, a newer version, a pickle, a truncated or edited file)
with a :class:`~engine.errors.LamplightError` that names the file.
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import LamplightError
from engine.model.response import TRANSFERABLE, ResponseModel, Settings

FORMAT = "lamplight-response-model"
FORMAT_VERSION = 1
META_KEY = "meta"
HEADER_KEY = "lamplight"
ARRAY_KEYS = ("beta_skill", "delta", "tau0", "lr_tau", "skill_idx", "skill_w")
OPTIONAL_KEYS = ("loading",)  # files from before exercise loadings existed load with loadings 0
CLASS_ARRAYS = ("beta_skill", "delta", "tau0", "lr_tau", "loading")


def model_paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """(weights, metadata) paths for ``path`` given with or without a suffix."""
    base = Path(path)
    if base.suffix in (".safetensors", ".json"):
        base = base.with_suffix("")
    return base.with_name(base.name + ".safetensors"), base.with_name(base.name + ".json")


def save_model(model: ResponseModel, path: str | os.PathLike[str], include_class: bool = True,
               extra: dict[str, Any] | None = None) -> tuple[Path, Path]:
    """Write ``model`` to ``path``.safetensors + ``path``.json atomically; returns both paths.

    ``include_class=False`` keeps only the dataset-independent meta-parameters
    (what ships: a new class re-calibrates its own exercises).
    """
    from safetensors.numpy import save_file

    from engine import __version__

    if not include_class:
        portable = ResponseModel(model.settings, model.transferable(), name=model.name)
        portable.info = dict(model.info)
        model = portable
    weights_path, meta_path = model_paths(path)
    weights_path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {name: np.ascontiguousarray(model.params[name], dtype=np.float32) for name in CLASS_ARRAYS}
    arrays["skill_idx"] = np.ascontiguousarray(model.skill_idx, dtype=np.int64)
    arrays["skill_w"] = np.ascontiguousarray(model.skill_w, dtype=np.float32)
    arrays[META_KEY] = np.array([model.meta[name] for name in TRANSFERABLE], dtype=np.float64)
    metadata = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "name": model.name,
        "algorithm": model.settings.algorithm, "settings": model.settings.as_dict(),
        "meta_names": list(TRANSFERABLE), "engine_version": __version__,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "info": {k: v for k, v in model.info.items() if k != "loaded_from"}, "skills": model.skills, "items": model.items,
        **(extra or {}),
    }
    text = json.dumps(metadata, indent=1, default=_jsonable)
    header = {"format": FORMAT, "format_version": str(FORMAT_VERSION), HEADER_KEY: text}
    _atomic_write(weights_path, lambda tmp: save_file(arrays, tmp, metadata=header))
    _atomic_write(meta_path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return weights_path, meta_path


def _jsonable(value: Any) -> Any:
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


def _atomic_write(target: Path, write: Any) -> None:
    handle, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes owner-only files; a model is not a secret
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The checked metadata of a saved model: the copy in the weights file's header, else ``NAME.json``."""
    weights_path, meta_path = model_paths(path)
    metadata = _header_metadata(weights_path)
    if metadata is not None:
        meta_path = weights_path  # name the file the metadata came from in messages
    else:
        if not meta_path.exists():
            raise LamplightError(f"Model metadata {meta_path} is missing (a model is a .safetensors file plus a .json file).")
        try:
            metadata = json.loads(meta_path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise LamplightError(f"Model metadata {meta_path} is not valid JSON: {exc}.") from exc
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise LamplightError(f"{meta_path} is not a Lamplight response model (format is not {FORMAT!r}).")
    version = metadata.get("format_version")
    if version != FORMAT_VERSION:
        raise LamplightError(f"{meta_path} has model format version {version!r}; this Lamplight reads version "
                             f"{FORMAT_VERSION}. Update Lamplight or retrain the model.")
    names = metadata.get("meta_names")
    if not isinstance(names, list) or not names or not set(names) <= set(TRANSFERABLE) or len(set(names)) != len(names):
        raise LamplightError(f"{meta_path} lists meta-parameters {names!r}; expected names from {list(TRANSFERABLE)!r}.")
    for key in ("skills", "items", "settings"):
        if key not in metadata:
            raise LamplightError(f"{meta_path} has no {key!r} entry.")
    return metadata


def _refuse_pickles(weights_path: Path) -> None:
    if not weights_path.exists():
        raise LamplightError(f"Model weights {weights_path} are missing.")
    with open(weights_path, "rb") as handle:
        head = handle.read(9)
    # A safetensors file starts with its header's length (u64, little-endian) and then "{";
    # that length's low byte can be anything, so recognise the structure before sniffing.
    looks_like_safetensors = len(head) == 9 and head[8:9] == b"{" and int.from_bytes(head[:8], "little") <= weights_path.stat().st_size
    if not looks_like_safetensors and (head[:1] == b"\x80" or head[:2] == b"PK"):
        raise LamplightError(f"{weights_path} looks like a pickle/torch.save file; Lamplight only loads safetensors "
                             "files, which cannot run code. Convert or retrain the model.")


def _header_metadata(weights_path: Path) -> dict[str, Any] | None:
    """The metadata saved in the safetensors header, or None for files written before it was."""
    from safetensors import safe_open

    _refuse_pickles(weights_path)
    try:
        with safe_open(str(weights_path), framework="np") as handle:
            text = (handle.metadata() or {}).get(HEADER_KEY)
    except Exception as exc:  # safetensors raises its own error types for any malformed header
        raise LamplightError(f"{weights_path} is not a valid safetensors file ({exc}).") from exc
    if text is None:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LamplightError(f"{weights_path}: the metadata in its header is not valid JSON: {exc}.") from exc


def _read_weights(weights_path: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    _refuse_pickles(weights_path)
    try:
        return load_file(str(weights_path))
    except Exception as exc:  # safetensors raises its own error types for any malformed header or body
        raise LamplightError(f"{weights_path} is not a valid safetensors file ({exc}).") from exc


def load_saved_model(path: str | os.PathLike[str]) -> ResponseModel:
    """Load a model written by :func:`save_model`, checking every key and shape."""
    weights_path, meta_path = model_paths(path)
    metadata = read_metadata(path)
    arrays = _read_weights(weights_path)
    expected = set(ARRAY_KEYS) | {META_KEY}
    if not expected <= set(arrays) <= expected | set(OPTIONAL_KEYS):
        raise LamplightError(f"{weights_path} holds tensors {sorted(arrays)}, expected {sorted(expected)} (and optionally "
                             f"{', '.join(OPTIONAL_KEYS)}).")
    skills, items = list(metadata["skills"]), list(metadata["items"])
    if not skills or skills[0] != "":
        raise LamplightError(f"{meta_path}: the skill list must start with the empty 'no skill' entry.")
    n_skills, n_rows = len(skills), len(items) + 1
    width = arrays["skill_idx"].shape[1] if arrays["skill_idx"].ndim == 2 else -1
    shapes = {"beta_skill": (n_skills,), "tau0": (n_skills,), "lr_tau": (n_skills,), "delta": (n_rows,),
              "skill_idx": (n_rows, width), "skill_w": (n_rows, width), META_KEY: (len(metadata["meta_names"]),)}
    if "loading" in arrays:
        shapes["loading"] = (n_rows, arrays["loading"].shape[-1] if arrays["loading"].ndim == 2 else -1)
    for name, shape in shapes.items():
        if tuple(arrays[name].shape) != shape:
            raise LamplightError(f"{weights_path}: tensor {name!r} has shape {tuple(arrays[name].shape)}, expected {shape} "
                                 f"for {len(items)} exercises and {n_skills} skills.")
    if width < 1 or arrays["skill_idx"].min(initial=0) < 0 or arrays["skill_idx"].max(initial=0) >= n_skills:
        raise LamplightError(f"{weights_path}: exercise-skill table points outside the {n_skills} skills.")
    for name, value in arrays.items():
        if value.dtype.kind == "f" and not np.all(np.isfinite(value)):
            raise LamplightError(f"{weights_path}: tensor {name!r} contains NaN or infinite values.")
    known = set(Settings().as_dict())
    settings = Settings(**{k: v for k, v in metadata["settings"].items() if k in known})
    model = ResponseModel(settings, dict(zip(metadata["meta_names"], arrays[META_KEY].tolist())), name=metadata.get("name"))
    model.skills = skills
    model.skill_index = {s: k for k, s in enumerate(skills)}
    model.items = items
    model.item_index = {item: i for i, item in enumerate(items)}
    model.skill_idx = arrays["skill_idx"].astype(np.int64)
    model.skill_w = arrays["skill_w"].astype(np.float64)
    if "loading" not in arrays:
        arrays["loading"] = np.zeros((n_rows, settings.loading_dims))
    model.params = {name: arrays[name].astype(np.float64) for name in CLASS_ARRAYS}
    model.info = dict(metadata.get("info") or {})
    model.info["loaded_from"] = str(weights_path)
    return model
