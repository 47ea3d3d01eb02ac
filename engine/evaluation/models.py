"""Finding a model to evaluate by name (or saved-model path) for each protocol.

Names are looked up in this order: the evaluation baselines, then the model
package's registries (``engine.model.registry.COLD_START_MODELS`` for cold
start, ``engine.model.sequence.SEQUENCE_MODELS`` for knowledge tracing), then,
for cold start, a folder or file path of a saved model. The registries are
imported only when needed, and a registry that is missing or broken only
removes its names (the error says why).
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Callable

from engine.errors import LamplightError

COLDSTART, KT = "coldstart", "kt"
PROTOCOLS = (COLDSTART, KT)


def _difficulty() -> Any:
    from engine.evaluation.baselines import DifficultyModel
    return DifficultyModel()


def _irt() -> Any:
    from engine.evaluation.baselines import IRTModel
    return IRTModel()


def _elo() -> Any:
    from engine.evaluation.baselines import EloModel
    return EloModel()


def _lr_kt() -> Any:
    from engine.evaluation.lrkt import LogisticKT
    return LogisticKT()


def _dkt() -> Any:
    from engine.evaluation.dkt import DKTModel
    return DKTModel()


BASELINES: dict[str, dict[str, Callable[[], Any]]] = {
    COLDSTART: {"difficulty": _difficulty, "irt": _irt, "elo": _elo},
    KT: {"lr-kt": _lr_kt, "dkt": _dkt, "elo": _elo, "irt": _irt},
}

REGISTRIES = {
    COLDSTART: ("engine.model.registry", "COLD_START_MODELS"),
    KT: ("engine.model.sequence", "SEQUENCE_MODELS"),
}


def registry_models(protocol: str) -> tuple[dict[str, Callable[[], Any]], str | None]:
    """The model package's registry for a protocol, and why it is unavailable (None when it loaded)."""
    module_name, attribute = REGISTRIES[protocol]
    try:
        module = importlib.import_module(module_name)
        models = getattr(module, attribute)
    except Exception as exc:  # a registry being written may fail in any way; its names are just unavailable
        return {}, f"{module_name}.{attribute} is unavailable ({type(exc).__name__}: {exc})"
    return dict(models), None


def available_models(protocol: str) -> list[str]:
    """Every model name ``resolve_model`` accepts for the protocol."""
    registry, _ = registry_models(protocol)
    return list(BASELINES[protocol]) + [name for name in registry if name not in BASELINES[protocol]]


def default_model(protocol: str) -> Any:
    """The shipped default: ``load_model(None)`` for cold start, ``default_sequence_model()`` for kt."""
    module_name, function = (("engine.model.registry", "load_model") if protocol == COLDSTART
                             else ("engine.model.sequence", "default_sequence_model"))
    try:
        factory = getattr(importlib.import_module(module_name), function)
    except Exception as exc:
        raise LamplightError(f"No default {protocol} model: {module_name}.{function} is not available yet "
                             f"({type(exc).__name__}: {exc}). Name a model with --model, e.g. "
                             f"{', '.join(BASELINES[protocol])}.") from exc
    return factory(None) if protocol == COLDSTART else factory()


def resolve_model(name: str | None, protocol: str) -> Any:
    """A fresh model for the protocol from a name, a saved-model path, or None (the shipped default)."""
    if protocol not in PROTOCOLS:
        raise LamplightError(f"Unknown protocol {protocol!r}; use coldstart or kt.")
    if name is None or name == "":
        return default_model(protocol)
    if name in BASELINES[protocol]:
        return BASELINES[protocol][name]()
    registry, problem = registry_models(protocol)
    if name in registry:
        return registry[name]()
    if protocol == COLDSTART and Path(name).exists():
        from engine.model.registry import load_model
        return load_model(name)
    known = list(BASELINES[protocol]) + [n for n in registry if n not in BASELINES[protocol]]
    other = [n for n in BASELINES[KT if protocol == COLDSTART else COLDSTART] if n not in known]
    hint = f" ({name!r} is a {'kt' if protocol == COLDSTART else 'coldstart'} model.)" if name in other else ""
    reason = f" Note: {problem}." if problem else ""
    raise LamplightError(f"Unknown {protocol} model {name!r}; known: {', '.join(known)}"
                         f"{' or a saved model path' if protocol == COLDSTART else ''}.{hint}{reason}")
