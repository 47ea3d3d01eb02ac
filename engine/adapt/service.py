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

import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any, Callable, Collection, Mapping, NamedTuple, Sequence

import numpy as np

from engine.adapt import insights, reports
from engine.model.bkt import KnowledgeTracingModel
from engine.graph import furthest, prerequisite_order
from engine.adapt.learning import FitReport, improve_model
from engine.adapt.mastery import MasteryRule, SkillMastery, answer_counts, built_on, slip_aware_levels, student_mastery
from engine.adapt.recommend import NextStep, NextStepConfig, PracticeSession, adapt_student, plan_next_steps
from engine.model.traced import TracedModel
from engine.errors import LamplightError
from engine.model.interface import Responses

LATELY = timedelta(hours=24)
"""How far back before a child's last answer an exercise counts as seen lately (:meth:`ClassService.next_steps`)."""
WORKSHEET_SPARE = 8
"""Next steps worked out beyond a worksheet's length, to stand in for steps a paper sheet passes over
(a repeated question, a task that needs the teacher; see :func:`reports.build_worksheet`)."""
PRACTICE_REPEAT_WINDOW = 40
"""A child's practice turn prefers exercises outside her last 40 answers (about five turns): with the next steps'
10, a second 8-question turn the same day asked the first turn's questions again, in the same order (review 38b)."""


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


def default_model() -> Any:
    """The shipped meta-learned model; knowledge tracing when this installation has none."""
    from engine.model.registry import default_or_fallback

    return default_or_fallback()


class Answer(NamedTuple):
    """One stored answer of a student, as the service keeps it (in time order per student). A named tuple: a year
    of a class's answers makes 180,000 of them when the class is first read."""

    item: str
    score: float
    time: Any = None
    source: str = ""
    response_id: int | None = None


class ClassService:
    """Next steps and decision support for one class (see the module doc).

    It keeps each student's answers indexed and, once computed, each student's
    adapted state, mastery, needs-help entries and progress. Recording an
    answer (:meth:`record_answer`) updates that one student; nothing else is
    recomputed. Calibrating the class's exercises is separate
    (:meth:`recalibrated` builds a new, warmed-up service in the background).
    """

    def __init__(
        self,
        data: ClassData,
        model: Any = None,
        config: NextStepConfig = NextStepConfig(),
        tracer: KnowledgeTracingModel | None = None,
        calibrated: bool = False,
    ) -> None:
        self.data = data
        self.untitled = frozenset(e for e, entry in data.content.items() if entry.get("untitled"))
        """Exercises with nothing for a child to read yet (an answers import's stand-in text): never a next step or a
        quiz pick (the bank's content is fixed for a service: a change to the bank makes a new one)."""
        self.off_paper = frozenset(e for e, entry in data.content.items() if entry.get("on_paper") is False)
        """Tasks a printed worksheet leaves out (they need the teacher or classroom materials)."""
        self.config = config
        self._model = model
        self._calibrated = calibrated and model is not None
        self._tracer = tracer
        if tracer is not None:
            self.config = replace(self.config, rule=slip_aware_levels(self.config.rule, tracer))
        self._lock = threading.RLock()
        self._answers = _index(data)
        self._log_stale = False
        self._misses = insights.miss_counts(data.responses)
        self._story_of: dict[str, str] | None = None
        self.calibrated_answers = len(data.responses) if self._calibrated else 0
        self._forget_figures()

    def _forget_figures(self, students: Sequence[str] | None = None) -> None:
        """Drop cached figures (of ``students`` only, when given)."""
        if students is None:
            self._states: dict[str, Any] = {}
            self._cells: dict[str, dict[str, SkillMastery]] = {}
            self._help: dict[str, list[insights.HelpNeed]] = {}
            self._progress: dict[str, list[insights.ProgressPoint]] = {}
            self._periods: dict[str, set[Any] | None] = {}
            self._moments: dict[str, list[Any]] = {}
        else:
            for cache in (self._states, self._cells, self._help, self._progress, self._periods, self._moments):
                for student in students:
                    cache.pop(student, None)
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
                self._model.calibrate(self.log(), dict(self.data.exercises))
                self._calibrated = True
                self.calibrated_answers = len(self.log())
            if self._tracer is None:
                if isinstance(self._model, KnowledgeTracingModel):
                    self._tracer = self._model
                else:
                    self._tracer = KnowledgeTracingModel()
                    self._tracer.calibrate(self.log(), dict(self.data.exercises))
                self.config = replace(self.config, rule=slip_aware_levels(self.config.rule, self._tracer))
            return self._model

    def tracer(self) -> KnowledgeTracingModel:
        """The class's knowledge tracing (mastery as children learn), fitted with the model."""
        self.model()
        assert self._tracer is not None
        return self._tracer

    def student_model(self) -> Any:
        """What next steps, practice, mastery and progress use: :meth:`model` for the chance of
        success on each exercise, knowledge tracing for mastery as children learn
        (see :mod:`engine.model.traced`)."""
        model = self.model()
        return model if model is self._tracer else TracedModel(model, self._tracer)

    def _check_student(self, student_id: str) -> None:
        if student_id not in self.data.students:
            raise LamplightError(f"student {student_id!r} is not in class {self.data.class_id!r}")

    # --- the answers -----------------------------------------------------------------

    def answers(self, student_id: str) -> list[Answer]:
        """A student's answers in time order (from the index: no scan of the class's log)."""
        return self._answers.get(student_id, [])

    def student_answers(self, student_id: str) -> tuple[list[str], list[float]]:
        rows = self.answers(student_id)
        return [a.item for a in rows], [a.score for a in rows]

    def log(self) -> Responses:
        """The class's whole answer log in columns (rebuilt only after answers changed)."""
        with self._lock:
            if self._log_stale:
                self.data = _with_answers(self.data, self._answers)
                self._log_stale = False
            return self.data.responses

    def record_answer(self, student_id: str, answer: Answer) -> None:
        """Take one new answer into account at once: that student's figures follow it, nobody else's change."""
        self._check_student(student_id)
        with self._lock:
            rows = self._answers.setdefault(student_id, [])
            in_order = not rows or _sort_time(rows[-1].time) <= _sort_time(answer.time)
            rows.append(answer)
            if not in_order:
                rows.sort(key=lambda a: (_sort_time(a.time), a.response_id or 0))
            self._misses.add(student_id, answer.item, answer.score)
            self._log_stale = True
            state = self._states.get(student_id)
            progress = self._progress.get(student_id)
            self._forget_figures([student_id])
            if in_order and progress and answer.time is not None:
                week = insights.period_of(answer.time)  # earlier weeks' points stay as they were
                self._progress[student_id] = [p for p in progress if p.period_start < week]
            model = self._model if self._calibrated else None
            if in_order and state is not None and model is not None and hasattr(self.student_model(), "update"):
                self._states[student_id] = self.student_model().update(state, [answer.item], [answer.score])

    def replace_answers(self, student_id: str, rows: Sequence[Answer]) -> None:
        """Set a student's whole answer list (after answers were changed or deleted in the store)."""
        with self._lock:
            for old in self._answers.get(student_id, []):
                self._misses.remove(student_id, old.item, old.score)
            self._answers[student_id] = sorted(rows, key=lambda a: (_sort_time(a.time), a.response_id or 0))
            for new in self._answers[student_id]:
                self._misses.add(student_id, new.item, new.score)
            self._log_stale = True
            self._forget_figures([student_id])

    def set_students(self, students: Mapping[str, str]) -> None:
        """The class's roster changed (names, students added or removed)."""
        with self._lock:
            gone = [s for s in self.data.students if s not in students]
            self.data = replace(self.data, students=dict(students))
            for student in gone:
                self.replace_answers(student, [])
                self._answers.pop(student, None)
            self._forget_figures(gone)

    def answers_since_calibration(self) -> int:
        """How many answers the class has that its exercise calibration has not seen."""
        return max(0, sum(len(rows) for rows in self._answers.values()) - self.calibrated_answers)

    def recalibrated(self, warm: bool = True, progress: Callable[[float, str], None] | None = None) -> "ClassService":
        """A new service over the same answers with the exercises re-calibrated, its figures computed.

        Runs in a background job; the caller swaps it in when done, so no screen waits.
        ``warm`` starts from the current calibration (faster; the same figures up to training noise).
        """
        with self._lock:
            self.log()
            data = replace(self.data)
            base = self._model
        model = _copy_model(base) if base is not None else default_model()
        report = progress or (lambda f, t="": None)
        report(0.05, "calibrating")
        if warm and self._calibrated and hasattr(model, "recalibrate"):
            model.recalibrate(data.responses, dict(data.exercises))
        else:
            model.calibrate(data.responses, dict(data.exercises))
        if isinstance(model, KnowledgeTracingModel):
            tracer = model
        elif warm and self._tracer is not None:
            tracer = _copy_model(self._tracer)
            tracer.recalibrate(data.responses, dict(data.exercises))
        else:
            tracer = KnowledgeTracingModel()
            tracer.calibrate(data.responses, dict(data.exercises))
        fresh = ClassService(data, model, self.config, tracer=tracer, calibrated=True)
        report(0.8, "updating figures")
        fresh.warm_up()
        report(1.0, "")
        return fresh

    @property
    def is_calibrated(self) -> bool:
        """True once the class's exercises are calibrated (stored, adopted or fitted here)."""
        return self._calibrated

    def over(self, data: ClassData) -> "ClassService":
        """A service over ``data`` (the bank changed) keeping this one's model and calibration;
        exercises new to the bank wait for the next calibration."""
        if self._tracer is not None:
            self._tracer.items.update(data.exercises)
        service = ClassService(data, self._model, self.config, tracer=self._tracer, calibrated=self._calibrated)
        service.calibrated_answers = self.calibrated_answers
        return service

    def warm_up(self) -> None:
        """Compute every student's figures now (a background job), so the next screen is instant."""
        self.mastery_table()
        self.needs_help()
        if self._times_known():
            self.progress()
        for student in list(self._answers):  # next steps and worksheets find each response model's state ready
            getattr(self._state(student), "response", None)

    # --- one student -----------------------------------------------------------------

    def _state(self, student_id: str) -> Any:
        with self._lock:
            if student_id not in self._states:
                items, scores = self.student_answers(student_id)
                self._states[student_id] = adapt_student(self.student_model(), items, scores, self.data.exercises, self.config.evidence_window)
            return self._states[student_id]

    def _skills(self) -> list[str]:
        return prerequisite_order(self.data.prerequisites or {}, (s for sk in self.data.exercises.values() for s in sk))

    def next_steps(self, student_id: str, k: int = 5, skill_names: Mapping[str, str] | None = None,
                   focus: Collection[str] = (), on_paper: bool = False) -> list[NextStep]:
        """The ``k`` exercises a student should do next, each with its reason (skills named by ``skill_names``,
        e.g. in the teacher's language; default: the bank's names). ``focus``: only exercises of these skills, the
        teacher's practice focus for the child (all exercises when the bank has none of them). ``on_paper``: only
        tasks a printed worksheet can hold (review 36b: a focus whose only exercises need the teacher printed an
        empty sheet saying every skill was mastered)."""
        self._check_student(student_id)
        items, scores = self.student_answers(student_id)
        exclude: Collection[str] = self.untitled | self.off_paper if on_paper else self.untitled
        if focus:
            off = {e for e, skills in self.data.exercises.items() if not set(skills) & set(focus)}
            if len(off | exclude) < len(self.data.exercises):
                exclude = off | exclude
        return plan_next_steps(
            self.student_model(), items, scores, self.data.exercises, self.data.prerequisites, k, self.config,
            skill_names or self.data.skill_names, state=self._state(student_id), mastery=self.student_mastery(student_id),
            placement=self.placement(student_id), variety=str(student_id), exclude=exclude, lately=self._lately(student_id),
        ).steps

    def _lately(self, student_id: str) -> set[str]:
        """The exercises a student answered in the day before her last answer (review 51a: her next steps, worksheet
        and report named the morning's quiz questions: the repeat window holds her last 10 answers only)."""
        lately: set[str] = set()
        last = None
        for answer in reversed(self.answers(student_id)):  # in time order: back to a day before the last
            try:
                moment = insights.as_datetime(answer.time)
            except ValueError:  # no time, or one that cannot be read
                continue
            last = last or moment
            if moment < last - LATELY:
                break
            lately.add(answer.item)
        return lately

    def placement(self, student_id: str) -> list[str]:
        """For a child with fewer than ``config.placement_answers`` answers, the skills her class has got to:
        the furthest skills that at least half of the classmates with that many answers have mastered or shown
        by later work. In a class with fewer than three such classmates (a class that has just begun), the
        furthest skills at least half of the children with answers have answered: what the teacher's first quiz
        asked about (review 30c: after a first fractions quiz, the children below two thirds right were sent to
        Counting instead of the skills just before fractions). Empty for every other child, and in a
        class where fewer than three children have answers."""
        if len(self._answers.get(student_id, ())) >= self.config.placement_answers:
            return []
        table = self.mastery_table()
        prerequisites = self.data.prerequisites or {}
        settled = [s for s in table.students if s != student_id and len(self._answers.get(s, ())) >= self.config.placement_answers]
        if len(settled) < 3:
            begun = [s for s in table.students if self._answers.get(s)]
            if len(begun) < 3:
                return []
            asked = Counter(skill for s in begun for skill, cell in table.cells[s].items() if cell.answered)
            return furthest(prerequisites, [skill for skill, count in asked.items() if 2 * count >= len(begun)])
        met_by = Counter(skill for s in settled for skill in self._met(table.cells[s], prerequisites))
        return furthest(prerequisites, [skill for skill, count in met_by.items() if 2 * count >= len(settled)])

    @staticmethod
    def _met(cells: Mapping[str, SkillMastery], prerequisites: Mapping[str, Sequence[str]]) -> set[str]:
        return {skill for skill, cell in cells.items() if cell.mastered} | built_on(cells, prerequisites)

    def student_mastery(self, student_id: str) -> dict[str, SkillMastery]:
        self._check_student(student_id)
        with self._lock:
            if student_id not in self._cells:
                items, scores = self.student_answers(student_id)
                model = self.student_model()
                self._cells[student_id] = student_mastery(
                    model, self._state(student_id), self._skills(), answer_counts(items, scores, self.data.exercises), self.rule
                )
            return self._cells[student_id]

    def practice_session(self, student_id: str, exercises: Sequence[str] | None = None, once_each: bool = False) -> PracticeSession:
        """An adaptive practice session that continues from the student's stored answers.

        ``exercises`` limits what it may choose (default: the whole bank), e.g.
        to those the laptop can mark; ``once_each``: a child's turn, which never asks
        an exercise twice. The desktop stores each answer itself and calls ``session.record``.
        """
        self._check_student(student_id)
        items, scores = self.student_answers(student_id)
        bank = self.data.exercises if exercises is None else {e: self.data.exercises[e] for e in exercises}
        config = replace(self.config, repeat_window=max(self.config.repeat_window, PRACTICE_REPEAT_WINDOW)) if once_each else self.config
        return PracticeSession(self.student_model(), bank, self.data.prerequisites, items, scores, config, self.data.skill_names,
                               once_each=once_each, placement=self.placement(student_id), variety=str(student_id),
                               stories=self._stories() if once_each else None)

    def _stories(self) -> dict[str, str]:
        """Each exercise's story (:func:`engine.adapt.reports.question_story`), worked out once for the bank."""
        if self._story_of is None:
            self._story_of = {e: story for e, entry in self.data.content.items()
                              if (story := reports.question_story(str(entry.get("prompt", ""))))}
        return self._story_of

    # --- the class -------------------------------------------------------------------

    def mastery_table(self) -> insights.MasteryTable:
        """Class x skill mastery (the heat map); students with no answers included."""
        with self._lock:
            if self._table is None:
                roster = list(dict.fromkeys([*self.data.students, *self._answers]))
                cells = {student: self._mastery_of(student) for student in roster}
                self._table = insights.MasteryTable(roster, self._skills(), cells)
            return self._table

    def _mastery_of(self, student_id: str) -> dict[str, SkillMastery]:
        if student_id in self.data.students:
            return self.student_mastery(student_id)
        items, scores = self.student_answers(student_id)
        return student_mastery(self.student_model(), self._state(student_id), self._skills(), answer_counts(items, scores, self.data.exercises), self.rule)

    def needs_help(self) -> list[insights.HelpNeed]:
        table = self.mastery_table()
        result: list[insights.HelpNeed] = []
        with self._lock:
            for student in table.students:
                if student not in self._help:
                    one = insights.MasteryTable([student], table.skills, {student: table.cells[student]})
                    items, scores = self.student_answers(student)
                    log = Responses([student] * len(items), items, [tuple(self.data.exercises.get(i, ())) for i in items],
                                    np.asarray(scores, dtype=np.float32))
                    self._help[student] = insights.needs_help(one, log, self.data.exercises, self.data.prerequisites, self.data.skill_names)
                result.extend(self._help[student])
        result.sort(key=lambda h: (-h.urgency, h.student_id, h.skill_id))
        return result

    def groups(self, min_size: int = 2, max_size: int = 6) -> tuple[list[insights.Group], list[str]]:
        return insights.suggest_groups(self.mastery_table(), self.data.prerequisites, min_size, max_size, self.data.skill_names)

    def most_missed(self, min_attempts: int = insights.MISSED_BY_AT_LEAST, top: int = 10, students: Collection[str] | None = None) -> list[insights.MissedExercise]:
        """The exercises answered wrong most often; with ``students``, by those students' answers only (a group)."""
        with self._lock:
            return self._misses.ranked(self.data.exercises, min_attempts, top, students)

    def answer_count(self) -> int:
        """How many answers the class has (from the index)."""
        return sum(len(rows) for rows in self._answers.values())

    def _weeks(self, student: str) -> set[Any] | None:
        """The weeks a student answered in (None when an answer has no date); cached until they answer again."""
        if student not in self._periods:
            rows = self._answers.get(student, [])
            if any(a.time is None for a in rows):
                self._periods[student] = None
            else:  # each time is read once: progress takes the moments from here
                self._moments[student] = [insights.as_datetime(a.time) for a in rows]
                self._periods[student] = {insights.period_of(m) for m in self._moments[student]}
        return self._periods[student]

    def _times_known(self) -> bool:
        return all(self._weeks(s) is not None for s in self._answers)

    def progress(self, period: str = "week", with_mastery: bool = True) -> list[insights.ProgressPoint]:
        """Accuracy and mastery per week (or day), per student and for the class (``student_id`` "")."""
        if not self._times_known():
            raise LamplightError("this class's answers carry no dates, so progress over time cannot be shown")
        if period != "week" or not with_mastery:
            log = self.log()
            return insights.progress_over_time(log, self.data.times or [], period, self.tracer() if with_mastery else None,
                                               self.data.exercises, self.rule)
        with self._lock:
            periods = sorted(set().union(*(self._weeks(s) or set() for s in self._answers)))
            by_student = {student: _carried_forward(self._own_progress(student), periods) for student in sorted(self._answers)
                          if self._answers[student]}
        return [p for points in by_student.values() for p in points] + insights.class_progress(by_student.values(), periods)

    def _own_progress(self, student: str) -> list[insights.ProgressPoint]:
        """A student's points for the weeks they answered in (cached until they answer again)."""
        kept = self._progress.get(student)
        own = sorted(self._weeks(student) or ())
        if kept is None or len(kept) < len(own):
            done = kept or []
            answers = self._answers[student]
            moments = self._moments.get(student) or [insights.as_datetime(a.time) for a in answers]
            rows = [(moment, a.item, a.score) for moment, a in zip(moments, answers)]
            self._progress[student] = done + insights.student_progress(
                student, rows, own[len(done):], "week", self.tracer(), self.data.exercises, self.rule)
        return self._progress[student]

    def student_progress(self, student_id: str) -> list[insights.ProgressPoint]:
        """One student's points of :meth:`progress` (empty when the answers carry no dates)."""
        if not self._times_known() or not self._answers.get(student_id):
            return []
        with self._lock:  # only this student's weeks are worked out, not the whole class's
            periods = sorted(set().union(*(self._weeks(s) or set() for s in self._answers)))
            return _carried_forward(self._own_progress(student_id), periods)

    # --- worksheets and reports -------------------------------------------------------

    def worksheet(
        self, student_id: str, k: int = 10, make_variant: reports.VariantMaker | None = None, seed: int | str = 0,
        steps: Sequence[NextStep] | None = None, skill_names: Mapping[str, str] | None = None,
        content: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> reports.Worksheet:
        """A personalised worksheet of ``k`` items from the student's next steps (``steps``: already worked out,
        best with spares, see :data:`WORKSHEET_SPARE`; ``skill_names``, ``content``: texts in the teacher's
        language, default the bank's own)."""
        steps = list(steps) if steps is not None else self.next_steps(student_id, k + WORKSHEET_SPARE, skill_names)
        return reports.build_worksheet(
            student_id, steps, content or self.data.content, self.data.students.get(student_id), skill_names or self.data.skill_names,
            make_variant, seed, limit=k,
        )

    def student_report(self, student_id: str) -> list[dict[str, Any]]:
        return reports.student_report_rows(self.student_mastery(student_id), self.data.skill_names, self.mastery_table().skills)

    def class_report(self, skill_names: Mapping[str, str] | None = None, separator: str = "; ",
                     recent_wrong: str = reports.RECENT_WRONG) -> list[dict[str, Any]]:
        """One row per student (see :func:`reports.class_report_rows`); ``skill_names``: in the teacher's language,
        ``separator`` between them in a cell (Chinese lists with 、), ``recent_wrong`` a skill listed for its latest
        answers all wrong."""
        answers = {s: (len(rows), float(sum(a.score for a in rows))) for s, rows in self._answers.items() if rows}
        return reports.class_report_rows(
            self.mastery_table(), answers, self.needs_help(), self.data.prerequisites, self.data.students,
            skill_names or self.data.skill_names, separator, recent_wrong
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
        report = improve_model(self.log(), self.model(), self.data.exercises, progress, should_stop, save_snapshot)
        if report.adopted:
            with self._lock:
                self._model = report.model
                self._calibrated = True
                self._forget_figures()
        return report


def _carried_forward(points: list[insights.ProgressPoint], periods: Sequence[Any]) -> list[insights.ProgressPoint]:
    """A student's points for every period from their first on: weeks without answers keep the last mastery."""
    if not points:
        return []
    own = {p.period_start: p for p in points}
    result, last = [], points[0]
    for start in periods:
        if start < points[0].period_start:
            continue
        last = own.get(start) or replace(last, period_start=start, answers=0, accuracy=float("nan"))
        result.append(last)
    return result


def _sort_time(value: Any) -> str:
    """A sortable key for an answer's time (ISO text, datetime or None)."""
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _index(data: ClassData) -> dict[str, list[Answer]]:
    """Each student's answers, in log order, from the class's columns."""
    log = data.responses
    times = data.times if data.times is not None else log.extra.get("answered_at", log.extra.get("time"))
    times = times if times is not None and len(times) == len(log) else [None] * len(log)
    sources = log.extra.get("source") or [""] * len(log)
    ids = log.extra.get("response_id") or [None] * len(log)
    index: dict[str, list[Answer]] = {}
    for student, item, score, time, source, rid in zip(log.student_ids, log.item_ids, log.correct.tolist(), times, sources, ids):
        index.setdefault(student, []).append(Answer(item, score, time, source, rid))
    return index


def _with_answers(data: ClassData, answers: Mapping[str, Sequence[Answer]]) -> ClassData:
    """``data`` with its log rebuilt from the per-student index (students in the index's order)."""
    rows = [(s, a) for s, student_rows in answers.items() for a in student_rows]
    log = Responses(
        [s for s, _ in rows],
        [a.item for _, a in rows],
        [tuple(data.exercises.get(a.item, ())) for _, a in rows],
        np.asarray([a.score for _, a in rows], dtype=np.float32),
        {"time": [a.time for _, a in rows], "source": [a.source for _, a in rows], "response_id": [a.response_id for _, a in rows]},
    )
    times = [a.time for _, a in rows]
    return replace(data, responses=log, times=times if all(t is not None for t in times) else None)


def _copy_model(model: Any) -> Any:
    """An independent copy of a model, so a background calibration never touches the one in use."""
    import copy

    return copy.deepcopy(model)


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
