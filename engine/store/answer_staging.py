"""A scratch table for a response log's answers, so an import of any size needs bounded memory (issue 14, item 9).

A log whose rows are not in each student's position order must be sorted
before its answers are stored, and a log imported into a class that already
has answers must be checked for answers already there. Both used to be done
with per-answer arrays in memory (hundreds of MB for a few million answers).
Here the answers go first into a scratch table in the store file itself,
inside the import's one write transaction, and SQLite does the rest:

- the memory used is SQLite's page cache (:data:`CACHE_KIB`), whatever the
  number of answers; pages beyond it are written to the store's write-ahead log;
- an encrypted store keeps the scratch rows encrypted (SQLite's own temporary
  tables would not do: SQLCipher keeps them in memory, plain SQLite in
  unencrypted files);
- a failed or killed import leaves nothing: the scratch tables are created and
  dropped inside the transaction, so they are never committed;
- every query reads the tables through an index in the order it needs, so no
  query sorts in a temporary B-tree (which would be memory again):
  :data:`QUERIES` lists them and a test checks their plans.
"""
from __future__ import annotations

import math
import sqlite3
from typing import Callable

ROWS = "import_scratch_rows"
STORED = "import_scratch_stored"
CACHE_KIB = 64 * 1024
"""SQLite page cache while staging (the memory the import's database work may take)."""
BATCH = 5_000
STORE_STEPS = 20  # the final copy is done in this many slices, for the progress bar

_KEY = "student_id, exercise_id, kscore, kanswer, source, ktime"
_ON_KEY = " AND ".join(f"r.{c} = t.{c}" for c in _KEY.split(", "))
QUERIES = {
    "stored timed": f"INSERT INTO {STORED} ({_KEY}, copies) "
                    "SELECT r.student_id, r.exercise_id, round(r.score, 4), coalesce(r.answer, ''), r.source, r.time, 1 "
                    "FROM responses r JOIN students s ON s.id = r.student_id WHERE s.class_id = ? "
                    "ON CONFLICT DO UPDATE SET copies = copies + 1",
    "stored untimed": f"INSERT INTO {STORED} ({_KEY}, copies) "
                      "SELECT r.student_id, r.exercise_id, round(r.score, 4), coalesce(r.answer, ''), r.source, '', 1 "
                      "FROM responses r JOIN students s ON s.id = r.student_id WHERE s.class_id = ? "
                      "ON CONFLICT DO UPDATE SET copies = copies + 1",
    "matches": f"SELECT r.n, t.copies, {', '.join('r.' + c for c in _KEY.split(', '))} FROM {STORED} t "
               f"JOIN {ROWS} r ON {_ON_KEY} ORDER BY {', '.join('r.' + c for c in _KEY.split(', '))}, r.n",
    "store sorted": f"INSERT INTO responses (student_id, exercise_id, score, answer, time, source) "
                    f"SELECT student_id, exercise_id, score, answer, time, source FROM {ROWS} "
                    "WHERE code >= ? AND code < ? AND NOT dup ORDER BY code, position, n",
    "store in file order": f"INSERT INTO responses (student_id, exercise_id, score, answer, time, source) "
                           f"SELECT student_id, exercise_id, score, answer, time, source FROM {ROWS} "
                           "WHERE n >= ? AND n < ? AND NOT dup ORDER BY n",
}


class AnswerStaging:
    """The scratch tables of one import. Use inside the import's write transaction; at the end, :meth:`drop`
    the tables (on failure the rollback removes them) and always :meth:`restore_cache`.

    ``sort``: store each student's answers in position order (the file is not);
    ``check_duplicates``: skip answers the class already has.
    """

    def __init__(self, conn: sqlite3.Connection, sort: bool, check_duplicates: bool) -> None:
        self.conn, self.sort, self.check_duplicates = conn, sort, check_duplicates
        self.drop()
        conn.execute(f"CREATE TABLE {ROWS} (n INTEGER PRIMARY KEY, code INTEGER NOT NULL, position REAL NOT NULL, "
                     "student_id INTEGER NOT NULL, exercise_id INTEGER NOT NULL, score REAL NOT NULL, answer TEXT, "
                     "time TEXT NOT NULL, source TEXT NOT NULL, kscore REAL NOT NULL, kanswer TEXT NOT NULL, "
                     "ktime TEXT NOT NULL, dup INTEGER NOT NULL DEFAULT 0)")
        if sort:
            conn.execute(f"CREATE INDEX {ROWS}_order ON {ROWS} (code, position, n)")
        if check_duplicates:
            conn.execute(f"CREATE INDEX {ROWS}_key ON {ROWS} ({_KEY}, n)")
            conn.execute(f"CREATE TABLE {STORED} (student_id INTEGER, exercise_id INTEGER, kscore REAL, kanswer TEXT, "
                         f"source TEXT, ktime TEXT, copies INTEGER NOT NULL, PRIMARY KEY ({_KEY})) WITHOUT ROWID")
        self.rows = 0
        self._cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")

    def add(self, batch: list[tuple]) -> None:
        """Stage a batch of answers and empty it.

        Each is (file order n, student's order code, position, student_id,
        exercise_id, score, answer or None, time stored, source, time given or None).
        """
        self.conn.executemany(
            f"INSERT INTO {ROWS} (n, code, position, student_id, exercise_id, score, answer, time, source, kscore, "
            "kanswer, ktime) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, round(?6, 4), coalesce(?7, ''), coalesce(?10, ''))",
            batch)
        self.rows += len(batch)
        batch.clear()

    def mark_duplicates(self, class_id: int, timed: bool, untimed: bool) -> int:
        """Mark the staged answers the class already has; returns how many.

        An answer is a duplicate of a stored one with the same student,
        exercise, score (to 4 decimals), typed answer and source, and the same
        time when the file gives one (a row without time matches on the rest).
        As many copies are skipped as the store holds, earliest in the file
        first, so a file that repeats an answer on purpose keeps the extra copies.
        """
        if timed:
            self.conn.execute(QUERIES["stored timed"], [class_id])
        if untimed:
            self.conn.execute(QUERIES["stored untimed"], [class_id])
        marked: list[tuple[int]] = []
        count, key, taken = 0, None, 0
        for n, copies, *row_key in self.conn.execute(QUERIES["matches"]):
            if row_key != key:
                key, taken = row_key, 0
            if taken < copies:
                taken += 1
                marked.append((n,))
                if len(marked) >= BATCH:
                    count += self._mark(marked)
        return count + self._mark(marked)

    def _mark(self, marked: list[tuple[int]]) -> int:
        self.conn.executemany(f"UPDATE {ROWS} SET dup = 1 WHERE n = ?", marked)
        count = len(marked)
        marked.clear()
        return count

    def store(self, students: int, progress: Callable[[float], None] | None = None) -> int:
        """Copy the answers not marked as duplicates into ``responses``, each student's in position order when
        sorting (else in file order); returns how many. ``students``: how many student codes the rows use;
        ``progress(fraction)`` follows the copy."""
        query, end = (QUERIES["store sorted"], students) if self.sort else (QUERIES["store in file order"], self.rows)
        step = max(1, math.ceil(end / STORE_STEPS))
        stored = 0
        for start in range(0, end, step):
            stored += self.conn.execute(query, [start, start + step]).rowcount
            if progress:
                progress(min(1.0, (start + step) / end))
        return stored

    def restore_cache(self) -> None:
        """Give the page cache back the size it had."""
        self.conn.execute(f"PRAGMA cache_size = {int(self._cache)}")

    def drop(self) -> None:
        """Drop the scratch tables (before the transaction commits, so they are never stored)."""
        self.conn.execute(f"DROP TABLE IF EXISTS {ROWS}")
        self.conn.execute(f"DROP TABLE IF EXISTS {STORED}")

