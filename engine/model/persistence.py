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
import math
import os
import stat
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

# Bounds for every field of a model file (issue 14): a file from elsewhere must not hang or crash the app.
MAX_WEIGHTS_BYTES = 4 * 1024**3
MAX_METADATA_BYTES = 256 * 1024**2
MAX_VOCABULARY = 10_000_000  # skills or exercises
MAX_ID_CHARS = 1_000
MAX_JSON_DEPTH = 32
MAX_JSON_NUMBER = 10**15
MAX_META_VALUE = 1e4  # |meta-parameter|: the trained ones are within +-10
ALGORITHMS = ("maml", "fomaml", "reptile", "metasgd")
# setting -> (type, lowest, highest): the ranges training and adaptation make sense in
SETTING_BOUNDS: dict[str, tuple[type, float, float]] = {
    "inner_steps": (int, 1, 100), "inner_lr": (float, 0.0, 10.0), "item_prior": (float, 0.0, 1e6),
    "skill_prior": (float, 0.0, 1e6), "batch_students": (int, 0, 10_000_000), "max_support": (int, 1, 100_000),
    "max_query": (int, 1, 100_000), "outer_lr": (float, 0.0, 10.0), "item_lr": (float, 0.0, 10.0),
    "outer_steps": (int, 0, 10_000_000), "loading_dims": (int, 0, 64), "loading_prior": (float, 0.0, 1e9),
    "loading_min_answers": (float, 0.0, 1e12), "recency_halflife": (float, 0.0, 1e12), "seed": (int, 0, 2**63 - 1),
}


def _check_regular_file(path: Path, what: str, limit: int) -> None:
    """Refuse anything but a regular file of sensible size (a pipe would hang the loader, a folder crash it)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise LamplightError(f"{what} {path} is missing.") from None
    except OSError as exc:
        raise LamplightError(f"{what} {path} cannot be read ({exc.strerror or exc}).") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
        raise LamplightError(f"{what} {path} is {kind}, not a model file.")
    if info.st_size > limit:
        raise LamplightError(f"{what} {path} is {info.st_size / 1024**2:,.0f} MB, more than a model file can be "
                             f"({limit / 1024**2:,.0f} MB).")


def _parse_metadata(text: str, where: Path) -> Any:
    """JSON text of model metadata, refusing deep nesting and absurd numbers with a message."""
    try:
        return json.loads(text, parse_constant=lambda name: _refuse(where, f"holds {name}, which is not a number"))
    except json.JSONDecodeError as exc:
        raise LamplightError(f"Model metadata {where} is not valid JSON: {exc}.") from None
    except (RecursionError, ValueError) as exc:  # nesting too deep, an integer of thousands of digits
        raise LamplightError(f"Model metadata {where} cannot be read ({type(exc).__name__}: {str(exc)[:80]}).") from None


def _refuse(where: Path, problem: str) -> Any:
    raise LamplightError(f"Model metadata {where} {problem}.")


def _check_json(value: Any, where: Path, path: str, depth: int = 0) -> None:
    """Free-form metadata (info, training, metrics): plain JSON, not too deep, numbers finite and bounded."""
    if depth > MAX_JSON_DEPTH:
        _refuse(where, f"is nested more than {MAX_JSON_DEPTH} deep at {path}")
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, (int, float)):
        if abs(value) > MAX_JSON_NUMBER or not math.isfinite(value):  # the bound first: math.isfinite(10**400) overflows
            _refuse(where, f"has the number {str(value)[:30]} at {path}, out of range")
        return
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else None
    if items is None:
        _refuse(where, f"has a {type(value).__name__} at {path}")
    for key, item in items:
        _check_json(item, where, f"{path}.{key}" if isinstance(value, dict) else f"{path}[{key}]", depth + 1)


def _check_vocabulary(values: Any, where: Path, key: str) -> list[str]:
    if not isinstance(values, list) or len(values) > MAX_VOCABULARY:
        _refuse(where, f"has a {key!r} entry that is not a list of at most {MAX_VOCABULARY:,} ids")
    for i, value in enumerate(values):
        if not isinstance(value, str) or len(value) > MAX_ID_CHARS:
            _refuse(where, f"has {key}[{i}] that is not a text id of at most {MAX_ID_CHARS} characters")
    return values


def checked_settings(raw: Any, where: Path) -> Settings:
    """The model's settings, each checked for its type and range (unknown names are ignored)."""
    if not isinstance(raw, dict):
        _refuse(where, "has settings that are not an object")
    values: dict[str, Any] = {}
    algorithm = raw.get("algorithm", Settings().algorithm)
    if algorithm not in ALGORITHMS:
        _refuse(where, f"names the algorithm {str(algorithm)[:40]!r}; expected one of {', '.join(ALGORITHMS)}")
    values["algorithm"] = algorithm
    for name, (kind, low, high) in SETTING_BOUNDS.items():
        if name not in raw:
            continue
        value = raw[name]
        number_ok = isinstance(value, (int, float)) and not isinstance(value, bool) and (kind is float or isinstance(value, int))
        if not number_ok or not low <= value <= high or not math.isfinite(value):  # the range first (as above)
            _refuse(where, f"has the setting {name} = {repr(value)[:40]}; expected {'a whole number' if kind is int else 'a number'} "
                           f"from {low:g} to {high:g}")
        values[name] = kind(value)
    return Settings(**values)




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
    return write_model_files(weights_path, meta_path, arrays, metadata)


def write_model_files(weights_path: Path, meta_path: Path, arrays: dict[str, np.ndarray],
                      metadata: dict[str, Any]) -> tuple[Path, Path]:
    """Write a model's arrays (safetensors, metadata in its header too) and its JSON, each atomically.

    Shared by every saved model (the student model, the marking model): one safe format, never a pickle.
    """
    from safetensors.numpy import save_file

    text = json.dumps(metadata, indent=1, default=_jsonable)
    header = {"format": str(metadata["format"]), "format_version": str(metadata["format_version"]), HEADER_KEY: text}
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
    metadata = header_metadata(weights_path)
    if metadata is not None:
        meta_path = weights_path  # name the file the metadata came from in messages
    else:
        if not meta_path.exists() and not meta_path.is_symlink():
            raise LamplightError(f"Model metadata {meta_path} is missing (a model is a .safetensors file plus a .json file).")
        _check_regular_file(meta_path, "Model metadata", MAX_METADATA_BYTES)
        try:
            metadata = _parse_metadata(meta_path.read_text(encoding="utf-8"), meta_path)
        except UnicodeDecodeError as exc:
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
    _check_vocabulary(metadata["skills"], meta_path, "skills")
    _check_vocabulary(metadata["items"], meta_path, "items")
    checked_settings(metadata["settings"], meta_path)
    name = metadata.get("name")
    if name is not None and (not isinstance(name, str) or len(name) > MAX_ID_CHARS):
        _refuse(meta_path, "has a name that is not a short text")
    for key, value in metadata.items():
        if key not in ("skills", "items", "settings", "meta_names"):
            _check_json(value, meta_path, key)
    return metadata


def _refuse_pickles(weights_path: Path) -> None:
    if not weights_path.exists() and not weights_path.is_symlink():
        raise LamplightError(f"Model weights {weights_path} are missing.")
    _check_regular_file(weights_path, "Model weights", MAX_WEIGHTS_BYTES)
    with open(weights_path, "rb") as handle:
        head = handle.read(9)
    # A safetensors file starts with its header's length (u64, little-endian) and then "{";
    # that length's low byte can be anything, so recognise the structure before sniffing (a truncated
    # safetensors file is then "not valid", not "a pickle"; safetensors' parser runs no code either way).
    looks_like_safetensors = len(head) == 9 and head[8:9] == b"{"
    if not looks_like_safetensors and (head[:1] == b"\x80" or head[:2] == b"PK"):
        raise LamplightError(f"{weights_path} looks like a pickle/torch.save file; Lamplight only loads safetensors "
                             "files, which cannot run code. Convert or retrain the model.")


def header_metadata(weights_path: Path) -> dict[str, Any] | None:
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
    return _parse_metadata(text, weights_path)


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
    settings = checked_settings(metadata["settings"], meta_path)
    if np.abs(arrays[META_KEY]).max(initial=0.0) > MAX_META_VALUE:
        raise LamplightError(f"{weights_path}: a meta-parameter is beyond +-{MAX_META_VALUE:g}; the model cannot be used.")
    if "loading" in arrays and arrays["loading"].shape[-1] != settings.loading_dims and arrays["loading"].size:
        raise LamplightError(f"{weights_path}: the exercise loadings have {arrays['loading'].shape[-1]} dimensions, "
                             f"the settings say {settings.loading_dims}.")
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
