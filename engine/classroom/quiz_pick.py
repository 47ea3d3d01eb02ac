"""The first paper quiz of a class with no answers yet: easier exercises spread over the first skills.

With no answer there is nothing to tell the children apart, so every child's next
steps are the same first exercises of the first skill, and a pick "per skill the
class is working on" gave a two-question quiz. Instead the quiz starts where the
curriculum starts: the first skills in prerequisite order (or the skills the teacher
chose), each with its easiest exercises that can be done on paper.
"""
from __future__ import annotations

import math
from typing import Any, Iterable, Mapping, Sequence

from engine.classroom.grading import AUTO_GRADED
from engine.classroom.ids import ExerciseId
from engine.graph import prerequisite_order

START_SKILLS = 5
"""How many skills a first quiz covers when the teacher chose none (2 per skill: a 10-question quiz)."""
WORKED_ON_SHARE = 0.2
"""A later quiz covers the skills at least this share of the children are working on (see :func:`most_worked_on`)."""


def most_worked_on(skills: Sequence[str], children: Mapping[str, int], pool: int) -> list[str]:
    """The skills a quiz for ``pool`` children covers, from ``skills`` ranked by ``children`` (how many of them have
    the skill among their next steps), most first.

    Those that at least :data:`WORKED_ON_SHARE` of the children (and two of them) work on, and never fewer than :data:`START_SKILLS`
    (the most worked on) when more are named: a skill only a child or two still has to finish is theirs to practise,
    not a question for the whole class.

    >>> most_worked_on(["a", "b", "c", "d", "e", "f", "g"], {"a": 15, "b": 13, "c": 12, "d": 10, "e": 6, "f": 6, "g": 1}, 30)
    ['a', 'b', 'c', 'd', 'e', 'f']
    >>> most_worked_on(["a", "b"], {"a": 3, "b": 1}, 30)
    ['a', 'b']
    >>> most_worked_on(list("abcdefg"), dict(zip("abcdefg", [3, 3, 2, 2, 1, 1, 1])), 3)
    ['a', 'b', 'c', 'd', 'e']
    """
    enough = max(min(2, pool), math.ceil(WORKED_ON_SHARE * pool))  # a group of 3 too: two of them, not one
    return [s for n, s in enumerate(skills) if n < START_SKILLS or children[s] >= enough]


def starting_skills(store: Any, skills: Iterable[str] | None = None) -> list[str]:
    """The chosen ``skills`` (default: the bank's first :data:`START_SKILLS`) in curriculum order, each with an exercise."""
    order = prerequisite_order(store.skill_prerequisites())
    with_exercises = {skill for exercise in store.list_exercises() for skill in exercise.skills}
    order = [s for s in order if s in with_exercises]
    if skills is None:
        return order[:START_SKILLS]
    wanted = set(skills)
    return [s for s in order if s in wanted]


def starting_pick(store: Any, per_skill: int, skills: Iterable[str] | None = None) -> list[ExerciseId]:
    """``per_skill`` easiest exercises of each starting skill (see :func:`starting_skills`), no question twice.

    Easiest: exercises whose main skill it is first, then the ones a child does on paper
    alone and the laptop can mark, then the lowest printed difficulty, then the bank's order.
    """
    exercises = store.list_exercises()
    chosen: list[ExerciseId] = []
    asked: set[str] = set()
    for skill in starting_skills(store, skills):
        mine = sorted((e for e in exercises if skill in e.skills and not e.untitled), key=lambda e: (
            e.skills[0] != skill, not getattr(e, "on_paper", True), e.kind not in AUTO_GRADED,
            e.difficulty if e.difficulty is not None else float("inf"), e.id))
        taken = 0
        for exercise in mine:
            if taken == per_skill:
                break
            text = " ".join(exercise.prompt.split()).casefold()
            if exercise.id in chosen or text in asked:
                continue
            chosen.append(ExerciseId(exercise.id))
            asked.add(text)
            taken += 1
    return chosen
