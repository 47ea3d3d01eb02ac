"""Classes, students and groups (feature 1). Mixed into ``Store``; every method is one transaction."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any, Iterable, Sequence

import sqlite_utils

from engine.errors import LamplightError
from engine.store.clock import to_utc_iso
from engine.store.name_order import name_key, numbered_key
from engine.store.origins import STUDENT_ORIGINS_SETTING, joined_here
from engine.store.records import ClassInfo, Group, Student
from engine.store.transactions import write_transaction

MAX_NAME = 120
MAX_NUMBER = 200
"""The longest student number kept (an answer log's user id may be a long hash; review 50b: a 5,000-digit number
stopped the class list's sort by number)."""


def practice_focus_setting(class_id: int) -> str:
    """The setting that holds a class's practice focus (see :mod:`engine.classroom.focus`), kept here so that
    deleting a student, a group or the class also deletes their focus: a new child or group given the same id
    must not inherit it."""
    return f"practice_focus/{int(class_id)}"


def learned_setting(class_id: int) -> str:
    """How many answers the class had when it last learned on the laptop (see ``Classroom.learning_due``)."""
    return f"learned/{int(class_id)}"


def model_fit_setting(class_id: int) -> str:
    """The last check of how well the class's model fits it, in figures (the Model page's fit line)."""
    return f"model_fit/{int(class_id)}"


JOINED_SETTING = "joined_class"
"""Student id -> when a child moved into their class (see ``move_students``; a child added there has ``created``)."""


def focus_group_key(group_id: int) -> str:
    return f"group:{int(group_id)}"


def focus_student_key(student_id: int) -> str:
    return f"student:{int(student_id)}"


_SPACE_IN_CHINESE = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
                        "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
"""Characters that show as nothing besides the format characters: Unicode's default-ignorable ones (the Hangul
fillers, variation selectors, the combining grapheme joiner) and the blank braille pattern."""


def tidy_name(value: object, chinese_spaces: bool = False) -> str:
    """A name as it is kept: runs of spaces (full-width ones too) made one, none left between Chinese characters
    (unless ``chinese_spaces``: a quiz's title), and no invisible character (a zero-width space, a direction mark, a
    control character): a name of those alone would be a blank row on every list and printout.

    >>> tidy_name("  Aiko   V. "), tidy_name("李\u3000娜"), tidy_name("\u200b"), tidy_name("Ana\u200b Li\ufeff")
    ('Aiko V.', '李娜', '', 'Ana Li')
    >>> tidy_name("\u3164"), tidy_name("\u2800\u034f"), tidy_name("Jose\u0301") == "Jos\u00e9"
    ('', '', True)
    """
    composed = unicodedata.normalize("NFC", str(value or ""))  # é as one letter, as a Mac's file may not write it
    visible = "".join(ch for ch in _INVISIBLE.sub("", composed)
                      if unicodedata.category(ch) not in ("Cf", "Cc") or ch.isspace())
    spaced = " ".join(visible.split())
    return spaced if chinese_spaces else _SPACE_IN_CHINESE.sub("", spaced)


def class_name_key(name: str) -> str:
    """How class names are compared: case, spaces and full- or half-width forms aside, so a class cannot take a name
    that reads as another's (review 44: "Demo class（2）", as the Chinese app writes it, was added beside "Demo class (2)").

    >>> class_name_key("Demo class（2）") == class_name_key(" demo  class (2)"), class_name_key("三年级 二班")
    (True, '三年级二班')
    """
    return "".join(unicodedata.normalize("NFKC", str(name)).split()).casefold()


def same_name_key(name: object) -> str:
    """How a child's name is compared: tidied (:func:`tidy_name`), case, accents written in two pieces and full-width
    letters aside (review 49b: "José" from a Mac's file and "Ａｎａ Ｌｉ" typed by a Chinese input method were added
    as second children beside José and Ana Li).

    >>> key = same_name_key
    >>> key("Ａｎａ  Ｌｉ") == key("ana li"), key("Jose\u0301") == key("José"), key("李 娜"), key("O’Brien") == key("O'Brien")
    (True, True, '李娜', True)
    """
    return tidy_name(unicodedata.normalize("NFKC", str(name or "")).translate(_APOSTROPHES)).casefold()


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
"""A typed apostrophe and the curly one a Mac or Word puts in (O’Brien, O'Brien: one child, review 49c)."""


def student_number(value: object) -> str | None:
    """A student number as it is kept and compared: full-width digits and letters, as a Chinese input method types
    them, made plain, no invisible character (as :func:`tidy_name`) and spaces evened; None when empty (reviews
    37c, 37e: ２０２４００１ and 2024001 followed by a direction mark got past "a classmate has it").

    >>> student_number(" ２０２４ ００１ "), student_number("Ａ-9"), student_number("2024001\u200e"), student_number("\u200b")
    ('2024 001', 'A-9', '2024001', None)
    """
    return tidy_name(unicodedata.normalize("NFKC", str(value))) or None


def _short_number(number: str | None) -> str | None:
    """``number``, or a LamplightError when it is longer than :data:`MAX_NUMBER` characters."""
    if number is not None and len(number) > MAX_NUMBER:
        raise LamplightError(f"The student number '{number[:20]}...' is longer than {MAX_NUMBER} characters.")
    return number


def clean_name(value: object, what: str) -> str:
    """A tidy (:func:`tidy_name`), non-empty name of reasonable length, or a LamplightError saying what is wrong. A quiz's
    title keeps a space between Chinese words (review 40b: “第三单元 乘法测验” was printed “第三单元乘法测验”): it is
    no person's name, to be found however it was typed.

    >>> clean_name("第三单元 乘法测验", "quiz"), clean_name("李 娜", "student")
    ('第三单元 乘法测验', '李娜')
    """
    name = tidy_name(value, chinese_spaces=what == "quiz")
    if not name:
        raise LamplightError(f"The {what} name is empty.")
    if len(name) > MAX_NAME:
        raise LamplightError(f"The {what} name '{name[:40]}...' is longer than {MAX_NAME} characters.")
    return name


class ClassesRepository:
    db: sqlite_utils.Database

    # --- classes -------------------------------------------------------------------------
    def create_class(self, name: str) -> int:
        """Create a class and return its id; names are unique (ignoring case)."""
        name = clean_name(name, "class")
        with write_transaction(self.db):
            if self.find_class(name, include_archived=True) is not None:
                raise LamplightError(f"A class named '{name}' already exists.")
            cursor = self.db.execute("INSERT INTO classes (name, archived, created) VALUES (?, 0, ?)", [name, to_utc_iso()])
        return int(cursor.lastrowid)

    def rename_class(self, class_id: int, name: str) -> None:
        name = clean_name(name, "class")
        with write_transaction(self.db):
            self.get_class(class_id)
            other = self.find_class(name, include_archived=True)
            if other is not None and other.id != class_id:
                raise LamplightError(f"A class named '{name}' already exists.")
            self.db.execute("UPDATE classes SET name = ? WHERE id = ?", [name, class_id])

    def archive_class(self, class_id: int, archived: bool = True) -> None:
        """Hide a class from the usual lists (year end) or bring it back; nothing is deleted."""
        self.get_class(class_id)
        self.db.execute("UPDATE classes SET archived = ? WHERE id = ?", [int(bool(archived)), class_id])

    def delete_class(self, class_id: int) -> None:
        """Delete a class with its students, groups, quizzes and all their answers."""
        self.get_class(class_id)
        with write_transaction(self.db):
            self.db.execute("DELETE FROM classes WHERE id = ?", [class_id])
            for setting in (practice_focus_setting, learned_setting, model_fit_setting):  # a new class given its id starts afresh
                self.set_setting(setting(class_id), None)

    def refuse_if_archived(self, class_id: int) -> None:
        """Raise LamplightError when the class is archived: it is kept as it was until restored (review 39: chosen to
        read its reports, it took new quiz marks and practice answers; its groups and practice focus too)."""
        info = self.get_class(class_id)
        if info.archived:
            raise LamplightError(f"{info.name} is archived: it is kept as it was. To change it, choose it in Classes & "
                                 "students and press Restore.")

    def list_classes(self, include_archived: bool = False) -> list[ClassInfo]:
        where = "" if include_archived else "WHERE archived = 0"
        rows = self.db.execute(f"SELECT id, name, archived, created FROM classes {where}")
        return sorted((ClassInfo(r[0], r[1], bool(r[2]), r[3]) for r in rows), key=lambda c: (numbered_key(c.name), c.id))

    def get_class(self, class_id: int) -> ClassInfo:
        row = self.db.execute("SELECT id, name, archived, created FROM classes WHERE id = ?", [class_id]).fetchone()
        if row is None:
            raise LamplightError(f"There is no class with id {class_id}.")
        return ClassInfo(row[0], row[1], bool(row[2]), row[3])

    def find_class(self, name: str, include_archived: bool = False) -> ClassInfo | None:
        """The class with this name (compared by :func:`class_name_key`), or None."""
        wanted = class_name_key(name)
        for info in self.list_classes(include_archived=include_archived):
            if class_name_key(info.name) == wanted:
                return info
        return None

    # --- students ------------------------------------------------------------------------
    def new_student_id(self) -> int:
        """An id no student of this data has had, kept as taken (call inside the write that adds the student).

        SQLite would give a deleted last student's id to the next one; purging the deleted child from the backups
        later then removed the new child from them too (review 34b). The highest id given out is kept in
        ``revisions`` (``students``), and every restore keeps the higher of the two (:meth:`Store.after_restore`).
        """
        new = self.highest_student_id() + 1
        self.db.execute("INSERT INTO revisions (name, value) VALUES ('students', ?) "
                        "ON CONFLICT (name) DO UPDATE SET value = excluded.value", [new])
        return new

    def highest_student_id(self) -> int:
        """The highest student id this data has given out (0: none yet)."""
        return int(self.db.execute("SELECT max(coalesce((SELECT max(id) FROM students), 0), "
                                   "coalesce((SELECT value FROM revisions WHERE name = 'students'), 0))").fetchone()[0])

    def add_student(self, class_id: int, name: str, external_id: str | None = None, group: str | None = None) -> int:
        """Add a student to a class (optionally into the group of that name, created if needed)."""
        name = clean_name(name, "student")
        external_id = _short_number(student_number(external_id) if external_id is not None else None)
        with write_transaction(self.db):
            self.refuse_if_archived(class_id)  # also: no such class
            if external_id is not None and self.student_by_external_id(class_id, external_id) is not None:
                raise LamplightError(f"Another student of this class already has the id '{external_id}'.")
            student_id = self.new_student_id()
            self.db.execute("INSERT INTO students (id, class_id, name, external_id, created) VALUES (?, ?, ?, ?, ?)",
                            [student_id, class_id, name, external_id, to_utc_iso()])
            if group:
                group_id = self.ensure_group(class_id, group)
                self.db.execute("INSERT OR IGNORE INTO group_members VALUES (?, ?)", [group_id, student_id])
        return student_id

    def update_student(self, student_id: int, name: str | None = None, external_id: str | None = None) -> None:
        """Rename a student and/or change their external id (pass "" to clear it)."""
        student = self.get_student(student_id)
        with write_transaction(self.db):
            if name is not None:
                self.db.execute("UPDATE students SET name = ? WHERE id = ?", [clean_name(name, "student"), student_id])
            if external_id is not None:
                value = _short_number(student_number(external_id))
                other = self.student_by_external_id(student.class_id, value) if value else None
                if other is not None and other.id != student_id:
                    raise LamplightError(f"Another student of this class already has the id '{value}'.")
                self.db.execute("UPDATE students SET external_id = ? WHERE id = ?", [value, student_id])

    def delete_student(self, student_id: int) -> None:
        """Delete a student and all their data (answers, group memberships, practice focus, the class's kept dashboard
        figures, which hold their name and mastery)."""
        student = self.get_student(student_id)
        with write_transaction(self.db):
            self.db.execute("DELETE FROM students WHERE id = ?", [student_id])
            self._forget_focus(student.class_id, focus_student_key(student_id))
            joined = self._joined()
            if joined.pop(str(student_id), None) is not None:
                self.set_setting(JOINED_SETTING, joined or None)
            self.forget_figures(student.class_id)  # type: ignore[attr-defined]

    def students_added(self, class_id: int) -> dict[int, str]:
        """Student id -> when they joined the class (UTC ISO time): added, or moved in (review 38c: a child moved in
        was "not yet entered" on the class's older quizzes), or added in the backup they came from (review 51b)."""
        moved_in, origins = self._joined(), self.get_setting(STUDENT_ORIGINS_SETTING, {})  # type: ignore[attr-defined]
        return {int(r[0]): max(joined_here(origins, int(r[0]), str(r[1])), str(moved_in.get(str(r[0]), ""))) for r in
                self.db.execute("SELECT id, created FROM students WHERE class_id = ?", [class_id])}

    def move_students(self, student_ids: Sequence[int], class_id: int) -> None:
        """Move children to another class with all that is theirs (answers, quiz marks, written answers waiting for
        a mark, practice focus); they leave their old class's groups. A child who changes class keeps their history
        (deleting and adding again lost it: review 37d). Refused, nothing moved, when the class is archived or a
        student number would be a new classmate's."""
        target = self.get_class(class_id)
        if target.archived:
            raise LamplightError(f"{target.name} is archived; nothing was moved.")
        students = [self.get_student(int(s)) for s in dict.fromkeys(student_ids)]
        moving = {s.id for s in students}
        numbers: dict[str, str] = {}
        for student in students:
            number = student_number(student.external_id) if student.external_id else ""
            other = self.student_by_external_id(class_id, number) if number else None
            holder = other.name if other is not None and other.id not in moving else numbers.get(number)
            if holder is not None:
                raise LamplightError(f"{holder} has the student number {number} already; nothing was moved.")
            if number:
                numbers[number] = student.name
        with write_transaction(self.db):
            for student in students:
                if student.class_id == class_id:
                    continue
                self.db.execute("DELETE FROM group_members WHERE student_id = ?", [student.id])
                self.db.execute("UPDATE students SET class_id = ? WHERE id = ?", [class_id, student.id])
                self._move_focus(student.class_id, class_id, focus_student_key(student.id))
                self.forget_figures(student.class_id)  # type: ignore[attr-defined]
            self.set_setting(JOINED_SETTING, {**self._joined(), **{str(s.id): to_utc_iso() for s in students if s.class_id != class_id}})
            self.forget_figures(class_id)  # type: ignore[attr-defined]

    def leave_class(self, student_ids: Sequence[int], leavers_name: str) -> int:
        """Children who left the school, out of their class's lists with all their work kept: moved to the archived
        class ``leavers_name`` ("4B – left", made when missing; review 51a: a child who left could only be deleted,
        her marks gone from the quiz totals and the marks book, or moved to a made-up class). Their marks stay on the
        class's paper quizzes, as a moved child's do; a restore or "Add a class…" sees them in that class. Returns
        its id."""
        if len(leavers_name) > MAX_NAME:
            leavers_name = leavers_name[: MAX_NAME - 1] + "…"
        with write_transaction(self.db):
            found = self.find_class(leavers_name, include_archived=True)
            if found is not None and not found.archived:  # a class of the teacher's own (review 51e)
                raise LamplightError(f"A class named '{found.name}' is in use; nobody was moved.")
            leavers = found.id if found is not None else self.create_class(leavers_name)
            for student in (self.get_student(int(s)) for s in student_ids):  # numbers are given again: one a child
                number = student.external_id  # who left before had goes from her (review 51e: the next was refused)
                if number:
                    self.db.execute("UPDATE students SET external_id = NULL WHERE class_id = ? AND external_id = ?",
                                    [leavers, student_number(number)])
            self.archive_class(leavers, False)
            self.move_students(student_ids, leavers)
            self.archive_class(leavers, True)
        return leavers

    def _joined(self) -> dict[str, Any]:
        """The setting :data:`JOINED_SETTING` ({} when unset or not what Lamplight writes)."""
        joined = self.get_setting(JOINED_SETTING, {})
        return joined if isinstance(joined, dict) else {}

    def _move_focus(self, from_class: int, to_class: int, who: str) -> None:
        focus = self.get_setting(practice_focus_setting(from_class), None)
        if isinstance(focus, dict) and who in focus:
            skills = focus[who]
            self._forget_focus(from_class, who)
            kept = self.get_setting(practice_focus_setting(to_class), None)
            self.set_setting(practice_focus_setting(to_class), {**(kept if isinstance(kept, dict) else {}), who: skills})

    def get_student(self, student_id: int) -> Student:
        students = self._students("WHERE s.id = ?", [student_id])
        if not students:
            raise LamplightError(f"There is no student with id {student_id}.")
        return students[0]

    def list_students(self, class_id: int) -> list[Student]:
        """The class's students, sorted by name (:func:`engine.store.name_order.name_key`: Chinese ones by pinyin).

        Children who share a name (ignoring case, as SQLite's NOCASE) are told apart in one pass over the class
        (review 29b: a count per student made 6,000 students take 3 s and 20,000 half a minute)."""
        rows = self.db.execute(f"{_STUDENT_ROWS} WHERE s.class_id = ? GROUP BY s.id ORDER BY s.id", [class_id]).fetchall()
        keys = [_nocase(r[2]) for r in rows]
        namesakes, seen = Counter(keys), Counter[str]()
        students = []
        for r, key in zip(rows, keys):
            seen[key] += 1
            students.append(_student(r, namesakes[key], seen[key]))
        return sorted(students, key=lambda s: (name_key(s.name), s.id))  # Chinese names by pinyin

    def student_by_external_id(self, class_id: int, external_id: str) -> Student | None:
        """The student of the class with this number, compared as :func:`student_number` keeps them (a number kept
        before that, ２０２４００２, is 2024002: review 37g)."""
        wanted = student_number(external_id)
        found = self._students("WHERE s.class_id = ? AND s.external_id = ?", [class_id, wanted])
        if not found:  # a number kept with characters outside plain ASCII, compared as it would be kept now
            ids = [row[0] for row in self.db.execute("SELECT id, external_id FROM students WHERE class_id = ? AND "
                                                      "external_id GLOB '*[^ -~]*'", [class_id])
                   if student_number(row[1]) == wanted]
            found = self._students("WHERE s.id = ?", ids[:1]) if ids else []
        return found[0] if found else None

    def _students(self, where: str, params: list) -> list[Student]:
        """The students ``where`` picks (a few: a count of namesakes per student)."""
        rows = self.db.execute(
            f"""SELECT s.id, s.class_id, s.name, s.external_id, group_concat(m.group_id),
                       (SELECT count(*) FROM students t WHERE t.class_id = s.class_id AND t.name = s.name COLLATE NOCASE),
                       (SELECT count(*) FROM students t WHERE t.class_id = s.class_id AND t.name = s.name COLLATE NOCASE
                                                          AND t.id <= s.id)
                {_STUDENT_ROWS_FROM} {where} GROUP BY s.id""",
            params,
        )
        return [_student(r, r[5], r[6]) for r in rows]

    # --- groups --------------------------------------------------------------------------
    def create_group(self, class_id: int, name: str, student_ids: Iterable[int] = ()) -> int:
        name = clean_name(name, "group")
        with write_transaction(self.db):
            self.refuse_if_archived(class_id)
            if self._group_id(class_id, name) is not None:
                raise LamplightError(f"The class already has a group named '{name}'.")
            group_id = self.ensure_group(class_id, name)
            self.set_group_members(group_id, student_ids)
        return group_id

    def ensure_group(self, class_id: int, name: str) -> int:
        """The id of the class's group with this name, created when missing."""
        name = clean_name(name, "group")
        existing = self._group_id(class_id, name)
        if existing is not None:
            return existing
        return int(self.db.execute("INSERT INTO groups (class_id, name) VALUES (?, ?)", [class_id, name]).lastrowid)

    def _group_id(self, class_id: int, name: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM groups WHERE class_id = ? AND name = ? COLLATE NOCASE", [class_id, name]
        ).fetchone()
        return None if row is None else int(row[0])

    def rename_group(self, group_id: int, name: str) -> None:
        group = self.get_group(group_id)
        self.refuse_if_archived(group.class_id)
        name = clean_name(name, "group")
        other = self._group_id(group.class_id, name)
        if other is not None and other != group_id:
            raise LamplightError(f"The class already has a group named '{name}'.")
        self.db.execute("UPDATE groups SET name = ? WHERE id = ?", [name, group_id])

    def set_group_members(self, group_id: int, student_ids: Iterable[int]) -> None:
        """Make these students (all of the group's class) the group's members."""
        group = self.get_group(group_id)
        self.refuse_if_archived(group.class_id)
        ids = list(dict.fromkeys(int(s) for s in student_ids))
        with write_transaction(self.db):
            for student_id in ids:
                if self.get_student(student_id).class_id != group.class_id:
                    raise LamplightError(f"Student {student_id} is not in the group's class.")
            self.db.execute("DELETE FROM group_members WHERE group_id = ?", [group_id])
            self.db.conn.executemany("INSERT INTO group_members VALUES (?, ?)", [(group_id, s) for s in ids])

    def delete_group(self, group_id: int) -> None:
        """Delete a group and its practice focus (its students stay in the class)."""
        row = self.db.execute("SELECT class_id FROM groups WHERE id = ?", [group_id]).fetchone()
        if row is not None:
            self.refuse_if_archived(row[0])
        with write_transaction(self.db):
            self.db.execute("DELETE FROM groups WHERE id = ?", [group_id])
            if row is not None:
                self._forget_focus(row[0], focus_group_key(group_id))

    def _forget_focus(self, class_id: int, who: str) -> None:
        focus = self.get_setting(practice_focus_setting(class_id), None)
        if isinstance(focus, dict) and who in focus:
            focus.pop(who)
            self.set_setting(practice_focus_setting(class_id), focus or None)

    def get_group(self, group_id: int) -> Group:
        groups = self._groups("WHERE g.id = ?", [group_id])
        if not groups:
            raise LamplightError(f"There is no group with id {group_id}.")
        return groups[0]

    def list_groups(self, class_id: int) -> list[Group]:
        return self._groups("WHERE g.class_id = ?", [class_id])

    def _groups(self, where: str, params: list) -> list[Group]:
        rows = self.db.execute(
            f"""SELECT g.id, g.class_id, g.name, group_concat(m.student_id)
                FROM groups g LEFT JOIN group_members m ON m.group_id = g.id
                {where} GROUP BY g.id""",
            params,
        )
        groups = [Group(r[0], r[1], r[2], tuple(sorted(int(s) for s in r[3].split(","))) if r[3] else ()) for r in rows]
        return sorted(groups, key=lambda g: (numbered_key(g.name), g.id))  # 第一组, 第二组, 第三组


_STUDENT_ROWS_FROM = "FROM students s LEFT JOIN group_members m ON m.student_id = s.id"
_STUDENT_ROWS = f"SELECT s.id, s.class_id, s.name, s.external_id, group_concat(m.group_id) {_STUDENT_ROWS_FROM}"
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _nocase(name: str) -> str:
    """``name`` as SQLite's NOCASE compares it (only A-Z folded)."""
    return name.translate(_ASCII_LOWER)


def _student(row: Sequence[Any], namesakes: int, place: int) -> Student:
    """A student from (id, class, name, external id, group ids) and, among ``namesakes`` children of one name, its
    ``place`` in the order they were added (the label that tells them apart: their external id, else that place)."""
    groups = tuple(sorted(int(g) for g in row[4].split(","))) if row[4] else ()
    return Student(row[0], row[1], row[2], row[3], groups, (row[3] or str(place)) if namesakes > 1 else "")
