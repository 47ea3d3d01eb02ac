"""The district workflow on a laptop's store: export an update, combine files, import a district model.

Exercises are matched to the shared pack by their stable key (``Exercise.key``,
the pack's exercise id); students never leave this module except as sums.
The district model a class adopted is kept as ``district/district-model.json``
beside the store, so the next update is made against it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from engine.district.adopt import AdoptReport, check_and_adopt
from engine.district.aggregate import DistrictModel, aggregate, starting_model
from engine.district.fileformat import read_file, write_file
from engine.district.pack import SharedPack, keyed_log
from engine.district.update import UpdateSettings, school_update
from engine.errors import LamplightError
from engine.model.interface import Responses

ProgressFn = Callable[[float, str], None]


def district_folder(store: Any) -> Path:
    return Path(store.path).parent / "district"


def _shipped_meta() -> dict[str, float] | None:
    try:
        from engine.model.registry import load_model

        return load_model(None).transferable()
    except LamplightError:
        return None


def load_district_model(path: str | os.PathLike[str], pack: SharedPack, key: bytes | None = None) -> DistrictModel:
    """A district model file, checked, and refused when made for another pack edition."""
    model = DistrictModel.from_payload(read_file(path, "district-model", key), str(path))
    if model.pack.get("fingerprint") != pack.fingerprint:
        raise LamplightError(f"{path} is for pack {model.pack.get('id')!r} edition {model.pack.get('fingerprint')!r}, but this "
                             f"laptop has {pack.id!r} edition {pack.fingerprint!r}. Update the pack first.")
    return model


def current_district_model(store: Any, pack: SharedPack, base: str | os.PathLike[str] | None = None,
                           key: bytes | None = None) -> DistrictModel:
    """The district model updates are made against: ``base``, else the one this laptop adopted, else round 0."""
    if base is not None:
        return load_district_model(base, pack, key)
    kept = district_folder(store) / "district-model.json"
    if kept.exists():
        return load_district_model(kept, pack)  # kept unsigned: it was checked when it was imported
    return starting_model(pack, _shipped_meta())


def class_bank(store: Any) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """(exercise id -> skills, exercise id -> stable key) for the whole bank."""
    exercises = store.list_exercises()
    return {str(e.id): tuple(e.skills) for e in exercises}, {str(e.id): e.key for e in exercises}


def export_class_update(store: Any, class_id: int, out: str | os.PathLike[str], pack: SharedPack,
                        settings: UpdateSettings | None = None, base: str | os.PathLike[str] | None = None,
                        key: bytes | None = None, progress: ProgressFn | None = None) -> dict[str, Any]:
    """Write the class's update file; returns its payload."""
    settings = settings or UpdateSettings()
    district = current_district_model(store, pack, base, key)
    _, keys = class_bank(store)
    log = keyed_log(store.class_log(class_id), keys, pack)
    if not len(log):
        raise LamplightError(f"This class has no answers on exercises of the shared pack {pack.id!r}: nothing to share.")
    payload = school_update(district.response_model(pack), log, pack, settings,
                            {"kind": "district", "id": district.id, "round": district.round}, progress)
    write_file(out, "school-update", payload, key)
    return payload


def aggregate_files(files: Sequence[str | os.PathLike[str]], pack: SharedPack, out: str | os.PathLike[str],
                    base: str | os.PathLike[str] | None = None, meta_step: float = 1.0, key: bytes | None = None) -> DistrictModel:
    """Combine school update files into a district model file (refusing the lot if one file is refused)."""
    previous = load_district_model(base, pack, key) if base else starting_model(pack, _shipped_meta())
    updates = [(Path(f).name, read_file(f, "school-update", key)) for f in files]
    model = aggregate(updates, pack, previous, meta_step)
    write_file(out, "district-model", model.payload(), key)
    return model


def class_model(store: Any, class_id: int, responses: Responses, bank: Mapping[str, tuple[str, ...]]) -> Any:
    """The model the class uses now: its active snapshot, else the shipped model calibrated on the class."""
    from engine.model.registry import load_model
    from engine.model.response import ResponseModel

    snapshot = store.active_model_snapshot(class_id)
    if snapshot is not None and snapshot.path and snapshot.path != "memory":
        return load_model(snapshot.path)
    try:
        model = load_model(None)
    except LamplightError:
        model = ResponseModel()
    model.calibrate(responses, dict(bank))
    return model


def import_district_model(store: Any, class_id: int, path: str | os.PathLike[str], pack: SharedPack,
                          key: bytes | None = None) -> AdoptReport:
    """Check a district model on the class's held-out answers; adopt it (keeping a snapshot to go back to) if not worse."""
    from engine.model.persistence import save_model
    from engine.model.response import ResponseModel

    district = load_district_model(path, pack, key)
    bank, keys = class_bank(store)
    responses = store.class_log(class_id)
    current = class_model(store, class_id, responses, bank)
    if not isinstance(current, ResponseModel):
        raise LamplightError("This class's model is not a meta-learned response model; a district model cannot replace it.")
    report = check_and_adopt(district, pack, current, responses, keys, bank)
    if report.adopted:
        folder = Path(store.path).parent / "models"
        stamp = f"class-{class_id}-district-{district.id}"
        weights, _ = save_model(report.model, folder / stamp)
        store.save_model_snapshot("district", path=str(weights), class_id=class_id, note=report.summary,
                                  metrics={"held_out_log_loss": report.after.log_loss}, activate=True)
        write_file(district_folder(store) / "district-model.json", "district-model", district.payload(), None)
    return report
