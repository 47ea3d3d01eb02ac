"""Importing a response log takes memory bounded whatever the number of answers, stays all-or-nothing when
killed, and still sorts and skips duplicates right (issue 14, item 9).

The bench ``engine/bench/import_memory.py`` measures the process's peak memory on logs of hundreds of MB;
these tests check the same property cheaply: Python's own allocations (tracemalloc) do not grow with the
log, and SQLite's work never needs a temporary in-memory B-tree (so its memory is its page cache).
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import engine.store.answer_staging as staging
import engine.store.importers as importers
from engine.paths import STORE_FILE
from engine.store import Store
from engine.store.importers import import_responses

ROOT = Path(__file__).resolve().parents[2]
HEADER = "student_id,item_id,skill_ids,correct,position,time\n"


def _write_shuffled_log(path: Path, rows: int, students: int = 200, seed: int = 1) -> None:
    """A log of ``rows`` answers by a fixed set of students and items, out of position order; every other
    row has a time (both kinds of duplicate check run)."""
    rng = random.Random(seed)
    lines = [f"s{rng.randrange(students)},q{rng.randrange(50)},k{rng.randrange(5)},{rng.randrange(2)},{i},"
             f"{f'2025-03-{1 + i % 28:02d}T09:{i % 60:02d}:00Z' if i % 2 else ''}\n" for i in range(rows)]
    rng.shuffle(lines)
    path.write_text(HEADER + "".join(lines), encoding="utf-8")


def _python_peaks(folder: Path, rows: int) -> list[float]:
    """Peak MB of Python allocations of a first import (sorting) and a second one (sorting + duplicate check)."""
    folder.mkdir(exist_ok=True)
    log = folder / f"log-{rows}.csv"
    _write_shuffled_log(log, rows)
    peaks = []
    with Store.open(folder / f"data-{rows}") as store:
        for _ in range(2):
            tracemalloc.start()
            try:
                import_responses(store, log, class_name="4B")
                peaks.append(tracemalloc.get_traced_memory()[1] / 1e6)
            finally:
                tracemalloc.stop()
        assert store.counts()["responses"] == rows  # the second import skipped every answer
    return peaks


def test_python_memory_of_an_import_does_not_grow_with_the_number_of_answers(tmp_path, monkeypatch):
    # Small batches, so the batch (the only thing held per row) is small next to what per-answer data would take.
    monkeypatch.setattr(importers, "INSERT_BATCH", 500)
    monkeypatch.setattr(staging, "BATCH", 500)
    _python_peaks(tmp_path / "warm-up", 600)  # one-time costs (imports, caches) out of the way
    small, large = _python_peaks(tmp_path, 2_000), _python_peaks(tmp_path, 10_000)
    # Keeping anything per answer (the old per-row arrays and duplicate keys: ~80 bytes an answer) would add
    # about 0.6 MB for the 8,000 extra answers; bounded memory adds nothing but noise.
    for first_or_second, (peak_small, peak_large) in enumerate(zip(small, large)):
        assert peak_large < peak_small + 0.2, (first_or_second, small, large)


@pytest.mark.parametrize("in_store_file", [False, True])
def test_no_query_of_the_scratch_tables_sorts_in_memory(data_dir, in_store_file):
    """A temporary B-tree (USE TEMP B-TREE) would hold every answer in memory: SQLCipher keeps temp data in RAM."""
    with Store.open(data_dir) as store:
        conn = store.db.conn
        with staging.scratch_schema(conn, store.path) as schema:
            if in_store_file:
                conn.execute("BEGIN")
                schema = "main"
            scratch = staging.AnswerStaging(conn, schema, sort=True, check_duplicates=True)
            for name, query in staging.queries(schema).items():
                plan = [row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + query, [0] * query.count("?"))]
                assert plan and not any("TEMP B-TREE" in step for step in plan), (name, plan)
                assert not any(step.startswith("SCAN") and "INDEX" not in step for step in plan), (name, plan)
            scratch.drop()
            scratch.restore_cache()
            if in_store_file:
                conn.execute("ROLLBACK")


def _scratch_tables(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'import_scratch%'")]


def test_a_shuffled_log_into_a_class_with_answers_is_sorted_and_skips_only_what_is_there(data_dir):
    header = "student_id,item_id,skill_ids,correct,position,time,answer\n"
    old = ["s1,q1,a,1,0,2025-03-03T09:00:00Z,4", "s1,q2,a,0,1,,5", "s2,q1,a,1,0,2025-03-03T09:05:00Z,4"]
    new = ["s2,q2,a,1,3,2025-03-04T09:00:00Z,", "s1,q3,a,1,2,,x", "s1,q2,a,0,9,,5",  # q2 again: a second copy, kept
           "s2,q3,a,0,1,2025-03-04T08:00:00Z,"]
    (data_dir / "old.csv").write_text(header + "\n".join(old) + "\n", encoding="utf-8")
    mixed = [new[0], old[2], new[1], old[1], new[3], new[2], old[0]]  # out of position order
    (data_dir / "all.csv").write_text(header + "\n".join(mixed) + "\n", encoding="utf-8")
    with Store.open(data_dir) as store:
        first = import_responses(store, data_dir / "old.csv", class_name="4B")
        report = import_responses(store, data_dir / "all.csv", class_name="4B")
        assert (first.responses, report.responses, report.duplicates_skipped) == (3, 4, 3)
        added: dict[str, list[str]] = {}
        for student, item in store.db.execute(
                "SELECT s.external_id, e.key FROM responses r JOIN students s ON s.id = r.student_id "
                "JOIN exercises e ON e.id = r.exercise_id ORDER BY r.id").fetchall()[3:]:
            added.setdefault(student, []).append(item)
        assert added == {"s1": ["q3", "q2"], "s2": ["q3", "q2"]}  # each student's new answers in position order
        assert _scratch_tables(store) == []


CHILD = """
import sys, time
import engine.store.answer_staging as staging
from engine.paths import STORE_FILE
from engine.store import Store
from engine.store.importers import import_responses
staging.CACHE_KIB = 256  # a small page cache: the scratch tables spill to their file before the kill
phase, threshold = sys.argv[3], float(sys.argv[4])
def progress(fraction, text):
    if fraction >= threshold and phase in text:
        print("at", fraction, text, flush=True)
        time.sleep(60)  # killed here, in the middle of the import's transaction
with Store.open(sys.argv[1]) as store:
    import_responses(store, sys.argv[2], class_name="4B", progress=progress)
print("finished", flush=True)
"""


@pytest.mark.parametrize("phase, threshold", [("importing", 0.7), ("storing", 0.96)])
def test_an_import_killed_while_staging_or_storing_leaves_the_store_as_it_was(tmp_path, phase, threshold):
    folder, log = tmp_path / "data", tmp_path / "log.csv"
    _write_shuffled_log(log, 12_000)
    with Store.open(folder) as store:
        before = import_responses(store, log, class_name="4B", keep_duplicates=True).responses
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(log), phase, str(threshold)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ})
    try:
        line = child.stdout.readline()
        assert line.startswith("at "), (line, child.stderr.read() if child.poll() is not None else "")
        [scratch] = staging.scratch_files(folder / STORE_FILE)
        assert scratch.stat().st_size > 1_000_000, "the scratch tables should have spilled to their file"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    with Store.open(folder) as store:
        assert store.integrity_problems() == []
        assert store.counts()["responses"] == before
        assert _scratch_tables(store) == []
        assert not scratch.exists()  # left by the kill, removed as the data opens (review 36e)
        again = import_responses(store, log, class_name="4B")  # and the store takes the import afterwards
        assert (again.responses, again.duplicates_skipped) == (0, before)


@pytest.mark.skipif(sys.platform == "win32", reason="on Windows every leftover is tried: a live import's file cannot be deleted")
def test_only_scratch_files_of_ended_processes_are_removed(data_dir, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    store_file = data_dir / STORE_FILE
    names = {"dead": f"{int(dead.stdout)}-0a0b", "this process": f"{os.getpid()}-0c0d", "alive": f"{os.getppid()}-0e0f"}
    files = {who: store_file.with_name(f"{STORE_FILE}{staging.SCRATCH_SUFFIX}-{name}") for who, name in names.items()}
    for path in files.values():
        path.write_bytes(b"x")
    log = tmp_path / "log.csv"
    _write_shuffled_log(log, 50)
    with Store.open(data_dir) as store:
        import_responses(store, log)
    assert not files["dead"].exists() and files["this process"].exists() and files["alive"].exists()
    assert set(staging.scratch_files(store_file)) == {files["this process"], files["alive"]}  # and its own is gone


@pytest.mark.skipif(sys.platform == "win32", reason="on Windows every leftover is tried: a live import's file cannot be deleted")
def test_a_killed_imports_scratch_file_goes_when_the_data_opens_a_child_is_deleted_or_encryption_starts(data_dir):
    """Review 36e: a killed import's scratch file (the class's students and typed answers, plain) stayed until the next
    import, through a child's deletion and "the data and its backups are now encrypted"."""
    from engine.security.data_rights import delete_student_everywhere

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    store_file = data_dir / STORE_FILE
    leftover = store_file.with_name(f"{STORE_FILE}{staging.SCRATCH_SUFFIX}-{int(dead.stdout)}-0a0b")
    with Store.open(data_dir) as store:
        student = store.add_student(store.create_class("4B"), "Ana")
        leftover.write_bytes(b"Ana's answers")
        delete_student_everywhere(store, student)
        assert not leftover.exists()
        leftover.write_bytes(b"Ana's answers")
    with Store.open(data_dir):
        assert not leftover.exists()
