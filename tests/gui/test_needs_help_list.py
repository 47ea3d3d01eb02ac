"""The dashboard's "Needs help now" on a class where nearly everyone needs help with nearly everything:
the engine's short list (most urgent first, a few lines per student) and a line saying where the rest is."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine.classroom.api import HELP_LISTED, HELP_PER_STUDENT
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import spin

STUDENTS = 40
MORE_LINE = {"en": "more not listed here", "zh_CN": "未在此列出"}


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


def pick_class_by_keyboard(window, name: str) -> None:
    """Step through the class box at the top with the arrow keys, as a teacher does."""
    window.reload_classes()
    combo = window.class_combo
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == name:
            break
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == name
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
        reason = model.index(row, 2)
        assert view.rowHeight(row) >= view.sizeHintForIndex(reason).height() - 1, f"row {row} is cut"
    if language == "en":  # the English reasons are long enough to wrap at 1366 px (the Chinese ones fit one line)
        assert view.rowHeight(0) > view.fontMetrics().height() * 1.5, "the reason wraps onto more than one line"

