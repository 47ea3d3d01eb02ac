"""The quiz-pick benchmark measures what it says on a small synthetic class (the figures are printed, not asserted)."""
from engine.bench import quiz_pick
from engine.bench.classroom import build_class
from engine.classroom import live


def test_quiz_pick_bench_measures_the_first_guess_then_the_stored_calibration(tmp_path):
    store, _, source = build_class(tmp_path, 15, None)
    store.close()
    assert source.startswith("synthetic")
    first = quiz_pick.measure(tmp_path, "first")
    live.forget()  # as the benchmark's second process sees it
    stored = quiz_pick.measure(tmp_path, "stored")
    live.forget()
    assert first["exercises_picked"] > 0 and 0 <= first["first_guess_kept_share"] <= 1
    assert {"first_pick_wait_s", "calibrating_pick_s"} <= first.keys()
    assert stored["answers"] == 60 * 15 and {"pick_new_process_s", "pick_again_ms"} <= stored.keys()
    assert "60 x    15 (900 answers)" in quiz_pick._line({"answers_per_student": 15, "source": source, **first, **stored})


def test_the_demo_size_builds_the_apps_demo_class(tmp_path):
    from engine.store import Store

    assert quiz_pick.build_demo(tmp_path).startswith("the demo class")
    with Store.open(tmp_path) as store:
        [demo] = store.list_classes()
        assert len(store.list_students(demo.id)) == 30 and store.class_answer_mark(demo.id)[0] > 1000
    row = {"answers_per_student": "demo", "answers": 1933, "source": "the demo class", "first_pick_wait_s": 0.1,
           "first_guess_kept_share": 0.5, "calibrating_pick_s": 3.0, "pick_new_process_s": 0.1, "pick_again_ms": 50.0}
    assert quiz_pick._line(row).startswith("demo class (1933 answers): first Pick waits 0.1 s")
