"""Exercise bank: search, add/edit exercises of each kind, skills with prerequisites, packs, template variants."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog

from desktop import services
from desktop.views.bank import ExerciseDialog, SkillDialog, VariantsDialog
from tests.gui.conftest import finish_jobs


def test_search_by_text_and_skill_filters_the_table(make_window):
    window = make_window()
    page = window.open_page("bank")
    total = len(services.list_exercises(window.context.store))
    assert page.model.rowCount() == total
    skill = services.list_skills(window.context.store)[0]
    page.skill_filter.setCurrentIndex(page.skill_filter.findData(skill.id))
    assert 0 < page.model.rowCount() < total
    assert all(skill.id in e.skills for e in page.model.payloads)
    page.skill_filter.setCurrentIndex(0)
    word = services.list_exercises(window.context.store)[0].prompt.split()[0]
    page.search.setText(word)
    assert all(word.lower() in e.prompt.lower() for e in page.model.payloads)


def test_exercise_dialog_checks_each_kind_before_saving(make_window):
    window = make_window(demo=False)
    store = window.context.store
    skill_id = services.add_skill(store, "Halves")
    page = window.open_page("bank")
    page.refresh()
    dialog = ExerciseDialog(page.skills, None, page)
    dialog.prompt.setPlainText("Which is half of 8?")
    dialog.kind.setCurrentIndex(dialog.kind.findData("multiple_choice"))
    assert dialog.choices.isVisibleTo(dialog)
    dialog.choices.setPlainText("3\n4")
    dialog.answer.setText("5")
    dialog._check()
    assert dialog.result() != QDialog.DialogCode.Accepted and "one of the choices" in dialog.problem.text()
    dialog.answer.setText("4")
    dialog.skills.item(0).setCheckState(Qt.CheckState.Checked)
    dialog._check()
    assert dialog.result() == QDialog.DialogCode.Accepted
    services.add_exercise(store, **dialog.values())
    [saved] = services.list_exercises(store)
    assert (saved.kind, saved.choices, saved.answer_text, saved.skills) == ("multiple_choice", ("3", "4"), "4", (skill_id,))

    number = ExerciseDialog(page.skills, None, page)
    number.prompt.setPlainText("2 + 2")
    number.answer.setText("four")
    number._check()
    assert "must be a number" in number.problem.text()


def test_add_exercise_and_skill_through_the_page(make_window, monkeypatch):
    window = make_window(demo=False)
    store = window.context.store
    page = window.open_page("bank")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Doubling", True)))
    page.add_skill()
    [skill] = services.list_skills(store)
    assert skill.name == "Doubling" and page.skills_model.rowCount() == 1

    def fill_and_accept(dialog):
        dialog.prompt.setPlainText("Double 7?")
        dialog.answer.setText("14")
        dialog.skills.item(0).setCheckState(Qt.CheckState.Checked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExerciseDialog, "exec", fill_and_accept)
    page.add_exercise()
    [exercise] = services.list_exercises(store)
    assert (exercise.prompt, exercise.kind, exercise.answer_text, exercise.skills) == ("Double 7?", "numeric", "14", (skill.id,))
    assert page.model.rowCount() == 1


def test_prerequisite_cycle_is_refused_with_a_message(make_window):
    window = make_window(demo=False)
    store = window.context.store
    a = services.add_skill(store, "Counting")
    b = services.add_skill(store, "Adding", [a])
    page = window.open_page("bank")
    page.refresh()
    counting = next(s for s in page.skills if s.id == a)
    dialog = SkillDialog(counting, page.skills, page)
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.prerequisites() == [b]
    from engine.errors import LamplightError

    try:
        services.update_skill(store, a, "Counting", dialog.prerequisites())
    except LamplightError as exc:
        assert "circle" in str(exc) and "Counting" in str(exc)
    else:
        raise AssertionError("a cycle was accepted")
    assert next(s for s in services.list_skills(store) if s.id == a).prerequisites == ()


def test_pack_export_then_import_into_an_empty_bank(make_window, tmp_path, data_dir):
    window = make_window()
    page = window.open_page("bank")
    page.export_pack(str(tmp_path / "pack.json"))
    finish_jobs()
    pack = json.loads((tmp_path / "pack.json").read_text(encoding="utf-8"))
    assert len(pack["exercises"]) == len(services.list_exercises(window.context.store))

    empty = services.open_store(tmp_path / "other")
    assert services.import_pack(empty, tmp_path / "pack.json") == len(pack["exercises"])
    assert len(services.list_skills(empty)) == len(services.list_skills(window.context.store))


def test_template_variants_preview_and_add(make_window):
    window = make_window()
    store = window.context.store
    page = window.open_page("bank")
    templates = services.list_templates(store)
    assert templates
    dialog = VariantsDialog(store, templates, page)
    dialog.count.setValue(4)
    dialog.difficulty.setCurrentIndex(dialog.difficulty.findData(5))
    dialog.preview()
    assert 1 <= len(dialog.generated) <= 4 and dialog.list.count() == len(dialog.generated)
    before = len(services.list_exercises(store))
    services.add_generated(store, dialog.generated)
    after = services.list_exercises(store)
    assert len(after) == before + len(dialog.generated)
    assert {g.prompt for g in dialog.generated} <= {e.prompt for e in after}
