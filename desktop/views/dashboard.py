"""Class dashboard: mastery heat map, who needs help now, suggested groups, most-missed exercises, progress."""
from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidgetItem,
                               QProgressBar, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from desktop.engine_texts import teacher_text
from desktop.i18n import count_text, day_and_month, first_few, kept_together, listing, sentences
from desktop.plain_text import tip
from desktop.prompts import ask_name
from desktop.table_csv import export_button_under
from desktop.views.base import FitRows, Page, RowsModel, TickList, fill_group_choice, heading, hint, table_view
from desktop.views.mastery_text import MasteryTexts
from desktop.widgets.heatmap import HeatMap
from desktop.widgets.plot import LinePlot
from desktop.workers import run_job
from engine.classroom import Changes, Classroom, focus
from engine.classroom.ids import model_key, store_id
from engine.errors import LamplightError
from engine.store.classes import MAX_NAME


class DashboardPage(Page):
    """What the whole class knows, and what to do about it."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Class dashboard")))
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Show:")))
        self.group_filter = QComboBox()
        self.group_filter.setObjectName("dashboardGroup")
        self.group_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # a group's whole name shows
        self.group_filter.currentIndexChanged.connect(lambda _: self._show_filtered())
        top.addWidget(self.group_filter)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        self.layout_.addLayout(top)
        self.status = hint("")
        self.status.setObjectName("dashboardStatus")
        self.layout_.addWidget(self.status)
        self.busy = QProgressBar()
        """Moves while the figures are being worked out (shown only when that takes a moment)."""
        self.busy.setObjectName("dashboardBusy")
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(12)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.layout_.addWidget(self.busy)
        self.busy_timer = QTimer(self)
        self.busy_timer.setSingleShot(True)
        self.busy_timer.setInterval(300)
        self.busy_timer.timeout.connect(self.busy.show)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        grid = QGridLayout(body)
        scroll.setWidget(body)
        self.layout_.addWidget(scroll, 1)

        heat_box = QGroupBox(self.tr("Mastery by student and skill"))
        heat_layout = QVBoxLayout(heat_box)
        heat_layout.addWidget(
            hint(self.tr("Colour: chance of success on the skill, from red (low) through amber to green (high); grey: no answers yet. ✓ marks a mastered skill. Click a student to open their page."))
        )
        self.heatmap = HeatMap()
        self.heatmap.setObjectName("heatmap")
        self.heatmap.row_clicked.connect(self._open_student)
        heat_layout.addWidget(self.heatmap)
        self.heat_model = RowsModel([], self)
        """The heat map as a table for its CSV export: the figure behind each colour as a percentage a spreadsheet
        reads as a number, then the child's mastered skills (review 45c: "81% ✓" was read as text)."""
        self.heat_export = export_button_under(heat_layout, self, self.heat_model, lambda: self._file_name(heat_box.title()), "exportHeatmap")
        grid.addWidget(heat_box, 0, 0, 1, 2)

        help_box = QGroupBox(self.tr("Needs help now"))
        help_layout = QVBoxLayout(help_box)
        self.help_model = RowsModel([self.tr("Student"), self.tr("Skill"), self.tr("Why")], self)
        self.help_view = table_view(self.help_model, stretch_column=2, wrap=True)
        self.help_view.setObjectName("needsHelp")
        FitRows(self.help_view, most=20)  # twenty children's reasons in full, wrapped (review 41b: 260 px showed 2-4); as
        # tall as its lines when fewer (review 49d: 340 px for 5 lines left most of it blank, the tables below a screen lower)
        self.help_view.doubleClicked.connect(self._open_needing_student)  # review 29a: as the heat map's names do
        help_layout.addWidget(hint(self.tr("Double-click a line to open that student's page.")))
        help_layout.addWidget(self.help_view)
        self.help_more = hint("")
        """Says how many needs are not listed (the engine lists the most urgent, a few per student) and where they are."""
        self.help_more.setObjectName("needsHelpMore")
        self.help_more.hide()
        help_layout.addWidget(self.help_more)
        self.help_all_model = RowsModel(list(self.help_model.headers), self)
        """Every need, most urgent first, for the CSV export (review 46: it held the 60 lines listed, of 240)."""
        self.help_export = export_button_under(help_layout, self, self.help_all_model, lambda: self._file_name(help_box.title()),
                                               "exportNeedsHelp")
        by_skill_title = self.tr("Needs help, skill by skill")
        help_layout.addWidget(hint(self.tr("{title}: the same needs counted per skill, the skill most children need help with first, "
                                           "for deciding what to teach again to a table of children.").format(title=by_skill_title)))
        self.help_skill_model = RowsModel([self.tr("Skill"), self.tr("Children"), self.tr("Who")], self)
        self.help_skill_view = table_view(self.help_skill_model, stretch_column=2, wrap=True)
        self.help_skill_view.setObjectName("needsHelpBySkill")
        FitRows(self.help_skill_view, most=12)
        help_layout.addWidget(self.help_skill_view)
        by_skill_row = QHBoxLayout()
        self.help_group_button = QPushButton(self.tr("Make a group of them…"))
        """The children who need help with the chosen skill as a group of the class (review 49d: only the suggested groups,
        made from next steps, could be saved, and they did not follow this table)."""
        self.help_group_button.setObjectName("groupFromNeedsHelp")
        self.help_group_button.setToolTip(self.tr("Choose a skill in the table above first."))
        self.help_group_button.setEnabled(False)
        self.help_group_button.clicked.connect(lambda: self.group_from_needs_help())
        self.help_skill_view.selectionModel().selectionChanged.connect(lambda *_: self._enable_help_group())
        by_skill_row.addWidget(self.help_group_button)
        by_skill_row.addStretch(1)
        self.help_skill_export = export_button_under(by_skill_row, self, self.help_skill_model, lambda: self._file_name(by_skill_title),
                                                     "exportNeedsHelpBySkill")
        help_layout.addLayout(by_skill_row)
        grid.addWidget(help_box, 1, 0, 1, 2)  # the whole width: the reasons read in a line or two, not word by word

        groups_box = QGroupBox(self.tr("Suggested groups"))
        groups_layout = QVBoxLayout(groups_box)
        self.groups_model = RowsModel([self.tr("Next skill"), self.tr("Students")], self)
        self.groups_view = table_view(self.groups_model, stretch_column=1)
        self.groups_view.setObjectName("suggestedGroups")
        FitRows(self.groups_view)
        groups_layout.addWidget(self.groups_view)
        save_row = QHBoxLayout()
        self.group_name = QLineEdit()
        self.group_name.setMaxLength(MAX_NAME)  # review 27b: a longer name was refused with no word
        self.group_name.setObjectName("suggestedGroupName")
        self.group_name.setPlaceholderText(self.tr("Name of the group"))
        save_row.addWidget(self.group_name, 1)
        self.save_group_button = QPushButton(self.tr("Save as group"))
        self.save_group_button.setObjectName("saveSuggestedGroup")
        self.save_group_button.setToolTip(self.tr("Save the selected suggested group as a group of the class (Classes & students → Groups)."))
        self.save_group_button.clicked.connect(self.save_suggested_group)
        save_row.addWidget(self.save_group_button)
        groups_layout.addLayout(save_row)
        self.groups_view.selectionModel().selectionChanged.connect(lambda *_: self._suggest_group_name())
        self.left_out = hint("")
        groups_layout.addWidget(self.left_out)
        self.groups_export = export_button_under(groups_layout, self, self.groups_model, lambda: self._file_name(groups_box.title()), "exportGroups")
        grid.addWidget(groups_box, 2, 0)

        missed_box = QGroupBox(self.tr("Most-missed exercises"))
        missed_layout = QVBoxLayout(missed_box)
        self.missed_model = RowsModel([self.tr("Exercise"), self.tr("Skill"), self.tr("Missed"), self.tr("Answers"),
                                       self.tr("Students who missed it")], self)
        self.missed_view = table_view(self.missed_model)
        self.missed_view.setObjectName("mostMissed")
        FitRows(self.missed_view)
        missed_layout.addWidget(self.missed_view)
        self.missed_export = export_button_under(missed_layout, self, self.missed_model, lambda: self._file_name(missed_box.title()), "exportMostMissed")
        grid.addWidget(missed_box, 3, 0, 1, 2)  # the whole width: the exercises' words are not cut short

        plot_box = self.plot_box = QGroupBox(self.tr("Progress of the class, week by week"))
        plot_layout = QVBoxLayout(plot_box)
        self.plot = LinePlot()
        self.plot.setObjectName("classProgress")
        self.no_answers_text = self.tr("No answers yet. Progress appears here after the first quiz or practice session.")
        self.plot.empty_text = self.no_answers_text
        plot_layout.addWidget(self.plot)
        grid.addWidget(plot_box, 2, 1)
        grid.addWidget(self._focus_box(), 4, 0, 1, 2)
        self.insights: Any = None
        self._note = ""
        """A sentence about what the teacher just did, shown again once the refresh it caused is done."""
        self.class_insights: Any = None
        """The whole class's figures; ``insights`` is what is shown (the chosen group's students)."""
        self.job = None

    def refresh(self) -> None:
        class_id = self.context.class_id
        self._fill_group_filter(class_id)
        self.save_group_button.setEnabled(not self.context.class_archived())
        if class_id is None:
            self.status.setText(self.tr("Choose or create a class first (Classes & students)."))
            self._show_class(None)
            return
        language = self.context.language
        if Classroom(self.context.store, language).first_look(class_id):
            self.status.setText(self.tr("Getting to know this class's exercises from its answers. This is done once per class; "
                                        "with a year of answers it can take a minute."))
        else:
            self.status.setText(self.tr("Working out what the class knows…"))
        self.plot.empty_text = self.tr("Loading…")
        self.plot.update()
        self.refresh_button.setEnabled(False)
        self.busy_timer.start()
        self.job = run_job(
            self,
            lambda ctx: (class_id, Classroom(ctx.store(), language).dashboard(class_id, ctx)),
            title=self.tr("Updating the dashboard…"),
            on_done=lambda result: self._show_class(result[1]) if result[0] == self.context.class_id else None,
            show="status",
        )
        self.job.ended.connect(self._job_ended)

    def _job_ended(self) -> None:
        self.refresh_button.setEnabled(True)
        self.busy_timer.stop()
        self.busy.hide()

    def _file_name(self, title: str) -> str:
        """An exported table's suggested file name: whose figures (the class, or the group shown) and the table's title
        (review 44: the whole class's and a group's mastery maps were offered the same name)."""
        who = self.group_filter.currentText() if self.group_filter.currentData() is not None else self.class_name()
        return f"{who} - {title}" if who else title

    # --- practice focus ---------------------------------------------------------------------
    def _focus_box(self) -> QGroupBox:
        """Practice focus: the skills a group or a child practises in Practice mode (default: what the model suggests)."""
        box = QGroupBox(self.tr("Practice focus"))
        layout = QVBoxLayout(box)
        layout.addWidget(hint(self.tr("Choose a group or a child and tick the skills they should practise; Practice mode and their worksheets then offer only those skills, and their student page, report and family letter give them as the next steps. A child's own focus comes before their group's.")))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("For:")))
        self.focus_who = QComboBox()
        self.focus_who.setObjectName("focusWho")
        self.focus_who.currentIndexChanged.connect(lambda _: self._show_focus())
        row.addWidget(self.focus_who, 1)
        self.save_focus_button = QPushButton(self.tr("Practise the ticked skills"))
        self.save_focus_button.setObjectName("saveFocus")
        self.save_focus_button.clicked.connect(self.save_focus)
        row.addWidget(self.save_focus_button)
        self.clear_focus_button = QPushButton(self.tr("What the model suggests"))
        self.clear_focus_button.setObjectName("clearFocus")
        self.clear_focus_button.clicked.connect(self.clear_focus)
        row.addWidget(self.clear_focus_button)
        layout.addLayout(row)
        self.focus_skills = TickList()
        self.focus_skills.setObjectName("focusSkills")
        FitRows(self.focus_skills, most=40)
        layout.addWidget(self.focus_skills)
        self.focus_status = hint("")
        self.focus_status.setObjectName("focusStatus")
        layout.addWidget(self.focus_status)
        return box

    def _fill_focus(self, insights: Any) -> None:
        """Each group and child of the class, and the class's skills as tick boxes."""
        chosen = self.focus_who.currentData()
        self.focus_who.blockSignals(True)
        self.focus_who.clear()
        class_id = self.context.class_id
        if class_id is not None:
            for group in self.store.list_groups(class_id):
                self.focus_who.addItem(self.tr("Group: {name}").format(name=group.name), focus.group_key(group.id))
            for student in self.store.list_students(class_id):
                self.focus_who.addItem(student.label, focus.student_key(student.id))
        self.focus_who.setCurrentIndex(max(0, self.focus_who.findData(chosen)))
        self.focus_who.blockSignals(False)
        self.focus_skills.clear()
        for skill in insights.mastery.skills if insights is not None else []:
            item = QListWidgetItem(insights.skill_names.get(skill, skill))
            item.setData(Qt.ItemDataRole.UserRole, skill)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.focus_skills.addItem(item)
        self._show_focus()

    def _show_focus(self) -> None:
        """Tick the chosen group's or child's focus skills and say what they practise."""
        who, class_id = self.focus_who.currentData(), self.context.class_id
        skills = focus.focus_of(self.store, class_id, who) if who and class_id is not None else []
        names = []
        for n in range(self.focus_skills.count()):
            item = self.focus_skills.item(n)
            ticked = item.data(Qt.ItemDataRole.UserRole) in skills
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            names += [item.text()] if ticked else []
        enabled = who is not None and not self.context.class_archived()
        self.save_focus_button.setEnabled(enabled)
        self.clear_focus_button.setEnabled(enabled)
        if names:
            status = self.tr("Practises: {skills}").format(skills=listing(names))
            if not set(skills) & focus.markable_skills(self.store):
                status += "\n" + self.tr(
                    "None of these skills has an exercise the laptop can mark, so practice offers what the model "
                    "suggests until the Exercise bank has a number, choice or short-text exercise for one of them.")
        elif who and who.startswith("student:") and class_id is not None:  # a child with no focus of her own: her groups'
            from_groups = focus.focus_for_student(self.store, class_id, who.split(":", 1)[1])
            skill_names = {self.focus_skills.item(n).data(Qt.ItemDataRole.UserRole): self.focus_skills.item(n).text()
                           for n in range(self.focus_skills.count())}
            status = (self.tr("Practises the skills of the group: {skills}").format(skills=listing(skill_names.get(s, s) for s in from_groups))
                      if from_groups else self.tr("Practises: what the model suggests"))
        else:
            status = self.tr("Practises: what the model suggests")
        self.focus_status.setText(status)  # review 26: a child in a group with a focus read "what the model suggests"

    def ticked_skills(self) -> list[str]:
        items = [self.focus_skills.item(n) for n in range(self.focus_skills.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def save_focus(self) -> None:
        """Keep the ticked skills as the practice focus of the chosen group or child (none ticked: the model's choice)."""
        who, class_id = self.focus_who.currentData(), self.context.class_id
        if who is None or class_id is None:
            return
        focus.set_focus(self.store, class_id, who, self.ticked_skills())
        self._show_focus()

    def clear_focus(self) -> None:
        """Back to what the model suggests for the chosen group or child."""
        who, class_id = self.focus_who.currentData(), self.context.class_id
        if who is None or class_id is None:
            return
        focus.set_focus(self.store, class_id, who, None)
        self._show_focus()

    # --- groups ----------------------------------------------------------------------------
    def _fill_group_filter(self, class_id: Any) -> None:
        """"Whole class" and each of the class's groups; the chosen one stays chosen while it exists."""
        groups = self.store.list_groups(class_id) if class_id is not None else []
        fill_group_choice(self.group_filter, self.tr("Whole class"), groups, self.group_filter.currentData())

    def chosen_students(self) -> list[str] | None:
        """The model keys of the chosen group's students, or None for the whole class."""
        group_id = self.group_filter.currentData()
        if group_id is None:
            return None
        group = next((g for g in self.store.list_groups(self.context.class_id) if g.id == group_id), None)
        return [model_key(s) for s in group.student_ids] if group is not None else None

    def _show_class(self, insights: Any) -> None:
        self.class_insights = insights
        self._fill_focus(insights)
        self._show_filtered()
        if self._note and insights is not None:  # what the teacher just did stays in view after the refresh it caused
            self.status.setText(sentences(self._note, self.status.text()))
        self._note = ""

    def _show_filtered(self) -> None:
        """Show the whole class, or only the chosen group's students (each with their own figures; the exercises
        they missed most are worked out in the background, from their own answers)."""
        insights, keys, class_id = self.class_insights, self.chosen_students(), self.context.class_id
        if insights is None or keys is None:
            self.plot_box.setTitle(self.tr("Progress of the class, week by week"))
            self._show(insights)
            return
        self._show_group(insights, keys, [])
        run_job(self, lambda ctx: Classroom(ctx.store()).most_missed(class_id, [store_id(k) for k in keys]),
                title=self.tr("Updating the dashboard…"), show="status",
                on_done=lambda missed: self._show_group(insights, keys, missed)
                if self.class_insights is insights and self.chosen_students() == keys else None)

    def _show_group(self, insights: Any, keys: list[str], most_missed: list[Any]) -> None:
        self._show(insights.only(keys, most_missed))
        self.plot_box.setTitle(self.tr("Progress of the group {group}, week by week").format(group=self.group_filter.currentText()))
        self.status.setText(self.tr("Group {group}: {shown} of the class's {total} students.").format(
            group=self.group_filter.currentText(), shown=len(self.insights.mastery.students), total=len(insights.mastery.students)))

    def _suggest_group_name(self) -> None:
        group = self._selected_suggestion()
        if group is not None and self.insights is not None:
            # a suggested group is children ready for the same next skill (review 26: named "needs help")
            base = self.tr("{skill} – next").format(skill=self.insights.skill_names.get(group.skill_id, group.skill_id))
            self.group_name.setText(self._free_group_name(base))  # review 34a: two groups for one skill got one name

    def _free_group_name(self, base: str) -> str:
        """``base``, or "``base`` 2", "``base`` 3"…: the first name no group of the class has (case aside)."""
        taken = {g.name.casefold() for g in self.store.list_groups(self.context.class_id)} if self.context.class_id else set()
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base} {n}", n + 1
        return name

    def _selected_suggestion(self) -> Any:
        rows = self.groups_view.selectionModel().selectedRows()
        return self.groups_model.row_payload(rows[0].row()) if rows else None

    def _enable_help_group(self) -> None:
        """Make a group of them… only with a skill chosen, in a class not archived (review 49e: pressable there, refused
        only after the name was typed)."""
        chosen = bool(self.help_skill_view.selectionModel().selectedRows())
        self.help_group_button.setEnabled(chosen and not self.context.class_archived())

    def group_from_needs_help(self) -> bool:
        """A group of the children who need help with the skill chosen in "Needs help, skill by skill", named as the
        teacher types it (the skill's name offered); whether it was saved."""
        rows, class_id = self.help_skill_view.selectionModel().selectedRows(), self.context.class_id
        if not rows or class_id is None:
            return False
        skill, who = self.help_skill_model.row_payload(rows[0].row())
        title = self.tr("Make a group")
        label = self.tr("Name of the group of the {count} children who need help with {skill}:").format(count=len(who), skill=skill)
        taken = [g.name for g in self.store.list_groups(class_id)]
        if not ask_name(self, title, label, lambda name: self.store.create_group(class_id, name, [store_id(s) for s in who]),
                        text=self._free_group_name(skill), taken=taken):  # review 49e: a taken name was offered
            return False
        name = next(g.name for g in self.store.list_groups(class_id) if g.name not in taken)
        self._note = self.tr("Saved the group {name} ({count} students).").format(name=name, count=len(who))
        self.status.setText(self._note)
        self.context.changed(Changes(groups=True))
        self.main_window.statusBar().showMessage(self._note, 8000)
        return True

    def save_suggested_group(self) -> None:
        """Save the selected suggested group (its name as typed) as a group of the class, in one click."""
        group, class_id, name = self._selected_suggestion(), self.context.class_id, " ".join(self.group_name.text().split())
        if group is None or class_id is None:
            self.status.setText(self.tr("First click a suggested group."))
            return
        if not name:
            self.status.setText(self.tr("Type a name for the group."))
            return
        if any(g.name.casefold() == name.casefold() for g in self.store.list_groups(class_id)):
            self.status.setText(self.tr("The class already has a group named {name}: change the name.").format(name=name))
            return
        try:  # review 27b: a name over 120 characters raised here, with no word on screen
            self.store.create_group(class_id, name, [store_id(s) for s in group.students])
        except LamplightError as exc:
            self.status.setText(teacher_text(str(exc)))
            return
        self._note = self.tr("Saved the group {name} ({count} students).").format(name=name, count=len(group.students))
        self.status.setText(self._note)
        self.context.changed(Changes(groups=True))
        self.main_window.statusBar().showMessage(self._note, 8000)  # review 46: the line above may be scrolled out of sight

    def _show(self, insights: Any) -> None:
        self.insights = insights
        self.plot.empty_text = self.no_answers_text
        if insights is None:
            self.heatmap.set_data([], [], [])
            self.heat_model.headers = []
            self.heat_model.set_rows([])
            for model in (self.help_model, self.help_all_model, self.help_skill_model, self.groups_model, self.missed_model):
                model.set_rows([])
            self.help_more.hide()
            self.plot.set_data([], {})
            return
        names = insights.student_names
        skills = insights.skill_names
        table = insights.mastery
        if not table.students:
            self.status.setText(self.tr("This class has no students yet: add them in Classes & students."))
        elif insights.answers == 0 and not table.skills:  # review 41a: a new class on an empty bank, no pointer to it
            self.status.setText(self.tr("No answers yet, and the exercise bank is empty: in Exercise bank, press “Add the starter "
                                        "exercises” or import an exercise pack first. Then give a paper quiz or let students practise."))
        elif insights.answers == 0:
            self.status.setText(
                self.tr("No answers yet. Give a paper quiz (Paper quiz) or let students practise (Practice mode); this page then fills in.")
            )
        else:
            text = self.tr("{students} students, {answers} answers. Mastered means: at least {needed} answers on the skill, at least "
                           "{level:.0%} of the latest right, and at least {sure:.0%} sure of at least {level:.0%} success on it.").format(
                students=len(table.students), answers=count_text(insights.answers), sure=insights.rule.confidence, level=insights.rule.threshold,
                needed=insights.rule.min_answers,
            )
            if insights.rule.skill_levels:
                order = {skill: n for n, skill in enumerate(table.skills)}  # as the heat map lists them
                levels = sorted(insights.rule.skill_levels, key=lambda pair: order.get(pair[0], len(order)))
                lowered = listing(f"{skills.get(k, k)} {level:.0%}" for k, level in levels)
                text = sentences(text, self.tr("On skills that even students who know them often get wrong, the bar is lower: {skills}.").format(skills=lowered))
            self.status.setText(text)
        values = [[table.cells[s][k].estimate if table.cells[s][k].answered or table.cells[s][k].mastered else None for k in table.skills] for s in table.students]
        marks = [["✓" if table.cells[s][k].mastered else "" for k in table.skills] for s in table.students]
        self.heatmap.set_data([names.get(s, s) for s in table.students], [skills.get(k, k) for k in table.skills], values, marks)
        self.heat_model.headers = [self.tr("Student"), *self.heatmap.columns, self.tr("Mastered skills")]
        self.heat_model.set_rows([[name, *("" if v is None else f"{v:.0%}" for v in vs), listing(c for c, m in zip(self.heatmap.columns, ms) if m)]
                                  for name, vs, ms in zip(self.heatmap.rows, values, marks)])

        def tooltip(r: int, c: int) -> str:
            cell = table.cells[table.students[r]][table.skills[c]]
            return tip(self.tr("{student} – {skill}: about {estimate:.0%} (between {low:.0%} and {high:.0%}); {right:g} right of {answered}; {status}").format(
                student=names.get(table.students[r], ""),
                skill=skills.get(table.skills[c], ""),
                estimate=cell.estimate,
                low=cell.low,
                high=cell.high,
                right=cell.right,
                answered=cell.answered,
                status=self.status_text(cell),
            ))  # a child's name as typed, never read as HTML (review 35c)

        self.heatmap.tooltip_for = tooltip
        self._show_help(insights)
        self._show_groups(insights)
        place = {student: n for n, student in enumerate(table.students)}  # names in the heat map's (the class list's) order
        prompts = insights.exercise_prompts

        def who(m: Any, shown: Any) -> Any:
            missed = [kept_together(names.get(s, s)) for s in sorted(m.who_missed, key=lambda s: place.get(s, len(place)))]
            return self.tr("{count}: {names}").format(count=m.students_missed, names=shown(missed)) if m.who_missed else m.students_missed

        self.missed_model.set_rows(
            [[prompts.get(m.exercise_id, m.exercise_id), listing(skills.get(s, s) for s in m.skills), m.miss_rate, m.attempts,
              who(m, lambda missed: first_few(missed, people=True))] for m in insights.most_missed],
            insights.most_missed,
        )
        for row, m in enumerate(insights.most_missed):  # the file names every child (review 46: "… and 31 more children")
            if m.who_missed:
                self.missed_model.exported[(row, 4)] = who(m, lambda missed: listing(missed, people=True))
        class_points = [p for p in insights.progress if p.student_id == ""]
        labels = [day_and_month(p.period_start, self.context.language) for p in class_points]
        self.plot.set_data(
            labels,
            {
                self.tr("Share right"): [None if p.accuracy != p.accuracy else p.accuracy for p in class_points],
                self.tr("Skills mastered"): [p.mastered_share for p in class_points],
            },
        )

    def _show_groups(self, insights: Any) -> None:
        """The suggested groups: a skill split into several groups says so ("1 of 2", weakest first), a suggestion saved
        already says under which name, and the first one not saved is selected (review 36d: the saved one stayed
        selected, its name box offering "… – next 2")."""
        names, skills, table = insights.student_names, insights.skill_names, insights.mastery
        place = {student: n for n, student in enumerate(table.students)}  # members in the heat map's (the class list's) order
        class_id = self.context.class_id
        saved = {frozenset(g.student_ids): g.name for g in self.store.list_groups(class_id)} if class_id is not None else {}
        of_skill = Counter(g.skill_id for g in insights.groups)
        number: Counter = Counter()
        rows, unsaved = [], None
        for n, group in enumerate(insights.groups):
            number[group.skill_id] += 1
            skill = skills.get(group.skill_id, group.skill_id)
            if of_skill[group.skill_id] > 1:
                skill = self.tr("{skill} ({number} of {count})").format(skill=skill, number=number[group.skill_id],
                                                                         count=of_skill[group.skill_id])
            members = listing((names.get(s, s) for s in sorted(group.students, key=lambda s: place.get(s, len(place)))), people=True)
            name = saved.get(frozenset(store_id(s) for s in group.students))
            if name is not None:
                members = self.tr("{members} (saved as “{name}”)").format(members=members, name=name)
            elif unsaved is None:
                unsaved = n
            rows.append([skill, members])
        self.groups_model.set_rows(rows, insights.groups)
        if unsaved is not None:
            self.groups_view.selectRow(unsaved)  # ready to save in one click
        else:
            self.groups_view.clearSelection()
            self.group_name.clear()
        waiting = [s for s in table.students if not any(cell.answered for cell in table.cells[s].values())]
        lines = []
        if insights.left_out:
            lines.append(self.tr("Working alone or with you: {names}").format(names=listing((names.get(s, s) for s in insights.left_out), people=True)))
        if waiting:
            lines.append(self.tr("No answers yet, so in no group: {names}").format(names=listing((names.get(s, s) for s in waiting), people=True)))
        self.left_out.setText("\n".join(lines))

    def _show_help(self, insights: Any) -> None:
        """The most urgent needs (the engine's short list, each student's lines together) and a line on the rest."""
        names, skills, listed = insights.student_names, insights.skill_names, insights.urgent_help()

        def line(need: Any) -> list[str]:
            return [names.get(need.student_id, need.student_id), skills.get(need.skill_id, need.skill_id), self.help_reason(need, insights)]

        self.help_model.set_rows([line(h) for h in listed.shown], listed.shown)
        self.help_all_model.set_rows([line(h) for h in insights.needs_help])
        if listed.shown:
            self.help_more.setText(self.tr("Not listed here: {count} more cases of a child needing help on a skill (“Export CSV…” saves "
                                           "every case). Students who need help, in all: {students}. “Mastery by student and skill” above "
                                           "shows every child on every skill; a double click on a name opens that child's page.").format(
                count=listed.more, students=listed.students))
        else:  # an empty table on its own reads like a screen that did not load
            self.help_more.setText(self.tr("Nobody needs help right now. A child is listed here when their answers on a skill "
                                           "(at least 3) show they are struggling."))
        self.help_more.setVisible(listed.more > 0 or not listed.shown)
        by_skill = insights.help_by_skill()
        self.help_skill_model.set_rows([[skills.get(skill, skill), len(who), listing((names.get(s, s) for s in who), people=True)]
                                        for skill, who in by_skill], [(skills.get(skill, skill), who) for skill, who in by_skill])
        self._enable_help_group()

    def status_text(self, cell: Any) -> str:
        """The cell's verdict in words that agree with its colour and figure."""
        return MasteryTexts().cell_verdict(cell)

    def help_reason(self, need: Any, insights: Any) -> str:
        """The child's own record and chance on the skill (the engine's figures for that child)."""
        cell = insights.mastery.cells[need.student_id][need.skill_id]
        return MasteryTexts().help_reason(cell, getattr(need, "recent_wrong", 0))

    def _open_student(self, row: int) -> None:
        if self.insights is None:
            return
        self._show_student_page(self.insights.mastery.students[row])

    def _open_needing_student(self, index: Any) -> None:
        need = self.help_model.row_payload(index.row())
        if need is not None:
            self._show_student_page(need.student_id)

    def _show_student_page(self, student_id: Any) -> None:
        page = self.main_window.open_page("student")
        page.show_student(student_id)
