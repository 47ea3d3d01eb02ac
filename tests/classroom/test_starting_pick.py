"""The quiz pick on a class with no answers yet: easier exercises spread over the first skills (review 22, finding 12)."""
from __future__ import annotations

from collections import Counter

import pytest

from engine.classroom import Classroom
from engine.classroom.quiz_pick import START_SKILLS, starting_skills
from engine.store import Store
from engine.store.importers import import_pack
from engine.store.starter_pack import starter_pack_path


@pytest.fixture
def new_class(tmp_path):
    store = Store.open(tmp_path)
    import_pack(store, starter_pack_path())
    class_id = store.create_class("New class")
    for name in ("Amy", "Ben", "Cai", "Dee"):
        store.add_student(class_id, name)
    yield store, class_id
    store.close()


def test_no_answers_gives_per_skill_easier_exercises_over_the_first_skills(new_class):
    store, class_id = new_class
    room = Classroom(store)
    assert not room.has_answers(class_id)
    picked = [store.get_exercise(e) for e in room.pick_quiz_exercises(class_id, 2)]
    first = ["counting", "place-value", "compare-numbers", "addition-within-20", "subtraction-within-20"]  # the pack's order
    assert len(picked) == 2 * START_SKILLS
    assert Counter(e.skills[0] for e in picked) == {skill: 2 for skill in first}
    assert len({" ".join(e.prompt.split()) for e in picked}) == len(picked), "no question twice"
    for exercise in picked:  # the easiest of the skill's own exercises (the starter pack has several at level 1)
        own = [e.difficulty for e in store.list_exercises() if e.skills and e.skills[0] == exercise.skills[0]]
        assert exercise.difficulty == min(d for d in own if d is not None)
    assert len(room.pick_quiz_exercises(class_id, 3)) == 3 * START_SKILLS, "the requested number per skill"


def test_no_answers_and_chosen_skills_pick_only_those(new_class):
    store, class_id = new_class
    picked = [store.get_exercise(e) for e in Classroom(store).pick_quiz_exercises(class_id, 2, skills=["decimals", "counting"])]
    assert Counter(e.skills[0] for e in picked) == {"counting": 2, "decimals": 2}
    assert [e.skills[0] for e in picked] == ["counting", "counting", "decimals", "decimals"], "curriculum order"
    assert starting_skills(store, ["decimals", "counting", "no-such-skill"]) == ["counting", "decimals"]


def test_with_answers_chosen_skills_limit_the_class_pick(new_class):
    store, class_id = new_class
    students = store.list_students(class_id)
    counting = [e for e in store.list_exercises() if e.skills[0] == "counting"][:3]
    for student in students:
        for exercise in counting:
            store.record_response(student.id, exercise.id, 1.0, source="practice")
    room = Classroom(store)
    assert room.has_answers(class_id) and room.pick_quiz_exercises(class_id, 2)
    only = [store.get_exercise(e) for e in room.pick_quiz_exercises(class_id, 2, skills=["place-value"])]
    assert only and all("place-value" in e.skills for e in only)


def test_the_heat_map_lists_skills_in_the_packs_teaching_order(new_class):
    """Review 39: alphabetical ties of skill ids put 乘法 (multiplication) before 20以内的减法 (subtraction within 20)
    on the heat map, the focus list and the reports; the pack lists its skills as they are taught."""
    import json

    store, class_id = new_class
    room = Classroom(store)
    student = store.list_students(class_id)[0].id
    room.record_answer(class_id, student, store.list_exercises()[0].id, 1.0)
    pack = [skill["id"] for skill in json.loads(starter_pack_path().read_text(encoding="utf-8"))["skills"]]
    assert room.dashboard(class_id).mastery.skills == pack
