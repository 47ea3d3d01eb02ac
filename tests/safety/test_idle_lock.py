"""Idle lock and wrong-password waits, driven by a hand clock."""
from __future__ import annotations

from engine.security.idle import FREE_ATTEMPTS, FIRST_WAIT_SECONDS, IdleLock


class HandClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_locks_after_idle_time_and_input_postpones_it():
    clock = HandClock()
    lock = IdleLock(idle_seconds=60, clock=clock)
    clock.now += 59
    assert not lock.should_lock()
    lock.touch()
    clock.now += 59
    assert not lock.should_lock()
    clock.now += 1
    assert lock.should_lock() and lock.locked
    lock.touch()  # input while locked does not unlock
    assert lock.should_lock()
    assert lock.record_attempt(True) and not lock.locked


def test_zero_idle_time_never_locks_by_itself():
    clock = HandClock()
    lock = IdleLock(idle_seconds=0, clock=clock)
    clock.now += 10 ** 6
    assert not lock.should_lock()


def test_wrong_passwords_bring_growing_waits_and_guesses_during_a_wait_do_nothing():
    clock = HandClock()
    lock = IdleLock(clock=clock)
    lock.lock()
    for _ in range(FREE_ATTEMPTS - 1):
        assert not lock.record_attempt(False)
        assert lock.seconds_until_next_attempt() == 0
    assert not lock.record_attempt(False)
    assert lock.seconds_until_next_attempt() == FIRST_WAIT_SECONDS
    # even the right password is ignored during the wait
    assert not lock.record_attempt(True) and lock.locked
    clock.now += FIRST_WAIT_SECONDS
    assert not lock.record_attempt(False)
    assert lock.seconds_until_next_attempt() == 2 * FIRST_WAIT_SECONDS
    clock.now += 2 * FIRST_WAIT_SECONDS
    assert lock.record_attempt(True)
    assert not lock.locked and lock.failed_attempts == 0
