"""Practice mode: locked teacher screens, adaptive exercises, instant grading, password to leave."""
from __future__ import annotations

from desktop import security, services
from tests.gui.conftest import finish_jobs


def start(window):
    security.set_teacher_password(window.context.store, "owl-42")
    page = window.open_page("practice")
    page.start_practice()
    finish_jobs()
    return page


def test_practice_session_records_graded_answers_and_locks_teacher_screens(make_window):
    window = make_window()
    store = window.context.store
    page = start(window)
    assert window.context.practice_locked
    assert not window.nav.isEnabled() and not window.menuBar().isEnabled()
    assert not window.nav.isVisible() and not window.toolbar.isVisible()
    window.open_page("dashboard")
    assert window.current_key() == "practice"

    names = [page.name_list.item(i).text() for i in range(page.name_list.count())]
    assert names == [s.name for s in services.list_students(store, window.context.class_id)]
    student = page.name_list.item(0).data(256)
    before = len(services.class_responses(store, window.context.class_id)[0])
    page.pick_student(student)
    assert page.hello.text() == f"Hello, {student.name}!"

    for _ in range(3):
        exercise = page.class_data.exercises[page.step.exercise_id]
        assert exercise.kind in services.AUTO_GRADED
        if exercise.choices:
            page.choice_group.button(exercise.choices.index(exercise.answer_text)).setChecked(True)
        else:
            page.answer_edit.setText(exercise.answer_text)
        page.submit()
        assert page.feedback.text() == "Right! Well done."
        page.show_next()
    exercise = page.class_data.exercises[page.step.exercise_id]
    if exercise.choices:
        wrong = next(c for c in exercise.choices if c != exercise.answer_text)
        page.choice_group.button(exercise.choices.index(wrong)).setChecked(True)
    else:
        page.answer_edit.setText("definitely wrong")
    page.submit()
    assert page.feedback.text().startswith("Not quite.") and exercise.answer_text in page.feedback.text()
    assert page.score_label.text() == "Today: 3 right out of 4."

    responses, _, sources = services.class_responses(store, window.context.class_id)
    assert len(responses) == before + 4
    mine = [c for s, c in zip(responses.student_ids, responses.correct) if s == str(student.id)][-4:]
    assert list(mine) == [1.0, 1.0, 1.0, 0.0]

    page.finish_student()
    assert page.pages.currentIndex() == 1 and page.score_label.text() == ""


def test_leaving_practice_needs_the_teacher_password(make_window):
    window = make_window()
    page = start(window)
    assert not page.leave_practice("wrong")
    assert window.context.practice_locked
    assert page.leave_practice("owl-42")
    assert not window.context.practice_locked and window.nav.isEnabled() and window.nav.isVisible()
    window.open_page("dashboard")
    assert window.current_key() == "dashboard"


def test_password_is_stored_as_a_hash_and_checked(data_dir):
    store = services.open_store(data_dir)
    assert not security.verify_teacher_password(store, "")
    recovery_key = security.set_teacher_password(store, "owl-42")
    assert recovery_key
    stored = services.get_setting(store, "teacher_password_hash")
    assert stored.startswith("$argon2") and "owl-42" not in stored
    assert security.verify_teacher_password(store, "owl-42")
    assert not security.verify_teacher_password(store, "owl-43")


def test_grading_of_each_kind():
    from desktop.services import ExerciseInfo, grade

    number = ExerciseInfo("1", "Half of 1?", "numeric", "0.5")
    assert grade(number, "0,5") == 1.0 and grade(number, ".5") == 1.0 and grade(number, "1/2") == 1.0
    assert grade(number, "0.6") == 0.0 and grade(number, "half") == 0.0
    text = ExerciseInfo("2", "Capital of France?", "short_text", "Paris")
    assert grade(text, "  paris. ") == 1.0 and grade(text, "Lyon") == 0.0
    choice = ExerciseInfo("3", "Bigger?", "multiple_choice", "1/2", ("1/2", "1/3"))
    assert grade(choice, "1/2") == 1.0 and grade(choice, "1/3") == 0.0


def test_practice_uses_the_class_model_with_knowledge_tracing_like_next_steps(make_window, monkeypatch):
    from engine.adapt.traced import TracedModel
    from tests.adapt.conftest import TinySkillModel

    monkeypatch.setattr(services, "load_model", lambda store, class_id: TinySkillModel())  # a static model
    monkeypatch.setattr(services, "_CACHE", {})
    window = make_window()
    page = start(window)
    page.pick_student(page.name_list.item(0).data(256))
    service = page.class_data.service
    assert isinstance(page.session.model, TracedModel) and page.session.model.response is service.model()
    assert page.session.config == service.config
