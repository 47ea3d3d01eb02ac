"""Reading response logs in the shared dataset format into :class:`Responses`.

The format (``responses.csv.gz`` or ``responses.csv``) has the columns
``student_id, item_id, skill_ids, correct, position`` and optionally ``split``
and ``fold`` (kept in ``Responses.extra``); other columns are ignored.
``skill_ids`` is ``;``-separated and may be empty.

Rows come back grouped by student (students in order of first appearance in
the file), then by ``position``; file order breaks ties. The rows come from
:mod:`engine.csv_files`, the one reader of this format (the store's importer
uses it too), which refuses structural faults by line; whole columns are then
converted with numpy, so a million rows load in a few seconds, and on a bad
value the loader goes back to find and name the offending line.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np

from engine.csv_files import open_table
from engine.errors import LamplightError
from engine.model.interface import Responses

REQUIRED_COLUMNS = ("student_id", "item_id", "skill_ids", "correct", "position")
KEPT_EXTRA_COLUMNS = ("split", "fold")


def responses_file(folder_or_file: str | Path) -> Path:
    """The responses file of a dataset folder (``responses.csv.gz``, else ``responses.csv``), or the file itself."""
    path = Path(folder_or_file)
    if path.is_dir():
        for name in ("responses.csv.gz", "responses.csv"):
            if (path / name).exists():
                return path / name
        raise LamplightError(f"No responses.csv.gz or responses.csv in {path}.")
    if not path.exists():
        raise LamplightError(f"Responses file {path} does not exist.")
    return path


def _read_rows(file: Path) -> tuple[list[str], list[list[str]], list[int]]:
    """(header, rows, line numbers) through the one reader of the format (:mod:`engine.csv_files`)."""
    rows, lines = [], []
    with open_table(file) as table:
        for line, cells in table.rows():
            rows.append(cells)
            lines.append(line)
        return table.header, rows, lines


def _first_bad_line(file: Path, values: Iterable[str], lines: list[int], column: str, check) -> LamplightError:
    for line, value in zip(lines, values):
        try:
            check(value)
        except ValueError:
            return LamplightError(f"{file} line {line}: {column} is {value!r}; {check.__doc__}")
    return LamplightError(f"{file}: bad {column} values.")


def _correct_value(value: str) -> float:
    """expected a number from 0 to 1."""
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise ValueError(value)
    return number


def _position_value(value: str) -> int:
    """expected a whole number (the response's order within the student)."""
    return int(value)


def load_responses(folder_or_file: str | Path) -> Responses:
    """All rows of a dataset, grouped by student and in ``position`` order.

    ``extra`` holds ``position`` (ints) and, when the file has them, ``split``
    and ``fold`` (strings), in the same row order.
    """
    file = responses_file(folder_or_file)
    header, rows, lines = _read_rows(file)
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise LamplightError(f"{file}: missing column(s) {', '.join(missing)} in the header line.")
    width = len(header)
    columns = list(zip(*rows)) if rows else [()] * width
    column = {name: columns[header.index(name)] for name in header if name in REQUIRED_COLUMNS + KEPT_EXTRA_COLUMNS}

    try:
        correct = np.asarray(column["correct"], dtype=np.float32) if rows else np.zeros(0, np.float32)
    except ValueError:
        raise _first_bad_line(file, column["correct"], lines, "correct", _correct_value) from None
    if rows and (not np.isfinite(correct).all() or correct.min() < 0 or correct.max() > 1):
        raise _first_bad_line(file, column["correct"], lines, "correct", _correct_value)
    try:
        position = np.asarray(column["position"], dtype=np.int64) if rows else np.zeros(0, np.int64)
    except ValueError:
        raise _first_bad_line(file, column["position"], lines, "position", _position_value) from None

    student_codes = {student: code for code, student in enumerate(dict.fromkeys(column["student_id"]))}
    students = np.fromiter(map(student_codes.__getitem__, column["student_id"]), dtype=np.int64, count=len(rows))
    order = np.lexsort((np.arange(len(rows)), position, students))

    student_col, item_col, skill_col = column["student_id"], column["item_id"], column["skill_ids"]
    parsed = {text: tuple(s.strip() for s in text.split(";") if s.strip()) for text in set(skill_col)}
    extra: dict[str, list] = {"position": position[order].tolist()}
    if np.array_equal(order, np.arange(len(rows))):  # already grouped and ordered, as the shared datasets are
        for name in KEPT_EXTRA_COLUMNS:
            if name in column:
                extra[name] = list(column[name])
        return Responses(student_ids=list(student_col), item_ids=list(item_col),
                         skill_ids=[parsed[text] for text in skill_col], correct=correct, extra=extra)
    ordered = order.tolist()
    for name in KEPT_EXTRA_COLUMNS:
        if name in column:
            values = column[name]
            extra[name] = [values[i] for i in ordered]
    return Responses(
        student_ids=[student_col[i] for i in ordered],
        item_ids=[item_col[i] for i in ordered],
        skill_ids=[parsed[skill_col[i]] for i in ordered],
        correct=correct[order],
        extra=extra,
    )


def load_skill_names(folder: str | Path) -> dict[str, str]:
    """``skill_id -> name`` from the dataset's ``skills.csv`` ({} when the file is absent)."""
    file = Path(folder) / "skills.csv"
    if not file.exists():
        return {}
    with open_table(file) as table:
        i, j = table.column("skill_id"), table.column("name")
        if i is None or j is None:
            raise LamplightError(f"{file}: expected the columns skill_id,name in the header line.")
        return {cells[i]: cells[j] for _, cells in table.rows() if cells[i]}


def subset(responses: Responses, rows: Iterable[int] | np.ndarray) -> Responses:
    """The given rows of a log (in the given order), with their ``extra`` columns."""
    index = np.asarray(rows, dtype=np.int64) if not isinstance(rows, np.ndarray) else rows.astype(np.int64)
    picked = index.tolist()
    return Responses(
        student_ids=[responses.student_ids[i] for i in picked],
        item_ids=[responses.item_ids[i] for i in picked],
        skill_ids=[responses.skill_ids[i] for i in picked],
        correct=np.asarray(responses.correct, dtype=np.float32)[index],
        extra={name: [values[i] for i in picked] for name, values in responses.extra.items()},
    )


MIN_CHECKED_ANSWERS = 30
"""A class's model is replaced (learned on the class, or the district's) only when it was checked on at least this many
held-out answers: on 8 a better score is chance (review 43d: a class of 8 children changed model on 8 answers)."""


def split_holdout(responses: Responses, fraction: float = 0.2, min_answers: int = 5) -> tuple[Responses, Responses]:
    """(training, held out): the last ``fraction`` of each student's answers is held out.

    Students with fewer than ``min_answers`` answers stay wholly in training.
    Row order within each part keeps the log's order.
    """
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"holdout fraction must be between 0 and 1, got {fraction}")
    rows_of: dict[str, list[int]] = {}
    for row, student in enumerate(responses.student_ids):
        rows_of.setdefault(student, []).append(row)
    held = set()
    for rows in rows_of.values():
        if len(rows) >= min_answers:
            count = max(1, int(round(len(rows) * fraction)))
            held.update(rows[-count:])
    train = [r for r in range(len(responses)) if r not in held]
    test = [r for r in range(len(responses)) if r in held]
    return subset(responses, train), subset(responses, test)
