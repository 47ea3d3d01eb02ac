"""Reading a training dataset for meta-training (``python -m engine train``).

Uses ``engine.data.load_responses`` (the evaluation package's reader) when it
is installed, else a small reader of the same ``responses.csv.gz`` format.
Then applies the cold-start protocol's first steps (first attempts, students
with at least 20 of them, sha256 ordering) so that a model meta-trained on a
dataset's history students can be evaluated fairly on its test students.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
from pathlib import Path

import numpy as np

from engine.errors import LamplightError
from engine.model.interface import Responses

MIN_RESPONSES = 20
HISTORY_FRACTION = 0.7


def read_responses(folder: str | Path) -> Responses:
    """All rows of a dataset folder (or file), grouped by student in ``position`` order."""
    try:
        from engine.data import load_responses  # type: ignore[import-not-found]
    except ImportError:
        return _read_csv(Path(folder))
    return load_responses(folder)


def _read_csv(path: Path) -> Responses:
    file = path / "responses.csv.gz" if path.is_dir() else path
    if not file.exists():
        raise LamplightError(f"No responses file at {file} (expected responses.csv.gz).")
    opener = gzip.open if file.suffix == ".gz" else open
    rows = []
    try:
        with opener(file, "rb") as raw:
            reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
            missing = {"student_id", "item_id", "skill_ids", "correct"} - set(reader.fieldnames or [])
            if missing:
                raise LamplightError(f"{file}: missing column(s) {', '.join(sorted(missing))}.")
            for line, row in enumerate(reader, start=2):
                try:
                    correct = float(row["correct"])
                    position = int(row.get("position") or line)
                except (TypeError, ValueError) as exc:
                    raise LamplightError(f"{file} line {line}: bad correct/position value ({exc}).") from exc
                skills = tuple(s for s in (row["skill_ids"] or "").split(";") if s)
                rows.append((row["student_id"], position, line, row["item_id"], skills, correct))
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise LamplightError(f"Cannot read {file}: {exc}.") from exc
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return Responses([r[0] for r in rows], [r[3] for r in rows], [r[4] for r in rows],
                     np.array([r[5] for r in rows], dtype=np.float32))


def first_attempts(responses: Responses) -> Responses:
    """Each student's first attempt at each exercise, in order."""
    seen: set[tuple[str, str]] = set()
    keep = []
    for n, key in enumerate(zip(responses.student_ids, responses.item_ids)):
        if key not in seen:
            seen.add(key)
            keep.append(n)
    return subset(responses, keep)


def subset(responses: Responses, rows: list[int]) -> Responses:
    return Responses([responses.student_ids[n] for n in rows], [responses.item_ids[n] for n in rows],
                     [responses.skill_ids[n] for n in rows], responses.correct[np.asarray(rows, dtype=np.int64)])


def history_students(responses: Responses, seed: int = 0) -> Responses:
    """First attempts of the cold-start protocol's history students (first 70% by sha256 order)."""
    firsts = first_attempts(responses)
    counts: dict[str, int] = {}
    for student in firsts.student_ids:
        counts[student] = counts.get(student, 0) + 1
    kept = sorted((s for s, c in counts.items() if c >= MIN_RESPONSES),
                  key=lambda s: hashlib.sha256(f"{seed}:{s}".encode()).hexdigest())
    history = set(kept[:int(HISTORY_FRACTION * len(kept))])
    return subset(firsts, [n for n, s in enumerate(firsts.student_ids) if s in history])


def prefixed(responses: Responses, prefix: str) -> Responses:
    """The same log with student, exercise and skill ids prefixed (to train on several datasets at once)."""
    return Responses([f"{prefix}/{s}" for s in responses.student_ids], [f"{prefix}/{i}" for i in responses.item_ids],
                     [tuple(f"{prefix}/{k}" for k in ks) for ks in responses.skill_ids], responses.correct)


def concatenate(logs: list[Responses]) -> Responses:
    return Responses([s for r in logs for s in r.student_ids], [i for r in logs for i in r.item_ids],
                     [k for r in logs for k in r.skill_ids], np.concatenate([r.correct for r in logs]))
