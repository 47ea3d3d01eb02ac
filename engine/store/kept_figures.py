"""Figures worked out from the data, kept with the data revision they were worked out at. Mixed into ``Store``.

Every write to the data file bumps one counter (triggers on every table, see
``migrations._v8_kept_figures``), whoever writes it. Figures kept under a mark
that holds that counter are therefore exactly the figures of the data as it is
while the counter has not moved; any change leaves them unused until they are
worked out and kept again. Keeping them does not bump the counter.
"""
from __future__ import annotations

import sqlite_utils

from engine.store.migrations import KEPT_FIGURES_TABLE


class KeptFiguresRepository:
    db: sqlite_utils.Database

    def data_revision(self) -> int:
        """A number that changes whenever anything in the data file is added, changed or removed."""
        return int(self.db.execute("SELECT value FROM revisions WHERE name = 'data'").fetchone()[0])

    def kept_figures(self, class_id: int, mark: str) -> bytes | None:
        """The figures kept for the class under exactly ``mark``, else None."""
        row = self.db.execute(f"SELECT figures FROM {KEPT_FIGURES_TABLE} WHERE class_id = ? AND mark = ?",
                              [class_id, mark]).fetchone()
        return None if row is None else bytes(row[0])

    def keeps_figures(self, class_id: int, mark: str) -> bool:
        """Whether figures are kept for the class under ``mark`` (without reading them)."""
        return self.db.execute(f"SELECT 1 FROM {KEPT_FIGURES_TABLE} WHERE class_id = ? AND mark = ?",
                               [class_id, mark]).fetchone() is not None

    def keep_figures(self, class_id: int, mark: str, figures: bytes) -> None:
        """Keep ``figures`` for the class under ``mark``, replacing what was kept (nothing if the class is gone)."""
        self.db.execute(f"INSERT OR REPLACE INTO {KEPT_FIGURES_TABLE} (class_id, mark, figures) "
                        "SELECT id, ?, ? FROM classes WHERE id = ?", [mark, figures, class_id])

    def forget_all_figures(self) -> None:
        """Drop every class's kept figures (a restored file's are worked out again, not trusted)."""
        self.db.execute(f"DELETE FROM {KEPT_FIGURES_TABLE}")

    def forget_figures(self, class_id: int) -> None:
        """Drop what is kept for the class: they name its children (deleting a child on request deletes them)."""
        self.db.execute(f"DELETE FROM {KEPT_FIGURES_TABLE} WHERE class_id = ?", [class_id])
