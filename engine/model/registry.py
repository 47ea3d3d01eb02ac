"""Student models by name, for the evaluation harness and the app.

``COLD_START_MODELS[name]()`` builds a fresh model; ``load_model(path)``
loads a saved one (``None``: the shipped default in ``resources/models``).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

from engine.errors import LamplightError
from engine.model.interface import StudentModel
from engine.model.response import ResponseModel, Settings
from engine.model.training import fine_tune  # noqa: F401  (the adapt service looks it up here too)


def _resources_root() -> Path:
    bundled = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks data files here
    if bundled:
        return Path(bundled) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


DEFAULT_MODEL = _resources_root() / "models" / "default"


def default_model_path() -> Path:
    """Where the shipped default model lives ($LAMPLIGHT_MODEL overrides)."""
    override = os.environ.get("LAMPLIGHT_MODEL")
    return Path(override) if override else DEFAULT_MODEL


def load_model(path: str | os.PathLike[str] | None = None) -> ResponseModel:
    """A saved response model (``None``: the shipped default), checked on load."""
    from engine.model.persistence import load_saved_model, model_paths

    target = default_model_path() if path is None else Path(path)
    weights, _ = model_paths(target)
    if path is None and not weights.exists():
        raise LamplightError(f"The default model is missing at {weights}; reinstall Lamplight or train one with "
                             "`python -m engine train --data DIR --out resources/models/default`.")
    model = load_saved_model(target)
    if path is None:
        model.name = "default"
    return model


def _algorithm(name: str) -> Callable[[], StudentModel]:
    return lambda: ResponseModel(Settings(algorithm=name), name=name)


COLD_START_MODELS: dict[str, Callable[[], StudentModel]] = {
    "maml": _algorithm("maml"),
    "fomaml": _algorithm("fomaml"),
    "reptile": _algorithm("reptile"),
    "metasgd": _algorithm("metasgd"),
    "default": lambda: load_model(None),
}
