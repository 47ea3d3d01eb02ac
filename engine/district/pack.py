"""The shared pack a district agrees on: which exercises and skills updates may speak about.

Exercises are named by their pack's stable id (the store's ``Exercise.key``,
e.g. ``starter-math:add-1-1``), skills by their stable text id. The
*fingerprint* names one edition of a pack: two laptops with different
editions (an exercise added, a skill re-tagged) must not pool statistics.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from engine.errors import LamplightError
from engine.model.interface import Responses


@dataclass(frozen=True)
class SharedPack:
    """One edition of a pack: its id and every exercise key with its skills."""

    id: str
    exercises: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """A short hash of the pack id and every (exercise, skills) pair: the pack's edition."""
        content = {"id": self.id, "exercises": sorted([key, sorted(skills)] for key, skills in self.exercises.items())}
        text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return hashlib.sha256(text.encode("ascii")).hexdigest()[:16]

    def require_edition(self, described: Mapping[str, Any], source: str) -> None:
        """Refuse a file (``source``: its name) made for another edition of the pack (``described``: the file's pack)."""
        if described.get("fingerprint") != self.fingerprint:
            raise LamplightError(f"{source} was made for exercise pack {described.get('id')!r} edition "
                                 f"{described.get('fingerprint')!r}, but this laptop has {self.id!r} edition {self.fingerprint!r}. "
                                 "The school and the district must use the same edition of the pack: update the pack first.")

    @property
    def skills(self) -> list[str]:
        return sorted({s for skills in self.exercises.values() for s in skills if s})

    def describe(self) -> dict[str, Any]:
        """What a file says about the pack it was made for."""
        return {"id": self.id, "fingerprint": self.fingerprint, "exercises": len(self.exercises), "skills": len(self.skills)}


def pack_from_json(pack: Mapping[str, Any]) -> SharedPack:
    """The shared pack of a version-1 pack object (see resources/packs/SCHEMA.md)."""
    return SharedPack(str(pack["id"]), {str(e["id"]): tuple(str(s) for s in e.get("skills", [])) for e in pack.get("exercises", [])})


def load_shared_pack(path: str | Path | None = None) -> SharedPack:
    """A pack file as a shared pack (default: the starter pack that ships with Lamplight)."""
    from engine.store.importers import load_pack
    from engine.store.starter_pack import starter_pack_path

    return pack_from_json(load_pack(path or starter_pack_path()))


def pack_from_responses(name: str, responses: Responses, items: Mapping[str, tuple[str, ...]] | None = None) -> SharedPack:
    """A dataset used as a pack (the simulator): its item ids are the stable ids."""
    bank = dict(items or {})
    for item, skills in zip(responses.item_ids, responses.skill_ids):
        bank.setdefault(item, tuple(skills))
    return SharedPack(name, {k: tuple(v) for k, v in bank.items()})


def keyed_log(log: Responses, keys: Mapping[str, str], pack: SharedPack) -> Responses:
    """The class's answers on shared exercises, named by pack key (student ids become opaque ordinals)."""
    ordinal: dict[str, str] = {}
    rows = [n for n, item in enumerate(log.item_ids) if keys.get(item) in pack.exercises]
    return Responses([ordinal.setdefault(log.student_ids[n], str(len(ordinal))) for n in rows],
                     [keys[log.item_ids[n]] for n in rows], [tuple(pack.exercises[keys[log.item_ids[n]]]) for n in rows],
                     log.correct[rows] if rows else log.correct[:0])
