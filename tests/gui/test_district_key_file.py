"""The Model screen's district key file and the privacy option's refusal, pressed as a teacher does (review of issue 17).

* "Extra privacy" on a class of five: the refusal states the number of students the noisy minimum needs (about 42
  at ε = 8), not the 10 of a plain update, in English and Chinese.
* "District key file…": the teacher picks the district's key file; the data folder remembers where it is; shared
  files are signed with it (the key never goes into them); a signed district model on a laptop with no key asks for
  the key file and is then checked with it; a wrong key or a key file that is gone: a message, nothing adopted.

File choosers are Qt's static dialogs, answered by patching them (as in test_district_sharing); the one question
box is the real message box, answered with its real button (``tests.gui.dialogs``); refusals are the app's error
popup, collected in tests.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from desktop.views.model import SHARE_EPSILON
from desktop.workers import shown_errors
from engine.district.fileformat import read_file, read_key
from engine.district.laptop import aggregate_files, district_folder, key_file_in_use
from engine.district.pack import load_shared_pack
from engine.district.update import UpdateSettings, students_needed
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press
from tests.gui.test_district_sharing import choose, click
from tests.gui.test_district_teacher_cases import english_left, pick_class, share, share_refused
from tests.gui.test_encryption_setting import past_progress

DISTRICT_KEY = "hillside-district-key-2026-Wq81"


def tick_privacy(page) -> None:
    """Tick "Extra privacy" by clicking the tick box itself (the widget's centre may lie past its label)."""
    box = page.privacy_box
    if not box.isChecked():
        QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()


def open_in_turn(monkeypatch, *paths: Path | None) -> list[str]:
    """Answer the next "open a file" choosers with ``paths`` in turn (None or none left: Cancel); records the titles."""
    queue, asked = list(paths), []

    def answer(parent, title, *args, **kwargs):
        asked.append(title)
        path = queue.pop(0) if queue else None
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    return asked


def key_file(folder: Path, text: str = DISTRICT_KEY, name: str = "district.key") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


def choose_key(page, monkeypatch, path: Path) -> list[str]:
    """Press "District key file…" and pick ``path``."""
    asked = open_in_turn(monkeypatch, path)
    click(page.key_button)
    return asked


def signed_district_model(page, monkeypatch, key: Path, tmp_path: Path, other_schools=None) -> Path:
    """Choose ``key``, share this class's update and have the district sign its model with the key (combined with
    ``other_schools``' files when given); returns the model."""
    choose_key(page, monkeypatch, key)
    update, district = tmp_path / "school.json", tmp_path / "district.json"
    share(page, monkeypatch, update)
    others = other_schools(read_key(key)) if other_schools else []
    aggregate_files([*others, update], load_shared_pack(), district, key=read_key(key))
    return district


def small_class(window, name: str, language: str = "en") -> None:
    from engine.store.demo import create_demo_class

    create_demo_class(window.context.store, students=5, weeks=2, name=name, language=language)
    pick_class(window, name)


# ------------------------------------------------------------------------------------------ the privacy option's number
def test_with_extra_privacy_a_class_of_five_is_told_about_42_students_not_10(make_window, monkeypatch, tmp_path):
    window = make_window()
    small_class(window, "Tiny class")
    page = window.open_page("model")
    tick_privacy(page)
    needed = students_needed(UpdateSettings(epsilon=SHARE_EPSILON))
    assert needed == 42  # the figure README and the hint under the tick box give for ε = 8
    out = tmp_path / "stick" / "small.json"
    message = share_refused(page, monkeypatch, out)
    assert message == ("The file for the district was not saved. Nothing was changed.\n\n"
                       "Nothing can be shared yet: with privacy noise, an exercise needs answers from at least about 42 "
                       "students (instead of 10), and none of this class's exercises has that many yet. The most-answered "
                       "exercise has answers from 5 students.\n\n"
                       "Without the noise an exercise still needs answers from at least 10 students, so this class cannot "
                       "share yet either way."), message  # not "untick": that would not help a class of five
    assert "at least 10 students of the class" not in message
    assert f"about {needed} students have answered it" in page.privacy_hint.text()

    # the same class without the option is told the plain minimum of 10
    QTest.mouseClick(page.privacy_box, Qt.MouseButton.LeftButton, pos=QPoint(8, page.privacy_box.height() // 2))
    assert not page.privacy_box.isChecked()
    plain = share_refused(page, monkeypatch, out)
    assert "each exercise needs answers from at least 10 students of the class" in plain and "42" not in plain


def test_in_chinese_with_extra_privacy_a_class_of_five_is_told_about_42_students(make_window, monkeypatch, tmp_path):
    window = make_window(language="zh_CN")
    small_class(window, "小班", language="zh_CN")
    page = window.open_page("model")
    tick_privacy(page)
    out = tmp_path / "small.json"
    message = share_refused(page, monkeypatch, out)
    assert message.startswith("给学区的文件没有保存。没有任何改动。"), message
    assert "大约 42 名以上的学生做过才能分享（不加噪声时为 10 名）" in message, message
    assert "做过人数最多的练习有 5 名学生做过。" in message, message
    assert message.endswith("不加噪声时，一道练习也要有至少 10 名学生做过，所以无论哪种方式，本班现在都还不能分享。"), message
    assert english_left(message, out) == [], message


# ------------------------------------------------------------------------------------------------ the district key file
def test_the_teacher_picks_the_key_file_and_shares_a_signed_file_without_the_key_in_it(make_window, monkeypatch, tmp_path):
    window = make_window()
    store = window.context.store
    page = window.open_page("model")
    assert page.key_button.isVisible() and page.key_button.text() == "District key file…"
    assert page.key_text.text().startswith("District key: none.") and not page.forget_key_button.isVisible()

    path = key_file(tmp_path / "stick")
    assert choose_key(page, monkeypatch, path) == ["District key file…"]
    assert key_file_in_use(store) == str(path.resolve())
    assert page.key_text.text().startswith(f"District key: {path.resolve()}. Files shared from this laptop are signed")
    assert page.forget_key_button.isVisible()

    update = tmp_path / "school.json"
    share(page, monkeypatch, update)
    assert page.district_text.text().endswith("It is signed with the district key."), page.district_text.text()
    key = read_key(path)
    assert read_file(update, "school-update", key)["counts"]["students"] == 12
    data = update.read_bytes()
    for secret in (DISTRICT_KEY.encode(), key, key.hex().encode(), str(path).encode(), b"district.key"):
        assert secret not in data

    # the same data folder opened again remembers the key file (it is kept in the folder's store, not in Qt settings)
    again = window.context.open_store()
    try:
        assert key_file_in_use(again) == str(path.resolve())
    finally:
        again.close()

    click(page.forget_key_button)
    assert key_file_in_use(store) is None and page.key_text.text().startswith("District key: none.")
    assert path.exists(), "forgetting the key leaves the key file where it is"


def test_a_signed_district_model_asks_for_the_key_file_and_is_checked_with_it(make_window, real_dialogs, monkeypatch, tmp_path,
                                                                              other_schools):
    from tests.district.schools import class_the_district_helps

    window = make_window()
    store = window.context.store
    class_id = class_the_district_helps(store, "4C")
    pick_class(window, "4C")
    page = window.open_page("model")
    path = key_file(tmp_path / "stick")
    district = signed_district_model(page, monkeypatch, path, tmp_path, other_schools)
    click(page.forget_key_button)  # a laptop that has no key yet

    answers = past_progress(DialogAnswers(), press("Yes"))
    asked = open_in_turn(monkeypatch, district, path)
    click(page.district_button)
    finish_jobs()
    [question] = answers.finish()
    assert question.title == "Use the district model…"
    assert question.text.startswith("This district model is signed with your district's key.") and "Choose it now?" in question.text
    assert asked == ["Use the district model…", "District key file…"]
    assert key_file_in_use(store) == str(path.resolve())
    assert store.active_model_snapshot(class_id).kind == "district"
    assert page.district_text.text().startswith("The district model is now used for this class"), page.district_text.text()
    kept = (district_folder(store) / "district-model.json").read_bytes()
    assert DISTRICT_KEY.encode() not in kept


def test_declining_to_choose_the_key_adopts_nothing(make_window, real_dialogs, monkeypatch, tmp_path):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    page = window.open_page("model")
    path = key_file(tmp_path)
    district = signed_district_model(page, monkeypatch, path, tmp_path)
    click(page.forget_key_button)

    answers = past_progress(DialogAnswers(), press("No"))
    asked = open_in_turn(monkeypatch, district)
    click(page.district_button)
    finish_jobs()
    answers.finish()
    assert asked == ["Use the district model…"]
    assert page.district_text.text().startswith("This file was not used: it is signed with a district key, and this "
                                                "laptop has none.")
    assert store.active_model_snapshot(class_id) is None and key_file_in_use(store) is None
    assert not (district_folder(store) / "district-model.json").exists()


def test_a_wrong_key_or_a_key_file_that_is_gone_is_refused_and_nothing_is_adopted(make_window, monkeypatch, tmp_path):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    page = window.open_page("model")
    right = key_file(tmp_path / "right")
    district = signed_district_model(page, monkeypatch, right, tmp_path)

    wrong = key_file(tmp_path / "other", "another-district-key")
    choose_key(page, monkeypatch, wrong)
    choose(monkeypatch, open_=district)
    click(page.district_button)
    finish_jobs()
    [message] = shown_errors()
    assert message.startswith("This file was not used: it was not signed with this laptop's district key. Nothing was "
                              f"changed.\n\n{district} was signed with another district key (or changed); it is refused."), message
    assert message.endswith("If your district gave you another key file, choose it with “District key file…” and try again.")
    assert store.active_model_snapshot(class_id) is None
    assert not (district_folder(store) / "district-model.json").exists()

    wrong.unlink()  # the stick with the key file was taken out
    choose(monkeypatch, open_=district)
    click(page.district_button)
    finish_jobs()
    [message] = shown_errors()
    assert message.startswith("This file was not used: this laptop's district key file cannot be read. Nothing was changed.")
    assert f"The district key file {wrong.resolve()} is not there" in message
    later = tmp_path / "later.json"
    message = share_refused(page, monkeypatch, later)
    assert message.startswith("The file for the district was not saved. Nothing was changed.\n\nThe district key file ")
    assert store.active_model_snapshot(class_id) is None


def test_a_district_file_picked_as_the_key_is_refused_and_the_key_before_stays(make_window, monkeypatch, tmp_path):
    window = make_window()
    store = window.context.store
    page = window.open_page("model")
    update = tmp_path / "school.json"
    share(page, monkeypatch, update)
    choose_key(page, monkeypatch, update)
    [message] = shown_errors()
    assert message == (f"This file was not taken as the district key. Nothing was changed.\n\n{update} is a district file, "
                       "not the district's key file. The key file is the small text file the district handed out with its key.")
    assert key_file_in_use(store) is None and page.key_text.text().startswith("District key: none.")
    asked = open_in_turn(monkeypatch, None)  # the teacher presses Cancel: nothing changes
    click(page.key_button)
    assert asked == ["District key file…"] and key_file_in_use(store) is None and shown_errors() == []


def test_in_chinese_the_key_file_button_the_question_and_the_refusal_are_in_chinese(make_window, real_dialogs, monkeypatch,
                                                                                     tmp_path):
    window = make_window(language="zh_CN")
    store, class_id = window.context.store, window.context.class_id
    page = window.open_page("model")
    assert page.key_button.text() == "学区密钥文件…"
    assert english_left(page.key_text.text()) == [] and english_left(page.key_button.toolTip()) == []
    path = key_file(tmp_path / "stick")
    choose_key(page, monkeypatch, path)
    assert english_left(page.key_text.text(), path.resolve()) == [], page.key_text.text()
    update, district = tmp_path / "school.json", tmp_path / "district.json"
    share(page, monkeypatch, update)
    assert english_left(page.district_text.text(), update) == [], page.district_text.text()
    assert page.district_text.text().endswith("不含姓名和答案。文件已用学区密钥签名。"), page.district_text.text()
    aggregate_files([update], load_shared_pack(), district, key=read_key(path))
    click(page.forget_key_button)

    answers = past_progress(DialogAnswers(), press("否"))
    open_in_turn(monkeypatch, district)
    click(page.district_button)
    finish_jobs()
    [question] = answers.finish()
    assert english_left(question.text) == [] and english_left(question.title) == [], question
    assert english_left(page.district_text.text()) == [], page.district_text.text()

    wrong = key_file(tmp_path / "other", "another-district-key")
    choose_key(page, monkeypatch, wrong)
    choose(monkeypatch, open_=district)
    click(page.district_button)
    finish_jobs()
    [message] = shown_errors()
    assert english_left(message, district) == [], message
    assert store.active_model_snapshot(class_id) is None


def test_a_class_list_picked_as_the_key_is_refused(make_window, monkeypatch, tmp_path):
    """Review 26: a roster CSV was taken as the key; everything shared was then signed with it."""
    window = make_window()
    page = window.open_page("model")
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nAmy\nBen\n", encoding="utf-8")
    choose_key(page, monkeypatch, roster)
    [message] = shown_errors()
    assert f"{roster} has 3 lines, so it is not a district key file" in message
    assert key_file_in_use(window.context.store) is None and page.key_text.text().startswith("District key: none.")
