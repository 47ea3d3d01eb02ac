"""Classes & students: classes (create, rename, archive), students (add, rename, delete), roster import, groups."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.backup_prompts import backup_refused, file_refused
from desktop.engine_texts import teacher_text
from desktop.file_choosers import BACKUPS, choose_file_to_open
from desktop.i18n import first_few, listing, sentences
from desktop.prompts import ask_before, ask_choice, ask_name
from desktop.views.base import Page, RowsModel, TickList, heading, hint, table_view
from desktop.workers import run_job
from engine.csv_files import CP1252, GB18030, file_encoding
from engine.errors import LamplightError
from engine.store import importers
from engine.store.classes import MAX_NAME, class_name_key, same_name_key, student_number, tidy_name
from engine.store.name_order import student_number_key
from engine.classroom import Changes, Classroom
from engine.security import data_rights



@dataclass
class RosterPreview:
    """What importing a roster would do, line by line (the store's preview; nothing is written)."""

    rows: list[Any]
    error: str = ""
    """The file's problems, one line each; the good lines can still be imported."""
    encoding: str = ""
    """How the file was read: "utf-8-sig", or "gb18030" (Chinese Excel's CSV), which the dialog says."""

    @classmethod
    def read(cls, store: Any, class_id: Any, path: Path, progress: Any = None) -> "RosterPreview":
        """The preview of ``path``; ``progress(fraction, text)`` follows the reading of the file."""
        try:
            lines = importers.preview_roster(store, class_id, path, progress=progress)
        except LamplightError as exc:
            return cls([], str(exc))
        problems = "\n".join(f"line {x.line}: {x.problem}" for x in lines if x.status == "problem")
        return cls(lines, problems, file_encoding(path))

    def problems_first(self) -> list[Any]:
        """The lines with a problem first (in file order), then the others (in file order): what to fix shows at once."""
        return sorted(self.rows, key=lambda row: row.status != "problem")


class _OneLineDelegate(QStyledItemDelegate):
    """Draws a cell on one line, cut with "…" when too long (a name), even in a table whose other cells wrap."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideRight

def _first_few_lines(lines: list[str], shown: int = 8) -> list[str]:
    """The first few lines, and one saying how many more."""
    if len(lines) <= shown:
        return lines
    return lines[:shown] + [QCoreApplication.translate("ClassesPage", "… and {count} more").format(count=len(lines) - shown)]


class ClassesPage(Page):
    """Manage classes, their students and groups."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        self.job = None
        self.layout_.addWidget(heading(self.tr("Classes & students")))
        splitter = QSplitter()
        self.layout_.addWidget(splitter, 1)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(QLabel(self.tr("Classes")))
        self.class_list = QListWidget()
        self.class_list.setObjectName("classList")
        self.class_list.setWordWrap(True)  # review 34d: a long class name was cut, with a scroll bar under the list
        self.class_list.currentRowChanged.connect(self._on_class_row)
        left_box.addWidget(self.class_list, 1)
        self.show_archived = QCheckBox(self.tr("Show archived classes"))
        self.show_archived.toggled.connect(self.refresh)
        left_box.addWidget(self.show_archived)
        buttons = QHBoxLayout()
        self.new_class_button = QPushButton(self.tr("New class…"))
        self.new_class_button.clicked.connect(self.new_class)
        self.rename_class_button = QPushButton(self.tr("Rename…"))
        self.rename_class_button.clicked.connect(self.rename_class)
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.clicked.connect(self.toggle_archive)
        for b in (self.new_class_button, self.rename_class_button, self.archive_button):
            buttons.addWidget(b)
        left_box.addLayout(buttons)
        self.from_backup_button = QPushButton(self.tr("Add a class from a backup…"))
        self.from_backup_button.setObjectName("classFromBackup")
        self.from_backup_button.setToolTip(self.tr("Bring one class from a backup file (a colleague's laptop, or an "
                                                   "earlier backup of this one) without replacing anything here."))
        self.from_backup_button.clicked.connect(lambda: self.add_class_from_backup())
        left_box.addWidget(self.from_backup_button)
        self.delete_class_button = QPushButton(self.tr("Delete class…"))
        self.delete_class_button.setObjectName("deleteClass")
        self.delete_class_button.setToolTip(self.tr("Delete an archived class with all its students and answers (asks first). "
                                                    "Archive a class first: an archived class is kept until you delete it."))
        self.delete_class_button.clicked.connect(lambda: self.delete_class())
        left_box.addWidget(self.delete_class_button)
        splitter.addWidget(left)

        self.tabs = QTabWidget()
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 700])

        students = QWidget()
        s_box = QVBoxLayout(students)
        self.students_hint = hint("")
        s_box.addWidget(self.students_hint)
        self.students_model = RowsModel([self.tr("Name"), self.tr("Answers"), self.tr("Groups")], self)
        self.students_view = table_view(self.students_model)
        self.students_view.setObjectName("studentsTable")
        self.students_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.students_view.doubleClicked.connect(self._on_student_double_click)
        self.by_number = False
        """The Students tab lists by student number (a click on its header), else by name (a click on Name)."""
        self.students_view.horizontalHeader().sectionClicked.connect(self._order_students)
        self.students_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        s_box.addWidget(self.students_view, 1)
        row = QHBoxLayout()
        self.add_student_button = QPushButton(self.tr("Add student…"))
        self.add_student_button.clicked.connect(self.add_student)
        self.rename_student_button = QPushButton(self.tr("Rename…"))
        self.rename_student_button.clicked.connect(self.rename_student)
        self.number_button = QPushButton(self.tr("Student number…"))  # review 37a: a number could only come from a file
        self.number_button.setObjectName("studentNumber")
        self.number_button.clicked.connect(lambda: self.edit_student_number())
        self.move_button = QPushButton(self.tr("Move to class…"))  # review 37d: a child who changed class lost
        self.move_button.setObjectName("moveStudents")                # their history (delete, then add again)
        self.move_button.clicked.connect(lambda: self.move_students())
        self.delete_student_button = QPushButton(self.tr("Delete with all their data…"))
        self.delete_student_button.clicked.connect(self.delete_students)
        self.import_button = QPushButton(self.tr("Import roster (CSV)…"))
        self.import_button.clicked.connect(lambda: self.import_roster())
        self.import_answers_button = QPushButton(self.tr("Import answers (CSV)…"))
        self.import_answers_button.setToolTip(self.tr("Answers saved by another program as a CSV file: one line per answer, saying the student, the exercise, its skills and whether it was right."))
        self.import_answers_button.clicked.connect(lambda: self.import_answers())
        self.group_selected_button = QPushButton(self.tr("Make a group of them…"))  # review 30c: the button was on the
        self.group_selected_button.setObjectName("groupSelected")                  # Groups tab, away from the selection
        self.group_selected_button.clicked.connect(self.new_group)
        for b in (self.add_student_button, self.rename_student_button, self.number_button, self.group_selected_button):
            row.addWidget(b)
        row.addStretch(1)
        s_box.addLayout(row)
        files_row = QHBoxLayout()  # a row of their own: six buttons in one row were cut short in a narrower window
        files_row.addWidget(self.move_button)  # a child leaving the class
        files_row.addWidget(self.delete_student_button)
        files_row.addStretch(1)
        files_row.addWidget(self.import_button)
        files_row.addWidget(self.import_answers_button)
        files_row.addStretch(1)
        s_box.addLayout(files_row)
        self.tabs.addTab(students, self.tr("Students"))

        groups = QWidget()
        g_box = QVBoxLayout(groups)
        g_box.addWidget(
            hint(self.tr("Groups are for working together. Select students on the Students tab, then make a group of them."))
        )
        self.groups_model = RowsModel([self.tr("Group"), self.tr("Students")], self)
        self.groups_view = table_view(self.groups_model, stretch_column=1)
        self.groups_view.setObjectName("groupsTable")
        self.groups_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        g_box.addWidget(self.groups_view, 1)
        g_row = QHBoxLayout()
        self.new_group_button = QPushButton(self.tr("New group from selected students…"))
        self.new_group_button.clicked.connect(self.new_group)
        self.rename_group_button = QPushButton(self.tr("Rename group…"))
        self.rename_group_button.clicked.connect(self.rename_group)
        self.members_button = QPushButton(self.tr("Change members…"))
        self.members_button.setObjectName("groupMembers")
        self.members_button.clicked.connect(self.change_members)
        self.delete_group_button = QPushButton(self.tr("Delete group"))
        self.delete_group_button.clicked.connect(self.delete_group)
        g_row.addWidget(self.new_group_button)
        g_row.addWidget(self.rename_group_button)
        g_row.addWidget(self.members_button)
        g_row.addWidget(self.delete_group_button)
        g_row.addStretch(1)
        g_box.addLayout(g_row)
        self.tabs.addTab(groups, self.tr("Groups"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Buttons that act on a selection are pressable only when there is one (nothing happens otherwise)."""
        info = self.selected_class()
        has_class = info is not None
        editable = has_class and not info.archived  # deleting a child on request stays possible in an archived class
        chosen = len(self.selected_students()) if has_class else 0
        self.rename_class_button.setEnabled(has_class)
        self.archive_button.setEnabled(has_class)
        self.delete_class_button.setEnabled(has_class and info.archived)  # review 36e: a class could not be deleted at all
        self.rename_student_button.setEnabled(chosen == 1 and editable)
        self.number_button.setEnabled(chosen == 1 and editable)
        self.delete_student_button.setEnabled(chosen >= 1)
        self.move_button.setEnabled(chosen >= 1 and editable)
        self.group_selected_button.setEnabled(chosen >= 1 and editable)
        group_chosen = editable and bool(self.groups_view.selectionModel().selectedRows())
        for button in (self.rename_group_button, self.members_button, self.delete_group_button):
            button.setEnabled(group_chosen)

    # --- classes --------------------------------------------------------------------
    def refresh(self) -> None:
        classes = self.store.list_classes(include_archived=True)
        if not self.show_archived.isChecked():
            classes = [c for c in classes if not c.archived]
        self.class_list.blockSignals(True)
        self.class_list.clear()
        for info in classes:
            label = info.name + (self.tr(" (archived)") if info.archived else "")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, info)
            self.class_list.addItem(item)
        ids = [c.id for c in classes]
        if self.context.class_id in ids:
            self.class_list.setCurrentRow(ids.index(self.context.class_id))
        elif ids:
            self.class_list.setCurrentRow(0)
        self.class_list.blockSignals(False)
        if ids and self.context.class_id is None:  # review 41a: the only class, archived, was shown here chosen, but
            self.context.set_class(ids[0])  # the other screens said "choose a class first" and a click changed nothing
        self._show_class()

    def selected_class(self) -> Any:
        item = self.class_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _on_class_row(self, _row: int) -> None:
        info = self.selected_class()
        if info is not None:  # an archived class too: its dashboard and reports can be read (review 39)
            self.context.set_class(info.id)
        self._show_class()

    def _show_class(self) -> None:
        info = self.selected_class()
        has_class = info is not None
        for b in (self.add_student_button, self.import_button, self.import_answers_button, self.new_group_button):
            b.setEnabled(has_class and not info.archived)  # an archived class is kept as it was (review 28)
        self.archive_button.setText(self.tr("Restore") if has_class and info.archived else self.tr("Archive"))
        if not has_class:
            self.students_model.set_rows([])
            self.groups_model.set_rows([])
            self._update_buttons()
            archived = not self.show_archived.isChecked() and self.store.list_classes(include_archived=True)
            self.students_hint.setText(
                self.tr("Every class is archived. Tick “Show archived classes” to see them and restore one, or press “New "
                        "class…” to make a new one.") if archived else
                self.tr("No class yet. Press “New class…” to make one, then add students or import a roster."))
            return
        students = self.store.list_students(info.id)
        groups = self.store.list_groups(info.id)
        counts = self.store.answer_counts(info.id)
        member_of: dict[Any, list[str]] = {}
        for group in groups:
            for sid in group.student_ids:
                member_of.setdefault(sid, []).append(group.name)
        numbered = any(s.external_id for s in students)  # review 34a: a roster's student numbers were nowhere to see
        self.students_model.headers = [self.tr("Name"), *([self.tr("Student number")] if numbered else []), self.tr("Answers"),
                                       self.tr("Groups")]
        listed = sorted(students, key=student_number_key) if numbered and self.by_number else students
        self.students_model.set_rows(
            [[s.label, *([s.external_id or ""] if numbered else []), counts.get(s.id, 0),
              listing(member_of.get(s.id, []))] for s in listed], listed
        )
        self.students_view.horizontalHeader().setSortIndicatorShown(numbered)
        self.students_view.horizontalHeader().setSortIndicator(1 if numbered and self.by_number else 0,
                                                              Qt.SortOrder.AscendingOrder)
        names = {s.id: s.label for s in students}  # in the class list's order (Chinese names by pinyin)
        place = {s.id: n for n, s in enumerate(students)}
        self.groups_model.set_rows([[g.name, listing((names.get(i, "?") for i in sorted(g.student_ids, key=lambda i: place.get(i, len(place)))), people=True)]
                                    for g in groups], groups)
        self._update_buttons()
        if info.archived:
            self.students_hint.setText(self.tr("{count} students in {name}, archived: it is kept as it was. Press “Restore” to "
                                               "change it.").format(count=len(students), name=info.name))
        elif len(students) == 1:  # review 38c: "1 students in 3C."
            self.students_hint.setText(self.tr("1 student in {name}. Double-click the name to correct it.").format(name=info.name))
        elif students:
            self.students_hint.setText(self.tr("{count} students in {name}. Double-click a name to correct it.").format(count=len(students), name=info.name))
        else:
            self.students_hint.setText(
                self.tr("{name} has no students yet. Press “Add student…”, or “Import roster (CSV)…” to add a whole list at once.").format(
                    name=info.name
                )
            )

    def new_class(self) -> None:
        def create(name: str) -> None:
            self.context.take_class(self.store.create_class(name))

        classes = self.store.list_classes(include_archived=True)
        if ask_name(self, self.tr("New class"), self.tr("Name of the class (for example “Year 4 Blue”):"), create,
                    taken=[c.name for c in classes], archived=[c.name for c in classes if c.archived]):
            self.context.changed(Changes(classes=True))

    def add_class_from_backup(self) -> Any:
        """Choose a backup (this laptop's by its date, or another file), read its classes (worker), let the teacher pick
        one and name it, then add it (worker)."""
        label = self.main_window.page("settings").backup_label
        own = [(label(info.path), info.path) for info in self.store.list_backups()]
        path = ""
        if any(text for text, _ in own):  # review 44: yesterday's first; review 48: by date, not "lamplight-2026…Z-auto"
            chooser = OwnBackupDialog([(text, p) for text, p in own if text], self)
            chosen = chooser.exec() == QDialog.DialogCode.Accepted
            path, another = chooser.chosen() if chosen else "", chooser.another
            chooser.deleteLater()
            if not chosen and not another:
                return None
        if not path:
            path = choose_file_to_open(self, self.tr("Add a class from a backup…"),
                                       QCoreApplication.translate("SettingsPage", "Lamplight backups (*.sqlite3);;All files (*)"),
                                       self.context.settings, BACKUPS, first=None if own else self.store.backup_dir)
        return self._read_backup(path) if path else None

    def _read_backup(self, path: str, secret: str | None = None) -> Any:
        from engine.store.class_transfer import classes_in_backup

        def refused(exc: BaseException) -> None:
            backup_refused(self, exc, path, secret, self.tr("Add a class from a backup"),
                           lambda typed: self._read_backup(path, typed),
                           self.tr("No class can be taken from this file: it is not a Lamplight backup, it is damaged, "
                                   "or it was made by a newer Lamplight."))

        self.job = run_job(self, lambda ctx: classes_in_backup(ctx.store(), path, secret), title=self.tr("Reading the backup…"),
                           on_done=lambda found: self._choose_from_backup(path, secret, found), on_error=refused)
        return self.job

    def _choose_from_backup(self, path: str, secret: str | None, found: list[Any]) -> None:
        from engine.store.backup_files import restore_encrypts_folder

        if not found:
            QMessageBox.information(self, self.tr("Add a class from a backup"), self.tr("This backup holds no class."))
            return
        taken = [c.name for c in self.store.list_classes(include_archived=True)]
        made = " ".join(self.main_window.page("settings").backup_label(path).split())  # "7 Dec 2026 04:58:34 (daily backup)"
        dialog = BackupClassDialog(Path(path), found, taken, restore_encrypts_folder(self.context.data_dir, path), self, made)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            chosen, name = dialog.chosen(), dialog.name()
        finally:
            dialog.deleteLater()
        from engine.store.class_transfer import add_class_from_backup

        def done(added: Any) -> None:
            self.context.set_class(added.class_id)
            self.context.changed(Changes(classes=True, students=True, groups=True, answers=True, quizzes=True,
                                         bank=bool(added.new_exercises)))
            QMessageBox.information(self, self.tr("Add a class from a backup"), self.added_text(added))

        self.job = run_job(self, lambda ctx: add_class_from_backup(ctx.store(), path, chosen.id, name, secret),
                           title=self.tr("Adding the class…"), on_done=done,
                           on_error=lambda exc: file_refused(self, exc, path, self.tr("The class was not added.")))

    def added_text(self, added: Any) -> str:
        """"Class “5A” added: 3 students, 120 answers, 2 quizzes.", then what happened to its exercises."""
        counts = BackupClassDialog.counts(added.students, added.answers, added.quizzes)
        text = self.tr("Class “{name}” added: {counts}.").format(name=added.name, counts=counts)
        if added.new_exercises:
            text = sentences(text, self.tr("1 exercise this laptop did not have came with it.") if added.new_exercises == 1
                             else self.tr("{count} exercises this laptop did not have came with it.").format(count=added.new_exercises))
        if added.kept_exercises:
            text = sentences(text, self.tr("1 exercise is different on this laptop: this laptop's version is kept.")
                             if added.kept_exercises == 1 else
                             self.tr("{count} exercises are different on this laptop: this laptop's versions are kept.").format(
                                 count=added.kept_exercises))
        if added.left_out:  # review 50b: a child deleted on request came back with a USB copy, unsaid
            text = sentences(text, self.tr("Left out, as they were deleted on this laptop: {names}.").format(
                names=listing(added.left_out, people=True)))
        return sentences(text, self.tr("The model gets to know the class in the background, as for a new class."))

    def rename_class(self) -> None:
        info = self.selected_class()
        if info is None:
            return
        others = [c for c in self.store.list_classes(include_archived=True) if c.id != info.id]
        if ask_name(self, self.tr("Rename class"), self.tr("New name:"), lambda name: self.store.rename_class(info.id, name),
                    text=info.name, taken=[c.name for c in others], archived=[c.name for c in others if c.archived]):
            self.context.changed(Changes(classes=True))

    def toggle_archive(self) -> None:
        info = self.selected_class()
        if info is None:
            return
        if not info.archived:
            answer = QMessageBox.question(
                self,
                self.tr("Archive class"),
                self.tr("Archive {name}? It disappears from the class list but nothing is deleted; you can restore it later.").format(
                    name=info.name
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.main_window.stop_learning(info.id)  # it is kept as it was from now on
        self.store.archive_class(info.id, not info.archived)
        if not info.archived and self.context.class_id == info.id:  # the class just put away: go on with another
            self.context.take_class(next((c.id for c in self.store.list_classes()), None))
        self.context.changed(Changes(classes=True))

    def delete_class(self) -> Any:
        """Delete the selected archived class and everything in it, after the teacher says so (Cancel is the default)."""
        info = self.selected_class()
        if info is None or not info.archived:
            return None
        count = len(self.store.list_students(info.id))
        if not ask_before(self, self.tr("Delete class"), self.tr(
                "Delete the class “{name}” with its {count} students, their answers, quizzes and groups? This cannot be undone "
                "(except by restoring a backup): the laptop's backups hold the class until they are replaced by newer ones.").format(
                name=info.name, count=count), self.tr("Delete the class"), self.tr("Keep it")):
            return None
        self.main_window.stop_learning(info.id)
        name = info.name
        return run_job(self, lambda job: Classroom(job.store()).delete_class(info.id), title=self.tr("Deleting the class…"),
                       on_done=lambda changes: (self.context.changed(changes), self.main_window.statusBar().showMessage(
                           self.tr("Class “{name}” deleted.").format(name=name), 8000)))

    # --- students -------------------------------------------------------------------
    def selected_students(self) -> list[Any]:
        rows = sorted({i.row() for i in self.students_view.selectionModel().selectedRows()})
        return [self.students_model.row_payload(r) for r in rows]

    def add_student(self) -> None:
        """Ask for a name, add the child, and ask for the next one until the teacher presses Cancel or leaves the
        name empty (review 37h: a class typed in by hand took a press of Add student… for every child)."""
        info = self.selected_class()
        if info is None:
            return
        added: list[str] = []

        def add(name: str) -> bool:
            namesake = self._namesake(info.id, name)
            if namesake and not self._add_same_name_anyway(name, info.name, namesake=namesake):
                return False
            self.store.add_student(info.id, name)
            added.append(name)
            return True

        label = self.tr("Student's name:")
        while ask_name(self, self.tr("Add student"), label, add):
            self.context.changed(Changes(students=True))
            label = self.tr("{name} is added. The next student's name (empty, or Cancel, when you are done):").format(
                name=added[-1])

    def _namesake(self, class_id: Any, name: str, but: Any = None) -> str | None:
        """The name of another student of the class (not ``but``) who has this name (:func:`same_name_key`), as it is spelt."""
        return next((s.name for s in self.store.list_students(class_id) if s.id != but and same_name_key(s.name) == same_name_key(name)),
                    None)

    def _add_same_name_anyway(self, name: str, class_name: str, title: str = "", go: str = "", namesake: str = "") -> bool:
        """Ask before a second child of one name joins a class; False: the teacher changes the name. The question
        names the classmate as spelt (review 28e: "ana" was quoted for the class's "Ana")."""
        return ask_before(self, title or self.tr("Add student"), self.tr(
            "{class_name} already has a student called “{name}”. Two children of one name are hard to tell apart on "
            "the dashboard and on printouts: you could add a letter or a number (for example “{name} B”).").format(
            class_name=class_name, name=namesake or name), go or self.tr("Add a second “{name}”").format(name=name),
            self.tr("Change the name…"))

    def rename_student(self) -> None:
        info, selected = self.selected_class(), self.selected_students()
        if info is None or info.archived or len(selected) != 1:  # a double-click on an archived class's child
            return
        student = selected[0]
        title = self.tr("Rename student")

        def rename(name: str) -> bool:
            namesake = self._namesake(info.id, name, but=student.id)
            if namesake and not self._add_same_name_anyway(
                    name, info.name, title, self.tr("Rename to “{name}” anyway").format(name=name), namesake):
                return False  # review 26: a second child was silently given a classmate's name
            self.store.update_student(student.id, name=name)
            return True

        if ask_name(self, title, self.tr("Student's name:"), rename, text=student.name):
            self.context.changed(Changes(students=True))
            self._select_student(student.id)

    def _order_students(self, column: int) -> None:
        """A click on "Student number" lists the class in number order, on "Name" in name order (review 38d: teachers
        work in 学号 order and the list was by pinyin only)."""
        headers = self.students_model.headers
        if column < len(headers) and headers[column] in (self.tr("Name"), self.tr("Student number")):
            chosen = [s.id for s in self.selected_students()]
            self.by_number = headers[column] == self.tr("Student number")
            self._show_class()
            for student_id in chosen[:1]:
                self._select_student(student_id)

    def _on_student_double_click(self, index: Any) -> None:
        """A double-click on a student number changes it; anywhere else on the row, the name."""
        headers = self.students_model.headers
        if index.column() < len(headers) and headers[index.column()] == self.tr("Student number"):
            self.edit_student_number()
        else:
            self.rename_student()

    def edit_student_number(self) -> None:
        """Give the selected student a student number, change it, or (left empty) take it away.

        A number another student of the class has is refused with that student's name; the number tells
        children of one name apart and finds a child again when a class list or answers file comes in.
        """
        info, selected = self.selected_class(), self.selected_students()
        if info is None or info.archived or len(selected) != 1:
            return
        student, problem, text = selected[0], "", selected[0].external_id or ""
        label = self.tr("{name}'s student number (empty: none):").format(name=student.name)
        while True:
            typed, ok = QInputDialog.getText(self, self.tr("Student number"), f"{problem}\n\n{label}" if problem else label,
                                             text=text)
            if not ok:
                return
            text = student_number(typed) or ""  # ２０２４００１ typed with a Chinese input method is 2024001
            other = self.store.student_by_external_id(info.id, text) if text else None
            other = None if other is not None and other.id == student.id else other
            if len(text) > MAX_STUDENT_NUMBER:
                problem = self.tr("A student number has at most {count} characters.").format(count=MAX_STUDENT_NUMBER)
            elif other is not None:
                problem = self.tr("{name} has the student number {number} already.").format(name=other.name, number=text)
            else:
                break
        if text != (student.external_id or ""):
            self.store.update_student(student.id, external_id=text)
            self.context.changed(Changes(students=True))
            self._select_student(student.id)  # review 37h: the next child's number needed another click first

    def move_students(self) -> None:
        """Move the selected children to another class with their answers, quiz marks and practice focus; they leave
        this class's groups. A student number a child there has is refused with that child's name."""
        info, selected = self.selected_class(), self.selected_students()
        if info is None or info.archived or not selected:
            return
        title, names = self.tr("Move to another class"), first_few([s.name for s in selected], people=True)
        others = [c for c in self.store.list_classes() if c.id != info.id]
        question = self.tr("Move {names} to which class? Their answers and reports go with them; their marks stay on "
                           "{class_name}'s paper quizzes, where they still show.").format(names=names, class_name=info.name)
        if any(s.group_ids for s in selected):  # review 38d: said to children in no group too
            question = sentences(question, self.tr("They leave their groups in {class_name}.").format(class_name=info.name))
        leavers = self.tr("{class_name} – left", "the archived class of the children who left a class").format(class_name=info.name)
        left = self.tr("Left the school (kept in the archived class “{leavers}”)").format(leavers=leavers)
        chosen = ask_choice(self, title, question, [c.name for c in others] + [left])  # review 51a: a child who left
        if chosen is None:  # could only be deleted with all her marks, or moved to a made-up class
            return
        if chosen == left:
            try:
                self.store.leave_class([s.id for s in selected], leavers)
            except LamplightError as error:
                QMessageBox.warning(self, title, teacher_text(str(error)))
                return
            self.context.changed(Changes(classes=True, students=True, groups=True))
            self.main_window.statusBar().showMessage(self.tr("{names} left the class; their work is kept in “{leavers}” "
                                                             "(archived).").format(names=names, leavers=leavers), 10000)
            return
        target = others[[c.name for c in others].index(chosen)]
        staying = self.store.list_students(target.id)
        for student in selected:
            holder = self.store.student_by_external_id(target.id, student.external_id) if student.external_id else None
            if holder is not None:
                QMessageBox.warning(self, title, self.tr("{name} of {class_name} has the student number {number} already: "
                                                         "change one of the numbers first. Nobody was moved.").format(
                    name=holder.name, class_name=target.name, number=holder.external_id))
                return
            namesake = next((s.name for s in staying if same_name_key(s.name) == same_name_key(student.name)), None)
            if namesake and not ask_before(self, title, self.tr(
                    "{class_name} already has a student called “{name}”. Two children of one name are hard to tell "
                    "apart on the dashboard and on printouts.").format(class_name=target.name, name=namesake),
                    self.tr("Move “{name}” anyway").format(name=student.name), self.tr("Cancel")):
                return
        self.store.move_students([s.id for s in selected], target.id)
        self.context.changed(Changes(students=True, groups=True))
        self.main_window.statusBar().showMessage(self.tr("{names} moved to {class_name}.").format(
            names=names, class_name=target.name), 10000)

    def _select_student(self, student_id: Any) -> None:
        """Select ``student_id``'s row of the Students table again (a change reloads the table)."""
        model = self.students_model
        row = next((r for r in range(model.rowCount()) if model.row_payload(r).id == student_id), None)
        if row is not None:
            self.students_view.selectRow(row)

    def delete_students(self) -> None:
        selected = self.selected_students()
        if not selected:
            return
        names = listing(s.label for s in selected)
        question = self.tr("Delete {names} and ALL their answers and reports? This cannot be undone (except by restoring a "
                           "backup).").format(names=names)
        elsewhere = self._same_child_elsewhere(selected)
        if elsewhere:  # review 36e: a child also in last year's (archived) class kept all their history there, unsaid
            question = sentences(question, self.tr("A child of the same name or student number is also in {classes}: if it is "
                                                   "the same child, delete them there too.").format(classes=listing(elsewhere)))
        answer = QMessageBox.warning(
            self,
            self.tr("Delete students"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            added = {student.id: data_rights.student_created(self.store, student.id) for student in selected}
            for student in selected:
                data_rights.delete_from_store(self.store, student.id)  # nothing readable left; backups: asked next
            self.context.changed(Changes(students=True))
            self._offer_to_clear_backups(selected, added)

    def _same_child_elsewhere(self, selected: list[Any]) -> list[str]:
        """The other classes (archived ones too) with a child of the same name or student number as one of ``selected``."""
        ids = {s.id for s in selected}
        names = {same_name_key(s.name) for s in selected}
        numbers = {s.external_id for s in selected if s.external_id}
        found = []
        for info in self.store.list_classes(include_archived=True):
            if any(s.id not in ids and (same_name_key(s.name) in names or (s.external_id and s.external_id in numbers))
                   for s in self.store.list_students(info.id)):
                found.append(f"“{info.name}”" + (self.tr(" (archived)") if info.archived else ""))
        return found

    def _offer_to_clear_backups(self, deleted: list[Any], added: dict[int, str | None]) -> None:
        """After a deletion, find the laptop's backups that still hold the children and offer to remove them there
        too (review 28: a request to delete a child's data left them in a month of backups, unsaid). ``added``: when
        each was added, so a child once given the same id is never taken for them (review 34b)."""
        ids = [s.id for s in deleted]

        def find(job):
            store = job.store()
            return {i: data_rights.backups_with_student(store, i, added.get(i)) for i in ids}

        def ask(held: dict[int, list[str]]) -> None:
            backups = sorted({path for paths in held.values() for path in paths})
            if not backups:
                return
            names = listing(s.label for s in deleted if held.get(s.id))
            held_by = (self.tr("A backup on this laptop still holds {names}: remove them from it too?") if len(backups) == 1 else
                       self.tr("{count} backups on this laptop still hold {names}: remove them from those backups too?"))
            question = sentences(held_by.format(count=len(backups), names=names), self.tr(
                "The rest of each backup is kept. Copies saved elsewhere, on a USB stick say, are not changed. This can also be "
                "done later, with Deleted children in Settings."))  # review 36f: "1 backups … Chloe Y.. Remove"
            if ask_before(self, self.tr("Delete students"), question,
                          self.tr("Remove from the backups"), self.tr("Keep the backups as they are")):
                run_job(self, lambda job: [data_rights.delete_student_everywhere(job.store(), i, purge_backups=True,
                                                                                 created=added.get(i))
                                           for i in ids if held.get(i)],
                        title=self.tr("Removing from the backups…"),
                        on_done=lambda _: self.main_window.statusBar().showMessage(
                            (self.tr("Removed {names} from the backup.") if len(backups) == 1 else
                             self.tr("Removed {names} from {count} backups.")).format(names=names, count=len(backups)), 8000))

        run_job(self, find, title=self.tr("Looking in the backups…"), on_done=ask, show="status")

    def import_roster(self, path: str | None = None) -> "RosterImportDialog | None":
        info = self.selected_class()
        if info is None:
            return None
        if not path:
            path = choose_file_to_open(  # review 34a: Excel's "Unicode text" (.txt) was hidden
                self, self.tr("Import roster"),
                self.tr("Class lists: CSV, or Excel's Unicode text (*.csv *.txt);;All files (*)"), self.context.settings)
            if not path:
                return None
        dialog = RosterImportDialog(self.context, info, Path(path), self)
        dialog.open()
        return dialog

    def import_answers(self, path: str | None = None) -> Any:
        """Add a response log (the shared CSV format) to this class, all or nothing, in the background.

        The file is checked first (engine dry run, nothing written); when it would add students or
        exercises the teacher is asked, and a name two students share refuses the import."""
        info = self.selected_class()
        if info is None:
            return None
        if not path:
            path = choose_file_to_open(self, self.tr("Import answers"), self.tr("CSV files (*.csv *.csv.gz);;All files (*)"),
                                       self.context.settings)
            if not path:
                return None

        language = self.context.language

        def checked(preview: Any) -> None:
            if preview.problems:
                QMessageBox.warning(self, self.tr("Import answers"), sentences(
                    self.tr("Nothing was imported."), *(teacher_text(problem) for problem in preview.problems)))
            elif not self._agree_to_other_names(preview):
                return
            elif not (preview.new_students or preview.new_exercises or preview.new_skills) or self._agree_to_add(info.name, preview):
                self._import_answers(info.id, Path(path), language)

        self.job = run_job(self, lambda ctx: importers.preview_responses(ctx.store(), Path(path), class_id=info.id, language=language,
                                                                          progress=ctx.progress_or_stop),
                           title=self.tr("Reading the answers…"), on_done=checked, cancellable=True)
        return self.job

    def _agree_to_other_names(self, preview: Any) -> bool:
        """Ask before answers go to students whose number the file gives to another name (review 27: a file from
        another class, or numbers given out again, put one child's answers on another child without a word)."""
        if not preview.other_names:
            return True
        pairs = [self.tr("“{in_file}” in the file is “{in_class}” in the class").format(in_file=in_file, in_class=in_class)
                 for in_file, in_class in preview.other_names]
        return ask_before(self, self.tr("Import answers"), self.tr(
            "The file gives student numbers of this class to other names:\n{pairs}\n\nTheir answers would go to the "
            "class's students with those numbers. If the file is from another class, or the numbers were given out "
            "again, press Cancel: nothing is imported.").format(pairs="\n".join(_first_few_lines(pairs))),
            self.tr("Import them for the class's students"), self.tr("Cancel"))

    def _agree_to_add(self, class_name: str, preview: Any) -> bool:
        """Ask before an answers file adds students or exercises; Cancel (the default when it adds students) adds nothing."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Import answers"),
                          self.tr("This file would add new students, exercises or skills to {name}. Add them?").format(name=class_name), parent=self)
        lines = [self.tr("Answers in the file: {answers}").format(answers=preview.answers),
                 self.tr("Students of the file already in the class: {count}").format(count=preview.students)]
        if preview.matched_by_name:
            lines.append(self.tr("Found by name: {names} (the file's ids are kept, so the next file finds them by id)").format(
                names=first_few(preview.matched_by_name, people=True)))
        if preview.new_students:
            lines.append(self.tr("New students ({count}): {names}").format(count=len(preview.new_students), names=first_few(preview.new_students, people=True)))
        if preview.new_exercises:
            lines.append(self.tr("New exercises, marked by you ({count}): {names}").format(
                count=len(preview.new_exercises), names=first_few(preview.new_exercises)))
            lines.append(self.tr("The file has only their ids, so they stay off worksheets, quizzes and next steps until "
                                 "you write their question in the Exercise bank; their answers count at once."))
        if preview.new_skills:  # review 38a: a skill of the file went into the bank unsaid
            lines.append(self.tr("New skills ({count}): {names}").format(count=len(preview.new_skills),
                                                                          names=first_few(preview.new_skills)))
        lines.append("")
        lines.append(self.tr("If a new student is a child already in the class under another name, press Cancel, "
                             "make the names the same, and import again."))
        box.setInformativeText("\n".join(lines))
        add = box.addButton(self.tr("Add them and import"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel if preview.new_students else add)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is add

    def _import_answers(self, class_id: int, path: Path, language: str | None) -> None:
        """Import the checked file in the background, then say what was added."""

        def done(report: Any) -> None:
            self.context.changed(Changes(answers=True))
            QMessageBox.information(self, self.tr("Import answers"), self._imported_text(report))

        def work(ctx):
            def progress(fraction, text):  # the last report comes after the commit: too late to cancel
                (ctx.progress_or_stop if fraction < 1.0 else ctx.progress)(fraction, text)

            report = importers.import_responses(ctx.store(), path, class_id=class_id, language=language, progress=progress)
            ctx.kept()
            return report

        self.job = run_job(self, work, title=self.tr("Importing answers…"), on_done=done, cancellable=True)
        self.job.cancelled.connect(lambda: self.window().statusBar().showMessage(
            self.tr("Import cancelled: no answer was imported."), 10000))

    def _imported_text(self, report: Any) -> str:
        """"3 answers imported; 1 new student and 2 new exercises were added.", with singular and plural right."""
        answers = (self.tr("1 answer imported") if report.responses == 1
                   else self.tr("{count} answers imported").format(count=report.responses))
        students = (self.tr("1 new student") if report.students_added == 1
                    else self.tr("{count} new students").format(count=report.students_added))
        exercises = (self.tr("1 new exercise") if report.exercises_added == 1
                     else self.tr("{count} new exercises").format(count=report.exercises_added))
        text = self.tr("{answers}; {students} and {exercises} were added.").format(answers=answers, students=students, exercises=exercises)
        skipped = report.duplicates_skipped
        if skipped:  # review 26: importing the same file again said "0 answers imported" and nothing more
            text = sentences(text, self.tr("1 answer of the file was in the class already and was not added again.") if skipped == 1
                             else self.tr("{count} answers of the file were in the class already and were not added again.").format(count=skipped))
        return text

    # --- groups ---------------------------------------------------------------------
    def new_group(self) -> None:
        info = self.selected_class()
        selected = self.selected_students()
        if info is None:
            return
        if not selected:
            QMessageBox.information(self, self.tr("New group"), self.tr("First select the students of the group on the Students tab."))
            self.tabs.setCurrentIndex(0)
            return
        taken = [g.name for g in self.store.list_groups(info.id)]
        if ask_name(self, self.tr("New group"), self.tr("Name of the group:"),
                         lambda name: self.store.create_group(info.id, name, [s.id for s in selected]), taken=taken):
            self.context.changed(Changes(groups=True))

    def _selected_group(self) -> Any:
        rows = self.groups_view.selectionModel().selectedRows()
        return self.groups_model.row_payload(rows[0].row()) if rows else None

    def rename_group(self) -> None:
        """Rename the selected group (review 27b: a typo meant deleting the group, and its practice focus, and
        making it again)."""
        group, info = self._selected_group(), self.selected_class()
        if group is None or info is None:
            return
        taken = [g.name for g in self.store.list_groups(info.id) if g.id != group.id]
        if ask_name(self, self.tr("Rename group"), self.tr("New name of the group:"),
                    lambda name: self.store.rename_group(group.id, name), text=group.name, taken=taken):
            self.context.changed(Changes(groups=True))

    def change_members(self) -> None:
        """Tick who is in the selected group (its name and practice focus stay)."""
        group, info = self._selected_group(), self.selected_class()
        if group is None or info is None:
            return
        dialog = GroupMembersDialog(group, self.store.list_students(info.id), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.store.set_group_members(group.id, dialog.members())
            self.context.changed(Changes(groups=True))

    def delete_group(self) -> None:
        """Delete the selected group after the teacher says yes; its students stay in the class."""
        rows = self.groups_view.selectionModel().selectedRows()
        if not rows:
            return
        group = self.groups_model.row_payload(rows[0].row())
        count = len(group.student_ids)
        if count == 1:
            question = self.tr("Delete the group “{name}” (1 student)? The student stays in the class; only the group is deleted.")
        else:
            question = self.tr("Delete the group “{name}” ({count} students)? The students stay in the class; only the group is deleted.")
        question = question.format(name=group.name, count=count)
        quizzes = [q.title for q in self.store.list_quizzes(group.class_id) if self.store.quiz_group(q.id) == group.id]
        if quizzes:  # review 36c: the question did not say what becomes of the quizzes given to the group
            question = sentences(question, self.tr("Its quizzes ({titles}) then show the whole class.").format(
                titles=listing(f"“{title}”" for title in quizzes)))
        answer = QMessageBox.question(
            self,
            self.tr("Delete group"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.store.delete_group(group.id)
            self.context.changed(Changes(groups=True))


class OwnBackupDialog(QDialog):
    """This laptop's backups by date and why each was made (newest first), or another backup file."""

    def __init__(self, backups: list[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.paths = [path for _, path in backups]
        self.another = False
        self.setWindowTitle(self.tr("Add a class from a backup"))
        self.resize(560, 380)
        box = QVBoxLayout(self)
        box.addWidget(hint(self.tr("Choose one of this laptop's backups, or a backup file from elsewhere (a USB stick, a "
                                   "colleague's laptop).")))
        self.backup_list = QListWidget()
        self.backup_list.setObjectName("ownBackups")
        self.backup_list.addItems([label for label, _ in backups])
        self.backup_list.setCurrentRow(0)
        self.backup_list.itemDoubleClicked.connect(lambda _: self.accept())
        box.addWidget(self.backup_list, 1)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(self.tr("Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.another_button = buttons.addButton(self.tr("Another file…"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.open_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.another_button.clicked.connect(self._another)
        box.addWidget(buttons)

    def _another(self) -> None:
        self.another = True
        self.reject()

    def chosen(self) -> str:
        row = self.backup_list.currentRow()
        return self.paths[row] if 0 <= row < len(self.paths) else ""


class BackupClassDialog(QDialog):
    """The classes a backup holds, with what each brings; the teacher picks one and the name it gets here."""

    def __init__(self, path: Path, found: list[Any], taken: list[str], decrypts: bool, parent: QWidget, made: str = "") -> None:
        super().__init__(parent)
        self.found, self.taken = found, {class_name_key(t) for t in taken}
        self.setWindowTitle(self.tr("Add a class from a backup"))
        self.resize(620, 420)
        box = QVBoxLayout(self)
        if made:  # this laptop's own backup: named as Settings lists it, not by its file name (review 44)
            box.addWidget(hint(self.tr("The backup of {made} holds these classes. Choose one to add to this laptop as a new "
                                       "class: nothing here is replaced.").format(made=made)))
        else:
            box.addWidget(hint(self.tr("{file} holds these classes. Choose one to add to this laptop as a new class: nothing "
                                       "here is replaced.").format(file=path.name)))
        self.class_list = QListWidget()
        self.class_list.setObjectName("backupClasses")
        for info in found:
            counts = self.counts(info.students, info.answers, info.quizzes)
            if info.waiting:
                counts = self.tr("{counts}, {waiting} to mark").format(counts=counts, waiting=info.waiting)
            if info.deleted_here:
                counts = self.tr("{counts}; left out, as deleted on this laptop: {names}").format(
                    counts=counts, names=listing(info.deleted_here, people=True))
            label = self.tr("{name}: {counts}").format(name=info.name, counts=counts)
            self.class_list.addItem(label + (self.tr(" (archived)") if info.archived else ""))
        self.class_list.currentRowChanged.connect(self._chosen_row)
        box.addWidget(self.class_list, 1)
        self.same_note = hint("")
        box.addWidget(self.same_note)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Name on this laptop:")))
        self.name_field = QLineEdit()
        self.name_field.setObjectName("backupClassName")
        row.addWidget(self.name_field, 1)
        box.addLayout(row)
        self.problem = hint("")
        self.problem.setStyleSheet("color: #b3261e")
        box.addWidget(self.problem)
        if decrypts:
            box.addWidget(hint(self.tr("The backup is encrypted and the data on this laptop is not: the class will be kept "
                                       "here without encryption. Settings → “Encrypt the data…” protects it.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.addButton(self.tr("Add class"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._add)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.class_list.setCurrentRow(0)

    @staticmethod
    def counts(students: int, answers: int, quizzes: int) -> str:
        """"3 students, 120 answers, 1 quiz", each number with its word (singular or plural)."""
        translate = QCoreApplication.translate
        return translate("BackupClassDialog", "{students}, {answers}, {quizzes}").format(
            students=translate("BackupClassDialog", "1 student") if students == 1
            else translate("BackupClassDialog", "{count} students").format(count=students),
            answers=translate("BackupClassDialog", "1 answer") if answers == 1
            else translate("BackupClassDialog", "{count} answers").format(count=answers),
            quizzes=translate("BackupClassDialog", "1 quiz") if quizzes == 1
            else translate("BackupClassDialog", "{count} quizzes").format(count=quizzes))

    def chosen(self) -> Any:
        return self.found[self.class_list.currentRow()]

    def name(self) -> str:
        return tidy_name(self.name_field.text())

    def _chosen_row(self, row: int) -> None:
        if row < 0:
            return
        info = self.found[row]
        name, n = info.name, 2
        while class_name_key(name) in self.taken:  # "5A (2)", "王老师的班（2）" (review 34d: half-width brackets in Chinese)
            name, n = self.tr("{name} ({number})").format(name=info.name, number=n), n + 1
        self.name_field.setText(name)
        self.problem.setText("")
        self.same_note.setText(self.tr("“{name}” on this laptop has the same students: was this class added before? Adding it "
                                       "again makes a second copy.").format(name=info.like_one_here) if info.like_one_here else "")

    def _add(self) -> None:
        name = self.name()
        if not name:
            self.problem.setText(self.tr("Type a name for the class."))
        elif len(name) > MAX_NAME:
            self.problem.setText(QCoreApplication.translate("prompts", "The name is longer than {count} characters.").format(count=MAX_NAME))
        elif class_name_key(name) in self.taken:  # review 44: "Demo class（2）" beside "Demo class (2)"
            self.problem.setText(QCoreApplication.translate("prompts", "“{name}” is taken already: choose another name.").format(name=name))
        else:
            self.accept()


NAME_COLUMN, CHECK_COLUMN, NUMBER_COLUMN, GROUP_COLUMN = 1, 2, 3, 4
MAX_STUDENT_NUMBER = 40  # a 全国学籍号 has 19
PROBLEM_RED = "#f6d5d1"
SAME_NAME_AMBER = "#ffe9b3"


class RosterImportDialog(QDialog):
    """Preview a roster CSV line by line (with errors) before adding the good lines."""

    def __init__(self, context: Any, class_info: Any, path: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.class_info = class_info
        self.path = path
        self.setWindowTitle(self.tr("Import roster into {name}").format(name=class_info.name))
        self.resize(860, 540)
        box = QVBoxLayout(self)
        self.summary = hint(self.tr("Reading {file}…").format(file=path.name))
        box.addWidget(self.summary)
        self.model = RowsModel([self.tr("Line"), self.tr("Name"), self.tr("Check"), self.tr("Student number"), self.tr("Group")], self)
        self.view = table_view(self.model, stretch_column=2, wrap=True)  # a long problem shows whole, not cut off
        for column in (NUMBER_COLUMN, GROUP_COLUMN):  # shown after the name, when the file has them (below)
            self.view.horizontalHeader().moveSection(column, NAME_COLUMN + column - NUMBER_COLUMN + 1)
        self.view.setItemDelegateForColumn(NAME_COLUMN, _OneLineDelegate(self.view))  # a long name is cut with "…"
        self.view.horizontalHeader().setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.view.viewport().installEventFilter(self)
        box.addWidget(self.view, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_good_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ApplyRole)
        self.import_good_button.setObjectName("importGoodLines")
        self.import_good_button.hide()
        self.import_good_button.clicked.connect(lambda: self.do_import(skip_problem_lines=True))
        self.buttons.accepted.connect(lambda: self.do_import())
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.preview = None
        def read(ctx):
            return RosterPreview.read(ctx.store(), class_info.id, path, progress=lambda fraction, _text: ctx.progress_or_stop(fraction))

        self.job = run_job(self, read, title=self.tr("Reading the roster…"), on_done=self._show, cancellable=True)
        self.job.cancelled.connect(self.reject)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_name_column()  # the dialog was resized, or a scroll bar came or went
        return super().eventFilter(watched, event)

    def _fit_name_column(self) -> None:
        """The Name column as wide as its names where the other columns leave the room (a long name whole beside short
        checks: review 48), else 40% of the table: Check always stays in view."""
        header = self.view.horizontalHeader()

        def wanted(column: int) -> int:
            return max(self.view.sizeHintForColumn(column), header.sectionSizeHint(column))

        others = sum(wanted(c) for c in range(header.count()) if c != NAME_COLUMN and not header.isSectionHidden(c))
        room = self.view.viewport().width()
        self.view.setColumnWidth(NAME_COLUMN, max(80, min(wanted(NAME_COLUMN), max(int(room * 0.4), room - others))))

    def _show(self, preview: Any) -> None:
        self.preview = preview
        status = {
            "new": self.tr("New student"),
            "update": self.tr("Already in the class: name, student number or group updated"),
            "unchanged": self.tr("Already in the class: left as it is"),
            "repeat": self.tr("The same line again: left out"),
        }
        same_name = {
            "class": self.tr("New student: a student of this name is already in the class"),
            "class_unnumbered": self.tr("New student? This name is in the class already, without a student number: if "
                                        "that is this child, give them this number first (Student number…)"),
            "file": self.tr("New student: this name is on another line too, with another student number"),
        }
        one_name = self.tr("New student: only part of a name on this line (the given name or the family name missing?)")
        odd_name = self.tr("New student: a number or a separator in the name (a student number or another column run into it?)")
        rows = preview.problems_first()
        self.model.set_rows([[r.line, r.name, self.problem_in_words(r.problem) or same_name.get(r.same_name)
                              or self.renamed_text(r) or (one_name if r.one_name and r.status == "new" else "")
                              or (odd_name if r.odd_name and r.status == "new" else "")
                              or status.get(r.status, r.status), r.external_id or "", r.group or ""]
                             for r in rows], rows)
        self.view.setVisible(bool(rows))  # review 40a: a file that could not be read showed an empty table under its reason
        if not rows:  # and the dialog only as tall as the reason
            self.resize(self.width(), self.minimumSizeHint().height())
        self.view.setColumnHidden(NUMBER_COLUMN, not any(r.external_id for r in rows))  # review 26: groups were made unseen
        self.view.setColumnHidden(GROUP_COLUMN, not any(r.group for r in rows))
        for i, r in enumerate(rows):
            if r.status == "problem":  # the whole line is red, and its reason shows in full when hovered
                for column in range(self.model.columnCount()):
                    self.model.colours[(i, column)] = QColor(PROBLEM_RED)
                self.model.tooltips[(i, CHECK_COLUMN)] = self.problem_in_words(r.problem)
            elif r.status in ("unchanged", "repeat"):
                self.model.colours[(i, CHECK_COLUMN)] = QColor("#eeeeee")
            elif r.same_name or r.renamed_from or ((r.one_name or r.odd_name) and r.status == "new"):  # a look first: two
                # children of one name, a name that changes, half a name (review 40a: a surname alone was added without a
                # word), a number in it (review 45)
                self.model.colours[(i, CHECK_COLUMN)] = QColor(SAME_NAME_AMBER)
            if r.name:
                self.model.tooltips[(i, NAME_COLUMN)] = r.name
        self._fit_name_column()
        self._show_summary(preview)
        read_as = {GB18030: self.tr("The file was read as Chinese text (GBK, the way Chinese Excel saves a CSV): check that "
                                    "the names look right."),
                   CP1252: self.tr("The file was read as Western European text (the way Excel on an English computer saves "
                                   "a CSV): check that the names look right.")}
        if preview.encoding in read_as:  # not UTF-8: say how it was read, so a wrong reading cannot pass unseen
            self.summary.setText(self.summary.text() + "\n" + read_as[preview.encoding])

    def _show_summary(self, preview: RosterPreview) -> None:
        """What the preview found, in a sentence, and the one button that goes on from there."""
        bad = sum(1 for r in preview.rows if r.status == "problem")
        good = sum(1 for r in preview.rows if r.status in ("new", "update"))
        if preview.error:
            if bad and good:
                lines = self.tr("the 1 good line") if good == 1 else self.tr("the {good} good lines").format(good=good)  # review 42
                if bad == 1:
                    summary = self.tr("1 line has a problem (at the top, in red) and was not added. You can correct the file and "
                                      "import it again, or import {lines} now and add the other one by hand.")
                    button = self.tr("Import {lines}, skip the bad one")
                else:
                    summary = self.tr("{bad} lines have a problem (at the top, in red) and were not added. You can correct the file and "
                                      "import it again, or import {lines} now and add the others by hand.")
                    button = self.tr("Import {lines}, skip the {bad} bad ones")
                self.summary.setText(sentences(summary.format(bad=bad, lines=lines), self.renames_sentence(preview)))
                self.import_good_button.setText(button.format(lines=lines, bad=bad))
                self.import_button.hide()  # only one way forward: the good lines
                self.import_good_button.show()
                self.import_good_button.setDefault(True)
            else:
                if bad == 1:
                    problem = self.tr("1 line has a problem (at the top, in red). Correct the file and import it again; nothing was added.")
                elif bad:
                    problem = self.tr("{bad} lines have a problem (at the top, in red). Correct the file and import it again; nothing was added.").format(bad=bad)
                else:
                    problem = self.tr("This file cannot be imported:") + "\n" + self.problem_in_words(preview.error)
                self.summary.setText(problem)
            self.summary.setStyleSheet("color: #b23b2c;")
            self.import_button.setEnabled(False)
            return
        if not preview.rows:  # review 26: "New students to add: 0", the Import button grey, and no reason
            self.summary.setText(self.tr("This file has no students: there is nothing under its header line."))
            self.summary.setStyleSheet("color: #b23b2c;")
            self.import_button.setEnabled(False)
            return
        new = sum(1 for r in preview.rows if r.status == "new")
        kept = sum(1 for r in preview.rows if r.status in ("update", "unchanged"))
        sentences_ = [self.tr("New students to add: {new}. Already in the class: {kept}.").format(new=new, kept=kept)]
        repeats = sum(1 for r in preview.rows if r.status == "repeat")
        if repeats:
            sentences_.append(self.tr("Lines that repeat an earlier line (the same child), left out: {count}.").format(count=repeats))
        twins = self.same_names(preview)
        if twins:
            sentences_.append(self.tr("Same name as a student already in the class (amber): {names}.").format(
                names=listing(twins)))
        in_file = list(dict.fromkeys(r.name for r in preview.rows if r.status == "new" and r.same_name == "file"))
        if in_file:  # review 26: only the amber cells said so; their student numbers will tell them apart
            sentences_.append(self.tr("Children with the same name, told apart by their student numbers (amber): {names}.").format(
                names=listing(in_file)))
        odd = list(dict.fromkeys(r.name for r in preview.rows if r.status == "new" and (r.one_name or r.odd_name)))
        if odd:  # review 45b: only the amber Check cells said so, and a long list hid them
            sentences_.append(self.tr("Names to check before adding (amber): {names}.").format(names=first_few(odd, people=True)))
        self.summary.setText(sentences(*sentences_, self.renames_sentence(preview)))
        self.import_button.setEnabled(new > 0 or any(r.status == "update" for r in preview.rows))

    def renames_sentence(self, preview: RosterPreview) -> str:
        """"Names that change (amber): old → new, …" ('' when the file renames nobody)."""
        renames = self.renames(preview)
        return self.tr("Names that change (amber): {names}.").format(names=first_few(renames, people=True)) if renames else ""

    def renamed_text(self, row: Any) -> str:
        """The Check cell of a line that renames a student ('' for any other line)."""
        if not row.renamed_from:
            return ""
        if row.name_of_classmate:
            return self.tr("Renamed from {old}; another student of the class is called {new}").format(
                old=row.renamed_from, new=row.name)
        return self.tr("Already in the class: renamed from {old}").format(old=row.renamed_from)

    @staticmethod
    def renames(preview: RosterPreview) -> list[str]:
        """"old → new" for each student the file renames (by the student number)."""
        return [f"{r.renamed_from} → {r.name}" for r in preview.rows if r.status == "update" and r.renamed_from]

    def problem_in_words(self, problem: str) -> str:
        """The engine's problem with a roster line, in the app's language (unknown ones as they are)."""
        import re

        patterns = (
            (r"^the name is empty$", lambda m: self.tr("The name is empty.")),
            (r"^(\d+) cells, expected (\d+) as in the header$", lambda m: self.tr(
                "This line has {count} cells, the header line {expected}: a stray comma, a missing cell, or a name with a "
                "comma that needs quotes?").format(count=m[1], expected=m[2])),  # review 40b: not the first line, a title
            (r"^the name is longer than (\d+) characters$", lambda m: self.tr("The name is longer than {count} characters.").format(count=m[1])),
            (r"^the same as line (\d+)$", lambda m: self.tr("The same child as on line {line}: this line is left out.").format(
                line=m[1])),  # review 49a: a line copied twice was a problem, "add the other one by hand"
            (r"^the id '(.*)' is also on line (\d+)$", lambda m: self.tr("The student number {number} is also on line {line}.").format(number=m[1], line=m[2])),
            (r"^'(.*)' is also on line (\d+) ", lambda m: self.tr("{name} is also on line {line}. If they are two children with the same name, add a column “student number” to tell them apart.").format(name=m[1], line=m[2])),
        )
        for pattern, words in patterns:
            match = re.match(pattern, problem)
            if match:
                return words(match)
        return teacher_text(problem)

    @staticmethod
    def same_names(preview: RosterPreview) -> list[str]:
        """Names of new students whom a student of the class already bears."""
        return list(dict.fromkeys(r.name for r in preview.rows if r.status == "new" and r.same_name in ("class", "class_unnumbered")))

    def do_import(self, skip_problem_lines: bool = False) -> None:
        """Add the students: all lines, or (after the teacher chose it) only the lines without a problem.

        New students who bear the name of a child already in the class are added only after the teacher says so.
        """
        if self.preview is None or (self.preview.error and not skip_problem_lines):
            return
        twins = self.same_names(self.preview)
        numbered = list(dict.fromkeys(r.name for r in self.preview.rows if r.status == "new" and r.same_name == "class_unnumbered"))
        if numbered:  # review 43: "cancel and remove the line" lost the student numbers the teacher wanted them to have
            question = self.tr(
                "Already in the class without a student number: {names}. The file cannot tell which of them each of its "
                "lines is. If they are these children, cancel, give each child their number in the class list (select "
                "them, then Student number…), and import the file again: it then finds them. Add the file's lines as new "
                "students only if they are other children.").format(names=listing([f"“{name}”" for name in numbered]))
        else:
            question = self.tr(
                "Already in the class under the same name: {names}. Two children of one name are hard to tell apart on "
                "the dashboard and on printouts: if they are the same child, cancel and remove the line from the file; if "
                "they are two children, you could add a letter to one name (for example “{example} B”).").format(
                names=listing([f"“{name}”" for name in twins]), example=twins[0]) if twins else ""
        if twins and not ask_before(self, self.windowTitle(), question, self.tr("Add them as new students"), self.tr("Cancel")):
            return
        renames = self.renames(self.preview)
        shifted = [r.name for r in self.preview.rows if r.status == "update" and r.name_of_classmate]
        by_name = False
        if renames and not shifted and not ask_before(self, self.windowTitle(), "\n".join([self.tr(
                "The file gives {count} students of the class another name, found by their student numbers:").format(
                count=len(renames)), *_first_few_lines(renames), "", sentences(
                self.tr("Their answers stay with them under the new name."),
                self.tr("If the numbers changed, press Cancel and add new children with “Add student…” instead."))]),
                self.tr("Change the names"), self.tr("Cancel")):
            return
        if shifted:  # review 51a: numbers moved down one by a child added in the middle; only "Change the names" was offered
            by_name = self._numbers_given_again(renames, shifted)
            if by_name is None:
                return

        def work(ctx):
            return importers.import_roster(ctx.store(), self.class_info.id, self.path, skip_problem_lines=skip_problem_lines,
                                           by_name=by_name)

        def done(report):
            self.context.changed(Changes(students=True))
            if report.unnumbered:  # review 51e: a name spelt anew on the list is a new child beside the old one
                QMessageBox.information(self, self.windowTitle(), sentences(self.tr(
                    "Not on the list, so kept without a student number: {names}.").format(
                        names=first_few(list(report.unnumbered), people=True)), *([self.tr(
                    "Added from the list: {names}. If one of them is a child above under a new spelling, delete the new "
                    "one (no answers yet), then correct the name and give the number with Student number….").format(
                        names=first_few(list(report.added_names), people=True))] if report.added_names else [])))
            self.accept()

        self.import_button.setEnabled(False)
        self.import_good_button.setEnabled(False)
        self.job = run_job(self, work, title=self.tr("Adding students…"), on_done=done)

    def _numbers_given_again(self, renames: list[str], shifted: list[str]) -> bool | None:
        """Whether to keep each child with her name (True), rename by the numbers (False) or stop (None), where the file
        gives a child a classmate's name by her number: the numbers were given out again, most likely."""
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), "\n".join([self.tr(
            "The file gives {count} students of the class another name, found by their student numbers:").format(
            count=len(renames)), *_first_few_lines(renames), "", self.tr(
            "Other students of the class are called {names} already: were the student numbers given out again? Then "
            "“Keep each child with her name” gives each child her new number, and her answers stay hers.").format(
            names=listing(shifted))]), QMessageBox.StandardButton.NoButton, self)
        keep = box.addButton(self.tr("Keep each child with her name"), QMessageBox.ButtonRole.AcceptRole)
        rename = box.addButton(self.tr("Change the names"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(cancel)
        box.exec()
        return True if box.clickedButton() is keep else False if box.clickedButton() is rename else None


class GroupMembersDialog(QDialog):
    """The class's students with a tick for each member of a group."""

    def __init__(self, group: Any, students: list[Any], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Members of {name}").format(name=group.name))
        self.resize(420, 520)
        box = QVBoxLayout(self)
        box.addWidget(hint(self.tr("Tick the students of the group.")))
        self.list = TickList()
        self.list.setObjectName("groupMemberList")
        for student in students:
            item = QListWidgetItem(student.label)
            item.setData(Qt.ItemDataRole.UserRole, student.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if student.id in group.student_ids else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        box.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def members(self) -> list[int]:
        """The ticked students' ids."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]
