"""Import answers (CSV) asks before it adds students or exercises (review 22b, finding 1), in English and Chinese.

The teacher presses the real button; the file chooser alone is patched to give
the file. The question is the real dialog, answered with its real buttons:
Cancel (the default when the file would add a student) adds nothing, "Add them
and import" adds. A child already in the class is found by name, not added twice.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from engine.classroom import Changes
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press

LEFT = Qt.MouseButton.LeftButton
WORDS = {
    "en": {"cancel": "Cancel", "add": "Add them and import", "new": "New students (2): Chen Mei, Student 782760",
           "found": "Found by name: Aiko V.", "done": "3 answers imported; 2 new students and 1 new exercise were added.", "unnamed": "Student 782760"},
    "zh_CN": {"cancel": "取消", "add": "添加并导入", "new": "新学生（2 名）：Chen Mei、学生 782760",
              "found": "按姓名找到：Aiko V.", "done": "已导入 3 条作答；添加了 2 名新学生、1 道新练习。", "unnamed": "学生 782760"},
}


def press_import_answers(page, monkeypatch, log, *steps) -> list:
    """Press "Import answers (CSV)…" with ``log`` chosen in the file dialog; answer the dialogs with ``steps``."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(log), "")))
    answers = DialogAnswers().expect(*steps)
    QTest.mouseClick(page.import_answers_button, LEFT)
    finish_jobs()
    return answers.finish()


def press_enter_on_default(seen: list[str]):
    """Note the dialog's default button, then press Enter (which presses it)."""

    def step(box) -> None:
        seen.append(box.defaultButton().text())
        QTest.keyClick(box, Qt.Key.Key_Return)

    return step


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_import_answers_asks_before_adding_a_student(make_window, tmp_path, monkeypatch, real_dialogs, language):
    words = WORDS[language]
    window = make_window(demo=False, language=language)
    store = window.context.store
    class_id = store.create_class("5A")
    aiko = store.add_student(class_id, "Aiko V.")
    window.context.changed(Changes(classes=True))
    page = window.open_page("classes")
    log = tmp_path / "other-tool.csv"
    log.write_text("student_id,student_name,item_id,skill_ids,correct,position\n"
                   "x1,aiko v.,q1,add,1,0\nn2,Chen Mei,q1,add,0,0\n782760,,q1,add,1,0\n", encoding="utf-8")
    before = store.counts()

    defaults: list[str] = []
    [asked] = press_import_answers(page, monkeypatch, log, press_enter_on_default(defaults))
    assert defaults == [words["cancel"]], "Cancel is the default when the file would add students"
    assert words["new"] in asked.text and words["found"] in asked.text, asked.text
    assert store.counts() == before, "Cancel added nothing"
    assert store.get_student(aiko).external_id is None

    answers = DialogAnswers().expect(press(words["add"]), lambda box: QTest.keyClick(box, Qt.Key.Key_Return))
    QTest.mouseClick(page.import_answers_button, LEFT)
    finish_jobs()
    asked, told = answers.finish()
    assert told.text == words["done"]
    assert sorted(s.name for s in store.list_students(class_id)) == sorted(["Aiko V.", "Chen Mei", words["unnamed"]])
    assert store.get_student(aiko).external_id == "x1", "Aiko was found by name, not added a second time"
    assert len(store.class_log(class_id)) == 3
    assert page.students_model.rowCount() == 3


@pytest.mark.parametrize("language, listed", [("en", "New students (2): Wang Wei (s1), Wang Wei (s2)"),
                                              ("zh_CN", "新学生（2 名）：Wang Wei (s1)、Wang Wei (s2)")])
def test_two_new_children_of_one_name_are_told_apart_in_the_question_and_the_class(make_window, tmp_path, monkeypatch,
                                                                                   real_dialogs, language, listed):
    window = make_window(demo=False, language=language)
    store = window.context.store
    class_id = store.create_class("5A")
    window.context.changed(Changes(classes=True))
    page = window.open_page("classes")
    log = tmp_path / "two-wang-wei.csv"
    log.write_text("student_id,student_name,item_id,skill_ids,correct,position\n"
                   "s1,Wang Wei,q1,add,1,0\ns2,Wang Wei,q1,add,0,0\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(log), "")))
    answers = DialogAnswers().expect(press(WORDS[language]["add"]), lambda box: QTest.keyClick(box, Qt.Key.Key_Return))
    QTest.mouseClick(page.import_answers_button, LEFT)
    finish_jobs()
    asked, _ = answers.finish()
    assert listed in asked.text, asked.text
    assert sorted(s.name for s in store.list_students(class_id)) == ["Wang Wei (s1)", "Wang Wei (s2)"]
    assert page.students_model.rowCount() == 2


def test_a_broken_answers_file_names_its_line_in_chinese(make_window, tmp_path, monkeypatch):
    """Review 22b, finding 2: "…/ans-broken.csv, line 2：…" kept the English "line 2"."""
    from desktop.workers import shown_errors

    window = make_window(demo=False, language="zh_CN")
    store = window.context.store
    store.create_class("5A")
    window.context.changed(Changes(classes=True))
    page = window.open_page("classes")
    log = tmp_path / "ans-broken.csv"
    log.write_text("student_id,item_id,skill_ids,correct\ns1,q1,add,yes\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(log), "")))
    QTest.mouseClick(page.import_answers_button, LEFT)
    finish_jobs()
    [message] = shown_errors()
    assert message == f"{log}，第 2 行：correct 必须是 1 或 0，而不是“yes”。"
    assert store.counts()["responses"] == 0 and store.counts()["students"] == 0


@pytest.mark.parametrize("language, expected", [
    ("en", "exercise 3 of the pack (“{start}”) is of a kind Lamplight does not have ('essay'); an exercise is multiple "
           "choice, a number, a short text or marked by the teacher."),
    ("zh_CN", "题包的第 3 道练习（“{start}”）的题型是 Lamplight 没有的（“essay”）；练习只能是选择题、数字题、填空题或教师批改的题。"),
])
def test_a_pack_with_an_unknown_exercise_kind_is_refused_in_plain_words(app, tmp_path, language, expected):
    """Review 22b, finding 3: "$.exercises[3]: Unknown exercise kind 'essay' (use one of: multiple_choice, …)"."""
    import json

    from desktop.engine_texts import teacher_text
    from desktop.i18n import install_language
    from engine.errors import LamplightError
    from engine.store.importers import load_pack
    from engine.store.starter_pack import starter_pack_path

    pack = load_pack(starter_pack_path())
    pack["exercises"][2]["kind"] = "essay"
    path = tmp_path / "badkind.json"
    path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    from engine.store import Store
    from engine.store.importers import exercise_fields, import_pack, pack_language

    prompt = str(exercise_fields(pack["exercises"][2], pack_language(pack))[0]["prompt"])
    start = prompt if len(prompt) <= 40 else prompt[:40] + "…"
    with Store.open(tmp_path / "data") as store, pytest.raises(LamplightError) as refused:
        import_pack(store, path)
    install_language(app, language)
    try:
        separator = "：" if language == "zh_CN" else ": "
        assert teacher_text(str(refused.value)) == f"{path}{separator}" + expected.format(start=start)
    finally:
        install_language(app, "en")


def test_small_wording_fixes_of_review_22b(make_window):
    """Finding 4: "it has only 1 characters"; the zh first-pick note says 你 (the app says 您); "✗ 错?" with an ASCII "?"."""
    from PySide6.QtCore import QCoreApplication

    from engine.security.passwords import MIN_ENCRYPTION_PASSWORD_LENGTH

    settings = make_window(demo=False).open_page("settings")
    assert settings.weakness_in_words("a") == f"it has only 1 character, and at least {MIN_ENCRYPTION_PASSWORD_LENGTH} are needed"
    assert settings.weakness_in_words("ab").startswith("it has only 2 characters")

    make_window(demo=False, language="zh_CN")
    translate = QCoreApplication.translate
    assert translate("MarkingPage", "{mark}?", "a suggested mark, not yet given").format(mark=translate("MarkingPage", "✗ wrong")) == "✗ 错？"
    note = translate("NewQuizDialog", "A first pick, from the answers alone. Lamplight is getting to know this class's exercises "
                     "(once per class) and will improve the pick in a moment; you can already change the ticks or press OK.")
    assert "您现在就可以" in note and "你" not in note.replace("您", "")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_name_two_students_share_is_not_guessed(make_window, tmp_path, monkeypatch, real_dialogs, language):
    """Two children called "Sam Lee": the import says so and adds nothing (the teacher renames one first)."""
    window = make_window(demo=False, language=language)
    store = window.context.store
    class_id = store.create_class("5A")
    store.add_student(class_id, "Sam Lee")
    store.add_student(class_id, "Sam  lee")
    window.context.changed(Changes(classes=True))
    page = window.open_page("classes")
    log = tmp_path / "other-tool.csv"
    log.write_text("student_id,student_name,item_id,skill_ids,correct\n7,Sam Lee,q1,add,1\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(log), "")))
    before = store.counts()
    answers = DialogAnswers().expect(lambda box: QTest.keyClick(box, Qt.Key.Key_Return))
    QTest.mouseClick(page.import_answers_button, LEFT)
    finish_jobs()
    [told] = answers.finish()
    expected = ("Nothing was imported. 2 students of the class are called 'Sam Lee' (id '7' in the file); give them "
                "different names, then import again." if language == "en" else
                "没有导入任何内容。本班有 2 名学生都叫“Sam Lee”（文件中的编号是“7”）；请先给他们起不同的名字，再导入。")
    assert told.text == expected
    assert store.counts() == before


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_answers_whose_student_numbers_the_file_gives_to_other_names_are_asked_about(make_window, tmp_path, monkeypatch,
                                                                                      real_dialogs, language):
    """Review 27: a file from another tool with 1 = Zhang Wei put Zhang Wei's answers on the class's 1 (安娜) unasked."""
    cancel, go = {"en": ("Cancel", "Import them for the class's students"), "zh_CN": ("取消", "仍然导入给本班的这些学生")}[language]
    window = make_window(demo=False, language=language)
    store = window.context.store
    class_id = store.create_class("5A")
    anna = store.add_student(class_id, "安娜", external_id="1")
    store.add_student(class_id, "王小明", external_id="2")
    store.add_student(class_id, "Wang Wei (s3)", external_id="3")
    window.context.changed(Changes(classes=True))
    page = window.open_page("classes")
    log = tmp_path / "other-tool.csv"
    log.write_text("student_id,student_name,item_id,skill_ids,correct,position\n"
                   "1,Zhang Wei,q1,add,1,0\n2,王小明,q1,add,0,0\n3,Wang Wei,q1,add,1,0\n", encoding="utf-8")
    before = store.counts()

    defaults: list[str] = []
    [asked] = press_import_answers(page, monkeypatch, log, press_enter_on_default(defaults))
    assert defaults == [cancel], "Cancel is the default"
    assert "Zhang Wei" in asked.text and "安娜" in asked.text, asked.text
    assert "王小明" not in asked.text and "Wang Wei" not in asked.text, "the same name, or the import's (s3), is no other name"
    assert store.counts() == before, "Cancel imported nothing"

    add = WORDS[language]["add"]  # the file's exercise is new to the bank: that question follows
    press_import_answers(page, monkeypatch, log, press(go), press(add), lambda box: QTest.keyClick(box, Qt.Key.Key_Return))
    assert len(store.class_log(class_id)) == 3 and store.get_student(anna).name == "安娜"


def test_a_skill_the_bank_has_by_name_is_not_added_again_and_new_ones_are_named(make_window, tmp_path, monkeypatch,
                                                                               real_dialogs):
    """Review 38a: a log naming "Counting" added a second skill "Counting" beside the bank's (id counting), unsaid."""
    window = make_window(demo=False)
    store = window.context.store
    class_id = store.create_class("5A")
    store.add_student(class_id, "Aiko V.", external_id="k1")
    store.add_skill("Counting", skill_id="counting")
    window.context.changed(Changes(classes=True))
    page = window.open_page("classes")
    log = tmp_path / "other-tool.csv"
    log.write_text("student_id,item_id,skill_ids,correct,position\nk1,q1,Counting,1,1\nk1,q2,Place value,0,2\n"
                   "k1,q3,place  VALUE,1,3\n", encoding="utf-8")  # review 38c: one skill twice in a file made two
    asked, _ = press_import_answers(page, monkeypatch, log, press("Add them and import"),
                                    lambda box: QTest.keyClick(box, Qt.Key.Key_Return))
    assert "New skills (1): Place value" in asked.text, asked.text
    names = sorted(store.skill_names().values())
    assert names == ["Counting", "Place value"], names
    first = next(e for e in store.list_exercises() if e.key == "q1")
    assert first.skills == ("counting",)
    third = next(e for e in store.list_exercises() if e.key == "q3")
    assert third.skills == next(e for e in store.list_exercises() if e.key == "q2").skills
