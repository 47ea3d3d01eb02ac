"""The adapt service the desktop calls: one class, its answers, a calibrated model.

:class:`ClassData` is everything the service needs about one class, as plain
data (the store fills it; tests build it by hand). :class:`ClassService`
answers the desktop's questions about that class: next steps, practice
sessions, the mastery heat map, needs-help list, groups, most-missed
exercises, progress, worksheets and reports, and learning on the laptop.

Nothing here imports Qt; torch is only imported by the model when it runs.
Calls may take a while on big classes: the desktop runs them in its workers.
"""
from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from engine.adapt import insights, reports
from engine.adapt.bkt import KnowledgeTracingModel
from engine.adapt.learning import FitReport, improve_model
from engine.adapt.mastery import MasteryRule, SkillMastery, slip_aware_levels
from engine.adapt.recommend import NextStep, NextStepConfig, PracticeSession, plan_next_steps
from engine.adapt.traced import TracedModel
from engine.errors import LamplightError
from engine.model.interface import Responses


@dataclass
class ClassData:
    """One class as plain data.

    ``responses`` is the class's answer log grouped by student in time order;
    ``times`` (optional, same length) says when each answer was given.
    ``exercises`` maps every exercise of the bank to its skills; ``content``
    holds what a worksheet prints (``prompt``, ``answer``).
    """

    class_id: str
    students: dict[str, str]
    exercises: dict[str, tuple[str, ...]]
    prerequisites: dict[str, list[str]] = field(default_factory=dict)
    skill_names: dict[str, str] = field(default_factory=dict)
    responses: Responses = field(default_factory=lambda: Responses([], [], [], np.zeros(0, dtype=np.float32)))
    times: list[Any] | None = None
    content: dict[str, dict[str, Any]] = field(default_factory=dict)

    def student_answers(self, student_id: str) -> tuple[list[str], list[float]]:
        items, scores = [], []
        for student, item, score in zip(self.responses.student_ids, self.responses.item_ids, self.responses.correct):
            if student == student_id:
                items.append(item)
                scores.append(float(score))
        return items, scores


def default_model() -> Any:
    """The shipped meta-learned model; else the 1PL IRT baseline; else the knowledge-tracing model."""
    try:
        from engine.model.registry import load_model  # type: ignore[import-not-found]

        return load_model(None)
    except (ImportError, LamplightError):
        pass  # not installed, or no shipped weights in this checkout
    for module, factory, argument in (("engine.evaluation.baselines", "make_baseline", "irt"), ("engine.evaluation.baselines", "IRTModel", None)):
        try:
            make = getattr(importlib.import_module(module), factory)
        except (ImportError, AttributeError):
            continue
        return make(argument) if argument else make()
    return KnowledgeTracingModel()


class ClassService:
    """Next steps and decision support for one class (see the module doc)."""

    def __init__(
        self,
        data: ClassData,
        model: Any = None,
        config: NextStepConfig = NextStepConfig(),
    ) -> None:
        self.data = data
        self.config = config
        self._model = model
        self._calibrated = False
        self._tracer: KnowledgeTracingModel | None = None
        self._lock = threading.RLock()
        self._table: insights.MasteryTable | None = None

    # --- the model -------------------------------------------------------------------

    @property
    def rule(self) -> MasteryRule:
        return self.config.rule

    def model(self) -> Any:
        """The class's model, calibrated on the class's answers (loaded on first use).

        It predicts the chance of success on each exercise; learning on the laptop improves it.
        """
        with self._lock:
            if self._model is None:
                self._model = default_model()
            if not self._calibrated:
                self._model.calibrate(self.data.responses, dict(self.data.exercises))
                self._calibrated = True
            if self._tracer is None:
                if isinstance(self._model, KnowledgeTracingModel):
                    self._tracer = self._model
                else:
                    self._tracer = KnowledgeTracingModel()
                    self._tracer.calibrate(self.data.responses, dict(self.data.exercises))
                self.config = replace(self.config, rule=slip_aware_levels(self.config.rule, self._tracer))
            return self._model

    def student_model(self) -> Any:
        """What next steps, practice, mastery and progress use: :meth:`model` for the chance of
        success on each exercise, knowledge tracing for mastery as children learn
        (see :mod:`engine.adapt.traced`)."""
        model = self.model()
        return model if model is self._tracer else TracedModel(model, self._tracer)

    def _check_student(self, student_id: str) -> None:
        if student_id not in self.data.students:
            raise LamplightError(f"student {student_id!r} is not in class {self.data.class_id!r}")

    # --- one student -----------------------------------------------------------------

    def next_steps(self, student_id: str, k: int = 5) -> list[NextStep]:
        """The ``k`` exercises a student should do next, each with its reason."""
        self._check_student(student_id)
        items, scores = self.data.student_answers(student_id)
        return plan_next_steps(
            self.student_model(), items, scores, self.data.exercises, self.data.prerequisites, k, self.config, self.data.skill_names
        ).steps

    def student_mastery(self, student_id: str) -> dict[str, SkillMastery]:
        self._check_student(student_id)
        return self.mastery_table().cells[student_id]

    def practice_session(self, student_id: str, exercises: Sequence[str] | None = None) -> PracticeSession:
        """An adaptive practice session that continues from the student's stored answers.

        ``exercises`` limits what it may choose (default: the whole bank), e.g.
        to those the laptop can mark. The desktop stores each answer itself and
        calls ``session.record``.
        """
        self._check_student(student_id)
        items, scores = self.data.student_answers(student_id)
        bank = self.data.exercises if exercises is None else {e: self.data.exercises[e] for e in exercises}
        return PracticeSession(self.student_model(), bank, self.data.prerequisites, items, scores, self.config, self.data.skill_names)

    # --- the class -------------------------------------------------------------------

    def mastery_table(self) -> insights.MasteryTable:
        """Class x skill mastery (the heat map); students with no answers included."""
        with self._lock:
            if self._table is None:
                self._table = insights.class_mastery(
                    self.student_model(),
                    self.data.responses,
                    self.data.exercises,
                    self.data.prerequisites,
                    self.data.students,
                    self.rule,
                    self.config.evidence_window,
                )
            return self._table

    def needs_help(self) -> list[insights.HelpNeed]:
        return insights.needs_help(
            self.mastery_table(), self.data.responses, self.data.exercises, self.data.prerequisites, self.data.skill_names
        )

    def groups(self, min_size: int = 2, max_size: int = 6) -> tuple[list[insights.Group], list[str]]:
        return insights.suggest_groups(self.mastery_table(), self.data.prerequisites, min_size, max_size, self.data.skill_names)

    def most_missed(self, min_attempts: int = 3, top: int = 10) -> list[insights.MissedExercise]:
        return insights.most_missed(self.data.responses, self.data.exercises, min_attempts, top)

    def progress(self, period: str = "week", with_mastery: bool = True) -> list[insights.ProgressPoint]:
        times = self.data.times if self.data.times is not None else self.data.responses.extra.get("answered_at")
        if times is None or any(t is None for t in times):
            raise LamplightError("this class's answers carry no dates, so progress over time cannot be shown")
        return insights.progress_over_time(
            self.data.responses, times, period, self.student_model() if with_mastery else None, self.data.exercises, self.rule
        )

    # --- worksheets and reports -------------------------------------------------------

    def worksheet(
        self, student_id: str, k: int = 10, make_variant: reports.VariantMaker | None = None, seed: int | str = 0
    ) -> reports.Worksheet:
        """A personalised worksheet from the student's next ``k`` steps."""
        steps = self.next_steps(student_id, k)
        return reports.build_worksheet(
            student_id, steps, self.data.content, self.data.students.get(student_id), self.data.skill_names, make_variant, seed
        )

    def student_report(self, student_id: str) -> list[dict[str, Any]]:
        return reports.student_report_rows(self.student_mastery(student_id), self.data.skill_names, self.mastery_table().skills)

    def class_report(self) -> list[dict[str, Any]]:
        answers: dict[str, tuple[int, float]] = {}
        for student, score in zip(self.data.responses.student_ids, self.data.responses.correct):
            count, total = answers.get(student, (0, 0.0))
            answers[student] = (count + 1, total + float(score))
        return reports.class_report_rows(
            self.mastery_table(), answers, self.needs_help(), self.data.prerequisites, self.data.students, self.data.skill_names
        )

    def export_csv(self, kind: str, path: Path | str, student_id: str | None = None) -> Path:
        """Write a report table as CSV: ``class``, ``skills``, ``groups``, ``student`` (needs ``student_id``)."""
        if kind == "class":
            rows = self.class_report()
        elif kind == "skills":
            rows = reports.skill_summary_rows(self.mastery_table(), self.data.skill_names)
        elif kind == "groups":
            rows = reports.group_rows(*self.groups(), skill_names=self.data.skill_names)
        elif kind == "student" and student_id is not None:
            rows = self.student_report(student_id)
        else:
            raise LamplightError(f"unknown report {kind!r} (class, skills, groups, student with a student id)")
        return reports.write_csv(rows, path)

    # --- learning on the laptop --------------------------------------------------------

    def improve(
        self,
        progress: Callable[[float, str], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        save_snapshot: Callable[[Any, str], Any] | None = None,
    ) -> FitReport:
        """Learn from the class's answers; the service uses the new model only if it is adopted."""
        report = improve_model(self.data.responses, self.model(), self.data.exercises, progress, should_stop, save_snapshot)
        if report.adopted:
            with self._lock:
                self._model = report.model
                self._calibrated = True
                self._table = None
        return report


def responses_from_rows(rows: Sequence[Mapping[str, Any]], exercises: Mapping[str, Sequence[str]]) -> Responses:
    """Build a Responses log from row dicts with ``student_id``, ``exercise_id``, ``correct``.

    Rows must already be in time order; they are grouped by student keeping that
    order. An ``answered_at`` column, when present, goes to ``extra["answered_at"]``
    (used for progress over time).
    """
    order: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        order.setdefault(str(row["student_id"]), []).append(row)
    sids, items, skills, scores, times = [], [], [], [], []
    for student, student_rows in order.items():
        for row in student_rows:
            item = str(row["exercise_id"])
            times.append(row.get("answered_at"))
            sids.append(student)
            items.append(item)
            skills.append(tuple(exercises.get(item, ())))
            scores.append(float(row["correct"]))
    extra = {"answered_at": times} if any(t is not None for t in times) else {}
    return Responses(sids, items, skills, np.array(scores, dtype=np.float32), extra)
