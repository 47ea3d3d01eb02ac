"""Importing rosters, response logs and exercise packs (features 1, 2, 3c).

Every import reads and checks the whole file first, then writes in ONE
transaction: a bad file raises LamplightError naming the line (or JSON path)
and the problem, and nothing of it is written.
"""
from __future__ import annotations

import contextlib
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Collection, Iterator, Mapping

from engine.csv_files import ProgressFn, Table, normalise_header, open_table, read_text, unescape_cell
from engine.errors import LamplightError
from engine.number_text import is_number, number_value
from engine.store.answer_staging import AnswerStaging, scratch_schema
from engine.store.classes import MAX_NAME, MAX_NUMBER, clean_name, same_name_key, student_number, tidy_name
from engine.store.name_order import numbered_key
from engine.store.clock import to_utc_iso, utc_now
from engine.store.core import Store
from engine.store.queued import MAX_TYPED_CHARS
from engine.store.responses import as_typed_in_order
from engine.store.records import STAND_IN_EXERCISE
from engine.store.exercises import EXERCISE_KINDS, check_exercise_fields, check_translation, find_cycle
from engine.store.texts import DEFAULT_LANGUAGE, as_texts, is_local_map, languages_in, normal_language, pick
from engine.store.transactions import write_transaction

ID_IN_NAME = 20  # a file's id that fits after a shared name, "Wang Wei (s1)"; longer ones give a number
PACK_FORMAT = "lamplight-pack"
PACK_VERSION = 2
"""The version exports write: texts may be maps language -> text (resources/packs/SCHEMA.md)."""
READABLE_PACK_VERSIONS = (1, 2)

NAME_HEADERS = {"name", "student", "student name", "full name", "fullname", "pupil", "pupil name", "姓名", "名字", "学生",
                "学生姓名", "学生名字", "学生名称", "名称"}
FIRST_NAME_HEADERS = {"first name", "firstname", "given name", "forename", "名",
                      "legal forename", "preferred forename", "preferred first name"}  # a school system's export (37d)
LAST_NAME_HEADERS = {"last name", "lastname", "surname", "family name", "姓", "姓氏", "legal surname", "preferred surname"}
ID_HEADERS = ({"学号", "student number", "student id", "studentid", "external id", "externalid", "id", "number"},
              {"adno", "admission number"}, {"upn"}, {"学生编号"}, {"学籍号"}, {"全国学籍号"}, {"考号"})
"""The names of the student-number column, in the order one is chosen when a list has several, whatever their order in
the file (review 37g): a school's own number first, then the numbers a child keeps (the 学籍系统's 学籍号: review
37a), an exam's 考号 last (given again each exam). A list's 编号 is its row count, no number of the child (37e)."""
EXTERNAL_ID_HEADERS = set().union(*ID_HEADERS)
ROW_COUNT_HEADERS = {"number"}
"""A student-number header that, over numbers 1, 2, 3... in the file's order, counts the list's rows instead."""
GROUP_HEADERS = {"group", "groups", "team", "set", "分组", "小组"}


# --- rosters ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class RosterRow:
    line: int
    name: str
    external_id: str | None = None
    group: str | None = None
    one_name: bool = False
    """Only one part of a name: a first-name / last-name roster with one of them empty, or a single Chinese
    character (a family name alone?). Imported as it is; the preview asks the teacher to look."""
    odd_name: bool = False
    """A digit or a separator in the name (:func:`_odd_name`): imported as it is; the preview asks the teacher to look."""


def _one_name(name: str, first: str | None, last: str | None) -> bool:
    """Whether a roster line names a child by one part of a name only (see :attr:`RosterRow.one_name`).

    >>> _one_name("Rossi", "", "Rossi"), _one_name("张", None, None), _one_name("Mia Rossi", "Mia", "Rossi"), _one_name("Mia", None, None)
    (True, True, False, False)
    """
    if first is not None and last is not None:
        return bool(name) and not (first and last)
    return len(name) == 1 and _is_cjk(name)


_NUMBER_TOLD_APART = re.compile(r"\s*[(（]\d+[)）]$")
"""The number Lamplight gives the second child of a name ("Ana (2)", 张伟（2）): no sign of a column run in."""


def _odd_name(name: str) -> bool:
    """Whether a name holds a digit or a separator: a student number or another column run into it, a list split by
    a character that is no delimiter (review 45: "2024007|赵敏" was added as a child's name without a word).

    >>> [_odd_name(n) for n in ("2024007|赵敏", "Ana Lima 4B", "Lee/Park", "Ana (2)", "张伟（2）", "Zoë O'Neil-Smith")]
    [True, True, True, False, False, False]
    """
    return any(ch.isdigit() or ch in "|/\\" for ch in _NUMBER_TOLD_APART.sub("", name))


@dataclass(frozen=True)
class RosterReport:
    added: int
    updated: int
    unchanged: int
    unnumbered: tuple[str, ...] = ()
    """With ``by_name``: children of the class not on the file whose number it gives another child (now without one)."""
    added_names: tuple[str, ...] = ()


def _column(header: list[str], aliases: set[str]) -> int | None:
    for i, name in enumerate(header):
        if normalise_header(name) in aliases:
            return i
    return None


NOT_THE_CHILD = ("家长", "父", "母", "监护", "老师", "教师", "班主任", "parent", "guardian", "mother", "father", "carer",
                 "teacher", "tutor", "school", "class", "file", "user")
"""Words of a name column that is not the child's (家长姓名, Parent name, Teacher name)."""


def _name_like_column(header: list[str]) -> int | None:
    """When no column has a name Lamplight knows: the one column whose name says it holds a name ("孩子姓名", "Name of
    pupil", "Child's name", "Learner") and not someone else's (:data:`NOT_THE_CHILD`); None when none or several do
    (review 43: 孩子姓名 was refused, "no name column").

    >>> _name_like_column(["序号", "孩子姓名", "家长姓名"]), _name_like_column(["No.", "Name of pupil"]), _name_like_column(["Learner"])
    (1, 1, 0)
    """
    found = []
    for i, cell in enumerate(header):
        name = normalise_header(cell)
        says_name = "姓名" in name or "名字" in name or re.search(r"\b(name|child|learner|pupil|student)\b", name)
        numbered = "号" in name or re.search(r"\b(no|number|id|code)\b", name)  # Student no., 学生编号
        if says_name and not numbered and not any(word in name for word in NOT_THE_CHILD):
            found.append(i)
    return found[0] if len(found) == 1 else None


def _id_column(header: list[str]) -> int | None:
    """The column of the students' numbers: the first of :data:`ID_HEADERS` the header has."""
    for aliases in ID_HEADERS:
        found = _column(header, aliases)
        if found is not None:
            return found
    return None


_HEADER_WORDS = {"name", "names", "student", "students", "pupil", "pupils", "child", "children", "kids", "learner", "learners",
                 "first", "last", "given", "family", "full", "surname", "surnames", "forename", "and", "list", "class", "of",
                 "the", "s", "roster", "register", "my", "in", "year", "form", "grade", "group", "set"}
"""The words of a one-column list's title ("First and last name", "Students", "Pupils in 4B", "Year 4 names"): a line of
these (and class names such as 4B) alone is no child."""
_CLASS_NAME = re.compile(r"\d+[a-z]?|[a-z]\d+")
_CHINESE_TITLE = re.compile(r"名单|花名册|姓名|^学生$|^名字$|年级|班级|[一二三四五六七八九十\d]+班$")
"""A Chinese list's title: 学生名单, 花名册, 姓名：, 三年级二班 (a child's name never holds 年级; 班 alone is a surname)."""


def _says_names(cell: str) -> bool:
    """Whether a one-column list's first line is its title, not a child: every word of it names what the column holds
    (review 41c: "Lee Child" is a child).

    >>> [_says_names(t) for t in ("First and last name", "Pupils in 4B", "Year 4 names", "三年级二班", "学生姓名（共32人）")]
    [True, True, True, True, True]
    >>> [_says_names(t) for t in ("Lee Child", "Julia Child", "王学生", "班超", "Naomi Price")]
    [False, False, False, False, False]
    """
    if _is_cjk(cell):
        return bool(_CHINESE_TITLE.search(re.sub(r"[（(].*?[）)]|[：:\s]", "", cell)))
    words = re.findall(r"[^\W_]+", normalise_header(cell))
    return bool(words) and all(word in _HEADER_WORDS or _CLASS_NAME.fullmatch(word) for word in words)


def _is_cjk(text: str) -> bool:
    """True when ``text`` has Chinese, Japanese or Korean characters (names written family name first, no space)."""
    return any("\u2e80" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" or "\uf900" <= c <= "\ufaff" for c in text)


def full_name(first: str, last: str) -> str:
    """A student's name from separate first-name and last-name columns, as it is written in that language.

    Western names: "Mia" + "Rossi" -> "Mia Rossi". Chinese, Japanese and
    Korean names put the family name first with no space: "小明" + "李" -> "李小明".
    """
    first, last = first.strip(), last.strip()
    if _is_cjk(first + last):
        return last + first
    return " ".join(p for p in (first, last) if p)


MAX_ROSTER_ROWS = 1000
"""A class has at most a few hundred children: a file with more rows is not a class list, and is refused
as soon as its row after this many is read (a 5 MB file in milliseconds), before anything is written."""
ROSTER_PROGRESS_EVERY = 50  # rows between progress reports while a roster is read


def _roster_table(path: Path, progress: ProgressFn | None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, rows) of a roster file, reading no further than :data:`MAX_ROSTER_ROWS` rows."""
    rows: list[tuple[int, list[str]]] = []
    with open_table(path) as table:
        for line, cells in table.rows(ragged=True):  # a line with a stray comma is that line's problem only
            rows.append((line, cells))
            if len(rows) > MAX_ROSTER_ROWS:
                raise LamplightError(
                    f"{path}: the file has more than {MAX_ROSTER_ROWS} lines of students, far more than a class; "
                    "is it the right file? Nothing was added."
                )
            if progress is not None and len(rows) % ROSTER_PROGRESS_EVERY == 0:
                progress(table.fraction_read(), f"{len(rows)} lines read")
        return table.header, rows


TITLE_LINES = 5
"""At most this many lines above a class list's header are a title ("三年级二班学生名单"), skipped."""


def _below_title(header: list[str], rows: list[tuple[int, list[str]]]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, rows) with the title lines above the real header left out: the first of the first
    :data:`TITLE_LINES` lines that names a name column, when the first line does not (as unchanged otherwise).

    >>> _below_title(["Class 4B list", ""], [(2, ["No.", "Name"]), (3, ["1", "Ana"])])
    (['No.', 'Name'], [(3, ['1', 'Ana'])])
    """
    def names_a_column(cells: list[str]) -> bool:
        return _column(cells, NAME_HEADERS) is not None or _column(cells, FIRST_NAME_HEADERS) is not None

    if names_a_column(header):
        return header, rows
    for n, (_, cells) in enumerate(rows[:TITLE_LINES]):
        if names_a_column(cells):
            return [cell.strip() for cell in cells], rows[n + 1:]
    return header, rows


FOOTER_WORDS = ("合计", "总计", "共计", "制表", "填表", "班主任", "total")
"""Words a class list's footer lines start with (the count, who drew it up), below the last child."""


def _footer_name(name: str) -> bool:
    """Whether the name cell of a line below the children is a footer's (制表人：李老师, 合计：2人, Total: 2 pupils,
    班主任 李老师): a footer's first word, and for "total" a number or a colon after it, which no child's name has
    (review 43c: Excel keeps a list's commas, so a footer in column A was read as two more children).

    >>> [_footer_name(t) for t in ["制表人：李老师", "合计2人", "Total: 2 pupils", "Totally Fine", "王芳"]]
    [True, True, True, False, False]
    """
    text = name.strip().casefold()
    chinese = text.startswith(tuple(word for word in FOOTER_WORDS if not word.isascii()))
    return chinese or (text.startswith(FOOTER_WORDS) and (":" in text or "：" in text or any(c.isdigit() for c in text)))


def _footer_cell(text: str) -> bool:
    """Whether a cell of a line below the last child is a form's footer, not a child: empty, a row number, a note
    ("制表人：李老师", "Total: 6 pupils") or a count ("合计 2 人").

    >>> [_footer_cell(t) for t in ["", "31", "制表人：李老师", "Total 6", "A组"]]
    [True, True, True, True, False]
    """
    text = text.strip()
    return not text or text.isdigit() or ":" in text or "：" in text or text.casefold().startswith(FOOTER_WORDS)


def _parse_roster(path: Path, progress: ProgressFn | None = None
                  ) -> tuple[list[RosterRow], dict[int, str], dict[int, tuple[int, RosterRow]]]:
    """Every row of a roster file, the problem of each bad line (line number -> message), and the lines that repeat
    an earlier line (same student number, name and group: the same child, left out; line -> (that earlier line, row)).

    ``progress(fraction, text)`` is told how much of the file was read every few dozen rows.
    """
    header, rows = _roster_table(path, progress)
    header, rows = _below_title(header, rows)
    name_col = _column(header, NAME_HEADERS)
    first_col, last_col = _column(header, FIRST_NAME_HEADERS), _column(header, LAST_NAME_HEADERS)
    if name_col is None and first_col is None and len(header) > 1:  # (one column: a list of names, "Lee Child" a child)
        name_col = _name_like_column(header)
    id_col, group_col = _id_column(header), _column(header, GROUP_HEADERS)
    if name_col is None and first_col is None:
        if len(header) == 1 and id_col is None:  # a list of names (a line with a stray comma is that line's problem)
            # (a list of numbers alone, under 学籍号 or Adno, is no list of names: review 37f)
            if not _says_names(header[0]):  # review 41a: "First and last name" was imported as a child
                rows = [(1, header)] + rows
            name_col = 0
        else:
            raise LamplightError(f"{path}, line 1: no 'name' column (the columns are: {', '.join(header)}); Lamplight reads "
                                 "a column called name, student or full name, or first name and last name (forename, surname).")
    result: list[RosterRow] = []
    problems: dict[int, str] = {}
    seen_ids: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    seen_rows: dict[tuple[str, str | None, str | None], int] = {}
    repeats: dict[int, tuple[int, RosterRow]] = {}

    def cell(cells: list[str], col: int | None) -> str:
        return unescape_cell(cells[col]).strip() if col is not None and col < len(cells) else ""

    def name_of(cells: list[str]) -> str:
        return tidy_name(cell(cells, name_col) if name_col is not None else full_name(cell(cells, first_col), cell(cells, last_col)))

    named = [line for line, cells in rows if name_of(cells) and not _footer_name(name_of(cells))]
    last_named = named[-1] if named else 0
    numbers = [cell(cells, id_col) for line, cells in rows if line in named] if id_col is not None else []
    if id_col == _column(header, ROW_COUNT_HEADERS) and numbers and all(n.isdigit() for n in numbers) and \
            [int(n) for n in numbers] == list(range(1, len(numbers) + 1)) and \
            len({same_name_key(name_of(cells)) for line, cells in rows if line in named}) == len(numbers):
        id_col = None  # review 51a: a "Number" column of 1, 2, 3 (or 01, 02...) counts the rows; the next list, a child
        # added in the middle, then "renamed" every child below him to the name above. Two children of one name keep
        # their numbers, which tell them apart (review 51d)
    for line, cells in rows:
        name = name_of(cells)
        if line > last_named and (not name or _footer_name(name)) and all(_footer_cell(c) for c in cells):
            continue  # a form's numbers run on below the last child (review 36a), or its footer (制表人：李老师, Total: 6
            # pupils, review 43): not a student without a name (above a child, such a row is one: said, review 38a)
        external_id = student_number(cell(cells, id_col))
        group = " ".join(cell(cells, group_col).split()) or None
        parts = (cell(cells, first_col), cell(cells, last_col)) if name_col is None and last_col is not None else (None, None)
        row = RosterRow(line, name, external_id, group, _one_name(name, *parts), _odd_name(name))
        # (a number such as 无 or 0, put in for children without one, tells no child apart: review 49c)
        numbered = external_id is not None and any(c.isdigit() for c in external_id) and external_id.strip("0 ") != ""
        same_row = (same_name_key(name), external_id, group)
        earlier = seen_rows.get(same_row) if numbered else None
        if earlier is not None:  # review 49a: a line copied twice was red, "add the other one by hand"
            repeats[line] = (earlier, row)
            continue
        result.append(row)
        if len(cells) != len(header):
            problems[line] = f"{len(cells)} cells, expected {len(header)} as in the header"
        elif not name:
            problems[line] = "the name is empty"
        elif len(name) > MAX_NAME:
            problems[line] = f"the name is longer than {MAX_NAME} characters"
        elif external_id is not None and len(external_id) > MAX_NUMBER:
            problems[line] = f"the student number is longer than {MAX_NUMBER} characters"
        elif external_id is not None:
            if external_id in seen_ids:
                problems[line] = f"the id '{external_id}' is also on line {seen_ids[external_id]}"
            else:
                seen_rows[same_row] = line
            seen_ids.setdefault(external_id, line)
        else:
            key = same_name_key(name)
            if key in seen_names:
                problems[line] = f"'{name}' is also on line {seen_names[key]} (add a column “student number” to tell them apart)"
            seen_names.setdefault(key, line)
    return result, problems, repeats


def read_roster(path: str | Path) -> list[RosterRow]:
    """Parse and check a roster CSV (columns name, optional external_id, optional group).

    Header names are matched case-insensitively with common variations ("Student
    name", "First name" + "Last name", "ID", "Group"); a one-column file without
    a known header is a list of names. Raises LamplightError naming the first bad line.
    """
    path = Path(path)
    rows, problems, _ = _parse_roster(path)
    if problems:
        line = min(problems)
        raise LamplightError(f"{path}, line {line}: {problems[line]}.")
    if not rows:
        raise LamplightError(f"{path}: the roster has no students.")
    return rows


@dataclass(frozen=True)
class RosterPreviewLine:
    line: int
    name: str
    external_id: str | None
    group: str | None
    status: str  # "new", "update", "unchanged", "problem" or "repeat" (the same line as an earlier one: left out)
    problem: str = ""
    same_name: str = ""
    """For a new student: "class" when a student of this name is already in the class ("class_unnumbered" when the
    line has a student number and such a classmate has none: perhaps that very child, whom the line cannot tell from
    another of the name), "file" when the name is on another line of the file too (with another id: two children),
    else "". Two children of one name are allowed (ids tell them apart) but a teacher should see it before they are
    added."""
    renamed_from: str = ""
    """For a student the line renames (found by id, another name in the file): the name they have now."""
    name_of_classmate: bool = False
    """For a rename: another student of the class has the new name now (student numbers given out again?)."""
    one_name: bool = False
    """The line gives one part of a name only (:attr:`RosterRow.one_name`)."""
    odd_name: bool = False
    """A digit or a separator in the name (:attr:`RosterRow.odd_name`)."""


class _StudentMatcher:
    """Which student of the class a roster row is about (None: a new student).

    A row with an id is the student with that id; failing that, the one
    student of that name who has no id yet (they came from a names-only
    roster: the ids arriving later must not create every child twice),
    unless the name is ambiguous in the class or in the file. A row without
    id is the student of that name, when only one child of the class bears it.
    """

    def __init__(self, students: list[Any], rows: list[RosterRow]) -> None:
        self.by_id = {student_number(s.external_id): s for s in students if s.external_id}
        named: dict[str, list[Any]] = {}
        for student in students:
            named.setdefault(same_name_key(student.name), []).append(student)
        # a name two children of the class share tells neither apart: such a line is about a new student
        self.by_name = {key: found[0] for key, found in named.items() if len(found) == 1}
        self.without_id: dict[str, list[Any]] = {}
        for student in students:
            if not student.external_id:
                self.without_id.setdefault(same_name_key(student.name), []).append(student)
        self.rows_with_name: dict[str, int] = {}
        for row in rows:
            if row.external_id:
                key = same_name_key(row.name)
                self.rows_with_name[key] = self.rows_with_name.get(key, 0) + 1

    def __call__(self, row: RosterRow) -> Any:
        key = same_name_key(row.name)
        if not row.external_id:
            return self.by_name.get(key)
        if row.external_id in self.by_id:
            return self.by_id[row.external_id]
        candidates = self.without_id.get(key, [])
        if len(candidates) == 1 and self.rows_with_name.get(key) == 1:
            return candidates[0]
        return None


def preview_roster(store: Store, class_id: int, path: str | Path, progress: ProgressFn | None = None) -> list[RosterPreviewLine]:
    """What importing a roster into a class would do, line by line, without writing (the app's preview).

    A file-level problem (unreadable, no name column, more than
    :data:`MAX_ROSTER_ROWS` rows) raises LamplightError; a bad line gets status
    "problem" with its message (the import would refuse the file until it is
    fixed); a line repeating an earlier one (the same child) gets "repeat" and is
    left out. ``progress(fraction, text)`` follows the reading of the file.
    """
    rows, problems, repeats = _parse_roster(Path(path), progress)
    match = _StudentMatcher(store.list_students(class_id), rows)
    groups = {g.id: g.name.casefold() for g in store.list_groups(class_id)}
    students = store.list_students(class_id)
    in_class = {same_name_key(s.name) for s in students}
    unnumbered = {same_name_key(s.name) for s in students if not s.external_id}
    ids_in_file: dict[str, set[str | None]] = {}
    for row in rows:
        ids_in_file.setdefault(same_name_key(row.name), set()).add(row.external_id)
    preview = []
    for row in rows:
        same_name, renamed_from, name_of_classmate = "", "", False
        if row.line in problems:
            status = "problem"
        else:
            existing = match(row)
            if existing is None:
                status = "new"
                key = same_name_key(row.name)
                # without ids the name's other line is a problem already ("is also on line ...")
                # another line of this name with another id (review 29a: a line repeating this one's id was called that)
                same_name = "class" if key in in_class else "file" if len(ids_in_file[key]) > 1 and row.external_id else ""
                if same_name == "class" and row.external_id and key in unnumbered:
                    same_name = "class_unnumbered"  # review 43: perhaps these very children, typed in before the list came
            else:
                renamed = bool(row.external_id) and (existing.name != row.name or existing.external_id != row.external_id)
                regrouped = bool(row.group) and row.group.casefold() not in {groups[g] for g in existing.group_ids}
                status = "update" if renamed or regrouped else "unchanged"
                if row.external_id and same_name_key(existing.name) != same_name_key(row.name):
                    renamed_from = existing.name
                    name_of_classmate = any(s.id != existing.id and same_name_key(s.name) == same_name_key(row.name) for s in students)
        preview.append(RosterPreviewLine(row.line, row.name, row.external_id, row.group, status, problems.get(row.line, ""),
                                         same_name, renamed_from, name_of_classmate, row.one_name, row.odd_name))
    for line, (earlier, row) in repeats.items():  # the same child twice: said, and left out
        preview.append(RosterPreviewLine(line, row.name, row.external_id, row.group, "repeat", f"the same as line {earlier}"))
    return sorted(preview, key=lambda line: line.line)


def import_roster(store: Store, class_id: int, path: str | Path, skip_problem_lines: bool = False,
                  by_name: bool = False) -> RosterReport:
    """Add a roster file's students to a class, all or nothing.

    A row whose external_id is already in the class updates that student's name
    (and adds the group); a row with an id that matches by name the one student
    without id of that name gives them the id (see :class:`_StudentMatcher`); a
    row without id whose name is already in the class is left as it is.
    Returns how many were added, updated, unchanged.

    With ``skip_problem_lines`` (the teacher chose "import the good lines" after
    the preview) the lines with a problem are left out instead of refusing the
    file; the rest is still written in one transaction.

    ``by_name`` (the teacher says the student numbers were given out again): a child of the class whose name is on
    one line of the file gets that line's number, and a number the file gives another name is taken from the child
    who had it, so no child's answers pass to another name (review 51a).
    """
    store.refuse_if_archived(class_id)  # review 50b: the command line added children to an archived class
    if skip_problem_lines:
        parsed, problems, _ = _parse_roster(Path(path))
        rows = [row for row in parsed if row.line not in problems]
        if not rows:
            raise LamplightError(f"{path}: no line of the roster can be imported.")
    else:
        rows = read_roster(path)
    added = updated = unchanged = 0
    added_names: list[str] = []
    with write_transaction(store.db):
        store.get_class(class_id)
        renumbered = _free_numbers_given_again(store, class_id, rows) if by_name else {}
        unnumbered = sorted(store.get_student(sid).name for sid, number in renumbered.items() if number is None)
        match = _StudentMatcher(store.list_students(class_id), rows)
        for row in rows:
            existing = match(row)
            if existing is None:
                store.add_student(class_id, row.name, row.external_id, row.group)
                added += 1
                added_names.append(row.name)
                continue
            changed = False
            if row.external_id and existing.external_id != row.external_id:
                store.update_student(existing.id, external_id=row.external_id)  # a names-only student gets their id
                changed = True
            if row.external_id and existing.name != row.name:
                store.update_student(existing.id, name=row.name)
                changed = True
            if row.group:
                group_id = store.ensure_group(class_id, row.group)
                if group_id not in existing.group_ids:
                    store.db.execute("INSERT OR IGNORE INTO group_members VALUES (?, ?)", [group_id, existing.id])
                    changed = True
            changed = changed or existing.id in renumbered
            updated += changed
            unchanged += not changed
    return RosterReport(added, updated, unchanged, tuple(unnumbered), tuple(added_names))


def _free_numbers_given_again(store: Store, class_id: int, rows: list[RosterRow]) -> dict[int, str | None]:
    """Give each child of the class whose name is on the file the number of her line, taking it from the child who
    had it: a child of a name that k lines and k classmates share is paired by the numbers' order (review 51e: a third
    Li Na was added), and a child not on the file whose number a line gives another name keeps none. Matched by their
    numbers afterwards (:class:`_StudentMatcher`). Returns student id -> new number (None: none) of those changed."""
    lines_of: dict[str, list[RosterRow]] = {}
    for row in rows:
        lines_of.setdefault(same_name_key(row.name), []).append(row)
    name_of_number = {row.external_id: same_name_key(row.name) for row in rows if row.external_id}
    named: dict[str, list[Any]] = {}
    now: dict[int, str | None] = {}  # each child's number as it is read (one kept before review 37c too: review 51e)
    for student in store.list_students(class_id):
        named.setdefault(same_name_key(student.name), []).append(student)
        now[student.id] = student_number(student.external_id) if student.external_id else None
    plan: dict[int, str | None] = {}
    for key, students in named.items():
        lines = [row for row in lines_of.get(key, []) if row.external_id]
        if lines and len(lines) == len(students):
            by_number = sorted(students, key=lambda s: numbered_key(now[s.id] or ""))
            plan.update({s.id: row.external_id for s, row in zip(by_number, sorted(lines, key=lambda r: numbered_key(r.external_id)))})
            continue
        for student in students:
            if now[student.id] and name_of_number.get(now[student.id], key) != key:
                plan[student.id] = None
    changed = {sid: number for sid, number in plan.items() if number != now[sid]}
    for student_id in changed:  # all first: one child's new number may be another's old one
        store.db.execute("UPDATE students SET external_id = NULL WHERE id = ?", [student_id])
    for student_id, number in changed.items():
        if number:
            store.db.execute("UPDATE students SET external_id = ? WHERE id = ?", [number, student_id])
    return changed


# --- response logs ---------------------------------------------------------------------------
RESPONSE_SOURCES_KEPT = ("paper", "practice", "import")
INSERT_BATCH = 5_000


@dataclass(frozen=True)
class ResponsesReport:
    class_id: int
    responses: int
    students_added: int
    exercises_added: int
    skills_added: int
    duplicates_skipped: int = 0


ANSWER_YEARS = (1990, 2100)
"""The years an imported answer's date may be in: wide for any school's records and a laptop clock set wrong."""


@dataclass(frozen=True)
class _LogRow:
    """One checked row of a response log."""

    line: int
    student: str
    item: str
    skills: tuple[str, ...]
    score: float
    position: float | None
    time: str | None
    student_name: str
    answer: str | None
    source: str


class _LogColumns:
    """Where each column of a response log is, and the checks that turn cells into a :class:`_LogRow`."""

    NAMES = ("student id", "item id", "skill ids", "correct", "position", "time", "student name", "answer", "source")

    def __init__(self, table: Table) -> None:
        self.path = table.path
        cols: dict[str, int] = {}
        for i, header in enumerate(table.header):
            cols.setdefault(normalise_header(header), i)
        roster_headers = NAME_HEADERS | FIRST_NAME_HEADERS | LAST_NAME_HEADERS | EXTERNAL_ID_HEADERS | GROUP_HEADERS
        if _column(table.header, NAME_HEADERS) is not None and all(h in roster_headers for h in cols):
            # only a class list's columns (review 28e: "student,question,right" was called a class list)
            raise LamplightError(f"{self.path}: this is a class list, not a file of answers: to add its students, "
                                 "use Import roster (CSV).")
        for needed in ("student id", "item id", "correct"):
            if needed not in cols:
                raise LamplightError(f"{self.path}, line 1: no '{needed.replace(' ', '_')}' column "
                                     f"(the columns are: {', '.join(table.header)}).")
        self.at = {name: cols.get(name) for name in self.NAMES}
        self.latest = to_utc_iso(utc_now() + timedelta(days=1))
        """The latest time an answer may have (a day's leeway for a clock or a time zone a little off)."""

    def _cell(self, cells: list[str], name: str) -> str:
        i = self.at[name]
        return unescape_cell(cells[i]).strip() if i is not None else ""

    def row(self, line: int, cells: list[str]) -> _LogRow:
        """The checked row, or a LamplightError naming the line and the problem."""
        where = f"{self.path}, line {line}"
        student, item, correct = self._cell(cells, "student id"), self._cell(cells, "item id"), self._cell(cells, "correct")
        if not student:
            raise LamplightError(f"{where}: student_id is empty.")
        if not item:
            raise LamplightError(f"{where}: item_id is empty.")
        try:
            score = float(correct)
        except ValueError:
            raise LamplightError(f"{where}: correct must be 1 or 0, not '{correct[:40]}'.") from None
        if not 0.0 <= score <= 1.0:
            raise LamplightError(f"{where}: correct must be 1 or 0 (or a score from 0 to 1), not '{correct[:40]}'.")
        position = None
        text = self._cell(cells, "position")
        if text:
            try:
                position = float(text)
            except ValueError:
                position = math.nan
            if not math.isfinite(position):
                raise LamplightError(f"{where}: position must be a number, not '{text[:40]}'.")
        when = None
        text = self._cell(cells, "time")
        if text:
            try:
                when = to_utc_iso(text)
            except (ValueError, OverflowError):
                raise LamplightError(f"{where}: '{text[:40]}' is not an ISO date and time.") from None
            if not ANSWER_YEARS[0] <= int(when[:4]) <= ANSWER_YEARS[1]:  # review 32a: weeks of year 1 and 9999 in progress
                raise LamplightError(f"{where}: the date '{text[:40]}' cannot be an answer's (years {ANSWER_YEARS[0]} to "
                                     f"{ANSWER_YEARS[1]} are read); nothing was imported.")
            if when > self.latest:  # review 36b: an answer dated next year stayed a child's "latest" answer for a year
                raise LamplightError(f"{where}: the time '{text[:40]}' is after today ({self.latest[:10]} on this computer's "
                                     "clock): check the file's times, or the computer's date; nothing was imported.")
        answer = as_typed_in_order(self._cell(cells, "answer"))
        if len(answer) > MAX_TYPED_CHARS:
            raise LamplightError(f"{where}: the answer is {len(answer):,} characters long; Lamplight keeps typed answers of at most "
                                 f"{MAX_TYPED_CHARS:,} characters; nothing was imported.")
        source = self._cell(cells, "source") or "import"
        skills = tuple(dict.fromkeys(s.strip() for s in self._cell(cells, "skill ids").split(";") if s.strip()))
        return _LogRow(line, student, item, skills, score, position, when, self._cell(cells, "student name"),
                       answer or None, source if source in RESPONSE_SOURCES_KEPT else "import")


class _LogSummary:
    """What the first (checking) pass learns about a log: who and what it names, and whether it is in order.

    Nothing is kept per row: memory grows only with the number of distinct
    students and items (a few hundred bytes each), not with the number of answers.
    """

    def __init__(self) -> None:
        self.students: dict[str, str] = {}  # student_id -> the first student_name given
        self.codes: dict[str, int] = {}  # student_id -> index, in order of first appearance
        self.items: dict[str, dict[str, None]] = {}  # item_id -> its skills, in order
        self.rows = 0
        self.in_order = True  # each student's rows already come in position order
        self.timed = self.untimed = False  # some rows give a time / some do not
        self._last_position: dict[int, float] = {}

    def add(self, row: _LogRow) -> None:
        code = self.codes.get(row.student)
        if code is None:
            code = self.codes[row.student] = len(self.codes)
            self.students[row.student] = row.student_name
        skills = self.items.setdefault(row.item, {})
        for skill in row.skills:
            skills.setdefault(skill)
        position = self.position(row, self.rows)
        if position < self._last_position.get(code, -math.inf):
            self.in_order = False
        self._last_position[code] = position
        if row.time:
            self.timed = True
        else:
            self.untimed = True
        self.rows += 1

    @staticmethod
    def position(row: _LogRow, n: int) -> float:
        """The row's place among its student's answers: its position, else its place in the file."""
        return row.position if row.position is not None else float(n)


def _check_log(path: Path, progress: ProgressFn | None) -> _LogSummary:
    """Read the whole log once, checking every row; nothing is kept but names, ids and the order."""
    summary = _LogSummary()
    report = (lambda fraction, text: progress(fraction / 2, f"checking: {text}")) if progress else None
    with open_table(path, multiline_columns=("answer",), progress=report) as table:
        columns = _LogColumns(table)
        for line, cells in table.rows():
            summary.add(columns.row(line, cells))
    if not summary.rows:
        raise LamplightError(f"{path}: the file has no answers.")
    return summary


def _skill_names_beside(path: Path) -> dict[str, str]:
    """Names from a skills.csv (skill_id, name) next to the log, as in the shared data format ({} when unreadable)."""
    from engine.data import load_skill_names

    try:
        return load_skill_names(path.parent)
    except LamplightError:
        return {}


def _class_name_for(path: Path, class_name: str | None) -> str:
    """The class a log without a chosen class goes to: ``class_name``, else one named after the file."""
    stem = path.name.split(".")[0]
    return class_name or f"Imported {path.parent.name if stem == 'responses' and path.parent.name else stem}"


def _resolve_class(store: Store, path: Path, class_id: int | None, class_name: str | None) -> int:
    found = _class_if_found(store, path, class_id, class_name)
    return found if found is not None else store.create_class(_class_name_for(path, class_name))


@dataclass(frozen=True)
class ResponsesPreview:
    """What importing a response log would do, worked out without writing anything (a dry run)."""

    answers: int
    """The answers in the file."""
    students: int
    """The students of the class the file's answers go to (found by id or by name)."""
    matched_by_name: list[str]
    """Students found by name; the file's id is remembered on them at the import."""
    new_students: list[str]
    """Names of the students the import would add."""
    new_exercises: list[str]
    """Item ids of the exercises the import would add (teacher-marked)."""
    problems: list[str]
    """Why the import would be refused (a name two students share); empty when it can go ahead."""
    other_names: list[tuple[str, str]] = field(default_factory=list)
    """(the file's name, the class's name) of students found by id whose name in the file is another: the
    answers would go to the class's student, so the teacher should see it (another class's file, or ids given
    out again) before they do."""
    new_skills: list[str] = field(default_factory=list)
    """Names of the skills the import would add (a skill the bank has, by id or by name, is not added)."""


def _class_if_found(store: Store, path: Path, class_id: int | None, class_name: str | None) -> int | None:
    """The class :func:`import_responses` would use, or None when it would create one."""
    if class_id is not None:
        store.get_class(class_id)
        return class_id
    found = store.find_class(_class_name_for(path, class_name), include_archived=True)
    return found.id if found else None


def preview_responses(store: Store, path: str | Path, class_id: int | None = None, class_name: str | None = None,
                      language: str | None = None, progress: ProgressFn | None = None) -> ResponsesPreview:
    """Check a response log and say what :func:`import_responses` would add, writing nothing.

    The file is read and checked whole (the same errors as the import); the
    students are matched as the import matches them (see :func:`_plan_students`).
    """
    path = Path(path)
    summary = _check_log(path, progress)
    plan = _plan_students(store, _class_if_found(store, path, class_id, class_name), summary.students, language)
    known = _exercises_by_key(store)
    names, same_skill = _skill_names_beside(path), _bank_skills_by_word(store)
    logged = dict.fromkeys(skill for skills in summary.items.values() for skill in skills)
    new_skills: dict[str, str] = {}
    for skill in logged:
        if _bank_skill(same_skill, skill, names) is None:
            new_skills.setdefault(_word(names.get(skill, skill)), _skill_name(names.get(skill, skill), skill))
    return ResponsesPreview(summary.rows, len(set(plan.ids.values())), plan.by_name, list(plan.new.values()),
                            [item for item in summary.items if item not in known], plan.problems, plan.other_names,
                            list(new_skills.values()))


def import_responses(store: Store, path: str | Path, class_id: int | None = None, class_name: str | None = None,
                     keep_duplicates: bool = False, progress: ProgressFn | None = None,
                     language: str | None = None) -> ResponsesReport:
    """Import a response log (the format of the shared data README: student_id, item_id,
    skill_ids, correct, position; gzip or plain; unknown columns ignored).

    Students map to the class's external ids, else to the one student of the
    class with the same name (who then keeps the file's id; a name two students
    share refuses the import), items to exercise keys, skills to skill ids; the
    missing ones are created, named in ``language`` where the file names none
    (:func:`preview_responses` says beforehand what would be created). The class is ``class_id``, else the
    class named ``class_name`` (created if needed), else a new class named after
    the file. Optional columns: ``time`` (ISO date-time), ``score``,
    ``student_name``, ``answer``, ``source``.

    Answers already in the class are skipped (see
    :meth:`AnswerStaging.mark_duplicates`) unless ``keep_duplicates``; the
    report says how many. The file is read twice as a stream (first checked
    whole, then written in one transaction); sorting and the duplicate check go
    through scratch tables on disk (engine.store.answer_staging), so memory
    stays bounded whatever the file's size; ``progress(fraction, text)`` follows both passes. Each
    student's answers are stored in position order.
    """
    path = Path(path)
    summary = _check_log(path, progress)
    names_beside = _skill_names_beside(path)
    may_stage = not summary.in_order or not keep_duplicates
    with scratch_schema(store.db.conn, store.path) if may_stage else contextlib.nullcontext("main") as scratch:
        with write_transaction(store.db):
            class_id = _resolve_class(store, path, class_id, class_name)
            store.refuse_if_archived(class_id)  # review 50b: the command line wrote answers into an archived class
            plan = _plan_students(store, class_id, summary.students, language)
            students, students_added = _ensure_students(store, class_id, plan)
            exercises, exercises_added, skills_added = _ensure_exercises(store, summary.items, names_beside, language)
            answers = _LogAnswers(path, summary, students, exercises, progress)
            check_duplicates = not keep_duplicates and _has_answers(store, class_id)
            if summary.in_order and not check_duplicates:
                inserted, skipped = _insert_in_file_order(store, answers), 0
            else:
                inserted, skipped = _insert_staged(store, answers, scratch, class_id, check_duplicates)
    if progress:
        progress(1.0, f"{inserted:,} answers imported")
    return ResponsesReport(class_id, inserted, students_added, exercises_added, skills_added, skipped)


class _LogAnswers:
    """The second pass over a checked log: each row with its store ids, read as a stream."""

    def __init__(self, path: Path, summary: _LogSummary, students: dict[str, int], exercises: dict[str, int],
                 progress: ProgressFn | None) -> None:
        self.path, self.summary, self.students, self.exercises = path, summary, students, exercises
        self.progress = progress
        self.now = to_utc_iso()  # the time of answers the file gives none for

    def rows(self, until: float = 1.0) -> Iterator[tuple[int, _LogRow, int, int]]:
        """(file order, row, student id, exercise id) of each row; progress runs from 0.5 to ``until``."""
        progress = self.progress
        report = (lambda fraction, text: progress(0.5 + fraction * (until - 0.5), f"importing: {text}")) if progress else None
        with open_table(self.path, multiline_columns=("answer",), progress=report) as table:
            columns = _LogColumns(table)
            for n, (line, cells) in enumerate(table.rows()):
                row = columns.row(line, cells)
                if n >= self.summary.rows or row.student not in self.students or row.item not in self.exercises:
                    raise LamplightError(f"{self.path}: the file changed while it was being imported; import it again.")
                yield n, row, self.students[row.student], self.exercises[row.item]

    def report(self, fraction: float, text: str) -> None:
        if self.progress:
            self.progress(fraction, text)


def _has_answers(store: Store, class_id: int) -> bool:
    return store.db.execute("SELECT EXISTS (SELECT 1 FROM responses r JOIN students s ON s.id = r.student_id "
                            "WHERE s.class_id = ?)", [class_id]).fetchone()[0] == 1


def _insert_in_file_order(store: Store, answers: _LogAnswers) -> int:
    """Stream a log that is in order into a class with nothing to compare against; returns how many were stored."""
    inserted = 0
    batch: list[tuple] = []
    for _, row, student_id, exercise_id in answers.rows():
        batch.append((student_id, exercise_id, row.score, row.answer, row.time or answers.now, row.source))
        if len(batch) >= INSERT_BATCH:
            inserted += _insert_answers(store, batch)
    return inserted + _insert_answers(store, batch)


def _insert_staged(store: Store, answers: _LogAnswers, schema: str, class_id: int,
                   check_duplicates: bool) -> tuple[int, int]:
    """Import through the scratch tables in ``schema`` (see engine.store.answer_staging): sorted into each
    student's position order and/or without the answers the class already has; returns (stored, skipped)."""
    summary = answers.summary
    staging = AnswerStaging(store.db.conn, schema, sort=not summary.in_order, check_duplicates=check_duplicates)
    try:
        batch: list[tuple] = []
        for n, row, student_id, exercise_id in answers.rows(until=0.9):
            batch.append((n, summary.codes[row.student], summary.position(row, n), student_id, exercise_id,
                          row.score, row.answer, row.time or answers.now, row.source, row.time))
            if len(batch) >= INSERT_BATCH:
                staging.add(batch)
        staging.add(batch)
        skipped = 0
        if check_duplicates:
            answers.report(0.9, "importing: finding the answers already in the class")
            skipped = staging.mark_duplicates(class_id, timed=summary.timed, untimed=summary.untimed)
        stored = staging.store(len(summary.codes), lambda fraction: answers.report(
            0.92 + 0.08 * fraction, "importing: storing the answers"))
        staging.drop()
    finally:
        staging.restore_cache()
    return stored, skipped


def _insert_answers(store: Store, batch: list[tuple]) -> int:
    """Insert a batch of answers and empty it; returns how many."""
    store.db.conn.executemany(
        "INSERT INTO responses (student_id, exercise_id, score, answer, time, source) VALUES (?, ?, ?, ?, ?, ?)", batch)
    count = len(batch)
    batch.clear()
    return count


@dataclass
class _StudentPlan:
    """How a log's student ids meet the class: matched by id, matched by name (id to remember), new, or a problem."""

    ids: dict[str, int] = field(default_factory=dict)  # student_id in the file -> store id
    remember: dict[int, str] = field(default_factory=dict)  # store id -> the file's id, for students matched by name
    by_name: list[str] = field(default_factory=list)  # names of the students matched by name
    new: dict[str, str] = field(default_factory=dict)  # student_id in the file -> the name the new student gets
    problems: list[str] = field(default_factory=list)
    other_names: list[tuple[str, str]] = field(default_factory=list)  # (file's name, class's name) of an id match


def _plan_students(store: Store, class_id: int | None, wanted: dict[str, str], language: str | None) -> _StudentPlan:
    """Match the log's students to the class: by the id another program gave (external id), else by name.

    A name matches when exactly one student of the class has it (spaces and
    case aside) and no other id of the file already took that student; a name
    two students share is not guessed but listed as a problem. New students of
    one name are told apart by their ids.
    """
    plan = _StudentPlan()
    students = store.list_students(class_id) if class_id is not None else []
    by_external = {student_number(s.external_id): s.id for s in students if s.external_id}
    names = {s.id: s.name for s in students}
    by_name: dict[str, list[Any]] = {}
    for student in students:
        by_name.setdefault(same_name_key(student.name), []).append(student)
    taken: dict[int, str] = {}  # store id -> the file's id that took it
    unmatched = []
    for external_id in wanted:
        found = by_external.get(student_number(external_id))
        if found is not None:
            plan.ids[external_id] = found
            taken[found] = external_id
            in_class, in_file = names[found], tidy_name(wanted[external_id])
            if in_file and not _same_person(in_file, in_class):
                plan.other_names.append((in_file, in_class))
        else:
            unmatched.append(external_id)
    for external_id in unmatched:
        name = tidy_name(wanted[external_id])
        candidates = by_name.get(same_name_key(name), []) if name else []
        if len(student_number(external_id) or "") > MAX_NUMBER:  # review 50c: said before, not only when importing
            plan.problems.append(f"The student id '{external_id[:20]}...' is longer than {MAX_NUMBER} characters; shorten "
                                 "it in the file, then import again.")
        elif len(candidates) > 1:
            plan.problems.append(f"{len(candidates)} students of the class are called '{name}' (id '{external_id}' "
                                 "in the file); give them different names, then import again.")
        elif candidates and candidates[0].id in taken:
            plan.problems.append(f"'{name}' has two ids in the file ('{taken[candidates[0].id]}' and '{external_id}'); "
                                 "give each student one id, then import again.")
        elif candidates:
            student = candidates[0]
            plan.ids[external_id], taken[student.id] = student.id, external_id
            plan.by_name.append(student.name)
            if not student.external_id:
                plan.remember[student.id] = external_id
        else:
            plan.new[external_id] = _student_name(wanted[external_id], external_id, language)
    _tell_apart(plan.new, {same_name_key(s.name) for s in students})
    return plan


def _same_person(in_file: str, in_class: str) -> bool:
    """Whether a file's name is the class's name of the student with that id: the same (spaces and case aside),
    or that name with the "(s1)" the import added to tell two children of one name apart."""
    file_key, class_key = same_name_key(in_file), same_name_key(in_class)
    return file_key == class_key or (class_key.startswith(file_key + " (") and class_key.endswith(")"))


def _tell_apart(new: dict[str, str], class_names: set[str]) -> None:
    """New students who share a name (different ids in the file: two children) get their id after it,
    "Wang Wei (s1)" and "Wang Wei (s2)", so the teacher can tell them apart on every screen; a long id,
    or a name the class or the file already has, gives a number instead: "Wang Wei (2)"."""
    by_name: dict[str, list[str]] = {}
    for external_id, name in new.items():
        by_name.setdefault(same_name_key(name), []).append(external_id)
    used = class_names | set(by_name)
    for shared in (ids for ids in by_name.values() if len(ids) > 1):
        for external_id in shared:
            tags = ([external_id] if len(external_id) <= ID_IN_NAME else []) + [str(n) for n in range(2, len(used) + 3)]
            for tag in tags:
                name = f"{new[external_id][:MAX_NAME - len(tag) - 3].rstrip()} ({tag})"
                if same_name_key(name) not in used:
                    break
            used.add(same_name_key(name))
            new[external_id] = name


def _ensure_students(store: Store, class_id: int, plan: _StudentPlan) -> tuple[dict[str, int], int]:
    """(student_id in the file -> store id, how many were added): the plan's new students are added, and
    students matched by name keep the file's id so that the next file from that program matches by id."""
    if plan.problems:
        raise LamplightError(" ".join(plan.problems) + " Nothing was imported.")
    students = dict(plan.ids)
    for student_id, external_id in plan.remember.items():
        store.update_student(student_id, external_id=external_id)
    for external_id, name in plan.new.items():
        students[external_id] = store.add_student(class_id, name, external_id=external_id)
    return students, len(plan.new)


def _words(language: str | None) -> dict[str, str]:
    """The names an import gives what the file leaves unnamed, in the teacher's ``language`` (as engine.store.demo)."""
    english, chinese = STAND_IN_EXERCISE
    if (language or "").startswith("zh"):
        return {"student": "学生 {id}", "exercise": chinese}
    return {"student": "Student {id}", "exercise": english}


def _student_name(name: str, external_id: str, language: str | None = None) -> str:
    """The log's student_name when usable, else "Student <id>" in ``language`` (cut to the longest name allowed)."""
    name = tidy_name(name)
    if not name or len(name) > MAX_NAME:
        name = _words(language)["student"].format(id=external_id)
    return name[:MAX_NAME]


def _exercises_by_key(store: Store) -> dict[str, int]:
    """The bank's exercises by their key (a log's item id), for the import and its dry run alike."""
    return {r[0]: r[1] for r in store.db.execute("SELECT key, id FROM exercises WHERE key IS NOT NULL")}


def _ensure_exercises(store: Store, items: dict[str, dict[str, None]], names: dict[str, str],
                      language: str | None = None) -> tuple[dict[str, int], int, int]:
    """(item_id -> exercise id, exercises added, skills added): missing skills and exercises are created,
    and an exercise already in the bank gains the skills the log gives it (each link once)."""
    known_skills = set(store.skill_prerequisites())
    same_skill = _bank_skills_by_word(store)
    exercises = _exercises_by_key(store)
    linked = {(r[0], r[1]) for r in store.db.execute("SELECT exercise_id, skill_id FROM exercise_skills")}
    exercises_added = skills_added = 0
    for item, logged in items.items():
        skills = []
        for skill in logged:
            if skill not in known_skills:
                found = _bank_skill(same_skill, skill, names)
                if found is not None:  # review 38a: a log's "Counting" made a second skill beside the bank's
                    skill = found
                else:
                    store.add_skill(_skill_name(names.get(skill, skill), skill), skill_id=skill)
                    known_skills.add(skill)
                    skills_added += 1
                    for word in (_word(skill), _word(names.get(skill, ""))):  # "telling  time" later in the file
                        if word:
                            same_skill.setdefault(word, skill)
            skills.append(skill)
        skills = list(dict.fromkeys(skills))
        if item not in exercises:
            exercises[item] = store.add_exercise(_words(language)["exercise"].format(id=item), "teacher_marked", key=item, skills=list(skills))
            exercises_added += 1
        else:
            missing = [(exercises[item], s) for s in skills if (exercises[item], s) not in linked]
            store.db.conn.executemany("INSERT INTO exercise_skills VALUES (?, ?)", missing)
            linked.update(missing)
    return exercises, exercises_added, skills_added


def _word(text: str) -> str:
    """A skill's id or name as the import compares them: width (（） and ()), case and spacing aside."""
    return " ".join(unicodedata.normalize("NFKC", str(text)).split()).casefold()


def _bank_skills_by_word(store: Store) -> dict[str, str]:
    """The bank's skills by their id and by their names in every language, case and spacing ignored: a log that
    names a skill ("Counting", "counting", "数数") finds the bank's instead of adding one of the same name."""
    found: dict[str, str] = {}
    rows = [*store.db.execute("SELECT id, id FROM skills"), *store.db.execute("SELECT id, name FROM skills"),
            *store.db.execute("SELECT skill_id, name FROM skill_texts WHERE name IS NOT NULL")]
    for skill_id, word in rows:
        if word:
            found.setdefault(_word(word), skill_id)
    return found


def _bank_skill(same_skill: dict[str, str], skill: str, names: dict[str, str]) -> str | None:
    """The bank's skill a log's skill id (or its name from a skills.csv beside the log) stands for, else None."""
    return same_skill.get(_word(skill)) or same_skill.get(_word(names.get(skill, "")))


def _skill_name(name: str, skill_id: str) -> str:
    """A usable skill name: the given one, cut to the longest name allowed."""
    return (" ".join(name.split()) or skill_id)[:MAX_NAME]


# --- exercise packs --------------------------------------------------------------------------
@dataclass(frozen=True)
class PackReport:
    pack_id: str
    skills_added: int
    skills_known: int
    """Skills of the pack the bank had (by id, or a new id of a name the bank has): their names are the bank's."""
    exercises_added: int
    exercises_updated: int
    templates: int
    exercises_kept: int = 0
    """Exercises of the pack the teacher had edited, left as she edited them."""
    answered_kept_ids: tuple[int, ...] = ()
    """The ids of exercises children had answered that the pack would give another kind, answer or choices: left
    as they were (their stored marks were given against them; review 31b: another pack's exercise of the same id
    became "Which animal says moo?" under eleven children's answers to "13 − 3")."""
    exercises_unchanged: int = 0
    """Of ``exercises_updated``, those the bank already held exactly as the pack has them (review 42: importing the
    same pack again said they were updated)."""
    templates_added: int = 0
    templates_changed: int = 0
    """Of ``templates``, those the bank had in another version (review 46d: a hand-edited pack's templates replaced the
    bank's and the import said "Nothing new")."""

    @property
    def exercises_answered_kept(self) -> int:
        return len(self.answered_kept_ids)


def load_pack(path: str | Path, bank_skills: Collection[str] = ()) -> dict[str, Any]:
    """Read a pack file's JSON and check it (see :func:`check_pack`; ``bank_skills``: the skills of the bank it goes
    into, which its skills may build on)."""
    from engine.store.jsonfiles import parse_json  # refuses deep nesting, huge numbers, lone surrogates (issue 14)

    path = Path(path)
    pack = parse_json(read_text(path), str(path))
    check_pack(pack, str(path), bank_skills)
    return pack


def pack_language(pack: Mapping[str, Any]) -> str:
    """The language of a pack's plain texts (its ``language``, English when it names none)."""
    language = pack.get("language")
    return normal_language(language) if isinstance(language, str) and language.strip() else DEFAULT_LANGUAGE


def _check_local(value: Any, version: int, at: str, what: str = "a text") -> None:
    """Refuse a text that is neither a text nor (version 2) a map language code -> text."""
    if not is_local_map(value):
        return
    if version < 2:
        raise LamplightError(f"{at}: texts in several languages need pack version 2 ($.version is 1).")
    if not value or not all(isinstance(k, str) and k.strip() and isinstance(v, str) for k, v in value.items()):
        raise LamplightError(f"{at}: {what} in several languages must map language codes to texts.")


def skill_fields(skill: Mapping[str, Any], language: str) -> tuple[str, str, dict[str, dict[str, str]]]:
    """A pack skill's name and description in the pack's language, and the other languages' texts."""
    name, description = skill["name"], skill.get("description", "")
    texts: dict[str, dict[str, str]] = {}
    for code in sorted(languages_in([name, description]) - {language}):
        fields = {"name": as_texts(name, language).get(code), "description": as_texts(description, language).get(code)}
        texts[code] = {k: v for k, v in fields.items() if v is not None}
    return pick(name, language, language).strip(), pick(description, language, language), texts


def exercise_fields(exercise: Mapping[str, Any], language: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A pack exercise's prompt, answer and choices in the pack's language, and the other languages' texts.

    A choice without a text in some language keeps the pack language's text there.
    """
    prompt, answer, choices = exercise["prompt"], exercise.get("answer", ""), list(exercise.get("choices", []))
    answer = answer if is_local_map(answer) else str(answer)
    base = {"prompt": pick(prompt, language, language), "answer": pick(answer, language, language),
            "choices": [pick(c if is_local_map(c) else str(c), language, language) for c in choices]}
    texts: dict[str, dict[str, Any]] = {}
    for code in sorted(languages_in([prompt, answer, *choices]) - {language}):
        fields: dict[str, Any] = {}
        if code in as_texts(prompt, language):
            fields["prompt"] = as_texts(prompt, language)[code]
        if code in as_texts(answer, language):
            fields["answer"] = as_texts(answer, language)[code]
        if any(is_local_map(c) and code in as_texts(c, language) for c in choices):
            fields["choices"] = [pick(c if is_local_map(c) else str(c), code, language) for c in choices]
        texts[code] = fields
    return base, texts


def _template_in_languages(spec: Any) -> bool:
    """True when a template spec uses anything of pack version 2 (language maps, its own ``language``)."""
    if not isinstance(spec, Mapping):
        return False
    values = [spec.get(k) for k in ("title", "prompt", "answer")]
    values += list(spec["choices"]) if isinstance(spec.get("choices"), list) else []
    values += list(spec["let"].values()) if isinstance(spec.get("let"), Mapping) else []
    return "language" in spec or any(is_local_map(v) for v in values)


def _check_kind(kind: str, where: str, index: int, prompt: str) -> None:
    """Refuse an exercise of a kind Lamplight does not have, naming it by its number and the start of its text."""
    if kind not in EXERCISE_KINDS:
        start = " ".join(prompt.split())
        start = start if len(start) <= 40 else start[:40] + "…"
        raise LamplightError(f"{where}: exercise {index + 1} of the pack (“{start}”) is of a kind Lamplight does not have "
                             f"('{kind}'); an exercise is multiple choice, a number, a short text or marked by the teacher.")


def _pack_skill_names(pack: Mapping[str, Any], language: str) -> dict[str, str]:
    """Each pack skill's name in every language the pack gives it ("Rounding / 四舍五入"), for a refusal: the
    teacher's language is among them whichever the app shows."""
    return {s["id"]: " / ".join(dict.fromkeys(t.strip() for t in as_texts(s["name"], language).values()))
            for s in pack.get("skills", [])}


def check_pack(pack: Any, where: str = "pack", bank_skills: Collection[str] = ()) -> None:
    """Raise LamplightError naming the first problem in a version-1 or version-2 pack: in plain words where a teacher
    may meet it (a skill the pack builds on but lacks, a circle of skills, a pack for a newer Lamplight), else by its
    JSON path, for whoever wrote the pack. Its skills and exercises may build on ``bank_skills`` (the bank's: a
    colleague's pack that goes on from the starter pack's skills)."""
    from engine.store.templates import Template, check_runs

    if not isinstance(pack, Mapping):
        raise LamplightError(f"{where}: a pack must be a JSON object.")
    if pack.get("format") != PACK_FORMAT:
        raise LamplightError(f"{where}: not a Lamplight exercise pack (its \"format\" is not \"{PACK_FORMAT}\"). Choose a pack "
                             "saved with Export pack, or one that came with Lamplight.")
    if pack.get("version") not in READABLE_PACK_VERSIONS or isinstance(pack.get("version"), bool):
        newer = isinstance(pack.get("version"), int) and not isinstance(pack.get("version"), bool) and \
            pack["version"] > max(READABLE_PACK_VERSIONS)
        if newer:
            raise LamplightError(f"{where}: this pack was made for a newer Lamplight (pack version {pack['version']}); "
                                 "update Lamplight to import it.")
        raise LamplightError(f"{where}: $.version {pack.get('version')!r} is not supported "
                             f"(this Lamplight reads versions {', '.join(map(str, READABLE_PACK_VERSIONS))}).")
    version = int(pack["version"])
    if pack.get("language") is not None and not isinstance(pack.get("language"), str):
        raise LamplightError(f"{where}: $.language must be a language code such as 'en' or 'zh_CN'.")
    language = pack_language(pack)
    for key in ("title", "description"):
        _check_local(pack.get(key), version, f"{where}: $.{key}")
    if not isinstance(pack.get("id"), str) or not pack["id"].strip():
        raise LamplightError(f"{where}: $.id must be a non-empty text.")
    for key in ("skills", "templates", "exercises"):
        if not isinstance(pack.get(key, []), list):
            raise LamplightError(f"{where}: $.{key} must be a list.")
    skill_ids: set[str] = set()
    for i, skill in enumerate(pack.get("skills", [])):
        at = f"{where}: $.skills[{i}]"
        if not isinstance(skill, Mapping) or not isinstance(skill.get("id"), str) or not skill["id"].strip():
            raise LamplightError(f"{at}.id must be a non-empty text.")
        _check_local(skill.get("name"), version, f"{at}.name", "a name")
        _check_local(skill.get("description"), version, f"{at}.description")
        names = as_texts(skill["name"], language).values() if isinstance(skill.get("name"), (str, Mapping)) else [None]
        if not all(isinstance(n, str) and n.strip() for n in names):
            raise LamplightError(f"{at}.name must be a non-empty text.")
        if skill["id"] in skill_ids:
            raise LamplightError(f"{at}.id '{skill['id']}' appears twice.")
        if not isinstance(skill.get("prerequisites", []), list) or not all(isinstance(p, str) for p in skill.get("prerequisites", [])):
            raise LamplightError(f"{at}.prerequisites must be a list of skill ids.")
        if not isinstance(skill.get("description", ""), (str, Mapping)):
            raise LamplightError(f"{at}.description must be a text.")
        skill_ids.add(skill["id"])
    known = skill_ids | set(bank_skills)
    names = _pack_skill_names(pack, language)
    for skill in pack.get("skills", []):
        for prerequisite in skill.get("prerequisites", []):
            if prerequisite not in known:
                raise LamplightError(f"{where}: the skill “{names[skill['id']]}” builds on the skill “{prerequisite}”, which is "
                                     "neither in this pack nor in the exercise bank.")
    graph = {s["id"]: [p for p in s.get("prerequisites", []) if p in skill_ids] for s in pack.get("skills", [])}
    cycle = find_cycle(graph)
    if cycle:
        raise LamplightError(f"{where}: the pack's skills build on each other in a circle: "
                             f"{' → '.join(names.get(s, s) for s in cycle)}.")
    template_ids: set[str] = set()
    for i, spec in enumerate(pack.get("templates", [])):
        if version < 2 and _template_in_languages(spec):
            raise LamplightError(f"{where}: $.templates[{i}]: texts in several languages need pack version 2 ($.version is 1).")
        template = Template.from_spec(spec, f"{where}: $.templates[{i}]", default_language=language)
        check_runs(template, f"{where}: $.templates[{i}]")  # bounded in time and size (issue 14)
        for skill in template.skills:
            if skill not in known:
                raise LamplightError(f"{where}: template {i + 1} of the pack is of the skill “{skill}”, which is neither in "
                                     "this pack nor in the exercise bank.")
        template_ids.add(template.id)
    keys: set[str] = set()
    for i, exercise in enumerate(pack.get("exercises", [])):
        at = f"{where}: $.exercises[{i}]"
        if not isinstance(exercise, Mapping):
            raise LamplightError(f"{at} must be an object.")
        key = exercise.get("id")
        if not isinstance(key, str) or not key.strip():
            raise LamplightError(f"{at}.id must be a non-empty text.")
        if key in keys:
            raise LamplightError(f"{at}.id '{key}' appears twice.")
        keys.add(key)
        choices = exercise.get("choices", [])
        if not isinstance(choices, list) or not all(isinstance(c, (str, int, float, Mapping)) for c in choices):
            raise LamplightError(f"{at}.choices must be a list of texts.")
        if not isinstance(exercise.get("prompt"), (str, Mapping)) or not isinstance(exercise.get("answer", ""), (str, int, float, Mapping)):
            raise LamplightError(f"{at}: prompt must be a text, and answer a text or a number.")
        _check_local(exercise.get("prompt"), version, f"{at}.prompt")
        _check_local(exercise.get("answer"), version, f"{at}.answer")
        for j, choice in enumerate(choices):
            _check_local(choice, version, f"{at}.choices[{j}]")
        if not isinstance(exercise.get("skills", []), list) or not all(isinstance(k, str) for k in exercise.get("skills", [])):
            raise LamplightError(f"{at}.skills must be a list of skill ids.")
        if not isinstance(exercise.get("params") or {}, Mapping):
            raise LamplightError(f"{at}.params must be an object.")
        base, translations = exercise_fields(exercise, language)
        _check_kind(str(exercise.get("kind")), where, i, str(base["prompt"]))
        try:
            check_exercise_fields(str(exercise.get("kind")), base["prompt"], base["answer"], base["choices"])
            for code, fields in translations.items():
                check_translation(str(exercise.get("kind")), base, code, fields)
        except LamplightError as exc:
            raise LamplightError(f"{at}: {exc}") from None
        for skill in exercise.get("skills", []):
            if skill not in known:
                start = " ".join(str(base["prompt"]).split())
                raise LamplightError(f"{where}: exercise {i + 1} of the pack (“{start if len(start) <= 40 else start[:40] + '…'}”) "
                                     f"is of the skill “{skill}”, which is neither in this pack nor in the exercise bank.")
        difficulty = exercise.get("difficulty")
        if difficulty is not None and (isinstance(difficulty, bool) or not isinstance(difficulty, (int, float))
                                       or not 1 <= difficulty <= 5):  # review 50b: true passed as 1
            raise LamplightError(f"{at}.difficulty must be a number from 1 to 5.")
        template = exercise.get("template")
        if template is not None and (not isinstance(template, str) or template not in template_ids):
            raise LamplightError(f"{at}.template: unknown template '{template}'.")


def edited_in_pack(store: Store, pack: Mapping[str, Any]) -> int:
    """How many of a pack's exercises are in the bank with the teacher's own edits that the pack's texts would replace
    (an exercise the pack holds as the bank has it, edits and all, is not one: review 28e, a pack exported from this
    bank and imported again said it had "its own version" of the edited exercises)."""
    language = pack_language(pack)
    by_key = {str(e["id"]): e for e in pack.get("exercises", [])}
    differing = 0
    for key in store.edited_exercise_keys(by_key):
        base, texts = exercise_fields(by_key[key], language)
        held = store.exercise_by_key(key)
        differing += not (held is not None and _same_words(store, held, base, texts))
    return differing


def new_in_pack(store: Store, pack: Mapping[str, Any]) -> int:
    """How many of a pack's exercises the bank does not have yet (by their id, the bank's key)."""
    held = _exercises_by_key(store)
    return sum(1 for exercise in pack.get("exercises", []) if str(exercise["id"]) not in held)


def _same_words(store: Store, held: Any, base: Mapping[str, Any], texts: Mapping[str, Any]) -> bool:
    """Whether the bank's exercise ``held`` has a pack exercise's words (``base`` and ``texts``, see
    :func:`exercise_fields`): its prompt, answer and choices, in every language."""
    return (held.prompt, held.answer, list(held.choices)) == (
        str(base["prompt"]), str(base["answer"]), [str(c) for c in base["choices"]]) and \
        store.exercise_texts(held.id) == {code: fields for code, fields in texts.items() if fields}


def _skills_met_by_name(store: Store, pack: Mapping[str, Any], language: str, where: str) -> dict[str, str]:
    """Pack skill id -> the bank's skill of the same name (ignoring case), for the pack's skills whose id the bank
    does not have: a colleague's "Decimals" joins the bank's "Decimals" instead of making a second row of it.
    A name that is empty once tidied (invisible characters only) refuses the pack."""
    existing = set(store.skill_prerequisites())
    names: dict[str, str] = {}
    for table in (store.skill_names(), store.skill_names(language)):
        for skill_id, name in table.items():
            names.setdefault(name.casefold(), skill_id)
    alias = {}
    for number, skill in enumerate(pack.get("skills", [])):
        name = tidy_name(skill_fields(skill, language)[0])
        if not name:
            raise LamplightError(f"{where}: $.skills[{number}].name: the skill name is empty.")
        if skill["id"] not in existing and name.casefold() in names:
            alias[skill["id"]] = names[name.casefold()]
    return alias


def import_pack(store: Store, path: str | Path | None = None, pack: Mapping[str, Any] | None = None,
                replace_edits: bool = False) -> PackReport:
    """Add a pack's skills, templates and exercises to the bank, all or nothing.

    Skills and exercises are matched by id: existing exercises are updated, so
    importing a newer edition of a pack does not duplicate anything. A skill the
    bank has keeps its names and descriptions in every language (which language a
    teacher's own name is in is not known) and gains the pack's prerequisites; a new skill of a name the bank has
    joins that skill (see :func:`_skills_met_by_name`). An
    exercise the teacher edited keeps her edit unless ``replace_edits`` (see
    :func:`edited_in_pack`; the report counts the kept ones). A pack
    whose prerequisites would make a cycle (also with the bank's own skills) is
    refused, naming the cycle.
    """
    if pack is None:
        if path is None:
            raise ValueError("give a path or a pack")
        pack = load_pack(path, store.skill_names())
        where = str(path)
    else:  # read before (a caller that asked the teacher first): checked again, named by its file when given
        where = "pack" if path is None else str(path)
        check_pack(pack, where, store.skill_names())
    skills_added = skills_known = exercises_added = exercises_updated = exercises_kept = exercises_unchanged = 0
    answered_kept: list[int] = []
    language = pack_language(pack)
    with write_transaction(store.db):
        edited = set() if replace_edits else store.edited_exercise_keys()
        alias = _skills_met_by_name(store, pack, language, where)
        graph = store.skill_prerequisites()
        for skill in pack.get("skills", []):
            target = alias.get(skill["id"], skill["id"])
            wanted = [alias.get(p, p) for p in skill.get("prerequisites", [])]
            graph[target] = list(dict.fromkeys([*graph.get(target, []), *(p for p in wanted if p != target)]))
        cycle = find_cycle(graph)
        if cycle:
            names = {**store.skill_names(), **_pack_skill_names(pack, language)}
            raise LamplightError(f"{where}: with the skills already in the exercise bank, the pack's skills would build on "
                                 "each other in a circle: " + " → ".join(names.get(s, s) for s in cycle) + ".")
        existing = set(store.skill_prerequisites())
        for skill in pack.get("skills", []):
            if skill["id"] in alias:
                skills_known += 1
                continue
            name, description, texts = skill_fields(skill, language)
            if skill["id"] in existing:  # the bank's names and descriptions stay as they are, in every language
                skills_known += 1
            else:
                store.db.execute("INSERT INTO skills (id, name, description) VALUES (?, ?, ?)",
                                 [skill["id"], clean_name(name, "skill"), description])
                store.set_skill_texts(skill["id"], texts)
                skills_added += 1
        for skill in pack.get("skills", []):
            target = alias.get(skill["id"], skill["id"])
            store.db.execute("DELETE FROM skill_prerequisites WHERE skill_id = ?", [target])
            store.db.conn.executemany("INSERT INTO skill_prerequisites VALUES (?, ?)", [(target, p) for p in graph[target]])
        templates_saved: Counter[str] = Counter()
        for spec in pack.get("templates", []):
            if alias and spec.get("skills"):
                spec = {**spec, "skills": list(dict.fromkeys(alias.get(s, s) for s in spec["skills"]))}
            templates_saved[store.save_template(spec, default_language=language)] += 1
        for exercise in pack.get("exercises", []):
            base, texts = exercise_fields(exercise, language)
            skills = list(dict.fromkeys(alias.get(s, s) for s in exercise.get("skills", [])))
            fields = dict(base, kind=exercise["kind"], skills=skills, difficulty=exercise.get("difficulty"))
            current = store.exercise_by_key(exercise["id"])
            if current is None:
                store.add_exercise(**fields, key=exercise["id"], template_id=exercise.get("template"), params=exercise.get("params"), texts=texts)
                exercises_added += 1
            elif exercise["id"] in edited:
                exercises_kept += 1
            elif _changes_what_answers_meant(store, current.id, fields, texts):
                answered_kept.append(current.id)
            else:
                exercises_unchanged += _held_as_in_pack(store, current, fields, texts, exercise)
                store.replace_exercise(current.id, texts, params=exercise.get("params"), **fields)
                exercises_updated += 1
    return PackReport(str(pack["id"]), skills_added, skills_known, exercises_added, exercises_updated, len(pack.get("templates", [])),
                      exercises_kept, tuple(answered_kept), exercises_unchanged, templates_saved["added"],
                      templates_saved["changed"])


def _held_as_in_pack(store: Store, held: Any, fields: Mapping[str, Any], texts: Mapping[str, Any], exercise: Mapping[str, Any]) -> bool:
    """Whether the bank holds exercise ``held`` exactly as the pack has it (its words in every language, kind, skills,
    difficulty, template and numbers)."""
    return (held.kind, list(held.skills), held.difficulty, held.template_id, held.params or None) == (
        fields["kind"], list(fields["skills"]), fields["difficulty"], exercise.get("template"), exercise.get("params") or None) \
        and _same_words(store, held, fields, texts)


def _changes_what_answers_meant(store: Store, exercise_id: int, fields: Mapping[str, Any], texts: Mapping[str, Mapping[str, Any]]) -> bool:
    """True when children answered the exercise and the pack's version (``fields``, ``texts`` in its other languages)
    gives it another kind, other skills (review 35b: the children's answers would count for another skill on every
    screen), another number, or an answer and choices that none of its stored versions has. Any language counts: a
    pack may bring a translation of what is stored (review 31c: a Chinese pack's version of an English exercise, or
    "10.0" for "10", are the same question); a new wording of the same question and answer is taken."""
    if not store.answers_to_exercise(exercise_id):
        return False
    now = store.get_exercise(exercise_id)
    if now.kind != fields["kind"] or set(now.skills) != set(fields["skills"]):
        return True
    if now.kind == "numeric" and is_number(now.answer.strip()) and is_number(str(fields["answer"]).strip()):
        return number_value(now.answer.strip()) != number_value(str(fields["answer"]).strip())

    def version(answer: Any, choices: Any) -> tuple[str, frozenset[str]]:
        return " ".join(str(answer).split()).casefold(), frozenset(" ".join(str(c).split()).casefold() for c in choices or ())

    stored = {version(now.answer, now.choices)} | {version(t.get("answer", now.answer), t.get("choices", now.choices))
                                                   for t in store.exercise_texts(exercise_id).values()}
    offered = [version(fields["answer"], fields["choices"])] + [version(t.get("answer", fields["answer"]), t.get("choices", fields["choices"]))
                                                              for t in texts.values()]
    return not any(v in stored for v in offered)
