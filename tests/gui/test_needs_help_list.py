"""The dashboard's "Needs help now" on a class where nearly everyone needs help with nearly everything:
the engine's short list (most urgent first, a few lines per student) and a line saying where the rest is."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest

from engine.classroom.dashboard import HELP_LISTED, HELP_PER_STUDENT
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import spin
from tests.gui.test_groups import choose_by_keyboard
from desktop.i18n import as_typed

STUDENTS = 40
MORE_LINE = {"en": "Not listed here:", "zh_CN": "未在此列出"}


def struggling_class(store) -> str:
    """A class of ``STUDENTS`` whose last three answers on every skill were all wrong; returns its name."""
    name = "Struggling class"
    class_id = store.create_class(name)
    first_of_skill: dict[str, int] = {}
    for exercise in store.list_exercises():
        if len(exercise.skills) == 1:
            first_of_skill.setdefault(exercise.skills[0], exercise.id)
    for number in range(STUDENTS):
        student = store.add_student(class_id, f"Pupil {number:02d}")
        for exercise_id in first_of_skill.values():
            for _ in range(3):
                store.record_response(student, exercise_id, 0.0, source="import")
    return name


def wrapped_height(view, row: int, column: int) -> int:
    """The height the cell's text takes wrapped at its column's width (less the cell's margins)."""
    text = view.model().index(row, column).data()
    room = QRect(0, 0, view.columnWidth(column) - 8, 100_000)
    return view.fontMetrics().boundingRect(room, Qt.TextFlag.TextWordWrap, text).height()


def pick_class_by_keyboard(window, name: str) -> None:
    """Step through the class box at the top with the arrow keys, as a teacher does."""
    window.reload_classes()
    choose_by_keyboard(window.class_combo, name)
    finish_jobs()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_many_needs_show_the_most_urgent_few_per_student_and_say_where_the_rest_is(make_window, language):
    window = make_window(language=language)
    window.resize(1366, 768)
    pick_class_by_keyboard(window, struggling_class(window.context.store))
    page = window.open_page("dashboard")
    finish_jobs()
    spin(50)
    insights, model, view = page.insights, page.help_model, page.help_view
    every = insights.needs_help
    assert len(every) > 2 * HELP_LISTED, "the class needs help with far more than a teacher reads"
    assert {h.student_id for h in every} == set(insights.mastery.students)

    rows = [model.row_payload(r) for r in range(model.rowCount())]
    assert 0 < len(rows) <= HELP_LISTED, "a bounded list, not every need"
    assert rows[0] == every[0], "the most urgent need of the class comes first"
    students = [h.student_id for h in rows]
    assert all(students.count(s) <= HELP_PER_STUDENT for s in students), "a few lines per student"
    firsts = list(dict.fromkeys(students))
    assert students == sorted(students, key=firsts.index), "each student's lines are together"
    for student in firsts:  # each student's lines are their most urgent needs
        theirs = [h for h in every if h.student_id == student]
        assert [h for h in rows if h.student_id == student] == theirs[:students.count(student)]
    urgency = {s: max(h.urgency for h in rows if h.student_id == s) for s in firsts}
    assert [urgency[s] for s in firsts] == sorted(urgency.values(), reverse=True), "most urgent students first"

    more = page.help_more
    assert more.isVisible()
    assert MORE_LINE[language] in more.text()
    assert str(len(every) - len(rows)) in more.text() and str(STUDENTS) in more.text()
    if language == "zh_CN":
        assert "more" not in more.text()

    names = {h.student_id: insights.student_names[h.student_id] for h in rows}
    assert [model.rows[r][0] for r in range(len(rows))] == [names[h.student_id] for h in rows]
    for row in range(model.rowCount()):  # every reason is shown whole, wrapped in its cell
        assert view.rowHeight(row) >= wrapped_height(view, row, 2), f"row {row} is cut"
    # the list has the page's width (review 24: beside the groups its reasons wrapped word by word)
    assert view.rowHeight(0) < view.fontMetrics().height() * 1.5, "a reason reads in one line"


def test_leaving_the_dashboard_measures_none_of_its_hidden_tables(make_window, monkeypatch):
    from desktop.main_window import PAGES
    from desktop.views.base import RowsModel

    watched: set[int] = set()
    asked: list[int] = []
    data = RowsModel.data

    def counted(self, index, role=Qt.ItemDataRole.DisplayRole):
        if id(self) in watched:
            asked.append(role)
        return data(self, index, role)

    monkeypatch.setattr(RowsModel, "data", counted)  # before the models exist: Qt looks the method up once
    window = make_window()
    window.resize(1366, 768)
    window.show()
    page = window.open_page("dashboard")
    finish_jobs()
    spin(100)
    assert page.missed_model.rowCount() > 0 and page.help_model.rowCount() > 0
    watched.update({id(page.help_model), id(page.groups_model), id(page.missed_model)})
    page.missed_view.grab()
    assert asked, "drawing the table asks its model"

    def click(key: str) -> None:
        nav = window.nav
        item = nav.item([k for k, *_ in PAGES].index(key))
        QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center())
        finish_jobs()
        spin(200)
        assert window.current_key() == key

    for there in ("classes", "student", "classes"):
        asked.clear()
        click(there)
        assert asked == [], f"leaving for {there}: the hidden dashboard's tables were asked {len(asked)} times"
        click("dashboard")
        assert asked, "the dashboard's tables are measured when it shows again"


def test_a_long_wrapping_table_measures_the_rows_in_view_and_those_scrolled_to(app):
    from PySide6.QtWidgets import QWidget, QVBoxLayout

    from desktop.views.base import FIT_ROWS, RowsModel, table_view

    model = RowsModel(["Line", "Check"])
    text = "this reason is long enough to wrap onto three lines in a narrow column of the table " * 2
    model.set_rows([[n, f"{n}: {text}"] for n in range(FIT_ROWS * 3)])
    holder = QWidget()
    QVBoxLayout(holder).addWidget(view := table_view(model, stretch_column=1, wrap=True))
    holder.resize(420, 400)
    holder.show()
    spin(100)

    def whole(row: int) -> bool:
        return view.rowHeight(row) >= wrapped_height(view, row, 1) > view.fontMetrics().height() * 2

    in_view = [r for r in range(model.rowCount()) if view.rowViewportPosition(r) < view.viewport().height() and view.rowViewportPosition(r) >= 0]
    assert in_view and all(whole(r) for r in in_view), "the rows on screen show their text whole"
    assert len(view.row_heights.measured) < FIT_ROWS, "not every row of a long table is measured at once"
    view.scrollToBottom()
    spin(100)
    last = model.rowCount() - 1
    assert whole(last), "the rows scrolled to are measured too"
    holder.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_class_nobody_needs_help_in_says_so_instead_of_an_empty_table(make_window, language):
    """Review 22c: after a first quiz the table was empty with no word, which reads like a screen that did not load."""
    window = make_window(language=language)
    store = window.context.store
    class_id = store.create_class("Year 3 Green")
    for name in ("Amy", "Ben"):
        store.add_student(class_id, name)
    pick_class_by_keyboard(window, "Year 3 Green")
    page = window.open_page("dashboard")
    finish_jobs()
    spin(50)
    assert page.help_model.rowCount() == 0
    assert page.help_more.isVisible()
    assert ("Nobody needs help right now" in page.help_more.text()) if language == "en" else ("现在没有人需要帮助" in page.help_more.text())


def test_a_double_click_on_a_line_opens_that_students_page(make_window):
    """Review 29a: the heat map's names opened a student's page; the lines of "Needs help now" opened nothing."""
    window = make_window()
    window.resize(1366, 768)
    pick_class_by_keyboard(window, struggling_class(window.context.store))
    page = window.open_page("dashboard")
    finish_jobs()
    spin(50)
    view, row = page.help_view, 3
    need = page.help_model.row_payload(row)
    centre = view.visualRect(page.help_model.index(row, 1)).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a double click: press, release, press again
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    finish_jobs()
    assert window.current_key() == "student"
    assert str(window.open_page("student").overview.student.id) == str(need.student_id)


def by_skill_rows(page) -> list[list[str]]:
    model = page.help_skill_model
    return [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_needs_help_skill_by_skill_counts_every_child_and_follows_the_group_shown(make_window, language):
    """35d #5: a teacher deciding what to teach again reads how many children need help with each skill, and who."""
    from desktop.i18n import listing
    from engine.adapt.mastery import NEEDS_HELP
    from engine.classroom import Changes

    window = make_window(language=language)
    window.resize(1366, 768)
    page = window.open_page("dashboard")
    finish_jobs()
    spin(50)
    insights = page.insights
    names, skills, table = insights.student_names, insights.skill_names, insights.mastery
    rows = by_skill_rows(page)
    assert rows, "the demo class has children who need help"
    counts = [int(count) for _, count, _ in rows]
    assert counts == sorted(counts, reverse=True), "the skill most children need help with comes first"
    shown = {skill: who for skill, _, who in rows}
    for skill in table.skills:  # every child the heat map calls "needs help" is counted on that skill, in the class list's order
        needing = [s for s in table.students if table.cells[s][skill].status == NEEDS_HELP]
        if needing:
            who = as_typed(shown[skills[skill]])
            assert all(names[s] in who for s in needing)
    for skill, count, who in rows:
        assert who.count(listing(["", ""])) == int(count) - 1, "the count is the names listed"
    assert sum(counts) == len({(h.student_id, h.skill_id) for h in insights.needs_help}), "the per-child list's needs, all of them"

    store, class_id = window.context.store, window.context.class_id
    few = [s for s in table.students if any(h.student_id == s for h in insights.needs_help)][:2]
    store.create_group(class_id, "Table 1", [int(s) for s in few])
    window.context.changed(Changes(groups=True))  # as Classes & students does when a group is saved
    finish_jobs()
    choose_by_keyboard(page.group_filter, "Table 1")
    finish_jobs()
    spin(50)
    kept = [names[s] for s in few]
    for _, count, who in by_skill_rows(page):
        assert set(as_typed(who).split(listing(["", ""]))) <= set(kept), "only the group's children"


def test_the_dashboard_s_short_tables_are_as_tall_as_their_rows_and_the_page_scrolls(make_window):
    """Review 48b: Suggested groups, Most-missed exercises, skill by skill and the practice focus list each had a scroll
    bar of their own inside the scrolling page (the wheel was caught by whichever was under the pointer)."""
    window = make_window()
    window.resize(1366, 698)
    page = window.open_page("dashboard")
    finish_jobs()
    spin(100)
    views = {name: getattr(page, name) for name in ("groups_view", "missed_view", "help_skill_view", "focus_skills")}
    assert all(view.model().rowCount() >= 3 for view in views.values()), {n: v.model().rowCount() for n, v in views.items()}
    assert {name: view.verticalScrollBar().maximum() for name, view in views.items()} == dict.fromkeys(views, 0)
    last = page.missed_view.model().rowCount() - 1
    assert page.missed_view.visualRect(page.missed_view.model().index(last, 0)).bottom() < page.missed_view.viewport().height()
