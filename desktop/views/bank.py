"""Exercise bank: browse and search exercises, edit them and their skills, packs, variants from templates."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.engine_texts import teacher_text
from desktop.file_choosers import choose_file_to_open, offered_path
from desktop.i18n import first_few, has_chinese, listing, sentences
from desktop.prompts import ask_before, ask_choice, ask_name
from desktop.views.base import Page, RowsModel, TickList, heading, hint, table_view
from desktop.workers import run_job
from engine.classroom import Changes, Classroom
from engine.classroom.grading import half_width
from engine.number_text import bare_number
from engine.classroom.written import WrittenAnswers
from engine.errors import LamplightError
from engine.graph import prerequisite_order
from engine.number_text import is_number
from engine.store import importers
from engine.store import exporters
from engine.store.exercises import LanguagesDisagreeError, PrerequisiteCycleError, choice_key, question_key, without_letters
from engine.store.starter_pack import starter_pack_keys, starter_pack_path
from engine.store.templates import generate_many
import random

KINDS = ("multiple_choice", "numeric", "short_text", "teacher_marked")
_NOTE_IN_KEY = re.compile(r"[(（][^)）]*(也对|也可|也行|或|\bor\b|\balso\b)[^)）]*[)）]|"
                          r"\S\s*[(（][^)）]*[\u4e00-\u9fff]{2}[^)）]*[)）]", re.IGNORECASE)
"""A note to the teacher in brackets inside a short-text key ("三角形（三边形也对）", "triangle (or trilateral)",
"四条边都相等（边长一样）": review 51c), not a unit (7（个）) or a point ((3, 4))."""


def kind_labels(widget: QWidget) -> dict[str, str]:
    return _KindTexts().labels()



def in_teaching_order(skills: list[Any], store: Any) -> list[Any]:
    """Skills in the order they are taught (each after its prerequisites), as the dashboard lists them."""
    order = {skill: n for n, skill in enumerate(prerequisite_order(store.skill_prerequisites()))}
    return sorted(skills, key=lambda s: order.get(s.id, len(order)))

class _KindTexts(QWidget):
    """Translated names of exercise kinds (a class context for lupdate)."""

    def labels(self) -> dict[str, str]:
        return {
            "multiple_choice": self.tr("Multiple choice"),
            "numeric": self.tr("Number"),
            "short_text": self.tr("Short text"),
            "teacher_marked": self.tr("Marked by the teacher"),
        }


ANSWER_COLUMN = 2
ANSWER_SHOWN = 30
"""Characters of an answer the table shows (a written task's model answer would push Skills off the screen)."""


def _shortened(text: str) -> str:
    return text if len(text) <= ANSWER_SHOWN else text[:ANSWER_SHOWN - 1].rstrip() + "…"


class BankPage(Page):
    """All exercises and skills."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        self.layout_.addWidget(heading(self.tr("Exercise bank")))
        self.tabs = QTabWidget()
        self.layout_.addWidget(self.tabs, 1)

        exercises = QWidget()
        e_box = QVBoxLayout(exercises)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("bankSearch")
        self.search.setPlaceholderText(self.tr("Search exercises by text"))
        self.search.textChanged.connect(self._fill_exercises)
        self.skill_filter = QComboBox()
        self.skill_filter.setObjectName("bankSkillFilter")
        self.skill_filter.currentIndexChanged.connect(self._fill_exercises)
        filters.addWidget(self.search, 2)
        filters.addWidget(QLabel(self.tr("Skill:")))
        filters.addWidget(self.skill_filter, 1)
        e_box.addLayout(filters)
        self.count_label = hint("")
        e_box.addWidget(self.count_label)
        self.empty_starter_button = self._starter_button("addStarterPackEmpty")  # the empty bank's way in
        e_box.addWidget(self.empty_starter_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.model = RowsModel([self.tr("Exercise"), self.tr("Kind"), self.tr("Answer"), self.tr("Skills")], self)
        self.view = table_view(self.model)
        self.view.setObjectName("bankTable")
        self.view.doubleClicked.connect(lambda _: self.edit_exercise())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        e_box.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.exercise_buttons: list[QPushButton] = []
        """Edit… and Delete: greyed while no exercise is chosen (review 49a: pressed then, they did nothing)."""
        for name, text, slot in (
            ("bankAdd", self.tr("Add exercise…"), self.add_exercise),
            ("bankEdit", self.tr("Edit…"), self.edit_exercise),
            ("bankDelete", self.tr("Delete"), self.delete_exercise),
            ("bankVariants", self.tr("New variants from a template…"), self.generate_variants),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
            if name in ("bankEdit", "bankDelete"):
                self.exercise_buttons.append(button)
        row.addStretch(1)
        self.starter_button = self._starter_button("addStarterPack")  # beside the imports while the pack is missing
        row.addWidget(self.starter_button)
        self.import_button = QPushButton(self.tr("Import pack…"))
        self.import_button.clicked.connect(lambda: self.import_pack())
        self.export_button = QPushButton(self.tr("Export pack…"))
        self.export_button.clicked.connect(lambda: self.export_pack())
        row.addWidget(self.import_button)
        row.addWidget(self.export_button)
        e_box.addLayout(row)
        self.tabs.addTab(exercises, self.tr("Exercises"))

        skills = QWidget()
        k_box = QVBoxLayout(skills)
        k_box.addWidget(hint(self.tr("A skill's prerequisites are the skills a student should master first. Lamplight suggests a skill only when its prerequisites are mastered.")))
        self.skills_model = RowsModel([self.tr("Skill"), self.tr("Prerequisites"), self.tr("Exercises", "how many a skill has")], self)
        self.skills_view = table_view(self.skills_model, stretch_column=1)
        self.skills_view.setObjectName("skillsTable")
        self.skills_view.doubleClicked.connect(lambda _: self.edit_skill())
        self.skills_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        k_box.addWidget(self.skills_view, 1)
        k_row = QHBoxLayout()
        add_skill = QPushButton(self.tr("Add skill…"))
        add_skill.clicked.connect(self.add_skill)
        edit_skill = QPushButton(self.tr("Edit skill…"))
        edit_skill.setObjectName("editSkill")
        edit_skill.clicked.connect(self.edit_skill)
        delete_skill = QPushButton(self.tr("Delete skill…"))
        delete_skill.setObjectName("deleteSkill")
        delete_skill.clicked.connect(self.delete_skill)
        k_row.addWidget(add_skill)
        k_row.addWidget(edit_skill)
        k_row.addWidget(delete_skill)
        self.skill_buttons = [edit_skill, delete_skill]
        k_row.addStretch(1)
        k_box.addLayout(k_row)
        self.tabs.addTab(skills, self.tr("Skills"))
        self.exercises: list[Any] = []
        self.skills: list[Any] = []
        self.job = None

    def _starter_button(self, name: str) -> QPushButton:
        button = QPushButton(self.tr("Add the starter exercises"))
        button.setObjectName(name)
        button.setToolTip(self.tr("Primary-school mathematics that comes with Lamplight: skills with their "
                                  "prerequisites, exercises and templates for new variants."))
        button.clicked.connect(lambda: self.add_starter_pack())
        button.setVisible(False)
        return button

    def refresh(self) -> None:
        self.skills = in_teaching_order(self.store.list_skills(self.context.language), self.store)  # review 34a: by character code
        self.exercises = self.store.list_exercises(self.context.language)
        current = self.skill_filter.currentData()
        self.skill_filter.blockSignals(True)
        self.skill_filter.clear()
        self.skill_filter.addItem(self.tr("All skills"), None)
        for skill in self.skills:
            self.skill_filter.addItem(skill.name, skill.id)
        self.skill_filter.setCurrentIndex(max(0, self.skill_filter.findData(current)))
        self.skill_filter.blockSignals(False)
        self._fill_exercises()
        names = {s.id: s.name for s in self.skills}
        used = {s.id: 0 for s in self.skills}
        for e in self.exercises:
            for s in e.skills:
                used[s] = used.get(s, 0) + 1
        self.skills_model.set_rows(
            [[s.name, listing(names.get(p, str(p)) for p in s.prerequisites), used.get(s.id, 0)] for s in self.skills], self.skills
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        for button in self.exercise_buttons:
            button.setEnabled(self.selected_exercise() is not None)
        for button in self.skill_buttons:
            button.setEnabled(self._selected_skill() is not None)

    def _fill_exercises(self, *_: Any) -> None:
        needle = self.search.text().strip().lower()
        skill = self.skill_filter.currentData()
        names = {s.id: s.name for s in self.skills}
        kinds = kind_labels(self)
        shown = [e for e in self.exercises if (not needle or needle in e.prompt.lower()) and (skill is None or skill in e.skills)]
        rows = [[e.prompt, kinds.get(e.kind, e.kind), _shortened(e.answer), listing(names.get(s, str(s)) for s in e.skills)] for e in shown]
        self.model.set_rows(rows, shown)
        for row, exercise in enumerate(shown):  # a model answer is a sentence or two: whole when hovered
            if rows[row][ANSWER_COLUMN] != exercise.answer:
                self.model.tooltips[(row, ANSWER_COLUMN)] = exercise.answer
        missing = not self.has_starter_pack()
        self.empty_starter_button.setVisible(missing and not self.exercises)
        self.starter_button.setVisible(missing and bool(self.exercises))
        if not self.exercises:
            self.count_label.setText(self.tr("The bank is empty. Press “Add the starter exercises” to get the primary-school "
                                             "mathematics that comes with Lamplight, import a pack, or add exercises yourself."))
        else:
            self.count_label.setText(self.tr("{shown} of {total} exercises shown.").format(shown=len(shown), total=len(self.exercises)))
        self._update_buttons()

    def selected_exercise(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_payload(rows[0].row()) if rows else None

    def add_exercise(self) -> None:
        def save(values: dict[str, Any]) -> bool:
            same = self.store.asked_questions().get(question_key(values["prompt"]))
            if same is not None and not ask_before(dialog, self.tr("Add exercise"), self.tr(
                    "The bank already has this question:\n\n{prompt}\n\nAdd it again? Children's answers would be split "
                    "between the two.").format(prompt=self.store.get_exercise(same, self.context.language).prompt),
                    self.tr("Add it again"), self.tr("Go back")):  # review 46d: a second copy came in without a word
                return False
            self.store.add_exercise(**values)
            return True

        dialog = ExerciseDialog(self.skills, None, self, save=save)
        if dialog.exec() == QDialog.DialogCode.Accepted:  # a refusal is shown in the dialog, which stays open
            self.context.changed(Changes(bank=True))

    def edit_exercise(self) -> None:
        exercise = self.selected_exercise()
        if exercise is None:
            return
        def save(values: dict[str, Any]) -> bool:
            if values["prompt"] != exercise.prompt and not self._rewrite_answered(exercise, values["prompt"], dialog):
                return False
            self.store.edit_exercise(exercise.id, self.context.language, values, dialog.answers_elsewhere())
            return True

        elsewhere = self.store.texts_elsewhere(exercise.id, self.context.language)
        dialog = ExerciseDialog(self.skills, exercise, self, save=save, elsewhere=elsewhere)  # she edits the text she sees
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.changed(Changes(bank=True))
            self.mark_again(exercise)

    def _rewrite_answered(self, exercise: Any, prompt: str, parent: QWidget) -> bool:
        """Whether to give an exercise children answered new words: their answers stay with it (review 37d: "What is
        7 × 8?" became "What is 9 × 9?" and the history showed "56 ✓" under it). True when nobody answered it."""
        answered = self.store.answers_to_exercise(exercise.id)
        if not answered:
            return True
        question = self.tr(
            "A child gave 1 answer to “{old}”. It stays with this exercise, so its history and quizzes would show it under "
            "“{new}”. Change the words only to correct how the question is written; for another question, press Cancel "
            "and add a new exercise.") if answered == 1 else self.tr(
            "Children gave {count} answers to “{old}”. They stay with this exercise, so its history and quizzes would "
            "show them under “{new}”. Change the words only to correct how the question is written; for another "
            "question, press Cancel and add a new exercise.")
        return ask_before(parent, self.tr("Change the question"), question.format(count=answered, old=exercise.prompt, new=prompt),
                          self.tr("Change the words"), self.tr("Cancel"))

    def mark_again(self, before: Any) -> None:
        """After an edit of the answer key, offer to mark the children's typed answers again with the new key
        (review 27b: a wrong key fixed later left every right answer counted wrong, without a word)."""
        room = Classroom(self.store, self.context.language)  # the key in the language she edited it in
        marks = room.marks_after_key_change(before, before.id)
        written = WrittenAnswers(room)
        waiting = written.right_with_the_key(before.id)  # review 28c: answers like the new key stayed waiting
        waiting_count = sum(len(refs) for refs in waiting.values())
        if not marks and not waiting_count:
            return
        right = sum(1 for _, mark in marks if mark >= 0.5)
        one = waiting_count == 1
        mark_waiting = self.tr("Mark it right now? Mastery, next steps and reports follow the new marks.") if one else \
            self.tr("Mark them right now? Mastery, next steps and reports follow the new marks.")
        mark_right = self.tr("Mark it right") if one else self.tr("Mark them right")
        question = self.tr(
            "{count} answers the children typed to this exercise were marked with the old answer key. With the new "
            "one, {right} would be right and {wrong} wrong. Mark them again with the new key? Mastery, next "
            "steps and reports follow the new marks.").format(count=len(marks), right=right, wrong=len(marks) - right) \
            if marks else mark_waiting
        said = ""
        if waiting_count:
            said = (self.tr("1 answer waiting in “Mark written answers” matches the new key.") if one else
                    self.tr("{count} answers waiting in “Mark written answers” match the new key.").format(count=waiting_count))
            question = sentences(said, question)  # review 34a: joined by a space, also in Chinese
        go = self.tr("Mark them again") if marks else mark_right
        changes = Changes()
        if ask_before(self, self.tr("Mark again"), question, go, self.tr("Keep the old marks") if marks else self.tr("Not now")):
            changes = room.set_answer_marks(marks) if marks else Changes()
        elif not (marks and waiting_count and ask_before(  # review 34a: keeping the old marks left those waiting too
                self, self.tr("Mark again"), sentences(said, mark_waiting), mark_right, self.tr("Not now"))):
            return
        for class_id, refs in waiting.items():
            changes = changes | written.save_marks(class_id, {ref: 1.0 for ref in refs})[1]
        self.context.changed(changes)

    def delete_exercise(self) -> None:
        """Delete the selected exercise after a question that says how many students' answers go with it."""
        exercise = self.selected_exercise()
        if exercise is None:
            return
        answers = self.store.answers_to_exercise(exercise.id)
        # the question on a line of its own (review 46d: "Delete “What is 3+4?”?" asked twice)
        if answers:
            text = self.tr("Delete this exercise?\n\n{prompt}\n\nStudents have given {count} answers to it. They will be deleted "
                           "with it and will no longer count toward the students' mastery. This cannot be undone.")
        else:
            text = self.tr("Delete this exercise?\n\n{prompt}\n\nNo student has answered it yet.")
        text = text.format(prompt=exercise.prompt, count=answers)
        quizzes = [self.tr("“{quiz}” ({class_name})").format(quiz=quiz, class_name=name)
                   for quiz, name in self.store.quizzes_asking(exercise.id)]
        if quizzes:  # review 46d: a paper quiz lost the question and its marks without a word
            text += "\n\n" + self.tr("It is on these quizzes, which lose it and the marks given for it: {quizzes}.").format(
                quizzes=first_few(quizzes))
        if self._asked_to_delete(self.tr("Delete exercise"), text,
                                 self.tr("Delete the exercise and its answers") if answers else self.tr("Delete the exercise")):
            self.store.delete_exercise(exercise.id)
            self.context.changed(Changes(bank=True))

    def add_skill(self) -> None:
        taken = [skill.name for skill in self.skills]
        if ask_name(self, self.tr("Add skill"), self.tr("Name of the skill:"), self.store.add_skill, taken=taken):
            self.context.changed(Changes(bank=True))

    def _asked_to_delete(self, title: str, text: str, delete_label: str) -> bool:
        return ask_before(self, title, text, delete_label, self.tr("Keep it"), QMessageBox.ButtonRole.DestructiveRole)

    def _selected_skill(self) -> Any:
        rows = self.skills_view.selectionModel().selectedRows()
        return self.skills_model.row_payload(rows[0].row()) if rows else None

    def delete_skill(self) -> None:
        """Delete the selected skill after a question; the exercises that practise it first get another skill the
        teacher chooses (they would lose it from the dashboard and worksheets), moved only when she deletes it."""
        skill = self._selected_skill()
        if skill is None:
            return
        using = sum(skill.id in e.skills for e in self.exercises)
        title = self.tr("Delete skill")
        target = self._new_skill_for_exercises(skill, using, title) if using else None
        if using and target is None:
            return
        question = self.tr(
            "Delete the skill “{name}”? No exercise practises it; it leaves the dashboard and the lists of skills.").format(
            name=skill.name) if target is None else self.tr(
            "Delete the skill “{name}”? Its {count} exercises move to “{other}”, and the children's answers to them count "
            "toward it; “{name}” leaves the dashboard and the lists of skills.").format(
            name=skill.name, count=using, other=target.name)
        needing = [s.name for s in self.skills if s.id in set(self.store.skills_needing(skill.id))]
        if needing:
            before = [s.name for s in self.skills if s.id in set(skill.prerequisites)]
            question += " " + (self.tr("The skills that needed it ({later}) then need what it needed: {earlier}.").format(
                later=listing(needing), earlier=listing(before)) if before else
                self.tr("The skills that needed it ({later}) then need no skill first.").format(later=listing(needing)))
        if self._asked_to_delete(title, question, self.tr("Delete the skill")):  # review 47b: Keep it moved them all the same
            self.store.delete_skill(skill.id, move_to=None if target is None else target.id)
            self.context.changed(Changes(bank=True))

    def _new_skill_for_exercises(self, skill: Any, using: int, title: str) -> Any:
        """The skill the teacher chooses for the exercises of one about to be deleted (review 46d: each exercise was
        edited one by one before), or None."""
        others = [s for s in self.skills if s.id != skill.id]
        text = self.tr("{count} exercises practise “{name}”. Before the skill is deleted they need another skill: "
                       "choose it, or give each another skill yourself (Exercises → Edit…).").format(count=using, name=skill.name)
        if not others:
            QMessageBox.information(self, title, text)
            return None
        chosen = ask_choice(self, title, text + "\n\n" + self.tr("Move them to:"), [s.name for s in others])
        return next((s for s in others if s.name == chosen), None)

    def edit_skill(self) -> None:
        skill = self._selected_skill()
        if skill is None:
            return

        def save(name: str, prerequisites: list[Any]) -> None:
            renamed = name if name and name != skill.name else None  # the name in the teacher's language, only when changed
            self.store.update_skill(skill.id, name=renamed, prerequisites=prerequisites, language=self.context.language)

        dialog = SkillDialog(skill, self.skills, self, save=save)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.changed(Changes(bank=True))

    def has_starter_pack(self) -> bool:
        """True when most of the starter pack's exercises are in the bank (the demo class or the button brought them).
        A class added from a backup brings only the exercises it answered (review 36a: 32 of 442, and the button was
        gone); a teacher who deleted a few she did not want is not offered them again."""
        wanted = starter_pack_keys()
        return 2 * len(wanted & {e.key for e in self.exercises}) >= len(wanted)

    def add_starter_pack(self) -> Any:
        """Import the starter pack shipped with Lamplight (in a worker); the bank reloads when it is in."""
        buttons = (self.starter_button, self.empty_starter_button)
        for button in buttons:  # one import at a time; the buttons hide once the pack is in
            button.setEnabled(False)
        job = self.import_pack(str(starter_pack_path()), title=self.tr("Adding the starter exercises…"))
        job.ended.connect(lambda: [button.setEnabled(True) for button in buttons])
        return job

    def import_pack(self, path: str | None = None, title: str | None = None) -> Any:
        if not path:
            path = choose_file_to_open(self, self.tr("Import exercise pack"), self.tr("Exercise packs (*.json);;All files (*)"),
                                       self.context.settings)
            if not path:
                return None

        title = title or self.tr("Importing the pack…")
        self.main_window.statusBar().clearMessage()  # review 42: the last pack's "imported" stood beside this one's refusal

        def done(report: importers.PackReport) -> None:
            self.context.changed(Changes(bank=True))
            if report.exercises_answered_kept:  # something the teacher should act on: not a passing status line
                QMessageBox.information(self, self.tr("Import pack"), self.pack_summary(report))
            else:
                self.main_window.statusBar().showMessage(self.pack_summary(report), 8000)

        def read(found: tuple[dict[str, Any], int, int, int]) -> None:
            pack, edited, new, bank = found
            if new > BIG_PACK and not ask_before(self, self.tr("Import pack"), self.tr(
                    "This pack adds {count} exercises to the {bank} in the bank. With so many, the bank, New quiz and the "
                    "student page take longer to open (a second or two). Import them?").format(count=new, bank=bank),
                    self.tr("Import them"), self.tr("Cancel")):  # review 42: 20,000 exercises came in without a word
                self.main_window.statusBar().showMessage(self.tr("Nothing was imported."), 8000)
                return
            replace = self.ask_about_edits(edited) if edited else False
            if replace is None:
                self.main_window.statusBar().showMessage(self.tr("Nothing was imported."), 8000)
                return
            self.job = run_job(self, lambda ctx: importers.import_pack(ctx.store(), path, pack=pack, replace_edits=replace),
                               title=title, on_done=done)

        self.job = run_job(self, lambda ctx: _read_pack(ctx.store(), Path(path)), title=title, on_done=read)
        return self.job

    def ask_about_edits(self, edited: int) -> bool | None:
        """Whether the import may replace the teacher's edits of the pack's exercises (None: import nothing)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Import pack"),
                          self.tr("You have edited {count} of this pack's exercises. The pack has its own version of them."
                                  "\n\nKeep my edits: the pack's other exercises are brought up to date, the ones you "
                                  "edited stay as you edited them.\nReplace: your edits of these exercises are lost."
                                  ).format(count=edited), QMessageBox.StandardButton.NoButton, self)
        keep = box.addButton(self.tr("Keep my edits"), QMessageBox.ButtonRole.AcceptRole)
        replace = box.addButton(self.tr("Replace with the pack's version"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(cancel)
        box.exec()
        return {keep: False, replace: True}.get(box.clickedButton())

    def pack_summary(self, report: importers.PackReport) -> str:
        """What an import added, in a sentence for the status bar (review 27b: "1 skills")."""
        skills = self.tr("1 skill") if report.skills_added == 1 else self.tr("{count} skills").format(count=report.skills_added)
        exercises = (self.tr("1 exercise") if report.exercises_added == 1
                     else self.tr("{count} exercises").format(count=report.exercises_added))
        changed = report.exercises_updated - report.exercises_unchanged
        templates = report.templates_added or report.templates_changed
        if report.skills_added or report.exercises_added or changed:
            text = self.tr("Pack imported: {skills} and {exercises} added, {known} already there (updated).").format(
                skills=skills, exercises=exercises, known=changed)
        elif templates:
            text = self.tr("Pack imported: the bank already has its {count} exercises as the pack has them.").format(
                count=report.exercises_unchanged)
        else:  # review 42: the same pack again said "(updated)"
            text = self.tr("Nothing new: the bank already has this pack's {count} exercises as the pack has them.").format(
                count=report.exercises_unchanged)
        if templates:  # review 46d: a pack edited by hand changed templates under "Nothing new"
            text = sentences(text, self.tr("Exercise templates: {added} new, {changed} changed.").format(
                added=report.templates_added, changed=report.templates_changed))
        if report.exercises_kept:
            text = sentences(text, self.tr("{kept} you edited kept as you edited them.").format(kept=report.exercises_kept))
        if report.exercises_answered_kept:  # sentences(): no space after a Chinese full stop (review 35c)
            text = sentences(text, self.tr("{kept} that children have answered kept as they were: the pack gives them another "
                                           "answer, skill or kind (edit them yourself if the pack is right).").format(
                                               kept=report.exercises_answered_kept))
            text += "\n\n" + first_few([f"“{self.store.get_exercise(i, self.context.language).prompt}”" for i in report.answered_kept_ids])
        return text

    def export_pack(self, path: str | None = None) -> Any:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export exercise pack"), offered_path(
                Path.home(), self.tr("exercises", "a file name") + ".json"), self.tr("Exercise packs (*.json)"))
            if not path:
                return None
        done = lambda result: self.main_window.statusBar().showMessage(self.tr("Saved {file}").format(file=str(result)), 8000)  # noqa: E731
        title = self.tr("Exported exercise bank")  # the pack's title where it is imported (review 51c: English in a Chinese one)
        self.job = run_job(self, lambda ctx: exporters.export_pack(ctx.store(), Path(path), title=title), title=self.tr("Exporting the pack…"),
                           on_done=done)
        return self.job

    def generate_variants(self) -> None:
        templates = self.store.list_templates()
        if not templates:
            QMessageBox.information(self, self.tr("Templates"), self.tr("There are no exercise templates yet. They come with the starter pack."))
            return
        dialog = VariantsDialog(self.store, templates, self, self.context.language)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.generated:
            [self.store.add_generated_exercise(g) for g in dialog.generated]
            self.context.changed(Changes(bank=True))


BIG_PACK = 2000
"""A pack adding more exercises than this is imported only when the teacher says so (the starter pack has 460)."""


def _read_pack(store: Any, path: Path) -> tuple[dict[str, Any], int, int, int]:
    """A pack file, checked; how many of its exercises the teacher edited, how many are new to the bank, and how many
    the bank has (in a worker: big packs take a while)."""
    pack = importers.load_pack(path, store.skill_names())  # a colleague's pack may build on the bank's skills
    return pack, importers.edited_in_pack(store, pack), importers.new_in_pack(store, pack), store.counts()["exercises"]


class ExerciseDialog(QDialog):
    """Add or edit one exercise of any kind.

    With ``save``, OK calls it with :meth:`values` and closes only when it works:
    the engine's refusal is shown in the dialog, the teacher's typing kept.
    """

    def __init__(self, skills: list[Any], exercise: Any, parent: QWidget,
                 save: Callable[[dict[str, Any]], None] | None = None,
                 elsewhere: list[tuple[str | None, dict[str, str]]] = ()) -> None:
        super().__init__(parent)
        self.save = save
        self.setWindowTitle(self.tr("Edit exercise") if exercise else self.tr("Add exercise"))
        self.resize(560, 520)
        form = QFormLayout(self)
        self.prompt = QPlainTextEdit(exercise.prompt if exercise else "")
        self.prompt.setObjectName("exercisePrompt")
        self.prompt.setFixedHeight(90)
        form.addRow(self.tr("Question:"), self.prompt)
        self.kind = QComboBox()
        self.kind.setObjectName("exerciseKind")
        for code, label in kind_labels(self).items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(exercise.kind if exercise else "numeric")))
        form.addRow(self.tr("Kind:"), self.kind)
        self.choices = QPlainTextEdit("\n".join(exercise.choices) if exercise and exercise.choices else "")
        self.choices.setObjectName("exerciseChoices")
        self.choices.setFixedHeight(90)
        self.choices_label = QLabel(self.tr("Choices (one per line):"))
        form.addRow(self.choices_label, self.choices)
        self.answer = QLineEdit(exercise.answer if exercise else "")
        self.answer.setObjectName("exerciseAnswer")
        form.addRow(self.tr("Right answer:"), self.answer)
        example = "; ".join(fact.replace(" ", "\u00a0") for fact in ("12 − 9 = 3", "12 − 3 = 9"))  # 47b: each on one line
        self.answer_hint = hint(self.tr("More than one right answer? Put ; between them: {example}").format(example=example))
        self.answer_hint.setObjectName("exerciseAnswerHint")
        form.addRow("", self.answer_hint)
        self.elsewhere: list[tuple[str | None, str, QLineEdit, QLabel, QLabel]] = []
        for place, texts in elsewhere:  # a short answer is each language's own (review 46d): shown to be corrected too
            chinese = (place or "").startswith("zh") or not place and has_chinese(texts["prompt"])
            question = hint((self.tr("In Chinese: “{question}”") if chinese else self.tr("In English: “{question}”")).format(
                question=texts["prompt"]))
            form.addRow(question)  # the whole width (review 47a: squeezed into the labels' column, no language named)
            other = QLineEdit(texts["answer"])
            other.setObjectName("exerciseAnswerElsewhere")
            label = QLabel(self.tr("Right answer in Chinese:") if chinese else self.tr("Right answer in English:"))
            form.addRow(label, other)
            self.elsewhere.append((place, texts["answer"], other, label, question))
        self.skills = TickList()
        self.skills.setObjectName("exerciseSkills")
        for skill in skills:  # in teaching order, as on the dashboard
            item = QListWidgetItem(skill.name)
            item.setData(Qt.ItemDataRole.UserRole, skill.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if exercise and skill.id in exercise.skills else Qt.CheckState.Unchecked)
            self.skills.addItem(item)
        form.addRow(self.tr("Skills:"), self.skills)
        self.problem = QLabel("")
        self.problem.setObjectName("exerciseProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b23b2c;")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self, *_: Any) -> None:
        is_choice = self.kind.currentData() == "multiple_choice"
        self.choices.setVisible(is_choice)
        self.choices_label.setVisible(is_choice)
        self.answer_hint.setVisible(self.kind.currentData() == "short_text")
        own_answer = self.kind.currentData() in ("short_text", "teacher_marked")  # a number or a choice is shared
        for _, _, *widgets in self.elsewhere:
            for widget in widgets:
                widget.setVisible(own_answer)

    def answers_elsewhere(self) -> dict[str | None, str]:
        """The answers the teacher changed in the exercise's texts in other languages."""
        if self.kind.currentData() not in ("short_text", "teacher_marked"):
            return {}
        return {place: other.text().strip() for place, before, other, *_ in self.elsewhere if other.text().strip() != before}

    def values(self) -> dict[str, Any]:
        kind = self.kind.currentData()
        choices = [c.strip() for c in self.choices.toPlainText().splitlines() if c.strip()] if kind == "multiple_choice" else []
        answer = self.answer.text().strip()
        if kind == "multiple_choice":  # review 29a: ３×４ typed with a Chinese keyboard for the choice 3×4 was refused
            choices, answer = without_letters(choices, answer)  # review 43: "A. 3条" printed as "○ A  A. 3条"; "B" refused
            answer = next((c for c in choices if choice_key(c) == choice_key(answer)), answer)
        elif kind == "numeric":  # as a child's answer is read: １２ is 12, ½ is 1/2
            answer = half_width(answer)
        return {
            "prompt": self.prompt.toPlainText().strip(),
            "kind": kind,
            "choices": choices,
            "answer": answer,
            "skills": [
                self.skills.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.skills.count())
                if self.skills.item(i).checkState() == Qt.CheckState.Checked
            ],
        }

    def _check(self) -> None:
        v = self.values()
        if not v["prompt"]:
            self.problem.setText(self.tr("Write the question."))
        elif v["kind"] == "multiple_choice" and len(v["choices"]) < 2:
            self.problem.setText(self.tr("A multiple-choice exercise needs at least two choices."))
        elif v["kind"] == "multiple_choice" and len({choice_key(c) for c in v["choices"]}) < len(v["choices"]):
            self.problem.setText(self.tr("Each choice must be different: a child would see two equal buttons."))
        elif v["kind"] == "multiple_choice" and v["answer"] not in v["choices"]:
            self.problem.setText(self.tr("The right answer must be one of the choices: type its words, or its letter (B "
                                         "for the second)."))
        elif v["kind"] == "numeric" and not is_number(v["answer"]):
            number = bare_number(v["answer"])  # review 43: "6元" refused without a word of what to type
            digits = re.search(r"\d+(?:\.\d+)?", half_width(v["answer"]))  # 1.5千克, ￥6: said, not promised as right
            self.problem.setText(
                self.tr("The right answer of a number exercise is the number alone: type {number}. A child who writes "
                        "“{typed}” is still marked right.").format(number=number, typed=v["answer"]) if number else
                self.tr("The right answer of a number exercise is the number alone: type {number}.").format(number=digits[0])
                if digits else self.tr("The right answer of a number exercise must be a number."))
        elif v["kind"] != "teacher_marked" and not v["answer"]:
            self.problem.setText(self.tr("Write the right answer."))
        elif v["kind"] != "teacher_marked" and not all(self.answers_elsewhere().values()):  # review 47b: which one?
            self.problem.setText(self.tr("Write the right answer in the other language too."))
        elif v["kind"] == "short_text" and any(map(_NOTE_IN_KEY.search, [v["answer"], *self.answers_elsewhere().values()])):
            # review 47a: 三角形（三边形也对）; 47b: in the other language's field too
            self.problem.setText(self.tr("A child's answer is compared with the right answer as it is written, brackets "
                                         "and all. For a second right answer, put ; between them: triangle; trilateral"))
        elif not v["skills"]:  # review 34a: saved with none, its answers counted toward nothing, unsaid
            self.problem.setText(self.tr("Tick at least one skill: answers to an exercise without a skill count toward "
                                         "no skill, and it is never chosen as a next step.") if self.skills.count() else
                                 self.tr("Make a skill first (the Skills tab): answers to an exercise without a skill "
                                         "count toward no skill, and it is never chosen as a next step."))
        elif self._saved(v):
            self.accept()

    def _saved(self, values: dict[str, Any]) -> bool:
        if self.save is None:
            return True
        try:
            if self.save(values) is False:  # the teacher chose to go on editing
                return False
        except LanguagesDisagreeError:
            self.problem.setText(self.tr("This exercise has its text in two languages, and the other language cannot follow "
                                         "this change: in every language an exercise has the same kind, the same number "
                                         "of choices and the right answer in the same place. Nothing was saved. Change the "
                                         "wording only, or add a new exercise."))
            return False
        except LamplightError as exc:
            self.problem.setText(teacher_text(str(exc)))
            return False
        return True


class SkillDialog(QDialog):
    """Rename a skill and choose its prerequisites.

    With ``save``, OK calls it with the name and prerequisites and closes only
    when it works; prerequisites that would make a circle are named in the
    dialog and nothing is saved.
    """

    def __init__(self, skill: Any, skills: list[Any], parent: QWidget,
                 save: Callable[[str, list[Any]], None] | None = None) -> None:
        super().__init__(parent)
        self.save = save
        self.skill_id = skill.id
        self.names = {s.id: s.name for s in skills}
        self.setWindowTitle(self.tr("Edit skill"))
        self.resize(520, 560)
        form = QFormLayout(self)
        self.name = QLineEdit(skill.name)
        form.addRow(self.tr("Name:"), self.name)
        self.list = TickList()
        for other in skills:
            if other.id == skill.id:
                continue
            item = QListWidgetItem(other.name)
            item.setData(Qt.ItemDataRole.UserRole, other.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if other.id in skill.prerequisites else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        form.addRow(self.tr("Prerequisites:"), self.list)
        self.problem = QLabel("")
        self.problem.setObjectName("skillProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b23b2c;")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _save(self) -> None:
        if self.save is not None:
            try:
                self.save(self.name.text().strip(), self.prerequisites())
            except PrerequisiteCycleError as exc:
                self.problem.setText(self.circle_text(exc.cycle))
                return
            except LamplightError as exc:
                self.problem.setText(teacher_text(str(exc)))
                return
        self.accept()

    def circle_text(self, cycle: list[str]) -> str:
        """The circle in the teacher's words: who needs whom, one line each, and the tick here that closes it."""
        pairs = list(zip(cycle, cycle[1:]))
        steps = [self.tr("“{skill}” needs “{prerequisite}” first").format(skill=self.names.get(a, a), prerequisite=self.names.get(b, b))
                 for a, b in pairs]
        closing = next((b for a, b in pairs if a == self.skill_id), pairs[0][1])
        return self.tr("These prerequisites would make a circle, so no skill in it could ever be suggested:\n{steps}\n"
                       "Untick “{prerequisite}” here. Nothing was saved.").format(steps="\n".join(steps),
                                                                              prerequisite=self.names.get(closing, closing))

    def prerequisites(self) -> list[Any]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]


class VariantsDialog(QDialog):
    """Make fresh variants of a template exercise at a chosen difficulty, preview, then add."""

    def __init__(self, store: Any, templates: list[Any], parent: QWidget, language: str | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.language = language
        self.templates = templates
        self.generated: list[Any] = []
        self.setWindowTitle(self.tr("New variants from a template"))
        self.resize(560, 460)
        box = QVBoxLayout(self)
        form = QFormLayout()
        self.template = QComboBox()
        for t in templates:
            self.template.addItem(t.title_in(self.language), t.id)
        form.addRow(self.tr("Template:"), self.template)
        self.difficulty = QComboBox()
        for value, label in ((1, self.tr("1 – easiest")), (2, "2"), (3, self.tr("3 – medium")), (4, "4"), (5, self.tr("5 – hardest"))):
            self.difficulty.addItem(label, value)
        self.difficulty.setCurrentIndex(2)
        form.addRow(self.tr("Difficulty:"), self.difficulty)
        self.count = QSpinBox()
        self.count.setRange(1, 50)
        self.count.setValue(5)
        form.addRow(self.tr("How many:"), self.count)
        box.addLayout(form)
        preview = QPushButton(self.tr("Preview"))
        preview.clicked.connect(self.preview)
        box.addWidget(preview, 0, Qt.AlignmentFlag.AlignLeft)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        box.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.addButton(self.tr("Add to the bank"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def preview(self) -> None:
        made = generate_many(self.store.get_template(self.template.currentData()), self.difficulty.currentData(),
                             self.count.value(), random.Random())
        asked = self.store.asked_questions()  # review 46d: variants the bank had came in a second time
        self.generated = [g for g in made if not any(question_key(p) in asked for p in [g.prompt, *(t["prompt"] for t in g.texts.values())])]
        self.list.clear()
        for g in self.generated:
            shown = g.text_in(self.language)
            choices = self.tr("  ({choices})").format(choices=" / ".join(shown["choices"])) if shown["choices"] else ""
            self.list.addItem(f"{shown['prompt']}{choices}   → {shown['answer']}")  # review 46d: the choices were unseen
        notes = []
        if 0 < len(made) < self.count.value():  # review 35a: 12 asked, 9 shown, nothing said
            notes.append(self.tr("Only {count} different exercises can be made at this difficulty.").format(count=len(made)))
        if len(self.generated) < len(made):  # review 47b: both said when both are so
            notes.append(self.tr("{count} of them the bank already has: left out.").format(count=len(made) - len(self.generated)))
        for text in notes:
            note = QListWidgetItem(text)
            note.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not a variant to pick, but readable (review 48b: pale grey)
            self.list.addItem(note)
        self.add_button.setEnabled(bool(self.generated))
