"""The engine's refusals reach a Chinese-speaking teacher in Chinese, values (file, line number) kept.

The engine writes English (it never imports Qt); desktop/engine_texts.py puts
each known sentence in the app's language where the app shows it. The files
are real broken files, the errors the engine's own, the buttons the real ones.
"""
from __future__ import annotations

import errno
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.engine_texts import teacher_text
from desktop.workers import shown_errors
from engine.classroom import Changes
from engine.errors import LamplightError
from tests.gui.conftest import finish_jobs

LEFT = Qt.MouseButton.LeftButton
BROKEN_QUOTE = 'name,group\nLi Na,A\nOmar,B\n"Zhang Wei,C\nMia,A\n'  # the quote opened on line 4 never closes


def pick_file(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def classes_page(window):
    store = window.context.store
    store.create_class("5A")
    window.context.changed(Changes(classes=True))
    return window.open_page("classes")


def test_a_broken_roster_is_refused_in_chinese_with_its_line_number(make_window, tmp_path, monkeypatch):
    from desktop.views.classes import RosterImportDialog

    window = make_window(demo=False, language="zh_CN")
    page = classes_page(window)
    roster = tmp_path / "名单.csv"
    roster.write_text(BROKEN_QUOTE, encoding="utf-8")
    pick_file(monkeypatch, roster)
    QTest.mouseClick(page.import_button, LEFT)
    finish_jobs()
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, RosterImportDialog) and w.isVisible()]
    text = dialog.summary.text()
    assert f"{roster}，第 4 行：这里开始的引号 \" 一直没有结束" in text, text
    assert "never closed" not in text
    dialog.reject()


def test_a_broken_answer_log_is_refused_in_chinese_with_its_line_number(make_window, tmp_path, monkeypatch):
    window = make_window(demo=False, language="zh_CN")
    page = classes_page(window)
    log = tmp_path / "answers.csv"
    log.write_text("student_id,item_id,skill_ids,correct\ns1,q1,add,1\ns2,q1,add,1,0,7\n", encoding="utf-8")
    pick_file(monkeypatch, log)
    QTest.mouseClick(page.import_answers_button, LEFT)
    finish_jobs()
    [message] = shown_errors()
    assert message == f"{log}，第 3 行：有 6 个字段，但标题行有 4 个（是否多了一个逗号、少了一个单元格，或者名字中含有逗号而需要加引号？）。"
    assert window.context.store.counts()["responses"] == 0


def test_a_file_that_is_not_a_backup_is_refused_in_chinese(make_window, tmp_path, monkeypatch):
    window = make_window(language="zh_CN")
    page = window.open_page("settings")
    bad = tmp_path / "marks.sqlite3"
    bad.write_bytes(b"name,score\nAda,3\n" * 300)
    pick_file(monkeypatch, bad)
    QTest.mouseClick(page.restore_file_button, LEFT)
    finish_jobs()
    [message] = shown_errors()
    assert f"{bad}：无法读取：文件已损坏，或者不是 Lamplight 文件。" in message, message
    assert "not a database" not in message and "readable" not in message


@pytest.mark.parametrize("damage", ["garbled", "not-utf8"])
def test_a_damaged_backup_is_refused_without_sqlites_words(make_window, tmp_path, monkeypatch, damage):
    """Review 25: the refusal ended with 'malformed database schema (...) - near ...: syntax error'.
    Review 26: when that message quoted a byte that is not UTF-8, the teacher saw 'UnicodeDecodeError'."""
    window = make_window()
    store = window.context.store
    backup = store.backup_now("manual")
    damaged = tmp_path / "damaged-backup.db"
    data = bytearray(backup.read_bytes())
    if damage == "garbled":
        schema = data.find(b"CREATE TABLE")
        data[schema:schema + 40] = b"\x07" * 40  # the table definitions garbled
    else:
        data[data.index(b" ON ", data.index(b"CREATE INDEX")) + 1] = 0xA7
    damaged.write_bytes(bytes(data))
    page = window.open_page("settings")
    pick_file(monkeypatch, damaged)
    QTest.mouseClick(page.restore_file_button, LEFT)
    finish_jobs()
    [message] = shown_errors()
    assert "it is damaged, or not a Lamplight file" in message or "the file is damaged" in message, message
    assert not any(word in message for word in ("malformed", "syntax error", "sqlite", "SQLITE", "Unicode")), message


@pytest.fixture
def chinese(app):
    from desktop.i18n import install_language

    assert install_language(app, "zh_CN") == "zh_CN"
    yield
    install_language(app, "en")


def engine_error(action) -> str:
    with pytest.raises(LamplightError) as caught:
        action()
    return str(caught.value)


def test_disk_full_permission_and_busy_messages_in_chinese(chinese, tmp_path):
    from engine.store.io_errors import explain

    target = tmp_path / "usb" / "lamplight.sqlite3"
    full = str(explain(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), target, "saving the backup"))
    assert teacher_text(full) == (f"磁盘已满：保存备份没有完成，也没有留下写了一半的文件（位置：{target}）。"
                                  "请在该磁盘上腾出一些空间（清空回收站，删除不再需要的大文件），然后再试一次。")
    denied = str(explain(PermissionError(errno.EACCES, "Permission denied"), target, "saving"))
    assert teacher_text(denied) == (f"Lamplight 不能在那里写入（位置：{target}）（没有权限）：保存没有完成。数据本身完好无损。"
                                    "请检查文件夹的权限或磁盘，然后再试一次。")


def test_wrong_password_and_too_short_password_in_chinese(chinese, tmp_path):
    from desktop import security
    from engine.security.passwords import MIN_PASSWORD_LENGTH, check_new_password
    from engine.store import Store

    with Store.open(tmp_path) as store:
        security.set_teacher_password(store, "owl-42-lamp")
        wrong = engine_error(lambda: security.set_teacher_password(store, "fox-99-lamp", old="guess"))
    short = engine_error(lambda: check_new_password("a"))
    assert teacher_text(wrong).startswith("这不是当前的教师密码，没有做任何改动。"), teacher_text(wrong)
    assert teacher_text(short) == f"教师密码至少要有 {MIN_PASSWORD_LENGTH} 个字符。"


def test_pack_and_backup_refusals_in_chinese_and_english_unchanged(app, tmp_path):
    from desktop.i18n import install_language
    from engine.store.backup import check_backup
    from engine.store.importers import load_pack

    pack = tmp_path / "pack.json"
    pack.write_text('{"format": "lamplight-pack",\n "version": 1,\n "skills": [}\n', encoding="utf-8")
    broken_pack = engine_error(lambda: load_pack(pack))
    missing = engine_error(lambda: check_backup(tmp_path / "gone.sqlite3"))
    assert teacher_text(broken_pack) == broken_pack and teacher_text(missing) == missing, "English stays as the engine wrote it"
    install_language(app, "zh_CN")
    try:
        assert teacher_text(broken_pack) == f"{pack}，第 3 行：文件在这里有错，无法读取（这里少了内容（或者前面多了一个逗号），或者文件在这里中断了）。", \
            teacher_text(broken_pack)  # the parser's reason in words too (review 22)
        assert teacher_text(missing) == f"{tmp_path / 'gone.sqlite3'}：没有这个备份文件。"
    finally:
        install_language(app, "en")


PACK_START = '{"format": "lamplight-pack", "version": 1, "id": "p", "skills": [{"id": "add", "name": "Adding"}], '


@pytest.mark.parametrize("rest, said", [
    ('"exercises": [{"id": "e1", "kind": "multiple_choice", "prompt": "1+1", "answer": "2", "choices": ["3", "4"]}]}',
     "，题包里的第 1 道练习：答案“2”不是“1+1”的选项之一。"),
    ('"exercises": [{"id": "e1", "kind": "numeric", "prompt": "1+1", "answer": "two-ish"}]}',
     "，题包里的第 1 道练习：数字题的答案“two-ish”不是数字：“1+1”。"),
    ('"exercises": [{"id": "e1", "kind": "numeric", "prompt": "1+1", "answer": "2", "skills": "add"}]}',
     "，题包里的第 1 道练习：知识点（skills）必须是知识点编号的列表。"),
    ('"exercises": [], "templates": [{"title": "T"}]}', "，题包里的第 1 个模板：模板缺少“id”。"),
    ('"exercises": 7}', "：$.exercises 必须是一个列表。"),
    # review 45b: "at difficulty 1: Template … found no values …" stayed English
    ('"exercises": [], "templates": [{"id": "t", "title": "T", "kind": "numeric", "skills": ["add"], "params": {"a": [[1, 2], '
     '[1, 2], [1, 2], [1, 2], [1, 2]]}, "where": ["a > 5"], "prompt": "{a}?", "answer": "{a}"}]}',
     "，题包里的第 1 个模板：难度 1：模板“t”在难度 1 下找不到满足其条件的数值。"),
    ('"exercises": [], "templates": [{"id": "t", "title": "T", "kind": "numeric", "skills": ["add"], "params": {"a": [[1, 2], '
     '[1, 2], [1, 2], [1, 2], [1, 2]]}, "prompt": "{a}?", "answer": "x{a}"}]}',
     "，题包里的第 1 个模板：难度 1：数字题模板的答案“x1”不是数字。"),
])
def test_a_packs_refusal_is_wholly_in_chinese(chinese, tmp_path, rest, said):
    """Review 29b: most of a pack's refusals stayed English in the Chinese app, with 0-based JSON paths."""
    from engine.store.importers import load_pack

    pack = tmp_path / "pack.json"
    pack.write_text(PACK_START + rest, encoding="utf-8")
    assert teacher_text(engine_error(lambda: load_pack(pack))) == f"{pack}{said}"


def test_background_jobs_say_what_they_do_in_chinese(chinese):
    """Review 26: sharing with the district showed "a few steps of meta-learning on this laptop" in the Chinese app."""
    from desktop.engine_texts import PROGRESS, progress_text

    assert progress_text("a few steps of meta-learning on this laptop") == "在这台电脑上做几步元学习"
    assert progress_text("importing: 1,200 rows read") == "导入中：已读 1,200 行"
    assert progress_text("importing: storing the answers") == "导入中：保存答案"
    assert progress_text("epoch 3/10 loss 0.214") == "epoch 3/10 loss 0.214"  # a model's own line: as it is
    assert all(progress_text(text.replace("{step}", "done").replace("{count}", "7").replace("{n}", "1").replace("{total}", "2"))
               != text.replace("{step}", "done").replace("{count}", "7").replace("{n}", "1").replace("{total}", "2")
               for text in PROGRESS), "every progress text has its Chinese"


@pytest.mark.parametrize("body, said", [
    ("姓名\n李华\n王\x00小明\n", "第 3 行：这一行含有空字节"),  # review 28e: the whole message was English
    ("姓名\n李华\n" + "王" * 200_000 + "\n", "第 3 行：一个单元格里有超过 131,072 个字符，这不是 CSV 表格。"),  # review 28e: "quotes"
    ("编号,性别\n1,男\n", "第 1 行：没有姓名列（第一行要有“姓名”“学生姓名”“名字”或“name”这样的列名"),  # review 29a
])
def test_a_roster_that_is_no_table_is_refused_wholly_in_chinese(make_window, tmp_path, monkeypatch, body, said):
    from desktop.views.classes import RosterImportDialog

    window = make_window(demo=False, language="zh_CN")
    page = classes_page(window)
    roster = tmp_path / "名单.csv"
    roster.write_bytes(body.encode("utf-8"))
    pick_file(monkeypatch, roster)
    QTest.mouseClick(page.import_button, LEFT)
    finish_jobs()
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, RosterImportDialog) and w.isVisible()]
    text = dialog.summary.text()
    assert f"{roster}，{said}" in text and "NUL" not in text and "quote" not in text, text
    dialog.reject()


def test_a_printout_that_cannot_be_written_is_said_in_chinese(chinese, tmp_path):
    """Review 29d: "cannot write …: the file cannot be created" stayed English (a USB stick pulled, a name too long)."""
    from desktop import pdf

    target = tmp_path / ("练习单" * 30 + ".pdf")  # 270 bytes: no file system takes the name
    message = engine_error(lambda: pdf.write_pdf(target, "练习单", [pdf.Section("", "", [pdf.Text("1 + 1 = ?")])]))
    assert teacher_text(message) == f"保存打印文件时磁盘报告了一个问题（位置：{target}）（文件名太长），没有做任何改动。"
    assert not list(tmp_path.iterdir()), "no half-written file is left"


def test_a_utf16_class_list_cut_short_is_refused_saying_so_in_chinese(chinese, tmp_path):
    """Review 30d: a cut UTF-16 file was told to be "not UTF-8" (UTF-16 is read since review 30a)."""
    from engine.csv_files import read_rows

    cut = tmp_path / "名单.txt"
    cut.write_bytes(b"\xff\xfe" + "姓名\n张伟\n".encode("utf-16-le")[:-1])
    message = engine_error(lambda: read_rows(cut))
    assert "ends in the middle of a character" in message
    assert teacher_text(message) == f"{cut}，第 2 行：文件在一个字符的中间结束了，说明文件不完整（只复制了一部分？）。请重新保存后再导入。"


def test_answers_after_today_or_too_long_are_refused_in_chinese(chinese, tmp_path):
    """Review 36b: the new refusals of an answers file read in Chinese, with the line and the values kept."""
    from engine.store import Store
    from engine.store.importers import import_responses

    path = tmp_path / "answers.csv"
    with Store.open(tmp_path / "data") as store:
        for row, said in (("s1,q1,a,1,0,4,2099-01-01T10:00:00Z", "第 2 行：时间“2099-01-01T10:00:00Z”晚于今天"),
                          ("s1,q1,a,1,0," + "x" * 2_001 + ",", "第 2 行：这个答案有 2,001 个字符")):
            path.write_text("student_id,item_id,skill_ids,correct,position,answer,time\n" + row + "\n", encoding="utf-8")
            message = teacher_text(engine_error(lambda: import_responses(store, path)))
            assert said in message and "没有导入任何内容" in message, message


TRANSLATED = ', "exercises": [{"id": "e1", "kind": "numeric", "prompt": {"en": "1+1", "zh_CN": "一加一"}, ' \
             '"answer": {"en": "2", "zh_CN": "3"}, "skills": ["add"]}]}'
BRACE = ', "exercises": [], "templates": [{"id": "t", "title": "T", "kind": "short_text", "skills": ["add"], ' \
        '"params": {"a": [[1, 2], [1, 2], [1, 2], [1, 2], [1, 2]]}, "prompt": {"en": "{a}?", "zh_CN": "{a 是几？"}, "answer": "{a}"}]}'


@pytest.mark.parametrize("language, rest, said", [
    ("en", TRANSLATED, ", exercise 1 of the pack: in Chinese: the answer 3 is not the same number as 2: '一加一'."),
    ("zh_CN", TRANSLATED, "，题包里的第 1 道练习：中文：答案 3 和 2 不是同一个数：“一加一”。"),
    ("en", BRACE, ", template 1 of the pack (in Chinese, its question): a curly bracket without its partner (each value to "
                  "fill in stands between an opening and a closing one)."),
    ("zh_CN", BRACE, "，题包里的第 1 个模板（中文，题目）：有一个花括号没有配对（每个要填入的值都写在一对花括号中间）。"),
])
def test_a_packs_place_and_language_are_in_words_in_english_too(app, tmp_path, language, rest, said):
    """Review 46d: "$.exercises[36]" (counted from 0) in the English app, and "in zh_CN:" left in the Chinese one."""
    from desktop.i18n import install_language
    from engine.store.importers import load_pack

    pack = tmp_path / "pack.json"
    pack.write_text(PACK_START.replace(', "skills"', ', "version": 2, "skills"', 1).replace('"version": 1, ', "") +
                    rest.lstrip(", "), encoding="utf-8")
    install_language(app, language)
    try:
        assert teacher_text(engine_error(lambda: load_pack(pack))) == f"{pack}{said}"
    finally:
        install_language(app, "en")
