"""Roster, response-log and pack imports: good files, and bad files that leave nothing half-written."""
from __future__ import annotations

import gzip
import json
import re

import pytest

from engine.errors import LamplightError
from engine.store import Store
from engine.store.exporters import export_pack, export_responses, export_roster, pack_dict
from engine.store.importers import import_pack, import_responses, import_roster, preview_roster, read_roster


def everything(store: Store) -> dict[str, list[tuple]]:
    return {t: store.db.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall() for t in store.db.table_names()}


@pytest.fixture
def store(data_dir):
    with Store.open() as opened:
        yield opened


# --- rosters ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content, encoding",
    [
        ("name,external_id,group\nAna Lima,s1,Red\nBen Okafor,s2,\n\nChen Wei,s3,Blue\n", "utf-8"),
        ("Student Name;ID;Group\nAna Lima;s1;Red\nBen Okafor;s2;\nChen Wei;s3;Blue\n", "utf-8-sig"),
        ("First name\tLast name\tStudent_ID\tTEAM\nAna\tLima\ts1\tRed\nBen\tOkafor\ts2\t\nChen\tWei\ts3\tBlue\n", "utf-8"),
        # review 45: a school system's list split by "|" was read as one column of names like "s1|Ana Lima"
        ("ID|Name|Group\ns1|Ana Lima|Red\ns2|Ben Okafor|\ns3|Chen Wei|Blue\n", "utf-8"),
    ],
)
def test_roster_header_variations_bom_and_delimiters(store, tmp_path, content, encoding):
    path = tmp_path / "roster.csv"
    path.write_text(content, encoding=encoding)
    class_id = store.create_class("4B")
    report = import_roster(store, class_id, path)
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
    students = store.list_students(class_id)
    assert [(s.name, s.external_id) for s in students] == [("Ana Lima", "s1"), ("Ben Okafor", "s2"), ("Chen Wei", "s3")]
    groups = {g.name: g.student_ids for g in store.list_groups(class_id)}
    assert groups == {"Red": (students[0].id,), "Blue": (students[2].id,)}


def test_a_class_list_with_a_title_line_above_its_header_imports(store, tmp_path):
    """Review 26: a Chinese Excel list with the class's title on line 1 was refused: "no 'name' column"."""
    path = tmp_path / "名单.csv"
    path.write_bytes("三年级二班学生名单,,,,\n序号,学号,姓名,性别,小组\n1,2024001,张伟,男,第一组\n2,2024002,李　娜,女,第二组\n"
                     .encode("gbk"))
    class_id = store.create_class("三年级二班")
    assert import_roster(store, class_id, path).added == 2
    students = store.list_students(class_id)
    assert [(s.name, s.external_id) for s in students] == [("李娜", "2024002"), ("张伟", "2024001")]  # by pinyin
    assert {g.name for g in store.list_groups(class_id)} == {"第一组", "第二组"}


@pytest.mark.parametrize("header", ["序号,孩子姓名,家长姓名", "No.,Name of pupil,Parent's name", "Student no.,Child's name,Tutor"])
def test_a_name_column_lamplight_does_not_know_by_name_is_found_by_what_it_says(store, tmp_path, header):
    """Review 43: 孩子姓名 (also "Child", "Learner", "Name of pupil") was refused: "no 'name' column"."""
    path = tmp_path / "list.csv"
    path.write_text(header + "\n1,王芳,王建国\n2,李明,李华\n", encoding="utf-8")
    class_id = store.create_class("4B")
    assert [line.name for line in preview_roster(store, class_id, path)] == ["王芳", "李明"]


def test_a_number_column_that_counts_the_rows_is_no_student_number(store, tmp_path):
    """Review 51a: "Name,Number" with 1, 2, 3... (Excel's row count) became the children's numbers; next week's list,
    a child typed in alphabetical order, "renamed" the 18 children below him to their neighbours' names."""
    names = ["Aisha Khan", "Ben Okafor", "Liam Taylor", "Zoë Martin"]
    path = tmp_path / "class.csv"
    path.write_text("Name,Number\n" + "".join(f"{name},{n}\n" for n, name in enumerate(names, 1)), encoding="utf-8")
    class_id = store.create_class("3A")
    import_roster(store, class_id, path)
    assert [s.external_id for s in store.list_students(class_id)] == [None] * 4
    names.insert(2, "Kai Robinson")
    path.write_text("Name,Number\n" + "".join(f"{name},{n}\n" for n, name in enumerate(names, 1)), encoding="utf-8")
    assert [(line.name, line.status) for line in preview_roster(store, class_id, path) if line.status != "unchanged"] == [
        ("Kai Robinson", "new")]
    path.write_text("Name,Number\nAisha Khan,12\nBen Okafor,7\n", encoding="utf-8")  # real numbers stay numbers
    assert [line.external_id for line in preview_roster(store, store.create_class("3B"), path)] == ["12", "7"]
    path.write_text("Number,Name\n01,Ana\n02,Cai\n", encoding="utf-8")  # review 51d: counted with a leading 0
    assert [line.external_id for line in preview_roster(store, store.create_class("3C"), path)] == [None, None]
    path.write_text("Number,Name\n1,Ana Li\n2,Ana Li\n3,Ben\n", encoding="utf-8")  # the numbers tell two Anas apart
    assert [line.external_id for line in preview_roster(store, store.create_class("3D"), path)] == ["1", "2", "3"]


@pytest.mark.parametrize("footer", ["制表人：李老师,,,,\n合计：2人,,,,\n", "3,,,,\n4,,,,\n班主任 李老师,,,,\n",
                                    "Total: 2 pupils,,,,\n", ",,,,\n合计 2 人,,,,\n",
                                    ",,制表人：李老师,,\n,,合计：2人,,\n", ",,Total: 2 pupils\n", ",,班主任 李老师,,\n"])
def test_a_class_lists_footer_below_the_last_child_is_no_child(store, tmp_path, footer):
    """Review 43: 制表人：李老师 and 合计：2人 below the list were red lines, "the name is empty", to add by hand."""
    path = tmp_path / "名单.csv"
    path.write_bytes(("序号,学号,姓名,性别,小组\n1,2024001,张伟,男,第一组\n2,2024002,李娜,女,第二组\n" + footer).encode("gbk"))
    class_id = store.create_class("三年级二班")
    assert [(line.name, line.status) for line in preview_roster(store, class_id, path)] == [("张伟", "new"), ("李娜", "new")]
    assert import_roster(store, class_id, path).added == 2
    path.write_bytes("序号,学号,姓名\n1,2024001,张伟\n2,2024003,\n3,2024002,李娜\n".encode("gbk"))  # above a child: said
    assert [line.status for line in preview_roster(store, store.create_class("三年级三班"), path)] == ["new", "problem", "new"]


@pytest.mark.parametrize("header, numbers", [
    ("序号,全国学籍号,姓名,性别,出生日期", ("G110101201501011234", "G110101201503021235")),
    ("序号,学号,全国学籍号,姓名,性别,出生日期", ("2024001", "2024002")),  # 学号 first: the number the class uses
    ("编号,姓名,考号,性别,出生日期", ("3001", "3002")),
    ("编号,姓名,学籍号,性别,出生日期", ("G110101201501011234", "G110101201503021235")),  # review 37e: not the row numbers
    ("考号,姓名,学籍号,性别,出生日期", ("G110101201501011234", "G110101201503021235")),  # review 37g: not by column order
])
def test_the_numbers_a_chinese_school_s_lists_carry_tell_namesakes_apart(store, tmp_path, header, numbers):
    """Review 37a: a 学籍系统 export's 全国学籍号 was dropped, and its two 张伟 were refused as one child twice."""
    columns = header.split(",")
    values = {"序号": ("1", "2"), "学号": ("2024001", "2024002"), "全国学籍号": ("G110101201501011234", "G110101201503021235"),
              "学籍号": ("G110101201501011234", "G110101201503021235"),
              "编号": ("1", "2"), "考号": ("3001", "3002"), "姓名": ("张伟", "张伟"), "性别": ("男", "男"),
              "出生日期": ("2015-01-01", "2015-03-02")}
    lines = [header] + [",".join(values[c][i] for c in columns) for i in range(2)]
    path = tmp_path / "学籍.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("gbk"))
    class_id = store.create_class("三年级二班")
    assert import_roster(store, class_id, path).added == 2
    assert sorted(s.external_id for s in store.list_students(class_id)) == sorted(numbers)


def test_a_student_number_typed_in_full_width_is_the_same_number(store, tmp_path):
    """Review 37c: ２０２４００１ (a Chinese input method's digits) was another number than 2024001."""
    class_id = store.create_class("三年级二班")
    zhang = store.add_student(class_id, "张伟", external_id="２０２４００１")
    assert store.get_student(zhang).external_id == "2024001"
    path = tmp_path / "名单.csv"
    path.write_text("姓名,学号\n张伟明,２０２４００１\n", encoding="utf-8")
    assert [line.renamed_from for line in preview_roster(store, class_id, path)] == ["张伟"]
    with pytest.raises(LamplightError, match="already has the id '2024001'"):
        store.add_student(class_id, "李娜", external_id="2024001")
    store.db.execute("UPDATE students SET external_id = '２０２４００２' WHERE id = ?", [zhang])  # as kept before
    with pytest.raises(LamplightError, match="already has the id '2024002'"):  # review 37g
        store.add_student(class_id, "王芳", external_id="2024002")


def test_the_same_export_with_its_columns_in_another_order_finds_the_same_children(store, tmp_path):
    """Review 37g: "Adno,UPN,…" then "UPN,Adno,…" took the other column as the number: every child was new."""
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("Adno,UPN,Legal Forename,Legal Surname\n1234,A100,Mia,Rossi\n", encoding="utf-8")
    second.write_text("UPN,Adno,Legal Forename,Legal Surname\nA100,1234,Mia,Rossi\n", encoding="utf-8")
    class_id = store.create_class("4B")
    import_roster(store, class_id, first)
    assert [line.status for line in preview_roster(store, class_id, second)] == ["unchanged"]


def test_a_school_system_s_export_with_legal_names_and_admission_numbers_imports(store, tmp_path):
    """Review 37d: "Adno, Legal Surname, Legal Forename" was refused with "no 'name' column"."""
    path = tmp_path / "export.csv"
    path.write_text("Adno,Legal Surname,Legal Forename,Year,Reg\n001234,O'Brien-Smith,Zoë,4,4B\n001235,Murphy,Seán,4,4B\n",
                    encoding="utf-8")
    class_id = store.create_class("4B")
    assert import_roster(store, class_id, path).added == 2
    assert sorted((s.name, s.external_id) for s in store.list_students(class_id)) == [("Seán Murphy", "001235"),
                                                                                     ("Zoë O'Brien-Smith", "001234")]


@pytest.mark.parametrize("header", ["Adno", "学籍号"])
def test_a_list_of_numbers_alone_is_not_taken_for_names(store, tmp_path, header):
    """Review 37f: a one-column list of numbers under "Adno" added children called "Adno" and "1234"."""
    path = tmp_path / "numbers.csv"
    path.write_text(f"{header}\n1234\n1235\n", encoding="utf-8")
    with pytest.raises(LamplightError, match="no 'name' column"):
        read_roster(path)


def test_roster_of_bare_names_and_reimport_is_idempotent(store, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Zoë Müller\n李娜\n", encoding="utf-8")
    class_id = store.create_class("4B")
    assert import_roster(store, class_id, path).added == 2
    report = import_roster(store, class_id, path)
    assert (report.added, report.unchanged) == (0, 2)
    assert sorted(s.name for s in store.list_students(class_id)) == sorted(["Zoë Müller", "李娜"])


def test_roster_reimport_by_external_id_updates_names(store, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("name,external_id\nAna,s1\n", encoding="utf-8")
    class_id = store.create_class("4B")
    import_roster(store, class_id, path)
    path.write_text("name,external_id,group\nAna Lima,s1,Red\n", encoding="utf-8")
    assert import_roster(store, class_id, path).updated == 1
    (ana,) = store.list_students(class_id)
    assert ana.name == "Ana Lima" and len(ana.group_ids) == 1


@pytest.mark.parametrize(
    "content, message",
    [
        ("name,external_id\nAna,s1\n,s2\n", r"line 3: the name is empty"),
        ("name,external_id\nAna,s1\n\u200b\u200e,s2\n", r"line 3: the name is empty"),  # invisible characters only
        ("name,external_id\nAna,s1\nBen,s1\n", r"line 3: the id 's1' is also on line 2"),
        ("name\nAna\nana\n", r"line 3: 'ana' is also on line 2"),
        ("surname,age\nLima,9\n", r"line 1: no 'name' column"),
        ("name\n" + "A" * 200 + "\n", r"line 2: the name is longer"),
        ("", r"the file is empty"),
    ],
)
def test_bad_rosters_name_the_line_and_write_nothing(store, tmp_path, content, message):
    class_id = store.create_class("4B")
    store.add_student(class_id, "Existing")
    before = everything(store)
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LamplightError, match=message):
        import_roster(store, class_id, path)
    assert everything(store) == before


def test_roster_that_is_not_utf8_names_the_line(store, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"name\nAna\nJos\x81\n")  # no encoding Lamplight reads has this byte here
    with pytest.raises(LamplightError, match=r"line 3: not UTF-8"):
        read_roster(path)


def test_an_excel_workbook_is_named_as_one(store, tmp_path):
    """Review 26: a workbook saved as .xlsx (or renamed to .csv) was "not UTF-8 text"."""
    import zipfile

    workbook = tmp_path / "名单.xlsx"
    with zipfile.ZipFile(workbook, "w") as book:
        book.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(LamplightError, match=r"this is an Excel workbook, not a CSV file"):
        read_roster(workbook)
    with pytest.raises(LamplightError, match=r"this is an Excel workbook, not a CSV file"):
        read_roster(workbook.rename(tmp_path / "名单.csv"))


def test_failure_midway_rolls_back_the_students_already_added(store, tmp_path):
    class_id = store.create_class("4B")
    store.add_student(class_id, "Taken", external_id="s9")
    other = store.create_class("5C")
    path = tmp_path / "r.csv"
    path.write_text("name,external_id\nAna,s1\nBen,s2\n", encoding="utf-8")
    store.db.execute("CREATE TRIGGER no_ben BEFORE INSERT ON students WHEN NEW.name = 'Ben' BEGIN SELECT RAISE(ABORT, 'no Ben'); END")
    before = everything(store)
    with pytest.raises(Exception, match="no Ben"):
        import_roster(store, other, path)
    assert everything(store) == before


# --- response logs ---------------------------------------------------------------------------
LOG = (
    "student_id,item_id,skill_ids,correct,position,extra_column\n"
    "u1,i1,k1;k2,1,0,x\n"
    "u1,i2,k2,0,1,x\n"
    "u2,i1,k1;k2,0,0,x\n"
    "u1,i3,,1,2,x\n"
)


def test_response_log_creates_students_items_skills_in_order(store, tmp_path):
    path = tmp_path / "log.csv.gz"
    path.write_bytes(gzip.compress(LOG.encode()))
    (tmp_path / "skills.csv").write_text("skill_id,name\nk1,Counting\n", encoding="utf-8")
    report = import_responses(store, path, class_name="Imported")
    assert (report.responses, report.students_added, report.exercises_added, report.skills_added) == (4, 2, 3, 2)
    assert store.skill_names() == {"k1": "Counting", "k2": "k2"}
    log = store.class_log(report.class_id)
    students = {s.id: s.external_id for s in store.list_students(report.class_id)}
    keys = {e.id: e.key for e in store.list_exercises()}
    assert [students[int(s)] for s in log.student_ids] == ["u1", "u1", "u1", "u2"]
    assert [keys[int(i)] for i in log.item_ids] == ["i1", "i2", "i3", "i1"]
    assert log.skill_ids == [("k1", "k2"), ("k2",), (), ("k1", "k2")]
    assert log.correct.tolist() == [1, 0, 1, 0]


def test_response_log_into_an_existing_class_maps_external_ids(store, tmp_path):
    class_id = store.create_class("4B")
    ana = store.add_student(class_id, "Ana", external_id="u1")
    path = tmp_path / "log.csv"
    path.write_text(LOG, encoding="utf-8")
    report = import_responses(store, path, class_id=class_id)
    assert report.students_added == 1
    assert [r.student_id for r in store.list_responses(student_id=ana)] == [ana] * 3


def test_exported_log_imports_back_the_same_answers(store, tmp_path):
    class_id = store.create_class("4B")
    ana = store.add_student(class_id, "Ana")
    exercise = store.add_exercise("Explain", "teacher_marked")
    store.record_response(ana, exercise, 0.5, time="2026-03-01T10:00:00Z", source="paper")
    store.record_response(ana, exercise, 1, time="2026-03-02T10:00:00Z")
    path = export_responses(store, class_id, tmp_path / "out.csv")
    report = import_responses(store, path, class_name="Copy")
    copied = store.responses_for_class(report.class_id)
    original = store.responses_for_class(class_id)
    assert [(r.exercise_id, r.score, r.time, r.source) for r in copied] == [(r.exercise_id, r.score, r.time, r.source) for r in original]
    assert [s.name for s in store.list_students(report.class_id)] == ["Ana"]


@pytest.mark.parametrize(
    "bad_line, message",
    [
        ("u3,i9,k9,2,3,x", r"line 6: correct must be 1 or 0"),
        ("u3,i9,k9,yes,3,x", r"line 6: correct must be 1 or 0"),
        (",i9,k9,1,3,x", r"line 6: student_id is empty"),
        ("u3,,k9,1,3,x", r"line 6: item_id is empty"),
        ("u3,i9,k9,1,third,x", r"line 6: position must be a number"),
    ],
)
def test_bad_response_logs_name_the_line_and_write_nothing(store, tmp_path, bad_line, message):
    path = tmp_path / "log.csv"
    path.write_text(LOG + bad_line + "\n", encoding="utf-8")
    before = everything(store)
    with pytest.raises(LamplightError, match=message):
        import_responses(store, path, class_name="Imported")
    assert everything(store) == before


def test_response_log_without_required_columns(store, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("student,item,correct\nu1,i1,1\n", encoding="utf-8")
    with pytest.raises(LamplightError, match="line 1: no 'student_id' column"):
        import_responses(store, path)
    path.write_text("name,student_id,group\nAna,s1,Red\n", encoding="utf-8")  # review 26: a class list, picked by mistake
    with pytest.raises(LamplightError, match="this is a class list, not a file of answers: to add its students, use Import roster"):
        import_responses(store, path)
    path.write_text("student,question,right\nAna,q1,1\n", encoding="utf-8")  # review 28e: marks, not a class list
    with pytest.raises(LamplightError, match="line 1: no 'student_id' column"):
        import_responses(store, path)


# --- packs -----------------------------------------------------------------------------------
def small_pack() -> dict:
    return {
        "format": "lamplight-pack", "version": 1, "id": "mini", "title": "Mini",
        "skills": [
            {"id": "count", "name": "Counting", "prerequisites": []},
            {"id": "add", "name": "Addition", "description": "within 20", "prerequisites": ["count"]},
            {"id": "sub", "name": "Subtraction", "prerequisites": ["add"]},
        ],
        "templates": [{"id": "t-add", "title": "Add", "kind": "numeric", "skills": ["add"],
                       "params": {"a": [[1, 3]] * 5, "b": [[1, 3]] * 5}, "prompt": "{a} + {b}", "answer": "{a + b}"}],
        "exercises": [
            {"id": "mini:1", "kind": "numeric", "prompt": "2 + 2", "answer": "4", "skills": ["add"], "difficulty": 1, "template": "t-add", "params": {"a": 2, "b": 2}},
            {"id": "mini:2", "kind": "multiple_choice", "prompt": "Bigger?", "answer": "9", "choices": ["3", "9"], "skills": ["count"]},
            {"id": "mini:3", "kind": "short_text", "prompt": "Name 3 sides", "answer": "triangle", "skills": []},
            {"id": "mini:4", "kind": "teacher_marked", "prompt": "Explain 5 - 2", "answer": "", "skills": ["sub"], "difficulty": 4},
        ],
    }


def test_pack_round_trip(store, tmp_path):
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(small_pack()), encoding="utf-8")
    report = import_pack(store, path)
    assert (report.skills_added, report.exercises_added, report.templates) == (3, 4, 1)
    exported = export_pack(store, tmp_path / "out.json", pack_id="mini", title="Mini")
    again = json.loads(exported.read_text(encoding="utf-8"))
    original = small_pack()
    by_id = lambda rows: sorted(rows, key=lambda r: r["id"])  # noqa: E731
    for key in ("skills", "templates", "exercises"):
        assert by_id(again[key]) == by_id(original[key]), key
    report = import_pack(store, exported)
    assert (report.skills_added, report.exercises_added, report.exercises_updated) == (0, 0, 4)
    assert report.exercises_unchanged == 4, "the bank held them as the pack has them (review 42: said updated)"
    assert store.counts()["exercises"] == 4


def test_pack_cycle_is_rejected_naming_it(store, tmp_path):
    pack = small_pack()
    pack["skills"][0]["prerequisites"] = ["sub"]
    with pytest.raises(LamplightError, match=r"build on each other in a circle: (Counting → Subtraction → Addition → Counting|"
                                             r"Addition → Counting → Subtraction → Addition|Subtraction → Addition → Counting → Subtraction)"):
        import_pack(store, pack=pack)
    assert store.counts()["skills"] == 0


def test_a_colleagues_pack_may_build_on_the_skills_already_in_the_bank(store, tmp_path):
    """Review 42: a pack whose "3D shapes" builds on the starter pack's shapes skill was refused ("unknown skill")."""
    import_pack(store, pack=small_pack())
    more = {"format": "lamplight-pack", "version": 1, "id": "more", "title": "More",
            "skills": [{"id": "mul", "name": "Multiplication", "prerequisites": ["add", "count"]}],
            "exercises": [{"id": "more:1", "kind": "numeric", "prompt": "3 x 4", "answer": "12", "skills": ["mul"]},
                          {"id": "more:2", "kind": "numeric", "prompt": "5 - 1", "answer": "4", "skills": ["sub"]}]}
    path = tmp_path / "more.json"
    path.write_text(json.dumps(more), encoding="utf-8")
    report = import_pack(store, path)
    assert (report.skills_added, report.exercises_added) == (1, 2)
    assert sorted(store.skill_prerequisites()["mul"]) == ["add", "count"]
    assert list(store.exercise_by_key("more:2").skills) == ["sub"]
    more["skills"][0]["prerequisites"] = ["add", "sub-zero"]
    path.write_text(json.dumps(more), encoding="utf-8")
    with pytest.raises(LamplightError, match="builds on the skill “sub-zero”, which is neither in this pack nor in the exercise bank"):
        import_pack(store, path)
    bilingual = {**more, "version": 2, "skills": [{"id": "round", "name": {"en": "Rounding", "zh_CN": "四舍五入"},
                                                   "prerequisites": ["long-divison"]}], "exercises": []}
    path.write_text(json.dumps(bilingual), encoding="utf-8")
    with pytest.raises(LamplightError, match="the skill “Rounding / 四舍五入” builds on"):  # the teacher's language's name too
        import_pack(store, path)
    more["skills"][0]["prerequisites"] = ["add"]
    more["skills"].append({"id": "count", "name": "Counting", "prerequisites": ["mul"]})  # the bank's count now after mul
    more["skills"][0]["name"] = {"en": "Times", "zh_CN": "乘法"}
    more["version"] = 2
    path.write_text(json.dumps(more), encoding="utf-8")
    with pytest.raises(LamplightError, match="with the skills already in the exercise bank, the pack's skills would build on each "
                                             "other in a circle: .*Times / 乘法"):  # named as in every other refusal
        import_pack(store, path)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda p: p.update(version=3), r"this pack was made for a newer Lamplight \(pack version 3\); update Lamplight"),
        (lambda p: p.update(version="two"), r"\$.version 'two' is not supported"),
        (lambda p: p.update(format="other"), r"not a Lamplight exercise pack"),
        (lambda p: p["skills"][1]["prerequisites"].append("nope"),
         r"the skill “.+” builds on the skill “nope”, which is neither in this pack nor in the exercise bank"),
        (lambda p: p["exercises"][1].update(answer="7"), r"\$.exercises\[1\]: The answer '7' is not one of the choices"),
        (lambda p: p["exercises"][2].update(kind="essay"), r"exercise 3 of the pack \(“.+”\) is of a kind Lamplight does not have \('essay'\); an exercise is multiple choice"),
        (lambda p: p["exercises"][3].update(id="mini:1"), r"\$.exercises\[3\].id 'mini:1' appears twice"),
        (lambda p: p["exercises"][0].update(difficulty=9), r"\$.exercises\[0\].difficulty must be a number from 1 to 5"),
        (lambda p: p["exercises"][0].update(difficulty=True), r"\$.exercises\[0\].difficulty must be a number from 1 to 5"),  # 50b
        (lambda p: p["templates"][0]["params"].update(a=[[1, 2]]), r"\$.templates\[0\].params.a: needs exactly 5"),
        (lambda p: p["exercises"][3]["skills"].append("ghost"),
         r"exercise 4 of the pack \(“.+”\) is of the skill “ghost”, which is neither in this pack nor in the exercise bank"),
    ],
)
def test_bad_packs_name_the_json_path_and_write_nothing(store, tmp_path, mutate, message):
    store.add_skill("Already here")
    before = everything(store)
    pack = small_pack()
    mutate(pack)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(pack), encoding="utf-8")
    with pytest.raises(LamplightError, match=message):
        import_pack(store, path)
    assert everything(store) == before


def test_pack_that_is_not_json_names_the_line(store, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n "format": "lamplight-pack",\n "version": 1,\n oops\n}', encoding="utf-8")
    with pytest.raises(LamplightError, match=r"line 4: the file has a mistake here and cannot be read \(a name in double quotes should be here"):
        import_pack(store, path)


@pytest.mark.parametrize("text, line, reason", [
    ('{\n "format": "lamplight-pack"\n "version": 1\n}', 2, "a comma is missing here"),
    ('{\n "format": "lamplight-pack",\n "skills": [],\n}', 3, "or there is a comma too many before it"),
])
def test_a_mistake_at_a_line_s_end_is_reported_at_that_line(store, tmp_path, text, line, reason):
    """Review 47b: a comma missing at the end of a line was reported at the next line, where the parser stopped."""
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LamplightError, match=rf"line {line}: the file has a mistake here .*{re.escape(reason)}"):
        import_pack(store, path)


def test_roster_export_reads_back(store, tmp_path):
    class_id = store.create_class("4B")
    store.add_student(class_id, "Ana", external_id="s1", group="Red")
    store.add_student(class_id, "Ben")
    path = export_roster(store, class_id, tmp_path / "roster.csv")
    rows = read_roster(path)
    assert [(r.name, r.external_id, r.group) for r in rows] == [("Ana", "s1", "Red"), ("Ben", None, None)]
    assert pack_dict(store)["format"] == "lamplight-pack"


def test_roster_preview_reports_every_line_without_writing(store, tmp_path):
    from engine.store.importers import preview_roster

    class_id = store.create_class("4B")
    store.add_student(class_id, "Ana", external_id="s1")
    store.add_student(class_id, "Ben", external_id="s2", group="Red")
    path = tmp_path / "r.csv"
    path.write_text("name,external_id,group\nAna Lima,s1,\nBen,s2,Red\n,s3,\nCara,s4,\nDan,s4,\n", encoding="utf-8")
    before = everything(store)
    preview = preview_roster(store, class_id, path)
    assert [(p.line, p.status) for p in preview] == [(2, "update"), (3, "unchanged"), (4, "problem"), (5, "new"), (6, "problem")]
    assert preview[2].problem == "the name is empty" and "also on line 5" in preview[4].problem
    assert everything(store) == before


def test_two_children_of_one_name_are_told_apart_by_their_student_number(store, tmp_path):
    """Review 26: two 张伟 showed as two identical rows in the grid, the dashboard and the student list."""
    path = tmp_path / "roster.csv"
    path.write_text("姓名,学号\n张伟,2024001\n王芳,2024002\n张伟,2024004\n", encoding="utf-8")
    class_id = store.create_class("三年级二班")
    import_roster(store, class_id, path, skip_problem_lines=True)
    store.add_student(class_id, "王芳")  # no student number: her place among the two
    labels = {s.label for s in store.list_students(class_id)}
    assert labels == {"张伟（2024001）", "张伟（2024004）", "王芳（2024002）", "王芳（2）"}
    other = store.create_class("三年级三班")
    store.add_student(other, "张伟")
    assert [s.label for s in store.list_students(other)] == ["张伟"]  # a name shared with another class is no twin


def test_a_chinese_class_is_listed_by_pinyin(store):
    """Review 26: 何, 刘, 吴, 周, 孙, 李… (character codes); a Chinese teacher's list goes 何, 李, 林, 刘, 孙, 吴…"""
    class_id = store.create_class("三年级二班")
    for name in ["周杰", "刘磊", "吴静", "何思彤", "李娜", "孙悦", "杨泽宇", "林博文", "Ana"]:
        store.add_student(class_id, name)
    assert [s.name for s in store.list_students(class_id)] == ["Ana", "何思彤", "李娜", "林博文", "刘磊", "孙悦", "吴静", "杨泽宇", "周杰"]


@pytest.mark.parametrize("choices", [["Yes", "yes", "No"], ["1", "１", "2"]])
def test_choices_a_child_would_read_as_the_same_are_refused(store, choices):
    """Review 26: "Yes"/"yes" and "1"/"１" passed as different choices: two buttons that read the same."""
    with pytest.raises(LamplightError, match="is there twice"):
        store.add_exercise("Pick one", "multiple_choice", choices[0], choices=choices)


def test_a_mixed_number_is_a_number_answer(store):
    """Review 26: the answer 1 1/2 was refused as 'not a number'."""
    from engine.classroom.grading import grade

    exercise = store.get_exercise(store.add_exercise("1 + 1/2 = ?", "numeric", "1 1/2"))
    assert grade(exercise, "1 1/2") == grade(exercise, "3/2") == grade(exercise, "1.5") == 1.0
    assert grade(exercise, "11/2") == 0.0
    # review 49a: a question that asks for the number in a form takes it only in that form
    asked = store.get_exercise(store.add_exercise("Three halves as a mixed number?", "numeric", "1 1/2"))
    assert [grade(asked, typed) for typed in ("1 1/2", "1又1/2", "3/2", "1.5")] == [1.0, 1.0, 0.0, 0.0]


def test_numbered_classes_and_groups_are_listed_in_their_numbers_order(store):
    """Review 26: groups showed as 第一组, 第三组, 第二组 (character codes)."""
    three = store.create_class("三年级二班")
    store.create_class("三年级一班")
    store.create_class("Year 10 Blue")
    store.create_class("Year 4 Blue")
    for name in ("第三组", "第一组", "第十组", "第二组"):
        store.create_group(three, name)
    assert [g.name for g in store.list_groups(three)] == ["第一组", "第二组", "第三组", "第十组"]
    assert [c.name for c in store.list_classes()] == ["三年级一班", "三年级二班", "Year 4 Blue", "Year 10 Blue"]


@pytest.mark.parametrize("fields, said", [
    (dict(prompt="x" * 200_000, kind="short_text", answer="x"), "longer than 5,000 characters"),
    (dict(prompt="Pick one", kind="multiple_choice", answer="c0", choices=[f"c{n}" for n in range(501)]), "at most 12 choices"),
    (dict(prompt="\u202edlrow olleh", kind="short_text", answer="hello"), "hidden control characters"),
    (dict(prompt="2 + 2 = ?\x00", kind="numeric", answer="4"), "hidden control characters"),
])
def test_an_exercise_too_long_with_hundreds_of_choices_or_hidden_characters_is_refused(tmp_path, fields, said):
    """Review 28e: a pack's 200,000-character prompt (no space) made its quiz's PDF run for ever; 501 choices and
    NUL or right-to-left override characters were taken too."""
    from engine.store import Store

    with Store.open(tmp_path / "data") as store:
        skill = store.add_skill("Sums")
        before = len(store.list_exercises())
        with pytest.raises(LamplightError, match=said):
            store.add_exercise(fields["prompt"], fields["kind"], fields["answer"], fields.get("choices", ()), [skill])
        assert len(store.list_exercises()) == before


def test_a_pack_holding_the_teachers_edits_as_the_bank_has_them_is_not_counted_as_replacing_them(tmp_path):
    """Review 28e: a pack exported from this bank after an edit, imported again, said it had "its own version"."""
    import json as json_module

    from engine.store import Store
    from engine.store.exporters import export_pack
    from engine.store.importers import edited_in_pack, import_pack, load_pack

    with Store.open(tmp_path / "data") as store:
        import_pack(store, pack=small_pack())
        exercise = store.list_exercises()[0]
        store.update_exercise(exercise.id, prompt=exercise.prompt + " (mine)")
        assert edited_in_pack(store, small_pack()) == 1, "the pack's own version would replace the edit"
        exported = export_pack(store, tmp_path / "mine.json")
        assert edited_in_pack(store, load_pack(exported)) == 0, json_module.dumps(load_pack(exported))[:200]


def test_a_pack_never_changes_what_an_answered_exercise_asks(store):
    """Review 31b: another publisher's pack reused a starter exercise's id: "13 − 3 = ?" with eleven children's answers
    silently became "Which animal says moo?", the answers and marks still under it."""
    from engine.store.demo import create_demo_class

    create_demo_class(store, students=6, weeks=1)
    exercise_id = store.db.execute("SELECT exercise_id FROM responses GROUP BY exercise_id ORDER BY COUNT(*) DESC").fetchone()[0]
    before = store.get_exercise(exercise_id, "en")
    untouched = next(e for e in store.list_exercises() if not store.answers_to_exercise(e.id) and e.kind == "numeric")
    pack = {"format": "lamplight-pack", "version": 2, "id": "worksheet-extras", "language": "en",
            "skills": [{"id": k, "name": k} for k in {*before.skills, *untouched.skills}],
            "exercises": [{"id": before.key, "kind": "multiple_choice", "prompt": "Which animal says moo?",
                           "choices": ["cow", "dog", "cat"], "answer": "cow", "skills": list(before.skills)},
                          {"id": untouched.key, "kind": "numeric", "prompt": "A new prompt", "answer": "7", "skills": list(untouched.skills)}]}
    report = import_pack(store, pack=pack)
    assert (report.exercises_answered_kept, report.exercises_updated, report.exercises_unchanged) == (1, 1, 0)
    assert report.answered_kept_ids == (exercise_id,)
    assert store.get_exercise(exercise_id, "en") == before
    assert store.get_exercise(untouched.id, "en").answer == "7", "an exercise nobody answered is brought up to date"
    edition = {**pack, "exercises": [{"id": before.key, "kind": before.kind, "prompt": before.prompt + " (new wording)",
                                      "answer": before.answer, "skills": list(before.skills)}]}
    report = import_pack(store, pack=edition)
    assert report.exercises_updated == 1 and store.get_exercise(exercise_id, "en").prompt.endswith("(new wording)"), \
        "a new wording of the same question is taken"
    assert report.exercises_answered_kept == 0
    number = float(before.answer) if before.kind == "numeric" else None
    translated = {**pack, "language": "zh_CN", "exercises": [{
        "id": before.key, "kind": before.kind, "prompt": "同一道题（中文）",
        "answer": f"{number:.1f}" if number is not None else before.answer, "choices": list(reversed(before.choices)),
        "skills": list(before.skills)}]}
    report = import_pack(store, pack=translated)
    assert (report.exercises_answered_kept, report.exercises_updated) == (0, 1), \
        "review 31c: a translation, 10.0 for 10, or choices in another order are the same question"
    other_skill = next(s for s in store.skill_prerequisites() if s not in {k["id"] for k in pack["skills"]})
    retagged = {**pack, "skills": [*pack["skills"], {"id": other_skill, "name": other_skill}], "exercises": [
        {"id": before.key, "kind": before.kind, "prompt": before.prompt, "answer": before.answer, "choices": list(before.choices),
         "skills": [other_skill]}]}
    report = import_pack(store, pack=retagged)
    assert (report.exercises_answered_kept, report.exercises_updated) == (1, 0), \
        "review 35b: another skill would move the children's answers to it on every screen"
    assert store.get_exercise(exercise_id).skills == before.skills


def test_student_numbers_given_out_again_keep_each_child_with_her_name_when_the_teacher_says_so(store, tmp_path):
    """Review 51a: a list whose numbers moved down one (a child added in the middle) could only rename the children
    below him to their neighbours' names, their answers with them, or be cancelled."""
    path = tmp_path / "class.csv"
    path.write_text("Name,Student number\nAisha Khan,11\nBen Okafor,12\nLiam Taylor,13\nZoë Martin,14\n", encoding="utf-8")
    class_id = store.create_class("3A")
    import_roster(store, class_id, path)
    before = {s.name: s.id for s in store.list_students(class_id)}
    path.write_text("Name,Student number\nAisha Khan,11\nBen Okafor,12\nKai Robinson,13\nLiam Taylor,14\nZoë Martin,15\n",
                    encoding="utf-8")
    assert [line.renamed_from for line in preview_roster(store, class_id, path) if line.renamed_from] == ["Liam Taylor", "Zoë Martin"]
    report = import_roster(store, class_id, path, by_name=True)
    after = {s.name: (s.id, s.external_id) for s in store.list_students(class_id)}
    assert {name: after[name][0] for name in before} == before, "every child keeps her answers under her name"
    assert {name: number for name, (_, number) in after.items()} == {
        "Aisha Khan": "11", "Ben Okafor": "12", "Kai Robinson": "13", "Liam Taylor": "14", "Zoë Martin": "15"}
    assert (report.added, report.updated) == (1, 2)


def test_by_name_pairs_namesakes_by_their_numbers_and_says_who_lost_a_number(store, tmp_path):
    """Review 51e: two Li Nas after a shift gave a third Li Na; a name spelt anew lost its number unsaid, beside a new
    child of the new spelling; a number kept full-width (before review 37c) gave its child's answers to another name."""
    path = tmp_path / "class.csv"
    class_id = store.create_class("4B")
    exercise = store.add_exercise("1+1", "numeric", "2")
    for n, (name, number) in enumerate([("Ana", "1"), ("Li Na", "2"), ("Li Na", "3"), ("Zoe", "4"), ("Jon Smith", "5")], 1):
        student = store.add_student(class_id, name, number)
        for _ in range(n):
            store.record_response(student, exercise, 1.0)
    path.write_text("name,student number\nBo,1\nAna,2\nLi Na,3\nLi Na,4\nZoe,5\nJohn Smith,6\n", encoding="utf-8")
    report = import_roster(store, class_id, path, by_name=True)
    after = sorted((s.name, s.external_id, len(store.list_responses(student_id=s.id))) for s in store.list_students(class_id))
    assert after == [("Ana", "2", 1), ("Bo", "1", 0), ("John Smith", "6", 0), ("Jon Smith", None, 5), ("Li Na", "3", 2),
                     ("Li Na", "4", 3), ("Zoe", "5", 4)]
    assert report.unnumbered == ("Jon Smith",) and report.added_names == ("Bo", "John Smith")

    legacy = store.create_class("4C")
    ana = store.add_student(legacy, "Ana", "1")
    store.add_student(legacy, "Ben", "2")
    store.db.execute("UPDATE students SET external_id = '１' WHERE id = ?", [ana])
    path.write_text("name,student number\nBo,1\nBen,2\n", encoding="utf-8")
    import_roster(store, legacy, path, by_name=True)
    assert store.get_student(ana).name == "Ana" and store.get_student(ana).external_id is None
