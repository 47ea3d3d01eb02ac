"""The quiz-pick benchmark: how long a teacher waits after pressing Pick on a class with a year of answers.

``python -m engine bench --scenario quiz-pick [--sizes demo,100,1000,3000] [--json OUT]`` builds a
class of 60 students with that many answers each (the longest assist2017 histories, as the
classroom benchmark does; synthetic when absent; ``demo``: the demo class the app offers at
first start, 30 students and 4 weeks of answers) in one process, then measures in a fresh one,
through :class:`engine.classroom.Classroom` exactly as the New quiz dialog calls it:

* ``first_pick_wait_s``: a class never calibrated (just imported, or the demo class before its
  background calibration ended): the first guess the dialog ticks at once;
* ``calibrating_pick_s``: the pick that calibrates the class (once per class, then stored);
  before the first guess existed, this was the teacher's wait; now it runs in the background;
* ``pick_new_process_s``: the class calibrated and stored, the app started again (nothing in
  memory): the pick reads the stored calibration and fits nothing;
* ``pick_again_ms``: the same process picks again (the class kept in memory).

Each figure is one run in a process of its own making (imports included: the app pays them
too), with torch limited to one thread as the app does (one core left for the screen).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SIZES = (100, 1000, 3000)
PER_SKILL = 2


def _seconds(action: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def measure(folder: Path, step: str) -> dict[str, Any]:
    """One step in this (fresh) process: ``first`` (never calibrated) or ``stored`` (after the first calibration)."""
    from engine.classroom import Classroom
    from engine.store import Store

    store = Store.open(folder)
    class_id = store.list_classes()[0].id
    room = Classroom(store)
    figures: dict[str, Any] = {}
    if step == "first":
        assert room.first_look(class_id), "the class was calibrated already"
        figures["first_pick_wait_s"], first = _seconds(lambda: room.pick_quiz_exercises(class_id, PER_SKILL, first_guess=True))
        figures["calibrating_pick_s"], final = _seconds(lambda: room.pick_quiz_exercises(class_id, PER_SKILL))
        figures["first_guess_kept_share"] = round(len(set(first) & set(final)) / max(1, len(final)), 2)
        figures["exercises_picked"] = len(final)
    else:
        assert not room.first_look(class_id), "the class's calibration was not stored"
        figures["pick_new_process_s"], _ = _seconds(lambda: room.pick_quiz_exercises(class_id, PER_SKILL, first_guess=True))
        again, _ = _seconds(lambda: room.pick_quiz_exercises(class_id, PER_SKILL, first_guess=True))
        figures["pick_again_ms"] = again * 1000
        figures["answers"] = store.class_answer_mark(class_id)[0]
    store.close()
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in figures.items()}


def _in_a_new_process(*args: str) -> str:
    command = [sys.executable, "-m", "engine.bench.quiz_pick", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True, env=dict(os.environ)).stdout.strip().splitlines()[-1]


def run(sizes: tuple[int | str, ...] = SIZES, data: Path | None = None, json_out: str | None = None) -> list[dict[str, Any]]:
    """Build each size's class, measure the first pick and the stored-calibration pick in new processes, print a table."""
    results = []
    for size in sizes:
        size = str(size).strip()
        with tempfile.TemporaryDirectory(prefix="lamplight-quiz-pick-bench-") as folder:
            source = _in_a_new_process("build", size, folder, *([str(data)] if data and size != "demo" else []))
            first = json.loads(_in_a_new_process("measure", folder, "first"))
            stored = json.loads(_in_a_new_process("measure", folder, "stored"))
        results.append({"answers_per_student": size if size == "demo" else int(size), "source": source, **first, **stored})
        print(_line(results[-1]), flush=True)
    if json_out:
        Path(json_out).write_text(json.dumps(results, indent=2))
    return results


def build_demo(folder: Path) -> str:
    """The demo class the app offers at first start (30 students, 4 weeks of answers) in ``folder``."""
    from engine.store import Store
    from engine.store.demo import create_demo_class

    with Store.open(folder) as store:
        create_demo_class(store)
    return "the demo class (30 students, 4 weeks)"


def _line(r: dict[str, Any]) -> str:
    who = "demo class" if r["answers_per_student"] == "demo" else f"60 x {r['answers_per_student']:>5}"
    return (f"{who} ({r['answers']} answers): first Pick waits {r['first_pick_wait_s']} s "
            f"(first guess; {r['first_guess_kept_share']:.0%} of it kept) | calibrating pick (background) {r['calibrating_pick_s']} s | "
            f"pick in a new process, calibration stored {r['pick_new_process_s']} s | pick again {r['pick_again_ms']} ms  [{r['source']}]")


if __name__ == "__main__":
    if sys.argv[1] == "build" and sys.argv[2] == "demo":
        print(build_demo(Path(sys.argv[3])))
    elif sys.argv[1] == "build":
        from engine.bench.classroom import build_class

        built = build_class(Path(sys.argv[3]), int(sys.argv[2]), Path(sys.argv[4]) if len(sys.argv) > 4 else None)
        built[0].close()
        print(built[2])
    else:
        from engine.device import reserve_a_core_for_the_gui

        reserve_a_core_for_the_gui()  # as the app does: torch leaves one core to the screen
        print(json.dumps(measure(Path(sys.argv[2]), sys.argv[3])))
