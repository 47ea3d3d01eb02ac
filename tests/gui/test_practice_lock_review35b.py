"""Review 35b: a child in practice mode reaches nothing of the teacher's, and text from other people's files (a class
list, a pack, a typed answer) is shown as typed, never rendered as HTML."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QImage, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from tests.gui.conftest import finish_jobs, switch_to_new_class
from tests.gui.dialogs import DialogAnswers, press, spin, then, type_text
from tests.gui.test_found_in_use import click, click_nav
from tests.gui.test_practice import answer, disk_full, start, tap_name


def _tall_picture(folder) -> str:
    path = folder / "tall.png"
    picture = QImage(8, 400, QImage.Format.Format_RGB32)
    picture.fill(0)
    picture.save(str(path))
    return str(path)


def _labels_showing(window, text: str) -> list[QLabel]:
    return [label for label in window.findChildren(QLabel) if label.isVisible() and text in label.text()]


def test_a_name_and_a_question_that_look_like_html_are_shown_as_typed(make_window, tmp_path):
    """A name such as <img src="/dev/zero"> (from a class list) read /dev/zero until memory ran out, at every start on
    the student page. Here the picture is a harmless 400-pixel-tall one: rendered, the label would be that tall."""
    window = make_window(demo=False)
    store = window.context.store
    name = f'<img src="{_tall_picture(tmp_path)}">Ana'
    prompt = f'Half of 10 is? <img src="{_tall_picture(tmp_path)}">'
    switch_to_new_class(window, "4C", students=(name, "Ben"))
    skill = store.add_skill("Halves")
    store.add_exercise(prompt, "numeric", "5", skills=[skill])
    page = start(window, length=1)
    tap_name(page, 0)
    greeting = _labels_showing(window, name)
    assert greeting and page.prompt.text() == prompt and page.prompt.isVisible()
    for label in greeting:
        assert label.textFormat() == Qt.TextFormat.PlainText and label.sizeHint().height() < 200, label.text()
    assert page.prompt.sizeHint().height() < 400, "the picture (400 px) not drawn: the question is laid out as text"
    answer(page, right=True)
    window.pages["practice"].leave_practice("owl-42")
    student = window.open_page("student")
    finish_jobs()
    shown = _labels_showing(window, name)
    assert shown and all(label.sizeHint().height() < 200 for label in shown)
    assert student.isVisible()
    dashboard = window.open_page("dashboard")  # review 35c: the heat map's tooltip still drew the picture
    finish_jobs()
    row = dashboard.heatmap.rows.index(name)
    document = QTextDocument()
    document.setHtml(dashboard.heatmap.tooltip_for(row, 0))
    assert document.toPlainText().startswith(name)


def test_the_next_child_cannot_bring_back_the_last_childs_typed_answer_with_undo(make_window):
    window = make_window(demo=False)
    store = window.context.store
    switch_to_new_class(window, "4C", students=("Ana", "Ben"))
    skill = store.add_skill("Writing")
    store.add_exercise("Write a word that rhymes with cat.", "short_text", "hat", skills=[skill])
    store.add_exercise("Write a word that rhymes with dog.", "short_text", "log", skills=[skill])
    page = start(window, length=1)
    tap_name(page, 0)
    QTest.keyClicks(page.answer_edit, "my big brother hits me")
    QTest.keyClick(page.answer_edit, Qt.Key.Key_Return)
    click(page.done_button)
    click(page.next_student_button)
    tap_name(page, 1)
    QTest.keyClick(page.answer_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.answer_edit.text() == ""


def test_practice_mode_shows_the_practice_screen_even_if_the_teacher_moved_on_while_it_got_ready(make_window):
    from desktop import security

    window = make_window()
    security.set_teacher_password(window.context.store, "owl-42")
    page = window.open_page("practice")
    click(page.start_button)  # "Getting practice ready…" runs in the background
    click_nav(window, "classes")  # the teacher clicks another screen meanwhile
    finish_jobs()
    assert window.context.practice_locked and window.stack.currentWidget() is page


def test_the_practice_window_fills_the_screen_and_comes_back_when_minimised(make_window):
    window = make_window()
    window.showNormal()
    page = start(window)
    assert window.isFullScreen()
    window.showMinimized()  # the title bar's button, a desktop key, the task bar
    spin(100)
    assert not window.isMinimized() and window.isFullScreen()
    assert page.leave_practice("owl-42")
    assert not window.isFullScreen()  # the teacher's window as it was


def test_a_right_click_on_the_menu_bar_does_not_bring_back_the_class_toolbar(make_window):
    window = make_window()
    start(window)
    bar = window.menuBar()
    where = QPoint(bar.width() - 20, bar.height() // 2)
    QApplication.sendEvent(bar, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, bar.mapToGlobal(where)))
    spin(100)
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    for menu in menus:
        for action in menu.actions():
            action.trigger()
        menu.close()
    assert not window.toolbar.isVisible()


def test_closing_the_app_in_practice_mode_tells_of_answers_not_saved(make_window, monkeypatch, real_dialogs):
    window = make_window()
    page = start(window)
    tap_name(page)
    with disk_full(monkeypatch):
        answer(page, right=True)
    seen = DialogAnswers().expect(type_text("owl-42"), press("OK"))
    window.close()
    spin(300)
    _, warning = seen.finish()
    assert not window.isVisible()
    assert warning.title == "Answers not saved" and "could not be saved (1 in all)" in warning.text


def test_a_tooltip_quoting_data_reads_as_typed(app):
    """Tooltips (a typed answer on the marking screen, a long cell, a class name) render rich text too: tip() escapes."""
    from PySide6.QtGui import QTextDocument

    from desktop.plain_text import tip

    document = QTextDocument()
    document.setHtml(tip('<img src="/dev/zero">Ana\n<b>Ben</b>'))
    assert document.toPlainText() == '<img src="/dev/zero">Ana\n<b>Ben</b>'


def test_choosing_another_class_while_practice_gets_ready_does_not_lock_on_the_wrong_names(make_window):
    """Review 35c: the first class's names came up, and a child's tap on one did nothing (that student is not in the
    class now chosen)."""
    from desktop import security
    from engine.classroom import Changes
    from tests.gui.test_family_letter import choose

    window = make_window()
    store, first = window.context.store, window.context.class_id
    security.set_teacher_password(store, "owl-42")
    other = store.create_class("5A")
    store.add_student(other, "Zoe")
    window.context.changed(Changes(classes=True))
    page = window.open_page("practice")
    click(page.start_button)
    choose(window.class_combo, other)  # before "Getting practice ready…" ends
    finish_jobs()
    assert not window.context.practice_locked and window.context.class_id == other and first != other
    click(page.start_button)  # pressed again: this class's names
    finish_jobs()
    assert window.context.practice_locked and [page.name_list.item(i).text() for i in range(page.name_list.count())] == ["Zoe"]


def _tooltip_after_hovering(widget, where: QPoint) -> str:
    """Hover ``widget`` at ``where`` as the mouse does (a tooltip event) and return the tooltip then shown, as plain text;
    fails when the tooltip was laid out as HTML (the 400-pixel picture drawn)."""
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    QToolTip.hideText()
    spin(50)
    QTest.mouseMove(widget, where)
    QApplication.sendEvent(widget, QHelpEvent(QHelpEvent.Type.ToolTip, where, widget.mapToGlobal(where)))
    spin(50)
    shown = [w for w in QApplication.topLevelWidgets() if w.metaObject().className() == "QTipLabel" and w.isVisible()]
    assert shown, "no tooltip"
    label = shown[0]
    assert label.sizeHint().height() < 200, "the name's picture was drawn: the tooltip read it as HTML"
    document = QTextDocument()
    document.setHtml(label.text()) if label.textFormat() != Qt.TextFormat.PlainText else document.setPlainText(label.text())
    return document.toPlainText()


def test_a_long_name_that_looks_like_html_is_shown_as_typed_in_every_tooltip(make_window, tmp_path, monkeypatch):
    """Review 46b: the quiz grid's row header, a practice name tile and the heat map's cut name showed the whole name
    as HTML: <img src=…> read any file (a named pipe froze the app), on the practice seat too."""
    window = make_window(demo=False)
    window.resize(1366, 768)
    _tall_picture(tmp_path)
    monkeypatch.chdir(tmp_path)  # the picture by a short path: a name has at most 120 characters
    name = '<img src="tall.png">Anastasia Maximiliana Konstantinopoulou-Papadimitriou'
    switch_to_new_class(window, "4C", students=(name, "Ben"))
    store = window.context.store
    skill = store.add_skill("Halves")
    exercise = store.add_exercise("Half of 10 is?", "numeric", "5", skills=[skill])
    store.record_response(store.list_students(window.context.class_id)[0].id, exercise, 1.0, source="paper")

    quiz = window.open_page("quiz")
    quiz.create_quiz("Halves", [exercise])
    header = quiz.grid.verticalHeader()
    row = next(r for r in range(quiz.grid.model().rowCount()) if name in str(quiz.grid.model().headerData(
        r, Qt.Orientation.Vertical)))
    where = QPoint(header.width() // 2, header.sectionViewportPosition(row) + header.sectionSize(row) // 2)
    assert _tooltip_after_hovering(header.viewport(), where) == name

    dashboard = window.open_page("dashboard")
    finish_jobs()
    heatmap = dashboard.heatmap
    row = heatmap.rows.index(name)
    assert heatmap.shown_rows()[row] != name, "cut short on the heat map"
    left, top = heatmap._margins()
    where = QPoint(left // 2, int(top + (row + 0.5) * heatmap.cell.height()))
    assert heatmap.row_at(where.x(), where.y()) == row
    assert _tooltip_after_hovering(heatmap, where) == name

    page = start(window)
    tiles = page.name_list
    item = next(tiles.item(r) for r in range(tiles.count()) if tiles.item(r).toolTip())
    assert _tooltip_after_hovering(tiles.viewport(), tiles.visualItemRect(item).center()) == name


def test_ok_on_an_empty_new_password_asks_again_with_the_rule(make_window, real_dialogs):
    """Review 47a: Start with no teacher password yet; OK on the empty field closed the prompt and practice did not
    start, without a word."""
    window = make_window(language="zh_CN")
    page = window.open_page("practice")
    seen = []
    answers = DialogAnswers().expect(press("确定"), then(lambda d: seen.append(d.findChild(QLabel).text()), press("取消")))
    click(page.start_button)
    answers.finish()
    finish_jobs()
    assert "至少" in seen[0], seen
    assert not window.context.practice_locked
