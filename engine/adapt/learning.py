"""Learning on the laptop: improve the student model from the class's own answers.

:func:`improve_model` is meant to run in a background worker thread. It

1. holds out the last part (default 20%) of each student's answers,
2. measures how well the current model predicts them (log loss, accuracy),
3. trains a copy on the rest: the model package's ``fine_tune`` refines the
   class-calibrated model (meta-learned models: the class's difficulties and
   how much recent answers count, see :func:`engine.model.training.fine_tune`),
   otherwise a small search over the model's own tuning settings
   (``tuning_grid``, as in :class:`~engine.model.skill_model.SkillAbilityModel`)
   picks the best on an inner split,
4. adopts the copy only if it predicts the held-out answers better, after
   handing the previous model to ``save_snapshot`` so it can be rolled back,
5. returns a :class:`FitReport` with a plain-words summary for the teacher.

It never changes the model it was given; the caller swaps in
``report.model`` when ``report.adopted``. ``progress(fraction, message)`` and
``should_stop()`` are plain callables, so the GUI worker can forward them.
"""
from __future__ import annotations

import copy
import itertools
import math
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from engine.data import MIN_CHECKED_ANSWERS, split_holdout
from engine.model.interface import Responses

ProgressFn = Callable[[float, str], None]
StopFn = Callable[[], bool]


class Cancelled(Exception):
    """Raised inside the training when ``should_stop()`` says so."""


@dataclass
class FitScore:
    log_loss: float
    accuracy: float
    answers: int


@dataclass
class FitReport:
    """Outcome of one round of learning on the laptop."""

    adopted: bool
    cancelled: bool
    before: FitScore
    after: FitScore | None
    model: Any
    summary: str
    seconds: float


def score_model(model: Any, train: Responses, held_out: Responses) -> FitScore:
    """Log loss and accuracy of predicting each student's held-out answers from their training answers."""
    known = train.by_student()
    predicted, actual = [], []
    for student, (items, scores) in held_out.by_student().items():
        seen_items, seen_scores = known.get(student, ([], []))
        state = model.adapt(seen_items, seen_scores)
        predicted.extend(np.asarray(model.predict(state, items), dtype=float))
        actual.extend(scores)
    if not actual:
        return FitScore(float("nan"), float("nan"), 0)
    p = np.clip(np.array(predicted), 1e-6, 1 - 1e-6)
    y = np.array(actual)
    log_loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    accuracy = float(np.mean((p >= 0.5) == (y >= 0.5)))
    return FitScore(log_loss, accuracy, len(y))


def find_fine_tune(model: Any) -> Callable[..., Any] | None:
    """``fine_tune(model, history, progress, should_stop)`` for the meta-learned response model.

    Other models (knowledge tracing, the per-skill model, baselines) get None:
    they are trained by :func:`tune_settings`.
    """
    from engine.model.response import ResponseModel
    from engine.model.training import fine_tune

    return fine_tune if isinstance(model, ResponseModel) else None


def _calibrate(model: Any, history: Responses, bank: Mapping[str, Sequence[str]], should_stop: StopFn) -> None:
    """``model.calibrate(history, bank)``, stopped by ``should_stop()`` where the model can be: the meta-learned
    model checks at every step (review 45c: Cancel waited for this first fit of a year of answers to end)."""
    from engine.model.response import ResponseModel

    if isinstance(model, ResponseModel):
        model.calibrate(history, bank, should_stop=should_stop)
    else:
        model.calibrate(history, bank)


def _is_interruption(exc: BaseException) -> bool:
    """True for the model package's "stopped on request" exception."""
    try:
        from engine.model.training import Interrupted  # type: ignore[import-not-found]
    except ImportError:
        return False
    return isinstance(exc, Interrupted)


def tune_settings(model: Any, history: Responses, items: Mapping[str, Sequence[str]], progress: ProgressFn, should_stop: StopFn) -> Any:
    """Fallback training: pick the model's tuning settings that best predict the class's own answers.

    Works for models that list their settings in ``tuning_grid`` (a dict of
    attribute -> candidate values); other models are returned as they are.
    Uses an inner split of ``history`` so the caller's held-out answers stay unseen.
    """
    grid = getattr(model, "tuning_grid", None)
    if not grid:
        return model
    inner_train, inner_test = split_holdout(history)
    names = sorted(grid)
    combos = list(itertools.product(*(grid[n] for n in names)))
    best, best_loss = model, math.inf
    for n, values in enumerate(combos):
        if should_stop():
            raise Cancelled
        candidate = copy.deepcopy(model)
        for name, value in zip(names, values):
            setattr(candidate, name, value)
        candidate.calibrate(inner_train, dict(items))
        loss = score_model(candidate, inner_train, inner_test).log_loss
        if loss < best_loss:
            best, best_loss = candidate, loss
        progress(0.1 + 0.7 * (n + 1) / len(combos), f"Trying model settings {n + 1} of {len(combos)}")
    return best


def improve_model(
    responses: Responses,
    model: Any,
    items: Mapping[str, Sequence[str]] | None = None,
    progress: ProgressFn | None = None,
    should_stop: StopFn | None = None,
    save_snapshot: Callable[[Any, str], Any] | None = None,
    holdout_fraction: float = 0.2,
    fine_tune: Callable[..., Any] | None = None,
) -> FitReport:
    """Train on the class's answers; adopt the result only if it predicts held-out answers better.

    ``items`` is the class's bank (exercise -> skills; default: the skills in
    the log). ``save_snapshot(previous_model, note)`` is called before a new
    model is adopted (the store's model snapshot API), so the teacher can roll
    back. ``fine_tune`` defaults to the model package's, else :func:`tune_settings`.
    """
    began = time.perf_counter()
    progress = progress or (lambda fraction, message: None)
    should_stop = should_stop or (lambda: False)
    bank = {**responses.item_skills(), **{k: tuple(v) for k, v in (items or {}).items()}}
    train, held_out = split_holdout(responses, holdout_fraction)

    progress(0.0, "Checking how well the current model fits this class")
    before = FitScore(float("nan"), float("nan"), 0)
    trainer = fine_tune or find_fine_tune(model)
    try:
        current = copy.deepcopy(model)
        _calibrate(current, train, bank, should_stop)
        if should_stop():
            raise Cancelled
        before = score_model(current, train, held_out)
        if before.answers < MIN_CHECKED_ANSWERS:
            return FitReport(False, False, before, None, model, "Not enough answers yet to learn from this class.",
                             time.perf_counter() - began)
        progress(0.1, "Learning from this class's answers")
        if should_stop():
            raise Cancelled
        if trainer is not None:
            # Continue training the class-calibrated model: "after" differs from "before" only by it.
            candidate = copy.deepcopy(current)
            result = trainer(candidate, train, lambda f, m="": progress(0.1 + 0.7 * float(f), m or "Learning"), should_stop)
            candidate = result if result is not None else candidate
        else:
            candidate = tune_settings(copy.deepcopy(model), train, bank, progress, should_stop)
            candidate.calibrate(train, bank)
        if should_stop():
            raise Cancelled
        progress(0.85, "Checking the new model on answers it has not seen")
        after = score_model(candidate, train, held_out)
    except Exception as exc:
        if not isinstance(exc, Cancelled) and not _is_interruption(exc):
            raise
        return FitReport(False, True, before, None, model, "Cancelled: the model was not changed.", time.perf_counter() - began)

    adopted = after.log_loss < before.log_loss
    if adopted:
        settings = getattr(candidate, "settings", None)
        if settings is not None and hasattr(candidate, "name"):
            candidate.name = settings.algorithm  # learned on this class now, even if it started as the district model
        if save_snapshot is not None:
            save_snapshot(model, f"before learning from the class (held-out log loss {before.log_loss:.3f})")
        if trainer is None:
            candidate.calibrate(responses, bank)  # settings chosen; now use every answer
    progress(1.0, "Done")
    summary = _summary(before, after, adopted)
    return FitReport(adopted, False, before, after, candidate if adopted else model, summary, time.perf_counter() - began)


def _summary(before: FitScore, after: FitScore, adopted: bool) -> str:
    checked = f"(Checked on the latest {after.answers} answers, which it did not learn from.)"
    if adopted and round(after.accuracy * 100) > round(before.accuracy * 100):  # review 30a: "75%, it was 75% before"
        return f"The model now predicts {after.accuracy:.0%} of this class's answers correctly; it was {before.accuracy:.0%} before. {checked}"
    if adopted:
        return (
            f"The model predicts {after.accuracy:.0%} of this class's answers correctly ({before.accuracy:.0%} before), "
            f"and how sure it is now matches this class better. {checked}"
        )
    return (
        f"The model predicts {before.accuracy:.0%} of this class's answers correctly. Learning from the class did not "
        f"improve it this time ({after.accuracy:.0%}), so the current model is kept."
    )
