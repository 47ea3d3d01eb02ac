"""Which student model a class uses: the shipped default, or a snapshot the class adopted.

Learning on the laptop saves the model it replaces as a snapshot, so the
teacher can go back. Response models are written as safetensors files in the
data folder's ``models`` folder (loaded later without running code); any
other model has nothing worth a file and is kept in memory for the session.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from engine.classroom.ids import ClassId
from engine.store.records import ModelSnapshot

_IN_MEMORY: dict[int, Any] = {}


def class_model(store: Any, class_id: ClassId) -> Any:
    """The class's active model snapshot, or None for the engine's default model."""
    snapshot = store.active_model_snapshot(class_id)
    if snapshot is None:
        return None
    if snapshot.id in _IN_MEMORY:
        return _IN_MEMORY[snapshot.id]
    if snapshot.path and snapshot.path != "memory":
        from engine.model.registry import load_model

        return load_model(snapshot.path)
    return None


def model_key(store: Any, class_id: ClassId) -> int:
    """Which model the class uses now (0: the shipped default), to tell when a calibration is out of date."""
    snapshot = store.active_model_snapshot(class_id)
    return 0 if snapshot is None else int(snapshot.id)


def save_class_model(store: Any, class_id: ClassId, model: Any, note: str, snapshot: bool, metrics: dict[str, Any] | None = None) -> int:
    """Keep ``model`` as a snapshot of the class; ``snapshot=False`` also makes it the active one."""
    path = None
    if type(model).__name__ == "ResponseModel":
        from engine.model.persistence import save_model

        target = Path(store.path).parent / "models" / f"class-{class_id}-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"
        save_model(model, target)
        path = str(target)
    snapshot_id = store.save_model_snapshot(
        getattr(model, "name", type(model).__name__), path=path or "memory", class_id=class_id, metrics=metrics or {}, note=note,
        activate=not snapshot,
    )
    if path is None:
        _IN_MEMORY[snapshot_id] = model
    return snapshot_id


def class_snapshots(store: Any, class_id: ClassId) -> list[ModelSnapshot]:
    """The class's saved models the teacher can go back to (in-memory ones only while this session lasts)."""
    return [s for s in store.list_model_snapshots(class_id) if s.path != "memory" or s.id in _IN_MEMORY]


def model_in_use(store: Any, class_id: ClassId) -> tuple[str, str] | None:
    """(model name, date it was adopted), or None while the shipped model is in use."""
    snapshot = store.active_model_snapshot(class_id)
    if snapshot is None or (snapshot.path == "memory" and snapshot.id not in _IN_MEMORY):
        return None
    return snapshot.kind, snapshot.created[:10]
