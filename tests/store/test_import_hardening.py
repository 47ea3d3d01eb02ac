"""Imports refuse malformed CSV by line, do not crash on repeated skills, stream with progress, and skip
answers and students already in the store (issue 14, items 4, 5, 9 and 15)."""
from __future__ import annotations

import gzip

import pytest

from engine.cli import main
from engine.data import load_responses
from engine.errors import LamplightError
from engine.store import Store
from engine.store.importers import import_responses, import_roster, preview_roster

ROSTER_30 = "name,external_id\n" + "".join(f"Pupil {i},s{i}\n" for i in range(30))


def _roster_with(lines: dict[int, str]) -> str:
    """ROSTER_30 with some data lines (1 = first pupil, file line 2) replaced."""
    rows = ROSTER_30.splitlines()
    for number, text in lines.items():
        rows[number] = text
    return "\n".join(rows) + "\n"


# --- item 4: structural faults are refused with the line ----------------------------------------
@pytest.mark.parametrize("text, message", [
    (_roster_with({5: '"Lee, Ann,s4'}), r"line 6: a quoted cell in column 'name' runs on to line|line 6: a quote \" opened here is never closed"),
    (_roster_with({5: '"Lee, Ann",s4,extra'}), "line 6: 3 cells, expected 2"),
    (_roster_with({5: "\x00\x00\x00\x00,s4"}), "line 6: the line holds NUL bytes"),
    (_roster_with({30: '"Last, Pupil,s29'}), "line 31: a quote \" opened here is never closed"),
    (_roster_with({5: '"Lee" Ann,s4'}), "line 6: the quotes are not well formed"),
    (_roster_with({5: "x" * 200_000 + ",s4"}), "line 6: one cell holds more than 131,072 characters; this is not a CSV table"),
])
def test_malformed_roster_is_refused_with_the_line_and_nothing_is_added(data_dir, text, message):
    path = data_dir / "roster.csv"
    path.write_text(text, encoding="utf-8")
    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        with pytest.raises(LamplightError, match=message):
            import_roster(store, class_id, path)
        assert store.list_students(class_id) == []


@pytest.mark.parametrize("rest, message", [
    (" " * 1_500_000 + "s1\n", "line 2: the line is longer than 1,000,000 characters; this is not a CSV table"),
    ("\n" * 200_000 + "s1\n", "line 100002: more than 100,000 empty lines in a row; this is not a CSV table"),
    (",\n" * 200_000 + "s1\n", "line 100002: more than 100,000 empty lines in a row; this is not a CSV table"),  # review 29c
])
def test_a_small_gzip_that_unpacks_to_no_table_is_refused_without_reading_it_all(data_dir, rest, message):
    """Review 29b: a 1.5 MB gzip holding one line of 1.5 GB took 3 GB of memory; 400 KB of gzip holding 400 million
    empty lines kept the import at 0% for minutes. Any file may be gzip, whatever its name."""
    roster, log = data_dir / "roster.csv", data_dir / "answers.csv"
    roster.write_bytes(gzip.compress(("name\n" + rest).encode("utf-8")))
    log.write_bytes(gzip.compress(("student_id,item_id,skill_ids,correct,position\n" + rest).encode("utf-8")))
    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        with pytest.raises(LamplightError, match=message):
            preview_roster(store, class_id, roster)
        with pytest.raises(LamplightError, match=message):
            import_responses(store, log, class_id=class_id)
        assert store.list_students(class_id) == []


def test_a_pack_that_unpacks_to_more_than_64_mb_is_refused(data_dir):
    from engine.store.importers import import_pack

    path = data_dir / "pack.json"
    path.write_bytes(gzip.compress(b'{"format": "lamplight-pack", ' + b" " * (65 << 20) + b"}", compresslevel=1))
    with Store.open(data_dir) as store:
        before = store.counts()
        with pytest.raises(LamplightError, match="more than 64 MB of text; an exercise pack is far smaller"):
            import_pack(store, path)
        assert store.counts() == before


def test_unterminated_quote_no_longer_swallows_the_following_lines(data_dir):
    """The reported case: a quote opened on one line ran on to the next quote, merging pupils into one name."""
    path = data_dir / "roster.csv"
    path.write_text(_roster_with({5: '"Lee, Ann,s4', 9: 'Ray "Bob",s8'}), encoding="utf-8")
    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        with pytest.raises(LamplightError, match="line 6"):
            import_roster(store, class_id, path)
        assert store.list_students(class_id) == []


LOG_HEADER = "student_id,item_id,skill_ids,correct,position,answer\n"


@pytest.mark.parametrize("body, message", [
    ("s1,q1,a,1,0,4\ns1,,q2,a,1,1,5\ns1,q3,a,1,2,6\n", "line 3: 7 fields, expected 6"),
    ('s1,q1,a,1,0,"four\ns1,q2,a,1,1,5\n', "line 2: a quote \" opened here is never closed"),
    ("s1,q1,a,1,0,4\ns\x002,q2,a,1,1,5\n", "line 3: the line holds NUL bytes"),
    ('s1,q1,a,1,0,4\n"s2\n",q2,a,1,1,5\n', "line 3: a quoted cell in column 'student_id' runs on to line 4"),
])
def test_malformed_response_log_is_refused_by_the_store_and_by_the_evaluation_loader(data_dir, body, message):
    path = data_dir / "responses.csv"
    path.write_text(LOG_HEADER + body, encoding="utf-8")
    with Store.open(data_dir) as store:
        with pytest.raises(LamplightError, match=message):
            import_responses(store, path)
        assert store.counts()["responses"] == 0 and store.list_classes() == []
    with pytest.raises(LamplightError, match=message):  # the same reader serves evaluation
        load_responses(path)


@pytest.mark.parametrize("row, message", [
    ("s1,q2,a,1,1," + "x" * 2_001 + ",", "line 3: the answer is 2,001 characters long"),
    ("s1,q2,a,1,1,5,2099-01-01T10:00:00Z", "line 3: the time '2099-01-01T10:00:00Z' is after today"),
])
def test_answers_no_child_could_have_given_are_refused_and_nothing_is_imported(data_dir, row, message):
    """Review 36b: 130,000-character answers took the marking screen 26 s; an answer dated next year stayed a child's
    latest answer (her page and Needs help went by it) until that date."""
    path = data_dir / "responses.csv"
    path.write_text("student_id,item_id,skill_ids,correct,position,answer,time\ns1,q1,a,1,0,4,2026-03-01T10:00:00Z\n" + row + "\n",
                    encoding="utf-8")
    with Store.open(data_dir) as store:
        with pytest.raises(LamplightError, match=message):
            import_responses(store, path)
        assert store.counts()["responses"] == 0


def test_a_typed_answer_may_span_lines_when_quoted(data_dir):
    path = data_dir / "responses.csv"
    path.write_text(LOG_HEADER + 's1,q1,a,1,0,"two\nlines"\ns1,q2,a,0,1,x\n', encoding="utf-8")
    with Store.open(data_dir) as store:
        report = import_responses(store, path)
        assert report.responses == 2
        assert sorted(r.answer for r in store.list_responses()) == ["two\nlines", "x"]


def test_semicolon_files_and_trailing_empty_cells_still_import(data_dir):
    path = data_dir / "roster.csv"
    path.write_text("name;external_id;\nAna Lima;s1;\nBo Chen;s2;\n", encoding="utf-8")
    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        assert import_roster(store, class_id, path).added == 2


# --- item 5: a skill repeated in skill_ids -------------------------------------------------------
def test_repeated_skill_on_an_exercise_already_in_the_bank_imports(data_dir):
    path = data_dir / "responses.csv"
    path.write_text("student_id,item_id,skill_ids,correct,position\ns1,q1,b;b,1,0\ns1,q1, b ;b;c,0,1\n", encoding="utf-8")
    with Store.open(data_dir) as store:
        store.add_skill("B", skill_id="b")
        store.add_exercise("1 + 1 = ?", "numeric", "2", key="q1")
        report = import_responses(store, path)
        assert report.responses == 2
        assert store.exercise_by_key("q1").skills == ("b", "c")


def test_repeated_skill_on_a_new_exercise_imports(data_dir):
    path = data_dir / "responses.csv"
    path.write_text("student_id,item_id,skill_ids,correct,position\ns1,q9,b;b,1,0\n", encoding="utf-8")
    with Store.open(data_dir) as store:
        assert import_responses(store, path).responses == 1
        assert store.exercise_by_key("q9").skills == ("b",)


# --- item 9: streaming, order and progress -------------------------------------------------------
def test_import_reports_progress_and_keeps_each_students_position_order(data_dir):
    rows = [f"s{i % 7},q{i % 13},k{i % 3},{i % 2},{(i * 37) % 1000}" for i in range(45_000)]
    path = data_dir / "big.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("student_id,item_id,skill_ids,correct,position\n" + "\n".join(rows) + "\n")
    seen: list[tuple[float, str]] = []
    with Store.open(data_dir) as store:
        report = import_responses(store, path, progress=lambda fraction, text: seen.append((fraction, text)))
        assert report.responses == 45_000
        log = store.class_log(report.class_id)
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and 0 < fractions[0] < 0.5 and fractions[-1] == 1.0
    assert any("checking" in t for _, t in seen) and any("importing" in t for _, t in seen)
    expected = load_responses(path)  # the evaluation loader's order: by student, then position, then file order
    by_student: dict[str, list[str]] = {}
    for sid, item in zip(expected.student_ids, expected.item_ids):
        by_student.setdefault(sid, []).append(item)
    with Store.open(data_dir) as store:
        keys = {e.id: e.key for e in store.list_exercises()}
        names = {s.id: s.external_id for s in store.list_students(report.class_id)}
        stored: dict[str, list[str]] = {}
        for r in store.list_responses(class_id=report.class_id):
            stored.setdefault(names[r.student_id], []).append(keys[r.exercise_id])
    assert stored == by_student
    assert len(log) == 45_000


# --- item 15: duplicates -------------------------------------------------------------------------
def test_importing_the_same_log_twice_adds_nothing_the_second_time(data_dir):
    path = data_dir / "responses.csv"
    path.write_text("student_id,item_id,skill_ids,correct,position\n"
                    + "".join(f"s{i % 4},q{i % 5},a,{i % 2},{i}\n" for i in range(40)), encoding="utf-8")
    with Store.open(data_dir) as store:
        first = import_responses(store, path, class_name="4B")
        second = import_responses(store, path, class_name="4B")
        assert (first.responses, first.duplicates_skipped) == (40, 0)
        assert (second.responses, second.duplicates_skipped) == (0, 40)
        assert store.counts()["responses"] == 40
        anyway = import_responses(store, path, class_name="4B", keep_duplicates=True)
        assert anyway.responses == 40 and store.counts()["responses"] == 80


def test_a_longer_log_adds_only_its_new_answers_and_repeats_in_one_file_are_kept(data_dir):
    header = "student_id,item_id,skill_ids,correct,position,time\n"
    week1 = "s1,q1,a,1,0,2025-03-03T09:00:00Z\ns1,q1,a,1,1,2025-03-03T09:00:00Z\n"
    week2 = week1 + "s1,q1,a,1,2,2025-03-10T09:00:00Z\ns1,q2,a,0,3,2025-03-10T09:01:00Z\n"
    (data_dir / "w1.csv").write_text(header + week1, encoding="utf-8")
    (data_dir / "w2.csv").write_text(header + week2, encoding="utf-8")
    with Store.open(data_dir) as store:
        assert import_responses(store, data_dir / "w1.csv", class_name="4B").responses == 2  # the same answer twice, on purpose
        second = import_responses(store, data_dir / "w2.csv", class_name="4B")
        assert (second.responses, second.duplicates_skipped) == (2, 2)
        assert store.counts()["responses"] == 4


def test_an_exported_class_imported_back_adds_nothing(data_dir):
    from engine.store.exporters import export_responses

    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        student = store.add_student(class_id, "Ana", external_id="s1")
        exercise = store.add_exercise("2 + 2 = ?", "numeric", "4", key="q1")
        for correct in (True, False, True):
            store.record_response(student, exercise, correct, answer="4" if correct else "5")
        export_responses(store, class_id, data_dir / "out.csv")
        report = import_responses(store, data_dir / "out.csv", class_id=class_id)
        assert (report.responses, report.duplicates_skipped) == (0, 3)


def test_cli_says_how_many_were_skipped(data_dir, capsys):
    path = data_dir / "responses.csv"
    path.write_text("student_id,item_id,skill_ids,correct,position\ns1,q1,a,1,0\ns1,q2,a,0,1\n", encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "import-responses", str(path), "--class", "4B"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "import-responses", str(path), "--class", "4B"]) == 0
    out = capsys.readouterr().out
    assert "0 answers into class '4B'" in out and "2 answers were already in the class and skipped" in out
    assert main(["--data-dir", str(data_dir), "import-responses", str(path), "--class", "4B", "--keep-duplicates"]) == 0
    assert "2 answers into class '4B'" in capsys.readouterr().out


def test_roster_with_ids_after_a_names_only_roster_matches_by_name(data_dir):
    names_only = data_dir / "names.csv"
    names_only.write_text("name\n" + "".join(f"Pupil {i}\n" for i in range(30)), encoding="utf-8")
    with_ids = data_dir / "ids.csv"
    with_ids.write_text(ROSTER_30.replace("Pupil 29,s29", "New Pupil,s99"), encoding="utf-8")
    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        assert import_roster(store, class_id, names_only).added == 30
        statuses = [line.status for line in preview_roster(store, class_id, with_ids)]
        assert statuses.count("update") == 29 and statuses.count("new") == 1
        report = import_roster(store, class_id, with_ids)
        assert (report.added, report.updated) == (1, 29)
        students = store.list_students(class_id)
        assert len(students) == 31
        assert {s.name: s.external_id for s in students}["Pupil 3"] == "s3"
        assert {s.name: s.external_id for s in students}["Pupil 29"] is None
        again = import_roster(store, class_id, with_ids)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 30)


def test_an_ambiguous_name_is_not_matched(data_dir):
    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        store.add_student(class_id, "Ana Lima")
        store.add_student(class_id, "Ana Lima")
        path = data_dir / "ids.csv"
        path.write_text("name,external_id\nAna Lima,s1\n", encoding="utf-8")
        assert import_roster(store, class_id, path).added == 1
