"""The first quiz pick on a class never waits for the class's calibration, and later picks use the stored one.

Calibrating a class (fitting its exercises and its knowledge tracing) takes up to tens of
seconds on a year of answers. It is done once, stored with the class, and kept up to date
in the background; until it exists a pick is a first guess that fits nothing.
"""
import threading

import pytest

from engine.classroom import Classroom, calibration, live
from engine.classroom import models as class_models
from engine.model.bkt import KnowledgeTracingModel
from engine.store import Store
from engine.store.demo import create_demo_class
from tests.classroom.holding import hold_the_class


@pytest.fixture
def room(tmp_path, monkeypatch):
    """A small demo class (8 students, 2 weeks of answers) whose model is knowledge tracing (quick to fit)."""
    real = class_models.class_model
    monkeypatch.setattr(class_models, "class_model", lambda store, class_id: real(store, class_id) or KnowledgeTracingModel())
    store = Store.open(tmp_path)
    class_id = create_demo_class(store, students=8, weeks=2)
    live.forget()
    yield Classroom(store), class_id
    live.forget()
    store.close()


@pytest.fixture
def fits(monkeypatch):
    """Counts every calibration (fit) of knowledge tracing, the class's model here."""
    calls: list[int] = []
    real = KnowledgeTracingModel.calibrate

    def counted(self, *args, **kwargs):
        calls.append(len(args[0]))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(KnowledgeTracingModel, "calibrate", counted)
    return calls


def _new_process(store):
    """What a new start of the app sees: nothing in memory, only the store."""
    live.forget()
    return Classroom(store)


def test_a_first_guess_fits_nothing_and_stores_nothing(room, fits):
    classroom, class_id = room
    assert classroom.first_look(class_id)
    picked = classroom.pick_quiz_exercises(class_id, 2, first_guess=True)
    assert picked and len(set(picked)) == len(picked)
    bank = {e.id for e in classroom.store.list_exercises()}
    assert set(picked) <= bank
    assert fits == [] and classroom.first_look(class_id)
    assert not calibration.is_stored(classroom.store, class_id, class_models.model_key(classroom.store, class_id))


def test_a_first_guess_does_not_wait_for_a_calibration_running_in_another_thread(room):
    classroom, class_id = room
    release, other = hold_the_class(classroom.store, class_id, seconds=30)
    try:
        picked: list = []

        def pick_in_a_job():
            with Store.open(classroom.store.path.parent) as store:  # the job's own connection, as in the app
                picked.extend(Classroom(store).pick_quiz_exercises(class_id, 2, first_guess=True))

        job = threading.Thread(target=pick_in_a_job)
        job.start()
        job.join(20)
        assert not job.is_alive() and picked, "the first-guess pick waited for the class's lock"
        assert classroom.needs_recalibration(class_id) is False  # asking does not wait either
    finally:
        release.set()
        other.join(10)


def test_the_first_real_pick_calibrates_once_and_later_picks_use_the_stored_calibration(room, fits):
    classroom, class_id = room
    first = classroom.pick_quiz_exercises(class_id, 2)
    assert len(fits) == 1  # once (the class's model is its own knowledge tracing here)
    assert not classroom.first_look(class_id)
    assert classroom.pick_quiz_exercises(class_id, 2, first_guess=True) == first  # calibrated: no first guess any more
    again = _new_process(classroom.store)
    assert not again.first_look(class_id)
    assert again.pick_quiz_exercises(class_id, 2) == first
    assert again.pick_quiz_exercises(class_id, 2, first_guess=True) == first
    assert len(fits) == 1, "a new process fitted the class again instead of reading its stored calibration"


def test_new_answers_are_taken_in_without_refitting_and_the_update_is_stored(room, fits):
    classroom, class_id = room
    classroom.pick_quiz_exercises(class_id, 2)
    calibrated = classroom.service(class_id).calibrated_answers
    store = classroom.store
    students = [s.id for s in store.list_students(class_id)]
    exercises = [e.id for e in store.list_exercises()][:40]
    for n in range(60):  # enough to make re-calibrating worth it (calibration.due)
        classroom.record_answer(class_id, students[n % len(students)], exercises[n % len(exercises)], float(n % 3 == 0))
    fits.clear()
    fresh = _new_process(store)
    service = fresh.service(class_id)
    assert fits == []  # the stored calibration, not a new fit
    assert service.calibrated_answers == calibrated and service.answers_since_calibration() == 60
    assert service.answer_count() == calibrated + 60
    # each child's figures follow the new answers: the same as a service built from scratch on the stored calibration
    model, tracer, _ = calibration.load(store, class_id, class_models.model_key(store, class_id))
    from engine.adapt.service import ClassService

    scratch = ClassService(live.read_class(store, class_id), model, tracer=tracer, calibrated=True)
    student = str(students[0])
    assert service.student_mastery(student) == scratch.student_mastery(student)
    assert [s.exercise_id for s in service.next_steps(student, 3)] == [s.exercise_id for s in scratch.next_steps(student, 3)]
    assert fresh.needs_recalibration(class_id)
    fresh.recalibrate(class_id)
    assert len(fits) == 1  # the background re-calibration, starting from the stored one
    _, _, answers = calibration.load(store, class_id, class_models.model_key(store, class_id))
    assert answers == calibrated + 60
    fits.clear()
    latest = _new_process(store)
    latest.pick_quiz_exercises(class_id, 2)
    assert fits == [] and latest.service(class_id).answers_since_calibration() == 0


def test_saving_an_answer_does_not_wait_for_a_calibration_running_elsewhere_and_counts_later(room):
    classroom, class_id = room
    before = classroom.service(class_id).answer_count()
    release, other = hold_the_class(classroom.store, class_id, seconds=30)
    student = classroom.store.list_students(class_id)[0].id
    exercise = classroom.store.list_exercises()[0].id

    def save_on_the_screens_connection():
        with Store.open(classroom.store.path.parent) as store:
            Classroom(store).record_answer(class_id, student, exercise, 1.0)

    saved = threading.Thread(target=save_on_the_screens_connection)
    try:
        saved.start()
        saved.join(10)
        assert not saved.is_alive(), "saving an answer waited for the class's lock"
    finally:
        release.set()
        other.join(10)
    assert classroom.service(class_id).answer_count() == before + 1


def test_prepare_calibrates_once_and_steps_aside_while_another_thread_is_at_it(room, fits):
    classroom, class_id = room
    release, other = hold_the_class(classroom.store, class_id, seconds=30)
    done: list[bool] = []

    def prepare_in_a_job():
        with Store.open(classroom.store.path.parent) as store:
            done.append(Classroom(store).prepare(class_id))

    job = threading.Thread(target=prepare_in_a_job)
    try:
        job.start()
        job.join(10)
        assert not job.is_alive() and done == [False] and fits == []  # it did not wait, and fitted nothing
    finally:
        release.set()
        other.join(10)
    assert classroom.prepare(class_id) is True and len(fits) == 1 and not classroom.first_look(class_id)
    assert _new_process(classroom.store).prepare(class_id) is True and len(fits) == 1  # read back, not fitted again


def test_a_quiz_pick_never_prints_a_task_that_needs_classroom_materials(room):
    """Review 38b: "Pick" put "Sort the shape cards…" on a paper quiz, with writing lines and tick boxes."""
    classroom, class_id = room
    store = classroom.store
    off_paper = {e.id for e in store.list_exercises() if not e.on_paper}
    assert off_paper, "the starter pack has tasks done with cards or counters"
    skills = sorted({s for e in store.list_exercises() if e.id in off_paper for s in e.skills})
    picked = set(classroom.pick_quiz_exercises(class_id, 10, skills=skills))
    assert picked and not picked & off_paper
