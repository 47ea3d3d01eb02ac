"""When the teacher screens lock themselves: after idle time, and after wrong passwords.

Pure policy with an injectable clock, so the desktop only has to call
:meth:`IdleLock.touch` on user input, poll :meth:`IdleLock.should_lock` from a
timer, and pass each typed password's check result to
:meth:`IdleLock.record_attempt`. Tests drive the clock by hand.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

DEFAULT_IDLE_SECONDS = 5 * 60
IDLE_SETTING = "idle_lock_minutes"  # the store setting of the app's idle lock (0: never)
MAX_IDLE_MINUTES = 240  # the longest idle time Settings offers
FREE_ATTEMPTS = 5          # wrong passwords allowed before waits start
FIRST_WAIT_SECONDS = 5.0   # then the wait doubles with each wrong password ...
MAX_WAIT_SECONDS = 300.0   # ... up to five minutes


@dataclass
class IdleLock:
    """Locks after ``idle_seconds`` without input; slows down password guessing.

    ``idle_seconds`` of 0 or less turns the idle lock off (wrong-password waits stay).
    """

    idle_seconds: float = DEFAULT_IDLE_SECONDS
    clock: Callable[[], float] = time.monotonic
    locked: bool = False
    failed_attempts: int = 0
    _last_input: float = field(default=0.0, init=False)
    _blocked_until: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        self._last_input = self.clock()

    def touch(self) -> None:
        """The teacher did something (key, click): restart the idle count."""
        if not self.locked:
            self._last_input = self.clock()

    def seconds_idle(self) -> float:
        return self.clock() - self._last_input

    def should_lock(self) -> bool:
        """True when the screens must lock now (idle too long); locks the policy as a side effect."""
        if not self.locked and self.idle_seconds > 0 and self.seconds_idle() >= self.idle_seconds:
            self.locked = True
        return self.locked

    def lock(self) -> None:
        """Lock at once (the teacher pressed "lock", or practice mode started)."""
        self.locked = True

    def seconds_until_next_attempt(self) -> float:
        """How long to wait before another password may be tried (0: now)."""
        return max(0.0, self._blocked_until - self.clock())

    def record_attempt(self, password_was_right: bool) -> bool:
        """Record one typed password; True when it unlocked.

        An attempt during a wait is ignored (returns False, counts nothing), so
        guessing fast gains nothing. A right one unlocks and clears the count.
        """
        if self.seconds_until_next_attempt() > 0:
            return False
        if password_was_right:
            self.locked = False
            self.failed_attempts = 0
            self._last_input = self.clock()
            return True
        self.failed_attempts += 1
        extra = self.failed_attempts - FREE_ATTEMPTS
        if extra >= 0:
            self._blocked_until = self.clock() + min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** extra)
        return False
