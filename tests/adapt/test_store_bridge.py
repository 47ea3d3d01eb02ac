import random

import pytest

from engine.adapt.bkt import KnowledgeTracingModel
from engine.adapt.service import ClassService
from engine.adapt.store_bridge import load_class, snapshot_saver, template_variants

store_module = pytest.importorskip("engine.store")
importers = pytest.importorskip("engine.store.importers")


@pytest.fixture
def store(tmp_path):
    with store_module.Store.open_file(tmp_path / "lamplight.db") as opened:
        from engine.store.starter_pack import starter_pack_path

        importers.import_pack(opened, starter_pack_path())  # the shipped starter pack
        yield opened


def _class_with_answers(store):
    class_id = store.create_class("4B")
    ana = store.add_student(class_id, "Ana")
    ben = store.add_student(class_id, "Ben")
    counting = [e for e in store.list_exercises() if e.skills == ("counting",)][:6]
    for n, exercise in enumerate(counting * 2):
        store.record_response(ana, exercise.id, 1.0, time=f"2026-03-0{1 + n % 5}T10:00:00+00:00", source="paper")
    store.record_response(ben, counting[0].id, 0.0, time="2026-03-02T10:00:00+00:00", source="paper")
    return class_id, ana, ben


def test_load_class_and_serve_it(store):
    class_id, ana, ben = _class_with_answers(store)
    data = load_class(store, class_id)
    assert set(data.students.values()) == {"Ana", "Ben"}
    assert len(data.responses) == 13 and data.times and len(data.times) == 13
    assert data.prerequisites["place-value"] == ["counting"]
    assert all(isinstance(k, str) for k in data.exercises)
    service = ClassService(data, KnowledgeTracingModel())
    steps = service.next_steps(str(ana), 3)
    assert len(steps) == 3 and all("chance of success" in s.reason for s in steps)
    assert {p.student_id for p in service.progress("week")} >= {str(ana), str(ben), ""}
    sheet = service.worksheet(str(ben), 5, make_variant=template_variants(store), seed=1)
    assert len(sheet.items) == 5 and any(item.fresh_variant for item in sheet.items)
    assert all(item.prompt for item in sheet.items)


def test_practice_only_keeps_auto_graded_exercises(store):
    class_id, _, _ = _class_with_answers(store)
    kinds = {str(e.id): e.kind for e in store.list_exercises()}
    data = load_class(store, class_id, practice_only=True)
    assert data.exercises and all(kinds[k] != "teacher_marked" for k in data.exercises)


def test_template_variants_are_fresh_and_reproducible(store):
    make = template_variants(store)
    templated = next(e for e in store.list_exercises() if e.template_id)
    plain = next(e for e in store.list_exercises() if not e.template_id)
    one = make(str(templated.id), 0.7, random.Random(5))
    assert one == make(str(templated.id), 0.7, random.Random(5)) and one[0]
    assert make(str(plain.id), 0.7, random.Random(5)) is None
    assert make("999999", 0.7, random.Random(5)) is None


def test_snapshot_saver_keeps_meta_models_only(store, tmp_path):
    class_id, _, _ = _class_with_answers(store)
    save = snapshot_saver(store, class_id, tmp_path / "models")
    assert save(KnowledgeTracingModel(), "fallback model") is None
    from engine.model.response import ResponseModel

    snapshot_id = save(ResponseModel(), "before learning")
    snapshot = store.get_model_snapshot(snapshot_id)
    assert snapshot.class_id == class_id and snapshot.note == "before learning" and snapshot.path.endswith(".safetensors")


def test_cli_next_steps_for_a_stored_class(tmp_path, capsys):
    from engine.cli import main
    from engine.store.starter_pack import starter_pack_path

    with store_module.Store.open(tmp_path) as opened:
        importers.import_pack(opened, starter_pack_path())
        _class_with_answers(opened)
    assert main(["--data-dir", str(tmp_path), "next-steps", "--class", "4B", "--student", "Ben", "-k", "2", "--model", "bkt"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Ben" and len(out) == 3 and "chance of success" in out[1]
    assert main(["--data-dir", str(tmp_path), "next-steps", "--class", "nope"]) == 1
