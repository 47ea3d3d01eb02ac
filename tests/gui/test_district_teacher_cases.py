"""The Model screen's district buttons as a teacher meets them (review 30): wrong files in Chinese, a class too
small to share, what the screen says after a district model is adopted and going back from it, the privacy option.

Buttons are pressed with QTest; the file choosers answer as the teacher's pick, the "Go back" question is the real
message box answered with its real button, refusals are the app's error popup (collected in tests).
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.engine_texts import PHRASES
from desktop.workers import shown_errors
from engine.district.fileformat import KINDS
from engine.district.laptop import BEFORE_DISTRICT, aggregate_files
from tests.district.schools import class_the_district_helps
from engine.district.pack import load_shared_pack
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press
from tests.gui.test_district_sharing import choose, click

LEFT = Qt.MouseButton.LeftButton
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def english_left(message: str, *paths: Path) -> list[str]:
    """English words in ``message`` once the file names are taken out (Lamplight and JSON are names too)."""
    for path in paths:
        message = message.replace(str(path), "")
    return [w for w in ENGLISH_WORD.findall(message) if w not in ("Lamplight", "JSON")]


def share(page, monkeypatch, path: Path) -> None:
    """Press "Share what this laptop learned…" and save to ``path`` (in any language); the file is written."""
    choose(monkeypatch, save=path)
    click(page.share_button)
    finish_jobs()
    assert path.exists()


def share_refused(page, monkeypatch, path: Path) -> str:
    """Press "Share what this laptop learned…" and save to ``path``; nothing is written: returns the one message shown."""
    choose(monkeypatch, save=path)
    click(page.share_button)
    finish_jobs()
    [message] = shown_errors()
    assert not path.exists()
    assert message.startswith(page.district_text.text() + "\n"), "review 43d: the line under the button said an earlier outcome"
    return message


def pick_class(window, name: str) -> None:
    """Choose a class in the class box at the top, as the teacher does."""
    window.reload_classes()
    combo = window.class_combo
    index = combo.findText(name)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)
    finish_jobs()


def test_every_kind_of_district_file_has_its_chinese_name():
    assert set(KINDS.values()) <= set(PHRASES)


def test_in_chinese_wrong_files_for_the_district_model_are_refused_wholly_in_chinese(make_window, monkeypatch, tmp_path):
    window = make_window(language="zh_CN")
    store, class_id = window.context.store, window.context.class_id
    page = window.open_page("model")
    update = tmp_path / "school.json"
    share(page, monkeypatch, update)  # the class's own update file, picked later by mistake
    files = {"random.json": bytes(range(256)) * 4, "empty.json": b"", "notours.json": json.dumps({"name": "Ada"}).encode()}
    expected = {"random.json": "不是 Lamplight 的学区模型（文件是空的，或者不是 JSON 文件）。",
                "empty.json": "不是 Lamplight 的学区模型（文件是空的，或者不是 JSON 文件）。",
                "notours.json": "不是 Lamplight 的学区模型（它是 JSON 文件，但不是 Lamplight 为学区写的文件）。",
                "school.json": "选错了文件：{path} 是学校的更新文件，不是学区模型。学区会把各校的更新文件合并成一个学区模型：这里请使用学区模型文件。"}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    for name, says in expected.items():
        path = tmp_path / name
        choose(monkeypatch, open_=path)
        click(page.district_button)
        finish_jobs()
        [message] = shown_errors()
        assert message.startswith("没有使用这个文件。"), message
        assert says.format(path=path) in message, message
        assert english_left(message, path) == [], message
        assert store.active_model_snapshot(class_id) is None


def test_in_chinese_sharing_a_class_with_no_answers_says_so_in_chinese(make_window, monkeypatch, tmp_path):
    window = make_window(language="zh_CN")
    store = window.context.store
    empty = store.create_class("三年级二班")
    store.add_student(empty, "王小明")
    pick_class(window, "三年级二班")
    page = window.open_page("model")
    out = tmp_path / "school.json"
    message = share_refused(page, monkeypatch, out)
    assert message == ("给学区的文件没有保存。没有任何改动。\n\n"
                       "本班还没有做过任何与学区共享的练习：没有可以分享的内容。"), message
    assert not out.exists()


def test_a_class_of_five_saves_no_file_and_says_each_exercise_needs_ten_students(make_window, monkeypatch, tmp_path):
    from engine.store.demo import create_demo_class

    window = make_window()
    create_demo_class(window.context.store, students=5, weeks=2, name="Tiny class")
    pick_class(window, "Tiny class")
    page = window.open_page("model")
    out = tmp_path / "stick" / "small.json"
    message = share_refused(page, monkeypatch, out)
    assert message.startswith("The file for the district was not saved. Nothing was changed.\n\nNothing can be shared yet: "
                              "each exercise needs answers from at least 10 students of the class, and none has that many "
                              "yet. Exercises close to it: "), message
    assert "(answered by 5 to 9 students)." in message
    assert not out.exists() and not page.district_text.text().startswith("Saved")


def test_in_chinese_a_class_of_five_is_told_in_chinese(make_window, monkeypatch, tmp_path):
    from engine.store.demo import create_demo_class

    window = make_window(language="zh_CN")
    create_demo_class(window.context.store, students=5, weeks=2, name="小班", language="zh_CN")
    pick_class(window, "小班")
    page = window.open_page("model")
    out = tmp_path / "small.json"
    message = share_refused(page, monkeypatch, out)
    assert "现在还没有可以分享的内容：每道练习都要有本班至少 10 名学生做过才能分享" in message, message
    assert english_left(message, out) == [], message
    assert not out.exists()


def helped_class(window, language: str = "en") -> tuple[object, int]:
    """Choose a class the district model of other schools can help (see tests.district.schools); (store, its id)."""
    store = window.context.store
    class_id = class_the_district_helps(store, "4C", language)
    pick_class(window, "4C")
    return store, class_id


def adopt(window, page, monkeypatch, tmp_path, other_schools) -> None:
    """Share the class, let the district combine it with other schools' files (engine), then use that district model
    from the page."""
    update, district = tmp_path / "school.json", tmp_path / "district.json"
    share(page, monkeypatch, update)
    aggregate_files([*other_schools(), update], load_shared_pack(), district)
    choose(monkeypatch, open_=district)
    click(page.district_button)
    finish_jobs()
    assert window.context.store.active_model_snapshot(window.context.class_id).kind == "district"


def kept_at(store, class_id, language: str = "en") -> str:
    """When the class's model in use was kept, as the screens write a time (review 42: it said 2026-12-06)."""
    from datetime import datetime

    from desktop.i18n import day_and_time
    from engine.store.clock import to_utc_iso

    return day_and_time(datetime.fromisoformat(to_utc_iso(store.active_model_snapshot(class_id).created)).astimezone(), language)


def select_row(view, row: int) -> None:
    rect = view.visualItemRect(view.item(row))
    QTest.mouseClick(view.viewport(), LEFT, pos=rect.center())
    assert view.currentRow() == row


def test_after_adopting_the_screen_says_the_district_model_was_adopted_and_the_teacher_can_go_back(
        make_window, real_dialogs, monkeypatch, tmp_path, other_schools):
    window = make_window()
    store, class_id = helped_class(window)
    page = window.open_page("model")
    adopt(window, page, monkeypatch, tmp_path, other_schools)
    today = f"{date.today().day} {date.today():%b %Y}"
    assert page.model_name.text() == f"Model in use: the district model of round 1, adopted for this class on {kept_at(store, class_id)}."
    rows = [page.snapshots.item(i).text() for i in range(page.snapshots.count())]
    assert len(rows) == 2, rows
    assert rows[0].endswith("the district model of round 1, used because it predicted this class's answers at least as well   (in use now)")
    assert rows[1].endswith("the model as it was before the district model was used"), rows

    assert page.district_text.text(), "the adoption's outcome is said"
    said = page.district_text.text()
    assert page.fit_text.text() == f"Checked on {today}: {said[:1].lower()}{said[1:]}", "review 39: it said \"Press … to check\""
    assert not page.rollback_button.isEnabled(), "nothing selected: nothing to go back to (review 27b)"
    select_row(page.snapshots, 0)
    assert not page.rollback_button.isEnabled(), "the version in use is no earlier version"
    select_row(page.snapshots, 1)
    answers = DialogAnswers().expect(press("Yes"))
    click(page.rollback_button)
    [asked] = answers.finish()
    assert asked.text == "Use this earlier version of the model again?"
    assert store.active_model_snapshot(class_id).note == BEFORE_DISTRICT
    assert page.model_name.text() == (f"Model in use: an earlier version, kept on {kept_at(store, class_id)} "
                                      "(the model as it was before the district model was used).")
    assert page.snapshots.item(1).text().endswith("(in use now)") and not page.snapshots.item(0).text().endswith("(in use now)")
    assert page.district_text.text() == "", "review 34e: the adoption's \"is used now\" stood under the earlier version"


def test_the_same_district_model_again_changes_nothing_and_says_so(make_window, monkeypatch, tmp_path, other_schools):
    """Review 28: the same file a second time said again that it improved the class, listed a second copy and
    overwrote the first one's weights."""
    window = make_window()
    store, class_id = helped_class(window)
    page = window.open_page("model")
    adopt(window, page, monkeypatch, tmp_path, other_schools)
    in_use = store.active_model_snapshot(class_id)
    click(page.district_button)  # the same file, chosen again
    finish_jobs()
    assert page.district_text.text() == "This district model is already used for this class. Nothing was changed."
    assert store.active_model_snapshot(class_id) == in_use and page.snapshots.count() == 2


def test_the_district_model_is_checked_once_at_a_time_and_again_when_its_files_are_gone(make_window, monkeypatch, tmp_path,
                                                                                       other_schools):
    """Review 28d: two quick presses adopted it twice (and Improve stayed pressable meanwhile); restored on another
    laptop without its files, choosing it again said "already used" while the shipped model was in use."""
    import shutil
    from pathlib import Path

    from engine.classroom import models

    window = make_window()
    store, class_id = helped_class(window)
    page = window.open_page("model")
    update, district = tmp_path / "school.json", tmp_path / "district.json"
    share(page, monkeypatch, update)
    aggregate_files([*other_schools(), update], load_shared_pack(), district)
    choose(monkeypatch, open_=district)
    QTest.mouseClick(page.district_button, LEFT)
    assert not page.district_button.isEnabled() and not page.improve_button.isEnabled()
    QTest.mouseClick(page.district_button, LEFT)  # the second press of an impatient double press
    finish_jobs()
    assert [s.kind for s in store.list_model_snapshots(class_id)].count("district") == 1
    assert page.district_button.isEnabled() and page.improve_button.isEnabled()

    shutil.rmtree(Path(store.path).parent / "models")
    click(page.district_button)
    finish_jobs()
    assert models.model_in_use(store, class_id) is not None and models.missing_model(store, class_id) is None
    assert "already used" not in page.district_text.text()


def test_in_chinese_the_adopted_district_model_is_named_in_chinese(make_window, monkeypatch, tmp_path, other_schools):
    window = make_window(language="zh_CN")
    store, class_id = helped_class(window, "zh_CN")
    page = window.open_page("model")
    adopt(window, page, monkeypatch, tmp_path, other_schools)
    assert page.model_name.text() == f"正在使用的模型：第 1 轮学区模型，于 {kept_at(store, class_id, 'zh_CN')} 为本班采用。"
    assert "district" not in page.model_name.text()
    assert page.snapshots.item(1).text().endswith("使用学区模型之前的模型")


def test_the_privacy_option_says_in_plain_words_what_it_does_and_costs(make_window):
    window = make_window()
    page = window.open_page("model")
    assert page.privacy_box.text() == "Extra privacy: add random noise to the totals"
    assert "ε" not in page.privacy_box.text()
    assert page.privacy_hint.isVisible() and page.privacy_hint.text() == (
        "Then nobody can tell from the file whether any one child took part. The cost: an exercise is shared only when "
        "about 42 students have answered it (instead of 10), so the district model learns less from this school, and a "
        "single class often shares nothing.")
    tooltip = page.privacy_box.toolTip()
    assert "can tell whether any one child's answers are in it" in tooltip and "(differential privacy, ε = 8)" in tooltip


def test_in_chinese_the_privacy_option_is_explained_in_chinese(make_window):
    window = make_window(language="zh_CN")
    page = window.open_page("model")
    assert page.privacy_box.text() == "加强隐私保护：在合计数字中加入随机噪声"
    assert "大约 42 名学生" in page.privacy_hint.text() and english_left(page.privacy_hint.text()) == []
    assert "差分隐私，ε = 8" in page.privacy_box.toolTip() and english_left(page.privacy_box.toolTip()) == []


@pytest.mark.parametrize("language, expected", [("en", "Model in use: the model improved on this class on {date}."),
                                                ("zh_CN", "正在使用的模型：于 {date} 用本班数据改进的模型。")])
def test_a_model_learned_on_the_class_is_named_in_words_not_by_its_engine_name(make_window, language, expected):
    """A snapshot's kind is the model's engine name ("default", "metasgd"): the screen says what the model is instead."""
    from engine.classroom import Changes, models
    from engine.model.registry import load_model

    window = make_window(language=language)
    store, class_id = window.context.store, window.context.class_id
    learned = load_model(None)
    models.save_class_model(store, class_id, learned, "The model now predicts 70% of this class's answers correctly.",
                            snapshot=False)
    window.context.changed(Changes(model=True))
    page = window.open_page("model")
    assert page.model_name.text() == expected.format(date=kept_at(store, class_id, language))
    assert learned.name not in page.model_name.text()
