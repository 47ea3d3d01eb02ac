"""The week-by-week chart writes as many dates under its x axis as fit without touching, and always the last."""
from __future__ import annotations

from datetime import date, timedelta

from desktop.i18n import day_and_month
from desktop.widgets.plot import LinePlot


def test_a_year_of_weeks_has_dates_that_do_not_run_together(app):
    """Review 38b: a year of weeks on the class dashboard read "23 Feb30 Mar4 May 8 Jun"."""
    plot = LinePlot()
    labels = [day_and_month(date(2026, 1, 5) + timedelta(weeks=w), "en") for w in range(45)]
    plot.set_data(labels, {"Class": [0.5] * len(labels)})
    plot.resize(420, 220)
    step = (420 - 60) / (len(labels) - 1)  # about the plot area's width over its weeks
    shown = plot.labelled(step)
    widest = max(plot.fontMetrics().horizontalAdvance(label) for label in labels)
    assert shown[0] == 0 and shown[-1] == len(labels) - 1 and len(shown) >= 4
    assert all((b - a) * step >= widest for a, b in zip(shown, shown[1:])), shown
    assert plot.labelled(100.0) == list(range(len(labels))), "far apart: every date"
