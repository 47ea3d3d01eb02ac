"""Running a protocol end to end and reporting it as JSON and as a table.

:func:`evaluate` loads a dataset once, splits it once, and runs any number of
models on the same split, returning one report per model in the documented
format::

    {"protocol": "coldstart", "dataset": "assist2009", "seed": 0, "model": "irt",
     "history_cpu_s": 0.3,
     "results": [{"policy": "random", "n": 1, "auc": ..., "acc": ..., "logloss": ...,
                  "ece": ..., "students": ..., "responses": ..., "adapt_ms_median": ...}]}

``kt`` results have no ``policy``/``n`` and report ``predict_ms_per_student``
(the models predict a whole test set at once) instead of ``adapt_ms_median``.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Callable, Sequence

from engine.data import load_responses
from engine.errors import LamplightError
from engine.evaluation import protocols
from engine.evaluation.models import COLDSTART, KT, PROTOCOLS, resolve_model
from engine.files import write_text

Progress = Callable[[str], None]


def dataset_name(path: str | Path) -> str:
    """The dataset's name: its folder's name (the parent folder for a file)."""
    path = Path(path).resolve()
    return path.name if path.is_dir() else path.parent.name


def evaluate(data: str | Path, protocol: str = COLDSTART, models: Sequence[str | None] = (None,), seed: int = 0,
             ns: Sequence[int] = protocols.DEFAULT_NS, policies: Sequence[str] = protocols.POLICIES,
             max_students: int | None = None, progress: Progress | None = None) -> list[dict[str, Any]]:
    """Run one protocol on a dataset for each model (name, path or None for the default); one report each."""
    if protocol not in PROTOCOLS:
        raise LamplightError(f"Unknown protocol {protocol!r}; use coldstart or kt.")
    unknown = [policy for policy in policies if policy not in protocols.KNOWN_POLICIES]
    if protocol == COLDSTART and (unknown or not policies or not ns):
        raise LamplightError(f"Cold start needs --ns and --policy ({', '.join(protocols.KNOWN_POLICIES)}); "
                             f"got policies {list(policies)} and ns {list(ns)}.")
    say = progress or (lambda message: None)
    instances = [resolve_model(name, protocol) for name in models]  # fail on a bad name before the slow part
    say(f"loading {data}")
    responses = load_responses(data)
    reports = []
    if protocol == COLDSTART:
        split = protocols.coldstart_split(responses, seed, max_students)
        say(f"{len(split.history)} history responses, {len(split.test)} test students")
        for name, model in zip(models, instances):
            label = getattr(model, "name", None) or str(name)
            say(f"{label}: calibrating")
            cpu = protocols.calibrate_model(model, split)
            say(f"{label}: evaluating")
            results = protocols.run_coldstart(model, split, ns, policies, progress=lambda m: say(f"{label}: {m}"))
            reports.append(_report(protocol, data, seed, label, cpu, results))
    else:
        train, test = protocols.kt_split(responses, seed, max_students)
        say(f"{len(train)} training responses, {len(test)} test responses")
        for name, model in zip(models, instances):
            label = getattr(model, "name", None) or str(name)
            say(f"{label}: fitting")
            if hasattr(model, "progress"):  # the sequence models report each epoch
                model.progress = lambda message, label=label: say(f"{label}: {message}")
            cpu = protocols.fit_sequence_model(model, train)
            say(f"{label}: predicting")
            reports.append(_report(protocol, data, seed, label, cpu, protocols.run_kt(model, test)))
    return reports


def _report(protocol: str, data: str | Path, seed: int, model: str, cpu: float, results: list[dict]) -> dict:
    return {"protocol": protocol, "dataset": dataset_name(data), "seed": seed, "model": model,
            "history_cpu_s": round(cpu, 3), "results": results}


def _number(value: float, digits: int) -> str:
    return "nan" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def format_table(reports: Sequence[dict[str, Any]]) -> str:
    """The reports as one plain-text table, one line per model and result row."""
    if not reports:
        return ""
    kt = reports[0]["protocol"] == KT
    header = ["model", *([] if kt else ["policy", "n"]), "AUC", "acc", "logloss", "ECE", "students", "responses",
              "ms/student" if kt else "adapt ms", "history cpu s"]
    lines = []
    for report in reports:
        for result in report["results"]:
            timing = result.get("predict_ms_per_student", result.get("adapt_ms_median"))
            lines.append([report["model"], *([] if kt else [result["policy"], str(result["n"])]),
                          _number(result["auc"], 4), _number(result["acc"], 4), _number(result["logloss"], 4),
                          _number(result["ece"], 4), str(result["students"]), str(result["responses"]),
                          _number(timing, 2), _number(report["history_cpu_s"], 1)])
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    title = f"{reports[0]['protocol']} on {reports[0]['dataset']}, seed {reports[0]['seed']}"
    render = lambda row: "  ".join(cell.ljust(w) if i < (1 if kt else 2) else cell.rjust(w)
                                   for i, (cell, w) in enumerate(zip(row, widths)))
    return "\n".join([title, render(header), render(["-" * w for w in widths]), *map(render, lines)])


def write_json(reports: Sequence[dict[str, Any]], path: str | Path) -> None:
    """One model: the report object; several: a list of report objects (same order as the table)."""
    payload: Any = reports[0] if len(reports) == 1 else list(reports)
    write_text(path, json.dumps(payload, indent=1) + "\n", make_folder=True)
