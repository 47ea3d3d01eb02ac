"""A class in a real store with known names, ids, typed answers and times, on the starter pack."""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest

from engine.store import Store
from engine.store.importers import import_pack
from engine.store.starter_pack import starter_pack_path

NAMES = [f"Zanele Quixby{i:02d}" for i in range(14)]
EXTERNAL_IDS = [f"EXT-7{i:04d}-Q" for i in range(14)]


@dataclass
class KnownClass:
    store: Store
    class_id: int
    student_ids: list[int]
    answers: list[str]  # typed answers, each unique
    times: list[str]
    sequences: dict[int, list[int]]  # each student's correctness in order
    rare_key: str  # an exercise only 5 students answered
    names: tuple[str, ...] = tuple(NAMES)
    external_ids: tuple[str, ...] = tuple(EXTERNAL_IDS)


@pytest.fixture
def known_class(data_dir: Path) -> KnownClass:
    store = Store.open(data_dir)
    import_pack(store, starter_pack_path())
    exercises = [e for e in store.list_exercises() if e.key.startswith("starter-math:")][:31]
    class_id = store.create_class("Kestrel Room 7")
    rng = random.Random(4)
    students = [store.add_student(class_id, name, external_id=ext) for name, ext in zip(NAMES, EXTERNAL_IDS)]
    answers, times, sequences = [], [], {}
    for n, student in enumerate(students):
        ability = rng.gauss(0, 1)
        chosen = ([exercises[30]] if n < 5 else []) + rng.sample(exercises[:30], 25)  # the rare one first: shared
        sequences[student] = []
        for m, exercise in enumerate(chosen):
            correct = int(rng.random() < 1 / (1 + 2.718 ** (-(ability + 0.3 * (m % 5) - 0.5))))
            answer = f"typed-{student}-{m}-xq"
            when = f"2025-02-{1 + m % 27:02d}T08:{m % 60:02d}:17+00:00"
            store.record_response(student, exercise.id, correct, answer=answer, time=when, source="practice")
            answers.append(answer)
            times.append(when)
            sequences[student].append(correct)
    yield KnownClass(store, class_id, students, answers, times, sequences, exercises[30].key)
    store.close()

