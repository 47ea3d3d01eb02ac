"""The shipped starter pack and the demo class."""
from __future__ import annotations

import json
import random
from collections import Counter
from datetime import date

import pytest

from engine.store import Store
from engine.store.demo import create_demo_class
from engine.store.exercises import find_cycle
from engine.store.importers import check_pack, import_pack
from engine.store.starter_pack import build_pack, starter_pack_path
from engine.store.templates import Template, generate


def test_committed_starter_pack_is_what_the_generator_builds():
    committed = json.loads(starter_pack_path().read_text(encoding="utf-8"))
    assert committed == build_pack(), "run: python -m engine.store.starter_pack"


def test_starter_pack_content():
    pack = json.loads(starter_pack_path().read_text(encoding="utf-8"))
    check_pack(pack)
    assert len(pack["skills"]) >= 12 and all(s["name"] for s in pack["skills"])
    assert find_cycle({s["id"]: s["prerequisites"] for s in pack["skills"]}) is None
    assert sum(bool(s["prerequisites"]) for s in pack["skills"]) >= 10
    exercises = pack["exercises"]
    assert len(exercises) >= 300
    kinds = Counter(e["kind"] for e in exercises)
    assert set(kinds) == {"multiple_choice", "numeric", "short_text", "teacher_marked"}
    generated = [e for e in exercises if "template" in e]
    assert 0 < len(generated) < len(exercises)
    used_skills = {s for e in exercises for s in e["skills"]}
    assert used_skills == {s["id"] for s in pack["skills"]}
    for exercise in generated[:: max(1, len(generated) // 40)]:
        template = Template.from_spec(next(t for t in pack["templates"] if t["id"] == exercise["template"]))
        again = generate(template, exercise["difficulty"], random.Random(1))
        assert again.kind == exercise["kind"] and set(again.params) == set(exercise["params"])


def test_every_starter_template_makes_fresh_variants_at_every_level():
    pack = json.loads(starter_pack_path().read_text(encoding="utf-8"))
    rng = random.Random(5)
    for spec in pack["templates"]:
        template = Template.from_spec(spec)
        for level in range(1, 6):
            prompts = {generate(template, level, rng).prompt for _ in range(6)}
            assert len(prompts) >= 2, (spec["id"], level)


def _drawn(template_id: str, level: int, count: int = 60) -> list:
    pack = json.loads(starter_pack_path().read_text(encoding="utf-8"))
    template = Template.from_spec(next(t for t in pack["templates"] if t["id"] == template_id))
    rng = random.Random(level)
    return [generate(template, level, rng) for _ in range(count)]


def _decimals(variant) -> list[float]:
    return [variant.params["a"] / variant.params["p"], variant.params["b"] / variant.params["q"]]


def _places(number: float) -> int:
    return len(f"{number:.2f}".rstrip("0").partition(".")[2])


def test_comparing_decimals_is_harder_at_each_level():
    """Review 46d: level 5 (1.23 or 0.45, told by the ones alone) was easier than levels 3 and 4."""
    for level in range(1, 6):
        pairs = [sorted(_decimals(v)) for v in _drawn("decimal-compare", level)]
        places = {tuple(sorted(map(_places, pair))) for pair in pairs}
        ones = {int(small) == int(big) for small, big in pairs}
        assert places == [{(1, 1)}, {(1, 1)}, {(2, 2)}, {(1, 2)}, {(1, 2)}][level - 1], (level, pairs[:5])
        assert all(big < 1 for _, big in pairs) == (level in (1, 3, 4)), (level, pairs[:5])
        if level >= 4:  # the tenths close by, so that "more digits is bigger" misleads; at 5 the ones never tell
            assert all(abs(int(small * 10 + 1e-9) - int(big * 10 + 1e-9)) <= 1 for small, big in pairs), (level, pairs[:5])
            assert ones == {True}, (level, pairs[:5])


def test_time_later_level_3_is_in_quarter_hours():
    """Review 46d: a duration of 15 was read as 15 fives of minutes, so level 3 never lasted a quarter of an hour."""
    lasting = Counter(int(v.prompt.split(" lasts ")[1].split()[0]) for v in _drawn("time-later", 3))
    assert set(lasting) == {15, 30, 45, 75}, lasting
    assert {int(v.answer.split(":")[1]) % 15 for v in _drawn("time-later", 3)} == {0}


def test_demo_class_is_deterministic_for_a_seed(tmp_path):
    def rows(folder, seed):
        with Store.open(folder) as store:
            class_id = create_demo_class(store, seed=seed, students=12, weeks=2, start=date(2026, 3, 2))
            students = {s.id: (s.name, s.external_id) for s in store.list_students(class_id)}
            keys = {e.id: e.key for e in store.list_exercises()}
            return [
                (students[r.student_id], keys[r.exercise_id], r.score, r.answer, r.time, r.source)
                for r in store.responses_for_class(class_id)
            ], store.list_quizzes(class_id)

    first, quizzes = rows(tmp_path / "a", 0)
    again, _ = rows(tmp_path / "b", 0)
    other, _ = rows(tmp_path / "c", 1)
    assert first == again
    assert first != other
    assert len({r[0] for r in first}) == 12 and len(quizzes) == 2
    sources = Counter(r[5] for r in first)
    assert sources["paper"] > 0 and sources["practice"] > 0
    days = {r[4][:10] for r in first}
    assert all(date.fromisoformat(d).weekday() < 5 for d in days)  # school days only
    assert 0.35 < sum(r[2] for r in first) / len(first) < 0.85


def test_demo_students_learn_with_practice(tmp_path):
    with Store.open(tmp_path) as store:
        class_id = create_demo_class(store, seed=3, students=30, weeks=4, start=date(2026, 3, 2))
        log = store.class_log(class_id)
        # first vs later attempts at the same skill by the same student: later ones are right more often
        seen: Counter = Counter()
        early, late = [], []
        for student, skills, score in zip(log.student_ids, log.skill_ids, log.correct):
            for skill in skills:
                seen[(student, skill)] += 1
                (early if seen[(student, skill)] <= 2 else late).append(float(score))
        assert sum(late) / len(late) > sum(early) / len(early)
        assert store.find_class("Demo class").id == class_id
        second = create_demo_class(store, seed=3, students=5, weeks=1)
        assert store.get_class(second).name == "Demo class 2"
        assert store.counts()["exercises"] == len(json.loads(starter_pack_path().read_text(encoding="utf-8"))["exercises"])
        assert import_pack(store, starter_pack_path()).exercises_added == 0


def test_starter_pack_matches_the_json_schema_file():
    jsonschema = __import__("pytest").importorskip("jsonschema")
    schema = json.loads((starter_pack_path().parent / "pack-v2.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(starter_pack_path().read_text(encoding="utf-8")), schema)


def test_default_demo_weeks_end_before_today(tmp_path):
    from datetime import datetime, timezone

    with Store.open(tmp_path) as store:
        class_id = create_demo_class(store, students=3, weeks=2)
        times = [r.time for r in store.responses_for_class(class_id)]
    now = datetime.now(timezone.utc).isoformat()
    assert times and max(times) < now
    assert (datetime.now(timezone.utc) - datetime.fromisoformat(min(times))).days <= 21


@pytest.mark.parametrize("language, off_key", [(None, "a triangle"), ("zh_CN", "一个三角形")])
def test_the_demo_class_has_typed_answers_waiting_for_the_teacher(tmp_path, language, off_key):
    """Review 24: every demo question had 0 waiting, so a new teacher never saw the marking screen's suggestions."""
    with Store.open(tmp_path) as store:
        class_id = create_demo_class(store, students=12, weeks=2, start=date(2026, 3, 2), language=language)
        waiting = store.queued_answers(class_id)
        shapes = store.get_exercise(waiting[0].exercise_id, language)
        assert len(waiting) == 12 and {w.exercise_id for w in waiting} == {shapes.id}
        assert shapes.kind == "short_text" and off_key in {w.answer for w in waiting}
        assert shapes.answer not in {w.answer for w in waiting}, "only answers in other words than the key wait"
        assert len({w.student_id for w in waiting}) == 12 and all(w.time.startswith("2026-03-13") for w in waiting)
