"""Timings of the store's everyday operations, printed by ``python -m engine store-bench``.

Runs in a temporary data folder (never the teacher's). Figures are wall-clock
seconds on this machine and vary with its load: report them with the machine.
"""
from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Callable


def _timed(label: str, action: Callable[[], object], results: list[tuple[str, float, str]], note: str = "") -> object:
    start = time.perf_counter()
    value = action()
    results.append((label, time.perf_counter() - start, note))
    return value


def run(log_file: Path | None = None, answers: int = 500) -> list[tuple[str, float, str]]:
    """(operation, seconds, note) for a demo class, and for ``log_file`` when given."""
    from engine.store import Store
    from engine.store.demo import create_demo_class
    from engine.store.importers import import_pack, import_responses
    from engine.store.starter_pack import starter_pack_path

    results: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="lamplight-bench-") as folder:
        store = _timed("create a new store", lambda: Store.open(folder, check=True), results)
        _timed("import the starter pack", lambda: import_pack(store, starter_pack_path()), results, "442 exercises")
        class_id = _timed("create the demo class", lambda: create_demo_class(store, start=date(2026, 3, 2)), results)
        n = sum(store.answer_counts(class_id).values())
        _timed("class_log (demo class)", lambda: store.class_log(class_id), results, f"{n} answers")
        student = store.list_students(class_id)[0].id
        exercise = store.list_exercises()[0].id
        _timed(f"record_response x{answers}", lambda: [store.record_response(student, exercise, 1) for _ in range(answers)], results,
               "one transaction each, as practice mode does")
        _timed("open a second Store (per-thread open)", lambda: Store.open(folder).close(), results)
        backup = _timed("backup_now", store.backup_now, results)
        _timed("restore that backup", lambda: store.restore(backup), results, "includes the pre-restore backup")
        if log_file is not None:
            report = _timed(f"import {log_file}", lambda: import_responses(store, log_file), results)
            _timed("class_log (imported class)", lambda: store.class_log(report.class_id), results, f"{report.responses} answers")
            _timed("backup_now (with the imported class)", store.backup_now, results,
                   f"{Path(store.path).stat().st_size / 2**20:.0f} MiB store")
            _timed("integrity_check", store.integrity_problems, results)
        store.close()
    return results
