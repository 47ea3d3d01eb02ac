"""Times are stored in UTC and shown on the teacher's clock (review 35a: at 07:30 in Beijing the model page said
yesterday at the top and today in the list)."""
import time

import pytest

from engine.classroom.api import _when
from engine.store.clock import local_date


@pytest.fixture
def beijing(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_morning_in_beijing_is_today_not_yesterday(beijing):
    stored = "2026-12-05T23:30:00+00:00"  # 07:30 on the 6th in Beijing
    assert local_date(stored) == "2026-12-06"
    assert _when(stored) == "2026-12-06 07:30"  # a child's answer in the student page's history


def test_a_time_that_is_not_one_is_shown_as_it_is():
    assert local_date("never") == "never" and _when("never") == "never"
