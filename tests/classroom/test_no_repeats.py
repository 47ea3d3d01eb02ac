"""One worksheet, or one practice turn, never asks the same question twice; tasks that need the teacher stay off paper.

A bank can hold exercises whose words are the same (a teacher's own copy of a pack's question: "How many sides
does a pentagon have?"; the starter pack itself has none since review 30a), and worksheets draw fresh variants of
template exercises, which can collide ("What number comes after 6?" twice). These tests run the real picks on the
real pack.
"""
from collections import Counter

import pytest

from engine.adapt.reports import question_text
from engine.classroom import Classroom, focus, live
from engine.store import Store
from engine.store.importers import import_pack
from engine.store.starter_pack import OFF_PAPER, PACK_ID, starter_pack_path

STUDENTS = ["Amy", "Ben", "Chen", "Dara", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]


@pytest.fixture
def new_class(tmp_path):
    """A new class (no answers yet) with the starter pack in its bank."""
    store = Store.open(tmp_path)
    import_pack(store, starter_pack_path())
    class_id = store.create_class("New class")
    for name in STUDENTS:
        store.add_student(class_id, name)
    live.forget()
    yield store, class_id
    live.forget()
    store.close()


def test_the_pack_marks_the_tasks_a_child_cannot_do_on_paper(new_class):
    store, _ = new_class
    off = {e.key.split(":", 1)[1] for e in store.list_exercises() if not e.on_paper}
    assert off == OFF_PAPER
    cards = next(e for e in store.list_exercises() if e.key == f"{PACK_ID}:count-explain")
    assert "card" in cards.prompt and not cards.on_paper


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_new_class_worksheet_has_no_repeated_question_and_no_task_off_paper(new_class, language):
    store, class_id = new_class
    off_paper = {str(e.id) for e in store.list_exercises() if not e.on_paper}
    sheets = [o.worksheet for o in Classroom(store, language).overviews(class_id, None, steps=8, worksheets=True)]
    assert len(sheets) == len(STUDENTS)
    for sheet in sheets:
        texts = Counter(question_text(item.prompt) for item in sheet.items)
        assert len(sheet.items) == 8, f"{sheet.student_name}: {len(sheet.items)} items"
        assert [item.number for item in sheet.items] == list(range(1, 9))
        assert max(texts.values()) == 1, f"{sheet.student_name} repeats {[t for t, n in texts.items() if n > 1]}"
        assert not off_paper & {item.exercise_id for item in sheet.items}, f"{sheet.student_name}: a task off paper on the sheet"
    # the sheets do hold counting, where the dot-card task would have come first
    assert any("6" in item.prompt for sheet in sheets for item in sheet.items)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_practice_turn_never_asks_the_same_question_twice(new_class, language):
    store, class_id = new_class
    pentagon = next(e for e in store.list_exercises() if e.key == f"{PACK_ID}:shape-sides-2-1")
    for _ in range(2):  # the teacher's own copies of the pack's question
        store.add_exercise(pentagon.prompt, pentagon.kind, pentagon.answer, pentagon.choices[::-1], pentagon.skills)
    texts = {str(e.id): question_text(e.prompt) for e in store.list_exercises(language)}
    repeated_in_bank = Counter(texts.values())
    assert max(repeated_in_bank.values()) > 1, "the bank holds questions with the same words (what this test guards)"
    room = Classroom(store, language)
    students = store.list_students(class_id)[:4]
    # two children practise shapes only, where the bank asks "How many sides does a pentagon have?" three times
    for student in students[:2]:
        focus.set_focus(store, class_id, focus.student_key(student.id), ["geometry-shapes"])
    for student in students:
        session = room.practice_session(class_id, student.id)
        asked = []
        for turn in range(25):
            step = session.next_exercise()
            if step is None:  # every distinct question of the focus was asked: the turn ends
                break
            asked.append(step.exercise_id)
            session.record(step.exercise_id, 1.0 if turn % 3 else 0.0)  # mostly right: the turn moves on through skills
        assert len(asked) >= 10, f"{student.name}: only {len(asked)} questions"
        assert len(set(asked)) == len(asked), "an exercise twice in one turn"
        words = Counter(texts[e] for e in asked)
        assert max(words.values()) == 1, f"{student.name} was asked twice: {[t for t, n in words.items() if n > 1]}"


def test_a_session_on_a_tiny_bank_ends_rather_than_repeat(new_class):
    """With fewer exercises than the turn is long, the turn ends when every one was asked."""
    from engine.adapt.recommend import PracticeSession
    from engine.model.bkt import KnowledgeTracingModel

    exercises = {"a": ["s"], "b": ["s"], "c": ["s"]}
    session = PracticeSession(KnowledgeTracingModel(), exercises, {}, item_ids=["a"], correct=[1.0], once_each=True)
    asked = []
    while (step := session.next_exercise()) is not None:
        asked.append(step.exercise_id)
        session.record(step.exercise_id, 0.0)
    assert sorted(asked) == ["a", "b", "c"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_fresh_variants_that_collide_are_drawn_again_or_passed_over(new_class, language):
    """Steps whose variants are bound to collide (few shapes, numbers 1-9): the sheet still never repeats one."""
    from engine.adapt.recommend import NextStep
    from engine.adapt.reports import build_worksheet
    from engine.classroom.api import template_variants

    store, _ = new_class
    colliding = [e for e in store.list_exercises(language) if e.template_id in ("shape-sides", "count-after") and (e.difficulty or 0) <= 2]
    steps = [NextStep(str(e.id), e.skills[0], 0.7, "learn", "") for e in colliding]
    content = {str(e.id): {"prompt": e.prompt, "answer": e.answer, "choices": e.choices} for e in store.list_exercises(language)}
    sheet = build_worksheet("s1", steps, content, make_variant=template_variants(store, language), limit=8)
    texts = Counter(question_text(item.prompt) for item in sheet.items)
    assert len(sheet.items) == 8 and max(texts.values()) == 1, texts


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_starter_pack_repeats_words_only_where_a_template_has_too_few_questions(new_class, language):
    """Only "How many sides does a … have?" repeats: six shapes for fifteen exercises."""
    store, _ = new_class
    by_words: dict[str, list[str]] = {}
    for exercise in store.list_exercises(language):
        by_words.setdefault(question_text(exercise.prompt), []).append(exercise.key)
    repeated = {words: keys for words, keys in by_words.items() if len(keys) > 1}
    assert all(key.startswith(f"{PACK_ID}:shape-sides-") for keys in repeated.values() for key in keys), repeated
    assert len(repeated) <= 6
    if language == "en":
        assert "how many sides does an octagon have?" in by_words and "how many sides does a octagon have?" not in by_words


def test_importing_the_pack_again_marks_a_bank_from_before_the_flag(new_class):
    """A bank imported before the pack marked its tasks off paper gets the mark when the pack comes again."""
    store, _ = new_class
    cards = store.exercise_by_key(f"{PACK_ID}:count-explain")
    store.db.execute("UPDATE exercises SET params = NULL WHERE id = ?", [cards.id])  # as an older pack left it
    assert store.get_exercise(cards.id).on_paper
    import_pack(store, starter_pack_path())
    assert not store.get_exercise(cards.id).on_paper
    assert store.get_exercise(store.exercise_by_key(f"{PACK_ID}:count-after-1-1").id).params  # a template's numbers stay


def test_children_side_by_side_start_on_different_questions_each_always_the_same(new_class):
    """Review 30a: in a new class every child's turn began with the same three questions in the same order (a child
    could copy the answer from the next seat); exercises as good as each other now come in an order of each child's own."""
    store, class_id = new_class
    room = Classroom(store, "en")
    students = store.list_students(class_id)

    def first_three(student_id):
        session, asked = room.practice_session(class_id, student_id), []
        for _ in range(3):
            step = session.next_exercise()
            asked.append(step.exercise_id)
            session.record(step.exercise_id, 1.0)
        return asked

    starts = [first_three(s.id) for s in students]
    assert len({tuple(start) for start in starts}) >= len(students) // 2, starts
    assert first_three(students[0].id) == starts[0], "the same child, the same order"
    skills = {store.get_exercise(int(start[0])).skills[0] for start in starts}
    assert len(skills) == 1, "only the order within what suits them differs: all begin with the same skill"


def test_a_focus_on_tasks_off_paper_prints_the_models_choice_not_an_empty_sheet(new_class):
    """Review 36b: a focus whose skill had only tasks that need the teacher (cards, counters) printed a sheet with no
    exercise saying every skill was mastered; practice mode falls back to the model's choice, and so does the sheet."""
    store, class_id = new_class
    listening = store.add_skill("Counting aloud")
    for n in range(3):
        store.add_exercise(f"Count aloud to {20 + n} for your teacher.", "teacher_marked", "", skills=[listening],
                           params={"on_paper": False})
    student = store.list_students(class_id)[0].id
    focus.set_focus(store, class_id, focus.student_key(student), [listening])
    live.forget()
    [sheet] = [o.worksheet for o in Classroom(store).overviews(class_id, [student], steps=8, worksheets=True)]
    assert len(sheet.items) == 8, "the model's choice, as practice mode offers"
    assert all(store.get_exercise(int(item.exercise_id)).on_paper for item in sheet.items)
