"""The classroom API: every figure a screen shows, and recording answers, over one store.

The desktop and the command line both go through :class:`Classroom`. Plain
records (classes, students, exercises, quizzes, backups) come straight from
``classroom.store`` (:class:`engine.store.Store`); what needs the student
model (mastery, next steps, needs help, groups, progress, worksheets,
reports) comes from the methods here, which read the class's live state
(:mod:`engine.classroom.live`): instant after the first use, and updated
answer by answer.

>>> import tempfile
>>> from engine.store import Store
>>> room = Classroom(Store.open(tempfile.mkdtemp()))
>>> class_id = room.store.create_class("4B")
>>> room.store.add_student(class_id, "Ana") > 0
True
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Collection, Mapping, Sequence

from engine.adapt import insights
from engine.adapt.learning import FitReport
from engine.adapt.mastery import MasteryRule, SkillMastery
from engine.adapt.recommend import NextStep, PracticeSession
from engine.adapt.reports import RECENT_WRONG, VariantMaker, Worksheet, question_text, student_report_rows, write_csv
from engine.adapt.service import WORKSHEET_SPARE
from engine.choices import with_shown_choices
from engine.classroom import calibration, focus, live, markbook, models, quiz_pick, quiz_results
from engine.classroom.dashboard import ClassInsights, figures_mark, keep_figures, kept_figures, urgent_help
from engine.classroom.changes import Changes
from engine.classroom.grading import AUTO_GRADED
from engine.classroom.ids import ClassId, ExerciseId, QuizId, StudentId, model_key, store_id
from engine.errors import LamplightError
from engine.store.clock import local_date
from engine.store.classes import learned_setting
from engine.store.records import Exercise, Student

LEARN_EVERY_ANSWERS = 200
"""Learning on the laptop runs by itself once a class has this many answers more than when it last learned (a few
quizzes or practice turns); it takes seconds on a class's year of answers (see :meth:`Classroom.learning_due`)."""
LEARN_BY_ITSELF_SETTING = "learn_by_itself"
"""False when the teacher wants learning on the laptop only when she presses "Improve the model on this class"."""


@dataclass(frozen=True)
class HistoryRow:
    """One answer on a student's page."""

    when: str
    prompt: str
    score: float
    source: str
    quiz: str = ""
    """The title of the quiz it was marked on (paper quizzes)."""
    wrote: str = ""
    """What the student wrote, when the teacher typed it or it was typed in practice."""


@dataclass
class StudentOverview:
    """Everything a student's page (and their worksheet or report) shows."""

    student: Student
    mastery: dict[str, SkillMastery]
    steps: list[NextStep]
    history: list[HistoryRow]
    progress: list[insights.ProgressPoint]
    skill_names: dict[str, str]
    exercise_prompts: dict[str, str]
    exercises: dict[str, Exercise]
    rule: MasteryRule
    worksheet: Worksheet | None = None
    focus: tuple[str, ...] = ()
    """The practice focus the next steps keep to (skill ids; empty: what the model suggests)."""


def first_guess_service(data: Any) -> Any:
    """A service over ``data`` whose model needs no calibration: knowledge tracing at its textbook
    settings (prior 0.4, learn 0.1, guess 0.2, slip 0.1 for every skill; every exercise of a skill alike).

    What a screen shows before the class's first calibration is ready; nothing of it is stored.
    """
    from engine.adapt.service import ClassService
    from engine.model.bkt import KnowledgeTracingModel

    tracer = KnowledgeTracingModel()
    tracer.items = dict(data.exercises)
    return ClassService(data, tracer, tracer=tracer, calibrated=True)


class Classroom:
    """One data folder's classes as the screens see them (one per thread: it holds a store connection)."""

    def __init__(self, store: Any, language: str | None = None) -> None:
        """``language``: the teacher's (e.g. "zh_CN"); skill names, prompts and worksheets come in it where the bank has it."""
        self.store = store
        self.language = language

    @classmethod
    def open(cls, data_dir: str | Path) -> "Classroom":
        from engine.store import Store

        return cls(Store.open(Path(data_dir)))

    # --- figures -------------------------------------------------------------------------
    def service(self, class_id: ClassId) -> Any:
        """The class's :class:`~engine.adapt.service.ClassService`, up to date (calibrates once if never done)."""
        return live.live_service(self.store, class_id)

    def prepare(self, class_id: ClassId) -> bool:
        """Calibrate the class now (once, then stored) unless another thread is already at it.

        For a background job started so that later screens find the class ready: when
        a screen's own job is calibrating the class, this one ends at once instead of
        waiting, so it does not keep a worker thread from the teacher's next click.
        Returns whether it did the work.
        """
        lock = live.class_lock(self.store, class_id)
        if not lock.acquire(blocking=False):
            return False
        try:
            live.live_service(self.store, class_id)
            return True
        finally:
            lock.release()

    def read_ahead(self, class_id: ClassId) -> bool:
        """Read a class into memory as its first look would; whether it did.

        For the app to run in the background once the current class is ready, so that a teacher's first
        switch to another class is as quick as switching back: the class's answers and its dashboard's
        figures (kept with the class until an answer changes them) are worked out here. A class never
        calibrated is skipped (calibrating takes seconds to a minute; the app does it when the class is
        chosen), and so is one another thread is at.
        """
        if self.first_look(class_id) or not self.prepare(class_id):
            return False
        self.dashboard(class_id)
        return True

    def service_now(self, class_id: ClassId, first_guess: bool) -> Any:
        """:meth:`service`, or with ``first_guess`` on a class never calibrated (see :meth:`first_look`),
        :func:`first_guess_service` at once instead of calibrating first (what Pick and Replace… show
        while the class's own calibration runs in the background)."""
        if first_guess and self.first_look(class_id):
            return first_guess_service(live.read_class(self.store, class_id))
        return self.service(class_id)

    def first_look(self, class_id: ClassId) -> bool:
        """Whether showing the class now means calibrating its exercises first: once per class, up to a
        minute for a year of a big class's answers, so a screen can say so before it waits."""
        if live.is_calibrated(self.store, class_id):
            return False
        return not calibration.is_stored(self.store, class_id, models.model_key(self.store, class_id)) and \
            self.has_answers(class_id)

    def dashboard(self, class_id: ClassId, job: Any = None) -> ClassInsights:
        """All numbers of the class dashboard.

        A class this process does not hold in memory yet (the first look after the app starts) shows the
        figures kept as the app last closed (:meth:`keep_dashboard`), if nothing in the data, the class's model,
        the language or the code changed since (:mod:`engine.classroom.dashboard`); otherwise they are worked out.
        """
        if not live.is_kept(self.store, class_id):
            kept = kept_figures(self.store, class_id, self._figures_mark(class_id))
            if kept is not None:
                return kept
        return self._worked_out_dashboard(class_id, job)

    def _worked_out_dashboard(self, class_id: ClassId, job: Any = None) -> ClassInsights:
        report = getattr(job, "progress", lambda f, t="": None)
        service = self.service(class_id)  # (a first calibration, torch's work, runs with the collector as ever)
        with live.collector_held():  # a first look makes a year of answers into figures: see live.collector_held
            table = service.mastery_table()
            report(0.5, "")
            groups, left_out = service.groups()
            answers = service.answer_count()
            return ClassInsights(
                table, service.needs_help(), groups, left_out, service.most_missed(), self._progress(service), answers,
                dict(service.data.students), *self._texts(service)[1:], service.rule,
            )

    def most_missed(self, class_id: ClassId, student_ids: Collection[StudentId]) -> list[insights.MissedExercise]:
        """The dashboard's most-missed exercises by these students' answers only (a group of the class: what
        its children miss, not the whole class); an exercise needs 3 of them to have tried it, as for the class, or
        all of a smaller group."""
        keys = {model_key(s) for s in student_ids}
        return self.service(class_id).most_missed(min(insights.MISSED_BY_AT_LEAST, max(1, len(keys))), students=keys)

    def keep_dashboard(self, class_id: ClassId) -> bool:
        """Work out and keep the dashboard's figures if the class is in memory and they are not kept for the
        data as it is now; whether it did. For the app to call as it closes and every few minutes in the background,
        so that its next start shows the dashboard at once (a tenth of a second on a year of answers, as the class is
        in memory; a class another thread is at is left alone, closing never waits). Not after every change: that
        would add 40 ms to each dashboard a teacher waits for, for a start that uses only the last."""
        mark = self._figures_mark(class_id)
        if not live.is_kept(self.store, class_id) or self.store.keeps_figures(class_id, mark):
            return False
        lock = live.class_lock(self.store, class_id)
        if not lock.acquire(blocking=False):
            return False
        try:
            keep_figures(self.store, class_id, mark, self._worked_out_dashboard(class_id))
        finally:
            lock.release()
        return self.store.keeps_figures(class_id, mark)

    def student_page(self, class_id: ClassId, student_id: StudentId, steps: int = 5) -> StudentOverview:
        """Mastery, next steps, answers and progress of one student."""
        service = self.service(class_id)
        student = self._student(class_id, student_id)
        return self._overview(service, self._texts(service), student, steps, service.student_progress(model_key(student_id)),
                              focus=focus.focus_for_student(self.store, class_id, student_id),
                              told=self.store.answers_told(int(student_id)))

    def overviews(self, class_id: ClassId, student_ids: Sequence[StudentId] | None, steps: int = 8, job: Any = None,
                  worksheets: bool = False) -> list[StudentOverview]:
        """Overviews of several students (all when ``student_ids`` is None), for worksheets and reports.

        Worksheets get fresh variants of exercises made from the bank's templates.
        """
        service = self.service(class_id)
        wanted = None if student_ids is None else {int(s) for s in student_ids}
        chosen = [s for s in self.store.list_students(class_id) if wanted is None or s.id in wanted]
        variants = template_variants(self.store, self.language) if worksheets else None
        texts = self._texts(service)  # read once for the whole stack, not once per child
        result = []
        for n, student in enumerate(chosen):
            if job is not None:
                job.check()
                job.progress(n / max(1, len(chosen)), student.name)
            # review 35d: a practice focus (after a fractions quiz, say) is what the child's worksheet practises too,
            # and (review 44) what their report and family letter say comes next
            on = focus.focus_for_student(self.store, class_id, student.id)
            result.append(self._overview(service, texts, student, steps, [], worksheet=worksheets, variants=variants, focus=on))
        return result

    def practice_session(self, class_id: ClassId, student_id: StudentId) -> PracticeSession:
        """A child's practice turn among the exercises the laptop can mark, never the same question twice.

        When the teacher set a practice focus for the child (or a group of theirs),
        only exercises of the focus skills are offered (see :mod:`engine.classroom.focus`). A question whose typed
        answer from the child still waits for the teacher's mark is not asked again: it is not an answer yet, so the
        turn would take it for one never asked.
        """
        service = self.service(class_id)
        waiting = {str(q.exercise_id) for q in self.store.queued_answers(class_id) if q.student_id == student_id}
        gradable = self._distinct_questions([k for k, content in service.data.content.items()
                                             if content.get("kind") in AUTO_GRADED and k not in waiting])
        skills = focus.focus_for_student(self.store, class_id, student_id)
        if skills:
            in_focus = [k for k in gradable if set(service.data.exercises.get(k, ())) & set(skills)]
            gradable = in_focus or gradable  # no markable exercise of those skills: the model's choice
        return service.practice_session(model_key(student_id), gradable, once_each=True)

    def _distinct_questions(self, keys: Sequence[str]) -> list[str]:
        """``keys`` less any exercise whose question, in the teacher's language, an earlier one already asks.

        A bank may hold the same words twice (two exercises drawn alike, or alike once translated);
        a practice turn must not ask a child the same question twice.
        """
        texts = {str(e.id): question_text(e.prompt) for e in self.store.list_exercises(self.language)}
        seen: set[str] = set()
        distinct = []
        for key in keys:
            text = texts.get(key, key)
            if text not in seen:
                seen.add(text)
                distinct.append(key)
        return distinct

    def has_answers(self, class_id: ClassId) -> bool:
        """Whether any child of the class answered anything yet (one indexed query)."""
        return self.store.class_answer_mark(class_id)[0] > 0

    def pick_quiz_exercises(self, class_id: ClassId, per_skill: int, first_guess: bool = False,
                            skills: Sequence[str] | None = None, students: Collection[StudentId] | None = None) -> list[ExerciseId]:
        """Exercises for a paper quiz: ``per_skill`` for each skill the class is working on.

        A skill counts when enough of the children have it among their next three steps on paper
        (:func:`quiz_pick.most_worked_on`: review 41b, a quiz for a whole class took every skill one child
        still had to finish, 26 questions mostly on skills the class had mastered); its exercises are the ones the class's next steps use most, then any
        other exercise of that skill a child does on paper (never one needing cards or counters).

        ``first_guess``: if the class was never calibrated (see :meth:`first_look`),
        pick at once with :func:`first_guess_service` instead of calibrating first
        (up to tens of seconds on a year of answers); the screen shows that pick,
        then this method without ``first_guess`` calibrates (once, then stored).

        ``skills``: only these skills (the teacher's choice). A class with no answers yet, or
        none working on the chosen skills, gets :func:`quiz_pick.starting_pick`: easier
        exercises across the first skills of the curriculum (or the chosen ones).
        ``students``: the skills these children (a group the quiz is for) are working on.
        """
        if not self.has_answers(class_id):
            return quiz_pick.starting_pick(self.store, per_skill, skills)
        wanted = None if skills is None else set(skills)
        service = self.service_now(class_id, first_guess)
        votes: dict[str, dict[str, int]] = {}
        children: dict[str, int] = {}  # per skill, how many children's next steps name it
        among = None if students is None else {str(s) for s in students}
        pool = [s for s in service.data.students if among is None or s in among]
        for student in pool:
            steps = service.next_steps(student, 3, on_paper=True)  # review 38b: a shape-cards task was printed
            for step in steps:
                votes.setdefault(step.skill_id, {}).setdefault(step.exercise_id, 0)
                votes[step.skill_id][step.exercise_id] += 1
            for skill in {step.skill_id for step in steps}:
                children[skill] = children.get(skill, 0) + 1
        skills_named = sorted((s for s in votes if wanted is None or s in wanted),
                              key=lambda s: (-children[s], -sum(votes[s].values()), s))
        if wanted is None:  # the teacher's own choice of skills is taken whole
            skills_named = quiz_pick.most_worked_on(skills_named, children, len(pool))
        chosen: list[str] = []
        for skill in skills_named:
            counts = votes[skill]
            ranked = sorted(counts, key=lambda e: (-counts[e], e))
            extra = [e for e, sk in service.data.exercises.items()
                     if skill in sk and e not in ranked and e not in service.untitled and e not in service.off_paper]
            chosen.extend([e for e in ranked + extra if e not in chosen][:per_skill])
        if not chosen and wanted is not None:
            return quiz_pick.starting_pick(self.store, per_skill, wanted)
        return [ExerciseId(int(e)) for e in chosen]

    def family_reports(self, class_id: ClassId, student_ids: Sequence[StudentId] | None = None, job: Any = None) -> list[Any]:
        """Figures of the letter to each child's family (skills known now and a month ago, what comes next)."""
        from engine.classroom.family import family_reports

        return family_reports(self, class_id, student_ids, job=job)

    def export_report_csv(self, class_id: ClassId, path: Path, student_id: StudentId | None = None,
                          student_ids: Sequence[StudentId] | None = None, words: Mapping[str, str] | None = None,
                          headers: Mapping[str, str] | None = None, quiz_words: Mapping[str, str] | None = None) -> Path:
        """The class report (or one student's, named on each row) as CSV; ``student_ids``: only these students' rows (a group).

        The report is for the teacher to read (nothing imports it back), so skill names are in the
        teacher's language and ``headers`` (column key such as ``share_right`` -> the teacher's
        words) names the columns; keys not in ``headers`` stay as they are. A student's rows say
        each skill's status in the student page's words (``words``: in the teacher's language,
        keyed by verdict code; ``recent_wrong``: a skill listed in "needs help with" for its latest answers all wrong,
        see :data:`engine.adapt.reports.RECENT_WRONG`) and give no figure for a skill with no answers. The class's rows
        end with a column per paper quiz, each child's score as the marks book gives it
        (``quiz_words``: ``absent``, ``unfinished`` and ``unfinished_waiting``, see :meth:`_with_quiz_scores`)."""
        service = self.service(class_id)
        names = self._texts(service)[1]
        if student_id is None:
            keys = service.mastery_table().students
            recent_wrong = (words or {}).get("recent_wrong", RECENT_WRONG)
            separator = "、" if (self.language or "").startswith("zh") else "; "
            rows = self._with_quiz_scores(class_id, keys, service.class_report(names, separator, recent_wrong),
                                          quiz_words or {}, separator)
            numbers = {model_key(s.id): s.external_id for s in self.store.list_students(class_id) if s.external_id}
            if numbers:  # review 37d: a school's spreadsheet finds its children by their numbers
                rows = [{"student": row["student"], "student_number": numbers.get(key, ""), **row} for key, row in zip(keys, rows)]
            if student_ids is not None:
                chosen = {model_key(s) for s in student_ids}
                rows = [row for key, row in zip(keys, rows) if key in chosen]
        else:  # the child named on every row (review 41b: several children's files opened side by side looked alike)
            student = self._student(class_id, student_id)
            who = {"student": student.label, **({"student_number": student.external_id} if student.external_id else {})}
            rows = [{**who, **row} for row in
                    student_report_rows(service.student_mastery(model_key(student_id)), names, service.mastery_table().skills, words)]
        named = {} if headers is None else dict(headers)
        return write_csv([{named.get(key, key): value for key, value in row.items()} for row in rows], path)

    def _with_quiz_scores(self, class_id: ClassId, keys: Sequence[str], rows: list[dict[str, Any]],
                          words: Mapping[str, str], separator: str = "; ") -> list[dict[str, Any]]:
        """``rows`` (one per student of ``keys``) with a column per quiz, oldest first ("title (day)"), each score a
        percentage a spreadsheet reads (or ``words["absent"]``), then ``not_fully_marked``: the quizzes whose marks are
        not all in, in words (``words["unfinished"]``, ``words["unfinished_waiting"]``; review 48c: "100% (2 of 3
        marked)" was text)."""
        book = self.markbook(class_id)
        columns: list[str] = []
        for quiz in book.quizzes:
            column, n = f"{quiz.title} ({local_date(quiz.created)})", 2
            while column in columns or column in (rows[0] if rows else {}):
                column, n = f"{quiz.title} ({local_date(quiz.created)}) {n}", n + 1
            columns.append(column)
        worded = {name: words[key] for name, key in (("unfinished", "unfinished"), ("waiting", "unfinished_waiting"))
                  if key in words}  # (Markbook.unfinished's own words otherwise)
        out = []
        for key, row in zip(keys, rows):
            student = store_id(key)
            scores = {column: book.score_text(student, quiz.id, words.get("absent", "absent"), "{percent}") or ""
                      for column, quiz in zip(columns, book.quizzes)}
            open_ = book.unfinished(student, **worded)
            out.append({**row, **scores, **({"not_fully_marked": separator.join(open_)} if columns else {})})
        return out

    # --- answers ---------------------------------------------------------------------------
    def record_answer(self, class_id: ClassId, student_id: StudentId, exercise_id: ExerciseId, score: float,
                      answer: str = "", source: str = "practice") -> Changes:
        """Save one answer at once (nothing is lost if the laptop is closed); that student's figures follow it."""
        self.refuse_if_archived(class_id)
        self.store.record_response(student_id, exercise_id, score, answer=answer or None, source=source)
        self._sync(class_id)
        return Changes(answers=True)

    def refuse_if_archived(self, class_id: ClassId) -> None:
        """Raise LamplightError when the class is archived (:meth:`engine.store.Store.refuse_if_archived`)."""
        self.store.refuse_if_archived(class_id)

    def set_quiz_score(self, class_id: ClassId, quiz_id: QuizId, student_id: StudentId, exercise_id: ExerciseId,
                       score: float | None, answer: str | None = None) -> Changes:
        """Set or clear one cell of a paper quiz's grid (``answer``: what the student wrote, when typed)."""
        self.refuse_if_archived(class_id)
        self.store.set_quiz_score(quiz_id, student_id, exercise_id, score, answer=answer)
        self._sync(class_id)
        return Changes(answers=True)

    def set_quiz_absent(self, class_id: ClassId, quiz_id: QuizId, student_id: StudentId, absent: bool) -> Changes:
        """Mark a student absent for a quiz (their marks on it are removed; nothing counts as wrong) or present."""
        self.refuse_if_archived(class_id)
        self.store.set_quiz_absent(quiz_id, student_id, absent)
        self._sync(class_id)
        return Changes(answers=True)

    def enter_quiz_answer(self, class_id: ClassId, quiz_id: QuizId, student_id: StudentId, exercise_id: ExerciseId,
                          typed: str) -> float:
        """Save what the teacher typed in a cell: a student's answer (marked here) or a part mark; return the score."""
        self.refuse_if_archived(class_id)
        exercise = with_shown_choices(self.store.get_exercise(exercise_id, self.language), *self.store.printed_as(quiz_id, exercise_id))  # as on the paper
        score, answer = quiz_results.mark_typed(exercise, typed)
        self.store.set_quiz_score(quiz_id, student_id, exercise_id, score, answer=answer)
        self._sync(class_id)
        return score

    def queue_written_answer(self, quiz_id: QuizId, student_id: StudentId, exercise_id: ExerciseId, text: str) -> Changes:
        """Keep what a student wrote on a paper quiz's teacher-marked question for "Mark written answers"."""
        self.refuse_if_archived(self.store.get_quiz(quiz_id).class_id)
        self.store.queue_answer(student_id, exercise_id, text.strip(), source="paper", quiz_id=quiz_id)
        return Changes(answers=True)

    def quiz_results(self, quiz_id: QuizId, students: Collection[StudentId] | None = None) -> quiz_results.QuizResults:
        """Class share per question, totals, absences and common wrong answers of a quiz (of ``students`` only, when
        given: a group)."""
        return quiz_results.quiz_results(self.store, quiz_id, self.language, students)

    def markbook(self, class_id: ClassId) -> markbook.Markbook:
        """Every quiz of the class against every child (see :mod:`engine.classroom.markbook`)."""
        return markbook.markbook(self.store, class_id)

    def _sync(self, class_id: ClassId) -> None:
        live.catch_up_if_live(self.store, class_id)

    def marks_after_key_change(self, before: Exercise, exercise_id: ExerciseId) -> list[tuple[int, float]]:
        """(answer id, new mark) of the stored answers the exercise's corrected key marks otherwise than ``before``'s
        did (see :mod:`engine.classroom.remark`), for the screen to say and ask before :meth:`set_answer_marks`.
        ``before`` is the exercise in this classroom's language, as the teacher saw it before her edit."""
        from engine.classroom.remark import new_marks

        return new_marks(before, self.store.get_exercise(exercise_id, self.language), self.store.typed_answers(exercise_id))

    def set_answer_marks(self, marks: Sequence[tuple[int, float]]) -> Changes:
        """Give stored answers these marks (answer id, mark), all or nothing; every class's figures follow them."""
        self.store.set_response_scores(marks)
        for info in self.store.list_classes(include_archived=True):
            self._sync(info.id)
        return Changes(answers=True)

    def delete_class(self, class_id: ClassId) -> Changes:
        """Delete a class with its students, groups, quizzes and every answer, leaving nothing readable in the data
        file, and its calibration and learned models (review 36e: a class could not be deleted at all, and the store's
        deletion left the calibration setting and model files for a new class given the same id). The laptop's backups
        still hold it until they rotate out."""
        import shutil

        from engine import paths
        from engine.security.data_rights import secure_deletion

        self.store.get_class(class_id)
        with secure_deletion(self.store):
            self.store.delete_class(class_id)
            calibration.forget(self.store, class_id)
        for path in (Path(self.store.path).parent / paths.MODEL_FOLDER).glob(f"class-{int(class_id)}-*"):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        live.forget()
        return Changes.all()

    def restore(self, backup_path: str | Path) -> Changes:
        """Replace all data with a backup (a safety backup is made first); every screen reloads."""
        self.store.restore(backup_path)
        live.forget()
        return Changes.all()

    @staticmethod
    def restore_file(data_dir: str | Path, backup_path: str | Path, secret: str | None = None, store: Any = None) -> Changes:
        """Replace all data with a backup file from anywhere (a USB stick); see ``backup_files.restore_backup_file``.

        ``secret``: the password or recovery key of an encrypted backup from
        elsewhere. ``store``: the open store to restore through; None when the
        restore turns encryption on (every store of the folder closed).
        """
        from engine.store.backup_files import restore_backup_file

        restore_backup_file(data_dir, backup_path, secret, store=store)
        live.forget()
        return Changes.all()

    # --- calibration and learning ------------------------------------------------------------
    def needs_recalibration(self, class_id: ClassId) -> bool:
        """True when enough new answers came in since the class's exercises were calibrated.

        False at once while another thread calibrates or reads the class (the screen
        that asks must not wait for that); it is asked again after the next answers.
        """
        lock = live.class_lock(self.store, class_id)
        if not lock.acquire(blocking=False):
            return False
        try:
            service = live.live_service(self.store, class_id, calibrate=False)
            return service.is_calibrated and calibration.due(service.answers_since_calibration(), service.calibrated_answers)
        finally:
            lock.release()

    def recalibrate(self, class_id: ClassId, progress: Callable[[float, str], None] | None = None) -> None:
        """Re-calibrate the class's exercises on all its answers (a background job), then swap it in.

        Screens keep using the current calibration until the new one, with its
        figures already computed, replaces it in one step.
        """
        current, seen, owners = live.snapshot(self.store, class_id)
        fresh = current.recalibrated(progress=progress)
        calibration.save(self.store, class_id, fresh.model(), fresh.tracer(), fresh.calibrated_answers, models.model_key(self.store, class_id),
                         seen[1])
        live.swap_in(self.store, class_id, fresh, seen, owners)

    def learning_due(self, class_id: ClassId) -> bool:
        """Whether the class has :data:`LEARN_EVERY_ANSWERS` answers more than when it last learned (or tried to):
        learning on the laptop then runs by itself (feature 8), as :meth:`improve` does when the teacher asks.
        Never for an archived class, which is kept as it was, nor when the teacher turned it off
        (:data:`LEARN_BY_ITSELF_SETTING`)."""
        if self.store.get_class(class_id).archived or self.store.get_setting(LEARN_BY_ITSELF_SETTING, True) is False:
            return False
        learned = self.store.get_setting(learned_setting(class_id)) or {}
        since = learned.get("answers", 0) if isinstance(learned, dict) else 0
        return self.store.class_answer_mark(class_id)[0] - (since if isinstance(since, int) else 0) >= LEARN_EVERY_ANSWERS

    def improve(self, class_id: ClassId, progress: Callable[[float, str], None], should_stop: Callable[[], bool]) -> FitReport:
        """Learn from the class's answers in the background; keep the new model only if it is better."""
        answers = self.store.class_answer_mark(class_id)[0]
        # kept before learning: a run the teacher cancels, or one that fails, is not started again by itself at once
        self.store.set_setting(learned_setting(class_id), {"answers": answers})
        service = self.service(class_id)

        def keep_previous(previous: Any, note: str) -> None:
            # The model being replaced is kept to go back to, unless it is kept already (learned here before, or the
            # district's): review 35a: a second press listed the first press's model again as "before learning".
            if models.model_key(self.store, class_id) == 0:
                models.save_class_model(self.store, class_id, previous, note, snapshot=True)

        report = service.improve(progress, should_stop, save_snapshot=keep_previous)
        if report.adopted:
            models.save_class_model(self.store, class_id, report.model, report.summary, snapshot=False)
        return report

    # --- helpers -------------------------------------------------------------------------------
    def _figures_mark(self, class_id: ClassId) -> str:
        """What the class's kept dashboard figures must be marked with to be shown (see ``dashboard.figures_mark``)."""
        return figures_mark(self.store, models.model_key(self.store, class_id), self.language)

    def _student(self, class_id: ClassId, student_id: StudentId) -> Student:
        try:
            student = self.store.get_student(student_id)
        except LamplightError:
            student = None
        if student is None or student.class_id != class_id:
            raise LamplightError("This student is no longer in the class.")
        return student

    def _texts(self, service: Any) -> tuple[dict[str, dict[str, Any]], dict[str, str], dict[str, str]]:
        """(worksheet content, skill names, prompts) in the teacher's language, where the bank has it.

        The class's live service holds the bank's own texts (it is shared by every language); the
        teacher's are read here, once per screen.
        """
        content = {k: dict(c) for k, c in service.data.content.items()}
        names = dict(service.data.skill_names)
        if self.language:
            for exercise in self.store.list_exercises(self.language):
                entry = content.get(str(exercise.id))
                if entry is not None:
                    entry.update(prompt=exercise.prompt, answer=exercise.answer, choices=tuple(exercise.choices))
            names.update({k: v for k, v in self.store.skill_names(self.language).items() if k in names})
        return content, names, {k: c["prompt"] for k, c in content.items()}

    @staticmethod
    def _progress(service: Any) -> list[insights.ProgressPoint]:
        try:
            return service.progress() if service.answer_count() else []
        except LamplightError:
            return []  # answers without dates: no progress over time

    def _overview(self, service: Any, texts: tuple[dict[str, dict[str, Any]], dict[str, str], dict[str, str]], student: Student,
                  steps: int, progress: list[insights.ProgressPoint], worksheet: bool = False,
                  variants: VariantMaker | None = None, focus: Collection[str] = (),
                  told: Mapping[int, tuple[str, str]] | None = None) -> StudentOverview:
        content, names, prompts = texts
        key = model_key(student.id)
        told = told or {}  # answer id -> (quiz title, what the child wrote): see Store.answers_told
        rows = [] if worksheet else [  # a worksheet prints no history: a year of answers, not read for 60 sheets
            HistoryRow(_when(a.time), prompts.get(a.item, a.item), a.score, a.source, *told.get(a.response_id, ("", "")))
            for a in service.answers(key)]
        next_steps = service.next_steps(key, steps + (WORKSHEET_SPARE if worksheet else 0), names, focus, on_paper=worksheet)
        sheet = (service.worksheet(key, steps, make_variant=variants, steps=next_steps, skill_names=names, content=content)
                 if worksheet else None)
        if sheet is not None:
            by_id = {step.exercise_id: step for step in next_steps}
            next_steps = [by_id[item.exercise_id] for item in sheet.items if item.exercise_id in by_id]
        shown = {int(step.exercise_id) for step in next_steps}
        exercises = {str(i): self.store.get_exercise(i, self.language) for i in sorted(shown)}
        return StudentOverview(student, service.student_mastery(key), next_steps, rows, progress, names,
                               prompts, exercises, service.rule, sheet, tuple(focus))


def _when(value: Any) -> str:
    """An answer's time as the teacher's clock shows it ("2026-12-06 08:30"; stored in UTC)."""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    except (ValueError, TypeError):
        return str(value).replace("T", " ")[:16]
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().isoformat(sep=" ", timespec="minutes")[:16]


def template_variants(store: Any, language: str | None = None) -> VariantMaker:
    """A worksheet variant maker: a fresh draw of the exercise's template at the exercise's level.

    Exercises without a template (or whose template is gone) return None, so
    the worksheet prints them as stored.
    """
    from engine.store.templates import generate

    templates: dict[str, Any] = {}
    exercises = {str(e.id): e for e in store.list_exercises(language)}

    def make(exercise_id: str, p_success: float, rng: random.Random) -> tuple[str, str] | None:
        exercise = exercises.get(exercise_id)
        if exercise is None or not exercise.template_id:
            return None
        if exercise.template_id not in templates:
            try:
                templates[exercise.template_id] = store.get_template(exercise.template_id).in_language(language)
            except LamplightError:
                templates[exercise.template_id] = None
        template = templates[exercise.template_id]
        if template is None:
            return None
        level = int(round(exercise.difficulty)) if exercise.difficulty else 3
        variant = generate(template, min(max(level, 1), 5), rng)
        prompt = variant.prompt
        if variant.choices:
            prompt += "  " + "   ".join(f"({chr(97 + i)}) {c}" for i, c in enumerate(variant.choices))
        return prompt, variant.answer

    return make
