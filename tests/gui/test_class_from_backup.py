"""Classes → "Add a class from a backup…": one class from a colleague's backup file comes in, nothing here is replaced,
pressed and answered as a teacher does (the file chooser is patched; every other dialog is the real one)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.workers import shown_errors
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press, spin, then
from tests.gui.test_carried_backups import answer_choosers, click
from tests.store.test_backup import table_rows
from tests.store.test_class_transfer import colleague_backup

LEFT = Qt.MouseButton.LeftButton


def pick_row(row: int):
    def step(dialog) -> None:
        rect = dialog.class_list.visualItemRect(dialog.class_list.item(row))
        QTest.mouseClick(dialog.class_list.viewport(), LEFT, pos=rect.center())
        spin(20)
    return step


def name_it(name: str):
    def step(dialog) -> None:
        field = dialog.name_field
        field.setFocus()
        QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(field, name)
    return step


def look(seen: dict, key: str):
    def step(dialog) -> None:
        seen[key] = (dialog.name_field.text(), dialog.problem.text(), dialog.same_note.text(),
                     [dialog.class_list.item(r).text() for r in range(dialog.class_list.count())])
    return step


def press_add_class(page, monkeypatch, backup, *steps):
    answer_choosers(monkeypatch, file=backup)
    answers = DialogAnswers().expect(*steps)
    click(page.from_backup_button)
    finish_jobs()
    seen = answers.finish()
    finish_jobs()
    return seen


def test_a_colleague_s_class_comes_in_under_a_free_name_and_is_shown(make_window, real_dialogs, monkeypatch, tmp_path):
    backup, _ = colleague_backup(tmp_path / "colleague", tmp_path)
    window = make_window(demo=False)
    store = window.context.store
    store.create_class("5A")  # a class of that name is here already
    page = window.open_page("classes")
    before = {t: rows for t, rows in table_rows(store).items() if t not in ("kept_figures", "settings")}
    seen = {}
    told = press_add_class(page, monkeypatch, backup,
                           then(look(seen, "first"), name_it("5a"), press("Add class"), look(seen, "taken"),
                                name_it("5A from Ms Li"), press("Add class")),
                           press("OK"))
    assert seen["first"][0] == "5A (2)", "a name not taken here is offered"
    assert seen["first"][3] == ["5A: 3 students, 3 answers, 1 quiz, 1 to mark", "Other class: 0 students, 0 answers, 0 quizzes"]
    assert "taken already" in seen["taken"][1], "a taken name is refused in the dialog, the typing kept"
    assert told[-1].text.startswith("Class “5A from Ms Li” added: 3 students, 3 answers, 1 quiz.")
    assert "2 exercises this laptop did not have came with it." in told[-1].text  # it had neither
    assert "different on this laptop" not in told[-1].text
    added = store.find_class("5A from Ms Li")
    assert window.context.class_id == added.id and page.selected_class().id == added.id
    assert [page.students_model.index(r, 0).data() for r in range(page.students_model.rowCount())] == ["Ana", "Ben", "Chen"]
    after = table_rows(store)
    for table, rows in before.items():
        assert after[table][:len(rows)] == rows, f"{table}: something here changed"
    assert not shown_errors()


def test_cancel_adds_nothing_and_a_file_that_is_not_a_backup_is_refused(make_window, real_dialogs, monkeypatch, tmp_path):
    backup, _ = colleague_backup(tmp_path / "colleague", tmp_path)
    window = make_window(demo=False)
    store = window.context.store
    page = window.open_page("classes")
    before = table_rows(store)
    press_add_class(page, monkeypatch, backup, then(pick_row(1), press("Cancel")))
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("a shopping list")
    assert press_add_class(page, monkeypatch, notes) == []
    [refused] = shown_errors()
    assert refused.startswith("No class can be taken from this file"), refused
    assert "Nothing was changed." in refused
    assert table_rows(store) == before


def test_the_same_class_added_twice_is_named_before_it_is_doubled(make_window, real_dialogs, monkeypatch, tmp_path):
    backup, _ = colleague_backup(tmp_path / "colleague", tmp_path)
    window = make_window(demo=False)
    page = window.open_page("classes")
    press_add_class(page, monkeypatch, backup, press("Add class"), press("OK"))
    seen = {}
    press_add_class(page, monkeypatch, backup, then(look(seen, "again"), press("Cancel")))
    name, _problem, note, _rows = seen["again"]
    assert name == "5A (2)"
    assert note.startswith("“5A” on this laptop has the same students"), note


def test_the_same_class_added_before_under_another_name_is_named_too(make_window, real_dialogs, monkeypatch, tmp_path):
    """Review 34c: added as "5A (2)" beside another 5A, the same class added again was not named."""
    backup, _ = colleague_backup(tmp_path / "colleague", tmp_path)
    window = make_window(demo=False)
    window.context.store.create_class("5A")
    page = window.open_page("classes")
    press_add_class(page, monkeypatch, backup, press("Add class"), press("OK"))
    seen = {}
    press_add_class(page, monkeypatch, backup, then(look(seen, "again"), press("Cancel")))
    assert seen["again"][0] == "5A (3)"
    assert seen["again"][2].startswith("“5A (2)” on this laptop has the same students"), seen["again"][2]


def test_a_class_added_to_a_new_laptop_leaves_the_starter_exercises_to_add(make_window, real_dialogs, monkeypatch, tmp_path):
    """Review 36a: a class added on a new laptop brought the 32 starter exercises it had answered, and the button that
    adds the starter exercises was gone, so the bank stayed at 32."""
    from engine.store import Store
    from engine.store.importers import import_pack
    from engine.store.starter_pack import starter_pack_keys, starter_pack_path

    with Store.open(tmp_path / "colleague") as colleague:
        import_pack(colleague, starter_pack_path())
        class_id = colleague.create_class("3B")
        ana = colleague.add_student(class_id, "Ana")
        for exercise in colleague.list_exercises()[:5]:
            colleague.record_response(ana, exercise.id, 1.0, source="practice")
        backup = colleague.backup_now("manual")
    window = make_window(demo=False)
    store = window.context.store
    press_add_class(window.open_page("classes"), monkeypatch, backup, press("Add class"), press("OK"))
    assert len(store.list_exercises()) == 5
    bank = window.open_page("bank")
    finish_jobs()
    assert bank.starter_button.isVisible(), "the rest of the starter exercises can still be added"
    answers = DialogAnswers()
    click(bank.starter_button)
    finish_jobs()
    answers.finish()
    assert starter_pack_keys() <= {e.key for e in store.list_exercises()}
    finish_jobs()
    assert not bank.starter_button.isVisible()


def test_in_chinese_the_name_offered_and_typed_never_reads_as_a_class_here(make_window, real_dialogs, monkeypatch, tmp_path):
    """Review 44: the Chinese app offered "5A（2）" (full-width brackets) beside an English "5A (2)", and took it: two
    classes the picker showed alike."""
    from tests.gui.dialogs import type_keys

    backup, _ = colleague_backup(tmp_path / "colleague", tmp_path)
    window = make_window(demo=False, language="zh_CN")
    store = window.context.store
    store.create_class("5A")
    store.create_class("5A (2)")
    page = window.open_page("classes")
    seen = {}

    def retype(name: str):
        def step(dialog) -> None:
            field = dialog.name_field
            field.setFocus()
            QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            type_keys(field, name)
        return step

    press_add_class(page, monkeypatch, backup,
                    then(look(seen, "offered"), retype("5A（2）"), press("添加班级"), look(seen, "typed"), press("取消")))
    assert seen["offered"][0] == "5A（3）"
    assert seen["typed"][1] == "“5A（2）”已经有了：请换一个名字。", seen["typed"][1]
    assert [c.name for c in store.list_classes()] == ["5A", "5A (2)"]


def test_the_laptop_s_own_backups_are_offered_by_date_and_another_file_by_the_file_chooser(make_window, real_dialogs,
                                                                                            monkeypatch, tmp_path):
    """Review 48: the file chooser opened in the backup folder, whose names ("lamplight-20261207T213747123456Z-auto")
    a file dialog cuts and no teacher reads: the laptop's backups come as Settings lists them, newest first."""
    from desktop.views.classes import BackupClassDialog, OwnBackupDialog

    backup, _ = colleague_backup(tmp_path / "colleague", tmp_path)
    window = make_window()
    store = window.context.store
    older = store.backup_now("manual")
    newer = store.backup_now("auto")
    page = window.open_page("classes")
    seen = {}

    def look(dialog) -> None:
        seen["type"] = type(dialog)
        seen["rows"] = [dialog.backup_list.item(r).text() for r in range(dialog.backup_list.count())]

    def heading(dialog) -> None:
        seen["class_dialog"] = type(dialog)
        seen["heading"] = dialog.findChildren(type(dialog.same_note))[0].text()
        press("Cancel")(dialog)

    asked = answer_choosers(monkeypatch, file=backup)
    answers = DialogAnswers().expect(then(look, press("Open")), heading)
    click(page.from_backup_button)
    finish_jobs()
    answers.finish()
    settings = window.page("settings")
    assert seen["type"] is OwnBackupDialog and asked == [], "no file chooser for the laptop's own backup"
    assert seen["rows"][:2] == [settings.backup_label(str(newer)), settings.backup_label(str(older))]
    assert "(daily backup)" in seen["rows"][0] and "lamplight-" not in " ".join(seen["rows"])
    assert seen["class_dialog"] is BackupClassDialog and seen["heading"].startswith("The backup of ")
    answers = DialogAnswers().expect(press("Another file…"), heading)  # a colleague's file: the file chooser
    click(page.from_backup_button)
    finish_jobs()
    answers.finish()
    assert asked == ["Add a class from a backup…"] and "holds these classes" in seen["heading"]
    answers = DialogAnswers().expect(press("Cancel"))
    click(page.from_backup_button)
    finish_jobs()
    answers.finish()
    assert asked == ["Add a class from a backup…"], "Cancel: no file chooser either"


def test_a_child_deleted_here_is_named_and_left_out_of_a_class_from_a_usb_copy(make_window, real_dialogs, monkeypatch,
                                                                               tmp_path):
    """Review 50b: a child deleted on request came back, answers and all, through a USB copy of the class, unsaid."""
    import shutil

    from engine.security import data_rights

    window = make_window()
    store = window.context.store
    class_id = window.context.class_id
    [child, *_] = store.list_students(class_id)
    usb = tmp_path / "usb" / "lamplight-20261201T080000000000Z-manual.sqlite3"
    usb.parent.mkdir()
    shutil.copyfile(store.backup_now("manual"), usb)
    data_rights.delete_student_everywhere(store, child.id, purge_backups=True)
    page = window.open_page("classes")
    seen = {}
    told = press_add_class(page, monkeypatch, usb, press("Another file…"),
                           then(look(seen, "first"), name_it("Demo from the stick"), press("Add class")), press("OK"))
    assert f"left out, as deleted on this laptop: {child.name}" in seen["first"][3][0].replace("\xa0", " ")
    assert f"Left out, as they were deleted on this laptop: {child.name}" in told[-1].text.replace("\xa0", " ")
    added = store.find_class("Demo from the stick")
    assert child.name not in [s.name for s in store.list_students(added.id)]
