"""Answers (feature 3): recording them, the quiz grid, and the class log for the student model.

Mixed into ``Store``. A response's ``score`` is 1 for right, 0 for wrong, or a
teacher's partial mark in between.
"""
from __future__ import annotations

import hashlib
import re
from typing import Any, Iterable

import numpy as np
import sqlite_utils

from engine.errors import LamplightError
from engine.store.clock import to_utc_iso
from engine.store.records import RESPONSE_SOURCES, Response
from engine.store.transactions import write_transaction

_COLUMNS = "r.id, r.student_id, r.exercise_id, r.score, r.time, r.source, r.answer, r.quiz_id"


def check_score(score: Any) -> float:
    value = float(score)
    if not 0.0 <= value <= 1.0 or value != value:
        raise LamplightError(f"A score must be between 0 and 1, not {score!r}.")
    return value


_REORDERING = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def as_typed_in_order(answer: str) -> str:
    r"""A typed answer without what would show it in another order than typed (right-to-left overrides, isolates and
    marks) or hide part of it (control characters other than tabs and line breaks): review 46b, "\u202e603" showed as
    the key 306 on the marking screen.

    >>> as_typed_in_order("\u202e603\u202c"), as_typed_in_order("三角形\x00")
    ('603', '三角形')
    """
    return _REORDERING.sub("", answer)


class ResponsesRepository:
    db: sqlite_utils.Database

    def record_response(
        self,
        student_id: int,
        exercise_id: int,
        score: float | bool,
        *,
        answer: str | None = None,
        time: Any = None,
        source: str = "practice",
        quiz_id: int | None = None,
    ) -> int:
        """Store one answer (grid entry, practice mode) and return its id. ``time`` defaults to now (UTC)."""
        if source not in RESPONSE_SOURCES:
            raise LamplightError(f"Unknown answer source '{source}' (use one of: {', '.join(RESPONSE_SOURCES)}).")
        value = check_score(score)
        try:
            moment = to_utc_iso(time)
        except ValueError:
            raise LamplightError(f"'{time}' is not a date and time.") from None
        with write_transaction(self.db):
            self.get_student(student_id)  # type: ignore[attr-defined]
            self.get_exercise(exercise_id)  # type: ignore[attr-defined]
            if quiz_id is not None:
                self.get_quiz(quiz_id)  # type: ignore[attr-defined]
            cursor = self.db.execute(
                "INSERT INTO responses (student_id, exercise_id, score, answer, time, source, quiz_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [student_id, exercise_id, value, None if answer is None else as_typed_in_order(answer), moment, source, quiz_id],
            )
        return int(cursor.lastrowid)

    def delete_response(self, response_id: int) -> None:
        self.db.execute("DELETE FROM responses WHERE id = ?", [response_id])

    def typed_answers(self, exercise_id: int) -> list[tuple[int, str, float]]:
        """(answer id, what the child typed, its mark) of every stored answer to an exercise that kept its text."""
        rows = self.db.execute("SELECT id, answer, score FROM responses WHERE exercise_id = ? AND answer IS NOT NULL "
                               "AND answer != '' ORDER BY id", [exercise_id])
        return [(int(r[0]), str(r[1]), float(r[2])) for r in rows]

    def set_response_scores(self, scores: Iterable[tuple[int, float]]) -> list[int]:
        """Change the marks of stored answers, (answer id, mark) each, all or nothing; return their new ids.

        Each answer is replaced (same student, exercise, text, time, source and quiz) under a new, higher id
        rather than updated in place, so a class kept in memory sees that these students' answers changed
        (``engine.classroom.live`` follows new ids; a corrected key that swapped as many marks each way left
        every count and total as it was, and the screens showed the old marks).
        """
        pairs = [(int(response_id), check_score(score)) for response_id, score in scores]
        new_ids = []
        with write_transaction(self.db):
            for response_id, score in pairs:
                cursor = self.db.execute(  # inserted before the old one goes, so the new id is higher than every seen one
                    "INSERT INTO responses (student_id, exercise_id, score, answer, time, source, quiz_id) "
                    "SELECT student_id, exercise_id, ?, answer, time, source, quiz_id FROM responses WHERE id = ?",
                    [score, response_id])
                if not cursor.rowcount:
                    raise LamplightError("This answer was deleted meanwhile.")
                new_ids.append(int(cursor.lastrowid))
                self.db.execute("DELETE FROM responses WHERE id = ?", [response_id])
        return new_ids

    # --- the paper-quiz grid -------------------------------------------------------------
    def set_quiz_score(self, quiz_id: int, student_id: int, exercise_id: int, score: float | None, answer: str | None = None) -> None:
        """Set (or clear, with None) one cell of a quiz's grid: one paper answer per student and exercise.

        A written answer waiting in the cell for "Mark written answers" goes too: the cell holds one answer.
        """
        with write_transaction(self.db):
            old = [r[0] for r in self.db.execute(
                "SELECT id FROM responses WHERE quiz_id = ? AND student_id = ? AND exercise_id = ?", [quiz_id, student_id, exercise_id]
            )]
            self.db.execute("DELETE FROM queued_answers WHERE quiz_id = ? AND student_id = ? AND exercise_id = ?",
                            [quiz_id, student_id, exercise_id])
            if score is not None:  # the new answer first, so it gets a new, higher id (SQLite reuses a deleted highest id)
                self.db.execute("DELETE FROM quiz_absences WHERE quiz_id = ? AND student_id = ?", [quiz_id, student_id])
                self.record_response(student_id, exercise_id, score, answer=answer, source="paper", quiz_id=quiz_id)
            self.db.conn.executemany("DELETE FROM responses WHERE id = ?", [[i] for i in old])

    def set_quiz_absent(self, quiz_id: int, student_id: int, absent: bool) -> None:
        """Mark a student absent for a quiz (their answers to it are removed) or present again.

        Absence is not an answer: nothing is stored in ``responses``, so the
        student model, totals and class figures never count it as wrong.
        """
        with write_transaction(self.db):
            self.get_quiz(quiz_id)  # type: ignore[attr-defined]
            self.get_student(student_id)  # type: ignore[attr-defined]
            if absent:
                self.db.execute("DELETE FROM responses WHERE quiz_id = ? AND student_id = ?", [quiz_id, student_id])
                self.db.execute("DELETE FROM queued_answers WHERE quiz_id = ? AND student_id = ?", [quiz_id, student_id])
                self.db.execute("INSERT OR IGNORE INTO quiz_absences (quiz_id, student_id) VALUES (?, ?)", [quiz_id, student_id])
            else:
                self.db.execute("DELETE FROM quiz_absences WHERE quiz_id = ? AND student_id = ?", [quiz_id, student_id])

    def quiz_absent(self, quiz_id: int) -> set[int]:
        """Ids of the students marked absent for a quiz."""
        return {int(r[0]) for r in self.db.execute("SELECT student_id FROM quiz_absences WHERE quiz_id = ?", [quiz_id])}

    def quiz_answers(self, quiz_id: int) -> dict[tuple[int, int], str]:
        """(student id, exercise id) -> what the student wrote, for the cells where the teacher typed it."""
        rows = self.db.execute("SELECT student_id, exercise_id, answer FROM responses WHERE quiz_id = ? AND answer IS NOT NULL ORDER BY id",
                               [quiz_id])
        return {(r[0], r[1]): r[2] for r in rows}

    def answers_told(self, student_id: int) -> dict[int, tuple[str, str]]:
        """Answer id -> (the quiz's title, what the student wrote) for a student's answers that name either: what the
        student page says of where an answer came from (review 35d: "paper quiz", not which, nor what was written)."""
        rows = self.db.execute("SELECT r.id, coalesce(q.title, ''), coalesce(r.answer, '') FROM responses r "
                               "LEFT JOIN quizzes q ON q.id = r.quiz_id WHERE r.student_id = ? "
                               "AND (r.quiz_id IS NOT NULL OR r.answer IS NOT NULL)", [student_id])
        return {int(r[0]): (r[1], r[2]) for r in rows}

    def quiz_waiting(self, quiz_id: int) -> dict[tuple[int, int], str]:
        """(student id, exercise id) -> what the student wrote, for the cells waiting in "Mark written answers"."""
        rows = self.db.execute("SELECT student_id, exercise_id, answer FROM queued_answers WHERE quiz_id = ? ORDER BY id",
                               [quiz_id])
        return {(r[0], r[1]): r[2] for r in rows}

    def quiz_scores(self, quiz_id: int) -> dict[tuple[int, int], float]:
        """(student id, exercise id) -> score, for the filled cells of a quiz's grid."""
        rows = self.db.execute("SELECT student_id, exercise_id, score FROM responses WHERE quiz_id = ? ORDER BY id", [quiz_id])
        return {(r[0], r[1]): r[2] for r in rows}

    def quiz_takers_elsewhere(self, class_id: int) -> dict[int, int]:
        """Student id -> their class now, for the children with a mark, an absence or a written answer on a quiz of
        this class who were moved to another class since: the quiz keeps showing them (review 38c: a moved child's
        marks vanished from the quiz and the marks book, and the quiz's class average changed unsaid)."""
        quizzes = "quiz_id IN (SELECT id FROM quizzes WHERE class_id = :c)"
        rows = self.db.execute(
            f"SELECT DISTINCT t.student_id, s.class_id FROM (SELECT student_id FROM responses WHERE {quizzes} "
            f"UNION SELECT student_id FROM quiz_absences WHERE {quizzes} UNION SELECT student_id FROM queued_answers "
            f"WHERE {quizzes}) t JOIN students s ON s.id = t.student_id WHERE s.class_id != :c", {"c": class_id})
        return {int(r[0]): int(r[1]) for r in rows}

    def class_quiz_marks(self, class_id: int) -> tuple[dict[tuple[int, int], tuple[float, int]], dict[tuple[int, int], int], set[tuple[int, int]]]:
        """Every quiz of a class at once: (student id, quiz id) -> (sum of marks, marks entered); -> written answers
        waiting for a mark; and the (student id, quiz id) pairs marked absent. One query each, for the marks book."""
        of_class = "quiz_id IN (SELECT id FROM quizzes WHERE class_id = ?)"
        marks = {(r[0], r[1]): (float(r[2]), int(r[3])) for r in self.db.execute(
            f"SELECT student_id, quiz_id, SUM(score), COUNT(*) FROM responses WHERE {of_class} GROUP BY student_id, quiz_id", [class_id])}
        waiting = {(r[0], r[1]): int(r[2]) for r in self.db.execute(
            f"SELECT student_id, quiz_id, COUNT(*) FROM queued_answers WHERE {of_class} GROUP BY student_id, quiz_id", [class_id])}
        absent = {(r[0], r[1]) for r in self.db.execute(f"SELECT student_id, quiz_id FROM quiz_absences WHERE {of_class}", [class_id])}
        return marks, waiting, absent

    # --- reading -------------------------------------------------------------------------
    def list_responses(self, class_id: int | None = None, student_id: int | None = None) -> list[Response]:
        """Answers of a class or a student (or all), by student then time."""
        clauses, params = [], []
        if class_id is not None:
            clauses.append("s.class_id = ?")
            params.append(class_id)
        if student_id is not None:
            clauses.append("r.student_id = ?")
            params.append(student_id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM responses r JOIN students s ON s.id = r.student_id {where} ORDER BY r.student_id, r.time, r.id",
            params,
        )
        return [Response(*r) for r in rows]

    def responses_for_class(self, class_id: int) -> list[Response]:
        """The class's answers as rows, grouped by student, in time order."""
        return self.list_responses(class_id=class_id)

    def class_log(self, class_id: int) -> Any:
        """The class's answers as an ``engine.model.interface.Responses`` for the student model.

        Student and item ids are the store ids as text; skills are filled from
        the bank. ``extra`` holds ``time``, ``source`` and ``response_id`` lists.
        """
        from engine.model.interface import Responses

        # ordering by s.id (= r.student_id) lets SQLite walk both indexes without a sort
        rows = self.db.conn.execute(
            """SELECT r.student_id, r.exercise_id, r.score, r.time, r.source, r.id
               FROM students s JOIN responses r ON r.student_id = s.id
               WHERE s.class_id = ? ORDER BY s.id, r.time, r.id""",
            [class_id],
        ).fetchall()
        skills = self.exercise_skills()  # type: ignore[attr-defined]
        columns = list(zip(*rows)) if rows else [()] * 6
        return Responses(
            student_ids=[str(s) for s in columns[0]],
            item_ids=[str(e) for e in columns[1]],
            skill_ids=[skills.get(e, ()) for e in columns[1]],
            correct=np.asarray(columns[2], dtype=np.float32),
            extra={"time": list(columns[3]), "source": list(columns[4]), "response_id": list(columns[5])},
        )

    _CLASS_ROWS = "SELECT r.student_id, r.exercise_id, r.score, r.time, r.source, r.id FROM students s JOIN responses r ON r.student_id = s.id"

    def class_answers_digest(self, class_id: int, up_to: int) -> str:
        """A digest of the class's answers with ids up to ``up_to`` (who answered which exercise, how well, under which
        id), read a batch of rows at a time: whether a calibration was fitted on exactly these answers, without holding a
        year of them in memory."""
        digest = hashlib.sha256()
        rows = self.db.conn.execute(
            "SELECT r.id, r.student_id, r.exercise_id, r.score FROM students s JOIN responses r ON r.student_id = s.id "
            "WHERE s.class_id = ? AND r.id <= ? ORDER BY r.id", [class_id, up_to])
        while batch := rows.fetchmany(10_000):
            digest.update("".join(f"{row!r}\n" for row in batch).encode())
        return digest.hexdigest()

    def class_answer_mark(self, class_id: int) -> tuple[int, int, float]:
        """(number of answers, highest answer id, total score) of a class: a quick check whether its answers changed."""
        row = self.db.execute(
            "SELECT count(*), coalesce(max(r.id), 0), total(r.score) FROM students s JOIN responses r ON r.student_id = s.id "
            "WHERE s.class_id = ?",
            [class_id],
        ).fetchone()
        return int(row[0]), int(row[1]), round(float(row[2]), 6)

    def class_answers_after(self, class_id: int, last_id: int) -> list[tuple]:
        """The class's answers with an id above ``last_id``, oldest first: (student, exercise, score, time, source, id)."""
        return self.db.execute(f"{self._CLASS_ROWS} WHERE s.class_id = ? AND r.id > ? ORDER BY r.id", [class_id, last_id]).fetchall()

    def class_answer_owners(self, class_id: int) -> dict[int, int]:
        """Answer id -> student id for every answer of a class (to find which students lost answers)."""
        rows = self.db.execute("SELECT r.id, r.student_id FROM students s JOIN responses r ON r.student_id = s.id WHERE s.class_id = ?",
                               [class_id])
        return {int(r[0]): int(r[1]) for r in rows}

    def answers_of_students(self, student_ids: list[int]) -> list[tuple]:
        """All answers of these students in time order: (student, exercise, score, time, source, id)."""
        if not student_ids:
            return []
        marks = ",".join("?" * len(student_ids))
        return self.db.execute(f"{self._CLASS_ROWS} WHERE r.student_id IN ({marks}) ORDER BY s.id, r.time, r.id",
                               list(student_ids)).fetchall()

    def answer_counts(self, class_id: int) -> dict[int, int]:
        """Student id -> how many answers they have (students without answers are left out)."""
        rows = self.db.execute(
            "SELECT r.student_id, count(*) FROM responses r JOIN students s ON s.id = r.student_id WHERE s.class_id = ? GROUP BY r.student_id",
            [class_id],
        )
        return {r[0]: r[1] for r in rows}
