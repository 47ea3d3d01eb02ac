"""Whether a backup's values are ones Lamplight writes, before it is restored.

A backup whose schema is Lamplight's may still hold values another program
wrote: exercise choices that are not JSON, an answer dated "yesterday", a
setting that is not JSON, a student of a class that does not exist. Restored,
each broke a screen later (the bank, the dashboard, the start-up lock; review
29b), and every later backup copied it. :func:`value_problems` reads the
columns the app parses and says what it found; :func:`engine.store.backup.check_file`
refuses the file when anything is found.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any, Callable

JSON_COLUMNS = (
    # (table, column, JSON type it must hold, NULL allowed)
    ("exercises", "choices", "array", True),
    ("exercises", "params", "object", True),
    ("exercise_texts", "choices", "array", True),
    ("templates", "spec", "object", False),
    ("settings", "value", None, False),
    ("model_snapshots", "metrics", "object", False),
)
TIME_COLUMNS = (("responses", "time"), ("queued_answers", "time"))


def _setting_shapes() -> dict[str, Callable[[Any], bool]]:
    """Settings whose value the app relies on beyond being JSON: the password hashes (a restored "x" locked the
    teacher out, review 29d; a million Argon2 passes froze the app at the first password, review 43b), the idle
    lock's minutes and the district key file's path (read only as a regular file of a few bytes, see
    ``engine.district.fileformat.read_key``)."""
    from engine.district.fileformat import KEY_FILE_SETTING
    from engine.security.idle import IDLE_SETTING, MAX_IDLE_MINUTES
    from engine.security.passwords import PASSWORD_SETTING, RECOVERY_SETTING, is_lamplight_hash

    def minutes(value: Any) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= MAX_IDLE_MINUTES

    def file_path(value: Any) -> bool:
        return value is None or (isinstance(value, str) and 0 < len(value) < 4096)

    return {PASSWORD_SETTING: is_lamplight_hash, RECOVERY_SETTING: is_lamplight_hash, IDLE_SETTING: minutes, KEY_FILE_SETTING: file_path}


MAX_REVISION = 2 ** 53
"""The most a revision counter of a backup may hold (a change a millisecond for 285,000 years)."""


def value_problems(conn: sqlite3.Connection) -> list[str]:
    """What in ``conn``'s tables Lamplight would not have written (empty: nothing), each as a short English note."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    problems = [f"{table}.{column}: {count} values are not JSON {kind or ''}".rstrip()
                for table, column, kind, nullable in JSON_COLUMNS if table in tables
                for count in [_not_json(conn, table, column, kind, nullable)] if count]
    if not problems:
        problems += _unreadable_json(conn, tables)
    problems += [f"{table}.{column}: '{bad[:40]}' is not a time" for table, column in TIME_COLUMNS if table in tables
                 for bad in [_first_bad_time(conn, table, column)] if bad is not None]
    problems += [f"{table} row {row}: refers to a missing {parent} row" for table, row, parent, _ in
                 conn.execute("PRAGMA foreign_key_check").fetchmany(3)]
    if "settings" in tables and not problems:
        shapes = _setting_shapes()
        problems += [f"setting {key}: {value[:40]!r} is not what Lamplight writes there" for key, value in
                     conn.execute(f"SELECT key, value FROM settings WHERE key IN ({', '.join('?' * len(shapes))})", list(shapes))
                     if not shapes[key](json.loads(value))]
    if "templates" in tables and not problems:
        problems += _template_problems(conn)
    problems += [f"{table}: {count} exercises far longer than Lamplight keeps" for table in ("exercises", "exercise_texts") if table in tables
                 for count in [_too_long_exercises(conn, table)] if count]
    problems += [f"{table}.{column}: {count} values far longer than Lamplight keeps" for table, column, most in _long_texts()
                 if table in tables for count in [_count_longer(conn, table, column, most)] if count]
    if "revisions" in tables:  # review 37e: at 2^63 the revision stopped growing, and kept figures never went stale
        problems += [f"revisions.value: {count} values are not a count Lamplight keeps" for count in [int(conn.execute(
            "SELECT count(*) FROM revisions WHERE typeof(value) != 'integer' OR NOT (value BETWEEN 0 AND ?)",
            [MAX_REVISION]).fetchone()[0])] if count]
    problems += [f"{table}.name: {count} empty names" for table in NAMED if table in tables  # review 38a: a nameless
                 for count in [_empty_names(conn, table)] if count]                            # child on printouts
    if "exercises" in tables:
        problems += [f"exercises.difficulty: {count} values outside 1-5" for count in [int(conn.execute(
            "SELECT count(*) FROM exercises WHERE difficulty IS NOT NULL AND NOT (difficulty BETWEEN 1 AND 5)").fetchone()[0])] if count]
    return problems


NAMED = ("classes", "students", "groups", "skills")
"""Tables whose rows Lamplight never keeps without a name."""


def _empty_names(conn: sqlite3.Connection, table: str) -> int:
    if "name" not in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}:
        return 0
    blank = "' ' || char(9) || char(10) || char(13) || char(12288)"
    return int(conn.execute(f"SELECT count(*) FROM {table} WHERE name IS NULL OR trim(name, {blank}) = ''").fetchone()[0])


def _unreadable_json(conn: sqlite3.Connection, tables: set[str]) -> list[str]:
    """JSON values SQLite's ``json_valid`` takes but the app cannot read back: nested 1,000 deep (review 36b: an
    exercise's choices from a colleague's tampered backup broke the bank and dashboard of every class), huge
    integers, lone surrogates (see :func:`engine.store.jsonfiles.parse_json`)."""
    from engine.errors import LamplightError
    from engine.store.jsonfiles import parse_json

    problems = []
    for table, column, _, _ in JSON_COLUMNS:
        if table not in tables:
            continue
        for (value,) in conn.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL"):
            try:
                parse_json(str(value), f"{table}.{column}")
            except LamplightError as exc:
                problems.append(str(exc)[:120])
                break
    return problems


def _long_texts() -> list[tuple[str, str, int]]:
    """(table, column, most characters) for names and typed answers: :data:`BACKUP_LIMIT_FACTOR` times what is typed or
    imported here (review 36b: a 2,000,000-character skill name took the class report PDF past a minute)."""
    from engine.store.queued import MAX_TYPED_CHARS
    from engine.store.classes import MAX_NAME, MAX_NUMBER

    names = [("classes", "name"), ("students", "name"), ("groups", "name"), ("quizzes", "title"), ("skills", "name"),
             ("skill_texts", "name")]
    answers = [("responses", "answer"), ("queued_answers", "answer")]
    return [(t, c, BACKUP_LIMIT_FACTOR * MAX_NAME) for t, c in names] + [(t, c, BACKUP_LIMIT_FACTOR * MAX_TYPED_CHARS) for t, c in answers] \
        + [("students", "external_id", BACKUP_LIMIT_FACTOR * MAX_NUMBER)]


def _count_longer(conn: sqlite3.Connection, table: str, column: str, most: int) -> int:
    columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    if column not in columns:
        return 0
    return int(conn.execute(f"SELECT count(*) FROM {table} WHERE length({column}) > ?", [most]).fetchone()[0])


BACKUP_LIMIT_FACTOR = 10
"""A backup's exercise may be this many times over the limits of an import: older Lamplights had no limits, and a
teacher's own 6,700-character prompt must not make every backup of hers unusable (review 31c)."""


def _too_long_exercises(conn: sqlite3.Connection, table: str) -> int:
    """Rows far over the limits an exercise is added or imported with (review 31b: a restored backup brought the
    80,000-character prompt a pack is refused for, and its quiz's PDF took a minute)."""
    from engine.store.exercises import MAX_ANSWER_CHARS, MAX_CHOICES, MAX_PROMPT_CHARS

    choices = ("choices IS NOT NULL AND json_valid(choices) AND (json_array_length(choices) > :most "
               "OR EXISTS (SELECT 1 FROM json_each(choices) WHERE length(value) > :answer))")
    where = f"length(prompt) > :prompt OR length(answer) > :answer OR ({choices})"
    limits = {name: BACKUP_LIMIT_FACTOR * most for name, most in
              (("prompt", MAX_PROMPT_CHARS), ("answer", MAX_ANSWER_CHARS), ("most", MAX_CHOICES))}
    return int(conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", limits).fetchone()[0])


def _not_json(conn: sqlite3.Connection, table: str, column: str, kind: str | None, nullable: bool) -> int:
    test = f"json_type({column}) IS NOT '{kind}'" if kind else f"NOT json_valid({column})"
    where = f"{column} IS NOT NULL AND (NOT json_valid({column}) OR {test})" if nullable else \
        f"{column} IS NULL OR NOT json_valid({column}) OR {test}"
    return int(conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0])


def _first_bad_time(conn: sqlite3.Connection, table: str, column: str) -> str | None:
    """The first value the app could not read as a time (it reads them with ``datetime.fromisoformat``)."""
    for (value,) in conn.execute(f"SELECT DISTINCT {column} FROM {table}"):
        try:
            datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    return None


def _template_problems(conn: sqlite3.Connection) -> list[str]:
    from engine.errors import LamplightError
    from engine.store.jsonfiles import parse_json
    from engine.store.templates import Template, check_runs

    problems = []
    for template_id, spec in conn.execute("SELECT id, spec FROM templates"):
        try:
            # parse_json: a spec nested 1,000 deep is refused, not raised; check_runs: as a pack's are at import
            # (review 37b: a backup's template built 1.9 GB for every variant)
            check_runs(Template.from_spec(parse_json(spec, "template")))
        except (LamplightError, ValueError, TypeError, KeyError) as exc:
            problems.append(f"template {str(template_id)[:40]}: {str(exc)[:80]}")
    return problems[:3]
