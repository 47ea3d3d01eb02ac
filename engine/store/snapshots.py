"""Settings and student-model snapshots (features 8, 9). Mixed into ``Store``.

A model snapshot holds a model's parameters as safetensors bytes (or the path
of a file with them), its kind, when it was made and its measured metrics. At
most one snapshot per class (or per "no class", for the shared model) is active.
"""
from __future__ import annotations

import json
from typing import Any, Mapping

import sqlite_utils

from engine.errors import LamplightError
from engine.store.clock import to_utc_iso
from engine.store.records import ModelSnapshot
from engine.store.transactions import write_transaction


def _setting_value(stored: Any) -> Any:
    """A stored setting's JSON value, or its text when another program wrote something else there."""
    try:
        return json.loads(stored)
    except (TypeError, ValueError):
        return stored


_COLUMNS = "id, class_id, created, kind, note, metrics, path, weights IS NOT NULL, active"


class SettingsRepository:
    db: sqlite_utils.Database

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A setting's value (any JSON value), or ``default`` when it was never set.

        A value that is not JSON (another program wrote it) comes back as its text: a damaged password setting
        still counts as a password, so the screens stay locked (review 38a: its error opened them all)."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else _setting_value(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Set a setting to any JSON-serialisable value (None deletes it)."""
        if value is None:
            self.db.execute("DELETE FROM settings WHERE key = ?", [key])
            return
        self.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, json.dumps(value, ensure_ascii=False)])

    def all_settings(self) -> dict[str, Any]:
        return {r[0]: _setting_value(r[1]) for r in self.db.execute("SELECT key, value FROM settings ORDER BY key")}


class SnapshotsRepository:
    db: sqlite_utils.Database

    def save_model_snapshot(
        self,
        kind: str,
        *,
        weights: bytes | None = None,
        path: str | None = None,
        class_id: int | None = None,
        metrics: Mapping[str, Any] | None = None,
        note: str = "",
        activate: bool = False,
    ) -> int:
        """Keep a model's parameters (safetensors bytes or a file path); optionally make it the active one."""
        if weights is None and path is None:
            raise LamplightError("A model snapshot needs its weights or the path of its file.")
        with write_transaction(self.db):
            snapshot_id = int(self.db.execute(
                "INSERT INTO model_snapshots (class_id, created, kind, note, metrics, path, weights, active) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                [class_id, to_utc_iso(), kind, note, json.dumps(dict(metrics or {})), path, weights],
            ).lastrowid)
            if activate:
                self.activate_model_snapshot(snapshot_id)
        return snapshot_id

    def activate_model_snapshot(self, snapshot_id: int) -> None:
        """Make this snapshot the one in use for its class (others of that class become inactive)."""
        snapshot = self.get_model_snapshot(snapshot_id)
        with write_transaction(self.db):
            self.db.execute("UPDATE model_snapshots SET active = 0 WHERE class_id IS ?", [snapshot.class_id])
            self.db.execute("UPDATE model_snapshots SET active = 1 WHERE id = ?", [snapshot_id])

    def deactivate_models(self, class_id: int | None) -> None:
        """Go back to the shipped model for this class."""
        self.db.execute("UPDATE model_snapshots SET active = 0 WHERE class_id IS ?", [class_id])

    def get_model_snapshot(self, snapshot_id: int) -> ModelSnapshot:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM model_snapshots WHERE id = ?", [snapshot_id]).fetchone()
        if row is None:
            raise LamplightError(f"There is no model snapshot with id {snapshot_id}.")
        return _snapshot(row)

    def list_model_snapshots(self, class_id: int | None = None, kind: str | None = None) -> list[ModelSnapshot]:
        """Snapshots of a class (None: the shared ones), newest first."""
        sql = f"SELECT {_COLUMNS} FROM model_snapshots WHERE class_id IS ?"
        params: list[Any] = [class_id]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        return [_snapshot(r) for r in self.db.execute(sql + " ORDER BY created DESC, id DESC", params)]

    def active_model_snapshot(self, class_id: int | None = None) -> ModelSnapshot | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM model_snapshots WHERE class_id IS ? AND active = 1", [class_id]).fetchone()
        return None if row is None else _snapshot(row)

    def model_snapshot_weights(self, snapshot_id: int) -> bytes | None:
        """The snapshot's safetensors bytes (None when it points to a file instead)."""
        row = self.db.execute("SELECT weights FROM model_snapshots WHERE id = ?", [snapshot_id]).fetchone()
        if row is None:
            raise LamplightError(f"There is no model snapshot with id {snapshot_id}.")
        return None if row[0] is None else bytes(row[0])

    def delete_model_snapshot(self, snapshot_id: int) -> None:
        self.db.execute("DELETE FROM model_snapshots WHERE id = ?", [snapshot_id])


def _snapshot(row: tuple) -> ModelSnapshot:
    return ModelSnapshot(
        id=row[0], class_id=row[1], created=row[2], kind=row[3], note=row[4],
        metrics=json.loads(row[5] or "{}"), path=row[6], has_weights=bool(row[7]), active=bool(row[8]),
    )
