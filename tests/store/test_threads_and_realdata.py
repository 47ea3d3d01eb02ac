"""One Store per thread, and the real ASSISTments logs (skipped when ../shared/data is absent)."""
from __future__ import annotations

import gzip
import threading

import pytest

from engine.store import Store
from engine.store.importers import import_responses
from tests.conftest import shared_dataset


def test_each_thread_opens_its_own_store_and_writes_concurrently(data_dir):
    with Store.open() as store:
        class_id = store.create_class("4B")
        exercise = store.add_exercise("1 + 1", "numeric", "2")
        students = [store.add_student(class_id, f"S{n}") for n in range(4)]
    errors: list[BaseException] = []

    def practise(student_id: int) -> None:
        try:
            with Store.open() as own:
                for n in range(25):
                    own.record_response(student_id, exercise, n % 2)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=practise, args=(s,)) for s in students]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store.open() as store:
        assert store.answer_counts(class_id) == {s: 25 for s in students}


def test_a_store_refuses_use_from_another_thread(data_dir):
    store = Store.open()
    failures = []
    thread = threading.Thread(target=lambda: failures.append(_try(store.list_classes)))
    thread.start()
    thread.join()
    assert failures == [True]
    store.close()


def _try(function) -> bool:
    try:
        function()
    except Exception:
        return True
    return False


def test_real_log_prefix_imports_with_named_skills(data_dir, tmp_path):
    folder = shared_dataset("assist2009")
    with gzip.open(folder / "responses.csv.gz", "rt", encoding="utf-8") as source:
        lines = [next(source) for _ in range(5001)]
    sample = tmp_path / "responses.csv"
    sample.write_text("".join(lines), encoding="utf-8")
    (tmp_path / "skills.csv").write_bytes((folder / "skills.csv").read_bytes())
    with Store.open() as store:
        report = import_responses(store, sample)
        assert report.responses == 5000
        assert store.get_class(report.class_id).name == "Imported " + tmp_path.name
        log = store.class_log(report.class_id)
        assert len(log) == 5000 and set(log.correct.tolist()) <= {0.0, 1.0}
        names = store.skill_names()
        assert any(name != skill for skill, name in names.items())  # names came from skills.csv


@pytest.mark.slow
def test_whole_assist2009_imports(data_dir):
    folder = shared_dataset("assist2009")
    with Store.open() as store:
        report = import_responses(store, folder / "responses.csv.gz")
        assert (report.responses, report.students_added, report.exercises_added) == (274561, 4150, 16891)
        assert store.get_class(report.class_id).name == "Imported assist2009"
