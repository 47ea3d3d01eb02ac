"""Read a class from the store for the adapt service, and write back what it produces.

The thin layer between :class:`engine.store.Store` and the plain-data core:

* :func:`load_class`: a :class:`~engine.adapt.service.ClassData` for one class;
* :func:`template_variants`: fresh worksheet variants from the bank's templates;
* :func:`snapshot_saver`: keeps the previous model as a store snapshot before
  learning on the laptop adopts a new one (so the teacher can roll back).

Ids handed to the adapt core are text (store exercise and student ids as strings).
"""
from __future__ import annotations

import random
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from engine.adapt.reports import VariantMaker
from engine.adapt.service import ClassData

AUTO_GRADED = ("multiple_choice", "numeric", "short_text")


def load_class(store: Any, class_id: int, practice_only: bool = False) -> ClassData:
    """Everything the service needs about one class, read in a few queries.

    ``practice_only`` keeps only exercises the laptop can grade itself (for
    practice mode); answers on other exercises still count for mastery.
    """
    exercises = store.list_exercises()
    bank = {str(e.id): tuple(e.skills) for e in exercises if not practice_only or e.kind in AUTO_GRADED}
    skills = store.list_skills()
    log = store.class_log(class_id)
    return ClassData(
        class_id=str(class_id),
        students={str(s.id): s.name for s in store.list_students(class_id)},
        exercises=bank,
        prerequisites={s.id: list(s.prerequisites) for s in skills if s.prerequisites},
        skill_names={s.id: s.name for s in skills},
        responses=log,
        times=list(log.extra.get("time", [])) or None,
        content={
            str(e.id): {"prompt": e.prompt, "answer": e.answer, "choices": tuple(e.choices)}
            for e in exercises
            if str(e.id) in bank
        },
    )


def template_variants(store: Any) -> VariantMaker:
    """A worksheet variant maker: a fresh draw of the exercise's template at the exercise's level.

    Exercises without a template (or whose template is gone) return None, so
    the worksheet prints them as stored.
    """
    from engine.errors import LamplightError
    from engine.store.templates import generate

    cache: dict[str, Any] = {}

    def make(exercise_id: str, p_success: float, rng: random.Random) -> tuple[str, str] | None:
        try:
            exercise = store.get_exercise(int(exercise_id))
        except (LamplightError, ValueError):
            return None
        if not exercise.template_id:
            return None
        if exercise.template_id not in cache:
            try:
                cache[exercise.template_id] = store.get_template(exercise.template_id)
            except LamplightError:
                cache[exercise.template_id] = None
        template = cache[exercise.template_id]
        if template is None:
            return None
        level = int(round(exercise.difficulty)) if exercise.difficulty else 3
        variant = generate(template, min(max(level, 1), 5), rng)
        prompt = variant.prompt
        if variant.choices:
            prompt += "  " + "   ".join(f"({chr(97 + i)}) {c}" for i, c in enumerate(variant.choices))
        return prompt, variant.answer

    return make


def snapshot_saver(store: Any, class_id: int, folder: Path | str | None = None) -> Callable[[Any, str], int | None]:
    """``save(model, note)`` for :func:`engine.adapt.learning.improve_model`.

    Meta-learned models (``engine.model``) are written with the model
    package's safe format to ``folder`` (default: ``models`` beside the store
    file) and registered as a store snapshot of the class. Other models keep
    no parameters worth saving and return None.
    """
    target = Path(folder) if folder else Path(store.path).parent / "models"

    def save(model: Any, note: str) -> int | None:
        if not type(model).__module__.startswith("engine.model."):
            return None
        from engine.model.persistence import save_model

        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
        weights, _ = save_model(model, target / f"class-{class_id}-{stamp}")
        return int(store.save_model_snapshot("class", path=str(weights), class_id=class_id, note=note))

    return save
