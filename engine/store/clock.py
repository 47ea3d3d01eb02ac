"""Times in the store: ISO 8601 strings in UTC, second precision ("2026-03-02T09:15:00+00:00").

One format everywhere means text order is time order, so SQL can sort by it.
"""
from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def local_date(stored: str) -> str:
    """The day (YYYY-MM-DD) a stored time falls on in this computer's time zone, as a teacher reads a date
    (review 35a: 08:00 in Beijing is midnight UTC, so the stored text's first ten characters said yesterday).

    >>> local_date("not a time")
    'not a time'
    """
    try:
        return datetime.fromisoformat(to_utc_iso(stored)).astimezone().date().isoformat()
    except ValueError:
        return stored[:10]


def to_utc_iso(value: datetime | str | None = None) -> str:
    """Normalise a time (aware or naive datetime, ISO text, or None for now) to the store's format.

    Naive times are taken as UTC. Raises ValueError for text that is not an ISO time.
    """
    if value is None:
        moment = utc_now()
    elif isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()
