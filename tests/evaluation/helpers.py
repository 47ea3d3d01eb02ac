"""Small generated datasets for the evaluation tests."""
from __future__ import annotations

import csv
import gzip
from pathlib import Path

import numpy as np

from engine.model.interface import Responses


def simulate_irt(students: int = 200, items: int = 60, per_student: int = 40, seed: int = 0,
                 skills: int = 6, learning: float = 0.0, repeats: bool = False) -> Responses:
    """Rasch-model answers (abilities and difficulties ~ N(0, 1)); ``learning`` adds ability per earlier answer
    on the same skill, so knowledge-tracing models have something to trace."""
    rng = np.random.default_rng(seed)
    ability = rng.normal(size=students)
    difficulty = rng.normal(size=items)
    skill_of = rng.integers(0, skills, size=items)
    student_ids, item_ids, skill_ids, correct = [], [], [], []
    for s in range(students):
        asked = rng.choice(items, size=per_student, replace=repeats)
        practice = np.zeros(skills)
        for i in asked:
            p = 1 / (1 + np.exp(-(ability[s] + learning * practice[skill_of[i]] - difficulty[i])))
            student_ids.append(f"s{s}")
            item_ids.append(f"i{i}")
            skill_ids.append((f"k{skill_of[i]}",))
            correct.append(float(rng.random() < p))
            practice[skill_of[i]] += 1
    return Responses(student_ids, item_ids, skill_ids, np.asarray(correct, dtype=np.float32),
                     extra={"position": [0] * len(item_ids)})


def write_dataset(folder: Path, responses: Responses, gz: bool = True, extra_columns: dict | None = None) -> Path:
    """Write a log in the shared dataset format (positions numbered per student)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ("responses.csv.gz" if gz else "responses.csv")
    opener = gzip.open if gz else open
    extra_columns = extra_columns or {}
    with opener(path, "wt", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", "item_id", "skill_ids", "correct", "position", *extra_columns])
        position: dict[str, int] = {}
        for row, (s, i, k, c) in enumerate(zip(responses.student_ids, responses.item_ids, responses.skill_ids,
                                               responses.correct.tolist())):
            position[s] = position.get(s, -1) + 1
            writer.writerow([s, i, ";".join(k), int(c), position[s], *(v[row] for v in extra_columns.values())])
    return path
