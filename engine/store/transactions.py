"""Write transactions that wait their turn instead of failing with "database is locked".

SQLite's plain ``BEGIN`` starts as a reader; when that reader later writes
while another connection has committed meanwhile, SQLite answers SQLITE_BUSY at
once (the busy timeout cannot help). ``BEGIN IMMEDIATE`` takes the write lock
up front, waiting up to the connection's busy timeout, so one Store per thread
(or per process) can write concurrently. Nested use becomes a savepoint.
A full disk, a read-only file or a wait that ran out becomes a LamplightError
saying so (see ``engine.store.io_errors``); constraint errors pass unchanged.
"""
from __future__ import annotations

import contextlib
from typing import Iterator

import sqlite_utils

from engine.store.io_errors import explain, is_sqlite_error, translated


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Everything inside is one all-or-nothing write (a savepoint when already inside one)."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    with translated(doing="saving"):
        db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException as exc:
        _roll_back(db)
        explained = explain(exc, doing="saving") if is_sqlite_error(exc) else None
        if explained is None or explained is exc:
            raise
        raise explained from exc
    else:
        try:
            with translated(doing="saving"):
                db.conn.execute("COMMIT")
        except BaseException:
            _roll_back(db)
            raise


def _roll_back(db: sqlite_utils.Database) -> None:
    """Undo the open transaction; a connection that lost its disk cannot, and SQLite undoes it at the next open."""
    try:
        db.rollback()
    except Exception:  # the original error is the one to report
        pass
