"""The classroom benchmark: what a teacher waits for, on classes with a year of answers.

``python -m engine bench --scenario classroom --json OUT`` builds classes of 60
students with 100, 1,000 and 3,000 answers each (the longest histories of
``../shared/data/assist2017``, or synthetic answers when it is absent) in a
temporary data folder, and times, through :class:`engine.classroom.Classroom`
exactly as the app calls it: the class's first calibration (once per class, then
stored), opening the class as a new process does (the stored calibration read
back) with its dashboard, the dashboard again, a student page, the dashboard
right after one new answer, worksheets for the whole class, and the background
re-calibration. Each class is built in one process and measured in another, so
the peak memory is what the app itself needs.
"""
from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

SIZES = (100, 1000, 3000)
STUDENTS = 60


def _histories(students: int, answers: int, data: Path | None, seed: int) -> tuple[list[list[tuple[str, tuple[str, ...], float]]], str]:
    """``students`` answer histories of ``answers`` each: (item, skills, score)."""
    if data is not None and (data / "responses.csv.gz").exists():
        from engine.data import load_responses

        log = load_responses(data)
        by_student: dict[str, list[tuple[str, tuple[str, ...], float]]] = {}
        for s, i, k, c in zip(log.student_ids, log.item_ids, log.skill_ids, log.correct):
            by_student.setdefault(s, []).append((i, tuple(k), float(c)))
        longest = sorted(by_student.values(), key=len, reverse=True)[:students]
        return [h[:answers] for h in longest], f"{data.name} ({students} longest histories)"
    rng = random.Random(seed)
    skills = [f"skill-{k}" for k in range(15)]
    items = [(f"item-{n}", (skills[n % 15],), rng.gauss(0, 1)) for n in range(450)]
    result = []
    for _ in range(students):
        ability = rng.gauss(0, 1)
        history = []
        for t in range(answers):
            item, sk, b = rng.choice(items)
            p = 1 / (1 + pow(2.718281828, -(ability + t / max(1, answers) - b)))
            history.append((item, sk, float(rng.random() < p)))
        result.append(history)
    return result, "synthetic (450 exercises, 15 skills)"


def build_class(folder: Path, answers: int, data: Path | None, seed: int = 0) -> tuple[Any, int, str]:
    """A store in ``folder`` with one class of 60 students and ``answers`` answers each, a year long."""
    from engine.store import Store

    histories, source = _histories(STUDENTS, answers, data, seed)
    store = Store.open(folder)
    class_id = store.create_class("Benchmark class")
    skill_ids: dict[str, str] = {}
    exercise_ids: dict[str, int] = {}
    start = datetime(2025, 9, 1, 8, tzinfo=timezone.utc)
    rows = []
    for n, history in enumerate(histories):
        student = store.add_student(class_id, f"Student {n + 1}")
        step = timedelta(days=300) / max(1, len(history))
        for t, (item, skills, score) in enumerate(history):
            if item not in exercise_ids:
                keys = []
                for skill in skills:
                    if skill not in skill_ids:
                        skill_ids[skill] = store.add_skill(f"Skill {skill}", skill_id=f"s-{len(skill_ids)}")
                    keys.append(skill_ids[skill])
                exercise_ids[item] = store.add_exercise(f"Exercise {item}", "numeric", "1", skills=keys)
            moment = (start + step * t).isoformat()
            rows.append({"student_id": student, "exercise_id": exercise_ids[item], "score": score, "time": moment, "source": "import"})
    store.db["responses"].insert_all(rows, batch_size=5000)
    return store, class_id, source


def add_twin_class(store: Any, class_id: int, name: str) -> int:
    """A second class whose students have the same answers as ``class_id``'s (a class to switch to); returns its id."""
    twin_class = store.create_class(name)
    rows = []
    for student in store.list_students(class_id):
        twin = store.add_student(twin_class, f"{student.name} (B)")
        rows += [{"student_id": twin, "exercise_id": e, "score": s, "time": t, "source": "import"}
                 for e, s, t in store.db.execute("SELECT exercise_id, score, time FROM responses WHERE student_id = ?", [student.id])]
    store.db["responses"].insert_all(rows, batch_size=5000)
    return twin_class


def _median_ms(action: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def measure(folder: Path, repeats: int = 5) -> dict[str, Any]:
    """Every figure for the class built in ``folder`` (run in a fresh process: peak memory is the app's own)."""
    from engine.classroom import Classroom, live
    from engine.store import Store

    store = Store.open(folder)
    class_id = store.list_classes()[0].id
    room = Classroom(store)
    start = time.perf_counter()
    room.service(class_id)
    first_calibration = time.perf_counter() - start
    live.forget()
    start = time.perf_counter()
    room.dashboard(class_id)
    open_dashboard = time.perf_counter() - start
    dashboard = _median_ms(lambda: room.dashboard(class_id), repeats)
    students = [s.id for s in store.list_students(class_id)]
    exercise = store.list_exercises()[0].id
    page_times = [_median_ms(lambda s=s: room.student_page(class_id, s), 1) for s in students[:repeats * 4]]
    rng = random.Random(0)

    def new_answer_then_dashboard() -> None:
        room.record_answer(class_id, rng.choice(students), exercise, float(rng.random() < 0.5))
        room.dashboard(class_id)

    after_answer = _median_ms(new_answer_then_dashboard, repeats)
    start = time.perf_counter()
    room.overviews(class_id, None, steps=10, worksheets=True)
    worksheets = time.perf_counter() - start
    start = time.perf_counter()
    room.recalibrate(class_id)
    recalibration = time.perf_counter() - start
    answers = store.class_answer_mark(class_id)[0]
    store.close()
    return {
        "students": len(students), "answers": answers,
        "first_calibration_s": round(first_calibration, 2),
        "open_class_and_dashboard_s": round(open_dashboard, 2),
        "dashboard_ms": dashboard,
        "student_page_ms": round(statistics.median(page_times), 1),
        "dashboard_after_new_answer_ms": after_answer,
        "worksheets_whole_class_s": round(worksheets, 2),
        "background_recalibration_s": round(recalibration, 2),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def run(sizes: tuple[int, ...] = SIZES, data: Path | None = None, json_out: str | None = None) -> list[dict[str, Any]]:
    """Build each size's class in one process, measure it in another, and print the table."""
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="lamplight-classroom-bench-") as folder:
            build = [sys.executable, "-m", "engine.bench.classroom", "build", str(size), folder] + ([str(data)] if data else [])
            source = subprocess.run(build, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
            command = [sys.executable, "-m", "engine.bench.classroom", "measure", folder]
            output = subprocess.run(command, check=True, capture_output=True, text=True, env=dict(os.environ)).stdout
        results.append({"answers_per_student": size, "source": source, **json.loads(output.strip().splitlines()[-1])})
        print(_line(results[-1]), flush=True)
    if json_out:
        Path(json_out).write_text(json.dumps(results, indent=2))
    return results


def _line(r: dict[str, Any]) -> str:
    return (f"60 x {r['answers_per_student']:>5}: student page {r['student_page_ms']} ms | dashboard {r['dashboard_ms']} ms | "
            f"after a new answer {r['dashboard_after_new_answer_ms']} ms | worksheets {r['worksheets_whole_class_s']} s | "
            f"open class + dashboard {r['open_class_and_dashboard_s']} s | first calibration {r['first_calibration_s']} s | "
            f"background recalibration {r['background_recalibration_s']} s | peak {r['peak_memory_mb']} MB  [{r['source']}]")


if __name__ == "__main__":
    if sys.argv[1] == "build":
        built = build_class(Path(sys.argv[3]), int(sys.argv[2]), Path(sys.argv[4]) if len(sys.argv) > 4 else None)
        built[0].close()
        print(built[2])
    else:
        print(json.dumps(measure(Path(sys.argv[2]))))
