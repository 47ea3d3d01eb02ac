"""Written answers waiting for the teacher's mark (the "Mark written answers" screen).

Mixed into ``Store``. A practice answer to a short-text exercise that does not
match the key is not marked wrong: it waits in ``queued_answers``, apart from
``responses``, so the student model, totals and exports never see it until the
teacher marks it. Marking moves it into ``responses`` (with the time the child
answered) in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from engine.errors import LamplightError
from engine.store.clock import to_utc_iso
from engine.store.records import RESPONSE_SOURCES
from engine.store.responses import as_typed_in_order, check_score
from engine.store.transactions import write_transaction

MAX_TYPED_CHARS = 2_000
"""The longest answer a child types (practice) or a teacher types into a quiz cell: a few sentences, as long as an
answer key may be; a field left at Qt's 32,767 took pasted text that every screen then read again. An answers file
is held to it too (review 36b: 60 imported answers of 130,000 characters took the marking screen 26 s)."""


@dataclass(frozen=True)
class QueuedAnswer:
    """A typed answer waiting for a mark."""

    id: int
    student_id: int
    exercise_id: int
    answer: str
    time: str
    source: str
    quiz_id: int | None = None


class QueuedAnswersRepository:
    db: sqlite_utils.Database

    def queue_answer(self, student_id: int, exercise_id: int, answer: str, *, time: Any = None, source: str = "practice",
                     quiz_id: int | None = None) -> int:
        """Keep a typed answer for the teacher to mark; return its id. ``time`` defaults to now (UTC).

        With ``quiz_id`` it is what a student wrote in a cell of that paper quiz: the cell holds one answer,
        so its mark, any answer already waiting there and the student's absence from the quiz go.
        """
        if source not in RESPONSE_SOURCES:
            raise LamplightError(f"Unknown answer source '{source}' (use one of: {', '.join(RESPONSE_SOURCES)}).")
        answer = as_typed_in_order(answer)
        if not answer.strip():
            raise LamplightError("An empty answer cannot wait for a mark.")
        with write_transaction(self.db):
            self.get_student(student_id)  # type: ignore[attr-defined]
            self.get_exercise(exercise_id)  # type: ignore[attr-defined]
            if quiz_id is not None:
                self.set_quiz_score(quiz_id, student_id, exercise_id, None)  # type: ignore[attr-defined]
                self.set_quiz_absent(quiz_id, student_id, False)  # type: ignore[attr-defined]
            cursor = self.db.execute(
                "INSERT INTO queued_answers (student_id, exercise_id, answer, time, source, quiz_id) VALUES (?, ?, ?, ?, ?, ?)",
                [student_id, exercise_id, answer, to_utc_iso(time), source, quiz_id],
            )
        return int(cursor.lastrowid)

    def queued_answers(self, class_id: int, exercise_id: int | None = None) -> list[QueuedAnswer]:
        """The class's answers waiting for a mark (of one exercise, or all), oldest first."""
        where, params = "s.class_id = ?", [class_id]
        if exercise_id is not None:
            where += " AND q.exercise_id = ?"
            params.append(exercise_id)
        rows = self.db.execute(
            "SELECT q.id, q.student_id, q.exercise_id, q.answer, q.time, q.source, q.quiz_id FROM queued_answers q "
            f"JOIN students s ON s.id = q.student_id WHERE {where} ORDER BY q.time, q.id",
            params,
        )
        return [QueuedAnswer(*r) for r in rows]

    def mark_queued(self, queued_id: int, score: float) -> int:
        """Give a waiting answer its mark: it becomes a response (same student, time and text); return the response id."""
        value = check_score(score)
        with write_transaction(self.db):
            row = self.db.execute("SELECT student_id, exercise_id, answer, time, source, quiz_id FROM queued_answers WHERE id = ?",
                                  [queued_id]).fetchone()
            if row is None:
                raise LamplightError("This answer has already been marked or was deleted.")
            student_id, exercise_id, answer, moment, source, quiz_id = row
            cursor = self.db.execute(
                "INSERT INTO responses (student_id, exercise_id, score, answer, time, source, quiz_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [student_id, exercise_id, value, answer, moment, source, quiz_id],
            )
            self.db.execute("DELETE FROM queued_answers WHERE id = ?", [queued_id])
        return int(cursor.lastrowid)

    def unmark_response(self, response_id: int) -> int:
        """Put a marked typed answer back among those waiting (the teacher undid its mark); return the waiting id."""
        with write_transaction(self.db):
            row = self.db.execute("SELECT student_id, exercise_id, answer, time, source, quiz_id FROM responses WHERE id = ?",
                                  [response_id]).fetchone()
            if row is None or not str(row[2] or "").strip():
                raise LamplightError("This answer was deleted meanwhile.")
            cursor = self.db.execute(
                "INSERT INTO queued_answers (student_id, exercise_id, answer, time, source, quiz_id) VALUES (?, ?, ?, ?, ?, ?)", list(row))
            self.db.execute("DELETE FROM responses WHERE id = ?", [response_id])
        return int(cursor.lastrowid)

    def replace_response_score(self, response_id: int, score: float) -> int:
        """Give a stored answer a new mark (the teacher re-marks a typed answer); return the answer's new id
        (see :meth:`set_response_scores`)."""
        return self.set_response_scores([(response_id, score)])[0]

    def typed_responses(self, class_id: int, exercise_id: int) -> list[tuple[int, int, str, float, str]]:
        """The class's stored answers with their text to one exercise: (response id, student id, text, score, time)."""
        return self.db.execute(
            "SELECT r.id, r.student_id, r.answer, r.score, r.time FROM responses r JOIN students s ON s.id = r.student_id "
            "WHERE s.class_id = ? AND r.exercise_id = ? AND r.answer IS NOT NULL AND trim(r.answer) <> '' ORDER BY r.time, r.id",
            [class_id, exercise_id],
        ).fetchall()

    def typed_answer_counts(self, class_id: int) -> dict[int, tuple[int, int]]:
        """Exercise id -> (answers waiting, answers with text already marked) for the class."""
        waiting = self.db.execute(
            "SELECT q.exercise_id, count(*) FROM queued_answers q JOIN students s ON s.id = q.student_id WHERE s.class_id = ? "
            "GROUP BY q.exercise_id", [class_id]).fetchall()
        marked = self.db.execute(
            "SELECT r.exercise_id, count(*) FROM responses r JOIN students s ON s.id = r.student_id WHERE s.class_id = ? "
            "AND r.answer IS NOT NULL AND trim(r.answer) <> '' GROUP BY r.exercise_id", [class_id]).fetchall()
        counts: dict[int, tuple[int, int]] = {int(e): (int(n), 0) for e, n in waiting}
        for e, n in marked:
            counts[int(e)] = (counts.get(int(e), (0, 0))[0], int(n))
        return counts
