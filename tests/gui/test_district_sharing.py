"""Model page: "Share what this laptop learned…" and "Use the district model…", pressed as a teacher does.

The file choosers are Qt's static dialogs, answered by patching them to return
a temporary path; refusals are the app's error popup, collected in tests.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from desktop.workers import shown_errors
from engine.district.aggregate import DistrictModel
from engine.district.fileformat import canonical, read_file, write_file
from engine.district.laptop import class_bank, district_folder
from engine.district.pack import load_shared_pack
from engine.errors import LamplightError
from tests.gui.conftest import finish_jobs


def click(widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"{widget.text()} cannot be pressed"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(monkeypatch, save=None, open_=None) -> list[str]:
    """Answer the save/open choosers with ``save``/``open_`` as if the teacher picked them; records the titles (and, in
    ``offered``, the file each offered first)."""
    asked: list[str] = []

    def pick(path):
        def answer(parent, title, offered="", *args, **kwargs):
            asked.append(title)
            choose.offered.append(offered)
            return (str(path) if path else "", "")
        return answer

    choose.offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(pick(save)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick(open_)))
    return asked


def announced(window, monkeypatch) -> list:
    """Record what the page announces through the app context (and still announce it)."""
    seen: list = []
    real = window.context.changed
    monkeypatch.setattr(window.context, "changed", lambda changes: (seen.append(changes), real(changes))[1])
    return seen


def share(window, page, monkeypatch, path, privacy: bool = False):
    box = page.privacy_box
    if box.isChecked() != privacy:  # click the tick box itself (the widget's centre may lie past its label)
        QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked() == privacy
    asked = choose(monkeypatch, save=path)
    click(page.share_button)
    finish_jobs()
    assert asked == ["Share what this laptop learned…"]
    return read_file(path, "school-update")


def test_share_writes_an_update_file_the_district_reads_with_no_names(make_window, monkeypatch, tmp_path):
    window = make_window()
    page = window.open_page("model")
    assert page.privacy_box.text() == "Extra privacy: add random noise to the totals"
    path = tmp_path / "stick" / "school.json"
    payload = share(window, page, monkeypatch, path)
    assert payload["pack"]["fingerprint"] == load_shared_pack().fingerprint
    assert payload["privacy"]["mechanism"] == "none" and payload["counts"]["students"] == 12
    counts = payload["counts"]
    exercises = "1 exercise" if counts["exercises_released"] == 1 else f"{counts['exercises_released']} exercises"
    skills = "1 skill" if counts["skills_released"] == 1 else f"{counts['skills_released']} skills"
    assert page.district_text.text().startswith(f"Saved {path}: what 12 students taught the model about {exercises} and {skills}, ")
    # review 45c: every class's file was offered as lamplight-school-update.json, one replacing another on a stick
    assert Path(choose.offered[0]).name == f"lamplight-update - Demo class - {date.today().isoformat()}.json", choose.offered
    data = path.read_bytes().decode("ascii")
    for student in window.context.store.list_students(window.context.class_id):
        assert student.name not in data and json.dumps(student.name)[1:-1] not in data

    # with privacy noise at ε = 8 an exercise needs about 42 students: the demo's 12 share nothing, and no file is left
    private = tmp_path / "private.json"
    with pytest.raises(LamplightError, match="cannot read the file"):
        share(window, page, monkeypatch, private, privacy=True)
    [message] = shown_errors()
    assert message.startswith("The file for the district was not saved. Nothing was changed.\n\nNothing can be shared yet: "
                              "with privacy noise, an exercise needs answers from at least about 42 students (instead of 10)")
    assert message.endswith("Untick “Extra privacy” to share this class's totals without the noise.")
    assert not private.exists() and page.district_text.text() == "The file for the district was not saved. Nothing was changed."
    # (the line says the last thing done: review 43d, an earlier import's outcome stood under a share that failed)


def test_choosing_no_file_does_nothing(make_window, monkeypatch, tmp_path):
    window = make_window()
    page = window.open_page("model")
    asked = choose(monkeypatch)
    click(page.share_button)
    click(page.district_button)
    finish_jobs()
    assert asked == ["Share what this laptop learned…", "Use the district model…"] and page.district_text.text() == ""


def test_a_tampered_or_foreign_file_is_refused_and_the_model_is_unchanged(make_window, monkeypatch, tmp_path):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    page = window.open_page("model")
    seen = announced(window, monkeypatch)
    update = tmp_path / "school.json"
    share(window, page, monkeypatch, update)
    tampered = tmp_path / "district.json"
    envelope = json.loads(update.read_text())
    envelope["kind"] = "district-model"
    envelope["payload"]["counts"]["students"] = 500
    tampered.write_text(json.dumps(envelope))
    foreign = tmp_path / "marks.json"
    foreign.write_text('{"name": "Ada", "score": 3}')
    newer = tmp_path / "district-v3.json"  # review 39: its refusal said it was "not a district model … or changed"
    body = {"format": envelope["format"], "format_version": 3, "kind": "district-model", "payload": {"model": {}}}
    newer.write_text(json.dumps({**body, "sha256": hashlib.sha256(canonical(body)).hexdigest(), "hmac": None}))
    for bad, reason in ((tampered, "was changed after it was written"), (foreign, "is not a district model from Lamplight"),
                        (update, "is a school's update file, not a district model"),
                        (newer, "was made by a newer Lamplight (district format version 3; this Lamplight reads versions "
                                "up to 2). Update Lamplight on this laptop, then use the file again.")):
        choose(monkeypatch, open_=bad)
        click(page.district_button)
        finish_jobs()
        [message] = shown_errors()
        assert message.startswith("This file was not used. Nothing was changed.\n\n"), message
        assert page.district_text.text() == "This file was not used. Nothing was changed."
        assert reason in message, message
        assert store.active_model_snapshot(class_id) is None
        assert not (district_folder(store) / "district-model.json").exists()
    assert seen == [] and page.model_name.text() == "Model in use: the model that ships with Lamplight."


def test_a_worse_district_model_is_not_adopted(make_window, monkeypatch, tmp_path):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    page = window.open_page("model")
    seen = announced(window, monkeypatch)
    pack = load_shared_pack()
    _, keys = class_bank(store)
    answered = {keys[item] for item in set(store.class_log(class_id).item_ids)} & set(pack.exercises)
    assert answered
    rng = np.random.default_rng(0)
    meta = {"beta0": -0.5, "theta0": 0.0, "tau0": 0.0, "log_prec_theta": 0.0, "log_prec_tau": 0.5, "lr_theta": 0.25,
            "lr_tau": 0.25, "log_prec_u": 0.0, "lr_u": 0.25}
    wrong = DistrictModel(pack.describe(), meta, {}, {k: (float(rng.choice([-6.0, 6.0])), 100.0) for k in sorted(answered)}, 1)
    path = write_file(tmp_path / "wrong.json", "district-model", wrong.payload())
    choose(monkeypatch, open_=path)
    click(page.district_button)
    finish_jobs()
    text = page.district_text.text()
    assert text.startswith("The district model was not adopted: it predicts this class's latest") and "is kept" in text
    assert store.active_model_snapshot(class_id) is None and seen == []
    assert not (district_folder(store) / "district-model.json").exists()


def test_a_district_model_made_from_the_shared_file_is_adopted_and_announced(make_window, monkeypatch, tmp_path, real_dialogs,
                                                                            other_schools):
    """Share, combine at the district (engine), use it: the page says it was adopted and why, and every screen is told."""
    from engine.district.laptop import aggregate_files
    from tests.district.schools import class_the_district_helps
    from tests.gui.test_district_teacher_cases import pick_class

    window = make_window()
    store = window.context.store
    class_id = class_the_district_helps(store, "4C")
    pick_class(window, "4C")
    page = window.open_page("model")
    seen = announced(window, monkeypatch)
    update = tmp_path / "school.json"
    share(window, page, monkeypatch, update)
    district = tmp_path / "district.json"
    aggregate_files([*other_schools(), update], load_shared_pack(), district)
    choose(monkeypatch, open_=district)
    click(page.district_button)
    finish_jobs()
    text = page.district_text.text()
    snapshot = store.active_model_snapshot(class_id)
    # other schools' answers on the same exercises predict this class's latest answers better than its own model
    assert snapshot is not None and snapshot.kind == "district"
    assert (district_folder(store) / "district-model.json").exists()
    assert text.startswith("The district model is now used for this class: it predicts"), text
    assert [c.model for c in seen] == [True], "every screen is told the model changed"
    assert page.model_name.text().startswith("Model in use: ")
    assert page.model_name.text() != "Model in use: the model that ships with Lamplight."
    assert page.shipped_button.isEnabled()
    assert "the district model of round 1, used because it predicted this class's answers at least as well" in page.snapshots.item(0).text()
    window.open_page("dashboard")
    window.open_page("model")
    assert page.district_text.text() == text, "the line stays while the class uses the model it is about"
    # review 43d: a restore brought back the model before the district's, and the line still said the district's was used
    store.deactivate_models(class_id)
    window.open_page("dashboard")
    window.open_page("model")
    assert page.district_text.text() == ""
    store.activate_model_snapshot(snapshot.id)
    window.open_page("dashboard")
    window.open_page("model")
    from tests.gui.dialogs import DialogAnswers, press

    for answer, still_district in (("Keep the model in use", True), ("Use the shipped model", False)):  # review 26: unasked
        answers = DialogAnswers().expect(press(answer))
        click(page.shipped_button)
        answers.finish()
        assert (store.active_model_snapshot(class_id) is not None) == still_district
    assert page.model_name.text() == "Model in use: the model that ships with Lamplight."


def test_in_chinese_the_buttons_and_the_refusal_are_in_chinese(make_window, monkeypatch, tmp_path):
    window = make_window(language="zh_CN")
    page = window.open_page("model")
    assert page.share_button.text() == "分享这台电脑学到的内容…" and page.district_button.text() == "使用学区模型…"
    assert page.privacy_box.text() == "加强隐私保护：在合计数字中加入随机噪声"
    foreign = tmp_path / "marks.json"
    foreign.write_text("name,score\nAda,3\n")
    choose(monkeypatch, open_=foreign)
    click(page.district_button)
    finish_jobs()
    [message] = shown_errors()
    assert message.startswith("没有使用这个文件。什么也没有改变。") and page.district_text.text() == "没有使用这个文件。什么也没有改变。"
    assert window.context.store.active_model_snapshot(window.context.class_id) is None
