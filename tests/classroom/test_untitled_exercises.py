"""Exercises an answers import names only by their id ("Imported exercise OT-GEO-2") count for the model but never
reach a child: no next step, worksheet item or quiz pick until the teacher writes their question (review 34e: 23 such
items were printed on the demo class's worksheets, with writing lines and tick boxes)."""
from __future__ import annotations

from engine.classroom import Classroom
from engine.store import Store
from engine.store.importers import import_responses


def class_with_imported_exercises(tmp_path):
    store = Store.open(tmp_path / "data")
    class_id = store.create_class("4B")
    skill = store.add_skill("Shapes", skill_id="shapes")
    for n in range(3):
        store.add_exercise(f"How many sides has shape {n}?", "numeric", str(n + 3), skills=[skill])
    rows = ["student_id,item_id,skill_ids,correct,position"]
    for student in range(6):
        for position, item in enumerate(f"OT-GEO-{n}" for n in range(6)):
            rows.append(f"u{student},{item},shapes,{(student + position) % 2},{position}")
    log = tmp_path / "other-tool.csv"
    log.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_responses(store, log, class_id=class_id)
    return store, class_id


def test_imported_exercises_without_text_are_no_next_step_worksheet_item_or_quiz_pick(tmp_path):
    store, class_id = class_with_imported_exercises(tmp_path)
    untitled = {e.id for e in store.list_exercises() if e.untitled}
    assert len(untitled) == 6 and all(store.get_exercise(e).prompt.startswith("Imported exercise") for e in untitled)
    room = Classroom(store)
    overviews = room.overviews(class_id, None, steps=8, worksheets=True)
    steps = {int(step.exercise_id) for o in overviews for step in o.steps}
    printed = {int(item.exercise_id) for o in overviews for item in o.worksheet.items}
    picked = set(room.pick_quiz_exercises(class_id, per_skill=5))
    assert steps and printed and picked, "the class still gets next steps, worksheets and a quiz"
    assert not (steps | printed | picked) & untitled
    assert room.dashboard(class_id).answers == 36, "their answers count all the same"

    written = sorted(untitled)[0]
    store.update_exercise(written, prompt="Name a shape with 5 sides.")
    assert not store.get_exercise(written).untitled, "a question written in the bank makes it an exercise like any"
    store.close()
