"""Mark written answers: the class's typed answers to one question, grouped, marked by the teacher and the model.

The teacher picks a short-text or teacher-marked exercise; its typed answers
(practice answers waiting for a mark, paper-quiz cells with what the child
wrote) are shown grouped: identical after normalisation collapsed, similar
ones together, largest groups first. She marks a few answers or whole groups
right, wrong or with points; the shipped marking model suggests a mark with a
confidence for the rest; "Accept all confident" saves the sure ones at once and
the unsure ones stay for her to check. The answer whose mark would teach the
model most is selected for her (:mod:`engine.marking.choice`), so marking the
class is pressing ✓ or ✗ on what the screen points at. Every mark is saved at once through
:class:`engine.classroom.written.WrittenAnswers`, so it becomes an answer the
student model uses. Loading the model and working out groups and suggestions
run in a background job.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox,
                               QStyledItemDelegate, QTreeWidget, QTreeWidgetItem)

from desktop.i18n import sentences
from desktop.plain_text import tip
from desktop.prompts import ask_before
from desktop.views.base import ALL_BUT_THE_MODEL, Page, heading, hint
from desktop.workers import run_job
from engine.adapt.reports import teacher_note
from engine.classroom import Changes, Classroom
from engine.classroom.written import WrittenAnswer, WrittenAnswers
from engine.marking.text import same_answer

SURE = QColor("#dcedc8")
UNSURE = QColor("#ffe0b2")
INDEX_ROLE = Qt.ItemDataRole.UserRole
REFS_ROLE = Qt.ItemDataRole.UserRole + 1  # the rows' answers by their stored ids, which survive a reload


class RoomyDelegate(QStyledItemDelegate):
    """Cells sized to their text with room to spare: a row drawn in bold (the answer to mark next) still fits."""

    SPARE_PX = 14

    def sizeHint(self, option: Any, index: Any) -> QSize:  # noqa: N802 (Qt's name)
        size = super().sizeHint(option, index)
        return QSize(size.width() + self.SPARE_PX, size.height())


_marker: Any = None
_marker_lock = threading.Lock()


def shared_marker() -> Any:
    """The shipped marking model, loaded once per run of the app (from a background job: it takes seconds)."""
    global _marker
    with _marker_lock:
        if _marker is None:
            from engine.marking.marker import load_default_marker

            _marker = load_default_marker()
        return _marker


def load_if_waiting(store: Any, class_id: Any) -> bool:
    """Load the marking model now if the class has typed answers waiting for a mark; whether it did.

    Run in the background after start, so the screen's first suggestions do not wait for it (loading torch
    and the model takes about a second); a class with nothing to mark does not pay for it in memory.
    """
    if class_id is None or not store.queued_answers(class_id):
        return False
    shared_marker()
    return True


@dataclass
class Outlook:
    """What a background job worked out for the answers on screen."""

    key: tuple
    groups: list[list[int]]
    suggestions: dict[int, Any] = field(default_factory=dict)
    model_problem: str = ""
    next_index: int | None = None  # the answer to mark next: the model learns most from its mark


def work_out(prompt: str, references: list[str], right_for_sure: Callable[[str], bool], texts: list[str],
             marks: dict[int, float], key: tuple) -> Outlook:
    """Groups, then the model's suggestions for the unmarked answers (runs in a worker)."""
    from engine.errors import LamplightError
    from engine.marking import marker as marking

    try:
        model = shared_marker()
    except LamplightError as exc:
        return Outlook(key, marking.group_answers(texts) if texts else [], {}, str(exc))
    seen = marking.outlook(prompt, references, texts, marks, model, right_for_sure)
    return Outlook(key, seen.groups, seen.suggestions, next_index=seen.next_index)


class MarkingPage(Page):
    """The "Mark written answers" screen."""

    shows = ALL_BUT_THE_MODEL

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        self.layout_.addWidget(heading(self.tr("Mark written answers")))
        self.layout_.addWidget(hint(self.tr(
            "Mark a few answers or whole groups; Lamplight suggests marks for the rest. It selects the answer it learns "
            "most from: press ✓ Right or ✗ Wrong (keys 1 and 0), or pick another. Accept the confident ones in one click and check the "
            "others. Practice answers that do not match the key wait here instead of counting as wrong.")))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Question:")))
        self.exercise_combo = QComboBox()
        self.exercise_combo.setObjectName("markingExercise")
        self.exercise_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.exercise_combo.setMinimumContentsLength(40)
        self.exercise_combo.currentIndexChanged.connect(self._on_exercise_picked)
        row.addWidget(self.exercise_combo, 1)
        self.layout_.addLayout(row)
        self.question_text = hint("")
        self.layout_.addWidget(self.question_text)

        self.tree = QTreeWidget()
        self.tree.setObjectName("markingAnswers")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("Answer"), self.tr("Students"), self.tr("Mark"), self.tr("Suggested"),
                                   self.tr("Confidence")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.setItemDelegate(RoomyDelegate(self.tree))  # review 39: bold "建议先批这个" filled its column exactly
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.layout_.addWidget(self.tree, 1)

        buttons = QHBoxLayout()
        self.right_button = QPushButton(self.tr("✓ Right"))
        self.right_button.setObjectName("markRight")
        self.right_button.clicked.connect(lambda: self.mark_selected(1.0))
        self.wrong_button = QPushButton(self.tr("✗ Wrong"))
        self.wrong_button.setObjectName("markWrong")
        self.wrong_button.clicked.connect(lambda: self.mark_selected(0.0))
        self.points = QSpinBox()
        self.points.setObjectName("markPoints")
        self.points.setRange(0, 100)
        self.points.setSingleStep(10)
        self.points.setValue(50)
        self.points.setSuffix("%")
        self.points_button = QPushButton(self.tr("Give points"))
        self.points_button.setObjectName("markWithPoints")
        self.points_button.clicked.connect(lambda: self.mark_selected(self.points.value() / 100.0))
        for key, score in (("1", 1.0), ("0", 0.0)):  # as in the paper-quiz grid: 1 right, 0 wrong
            shortcut = QShortcut(QKeySequence(key), self.tree, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda score=score: self.mark_selected(score))
        self.right_button.setToolTip(self.tr("Mark the selected answers right (key 1)"))
        self.wrong_button.setToolTip(self.tr("Mark the selected answers wrong (key 0)"))
        self.accept_button = QPushButton(self.tr("Accept all confident"))
        self.accept_button.setObjectName("acceptConfident")
        self.accept_button.clicked.connect(self.accept_confident)
        for widget in (self.right_button, self.wrong_button, self.points, self.points_button):
            buttons.addWidget(widget)
        self.undo_button = QPushButton(self.tr("Undo these marks"))  # review 30a: 40 marks in one click, none to take back
        self.undo_button.setObjectName("undoMarks")
        self.undo_button.clicked.connect(self.undo_last_marks)
        self.undo_button.setVisible(False)
        undo_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo_key.activated.connect(lambda: self.undo_button.isVisible() and self.undo_last_marks())  # Ctrl+Z, as in the quiz grid
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.accept_button)
        self.layout_.addLayout(buttons)
        self.summary = hint("")
        self.summary.setObjectName("markingSummary")
        self.layout_.addWidget(self.summary)

        self.answers: list[WrittenAnswer] = []
        self.last_marks: dict[str, float | None] = {}
        """The marks saved last, for "Undo": each new answer ref -> its score before (None: it was waiting)."""
        self.last_marks_class: Any = None
        self.exercise: Any = None
        self.outlook: Outlook | None = None
        self.busy = False
        self._again = False
        self._reopened = True
        self._update_buttons()

    def hideEvent(self, event: Any) -> None:
        self._reopened = True  # the next refresh is the teacher coming back: show her answers that wait
        self._forget_last_marks()  # what she undoes is what she just did here
        super().hideEvent(event)

    # --- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the exercises with typed answers and the picked one's answers (marks come from the store)."""
        class_id = self.context.class_id
        if class_id != self.last_marks_class:
            self._forget_last_marks()
        wanted = self.exercise_combo.currentData()
        entries = WrittenAnswers(self._room()).exercises(class_id) if class_id is not None else []
        self.exercise_combo.blockSignals(True)
        self.exercise_combo.clear()
        for entry in entries:
            label = self.tr("{prompt} ({waiting} waiting, {marked} marked)").format(
                prompt=entry.exercise.prompt, waiting=entry.waiting, marked=entry.marked)
            self.exercise_combo.addItem(label, entry.exercise.id)
        ids = [e.exercise.id for e in entries]
        if ids:
            self.exercise_combo.setCurrentIndex(self._question_to_show(entries, wanted))
        self.exercise_combo.setEnabled(bool(ids))
        self.exercise_combo.blockSignals(False)
        if not ids:  # review 26: another class's suggestions and summary stayed, and "Accept all" raised an error
            self.exercise = None
            self.answers = []
            self.outlook = None
            self.summary.setText("")
            self.question_text.setText(self.tr(
                "No typed answers to mark yet. Practice answers to short-text exercises that do not match the key, and "
                "what children wrote typed into a paper quiz's grid (F2), come here."))
            self.tree.clear()
            self._update_buttons()
            return
        self._load_answers()

    def _question_to_show(self, entries: list[Any], wanted: Any) -> int:
        """The question picked before; but on coming back to the screen, if that one has nothing waiting and
        another has (practice answers came in meanwhile), the question with the most answers waiting (review 46: it
        opened on a question with one answer waiting, not the one with twelve)."""
        reopened, self._reopened = self._reopened, False
        ids = [entry.exercise.id for entry in entries]
        most = max(range(len(entries)), key=lambda i: (entries[i].waiting, -i))
        index = ids.index(wanted) if wanted in ids else most
        if reopened and not entries[index].waiting:
            index = most
        return index

    def _room(self) -> Classroom:
        """The classroom in the teacher's language, so questions show in the words the bank shows them."""
        return Classroom(self.store, self.context.language)

    def _on_exercise_picked(self, _index: int) -> None:
        self.outlook = None
        self._forget_last_marks()
        self._load_answers()

    def _load_answers(self) -> None:
        """The picked exercise's answers from the store, then groups and suggestions in the background."""
        exercise_id = self.exercise_combo.currentData()
        if exercise_id is None or self.context.class_id is None:
            return
        self.exercise = self.store.get_exercise(exercise_id, self.context.language)  # the texts the bank shows
        self.answers = WrittenAnswers(self._room()).answers(self.context.class_id, exercise_id)
        key_text = self.exercise.answer or self.tr("(marked by the teacher, no key)")
        self.question_text.setText(self.tr("{prompt}\nKey: {key}").format(prompt=self.exercise.prompt, key=key_text))
        if self.outlook is None or self.outlook.key != self._key():
            self._fill()
            self._start_outlook()
        else:
            self._fill()

    def _key(self) -> tuple:
        return (getattr(self.exercise, "id", None), tuple((a.ref, a.text, a.score) for a in self.answers))

    def _start_outlook(self) -> None:
        """Work out groups and suggestions in a worker; a second request while one runs starts one more after it."""
        if self.busy:
            self._again = True
            return
        if self.exercise is None:
            return
        self.busy = True
        self._update_buttons()
        self.summary.setText(self.tr("Grouping the answers and working out suggestions…"))
        texts = [a.text for a in self.answers]
        marks = {i: a.score for i, a in enumerate(self.answers) if a.score is not None}
        # the model compares answers with the question the children read, in their language (review 46), not with the
        # teacher's marking note
        prompt, references, right_for_sure = WrittenAnswers(self._room()).marking_texts(self.exercise.id, texts)
        prompt, key = teacher_note(prompt)[0], self._key()

        def done(outlook: Outlook) -> None:
            self.busy = False
            if outlook.key == self._key():
                self.outlook = outlook
                self._fill()
            if self._again or outlook.key != self._key():
                self._again = False
                self._start_outlook()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.summary.setText(str(exc))
            self._update_buttons()

        run_job(self, lambda job: work_out(prompt, references, right_for_sure, texts, marks, key),
                title=self.tr("Working out suggestions…"), on_done=done, on_error=failed, show="status")

    # --- showing ---------------------------------------------------------------------------
    def _fill(self) -> None:
        """One row per group (largest first), its answers beneath when there are several."""
        expanded = {self._group_text(item): item.isExpanded() for item in self._top_items()}
        picked = {item.data(0, REFS_ROLE) for item in self.tree.selectedItems()}
        self.tree.clear()
        groups = [[i] for i in range(len(self.answers))]
        if self.outlook is not None and sorted(i for g in self.outlook.groups for i in g) == list(range(len(self.answers))):
            groups = self.outlook.groups
        for members in groups:
            item = QTreeWidgetItem(self.tree)
            self._describe(item, members, group=True)
            if len(members) > 1:
                for index in members:
                    child = QTreeWidgetItem(item)
                    self._describe(child, [index], group=False)
                # a group of different answers shows them (review 40a: "Accept all confident" marked "12 = 9 + 3", folded
                # under "12 - 9 = 3", right unseen); one answer written alike by several children stays folded
                different = len({same_answer(self.answers[i].text) for i in members}) > 1
                item.setExpanded(expanded.get(self._group_text(item), different))
        self._select(picked)
        self._update_summary()
        self._update_buttons()

    def _select(self, picked: set[tuple]) -> None:
        """Select again the rows the teacher had selected while any is unmarked; else the answer to mark next."""
        rows = [row for top in self._top_items() for row in [top, *(top.child(i) for i in range(top.childCount()))]]
        chosen = [row for row in rows if row.data(0, REFS_ROLE) in picked]
        if not any(self.answers[i].score is None for row in chosen for i in row.data(0, INDEX_ROLE)):
            wanted = self._next_index()
            chosen = [row for row in self._top_items() if wanted in row.data(0, INDEX_ROLE)]
        for row in chosen:
            row.setSelected(True)
        if chosen:  # the keyboard's row too (review 38d: it stayed on the row just marked, and a click there marked it again)
            self.tree.setCurrentItem(chosen[0], 0, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.tree.scrollToItem(chosen[0])
            focused = QApplication.focusWidget()  # review 49d: keys 1 and 0 did nothing as the screen opened (the
            if self.isVisible() and (focused is None or focused is getattr(self.main_window, "nav", None)):  # screens'
                self.tree.setFocus()  # list kept the keyboard); 49e: the question chooser, the points, the class box keep it

    def _describe(self, item: QTreeWidgetItem, members: list[int], group: bool) -> None:
        """Fill a row: the answer, who wrote it, its mark, the model's suggestion and confidence."""
        first = self.answers[members[0]]
        if group and len(members) > 1:
            kinds = len({same_answer(self.answers[i].text) for i in members})
            text = first.text if kinds == 1 else self.tr("{answer} (and {count} similar)").format(answer=first.text, count=kinds - 1)
            who = self._who(members)
        else:
            text, who = first.text, first.student_name
        item.setText(0, text)
        item.setToolTip(0, tip("\n".join(sorted({self.answers[i].text for i in members}))))
        item.setText(1, who)
        item.setData(0, INDEX_ROLE, members)
        item.setData(0, REFS_ROLE, tuple(self.answers[i].ref for i in members))
        scores = [self.answers[i].score for i in members]
        given = {score for score in scores if score is not None}
        if len(given) > 1:
            item.setText(2, self.tr("mixed"))  # the teacher gave different marks within the group
        elif given and None in scores:
            item.setText(2, self.tr("{mark} ({marked} of {count})").format(
                mark=self._mark_text(given.pop()), marked=len(scores) - scores.count(None), count=len(scores)))
        elif not given and group and self._next_index() in members:
            item.setText(2, self.tr("mark this next"))
            item.setToolTip(2, self.tr("Lamplight learns most from your mark on this answer: it is unsure of it, and "
                                       "many classmates wrote something like it."))
            font = item.font(2)
            font.setBold(True)
            item.setFont(2, font)
        else:
            item.setText(2, self._mark_text(given.pop() if given else None))
        suggestions = [self.outlook.suggestions[i] for i in members if self.outlook is not None and i in self.outlook.suggestions]
        if suggestions:
            scores = [s.score for s in suggestions]
            confidence = min(s.confidence for s in suggestions)
            sure = all(s.confident for s in suggestions)
            if any(s.one_character_off for s in suggestions):  # review 43: 三角行 for 三角形 was "✓ right? 80%"
                item.setText(3, self.tr("one character differs from a right answer"))
                item.setText(4, "")
            elif confidence < 0.5:  # more likely wrong than right: no mark to suggest (review 26: "✗ wrong? 38%")
                item.setText(3, self.tr("can't tell"))
                item.setText(4, "")
            else:
                item.setText(3, self.tr("{mark}?", "a suggested mark, not yet given").format(mark=self._mark_text(sum(scores) / len(scores))))
                item.setText(4, f"{confidence:.0%}")
            for column in (3, 4):
                item.setBackground(column, QBrush(SURE if sure else UNSURE))
            if any(s.one_character_off for s in suggestions):
                item.setToolTip(3, self.tr("One character differs from a right answer: a slip of the pen, or a word that means "
                                           "something else (70米 for 70厘米). Yours to mark, right or wrong."))
            # review 47a: "✗ wrong? 91%" shown as confident beside "right at least 95 times in 100" read as a broken promise:
            # the 95 is of all the answers it is this sure of, not of this one's percentage
            item.setToolTip(4, self.tr(
                "Confident: when Lamplight was at least this sure, on questions it had not seen, its mark was the "
                "teacher's about 95 times in 100 or more. Accepting it is safe.") if sure else self.tr(
                "Unsure: please check. Lamplight marks an answer by itself only where, on questions it had not seen, its "
                "mark was the teacher's about 95 times in 100 or more; it learns more with each of your marks."))

    def _next_index(self) -> int | None:
        """The answer to mark next, while the suggestions on screen are for the marks as they are (None meanwhile)."""
        if self.outlook is None or self.outlook.key != self._key():
            return None
        return self.outlook.next_index

    def _who(self, members: list[int]) -> str:
        """How many children wrote a group's answers: each child once, however often she wrote it."""
        children = len({self.answers[i].student_id for i in members})
        if children == len(members):
            return self.tr("1 student") if children == 1 else self.tr("{count} students").format(count=children)
        if children == 1:  # review 38b: "1 students (2 answers)"
            return self.tr("1 student ({answers} answers)").format(answers=len(members))
        return self.tr("{count} students ({answers} answers)").format(count=children, answers=len(members))

    def _mark_text(self, score: float | None) -> str:
        if score is None:
            return "—"
        if score >= 1.0:
            return self.tr("✓ right")
        if score <= 0.0:
            return self.tr("✗ wrong")
        return f"{score:.0%}"

    @staticmethod
    def _group_text(item: QTreeWidgetItem) -> str:
        return item.toolTip(0)

    def _top_items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def confident(self) -> dict[int, float]:
        """Answer index -> suggested mark, for the suggestions sure enough to accept without checking."""
        if self.outlook is None or self.busy:
            return {}
        if self.outlook.key != self._key():  # worked out for answers no longer shown
            return {}
        sure = {i: s.score for i, s in self.outlook.suggestions.items() if s.confident and self.answers[i].score is None}
        for group in self.outlook.groups:  # review 28c: a group row says "unsure" unless all its answers are sure, so
            pending = [i for i in group if self.answers[i].score is None and i in self.outlook.suggestions]
            if any(i not in sure for i in pending):  # its sure ones wait for the teacher with the rest
                for i in pending:
                    sure.pop(i, None)
        return sure

    def _update_summary(self) -> None:
        if self.busy:
            return
        if self.outlook is not None and self.outlook.model_problem:
            self.summary.setText(self.tr("No suggestions: {problem} You can still mark every answer yourself.").format(
                problem=self.outlook.model_problem))
            return
        unmarked = sum(a.score is None for a in self.answers)
        sure = len(self.confident())
        summary = (self.tr("1 answer: {marked} marked, {waiting} waiting. Confident suggestions: {sure}; to check: {unsure}.")
                   if len(self.answers) == 1 else
                   self.tr("{total} answers: {marked} marked, {waiting} waiting. Confident suggestions: {sure}; to check: {unsure}."))
        text = summary.format(total=len(self.answers), marked=len(self.answers) - unmarked, waiting=unmarked, sure=sure,
                              unsure=max(0, unmarked - sure))
        if self.context.class_archived():
            text = sentences(text, self.tr("This class is archived: its answers are read here, not marked. To mark them, restore "
                                           "it in Classes & students."))
        self.summary.setText(text)

    def _update_buttons(self) -> None:
        editable = not self.context.class_archived()  # review 41d: marks went into an archived class
        picked = bool(self.tree.selectedItems()) and editable
        for button in (self.right_button, self.wrong_button, self.points_button):
            button.setEnabled(picked)
        count = len(self.confident())
        self.accept_button.setText(self.tr("Accept all confident ({count})").format(count=count))
        self.accept_button.setEnabled(count > 0 and editable)

    # --- marking -------------------------------------------------------------------------
    def selected_indices(self, unmarked_in_groups: bool = False) -> list[int]:
        """The answers behind the selected rows (a group row stands for all its answers; with ``unmarked_in_groups``
        for those not marked yet, if any: review 28c, a key pressed on a group undid the marks given in it one by one)."""
        chosen: list[int] = []
        for item in self.tree.selectedItems():
            members = item.data(0, INDEX_ROLE)
            unmarked = [i for i in members if self.answers[i].score is None]
            if unmarked_in_groups and len(members) > 1 and unmarked:
                members = unmarked
            chosen.extend(i for i in members if i not in chosen)
        return chosen

    def mark_selected(self, score: float) -> None:
        """The teacher's mark for the selected answers or groups, saved at once; the key's own answer marked wrong
        (or part right) is asked about first."""
        self.tree.setFocus()  # the next 1 or 0 marks the next answer (the buttons wait for the suggestions)
        chosen = self.selected_indices(unmarked_in_groups=True)
        if score < 1 and any(self._is_the_key(self.answers[i].text) for i in chosen) and not ask_before(
                self, self.tr("Mark written answers"), self.tr(
                    "“{answer}” is the answer key's own answer. Mark it {mark} all the same?").format(
                    answer=self.exercise.answer, mark=self._mark_text(score)),
                self.tr("Mark it {mark}").format(mark=self._mark_text(score)), self.tr("Cancel")):
            return  # review 38d: four children who wrote the key were marked wrong by a key pressed on the wrong row
        self._save({i: score for i in chosen})

    def _is_the_key(self, text: str) -> bool:
        """Whether ``text`` is the exercise's answer key as the practice screen would mark it."""
        from engine.classroom.grading import grade

        if self.exercise is None or not self.exercise.answer or self.exercise.kind != "short_text":
            return False
        return grade(self.exercise, text) >= 1.0

    def _forget_last_marks(self) -> None:
        self.last_marks = {}
        self.undo_button.setVisible(False)

    def undo_last_marks(self) -> None:
        """Take back the marks saved last (one press on a mark button or "Accept all confident"): answers that were
        waiting wait again, re-marked ones get their old mark."""
        if not self.last_marks or self.context.class_id is None:
            return
        if self.context.class_id != self.last_marks_class:  # review 31c: another class's marks were undone unseen
            self._forget_last_marks()
            return
        WrittenAnswers(self._room()).undo_marks(self.context.class_id, self.last_marks)
        self._forget_last_marks()
        self.context.changed(Changes(answers=True))
        if getattr(self.main_window, "stack", None) is None or self.main_window.stack.currentWidget() is not self:
            self.refresh()

    def accept_confident(self) -> None:
        """Save every confident suggestion as a mark; the unsure ones stay for the teacher."""
        self.tree.setFocus()
        self._save(self.confident())

    def _save(self, marks: dict[int, float]) -> None:
        if not marks or self.context.class_id is None or self.context.class_archived():  # (keys 1 and 0 too)
            return
        written = WrittenAnswers(self._room())
        moved, _ = written.save_marks(self.context.class_id, {self.answers[i].ref: score for i, score in marks.items()})
        old = {self.answers[i].ref: self.answers[i].score for i in marks}
        self.last_marks = {new: old[ref] for ref, new in moved.items()}
        self.last_marks_class = self.context.class_id
        self.undo_button.setText(self.tr("Undo these marks ({count})").format(count=len(self.last_marks)) if len(self.last_marks) > 1
                                 else self.tr("Undo this mark"))
        self.undo_button.setVisible(True)
        self.context.changed(Changes(answers=True))
        if getattr(self.main_window, "stack", None) is None or self.main_window.stack.currentWidget() is not self:
            self.refresh()  # the window refreshes only the screen on show
