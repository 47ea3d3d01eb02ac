"""Look at a store file without changing a byte of it (for ``doctor``).

``Store.open`` creates, migrates and switches journal modes: right for the
app, wrong for a check that must only read. :func:`inspect_store` opens the
file read-only and reports what it finds, damage included, as plain data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import LamplightError, StoreDamagedError
from engine.store.io_errors import explain, unreadable

COUNTED_TABLES = ("classes", "students", "exercises", "skills", "responses", "model_snapshots")


@dataclass
class StoreReport:
    """What a read-only look at a store file found. ``problem`` is None when it is sound."""

    path: Path
    size_bytes: int
    schema_version: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problem: LamplightError | None = None

    @property
    def damaged(self) -> bool:
        return isinstance(self.problem, StoreDamagedError)


def inspect_store(path: Path) -> StoreReport:
    """Read-only integrity check, schema version and row counts of the store file at ``path``."""
    from engine.security import encryption
    from engine.store.io_errors import RESTORE_HINT

    report = StoreReport(path, path.stat().st_size)
    if report.size_bytes == 0:
        report.problem = StoreDamagedError(f"The data file {path} is empty (0 bytes): it was cut short. {RESTORE_HINT}")
        return report
    try:
        conn = encryption.connect(path, readonly=True)
        try:
            report.schema_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                report.problem = StoreDamagedError(f"The data file {path} is damaged ({'; '.join(problems[:3])}). {RESTORE_HINT}")
                return report
            if report.schema_version == 0:
                report.problem = StoreDamagedError(f"The data file {path} holds no Lamplight data. {RESTORE_HINT}")
                return report
            report.counts = {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED_TABLES}
        finally:
            conn.close()
    except LamplightError as exc:
        report.problem = exc
    except UnicodeDecodeError:
        report.problem = unreadable(path)
    except Exception as exc:  # SQLite and OS errors are sorted by cause; anything else is a bug to see
        explained = explain(exc, path, "reading the data file")
        if explained is None:
            raise
        report.problem = explained
    return report
