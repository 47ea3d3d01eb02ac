"""Hold a class's lock from another thread, as a long calibration elsewhere does (for tests of waiting)."""
from __future__ import annotations

import threading

from engine.classroom import live


def hold_the_class(store, class_id, seconds: float = 60) -> tuple[threading.Event, threading.Thread]:
    """Start a thread that keeps the class's lock until the returned event is set (or ``seconds`` pass).

    Returns (release, thread): set ``release`` and join ``thread`` when the test is done with the hold.
    """
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with live.class_lock(store, class_id):
            holding.set()
            release.wait(seconds)

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert holding.wait(10), "the class's lock was not taken"
    return release, thread
