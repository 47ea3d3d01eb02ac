"""Read response logs in the shared data format and cut a "class" out of a dataset.

Format (``../shared/data/README.md``): ``student_id, item_id, skill_ids
(';'-separated), correct, position``; other columns are ignored. Used by the
adapt commands and benchmarks; the rows come from the one reader of the
format (:mod:`engine.csv_files`, through :func:`engine.data.load_responses`).
"""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from engine.data import load_responses
from engine.errors import LamplightError
from engine.model.interface import Responses

def read_responses(path: Path | str) -> Responses:
    """A dataset folder (with ``responses.csv.gz``) or a .csv / .csv.gz file, grouped by student in position order.

    The one loader of the format, :func:`engine.data.load_responses`, without its ``extra`` columns.
    """
    log = load_responses(path)
    return Responses(log.student_ids, log.item_ids, log.skill_ids, log.correct)


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
