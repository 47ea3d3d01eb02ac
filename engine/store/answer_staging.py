"""A scratch table for a response log's answers, so an import of any size needs bounded memory (issue 14, item 9).

A log whose rows are not in each student's position order must be sorted
before its answers are stored, and a log imported into a class that already
has answers must be checked for answers already there. Both used to be done
with per-answer arrays in memory (hundreds of MB for a few million answers).
Here the answers go first into scratch tables and SQLite does the rest:

- the scratch tables live in a scratch file beside the store
  (:func:`scratch_schema`: ``lamplight.sqlite3.import-scratch-<pid>-<random>``,
  private, attached for the import and deleted after it; when the import runs inside a
  caller's transaction, where SQLite cannot attach, they live in the store file
  itself and are dropped before the commit);
- the memory used is the scratch file's page cache (:data:`CACHE_KIB`),
  whatever the number of answers; pages beyond it are written to the file;
- an encrypted store's scratch file is encrypted with the same key (SQLCipher
  gives an attached file the main file's key). SQLite's own temporary tables
  would not do: SQLCipher keeps them in memory, plain SQLite in unencrypted files;
- a failed or killed import leaves the store as it was: the answers reach
  the store's ``responses`` only inside the import's one transaction; a scratch
  file left by a killed process is deleted as the data next opens (or by a deletion, encryption, an import);
- every query reads the tables through an index in the order it needs, so no
  query sorts in a temporary B-tree (which would be memory again):
  :func:`queries` lists them and a test checks their plans.
"""
from __future__ import annotations

import contextlib
import glob
import math
import os
import secrets
import sqlite3
import sys
from pathlib import Path
from typing import Callable, Iterator

from engine.security.private_files import create_private_file
from engine.store.io_errors import translated

SCHEMA = "import_scratch"
SCRATCH_SUFFIX = ".import-scratch"
ROWS = "import_scratch_rows"
STORED = "import_scratch_stored"
CACHE_KIB = 64 * 1024
"""SQLite page cache of the scratch tables (the memory the import's database work may take)."""
BATCH = 5_000
STORE_STEPS = 20  # the final copy is done in this many slices, for the progress bar

_KEY = "student_id, exercise_id, kscore, kanswer, source, ktime"
_ON_KEY = " AND ".join(f"r.{c} = t.{c}" for c in _KEY.split(", "))
_R_KEY = ", ".join(f"r.{c}" for c in _KEY.split(", "))


def scratch_path(store_path: Path, token: str | None = None) -> Path:
    """A new scratch file's name for an import into the store file ``store_path``: unique to this process and
    import (``lamplight.sqlite3.import-scratch-<pid>-<random>``), so two imports never share one."""
    return store_path.with_name(f"{store_path.name}{SCRATCH_SUFFIX}-{os.getpid()}-{token or secrets.token_hex(4)}")


def scratch_files(store_path: Path) -> list[Path]:
    """The scratch files beside the store file ``store_path`` (of imports running now, or killed)."""
    return sorted(p for p in store_path.parent.glob(f"{glob.escape(store_path.name)}{SCRATCH_SUFFIX}-*")
                  if not p.name.endswith("-journal"))


@contextlib.contextmanager
def scratch_schema(conn: sqlite3.Connection, store_path: Path) -> Iterator[str]:
    """The schema to stage answers in: a new scratch file attached as :data:`SCHEMA` (deleted afterwards), or
    ``main`` (the store file) when ``conn`` is already in a transaction. Enter before the import's transaction."""
    if conn.in_transaction:
        yield "main"
        return
    remove_dead_scratch(store_path)
    path = scratch_path(store_path)
    with translated(path, "preparing the import"):
        create_private_file(path)  # private before any byte is written
        conn.execute(f"ATTACH DATABASE ? AS {SCHEMA}", [str(path)])
    try:
        with translated(path, "preparing the import"):
            conn.execute(f"PRAGMA {SCHEMA}.journal_mode = OFF")  # thrown away after the import: nothing to roll back
            conn.execute(f"PRAGMA {SCHEMA}.synchronous = OFF")
        yield SCHEMA
    finally:
        with contextlib.suppress(Exception):  # a connection that lost its disk: the error to report is the first one
            conn.execute(f"DETACH DATABASE {SCHEMA}")
        remove_scratch(path)


def remove_dead_scratch(store_path: Path) -> list[Path]:
    """Delete the scratch files killed imports left beside the store file ``store_path``; returns them. They hold a
    log's students and typed answers (plain when the store was), so the store's opening, a child's deletion and
    turning encryption on remove them too, not only the next import (review 36e)."""
    dead = [path for path in scratch_files(store_path) if _left_by_a_dead_import(path)]
    for path in dead:
        remove_scratch(path)
    return dead


def _left_by_a_dead_import(path: Path) -> bool:
    """True when the process that made scratch file ``path`` has ended (a killed import's leftover).

    On Windows a live import's file cannot be deleted anyway, so every one is tried.
    """
    try:
        pid = int(path.name.rsplit("-", 2)[-2])
    except (ValueError, IndexError):
        return False
    if pid == os.getpid():
        return False  # another import of this process, running now
    if sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive (another account's process) or unknown: leave it
    return False


def remove_scratch(path: Path) -> None:
    """Delete a scratch file and its journal, if there (never raises: a later import tries again)."""
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def queries(schema: str) -> dict[str, str]:
    """Every query on the scratch tables in ``schema``, by name."""
    rows, stored = f"{schema}.{ROWS}", f"{schema}.{STORED}"
    from_class = "FROM responses r JOIN students s ON s.id = r.student_id WHERE s.class_id = ? "
    copy = ("INSERT INTO responses (student_id, exercise_id, score, answer, time, source) "
            f"SELECT student_id, exercise_id, score, answer, time, source FROM {rows} ")
    return {
        "stored timed": f"INSERT INTO {stored} ({_KEY}, copies) SELECT r.student_id, r.exercise_id, round(r.score, 4), "
                        f"coalesce(r.answer, ''), r.source, r.time, 1 {from_class}ON CONFLICT DO UPDATE SET copies = copies + 1",
        "stored untimed": f"INSERT INTO {stored} ({_KEY}, copies) SELECT r.student_id, r.exercise_id, round(r.score, 4), "
                          f"coalesce(r.answer, ''), r.source, '', 1 {from_class}ON CONFLICT DO UPDATE SET copies = copies + 1",
        "matches": f"SELECT r.n, t.copies, {_R_KEY} FROM {stored} t JOIN {rows} r ON {_ON_KEY} ORDER BY {_R_KEY}, r.n",
        "store sorted": copy + "WHERE code >= ? AND code < ? AND NOT dup ORDER BY code, position, n",
        "store in file order": copy + "WHERE n >= ? AND n < ? AND NOT dup ORDER BY n",
    }


class AnswerStaging:
    """The scratch tables of one import, in ``schema`` (see :func:`scratch_schema`). Use inside the import's
    write transaction; at the end :meth:`drop` the tables (on failure the rollback or the scratch file's
    deletion removes them) and always :meth:`restore_cache`.

    ``sort``: store each student's answers in position order (the file is not);
    ``check_duplicates``: skip answers the class already has.
    """

    def __init__(self, conn: sqlite3.Connection, schema: str, sort: bool, check_duplicates: bool) -> None:
        self.conn, self.schema, self.sort, self.check_duplicates = conn, schema, sort, check_duplicates
        self.queries = queries(schema)
        self.drop()
        conn.execute(f"CREATE TABLE {schema}.{ROWS} (n INTEGER PRIMARY KEY, code INTEGER NOT NULL, "
                     "position REAL NOT NULL, student_id INTEGER NOT NULL, exercise_id INTEGER NOT NULL, "
                     "score REAL NOT NULL, answer TEXT, time TEXT NOT NULL, source TEXT NOT NULL, kscore REAL NOT NULL, "
                     "kanswer TEXT NOT NULL, ktime TEXT NOT NULL, dup INTEGER NOT NULL DEFAULT 0)")
        if sort:
            conn.execute(f"CREATE INDEX {schema}.{ROWS}_order ON {ROWS} (code, position, n)")
        if check_duplicates:
            conn.execute(f"CREATE INDEX {schema}.{ROWS}_key ON {ROWS} ({_KEY}, n)")
            conn.execute(f"CREATE TABLE {schema}.{STORED} (student_id INTEGER, exercise_id INTEGER, kscore REAL, "
                         f"kanswer TEXT, source TEXT, ktime TEXT, copies INTEGER NOT NULL, PRIMARY KEY ({_KEY})) WITHOUT ROWID")
        self.rows = 0
        self._cache = conn.execute(f"PRAGMA {schema}.cache_size").fetchone()[0]
        conn.execute(f"PRAGMA {schema}.cache_size = {-CACHE_KIB}")

    def add(self, batch: list[tuple]) -> None:
        """Stage a batch of answers and empty it.

        Each is (file order n, student's order code, position, student_id,
        exercise_id, score, answer or None, time stored, source, time given or None).
        """
        self.conn.executemany(
            f"INSERT INTO {self.schema}.{ROWS} (n, code, position, student_id, exercise_id, score, answer, time, "
            "source, kscore, kanswer, ktime) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, round(?6, 4), coalesce(?7, ''), coalesce(?10, ''))", batch)
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
            self.conn.execute(self.queries["stored timed"], [class_id])
        if untimed:
            self.conn.execute(self.queries["stored untimed"], [class_id])
        marked: list[tuple[int]] = []
        count, key, taken = 0, None, 0
        for n, copies, *row_key in self.conn.execute(self.queries["matches"]):
            if row_key != key:
                key, taken = row_key, 0
            if taken < copies:
                taken += 1
                marked.append((n,))
                if len(marked) >= BATCH:
                    count += self._mark(marked)
        return count + self._mark(marked)

    def _mark(self, marked: list[tuple[int]]) -> int:
        self.conn.executemany(f"UPDATE {self.schema}.{ROWS} SET dup = 1 WHERE n = ?", marked)
        count = len(marked)
        marked.clear()
        return count

    def store(self, students: int, progress: Callable[[float], None] | None = None) -> int:
        """Copy the answers not marked as duplicates into ``responses``, each student's in position order when
        sorting (else in file order); returns how many. ``students``: how many student codes the rows use;
        ``progress(fraction)`` follows the copy."""
        if self.sort:
            query, end = self.queries["store sorted"], students
        else:
            query, end = self.queries["store in file order"], self.rows
        step = max(1, math.ceil(end / STORE_STEPS))
        stored = 0
        for start in range(0, end, step):
            stored += self.conn.execute(query, [start, start + step]).rowcount
            if progress:
                progress(min(1.0, (start + step) / end))
        return stored

    def restore_cache(self) -> None:
        """Give the page cache back the size it had."""
        self.conn.execute(f"PRAGMA {self.schema}.cache_size = {int(self._cache)}")

    def drop(self) -> None:
        """Drop the scratch tables when they are in the store file (before the transaction commits, so they are
        never stored); a scratch file is deleted whole afterwards."""
        if self.schema != "main":
            return
        self.conn.execute(f"DROP TABLE IF EXISTS {self.schema}.{ROWS}")
        self.conn.execute(f"DROP TABLE IF EXISTS {self.schema}.{STORED}")
