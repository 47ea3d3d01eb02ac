"""Property tests: whatever names and answers a class holds, export then import gives them back."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.store import Store
from engine.store.exporters import export_responses, export_roster
from engine.store.classes import tidy_name
from engine.store.importers import import_responses, read_roster

names = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff\x85"),
    min_size=1, max_size=30,
).map(lambda s: " ".join(s.split())).filter(tidy_name)  # a name of invisible characters alone is refused ("\U000e0000")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(roster=st.lists(st.tuples(names, st.one_of(st.none(), st.text("abc123-_", min_size=1, max_size=6)), st.one_of(st.none(), names)),
                       min_size=1, max_size=8, unique_by=lambda r: r[0].casefold()))
def test_roster_export_reads_back_any_names(roster):
    ids = [r[1] for r in roster if r[1]]
    if len(ids) != len(set(ids)):
        return
    with tempfile.TemporaryDirectory() as folder:
        with Store.open(folder) as store:
            class_id = store.create_class("4B")
            for name, external_id, group in roster:
                store.add_student(class_id, name, external_id, group)
            expected = sorted((s.name, s.external_id) for s in store.list_students(class_id))
            path = export_roster(store, class_id, Path(folder) / "roster.csv")
            back = sorted((r.name, r.external_id) for r in read_roster(path))
    assert back == expected


@settings(max_examples=12, deadline=None)
@given(answers=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), st.sampled_from([0.0, 0.25, 0.5, 1.0])), min_size=1, max_size=30))
def test_response_export_import_keeps_every_answer_in_order(answers):
    with tempfile.TemporaryDirectory() as folder:
        with Store.open(folder) as store:
            class_id = store.create_class("4B")
            students = [store.add_student(class_id, f"S{n}", external_id=f"s{n}") for n in range(4)]
            exercises = [store.add_exercise(f"Q{n}", "teacher_marked", key=f"q{n}") for n in range(5)]
            for k, (s, e, score) in enumerate(answers):
                store.record_response(students[s], exercises[e], score, time=f"2026-03-01T09:{k // 60:02d}:{k % 60:02d}Z")
            path = export_responses(store, class_id, Path(folder) / "log.csv.gz")
            report = import_responses(store, path, class_name="Copy")
            def view(cid):
                ext = {s.id: s.external_id for s in store.list_students(cid)}
                return [(ext[r.student_id], r.exercise_id, r.score, r.time) for r in store.responses_for_class(cid)]
            assert view(report.class_id) == view(class_id)
