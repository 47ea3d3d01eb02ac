"""Schools whose answers a district model can learn from: for tests of adopting a district model that is better.

A district model is checked on each child's latest answers, which the school's own update never shares, so it is
adopted only where other schools' answers teach it something about the class's exercises.
"""
from __future__ import annotations

import random
from pathlib import Path

from engine.store import Store
from engine.store.importers import import_pack
from engine.store.starter_pack import starter_pack_path


def school_of_real_difficulties(folder: Path, seed: int, students: int, per_student: int) -> tuple[Store, int]:
    """A school whose answers follow one ability per child and one difficulty per exercise, the same for every school
    (-3 to 3 logits over 30 starter exercises): what other schools' answers can teach a district model about a class."""
    import math

    store = Store.open(folder)
    import_pack(store, starter_pack_path())
    exercises = [e for e in store.list_exercises() if e.key.startswith("starter-math:")][:30]
    rated = random.Random(0)
    difficulty = {e.id: rated.uniform(-3, 3) for e in exercises}
    rng = random.Random(seed)
    class_id = store.create_class("Room")
    for n in range(students):
        student = store.add_student(class_id, f"Child {n}")
        ability = rng.gauss(0, 1)
        for m, exercise in enumerate(rng.sample(exercises, per_student)):
            right = rng.random() < 1 / (1 + math.exp(difficulty[exercise.id] - ability))
            store.record_response(student, exercise.id, float(right), time=f"2025-02-{1 + m:02d}T08:00:00+00:00", source="practice")
    return store, class_id


def a_district_that_knows_the_exercises(folder: Path, key: bytes | None = None) -> tuple[Store, int, Path]:
    """(a class of 14 children with 20 answers each, its id, a district model from four other schools of 30 children
    and 25 answers each and this class's own update). The district model predicts the class's latest answers better
    than the class's own model: it knows the exercises from 3,000 answers (seed chosen among six that all adopt)."""
    from engine.district.laptop import aggregate_files, export_class_update
    from engine.district.pack import load_shared_pack
    from engine.district.update import UpdateSettings

    pack, files = load_shared_pack(), []
    for n in range(4):
        other, other_class = school_of_real_difficulties(folder / f"school-{n}", 10 + n, 30, 25)
        files.append(folder / f"school-{n}.json")
        export_class_update(other, other_class, files[-1], pack, UpdateSettings(meta_steps=5), key=key)
        other.close()
    store, class_id = school_of_real_difficulties(folder / "ours", 101, 14, 20)
    files.append(folder / "ours.json")
    export_class_update(store, class_id, files[-1], pack, UpdateSettings(meta_steps=5), key=key)
    aggregate_files(files, pack, folder / "district.json", key=key)
    return store, class_id, folder / "district.json"



def other_demo_schools(folder: Path, key: bytes | None = None) -> list[Path]:
    """The update files of three other schools' demo classes (30 children, 8 weeks each, signed with ``key``)."""
    from engine.district.laptop import export_class_update
    from engine.district.pack import load_shared_pack
    from engine.district.update import UpdateSettings
    from engine.store.demo import create_demo_class

    files = []
    for n in range(3):
        with Store.open(folder / f"school-{n}") as store:
            class_id = create_demo_class(store, seed=10 + n, weeks=8)
            files.append(folder / f"school-{n}.json")
            export_class_update(store, class_id, files[-1], load_shared_pack(), UpdateSettings(meta_steps=5), key=key)
    return files


def class_the_district_helps(store: Store, name: str, language: str = "en") -> int:
    """A demo class of 12 children over 3 weeks whose own model the district model of :func:`other_demo_schools` and
    its update beats on its latest answers (log loss 0.60 against 0.69; seed 1, where seed 0's own model wins)."""
    from engine.store.demo import create_demo_class

    return create_demo_class(store, seed=1, students=12, weeks=3, name=name, language=language)
