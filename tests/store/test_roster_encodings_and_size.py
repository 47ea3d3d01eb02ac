"""Rosters from Chinese Excel (GBK / GB18030) and Western Excel (Windows-1252) are read; other encodings are refused,
never guessed;
a file with far more rows than a class is refused at once, before reading on."""
from __future__ import annotations

import pytest

from engine import csv_files
from engine.csv_files import open_table, text_encoding
from engine.errors import LamplightError
from engine.store import Store
from engine.store.importers import MAX_ROSTER_ROWS, import_roster, preview_roster

# 玥, 喆 and 堃 are common in children's names but not in GB 2312 (GBK only); 玥 is AB 68: its second byte is "h"
GBK_ROSTER = "姓名,学号,分组\r\n王玥,1,A组\r\n李喆,2,B组\r\n张堃,3,A组\r\n欧阳娜娜,4,1组\r\n阿依古丽·买买提,5,B组\r\n"
GBK_NAMES = ["王玥", "李喆", "张堃", "欧阳娜娜", "阿依古丽·买买提"]


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


def test_a_gbk_roster_from_chinese_excel_is_previewed_and_imported(store, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_bytes(GBK_ROSTER.encode("gbk"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # really not UTF-8
    class_id = store.create_class("三年级二班")
    preview = preview_roster(store, class_id, path)
    assert [(line.name, line.status) for line in preview] == [(name, "new") for name in GBK_NAMES]
    assert import_roster(store, class_id, path).added == 5
    assert sorted(s.name for s in store.list_students(class_id)) == sorted(GBK_NAMES)
    assert sorted(g.name for g in store.list_groups(class_id)) == ["1组", "A组", "B组"]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_list_typed_with_chinese_commas_is_read_in_columns(store, tmp_path, encoding):
    """Review 43: 姓名，学号 typed in Notepad with a Chinese keyboard was one column: "王芳，2024001" became a name."""
    path = tmp_path / "名单.csv"
    path.write_bytes("姓名，学号\n王芳，2024001\n李明，2024002\n".encode(encoding))
    class_id = store.create_class("三年级二班")
    assert [(line.name, line.status) for line in preview_roster(store, class_id, path)] == [("王芳", "new"), ("李明", "new")]
    import_roster(store, class_id, path)
    assert sorted((s.name, s.external_id) for s in store.list_students(class_id)) == [("李明", "2024002"), ("王芳", "2024001")]


def test_gb18030_four_byte_characters_are_read(store, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("姓名\n𠮷野\n李明\n".encode("gb18030"))  # 𠮷 is outside GBK: four bytes in GB18030
    class_id = store.create_class("4B")
    assert import_roster(store, class_id, path).added == 2
    assert sorted(s.name for s in store.list_students(class_id)) == sorted(["𠮷野", "李明"])


@pytest.mark.parametrize("data", ["name\nAna\n李小龙\n".encode("utf-8"), "name\nAna\n李小龙\n".encode("utf-8-sig")],
                         ids=["utf-8", "utf-8 with BOM"])
def test_utf8_is_still_read_first(store, tmp_path, data):
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    assert text_encoding(data, whole=True) == "utf-8-sig"
    class_id = store.create_class("4B")
    import_roster(store, class_id, path)
    assert sorted(s.name for s in store.list_students(class_id)) == ["Ana", "李小龙"]


LATIN_1_THAT_DECODES_AS_GB18030 = ["name\nMüller\n", "name\nConceição\n", "name\nSørensen\nFrançois\n"]


@pytest.mark.parametrize("text", LATIN_1_THAT_DECODES_AS_GB18030 + ["name\nAna\nJosé\n", "name\nZoë Brontë\nO’Brien\n"])
def test_excels_western_csv_is_read_as_such_never_guessed_as_chinese(store, tmp_path, text):
    """Latin-1 often decodes "cleanly" as GB18030 ("Müller" -> "M黮ler"): it is never read as Chinese. Review 40a: Excel's
    default "CSV (Comma delimited)" on an English computer (Windows-1252) was refused as "not UTF-8"; it is read now."""
    data = text.encode("cp1252")
    if text in LATIN_1_THAT_DECODES_AS_GB18030:
        data.decode("gb18030")  # no error: strict decoding alone would have let it through
    path = tmp_path / "western.csv"
    path.write_bytes(data)
    assert text_encoding(data, whole=True) == "cp1252"
    class_id = store.create_class("4B")
    import_roster(store, class_id, path)
    assert sorted(s.name for s in store.list_students(class_id)) == sorted(text.split("\n")[1:-1])


@pytest.mark.parametrize("data", ["name\nAna\nÐ˜Ð²Ð°Ð½ ×\n".encode("cp1252"), "name\nAna\nÈâà í\n".encode("cp1252"),
                                  "name\nAna\n".encode("cp1252") + b"\x81\n", "name\nAyşe Yılmaz\n".encode("cp1254"),
                                  "name\nŁukasz Kamiński\n".encode("cp1250")],
                         ids=["not words", "words of accents only", "a byte Windows-1252 has no letter for",
                              "Turkish (review 40c: read as Ayþe Yýlmaz)", "Polish (review 40c: read as £ukasz)"])
def test_other_single_byte_text_is_refused_not_guessed(store, tmp_path, data):
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    class_id = store.create_class("4B")
    store.add_student(class_id, "Kept")
    with pytest.raises(LamplightError, match=r"line \d: not UTF-8 text \(save the file as 'CSV UTF-8'"):
        import_roster(store, class_id, path)
    assert [s.name for s in store.list_students(class_id)] == ["Kept"]


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"name\n\x81\n", b"\xff\xfen",
                                  b"\xff\xfe" + "name\nAna\n".encode("utf-16-le")[:-1],
                                  "name\nAna\n".encode("utf-16-le")[:-1], "name\nA\x07na\n".encode("utf-16-le")],
                         ids=["binary", "a cut GBK character", "a cut utf-16 header", "a cut utf-16 line",
                              "a cut utf-16 line without its byte order mark", "a control character in utf-16"])
def test_binary_and_cut_files_are_still_refused(store, tmp_path, data):  # the cut ones: found by the importer fuzz test
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    class_id = store.create_class("4B")
    with pytest.raises(LamplightError):
        import_roster(store, class_id, path)
    assert store.list_students(class_id) == []


def test_a_gbk_file_with_a_latin1_line_past_the_sniffed_start_names_that_line(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_files, "SNIFF_BYTES", 64)  # the real one is a megabyte: far more than a roster
    path = tmp_path / "log.csv"
    rows = "".join(f"{n},{name}\n" for n, name in enumerate(["王小明", "李娜", "张伟", "陈静", "刘洋", "杨帆"] * 3))
    path.write_bytes(("id,name\n" + rows).encode("gbk") + "99,Müller\n".encode("latin-1"))
    with open_table(path) as table:
        assert table.encoding == "gb18030"
        with pytest.raises(LamplightError, match="line 20: not UTF-8"):
            list(table.rows())


def test_a_gbk_class_list_with_utf8_lines_is_refused_naming_the_first_and_nothing_is_added(store, tmp_path):
    """Review 36b: lines added later in UTF-8 were read as GBK, and 张伟 came in as 寮犱紵, which looks like Chinese."""
    path = tmp_path / "名单.csv"
    path.write_bytes(GBK_ROSTER.encode("gbk") + "张伟,6,\r\n王芳,7,\r\n".encode("utf-8"))
    class_id = store.create_class("三年级二班")
    for action in (preview_roster, import_roster):
        with pytest.raises(LamplightError, match="line 7: this line is saved as UTF-8, the lines before it as GBK"):
            action(store, class_id, path)
    assert store.list_students(class_id) == []


def test_a_file_with_far_more_rows_than_a_class_is_refused_without_reading_on(store, tmp_path):
    """Row MAX_ROSTER_ROWS + 1 ends the reading: a broken line after it is never reached."""
    class_id = store.create_class("4B")
    store.add_student(class_id, "Kept")
    path = tmp_path / "big.csv"
    good = "".join(f"Pupil {i},{i}\n" for i in range(MAX_ROSTER_ROWS + 1))
    path.write_text("name,student number\n" + good + '"never closed\n', encoding="utf-8")
    for action in (lambda: preview_roster(store, class_id, path), lambda: import_roster(store, class_id, path)):
        with pytest.raises(LamplightError, match=f"more than {MAX_ROSTER_ROWS} lines of students.*Nothing was added"):
            action()
    assert [s.name for s in store.list_students(class_id)] == ["Kept"]


def test_a_full_class_of_the_largest_size_is_imported(store, tmp_path):
    path = tmp_path / "big-but-fine.csv"
    path.write_text("name\n" + "".join(f"Pupil {i}\n" for i in range(MAX_ROSTER_ROWS)), encoding="utf-8")
    class_id = store.create_class("Whole year")
    assert import_roster(store, class_id, path).added == MAX_ROSTER_ROWS


def test_preview_reports_its_reading_progress(store, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("name\n" + "".join(f"Pupil number {i:04d} of the year\n" for i in range(900)), encoding="utf-8")
    seen: list[float] = []
    preview_roster(store, store.create_class("4B"), path, progress=lambda fraction, text: seen.append(fraction))
    assert len(seen) == 900 // 50
    assert seen == sorted(seen) and 0 < seen[0] < 1 and seen[-1] == 1.0


@pytest.mark.parametrize("header", ["学生姓名", "学生名字"])
def test_a_chinese_class_list_headed_student_name_is_read(store, tmp_path, header):
    """Review 28e: "学生姓名,学号" was refused as a file with no "name" column."""
    path = tmp_path / "名单.csv"
    path.write_text(f"{header},学号\n王小明,1\n李华,2\n", encoding="utf-8")
    class_id = store.create_class("三年级二班")
    assert import_roster(store, class_id, path).added == 2
    assert sorted(s.name for s in store.list_students(class_id)) == sorted(["王小明", "李华"])


@pytest.mark.parametrize("encoding, mark", [("utf-16", None), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("utf-16-be", b"")])
def test_excel_unicode_text_is_read(store, tmp_path, encoding, mark):
    """Review 30a: a class list saved by Excel as "Unicode Text" (UTF-16 with a byte order mark, tab-delimited) was
    refused as "not UTF-8 text", a message that does not name what to do. Some school systems write UTF-16 without
    the mark: that was refused as "NUL bytes"."""
    path = tmp_path / "名单.txt"
    text = "序号\t姓名\t学号\r\n1\t张伟\t2024001\r\n2\t李娜\t2024002\r\n"
    path.write_bytes(text.encode(encoding) if mark is None else mark + text.encode(encoding))
    class_id = store.create_class("三年级二班")
    assert import_roster(store, class_id, path).added == 2
    assert sorted((s.name, s.external_id) for s in store.list_students(class_id)) == [("张伟", "2024001"), ("李娜", "2024002")]


def test_a_chinese_form_with_spaced_headers_and_numbered_empty_rows_is_read(store, tmp_path):
    """Review 36a: "姓  名" (spaced to line up, as Chinese forms write it) was "no name column", and the numbers a form
    runs down past the last child were each "the name is empty"."""
    path = tmp_path / "名单.csv"
    rows = "序号,学  号,姓\u3000\u3000名,性别\r\n1,301,王玥,女\r\n2,302,李喆,男\r\n3,,,\r\n4,,,\r\n5,305,,\r\n"
    path.write_bytes(rows.encode("gbk"))
    class_id = store.create_class("三年级二班")
    preview = preview_roster(store, class_id, path)
    assert [(line.name, line.external_id, line.status) for line in preview] == [("王玥", "301", "new"), ("李喆", "302", "new")]
    assert import_roster(store, class_id, path).added == 2


def test_a_numbered_row_without_a_name_above_a_child_is_a_problem_not_skipped(store, tmp_path):
    """Review 38a: ",1" and "   ,2" above the first child were dropped without a word (only rows below the last child
    are a form's numbers running on)."""
    path = tmp_path / "class.csv"
    path.write_text("name,number\n,1\n   ,2\nAna Lima,3\n,4\n", encoding="utf-8")
    class_id = store.create_class("5A")
    preview = preview_roster(store, class_id, path)
    assert [(line.line, line.status) for line in preview][:2] == [(2, "problem"), (3, "problem")], preview
    assert len(preview) == 3, "the row below the last child is still skipped"
