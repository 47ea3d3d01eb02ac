"""The store's schema, as an ordered list of migrations.

``PRAGMA user_version`` holds how many migrations a file has had. Opening a
store applies the missing ones in order, each in its own transaction together
with the version bump, so a file is always at a whole version. The store takes
a backup before migrating a file that already holds data (see ``Store.open``).

Rules for adding one: append a function, never edit or reorder a released one.
"""
from __future__ import annotations

import sqlite3
from typing import Callable

import sqlite_utils

from engine.store.transactions import write_transaction

SCHEMA_V1 = """
CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created TEXT NOT NULL
);
CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    UNIQUE (class_id, name)
);
CREATE TABLE students (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    external_id TEXT,
    created TEXT NOT NULL,
    UNIQUE (class_id, external_id)
);
CREATE TABLE group_members (
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, student_id)
);
CREATE TABLE skills (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE skill_prerequisites (
    skill_id TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    prerequisite_id TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    PRIMARY KEY (skill_id, prerequisite_id),
    CHECK (skill_id <> prerequisite_id)
);
CREATE TABLE exercises (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('multiple_choice', 'numeric', 'short_text', 'teacher_marked')),
    prompt TEXT NOT NULL,
    choices TEXT,
    answer TEXT NOT NULL DEFAULT '',
    difficulty REAL,
    template_id TEXT,
    params TEXT,
    created TEXT NOT NULL
);
CREATE TABLE exercise_skills (
    exercise_id INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    skill_id TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    PRIMARY KEY (exercise_id, skill_id)
);
CREATE TABLE quizzes (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'quiz' CHECK (kind IN ('quiz', 'assignment')),
    created TEXT NOT NULL
);
CREATE TABLE quiz_exercises (
    quiz_id INTEGER NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    exercise_id INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    PRIMARY KEY (quiz_id, position)
);
CREATE TABLE responses (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    exercise_id INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    answer TEXT,
    time TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('paper', 'practice', 'import')),
    quiz_id INTEGER REFERENCES quizzes(id) ON DELETE SET NULL
);
CREATE INDEX responses_by_student ON responses (student_id, time);
CREATE INDEX responses_by_exercise ON responses (exercise_id);
CREATE INDEX responses_by_quiz ON responses (quiz_id);
CREATE TABLE model_snapshots (
    id INTEGER PRIMARY KEY,
    class_id INTEGER REFERENCES classes(id) ON DELETE CASCADE,
    created TEXT NOT NULL,
    kind TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    metrics TEXT NOT NULL DEFAULT '{}',
    path TEXT,
    weights BLOB,
    active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

SCHEMA_V2 = """
CREATE TABLE templates (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    spec TEXT NOT NULL
);
CREATE INDEX exercises_by_template ON exercises (template_id);
CREATE INDEX students_by_class ON students (class_id);
"""

SCHEMA_V3 = """
CREATE TABLE quiz_absences (
    quiz_id INTEGER NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    PRIMARY KEY (quiz_id, student_id)
);
"""


def run_script(db: sqlite_utils.Database, script: str) -> None:
    """Run SQL statements one by one inside the caller's transaction.

    ``executescript`` would commit the open transaction first, so a migration
    killed half-way would leave tables without the version bump.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"unfinished SQL statement: {statement!r}")


def _v1_core_tables(db: sqlite_utils.Database) -> None:
    """Classes, rosters, skills, exercises, quizzes, responses, model snapshots, settings."""
    run_script(db, SCHEMA_V1)


def _v2_templates(db: sqlite_utils.Database) -> None:
    """Exercise templates from packs, and indexes for template and roster look-ups."""
    run_script(db, SCHEMA_V2)


def _v3_quiz_absences(db: sqlite_utils.Database) -> None:
    """Students marked absent for a paper quiz: no answer is stored for them, so nothing counts as wrong."""
    run_script(db, SCHEMA_V3)


SCHEMA_V4 = """
CREATE TABLE skill_texts (
    skill_id TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    name TEXT,
    description TEXT,
    PRIMARY KEY (skill_id, language)
);
CREATE TABLE exercise_texts (
    exercise_id INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    prompt TEXT,
    answer TEXT,
    choices TEXT,
    PRIMARY KEY (exercise_id, language)
);
"""


def _v4_texts_in_languages(db: sqlite_utils.Database) -> None:
    """Skill names and exercise texts in further languages (NULL: the skill's or exercise's own text)."""
    run_script(db, SCHEMA_V4)


SCHEMA_V5 = """
CREATE TABLE queued_answers (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    exercise_id INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    answer TEXT NOT NULL,
    time TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('paper', 'practice', 'import')),
    quiz_id INTEGER REFERENCES quizzes(id) ON DELETE SET NULL
);
CREATE INDEX queued_answers_by_exercise ON queued_answers (exercise_id);
CREATE INDEX queued_answers_by_student ON queued_answers (student_id);
"""


def _v5_queued_answers(db: sqlite_utils.Database) -> None:
    """Typed answers waiting for the teacher's mark, kept apart from responses so the model never sees them unmarked."""
    run_script(db, SCHEMA_V5)


BANK_TABLES = ("exercises", "exercise_skills", "skills", "skill_prerequisites")


def _v6_bank_revision(db: sqlite_utils.Database) -> None:
    """A counter that every change to the exercise bank bumps (by triggers, whoever writes), so a class kept in
    memory learns whether the bank changed from one row instead of reading every exercise again."""
    statements = ["CREATE TABLE revisions (name TEXT PRIMARY KEY, value INTEGER NOT NULL);",
                  "INSERT INTO revisions (name, value) VALUES ('bank', 0);"]
    for table in BANK_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            statements.append(f"CREATE TRIGGER {table}_{event.lower()}_bumps_bank AFTER {event} ON {table} "
                              "BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'bank'; END;")
    run_script(db, "\n".join(statements))


def _v7_exercise_edited(db: sqlite_utils.Database) -> None:
    """When the teacher last edited an exercise (NULL: as its pack or the teacher made it), so importing the pack
    again can ask before it replaces her edits."""
    run_script(db, "ALTER TABLE exercises ADD COLUMN edited TEXT;")


KEPT_FIGURES_TABLE = "kept_figures"


def bumps_data(table: str) -> list[str]:
    """Triggers that bump the 'data' revision on every change to ``table`` (a migration adding a table adds them)."""
    return [f"CREATE TRIGGER {table}_{event.lower()}_bumps_data AFTER {event} ON {table} "
            "BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'data'; END;" for event in ("INSERT", "UPDATE", "DELETE")]


def _v8_kept_figures(db: sqlite_utils.Database) -> None:
    """A counter that every change to the data bumps (by triggers, whoever writes), and a table of figures worked out
    from the data and kept with the revision they were worked out at: a screen shown again on unchanged data (the
    class dashboard after the app starts) reads them instead of working them out again."""
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                           "AND name != 'revisions' ORDER BY name")]
    statements = ["INSERT INTO revisions (name, value) VALUES ('data', 0);",
                  f"CREATE TABLE {KEPT_FIGURES_TABLE} (class_id INTEGER PRIMARY KEY REFERENCES classes(id) ON DELETE CASCADE, "
                  "mark TEXT NOT NULL, figures BLOB NOT NULL);"]
    run_script(db, "\n".join(statements + [t for table in tables for t in bumps_data(table)]))


def _v9_quiz_group(db: sqlite_utils.Database) -> None:
    """The group a quiz was given to, on the quiz itself (it was the setting ``quiz_group/ID``: a deleted group's id,
    which SQLite gives out again, passed its quizzes on to the next group made; review 36b). Deleting the group
    gives the quiz back to the whole class."""
    run_script(db, "ALTER TABLE quizzes ADD COLUMN group_id INTEGER REFERENCES groups(id) ON DELETE SET NULL;")
    for key, value in db.execute("SELECT key, value FROM settings WHERE key LIKE 'quiz_group/%'").fetchall():
        quiz, group = key.split("/", 1)[1], value.strip()
        if quiz.isdecimal() and group.isdecimal():  # the group must still be of the quiz's class
            db.execute("UPDATE quizzes SET group_id = :group WHERE id = :quiz AND EXISTS "
                       "(SELECT 1 FROM groups g WHERE g.id = :group AND g.class_id = quizzes.class_id)",
                       {"group": int(group), "quiz": int(quiz)})
    db.execute("DELETE FROM settings WHERE key LIKE 'quiz_group/%'")


def _v10_quiz_paper(db: sqlite_utils.Database) -> None:
    """Whose order a quiz's printed choices follow when it is not the quiz's own (NULL): a class taken from a backup
    keeps the order of the papers printed on the other laptop (:func:`engine.choices.quiz_paper`; review 51b, letters
    typed from them named other choices)."""
    run_script(db, "ALTER TABLE quizzes ADD COLUMN paper TEXT;")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1_core_tables, _v2_templates, _v3_quiz_absences, _v4_texts_in_languages,
                                                            _v5_queued_answers, _v6_bank_revision, _v7_exercise_edited,
                                                            _v8_kept_figures, _v9_quiz_group, _v10_quiz_paper]
LATEST_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite_utils.Database) -> int:
    """How many migrations this file has had (0 for a new, empty file)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def apply_migrations(db: sqlite_utils.Database, up_to: int = LATEST_VERSION) -> list[int]:
    """Bring the file to version ``up_to``; return the versions applied (may be empty)."""
    applied = []
    for version in range(schema_version(db) + 1, up_to + 1):
        with write_transaction(db):
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
        applied.append(version)
    return applied
