"""A class's calibration, kept with the class so no process and no new answer re-fits it from scratch.

Calibrating means fitting the class's exercises (the response model) and its
knowledge tracing on the class's answers: seconds to tens of seconds for a
year of answers. It is saved in the data folder (the model as safetensors,
the tracer as JSON in the store's settings) with the number of answers it saw
and the model it started from. Opening the class later reads it back; the
app re-calibrates only in a background job once enough new answers came in.

A restore keeps the records it brings but marks them (``RESTORED``): such a
record is used only if it is this laptop's own (its token is the one inside
this folder's model file) and the restored class holds exactly the answers it
was fitted on (their fingerprint), so restoring this morning's backup does not
re-fit a year of answers, and a calibration fitted on other data never serves
the restored class (reviews 30b, 34b).
"""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from engine import paths
from engine.model.bkt import KnowledgeTracingModel
from engine.classroom.ids import ClassId
from engine.errors import LamplightError

RECALIBRATE_SHARE = 0.1
"""Re-calibrate once new answers reach this share of those calibrated on..."""
RECALIBRATE_MIN = 50
"""...and at least this many."""


def setting_key(class_id: ClassId) -> str:
    """The setting that holds a class's calibration."""
    return f"calibration/{int(class_id)}"


def _folder(store: Any) -> Path:
    return Path(store.path).parent / paths.MODEL_FOLDER


def _file_name(class_id: ClassId) -> str:
    return f"class-{int(class_id)}-calibration"


RESTORED = "restored"
"""The mark a restore puts on the calibration records it brings (see the module's docstring)."""
TOKEN = "calibration_token"


def save(store: Any, class_id: ClassId, model: Any, tracer: KnowledgeTracingModel, answers: int, base: int,
         up_to: int | None = None) -> None:
    """Keep a class's calibration (the previous one's file is replaced); ``up_to``: the highest answer id it saw
    (what lets a restore keep it, see the module's docstring).

    Models that cannot be written to a file (the engine's fallbacks) keep
    only the tracer; they are quick to calibrate again.
    """
    record: dict[str, Any] = {"answers": int(answers), "base": int(base), "tracer": tracer.to_dict(), "model": None,
                              "token": uuid.uuid4().hex}
    if up_to is not None:
        record["up_to"], record["fingerprint"] = int(up_to), store.class_answers_digest(class_id, int(up_to))
    if tracer is model:
        record["model"] = "tracer"
    elif type(model).__name__ == "ResponseModel":
        from engine.model.persistence import save_model

        target = _folder(store) / _file_name(class_id)
        model.info[TOKEN] = record["token"]
        save_model(model, target)
        record["model"], record["model_name"] = str(target), model.name
    store.set_setting(setting_key(class_id), record)


def load(store: Any, class_id: ClassId, base: int) -> tuple[Any, KnowledgeTracingModel, int] | None:
    """(model, tracer, answers calibrated on), or None when there is none for this base model or it cannot be read."""
    record = store.get_setting(setting_key(class_id))
    if not isinstance(record, dict) or not record.get("model"):
        return None
    try:
        if int(record["base"]) != int(base):
            return None
        tracer = KnowledgeTracingModel.from_dict(record["tracer"])
        restored = bool(record.get(RESTORED))
        if restored and ("up_to" not in record or record.get("fingerprint") != store.class_answers_digest(class_id, int(record["up_to"]))):
            return None  # fitted on other answers than the restored class's
        if record["model"] == "tracer":
            model: Any = tracer
        else:
            from engine.model.registry import load_model

            model = load_model(_folder(store) / _file_name(class_id))  # never a path the record names (review 34b)
            if restored and model.info.get(TOKEN) != record["token"]:
                return None  # the file here is another calibration than the record's (fitted here after the backup)
            model.name = str(record.get("model_name") or model.name)
        if restored:
            store.set_setting(setting_key(class_id), {k: v for k, v in record.items() if k != RESTORED})
        return model, tracer, int(record["answers"])
    except (ValueError, KeyError, TypeError, LamplightError, OSError):
        return None  # a calibration that cannot be read is simply made again


def is_stored(store: Any, class_id: ClassId, base: int) -> bool:
    """Whether the store holds a calibration of the class for this base model (without reading the model file)."""
    record = store.get_setting(setting_key(class_id))
    return isinstance(record, dict) and bool(record.get("model")) and str(record.get("base")) == str(int(base))


def forget(store: Any, class_id: ClassId) -> None:
    """Drop a class's calibration (it is made again when next needed)."""
    store.set_setting(setting_key(class_id), None)


def due(new_answers: int, calibrated_answers: int) -> bool:
    """True when enough new answers came in to make re-calibrating worth it."""
    return new_answers >= max(RECALIBRATE_MIN, RECALIBRATE_SHARE * calibrated_answers)
