"""Write transactions that wait their turn instead of failing with "database is locked".

SQLite's plain ``BEGIN`` starts as a reader; when that reader later writes
while another connection has committed meanwhile, SQLite answers SQLITE_BUSY at
once (the busy timeout cannot help). ``BEGIN IMMEDIATE`` takes the write lock
up front, waiting up to the connection's busy timeout, so one Store per thread
(or per process) can write concurrently. Nested use becomes a savepoint.
"""
from __future__ import annotations

import contextlib
from typing import Iterator

import sqlite_utils


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Everything inside is one all-or-nothing write (a savepoint when already inside one)."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    else:
        try:
            db.conn.execute("COMMIT")
        except BaseException:
            db.rollback()
            raise
