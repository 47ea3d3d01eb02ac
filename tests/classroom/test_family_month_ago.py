"""What a family letter says the child knew a month ago."""
from __future__ import annotations

from datetime import date, timedelta

from engine.adapt.insights import ProgressPoint
from engine.classroom.family import known_before

CUTOFF = date(2026, 11, 5)  # a Thursday; its week began on Monday 2 November


def week(start: date, share: float) -> ProgressPoint:
    return ProgressPoint("7", start, 5, 0.6, share, 0.5)


def test_the_last_whole_week_before_the_cutoff_counts():
    points = [week(date(2026, 10, 19), 0.2), week(date(2026, 10, 26), 0.4), week(date(2026, 11, 2), 0.6)]
    assert known_before(points, CUTOFF, 10) == 4


def test_answers_begun_in_the_cutoff_s_week_are_not_nothing():
    """Review 32b: 4 answers older than a month, and the letter said "we had no answers from your child yet"."""
    points = [week(date(2026, 11, 2), 0.3), week(date(2026, 11, 9), 0.5)]
    assert known_before(points, CUTOFF, 10, answered_before=True) == 3
    assert known_before(points, CUTOFF, 10, answered_before=False) is None, "answers only after the cutoff: none then"
    assert known_before([week(CUTOFF + timedelta(days=4), 0.5)], CUTOFF, 10, answered_before=True) is None
