"""Week-by-week progress in one pass gives exactly the figures of recomputing mastery at every week.

The reference below is ``student_progress`` as it was before the one-pass version:
at each week's end it rebuilt every skill's answers from the start and worked out
the full :func:`student_mastery` (with bands). The new version keeps the scores per
skill up to date answer by answer and takes only the two figures progress shows.
"""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from typing import Any

import numpy as np
import pytest

from engine.adapt.insights import _period_start, progress_over_time, student_progress
from engine.adapt.mastery import MASTERED, MasteryRule, answer_counts, mastery_summary, slip_aware_levels, student_mastery
from engine.bench.classroom import _histories
from engine.model.bkt import KnowledgeTracingModel
from engine.model.interface import Responses


def reference_student_progress(student, rows, periods, period, model, exercise_skills, rule):
    """The former implementation: the whole mastery recomputed from all answers at every period."""
    skills_of = dict(exercise_skills or {})
    skills = sorted({s for sk in skills_of.values() for s in sk})
    ordered = sorted(rows, key=lambda r: r[0])
    in_period = defaultdict(list)
    for row in ordered:
        in_period[_period_start(row[0], period)].append(row)
    first = _period_start(ordered[0][0], period)
    earlier = [r for r in ordered if periods and _period_start(r[0], period) < periods[0]]
    items, scores = [r[1] for r in earlier], [r[2] for r in earlier]
    state: Any = model.adapt(items, scores) if earlier else None
    points = []
    for start in periods:
        if start < first:
            continue
        new = in_period.get(start, [])
        new_items, new_scores = [r[1] for r in new], [r[2] for r in new]
        items += new_items
        scores += new_scores
        state = model.adapt(items, scores) if state is None else (model.update(state, new_items, new_scores) if new else state)
        cells = student_mastery(model, state, skills, answer_counts(items, scores, skills_of), rule)
        share = sum(c.status == MASTERED for c in cells.values()) / len(skills)
        mean = sum(c.estimate for c in cells.values()) / len(skills)
        points.append((start, len(new_scores), share, mean))
    return points


def _real_shaped_class(students: int = 12, answers: int = 400, seed: int = 3):
    """The classroom benchmark's synthetic class (a year of answers), with some partial scores and two-skill exercises."""
    histories, _ = _histories(students, answers, None, seed)
    rng = random.Random(seed)
    start = datetime(2025, 9, 1, 8, tzinfo=timezone.utc)
    rows: dict[str, list[tuple[datetime, str, float]]] = {}
    bank: dict[str, tuple[str, ...]] = {}
    for n, history in enumerate(histories):
        step = timedelta(days=300) / len(history)
        for t, (item, skills, score) in enumerate(history):
            if item.endswith("7"):  # some exercises test two skills
                skills = (*skills, "skill-extra")
            if rng.random() < 0.1:
                score = rng.choice([0.25, 0.5, 0.3, 0.7])  # teacher marks may be partial
            bank[item] = tuple(skills)
            rows.setdefault(f"s{n}", []).append((start + step * t + timedelta(minutes=rng.randint(0, 600)), item, score))
    log = Responses(
        [s for s, r in rows.items() for _ in r], [i for r in rows.values() for _, i, _ in r],
        [bank[i] for r in rows.values() for _, i, _ in r], np.asarray([c for r in rows.values() for _, _, c in r], dtype=np.float32),
    )
    model = KnowledgeTracingModel()
    model.calibrate(log, bank)
    return rows, bank, model


class _EveryWeekInFull(KnowledgeTracingModel):
    """Knowledge tracing that does not let progress reuse unchanged skills' figures (as any other model)."""

    skill_figures_independent = False


@pytest.mark.parametrize("later_weeks_only,reuse", [(False, True), (True, True), (False, False)])
def test_one_pass_progress_equals_recomputing_every_week(later_weeks_only, reuse):
    rows, bank, model = _real_shaped_class()
    if not reuse:
        model.__class__ = _EveryWeekInFull
    rule = slip_aware_levels(MasteryRule(), model)
    assert rule.skill_levels, "the class should have skills with a lowered bar, so both kinds of bar are compared"
    weeks = sorted({_period_start(m, "week") for r in rows.values() for m, _, _ in r})
    if later_weeks_only:
        weeks = weeks[len(weeks) // 2:]  # the service recomputes only the latest weeks after a new answer
    compared = mastered_seen = 0
    for student, own_rows in rows.items():
        new = student_progress(student, own_rows, weeks, "week", model, bank, rule)
        old = reference_student_progress(student, own_rows, weeks, "week", model, bank, rule)
        assert [(p.period_start, p.answers, p.mastered_share, p.mean_mastery) for p in new] == old  # exactly equal
        compared += len(new)
        mastered_seen += sum(p.mastered_share > 0 for p in new)
    assert compared > 12 * 20 and mastered_seen > 0


def test_mastery_summary_equals_student_mastery_for_every_skill():
    rows, bank, model = _real_shaped_class(students=6, answers=300)
    rule = slip_aware_levels(MasteryRule(), model)
    skills = sorted({s for sk in bank.values() for s in sk})
    statuses = set()
    for own_rows in rows.values():
        items, scores = [i for _, i, _ in own_rows], [float(c) for _, _, c in own_rows]
        for cut in range(0, len(items) + 1, 37):
            state = model.adapt(items[:cut], scores[:cut])
            counts = answer_counts(items[:cut], scores[:cut], bank)
            cells = student_mastery(model, state, skills, counts, rule)
            mastered, own = mastery_summary(model, state, skills, {k: list(v.scores) for k, v in counts.items()}, rule)
            for skill in skills:
                assert mastered[skill] == (cells[skill].status == MASTERED)
                assert own[skill] == cells[skill].estimate  # the same float, not merely close
                statuses.add(cells[skill].status)
    assert MASTERED in statuses and len(statuses) >= 3


def test_progress_over_time_unchanged_for_the_class_points():
    rows, bank, model = _real_shaped_class(students=5, answers=200)
    rule = slip_aware_levels(MasteryRule(), model)
    flat = [(s, t, i, c) for s, r in rows.items() for t, i, c in r]
    log = Responses([s for s, *_ in flat], [i for _, _, i, _ in flat], [bank[i] for _, _, i, _ in flat],
                    np.asarray([c for *_, c in flat], dtype=np.float32))
    points = progress_over_time(log, [t for _, t, _, _ in flat], "week", model, bank, rule)
    weeks = sorted({_period_start(t, "week") for _, t, _, _ in flat})
    stored = defaultdict(list)  # the log keeps scores as float32, as the store's log does
    for (student, moment, item, _), score in zip(flat, log.correct):
        stored[student].append((moment, item, float(score)))
    for student in rows:
        mine = [(p.period_start, p.answers, p.mastered_share, p.mean_mastery) for p in points if p.student_id == student]
        assert mine == reference_student_progress(student, stored[student], weeks, "week", model, bank, rule)
    assert all(isinstance(p.period_start, date) for p in points)


def test_one_pass_progress_is_exact_when_exercises_were_retagged_after_calibration():
    """The weeks re-judge only the skills the week's answers touched: by the bank's skills (a week's counts) and by the
    tracer's own (its state). An exercise given another skill after calibration touches both, each in its own way."""
    rows, bank, model = _real_shaped_class(students=6, answers=300)
    rule = slip_aware_levels(MasteryRule(), model)
    skills = sorted({s for sk in bank.values() for s in sk})
    retagged = dict(bank)
    for n, item in enumerate(sorted(bank)[::5]):  # a fifth of the exercises now count for another skill in the bank
        retagged[item] = (skills[(skills.index(bank[item][0]) + 1 + n) % len(skills)],)
    assert any(set(retagged[i]) != set(model.items.get(i, ())) for i in retagged)
    weeks = sorted({_period_start(m, "week") for r in rows.values() for m, _, _ in r})
    for student, own_rows in rows.items():
        new = student_progress(student, own_rows, weeks, "week", model, retagged, rule)
        old = reference_student_progress(student, own_rows, weeks, "week", model, retagged, rule)
        assert [(p.period_start, p.answers, p.mastered_share, p.mean_mastery) for p in new] == old
