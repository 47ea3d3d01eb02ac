"""Answers from another program: students found by id, else by name; a dry run says what an import would add.

Students added by hand or from a roster have no id from the other program, so
an answers file can only find them by name (review 22b: a second "Aiko V." was
added beside the first). A name two students share is never guessed.
"""
from __future__ import annotations

import pytest

from engine.errors import LamplightError
from engine.store import Store
from engine.store.importers import import_responses, preview_responses

HEADER = "student_id,student_name,item_id,skill_ids,correct,position\n"


@pytest.fixture
def store(data_dir):
    with Store.open(data_dir) as s:
        yield s


def write(tmp_path, lines: str, name: str = "answers.csv"):
    path = tmp_path / name
    path.write_text(HEADER + lines, encoding="utf-8")
    return path


def names(store: Store, class_id: int) -> list[str]:
    return sorted(s.name for s in store.list_students(class_id))


def test_a_student_without_an_id_is_found_by_name_and_keeps_the_files_id(store, tmp_path):
    class_id = store.create_class("4B")
    aiko = store.add_student(class_id, "Aiko V.")
    store.add_student(class_id, "Ben K.")
    log = write(tmp_path, "x1,  aiko   V. ,q1,add,1,0\nx1,Aiko V.,q2,add,0,1\n")
    report = import_responses(store, log, class_id=class_id)
    assert (report.responses, report.students_added) == (2, 0)
    assert names(store, class_id) == ["Aiko V.", "Ben K."], "no second Aiko"
    assert store.get_student(aiko).external_id == "x1", "the file's id is remembered on the student found by name"
    assert len(store.class_log(class_id)) == 2

    renamed = write(tmp_path, "x1,Aiko Valdez,q1,add,1,2\n", "next.csv")  # the next file finds her by id alone
    assert preview_responses(store, renamed, class_id=class_id).new_students == []
    assert import_responses(store, renamed, class_id=class_id).students_added == 0
    assert names(store, class_id) == ["Aiko V.", "Ben K."]


def test_a_name_two_students_share_is_a_problem_not_a_guess(store, tmp_path):
    class_id = store.create_class("4B")
    store.add_student(class_id, "Sam Lee")
    store.add_student(class_id, "sam  lee")
    log = write(tmp_path, "7,Sam Lee,q1,add,1,0\n")
    preview = preview_responses(store, log, class_id=class_id)
    assert preview.new_students == [] and len(preview.problems) == 1
    assert "2 students of the class are called 'Sam Lee'" in preview.problems[0]
    before = store.counts()
    with pytest.raises(LamplightError, match="are called 'Sam Lee'.*Nothing was imported"):
        import_responses(store, log, class_id=class_id)
    assert store.counts() == before, "all or nothing: no student, exercise or answer was added"
    assert all(s.external_id is None for s in store.list_students(class_id))


def test_two_ids_for_one_name_are_a_problem(store, tmp_path):
    class_id = store.create_class("4B")
    store.add_student(class_id, "Mia Chen")
    preview = preview_responses(store, write(tmp_path, "a1,Mia Chen,q1,add,1,0\na2,Mia Chen,q1,add,0,1\n"), class_id=class_id)
    assert preview.problems == ["'Mia Chen' has two ids in the file ('a1' and 'a2'); give each student one id, then import again."]


def test_two_new_children_of_one_name_are_both_added_and_told_apart_by_their_ids(store, tmp_path):
    class_id = store.create_class("4B")
    log = write(tmp_path, "s1,Wang Wei,q1,add,1,0\ns2,wang  wei,q1,add,0,1\ns3,Li Na,q1,add,1,2\n")
    preview = preview_responses(store, log, class_id=class_id)
    assert sorted(preview.new_students) == ["Li Na", "Wang Wei (s1)", "wang wei (s2)"] and preview.problems == []
    assert import_responses(store, log, class_id=class_id).students_added == 3
    assert names(store, class_id) == ["Li Na", "Wang Wei (s1)", "wang wei (s2)"]
    assert {s.name: s.external_id for s in store.list_students(class_id)}["wang wei (s2)"] == "s2"


def test_told_apart_names_never_meet_another_name_nor_pass_the_longest_name(store, tmp_path):
    class_id = store.create_class("4B")
    store.add_student(class_id, "Wang Wei (s1)")  # already in the class
    long_id, long_name = "x" * 130, "Li " + "n" * 116  # a 119-character name
    log = write(tmp_path, f"s1,Wang Wei,q1,add,1,0\ns2,Wang Wei,q1,add,0,1\ns3,Wang Wei (s2),q1,add,1,2\n"
                          f"{long_id},{long_name},q1,add,1,3\n{long_id}2,{long_name},q1,add,1,4\n")
    preview = preview_responses(store, log, class_id=class_id)
    assert preview.problems == [] and len(preview.new_students) == 5
    assert len({name.casefold() for name in preview.new_students + ["Wang Wei (s1)"]}) == 6, preview.new_students
    assert all(len(name) <= 120 for name in preview.new_students)
    assert sorted(n for n in preview.new_students if n.startswith("Li ")) == [long_name[:116] + " (2)", long_name[:116] + " (3)"]
    assert import_responses(store, log, class_id=class_id).students_added == 5
    assert sorted(names(store, class_id)) == sorted(preview.new_students + ["Wang Wei (s1)"])


def test_the_dry_run_says_what_would_be_added_and_writes_nothing(store, tmp_path):
    class_id = store.create_class("4B")
    store.add_student(class_id, "Aiko V.")
    store.add_student(class_id, "Omar", external_id="s9")
    store.add_exercise("2 + 3 = ?", "numeric", answer="5", key="known:1")
    log = write(tmp_path, "x1,Aiko V.,known:1,add,1,0\ns9,,known:1,add,1,0\n782760,,q7,add,0,1\nn2,Chen Mei,q8,add,1,2\n")
    before = store.counts()
    preview = preview_responses(store, log, class_id=class_id)
    assert store.counts() == before
    assert store.student_by_external_id(class_id, "x1") is None, "the dry run remembers no id"
    assert (preview.answers, preview.students) == (4, 2)
    assert preview.matched_by_name == ["Aiko V."]
    assert preview.new_students == ["Student 782760", "Chen Mei"]
    assert preview.new_exercises == ["q7", "q8"]
    assert preview.problems == []
    report = import_responses(store, log, class_id=class_id)
    assert (report.students_added, report.exercises_added, report.responses) == (2, 2, 4)
    assert names(store, class_id) == ["Aiko V.", "Chen Mei", "Omar", "Student 782760"]


def test_unnamed_students_and_exercises_are_named_in_the_teachers_language(store, tmp_path):
    class_id = store.create_class("四班")
    log = write(tmp_path, "782760,,q7,add,0,0\n")
    assert preview_responses(store, log, class_id=class_id, language="zh_CN").new_students == ["学生 782760"]
    import_responses(store, log, class_id=class_id, language="zh_CN")
    assert names(store, class_id) == ["学生 782760"]
    [exercise] = [e for e in store.list_exercises() if e.key == "q7"]
    assert exercise.prompt == "导入的练习 q7"


def test_a_dry_run_of_a_broken_file_raises_the_imports_error(store, tmp_path):
    class_id = store.create_class("4B")
    log = write(tmp_path, "x1,Aiko,q1,add,yes,0\n")
    with pytest.raises(LamplightError, match=r"answers.csv, line 2: correct must be 1 or 0, not 'yes'"):
        preview_responses(store, log, class_id=class_id)


def test_the_command_lines_dry_run_prints_what_would_be_added_and_writes_nothing(data_dir, tmp_path, capsys):
    from engine.cli import main

    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        store.add_student(class_id, "Aiko V.")
    log = write(tmp_path, "x1,Aiko V.,q1,add,1,0\nn2,Chen Mei,q1,add,0,1\n")
    assert main(["--data-dir", str(data_dir), "import-responses", str(log), "--class", "4B", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 answers for 1 student already in the class (1 found by name); nothing was written." in out
    assert "1 new student would be added: Chen Mei" in out and "1 new exercise would be added: q1" in out
    with Store.open(data_dir) as store:
        assert store.counts()["responses"] == 0 and names(store, class_id) == ["Aiko V."]


@pytest.mark.parametrize("when", ["0001-01-02", "9999-12-30T10:00:00"])
def test_a_date_no_answer_can_have_is_refused_with_its_line(store, tmp_path, when):
    """Review 32a: answers of year 1 and 9999 went in without a word; the class's progress then had weeks in both."""
    class_id = store.create_class("4B")
    path = tmp_path / "dated.csv"
    path.write_text("student_id,item_id,skill_ids,correct,position,time\n"
                    f"x1,q1,add,1,0,2026-03-02T09:00:00\nx1,q2,add,0,1,{when}\n", encoding="utf-8")
    with pytest.raises(LamplightError, match=rf"line 3: the date '{when}' cannot be an answer's \(years 1990 to 2100"):
        import_responses(store, path, class_id=class_id)
    assert len(store.class_log(class_id)) == 0


def test_an_id_too_long_to_keep_is_said_in_the_preview_and_refuses_the_import(store, tmp_path):
    """Review 50c: the preview said nothing of a 251-character id; the import then refused the whole file."""
    class_id = store.create_class("4B")
    log = write(tmp_path, "s1,Ana,q1,add,1,0\n" + "u" * 251 + ",Ben,q1,add,1,1\n")
    [problem] = preview_responses(store, log, class_id=class_id).problems
    assert "longer than 200 characters" in problem
    with pytest.raises(LamplightError, match="longer than 200 characters"):
        import_responses(store, log, class_id=class_id)
    assert store.list_students(class_id) == []
