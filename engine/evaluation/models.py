"""Models for the evaluation protocols, by name or saved-model path: a thin view of the one registry.

Every name lives in :mod:`engine.model.registry` (``make``, ``load_model``,
``default``); this module only adds the protocol names the harness uses.
"""
from __future__ import annotations

from typing import Any

from engine.model.registry import COLDSTART, KT, default, make

PROTOCOLS = (COLDSTART, KT)


def resolve_model(name: str | None, protocol: str) -> Any:
    """A fresh model for the protocol from a name, a saved-model path, or None (the shipped default)."""
    return default(protocol) if not name else make(name, protocol)
