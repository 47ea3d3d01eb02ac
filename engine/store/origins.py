"""Where a child taken from a backup came from: the id and moment added they had in each data they passed through.

A class added from a backup gives its children new ids here (:mod:`engine.store.class_transfer`). The setting
:data:`STUDENT_ORIGINS_SETTING` keeps, for each, the [id, moment added] they had in the file, and
the file's own origins of them after it: a class handed from laptop A to B and back to A is still known on A as the
child A deleted (review 51b).

>>> lineage({"7": [3, "2026-09-01T08:00:00+00:00"]}, 7)
[(3, '2026-09-01T08:00:00+00:00')]
>>> lineage({"7": [[3, "2026-12-01T10:00:00+00:00"], [12, "2026-09-01T08:00:00+00:00"]]}, 7)[-1]
(12, '2026-09-01T08:00:00+00:00')
"""
from __future__ import annotations

import json
from typing import Any

Origin = tuple[int, str]
STUDENT_ORIGINS_SETTING = "student_origins"
"""{id here: [[id, when added], ...] in the backup it came from and before} of the children a class taken from a backup
brought: deleting one puts them on the deleted list, so no file holding the child can bring them back (review 50c)."""


def _origin(value: Any) -> Origin | None:
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], str):
        return value[0], value[1]
    return None


MAX_LINEAGE = 16
"""The data a child's lineage names at most (review 51d: a changed backup's lineages of 20,000 made the deleted list
grow by as many, and "Deleted children" took 35 s)."""


def lineage(origins: Any, student_id: int) -> list[Origin]:
    """The [id, moment added] a child had in the data they came through, the nearest first ([] for a child added here;
    at most :data:`MAX_LINEAGE`).

    ``origins`` is the setting's value; a single pair (as session 50 wrote it) is a lineage of one."""
    value = origins.get(str(student_id)) if isinstance(origins, dict) else None
    single = _origin(value)
    if single is not None:
        return [single]
    pairs = [pair for item in value[:MAX_LINEAGE] if (pair := _origin(item)) is not None] if isinstance(value, list) else []
    return [(number, added[:40]) for number, added in pairs]


def setting_in(db: Any, key: str) -> Any:
    """A setting's value as read straight from a database file (a backup's), None when absent or unreadable."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    try:
        return json.loads(row[0]) if row else None
    except (TypeError, ValueError):
        return None


def joined_here(origins: Any, student_id: int, created: str) -> str:
    """When a child joined their class: the moment added in the first data they were in, for a child taken from a
    backup (review 51b: added "now", every quiz of the class read "joined the class after this quiz")."""
    chain = lineage(origins, student_id)
    return chain[-1][1] if chain else created
