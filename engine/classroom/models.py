"""Which student model a class uses: the shipped default, or a snapshot the class adopted.

Learning on the laptop saves the model it replaces as a snapshot, so the
teacher can go back. Response models are written as safetensors files in the
data folder's ``models`` folder (loaded later without running code); any
other model has nothing worth a file and is kept in memory for the session.
"""
from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from engine import paths
from engine.classroom.ids import ClassId
from engine.store.records import ModelSnapshot

_IN_MEMORY: dict[int, Any] = {}
_DAMAGED: set[tuple[Path, int, int]] = set()
"""Model files that did not load (cut short, changed), with their time and size: the class uses the shipped model, as
for a missing file, until the file is put back (review 37g: it stayed "damaged" until the app started again)."""
log = logging.getLogger(__name__)


def class_model(store: Any, class_id: ClassId) -> Any:
    """The class's active model snapshot, or None for the engine's default model (also when the snapshot's files
    are on no disk here: see :func:`missing_model`)."""
    snapshot = store.active_model_snapshot(class_id)
    if snapshot is None:
        return None
    if snapshot.id in _IN_MEMORY:
        return _IN_MEMORY[snapshot.id]
    target = model_files(store, snapshot)
    if target is not None:
        from engine.errors import LamplightError
        from engine.model.registry import load_model

        try:
            return load_model(target)
        except LamplightError as exc:  # review 37e: a damaged file stopped the dashboard and practice mode
            log.warning("%s; the class uses the shipped model", exc)
            _DAMAGED.add(_stamp(target))
    return None


def model_files(store: Any, snapshot: ModelSnapshot) -> Path | None:
    """Where a snapshot's model files are: in this data folder's ``models`` folder, under the name they were saved
    with (the folder may have moved; a path a backup names elsewhere is never read); None when they are not there
    (a backup restored on another laptop carries the data, not the files) or did not load (damaged)."""
    target = _saved_at(store, snapshot)
    return target if target is not None and _stamp(target) not in _DAMAGED else None


def _saved_at(store: Any, snapshot: ModelSnapshot) -> Path | None:
    """The snapshot's model files in this data folder's ``models`` folder, when its weights are there."""
    if not snapshot.path or snapshot.path == "memory":
        return None
    from engine.model.persistence import model_paths

    target = Path(store.path).parent / paths.MODEL_FOLDER / Path(snapshot.path).name
    return target if model_paths(target)[0].is_file() else None


def _stamp(target: Path) -> tuple[Path, int, int]:
    """The model files ``target`` with its weights' modification time and size (a file put back is another)."""
    from engine.model.persistence import model_paths

    try:
        found = model_paths(target)[0].stat()
    except OSError:
        return target, -1, -1
    return target, found.st_mtime_ns, found.st_size


def _usable(store: Any, snapshot: ModelSnapshot) -> bool:
    return snapshot.id in _IN_MEMORY or model_files(store, snapshot) is not None


def missing_model(store: Any, class_id: ClassId) -> ModelSnapshot | None:
    """The class's active snapshot when its model is not on this laptop (the shipped model stands in), else None."""
    snapshot = store.active_model_snapshot(class_id)
    return snapshot if snapshot is not None and not _usable(store, snapshot) else None


def damaged(store: Any, snapshot: ModelSnapshot) -> bool:
    """Whether the snapshot's model files are here but did not load (see :func:`class_model`)."""
    target = _saved_at(store, snapshot)
    return target is not None and _stamp(target) in _DAMAGED


def model_key(store: Any, class_id: ClassId) -> int:
    """Which model the class uses now (0: the shipped default), to tell when a calibration is out of date."""
    snapshot = store.active_model_snapshot(class_id)
    return 0 if snapshot is None or not _usable(store, snapshot) else int(snapshot.id)


def save_class_model(store: Any, class_id: ClassId, model: Any, note: str, snapshot: bool, metrics: dict[str, Any] | None = None) -> int:
    """Keep ``model`` as a snapshot of the class; ``snapshot=False`` also makes it the active one."""
    path = None
    if type(model).__name__ == "ResponseModel":
        from engine.model.persistence import save_model

        target = Path(store.path).parent / paths.MODEL_FOLDER / f"class-{class_id}-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"
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
    """The class's saved models the teacher can go back to (in-memory ones only while this session lasts; none whose
    files are not on this laptop)."""
    return [s for s in store.list_model_snapshots(class_id) if _usable(store, s)]


def model_in_use(store: Any, class_id: ClassId) -> tuple[str, str] | None:
    """(model name, when it was adopted: the stored UTC time), or None while the shipped model is in use."""
    snapshot = store.active_model_snapshot(class_id)
    if snapshot is None or not _usable(store, snapshot):
        return None
    return snapshot.kind, snapshot.created
