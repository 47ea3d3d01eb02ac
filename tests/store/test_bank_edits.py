"""Editing the bank keeps what the teacher did not touch (review 22).

An edit changes the text in the language the teacher works in and leaves the
other language's text as it was; the store remembers that the teacher edited
an exercise, so importing its pack again keeps the edit unless she says
otherwise; a prerequisite circle names the skills around it.
"""
from __future__ import annotations

import sqlite3

import pytest

from engine.errors import LamplightError
from engine.store import Store
from engine.store.exercises import PrerequisiteCycleError
from engine.store.importers import edited_in_pack, import_pack, load_pack
from engine.store.migrations import apply_migrations
from engine.store.starter_pack import starter_pack_path

ZH = "zh_CN"


@pytest.fixture()
def store(tmp_path):
    with Store.open(tmp_path) as opened:
        import_pack(opened, starter_pack_path())
        yield opened


def bilingual(store: Store, kind: str):
    """A starter exercise of ``kind`` with its own Chinese prompt."""
    return next(e for e in store.list_exercises(ZH)
                if e.kind == kind and store.exercise_texts(e.id).get(ZH, {}).get("prompt"))


def test_an_edit_in_chinese_changes_the_chinese_text_and_keeps_the_english(store):
    exercise = bilingual(store, "numeric")
    english = store.get_exercise(exercise.id)
    store.update_exercise(exercise.id, language=ZH, prompt=exercise.prompt + "（改过）", kind="numeric", answer="999",
                          choices=[], skills=list(exercise.skills))  # everything the edit dialog sends
    after_zh, after_en = store.get_exercise(exercise.id, ZH), store.get_exercise(exercise.id)
    assert after_zh.prompt == exercise.prompt + "（改过）"
    assert after_en.prompt == english.prompt, "the English text stays as it was"
    assert after_zh.answer == after_en.answer == "999", "a number answer is the same number in every language"


def test_an_edit_in_english_keeps_the_chinese_text(store):
    exercise = bilingual(store, "numeric")
    chinese = store.get_exercise(exercise.id, ZH)
    english = store.get_exercise(exercise.id, "en")
    store.update_exercise(exercise.id, language="en", prompt=english.prompt + " (new)", kind="numeric", answer=english.answer,
                          choices=[], skills=list(english.skills))
    assert store.get_exercise(exercise.id, "en").prompt == english.prompt + " (new)"
    assert store.get_exercise(exercise.id, ZH).prompt == chinese.prompt


def test_choosing_another_right_choice_in_chinese_moves_it_in_english_too(store):
    exercise = bilingual(store, "multiple_choice")
    english = store.get_exercise(exercise.id)
    place = next(i for i, c in enumerate(exercise.choices) if c != exercise.answer)
    store.update_exercise(exercise.id, language=ZH, prompt=exercise.prompt, kind="multiple_choice",
                          answer=exercise.choices[place], choices=list(exercise.choices), skills=list(exercise.skills))
    assert store.get_exercise(exercise.id, ZH).answer == exercise.choices[place]
    assert store.get_exercise(exercise.id).answer == english.choices[place]
    assert store.get_exercise(exercise.id).prompt == english.prompt


def test_a_chinese_edit_that_does_not_fit_the_english_is_refused_and_nothing_changes(store):
    exercise = bilingual(store, "multiple_choice")
    before = (store.get_exercise(exercise.id), store.get_exercise(exercise.id, ZH), store.edited_exercise_keys())
    with pytest.raises(LamplightError, match="choices"):
        store.update_exercise(exercise.id, language=ZH, choices=list(exercise.choices) + ["另一个"])
    assert (store.get_exercise(exercise.id), store.get_exercise(exercise.id, ZH), store.edited_exercise_keys()) == before


def test_a_skill_renamed_in_chinese_keeps_its_english_name(store):
    skill = next(s for s in store.list_skills(ZH) if store.skill_texts(s.id).get(ZH, {}).get("name"))
    english = store.get_skill(skill.id).name
    store.update_skill(skill.id, name="新的名字", prerequisites=list(skill.prerequisites), language=ZH)
    assert store.get_skill(skill.id, ZH).name == "新的名字" and store.get_skill(skill.id).name == english


def test_a_skill_name_another_skill_has_is_refused_in_any_case(store):
    first, second = store.list_skills()[:2]
    with pytest.raises(LamplightError, match="already exists"):
        store.add_skill(first.name.upper())
    with pytest.raises(LamplightError, match="already exists"):
        store.update_skill(second.id, name=f"  {first.name.lower()} ")
    chinese = store.get_skill(first.id, ZH).name
    with pytest.raises(LamplightError, match="already exists"):
        store.update_skill(second.id, name=chinese, language=ZH)
    store.update_skill(first.id, name=first.name.upper())  # its own name in other letters is no clash
    assert store.get_skill(second.id).name == second.name and store.get_skill(first.id).name == first.name.upper()


def test_a_colleagues_pack_neither_renames_the_banks_skills_nor_adds_a_second_skill_of_one_name(store):
    """Review 27b: a colleague's English pack with the id of a starter skill renamed it everywhere, deleted its
    Chinese name and dropped its prerequisites; a skill of the same name under a new id made a second row."""
    graph = store.skill_prerequisites()
    needs, first = next((s, p[0]) for s, p in graph.items() if p)
    before = {skill.id: (skill.name, store.get_skill(skill.id, ZH).name) for skill in store.list_skills()}
    decimals = next(skill for skill in store.list_skills() if skill.name == "Decimals")
    pack = {"format": "lamplight-pack", "version": 1, "id": "colleague", "language": "en",
            "skills": [{"id": needs, "name": "Counting objects", "prerequisites": []},
                       {"id": "decimals-2", "name": "decimals"}, {"id": "sums", "name": "Sums", "prerequisites": ["decimals-2"]}],
            "exercises": [{"id": "colleague:1", "kind": "numeric", "prompt": "0.5 + 0.25 = ?", "answer": "0.75",
                           "skills": ["decimals-2", "sums"]}]}
    report = import_pack(store, pack=pack)
    assert report.skills_added == 1, "only Sums is new"
    after = {skill.id: (skill.name, store.get_skill(skill.id, ZH).name) for skill in store.list_skills()}
    assert {k: v for k, v in after.items() if k != "sums"} == before, "no name changed, in either language"
    assert store.skill_prerequisites()[needs] == graph[needs], "its prerequisites stay"
    assert store.skill_prerequisites()["sums"] == [decimals.id]
    assert store.exercise_by_key("colleague:1").skills == (decimals.id, "sums")
    own = store.add_skill("小数加法")  # made in the Chinese screens: its name is its own, in no language's row
    import_pack(store, pack={**pack, "version": 2, "skills": [{"id": own, "name": {"en": "Adding decimals", "zh_CN": "小数运算"}}],
                             "exercises": []})
    assert store.get_skill(own, ZH).name == store.get_skill(own).name == "小数加法", "review 27c: it was renamed in Chinese"
    with pytest.raises(LamplightError, match=r"skills\[0\].name: the skill name is empty"):
        import_pack(store, pack={**pack, "skills": [{"id": "blank", "name": "\u200b\u202e"}], "exercises": []})


def test_a_prerequisite_circle_names_its_skills_and_changes_nothing(store):
    graph = store.skill_prerequisites()
    needs, first = next((s, p[0]) for s, p in graph.items() if p)
    with pytest.raises(PrerequisiteCycleError) as refused:
        store.update_skill(first, name="Renamed", prerequisites=[*graph[first], needs])
    assert refused.value.cycle[0] == refused.value.cycle[-1] and {needs, first} <= set(refused.value.cycle)
    assert store.skill_prerequisites() == graph and store.get_skill(first).name != "Renamed"


def test_importing_the_pack_again_keeps_the_teachers_edits_unless_told(store):
    exercise = bilingual(store, "numeric")
    store.update_exercise(exercise.id, language=ZH, prompt="我自己的题目")
    pack = load_pack(starter_pack_path())
    assert edited_in_pack(store, pack) == 1
    report = import_pack(store, starter_pack_path())
    assert report.exercises_kept == 1 and report.exercises_updated == len(pack["exercises"]) - 1
    assert store.get_exercise(exercise.id, ZH).prompt == "我自己的题目"
    report = import_pack(store, starter_pack_path(), replace_edits=True)
    assert report.exercises_kept == 0 and store.get_exercise(exercise.id, ZH).prompt == exercise.prompt
    assert edited_in_pack(store, pack) == 0, "replaced by the pack's version, it is the pack's again"


def test_answers_to_an_exercise_are_counted_before_it_is_deleted(store):
    class_id = store.create_class("5A")
    student = store.add_student(class_id, "Mia")
    exercise = bilingual(store, "numeric")
    for score in (1.0, 0.0, 1.0):
        store.record_response(student, exercise.id, score)
    assert store.answers_to_exercise(exercise.id) == 3
    store.delete_exercise(exercise.id)
    assert store.counts()["responses"] == 0


def test_an_older_data_file_gains_the_edited_mark_with_nothing_marked(tmp_path):
    path = tmp_path / "old.sqlite3"
    import sqlite_utils

    db = sqlite_utils.Database(sqlite3.connect(path))
    apply_migrations(db, up_to=6)
    db.execute("INSERT INTO exercises (key, kind, prompt, answer, created) VALUES ('p:1', 'numeric', '1 + 1', '2', '2026-01-01')")
    db.conn.commit()
    assert apply_migrations(db, up_to=7) == [7]
    assert db.execute("SELECT edited FROM exercises").fetchall() == [(None,)]


def test_a_change_the_other_language_cannot_follow_is_named_as_such(store):
    from engine.store.exercises import LanguagesDisagreeError

    exercise = next(e for e in store.list_exercises(ZH) if store.exercise_texts(e.id).get(ZH, {}).get("choices"))
    english = store.get_exercise(exercise.id, "en")
    with pytest.raises(LanguagesDisagreeError, match="more than one language"):  # the Chinese choices are its own words
        store.update_exercise(exercise.id, language="en", choices=list(english.choices) + ["another"])
    number = bilingual(store, "numeric")
    with pytest.raises(LanguagesDisagreeError):  # the English text has no choices to follow
        store.update_exercise(number.id, language=ZH, kind="multiple_choice", answer="1", choices=["1", "2"])
    assert store.get_exercise(exercise.id, "en") == english and store.get_exercise(number.id).kind == "numeric"
    assert not store.edited_exercise_keys()


def test_an_unchanged_choice_list_stays_shared_so_a_choice_added_later_reaches_both_languages(store):
    exercise = next(e for e in store.list_exercises(ZH) if e.kind == "multiple_choice"
                    and store.exercise_texts(e.id).get(ZH, {}).get("prompt") and "choices" not in store.exercise_texts(e.id)[ZH])
    store.update_exercise(exercise.id, language=ZH, prompt="新的问题", kind="multiple_choice", answer=exercise.answer,
                          choices=list(exercise.choices), skills=list(exercise.skills))  # as the dialog sends it
    english = store.get_exercise(exercise.id, "en")
    store.update_exercise(exercise.id, language="en", prompt=english.prompt, kind="multiple_choice", answer=english.answer,
                          choices=[*english.choices, "99"], skills=list(english.skills))
    assert store.get_exercise(exercise.id, ZH).choices == (*english.choices, "99")
    assert store.get_exercise(exercise.id, ZH).prompt == "新的问题"
