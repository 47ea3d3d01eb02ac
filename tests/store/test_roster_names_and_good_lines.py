"""Roster import: names in the order of their language, and importing only the good lines when asked."""
from __future__ import annotations

from contextlib import contextmanager

import pytest

from engine.errors import LamplightError
from engine.store import Store
from engine.store.importers import full_name, import_roster, preview_roster


@contextmanager
def class_and_roster(tmp_path, text: str):
    """(store, class "4B", the roster file holding ``text``)."""
    roster = tmp_path / "roster.csv"
    roster.write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "data") as store:
        yield store, store.create_class("4B"), roster


def test_chinese_names_keep_the_family_name_first():
    assert full_name("小明", "李") == "李小明"
    assert full_name("Mia", "Rossi") == "Mia Rossi"
    assert full_name("", "王") == "王"
    assert full_name("민준", "김") == "김민준"


def test_a_roster_with_first_and_last_name_columns_in_chinese(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Last name,First name\n李,小明\nRossi,Mia\n", encoding="utf-8")
    chinese_headers = tmp_path / "名单.csv"
    chinese_headers.write_text("姓,名\n王,芳\n", encoding="utf-8")
    with Store.open(tmp_path / "data") as store:
        class_id = store.create_class("4B")
        import_roster(store, class_id, roster)
        import_roster(store, class_id, chinese_headers)
        assert sorted(s.name for s in store.list_students(class_id)) == sorted(["李小明", "Mia Rossi", "王芳"])


def test_good_lines_are_imported_only_when_asked(tmp_path):
    with class_and_roster(tmp_path, "name\nLi Na\n\nOmar\nLi Na\n") as (store, class_id, roster):
        problems = [line.line for line in preview_roster(store, class_id, roster) if line.status == "problem"]
        assert problems == [5]
        with pytest.raises(LamplightError):
            import_roster(store, class_id, roster)
        assert store.list_students(class_id) == []
        report = import_roster(store, class_id, roster, skip_problem_lines=True)
        assert report.added == 2
        assert sorted(s.name for s in store.list_students(class_id)) == ["Li Na", "Omar"]


def test_a_line_with_a_stray_comma_is_that_lines_problem_not_the_whole_files(tmp_path):
    """Review 25: one line with an extra cell made the whole class list "cannot be imported"."""
    text = "name,group\nAnna Lee,Red\nBen Ode,Red,extra\nDina Moe,Blue\nEmil\n"
    with class_and_roster(tmp_path, text) as (store, class_id, roster):
        lines = preview_roster(store, class_id, roster)
        assert [(line.line, line.status) for line in lines] == [(2, "new"), (3, "problem"), (4, "new"), (5, "problem")]
        assert lines[1].problem == "3 cells, expected 2 as in the header"
        report = import_roster(store, class_id, roster, skip_problem_lines=True)
        assert report.added == 2 and sorted(s.name for s in store.list_students(class_id)) == ["Anna Lee", "Dina Moe"]


def test_a_roster_with_only_bad_lines_imports_nothing_even_when_skipping(tmp_path):
    with class_and_roster(tmp_path, "name,id\n,1\n") as (store, class_id, roster):
        with pytest.raises(LamplightError):
            import_roster(store, class_id, roster, skip_problem_lines=True)
        assert store.list_students(class_id) == []


def test_a_line_without_id_is_not_matched_to_one_of_two_children_of_that_name(tmp_path):
    """Review 25: "Liam Johnson,Blue" silently moved one of the class's two Liams."""
    with class_and_roster(tmp_path, "name,group\nLiam Johnson,Blue\nOmar,Red\n") as (store, class_id, roster):
        store.add_student(class_id, "Liam Johnson")
        store.add_student(class_id, "Liam Johnson")
        store.add_student(class_id, "Omar")
        lines = {line.name: line for line in preview_roster(store, class_id, roster)}
        assert (lines["Liam Johnson"].status, lines["Liam Johnson"].same_name) == ("new", "class")  # the import asks
        assert lines["Omar"].status == "update"


def test_a_list_of_names_without_header_keeps_a_stray_comma_to_its_line(tmp_path):
    with class_and_roster(tmp_path, "Anna Lee\nBen Ode,\nDina Moe\n") as (store, class_id, roster):
        lines = preview_roster(store, class_id, roster)
        assert [(line.line, line.name, line.status) for line in lines] == [
            (1, "Anna Lee", "new"), (2, "Ben Ode", "problem"), (3, "Dina Moe", "new")]
        assert lines[1].problem == "2 cells, expected 1 as in the header"


@pytest.mark.parametrize("title", ["First and last name", "Students", "Pupil names", "Children", "三年级二班学生名单",
                                   "Class roster", "Pupils in 4B", "Year 4 names", "姓名：", "花名册", "三年级二班", "学生姓名（共32人）"])
def test_a_one_column_list_whose_first_line_names_the_column_does_not_import_it_as_a_child(tmp_path, title):
    """Review 41a: "First and last name" became a pupil of the class (on every tile, grid and printout)."""
    with class_and_roster(tmp_path, f"{title}\nAnna Lee\nNaomi Price\n") as (store, class_id, roster):
        assert [(line.line, line.name) for line in preview_roster(store, class_id, roster)] == [(2, "Anna Lee"), (3, "Naomi Price")]
        import_roster(store, class_id, roster)
        assert sorted(s.name for s in store.list_students(class_id)) == ["Anna Lee", "Naomi Price"]


@pytest.mark.parametrize("first", ["Lee Child", "Julia Child", "王学生", "班超"])
def test_a_one_column_list_without_a_title_keeps_its_first_child_whatever_their_name(tmp_path, first):
    """Review 41c: "Lee Child" on line 1 was taken for the column's title and left out without a word."""
    with class_and_roster(tmp_path, f"{first}\nAnna Lee\n") as (store, class_id, roster):
        assert [(line.line, line.name) for line in preview_roster(store, class_id, roster)] == [(1, first), (2, "Anna Lee")]


def test_a_line_repeating_anothers_id_does_not_make_that_line_a_namesake_with_another_id(tmp_path):
    """Review 29a: 宋佳,2024101 on lines 2 and 5: line 5 is the problem; line 2 was called "this name is on another
    line too, with another id" though the id is the same. Two ids for one name are still said."""
    roster_text = "姓名,学号\n宋佳,2024101\n李华,2024102\n王芳,2024103\n宋佳,2024101\n李华,2024109\n"
    with class_and_roster(tmp_path, roster_text) as (store, class_id, roster):
        lines = {line.line: line for line in preview_roster(store, class_id, roster)}
        assert (lines[2].status, lines[2].same_name) == ("new", "")
        assert (lines[5].status, lines[5].problem) == ("repeat", "the same as line 2")  # review 49a: the same child
        assert (lines[3].same_name, lines[6].same_name) == ("file", "file")


def test_a_name_written_another_way_is_the_child_already_in_the_class(tmp_path):
    """Review 49b: "José" with its accent as a second character (as a Mac's file may have it) and "Ａｎａ Ｌｉ" in
    full-width letters (as a Chinese input method types them) were added as second children beside José and Ana Li,
    with no word in the preview."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "José Núñez")
    with class_and_roster(tmp_path, f"name\nＡｎａ Ｌｉ\n{decomposed}\nana  li\nSean O’Brien\n") as (store, class_id, roster):
        store.add_student(class_id, "Ana Li")
        store.add_student(class_id, "José Núñez")
        store.add_student(class_id, "Sean O'Brien")  # review 49c: the curly apostrophe of a Mac's or Word's list
        lines = preview_roster(store, class_id, roster)
        assert [line.status for line in lines] == ["unchanged", "unchanged", "problem", "unchanged"]
        assert "is also on line 2" in lines[2].problem
        report = import_roster(store, class_id, roster, skip_problem_lines=True)
        assert (report.added, report.unchanged) == (0, 3)
        assert [s.name for s in store.list_students(class_id)] == ["Ana Li", "José Núñez", "Sean O'Brien"]
        store.add_student(class_id, unicodedata.normalize("NFD", "Zoë"))  # kept with its letters composed
        assert "Zoë" in [s.name for s in store.list_students(class_id)]


@pytest.mark.parametrize("title, header, child, delimiter, expected", [
    ("Pupils in 4B", ["First name", "Last name", "UPN"], ["Zoë", "Müller", "A001"], ";", ("Zoë Müller", "A001")),
    ("三年级二班学生名单", ["学号", "姓名"], ["2024001", "王芳"], ";", ("王芳", "2024001")),
    ("三年级二班学生名单", ["学号", "姓名", "性别"], ["2024001", "王芳", "女"], "\t", ("王芳", "2024001")),
    ("Class list", ["Name", "Number"], ["Ana Li", "7"], "|", ("Ana Li", "7")),
    ("三年级二班", ["姓名", "学号"], ["王芳", "2024001"], "，", ("王芳", "2024001")),
    ("Class 4B, spring term", ["Name", "Number"], ["Ana Li", "7"], ";", ("Ana Li", "7")),  # review 49c: a comma in it
    ("三年级二班，2026年春", ["姓名", "学号"], ["王芳", "2024001"], "\t", ("王芳", "2024001")),
    ("Class 4B, spring term", ["Name", "Number", "Note"], ["Ana Li", "7", "late, sick"], ";", ("Ana Li", "7")),  # 50d
])
def test_a_title_line_above_a_list_split_by_another_delimiter_is_left_out(tmp_path, title, header, child, delimiter,
                                                                            expected):
    """Review 49a: a title line (no delimiter at all) above a list split by semicolons, tabs, | or ， made the
    file be read at commas: the header and every child became one name each ("Zoë;Müller;A001")."""
    text = "\n".join([title, delimiter.join(header), delimiter.join(child), ""])
    with class_and_roster(tmp_path, text) as (store, class_id, roster):
        assert [(line.status, line.name) for line in preview_roster(store, class_id, roster)] == [("new", expected[0])]
        import_roster(store, class_id, roster)
        assert [(s.name, s.external_id) for s in store.list_students(class_id)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Name\nAnn\t\nBob\nCara\n", ["Ann", "Bob", "Cara"]),  # a stray tab after one name
    ("Name\nBob | Robert\nCara\n", ["Bob | Robert", "Cara"]),  # a name with | in it
    ("Class 4B\nTerm 2; printed by office\nName,Number\nAnn,1\nBob,2\n", ["Ann", "Bob"]),  # two title lines
    ("Name;Number\nLee, Ann;1\nHo, Bo;2\n", ["Ho, Bo", "Lee, Ann"]),  # a header with one ; above names with commas
    ("Name,Allergies\nAna Li,nuts; milk; eggs\nBen Ho,none; none\nCara Wu,none\n", ["Ana Li", "Ben Ho", "Cara Wu"]),  # 50c
    ("Name,Groups\nAna Li,Red | Blue | Green\nBen Ho,Red | Blue\n", ["Ana Li", "Ben Ho"]),
])
def test_a_one_column_list_or_a_second_title_line_is_not_taken_for_the_table(tmp_path, text, expected):
    """Review 49c: the title-line look-ahead took a stray tab, a name with | or a second title's ; for the table's
    delimiter: lists read before were refused, or their header and children came in as garbled names."""
    with class_and_roster(tmp_path, text) as (store, class_id, roster):
        import_roster(store, class_id, roster)
        assert sorted(s.name for s in store.list_students(class_id)) == expected


def test_two_namesakes_with_a_placeholder_for_a_number_are_not_one_child_repeated(tmp_path):
    """Review 49c: 王伟,无 on two lines was "the same line again: left out": a second child could go unnoticed."""
    with class_and_roster(tmp_path, "姓名,学号\n王伟,无\n王伟,无\n张三,0\n张三,0\n李娜,2024001\n李娜,2024001\n") as (store, class_id, roster):
        statuses = [(line.line, line.status) for line in preview_roster(store, class_id, roster)]
        assert statuses == [(2, "new"), (3, "problem"), (4, "new"), (5, "problem"), (6, "new"), (7, "repeat")]


def test_a_student_number_of_thousands_of_digits_is_a_problem_line_and_sorting_by_number_still_works(tmp_path):
    """Review 50b: a 5,000-digit student number came in, and every sort by number then raised (int() refuses over
    4,300 digits): the class list froze and the quiz grid kept name order under "number  name" labels."""
    from types import SimpleNamespace

    from engine.store.name_order import student_number_key

    huge = "7" * 5000
    with class_and_roster(tmp_path, f"name,student number\nAna,{huge}\nBen,2024001\n") as (store, class_id, roster):
        lines = preview_roster(store, class_id, roster)
        assert [line.status for line in lines] == ["problem", "new"]
        assert "the student number is longer than 200 characters" in lines[0].problem
        with pytest.raises(LamplightError, match="longer than 200 characters"):
            store.add_student(class_id, "Ana", external_id=huge)
    people = [SimpleNamespace(external_id=number, name=name) for number, name in ((huge, "Ana"), ("2024001", "Ben"))]
    assert [p.name for p in sorted(people, key=student_number_key)] == ["Ben", "Ana"], "kept in a backup: still sorted"


def test_an_archived_class_takes_no_roster_no_answers_and_no_new_child(tmp_path):
    """Review 50b: `import-roster` and `import-responses` on the command line wrote into an archived class, which the
    app keeps as it was (its buttons are greyed)."""
    from engine.store.importers import import_responses

    with class_and_roster(tmp_path, "name\nAna\n") as (store, class_id, roster):
        store.archive_class(class_id, True)
        log = tmp_path / "answers.csv"
        log.write_text("student_id,item_id,skill_ids,correct,position\ns1,q1,add,1,0\n", encoding="utf-8")
        before = store.counts()
        for write in (lambda: import_roster(store, class_id, roster), lambda: import_responses(store, log, class_id=class_id),
                      lambda: store.add_student(class_id, "Ben")):
            with pytest.raises(LamplightError, match="is archived"):
                write()
        assert store.counts() == before
