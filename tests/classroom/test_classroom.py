"""The classroom API: one path from stored answers to every figure, kept up to date answer by answer."""
import random

import pytest

from engine.model.bkt import KnowledgeTracingModel
from engine.classroom import Changes, Classroom, live
from engine.classroom import models as class_models
from engine.classroom.api import template_variants
from engine.store import Store
from engine.store.importers import import_pack
from engine.store.starter_pack import starter_pack_path


@pytest.fixture
def room(tmp_path):
    store = Store.open(tmp_path)
    import_pack(store, starter_pack_path())
    yield Classroom(store)
    live.forget()
    store.close()


@pytest.fixture
def quick_model(monkeypatch):
    """The classes use knowledge tracing (quick to calibrate) instead of the shipped model."""
    real = class_models.class_model
    monkeypatch.setattr(class_models, "class_model", lambda store, class_id: real(store, class_id) or KnowledgeTracingModel())


def _class_with_answers(store):
    class_id = store.create_class("4B")
    ana = store.add_student(class_id, "Ana")
    ben = store.add_student(class_id, "Ben")
    counting = [e for e in store.list_exercises() if e.skills == ("counting",)][:6]
    for n, exercise in enumerate(counting * 2):
        store.record_response(ana, exercise.id, 1.0, time=f"2026-03-0{1 + n % 5}T10:00:00+00:00", source="paper")
    store.record_response(ben, counting[0].id, 0.0, time="2026-03-02T10:00:00+00:00", source="paper")
    return class_id, ana, ben


def _progress(board):
    return [(p.student_id, p.period_start, p.answers, None if p.accuracy != p.accuracy else p.accuracy, p.mastered_share,
             p.mean_mastery) for p in board.progress]


def _fresh_figures(room, class_id, student):
    """The same figures computed from scratch (nothing kept in memory)."""
    live.forget()
    page = room.student_page(class_id, student)
    board = room.dashboard(class_id)
    return page.mastery, [s.exercise_id for s in page.steps], board.needs_help, _progress(board)


def test_student_page_and_dashboard_come_from_the_store(room, quick_model):
    class_id, ana, ben = _class_with_answers(room.store)
    page = room.student_page(class_id, ana, 3)
    assert page.student.name == "Ana" and len(page.history) == 12
    assert len(page.steps) == 3 and all(s.reason for s in page.steps)
    assert set(page.exercises) == {s.exercise_id for s in page.steps}
    board = room.dashboard(class_id)
    assert board.answers == 13 and set(board.student_names.values()) == {"Ana", "Ben"}
    assert {p.student_id for p in board.progress} >= {str(ana), str(ben), ""}


def test_a_new_answer_updates_that_student_and_agrees_with_a_fresh_computation(room, quick_model):
    class_id, ana, ben = _class_with_answers(room.store)
    room.dashboard(class_id)
    service = room.service(class_id)
    ana_cells = service.student_mastery(str(ana))
    exercise = next(e for e in room.store.list_exercises() if e.skills == ("counting",))
    room.store.record_response(ben, exercise.id, 0.0, time="2026-03-09T10:00:00+00:00", source="paper")  # a new week
    room.dashboard(class_id)
    changes = room.record_answer(class_id, ben, exercise.id, 1.0, answer="3")
    assert changes == Changes(answers=True) and changes.affects_figures()
    assert service.student_mastery(str(ana)) is ana_cells  # nobody else was recomputed
    board = room.dashboard(class_id)
    incremental = (room.student_page(class_id, ben).mastery, [s.exercise_id for s in room.student_page(class_id, ben).steps],
                   board.needs_help, _progress(board))
    assert incremental == _fresh_figures(room, class_id, ben)


def test_answers_written_elsewhere_and_changed_grid_cells_are_caught_up(room, quick_model):
    class_id, ana, ben = _class_with_answers(room.store)
    quiz = room.store.create_quiz(class_id, "Quiz", [e.id for e in room.store.list_exercises()[:3]])
    exercise = room.store.list_exercises()[0].id
    room.dashboard(class_id)
    room.store.record_response(ana, exercise, 0.0, source="import")  # another connection, e.g. an import job
    room.set_quiz_score(class_id, quiz, ben, exercise, 1.0)
    room.set_quiz_score(class_id, quiz, ben, exercise, 0.0)  # a typed cell replaced: delete + insert
    assert room.dashboard(class_id).answers == 15
    expected = _fresh_figures(room, class_id, ben)
    assert room.student_page(class_id, ben).mastery == expected[0]


def test_the_calibration_is_stored_with_the_class_and_not_redone(room, monkeypatch):
    class_id, ana, _ = _class_with_answers(room.store)
    first = room.student_page(class_id, ana).steps
    live.forget()  # as in a new process
    from engine.model.response import ResponseModel

    monkeypatch.setattr(ResponseModel, "calibrate", lambda *a, **k: pytest.fail("calibrated again"))
    assert room.student_page(class_id, ana).steps == first
    room.record_answer(class_id, ana, room.store.list_exercises()[0].id, 1.0)
    live.forget()
    assert room.student_page(class_id, ana).history[-1].score == 1.0


def test_background_recalibration_swaps_in_and_keeps_answers_given_meanwhile(room, quick_model):
    class_id, ana, ben = _class_with_answers(room.store)
    room.dashboard(class_id)
    current, seen, owners = live.snapshot(room.store, class_id)
    fresh = current.recalibrated()
    room.record_answer(class_id, ana, room.store.list_exercises()[1].id, 0.0)  # while the job ran
    live.swap_in(room.store, class_id, fresh, seen, owners)
    assert room.service(class_id) is fresh
    assert room.dashboard(class_id).answers == 14 and fresh.calibrated_answers == 13
    assert room.needs_recalibration(class_id) is False  # one answer is not worth it


def test_worksheets_contain_fresh_variants_where_the_bank_has_templates(room, quick_model):
    class_id, _, ben = _class_with_answers(room.store)
    sheets = room.overviews(class_id, [ben], steps=8, worksheets=True)
    sheet = sheets[0].worksheet
    assert len(sheet.items) == 8 and any(item.fresh_variant for item in sheet.items)


def test_template_variants_are_fresh_and_reproducible(room):
    make = template_variants(room.store)
    templated = next(e for e in room.store.list_exercises() if e.template_id)
    plain = next(e for e in room.store.list_exercises() if not e.template_id)
    one = make(str(templated.id), 0.7, random.Random(5))
    assert one == make(str(templated.id), 0.7, random.Random(5)) and one[0]
    assert make(str(plain.id), 0.7, random.Random(5)) is None
    assert make("999999", 0.7, random.Random(5)) is None


def test_cli_next_steps_for_a_stored_class(tmp_path, capsys):
    from engine.cli import main

    with Store.open(tmp_path) as opened:
        import_pack(opened, starter_pack_path())
        _class_with_answers(opened)
    assert main(["--data-dir", str(tmp_path), "next-steps", "--class", "4B", "--student", "Ben", "-k", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Ben" and len(out) == 3 and "chance of success" in out[1]
    assert main(["--data-dir", str(tmp_path), "next-steps", "--class", "nope"]) == 1


def test_a_changed_score_under_a_reused_answer_id_is_noticed(room, quick_model):
    class_id, ana, ben = _class_with_answers(room.store)
    exercise = room.store.list_exercises()[0].id
    room.record_answer(class_id, ben, exercise, 1.0)
    newest = room.store.class_answer_mark(class_id)[1]
    room.dashboard(class_id)
    room.store.delete_response(newest)  # SQLite gives the next answer the same id
    assert room.store.record_response(ben, exercise, 0.0) == newest
    assert [a.score for a in room.service(class_id).answers(str(ben))][-1] == 0.0
    assert room.student_page(class_id, ben).mastery == _fresh_figures(room, class_id, ben)[0]


def test_retyping_a_quiz_cell_gives_the_answer_a_new_id(room, quick_model):
    class_id, _, ben = _class_with_answers(room.store)
    exercise = room.store.list_exercises()[0].id
    quiz = room.store.create_quiz(class_id, "Quiz", [exercise])
    room.set_quiz_score(class_id, quiz, ben, exercise, 1.0)
    first = room.store.class_answer_mark(class_id)[1]
    room.set_quiz_score(class_id, quiz, ben, exercise, 0.0)
    assert room.store.class_answer_mark(class_id)[1] > first
    assert room.store.quiz_scores(quiz) == {(ben, exercise): 0.0}


def test_next_step_reasons_name_skills_in_the_teachers_language(room, quick_model):
    class_id, ana, _ = _class_with_answers(room.store)
    room.student_page(class_id, ana)  # the live class is first read in English
    chinese = Classroom(room.store, "zh_CN").student_page(class_id, ana)
    names = room.store.skill_names("zh_CN")
    for step in chinese.steps:
        labels = [value for part in step.parts for key, value in part.values if key == "skill"]
        assert labels and all(label == names[step.skill_id] for label in labels), step.parts


def test_a_store_that_wrote_nothing_still_sees_what_another_connection_saved(room, quick_model, tmp_path):
    class_id, ana, _ = _class_with_answers(room.store)
    room.dashboard(class_id)
    other = Store.open(tmp_path)  # a background job's own connection
    other.record_response(ana, room.store.list_exercises()[0].id, 0.0, source="import")
    other.close()
    assert room.dashboard(class_id).answers == 14
    for _ in range(3):  # stores opened and closed one after another never pass for each other
        job_store = Store.open(tmp_path)
        assert Classroom(job_store).dashboard(class_id).answers == 14
        job_store.close()


def test_a_practice_focus_makes_practice_offer_only_those_skills(room, quick_model):
    from engine.classroom import focus

    store = room.store
    class_id, ana, ben = _class_with_answers(store)
    skills_of = {str(e.id): set(e.skills) for e in store.list_exercises()}
    default = room.practice_session(class_id, ben)
    assert len({s for e in default.exercise_skills for s in skills_of[e]}) > 2  # the model's choice: the whole bank

    wanted = sorted({s for sk in skills_of.values() for s in sk} - {"counting"})[:2]
    group = store.create_group(class_id, "Fractions – needs help", [ben])
    focus.set_focus(store, class_id, focus.group_key(group), wanted)
    assert store.get_setting(f"practice_focus/{class_id}") == {f"group:{group}": wanted}
    session = room.practice_session(class_id, ben)
    assert session.exercise_skills and all(skills_of[e] & set(wanted) for e in session.exercise_skills)
    for _ in range(4):  # every exercise offered, answer after answer, is of a focus skill
        step = session.next_exercise()
        assert skills_of[step.exercise_id] & set(wanted)
        session.record(step.exercise_id, 0.0)
    assert room.practice_session(class_id, ana).exercise_skills.keys() == default.exercise_skills.keys()  # not in the group

    focus.set_focus(store, class_id, focus.student_key(ben), ["counting"])  # the child's own focus wins
    assert {s for e in room.practice_session(class_id, ben).exercise_skills for s in skills_of[e]} >= {"counting"}
    assert all("counting" in skills_of[e] for e in room.practice_session(class_id, ben).exercise_skills)
    focus.set_focus(store, class_id, focus.student_key(ben), None)
    focus.set_focus(store, class_id, focus.group_key(group), [])  # back to what the model suggests
    assert store.get_setting(f"practice_focus/{class_id}") is None
    assert room.practice_session(class_id, ben).exercise_skills.keys() == default.exercise_skills.keys()


def test_a_deleted_group_or_childs_focus_goes_with_them_and_never_reaches_a_newcomer_of_the_same_id(room):
    """Review 27: a new group (or child) given a deleted one's id practised the deleted one's skills."""
    from engine.classroom import focus

    store = room.store
    class_id = store.create_class("4C")
    ana, ben = store.add_student(class_id, "Ana"), store.add_student(class_id, "Ben")
    tigers = store.create_group(class_id, "Tigers", [ana])
    focus.set_focus(store, class_id, focus.group_key(tigers), ["counting"])
    focus.set_focus(store, class_id, focus.student_key(ben), ["counting"])
    store.delete_group(tigers)
    store.delete_student(ben)
    assert focus.class_focus(store, class_id) == {} and store.get_setting(focus.setting_key(class_id)) is None
    lions = store.create_group(class_id, "Lions", [ana])
    newcomer = store.add_student(class_id, "Chen")
    assert lions == tigers, "SQLite gave the group's id out again"
    assert newcomer > ben, "a student's id is never given again (review 34b)"
    assert focus.focus_for_student(store, class_id, newcomer) == [] and focus.focus_of(store, class_id, focus.group_key(lions)) == []
    focus.set_focus(store, class_id, focus.group_key(lions), ["counting"])
    store.delete_class(class_id)
    assert store.get_setting(focus.setting_key(class_id)) is None


def test_group_view_of_the_dashboard_keeps_each_childs_figures(room, quick_model):
    store = room.store
    class_id, ana, ben = _class_with_answers(store)
    board = room.dashboard(class_id)
    only_ben = board.only([str(ben)])
    assert only_ben.mastery.students == [str(ben)]
    assert only_ben.mastery.cells[str(ben)] == board.mastery.cells[str(ben)]
    assert all(h.student_id == str(ben) for h in only_ben.needs_help)
    assert only_ben.groups == [], "review 46: no suggested group of one child"
    assert only_ben.left_out == ([str(ben)] if any(str(ben) in g.students for g in board.groups) or str(ben) in board.left_out
                                 else [])
    assert set(board.mastery.students) == {str(ana), str(ben)}


def test_a_chinese_worksheet_prints_stored_exercises_in_chinese_too(room, quick_model):
    class_id, _, ben = _class_with_answers(room.store)
    room.student_page(class_id, ben)  # the live class is first read in English
    [sheet] = [o.worksheet for o in Classroom(room.store, "zh_CN").overviews(class_id, [ben], steps=10, worksheets=True)]
    chinese = {str(e.id): e.prompt for e in room.store.list_exercises("zh_CN")}
    stored = [item for item in sheet.items if not item.fresh_variant]
    assert stored, "the sheet has exercises printed as stored"
    assert all(item.prompt.startswith(chinese[item.exercise_id]) for item in stored)


def test_an_exercise_added_by_another_program_reaches_the_live_class(room, quick_model, tmp_path):
    class_id, ana, _ = _class_with_answers(room.store)
    room.dashboard(class_id)
    other = Store.open(tmp_path)  # the command line importing a pack while the app is open
    new = other.add_exercise("7 + 8 = ?", "numeric", answer="15", skills=["counting"])
    other.close()
    room.dashboard(class_id)
    assert str(new) in live.live_service(room.store, class_id).data.exercises


def test_a_groups_most_missed_and_progress_count_only_its_childrens_answers(room, quick_model):
    """Review 35d #4: with a group shown, the dashboard listed the whole class's most-missed exercises."""
    store = room.store
    class_id = store.create_class("4C")
    kids = [store.add_student(class_id, name) for name in ("Ana", "Ben", "Cai", "Dee")]
    counting = [e for e in store.list_exercises() if e.skills == ("counting",)][:2]
    for kid in kids:  # the first exercise: Ana and Ben miss it; the second: Cai and Dee do
        for n, exercise in enumerate(counting):
            wrong = (n == 0) == (kid in kids[:2])
            store.record_response(kid, exercise.id, 0.0 if wrong else 1.0, time=f"2026-03-0{2 + n}T10:00:00+00:00", source="paper")
    board = room.dashboard(class_id)
    assert {m.miss_rate for m in board.most_missed} == {0.5}, "the class: half of it missed each"
    first, second = (str(e.id) for e in counting)
    missed = room.most_missed(class_id, kids[:2])
    assert [(m.exercise_id, m.attempts, m.miss_rate, m.who_missed) for m in missed] == [(first, 2, 1.0, tuple(sorted([str(kids[0]), str(kids[1])])))]
    assert [m.exercise_id for m in room.most_missed(class_id, kids[2:])] == [second]
    group = board.only([str(k) for k in kids[:2]], missed)
    assert group.most_missed == missed
    pooled = [p for p in group.progress if p.student_id == ""]
    assert {p.student_id for p in group.progress} == {"", str(kids[0]), str(kids[1])}
    assert sum(p.answers for p in pooled) == 4 and sum(p.accuracy * p.answers for p in pooled if p.answers) == 2


def test_the_garbage_collector_is_held_only_while_a_class_is_read_into_memory(room, quick_model, monkeypatch):
    """live.collector_held: reading a class (its answers, then the dashboard's figures) holds the cyclic collector,
    which is on again after, also when a hold ends on another thread while one is still held; never switched on
    where something else had it off."""
    import gc
    import threading

    store = room.store
    class_id, _, _ = _class_with_answers(store)
    seen = []
    real_log = type(store).class_log
    monkeypatch.setattr(type(store), "class_log", lambda self, c: seen.append(gc.isenabled()) or real_log(self, c))
    assert gc.isenabled()
    room.dashboard(class_id)
    assert seen == [False] and gc.isenabled()

    inside, leave = threading.Event(), threading.Event()

    def other_thread():
        with live.collector_held():
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=other_thread)
    with live.collector_held():
        worker.start()
        assert inside.wait(5)
    assert not gc.isenabled(), "the other thread still holds it"
    leave.set()
    worker.join()
    assert gc.isenabled()

    gc.disable()
    try:
        with live.collector_held():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_group_view_suggests_no_group_of_one_child(room):
    """Review 46: the dashboard shown for a group of six listed "Counting (group 2 of 3): Yang" and "(group 3): Liang"."""
    from engine.store.demo import create_demo_class

    class_id = create_demo_class(room.store)
    board = room.dashboard(class_id)
    first, second = [g for g in board.groups if len(g.students) >= 2][:2]
    chosen = [first.students[0], *second.students[:2]]
    view = board.only(chosen)
    assert [g.students for g in view.groups] == [tuple(second.students[:2])]
    assert view.left_out == [first.students[0]]
