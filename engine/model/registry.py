"""Student models by name, for the evaluation harness and the app.

``COLD_START_MODELS[name]()`` builds a fresh model; ``load_model(path)``
loads a saved one (``None``: the shipped default in ``resources/models``).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable

from engine.errors import LamplightError
from engine.model.interface import StudentModel
from engine.model.response import ResponseModel, Settings


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


def _lazy(module: str, factory: str, *args: Any) -> Callable[[], Any]:
    """A factory that imports its model's module only when a model is made (keeps start-up light)."""
    def make() -> Any:
        import importlib

        return getattr(importlib.import_module(module), factory)(*args)

    return make


COLD_START_MODELS: dict[str, Callable[[], StudentModel]] = {
    "maml": _algorithm("maml"),
    "fomaml": _algorithm("fomaml"),
    "reptile": _algorithm("reptile"),
    "metasgd": _algorithm("metasgd"),
    "default": lambda: load_model(None),
    "matching": lambda: _matching(None),
    "matching-default": lambda: _matching("default"),
    "prototypes": lambda: _prototypes(),
    "snail": _lazy("engine.model.snail", "SnailModel"),
    "default-flip": lambda: _flip_trained(load_model(None), "default-flip"),
    "default-distilled": _lazy("engine.model.distill", "distilled_default"),
}


def _flip_trained(model: ResponseModel, name: str, share: float = 0.1) -> ResponseModel:
    """The model meta-trained (at calibration) with ``share`` of its support answers flipped in the inner loop."""
    model.settings.support_flip = share
    model.name = name
    return model


def _prototypes() -> StudentModel:
    """Prototypical student groups (a comparison family, not the shipped model)."""
    from engine.model.prototypes import PrototypeModel

    return PrototypeModel()


def _matching(base: str | None) -> StudentModel:
    """The matching network over history students, with IRT or the shipped default as its prior."""
    from engine.model.matching import MatchingModel  # a comparison family, not the shipped model

    if base is None:
        return MatchingModel()
    return MatchingModel(base=load_model(None), name="matching-default")
"""The meta-learned response models (what ``evaluate --model`` trains and compares)."""

COLDSTART, KT = "coldstart", "kt"

MODELS: dict[str, dict[str, Callable[[], Any]]] = {
    COLDSTART: {
        "difficulty": _lazy("engine.model.baselines", "DifficultyModel"),
        "irt": _lazy("engine.model.baselines", "IRTModel"),
        "elo": _lazy("engine.model.baselines", "EloModel"),
        **COLD_START_MODELS,
        "meta": lambda: ResponseModel(),
        "bkt": _lazy("engine.model.bkt", "KnowledgeTracingModel"),
        "skill": _lazy("engine.model.skill_model", "SkillAbilityModel"),
    },
    KT: {
        "lr-kt": _lazy("engine.model.lrkt", "LogisticKT"),
        "dkt": _lazy("engine.model.dkt", "DKTModel"),
        "elo": _lazy("engine.model.baselines", "EloModel"),
        "irt": _lazy("engine.model.baselines", "IRTModel"),
    },
}
"""Every student model by protocol and name: the one registry (knowledge-tracing names from
``engine.model.sequence.SEQUENCE_MODELS`` are added on first use)."""


def names(protocol: str = COLDSTART) -> list[str]:
    """Every name :func:`make` knows for ``protocol``."""
    return list(_models(protocol))


def _models(protocol: str) -> dict[str, Callable[[], Any]]:
    if protocol not in MODELS:
        raise LamplightError(f"Unknown protocol {protocol!r}; use coldstart or kt.")
    if protocol == KT:
        from engine.model.sequence import SEQUENCE_MODELS

        return {**MODELS[KT], **{k: v for k, v in SEQUENCE_MODELS.items() if k not in MODELS[KT]}}
    return MODELS[protocol]


def make(name: str, protocol: str = COLDSTART) -> Any:
    """A fresh model by name, or a saved response model from a path (cold start).

    >>> make("irt").name
    'irt'
    """
    models = _models(protocol)
    if name in models:
        return models[name]()
    if protocol == COLDSTART and Path(name).exists():
        return load_model(name)
    other = KT if protocol == COLDSTART else COLDSTART
    hint = f" ({name!r} is a {other} model.)" if name in _models(other) else ""
    raise LamplightError(f"Unknown {protocol} model {name!r}; known: {', '.join(models)}"
                         f"{' or a saved model path' if protocol == COLDSTART else ''}.{hint}")


def default(protocol: str = COLDSTART) -> Any:
    """The shipped default: the meta-learned response model (cold start) or the attention memory model (kt)."""
    if protocol == KT:
        from engine.model.sequence import default_sequence_model

        return default_sequence_model()
    return load_model(None)


def default_or_fallback() -> Any:
    """The shipped default, or knowledge tracing when this installation has no default model file."""
    try:
        return default()
    except LamplightError:
        from engine.model.bkt import KnowledgeTracingModel

        return KnowledgeTracingModel()


def make_or_default(name: str) -> Any:
    """:func:`make`, where ``default`` (or nothing) is the shipped model or, without one, knowledge tracing."""
    return default_or_fallback() if name in ("", "default", "auto") else make(name)
