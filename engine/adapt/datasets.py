"""Read response logs in the shared data format and cut a "class" out of a dataset.

Format (``../shared/data/README.md``): ``student_id, item_id, skill_ids
(';'-separated), correct, position``; other columns are ignored. Used by the
adapt commands and benchmarks; the store has its own importer for teachers.
"""
from __future__ import annotations

import csv
import gzip
import random
from pathlib import Path

import numpy as np

from engine.errors import LamplightError
from engine.model.interface import Responses

REQUIRED = ("student_id", "item_id", "skill_ids", "correct", "position")


def read_responses(path: Path | str) -> Responses:
    """A dataset folder (with ``responses.csv.gz``) or a .csv / .csv.gz file, grouped by student in position order."""
    path = Path(path)
    if path.is_dir():
        path = path / "responses.csv.gz"
    if not path.exists():
        raise LamplightError(f"no response log at {path}")
    opener = gzip.open if path.suffix == ".gz" else open
    rows: dict[str, list[tuple[int, int, str, tuple[str, ...], float]]] = {}
    with opener(path, "rt", newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise LamplightError(f"{path}: missing column(s) {', '.join(missing)}")
        for line, record in enumerate(reader, start=2):
            try:
                entry = (
                    int(record["position"]),
                    line,
                    record["item_id"],
                    tuple(s for s in record["skill_ids"].split(";") if s),
                    float(record["correct"]),
                )
            except ValueError as exc:
                raise LamplightError(f"{path}, line {line}: {exc}") from exc
            if not 0.0 <= entry[4] <= 1.0:
                raise LamplightError(f"{path}, line {line}: correct must be between 0 and 1, got {entry[4]}")
            rows.setdefault(record["student_id"], []).append(entry)
    sids, items, skills, correct = [], [], [], []
    for student, entries in rows.items():
        for _, _, item, skill_ids, score in sorted(entries):
            sids.append(student)
            items.append(item)
            skills.append(skill_ids)
            correct.append(score)
    return Responses(sids, items, skills, np.array(correct, dtype=np.float32))


def sample_class(log: Responses, students: int, answers: int, seed: int = 0) -> Responses:
    """``students`` random students with at least ``answers / students`` answers each, cut to that many.

    A stand-in for one teacher's class (same number of answers per student);
    the choice is reproducible from ``seed``.
    """
    per_student = max(1, answers // max(1, students))
    rows_of: dict[str, list[int]] = {}
    for row, student in enumerate(log.student_ids):
        rows_of.setdefault(student, []).append(row)
    eligible = sorted(s for s, rows in rows_of.items() if len(rows) >= per_student)
    if len(eligible) < students:
        raise LamplightError(f"only {len(eligible)} students have {per_student} or more answers; ask for fewer")
    chosen = random.Random(seed).sample(eligible, students)
    keep = [r for s in chosen for r in rows_of[s][:per_student]]
    return Responses(
        [log.student_ids[r] for r in keep],
        [log.item_ids[r] for r in keep],
        [log.skill_ids[r] for r in keep],
        np.asarray(log.correct)[keep],
    )
