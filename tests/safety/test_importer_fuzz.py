"""Property-based fuzzing of every importer: any input imports or raises LamplightError, and a
refused input leaves the store exactly as it was.

The inputs are built to reach deep into each importer: near-valid files (right
headers, real-looking rows) with random damage, several encodings (UTF-8, UTF-8
with BOM, Latin-1, GBK, UTF-16), random delimiters and quotes, truncation, and
pure noise; packs are near-valid JSON objects with random types in every field.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from engine.errors import LamplightError
from engine.store import Store
from engine.store.importers import import_pack, import_responses, import_roster

FUZZ = settings(max_examples=int(os.environ.get("LAMPLIGHT_FUZZ_EXAMPLES", "120")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def table_contents(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, for "nothing changed" comparisons."""
    tables = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: sorted(map(repr, store.db.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz-data")
    store = Store.open(folder)
    class_id = store.create_class("Fuzz class")
    store.add_student(class_id, "Existing Pupil", external_id="e1")
    skill = store.add_skill("Counting", skill_id="counting")
    store.add_exercise("1 + 1 = ?", "numeric", "2", skills=[skill], key="q-existing")
    yield store, class_id, folder
    store.close()


# --- text and bytes strategies ---------------------------------------------------------------
CELL_TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["Ana", "José Núñez", "李小龙", "Zoë", "", " ", "0", "1", "0.5", "-1", "2", "nan", "inf", "1e309",
                     "2024-02-30T10:00", "2024-01-05T09:30:00Z", "s1", "s2", "q1", "q2", "a;b", "=cmd()", "\"", "\n", "\x00"]),
)
ROSTER_HEADERS = ["name", "Student name", "first name", "last name", "external_id", "ID", "group", "学号", "姓名", "notes", ""]
RESPONSE_HEADERS = ["student_id", "item_id", "skill_ids", "correct", "position", "time", "student_name", "answer", "source", "extra", ""]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    return text.encode(encoding, errors="replace" if encoding != "utf-8" else "surrogatepass")


@st.composite
def csv_files(draw: st.DrawFn, headers: list[str]) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))  # noise
    columns = draw(st.lists(st.sampled_from(headers), min_size=1, max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    rows = draw(st.lists(st.lists(CELL_TEXT, min_size=0, max_size=len(columns) + 1), max_size=8))

    def quote(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if draw(st.booleans()) else cell

    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(delimiter.join(quote(c) for c in row) for row in [columns] + rows)
    data = encode(text, draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "gbk", "utf-16"])))
    if draw(st.integers(0, 4)) == 0:
        data = data[: draw(st.integers(0, len(data)))]  # truncated
    if draw(st.integers(0, 9)) == 0:
        import gzip

        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: len(data) // 2]  # truncated gzip
    return data


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10) | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


RARELY = st.sampled_from([False] * 9 + [True])  # hypothesis draws 0 of integers(0, n) too often for this


def maybe(draw: st.DrawFn, good: Any) -> Any:
    """Usually the good value, sometimes any JSON value instead (also inside lists)."""
    if draw(RARELY):
        return draw(JSON_VALUES)
    if isinstance(good, list) and good and draw(RARELY):
        return [maybe(draw, item) for item in good]
    return good


@st.composite
def packs(draw: st.DrawFn) -> Any:
    if draw(RARELY) and draw(RARELY):
        return draw(JSON_VALUES)
    skill_ids = draw(st.lists(st.sampled_from(["a", "b", "c", "counting", "d e"]), max_size=4, unique=True))
    skills = [
        {"id": maybe(draw, sid), "name": maybe(draw, f"Skill {sid}"), "description": maybe(draw, "text"),
         "prerequisites": maybe(draw, draw(st.lists(st.sampled_from(skill_ids + ["zz", "counting"]), max_size=2)) if skill_ids else [])}
        for sid in skill_ids
    ]
    kinds = ["numeric", "multiple_choice", "short_text", "teacher_marked", "essay"]
    exercises = [
        {"id": maybe(draw, f"x{i}"), "kind": maybe(draw, draw(st.sampled_from(kinds))), "prompt": maybe(draw, "2 + 2 = ?"),
         "answer": maybe(draw, draw(st.sampled_from(["4", "four", "", "b"]))),
         "choices": maybe(draw, draw(st.lists(st.sampled_from(["a", "b", "4"]), max_size=3))),
         "skills": maybe(draw, draw(st.lists(st.sampled_from(skill_ids + ["zz"]), max_size=2)) if skill_ids else []),
         "difficulty": maybe(draw, draw(st.sampled_from([None, 1, 3, 5, 0, 6, 2.5]))),
         "template": maybe(draw, draw(st.sampled_from([None, "t0", "t9"]))), "params": maybe(draw, {"a": 3})}
        for i in range(draw(st.integers(0, 3)))
    ]
    templates = [
        {"id": maybe(draw, f"t{i}"), "kind": maybe(draw, "numeric"), "skills": maybe(draw, skill_ids[:1]),
         "choices": maybe(draw, ["{a}", "{b}"]),
         "params": maybe(draw, {"a": maybe(draw, [[1, 5]] * 5)}), "let": maybe(draw, {"b": maybe(draw, "a + 1")}),
         "where": maybe(draw, ["b > 1"]), "prompt": maybe(draw, "{a} + 1 = ?"), "answer": maybe(draw, "{b}")}
        for i in range(draw(st.integers(0, 2)))
    ]
    pack = {"format": maybe(draw, "lamplight-pack"), "version": maybe(draw, draw(st.sampled_from([1] * 8 + [2, "1"]))),
            "id": maybe(draw, "fuzz-pack"), "skills": maybe(draw, skills), "templates": maybe(draw, templates),
            "exercises": maybe(draw, exercises)}
    if draw(st.integers(0, 9)) == 0:
        pack.pop(draw(st.sampled_from(sorted(pack))))
    return pack


# --- the properties --------------------------------------------------------------------------
def imports_or_refuses_cleanly(store: Store, action) -> bool:
    """Run ``action``; True when it imported, False when refused with the store untouched."""
    before = table_contents(store)
    try:
        action()
    except LamplightError:
        assert table_contents(store) == before, "a refused import changed the store"
        return False
    return True


@FUZZ
@given(data=csv_files(ROSTER_HEADERS))
@example(data=b'name\n,\n,\n,\n0,"\n"\n,')  # a quoted line break in a cell past the header's columns (IndexError)
def test_roster_import_fuzz(fuzz_store, tmp_path_factory, data):
    store, class_id, _ = fuzz_store
    path = tmp_path_factory.mktemp("roster") / "roster.csv"
    path.write_bytes(data)
    imports_or_refuses_cleanly(store, lambda: import_roster(store, class_id, path))


@FUZZ
@given(data=csv_files(RESPONSE_HEADERS), into_existing=st.booleans())
def test_response_log_import_fuzz(fuzz_store, tmp_path_factory, data, into_existing):
    store, class_id, _ = fuzz_store
    path = tmp_path_factory.mktemp("log") / "responses.csv"
    path.write_bytes(data)
    imports_or_refuses_cleanly(store, lambda: import_responses(store, path, class_id=class_id if into_existing else None))


@FUZZ
@given(pack=packs(), as_file=st.booleans())
def test_pack_import_fuzz(fuzz_store, tmp_path_factory, pack, as_file):
    store, _, _ = fuzz_store
    if as_file or pack is None:  # import_pack(pack=None) means "read the path": a programming error, not input
        path = tmp_path_factory.mktemp("pack") / "pack.json"
        path.write_text(json.dumps(pack), encoding="utf-8")
        imports_or_refuses_cleanly(store, lambda: import_pack(store, path))
    else:
        imports_or_refuses_cleanly(store, lambda: import_pack(store, pack=pack))


# --- named bad inputs: each refused with a message naming the problem ---------------------------
ROSTER = "name,external_id,group\nAna Lima,s1,Reds\nJosé Núñez,s2,Blues\n李小龙,s3,Reds\n"


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8-sig", None), ("gbk", None), ("utf-16", None), ("cp1252", None), ("utf-16-le", None),
])
def test_roster_encodings(data_dir, encoding, expected):
    """UTF-8, GBK (Chinese Excel's CSV), Windows-1252 (Western Excel's) and UTF-16 with its byte order mark (Excel's
    Unicode Text) or without it are read (other single-byte encodings: see
    tests/store/test_roster_encodings_and_size.py)."""
    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        path = data_dir / "roster.csv"
        try:
            path.write_bytes(encode(ROSTER, encoding) if encoding == "utf-8-sig" else ROSTER.encode(encoding))
        except UnicodeEncodeError:
            path.write_bytes(ROSTER.encode(encoding, errors="replace"))  # GBK has no ñ: the file says "N?úez"
        if expected is None:
            written = path.read_bytes().decode(encoding)
            assert import_roster(store, class_id, path).added == 3
            assert sorted(s.name for s in store.list_students(class_id)) == sorted(
                line.split(",")[0] for line in written.splitlines()[1:])
            assert "李小龙" in written or encoding == "cp1252"  # Windows-1252 has no Chinese: "???"
        else:
            with pytest.raises(LamplightError, match=expected):
                import_roster(store, class_id, path)
            assert store.list_students(class_id) == []


def test_huge_roster_is_refused_or_imported_without_loss(data_dir):
    """100,000 rows: far more than a class, refused with a clear error, and nothing written."""
    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        store.add_student(class_id, "Kept Pupil")
        lines = ["name,external_id"] + [f"Pupil {i},id{i}" for i in range(100_000)] + [",id-empty"]
        path = data_dir / "huge.csv"
        path.write_text("\n".join(lines), encoding="utf-8")
        with pytest.raises(LamplightError, match="more than 1000 lines of students.*Nothing was added"):
            import_roster(store, class_id, path)
        assert [s.name for s in store.list_students(class_id)] == ["Kept Pupil"]


def test_truncated_response_log_names_the_line(data_dir):
    with Store.open(data_dir) as store:
        path = data_dir / "log.csv"
        path.write_text("student_id,item_id,correct\ns1,q1,1\ns1,q2,", encoding="utf-8")
        with pytest.raises(LamplightError, match="line 3: correct must be 1 or 0"):
            import_responses(store, path)
        assert store.counts()["responses"] == 0 and store.list_classes() == []


@pytest.mark.parametrize("pack, message", [
    ({"format": "lamplight-pack", "version": 7, "id": "p"}, "made for a newer Lamplight"),
    ({"format": "lamplight-pack", "version": 1, "id": "p", "skills": [
        {"id": "a", "name": "A", "prerequisites": ["b"]}, {"id": "b", "name": "B", "prerequisites": ["a"]}]}, "in a circle"),
    ({"format": "lamplight-pack", "version": 1, "id": "p", "skills": "many"}, "must be a list"),
    ({"format": "lamplight-pack", "version": 1, "id": "p", "exercises": [{"id": "x", "kind": "numeric", "prompt": "?", "answer": "4", "difficulty": "hard"}]},
     "difficulty"),
])
def test_bad_packs_are_refused_with_the_json_path(data_dir, pack, message):
    with Store.open(data_dir) as store:
        with pytest.raises(LamplightError, match=message):
            import_pack(store, pack=pack)
        assert store.counts()["skills"] == 0 and store.counts()["exercises"] == 0
