"""The order in which a multiple-choice question's choices are shown, and the letters printed before them.

Exercises are written with the right answer wherever the author put it (in the starter pack, mostly
first), so showing the choices as stored would teach children that "A" is usually right. Each
child sees each exercise's choices in their own shuffled order, the same every time: on the practice
screen and on their printed worksheet alike (:func:`student_owner`). A paper quiz is one copy for
the whole class, so its order is the quiz's own (:func:`quiz_owner`); its answer key uses the same
order, and a letter the teacher types into the quiz grid is read through it (:func:`choice_for_letter`).
"""
from __future__ import annotations

import hashlib
import json
import random
import unicodedata
from dataclasses import replace
from typing import Any, Sequence

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def student_owner(student_id: Any) -> str:
    """Whose order: a child's (practice screen and worksheets share it)."""
    return f"student:{student_id}"  # a store id (12) and the model's key for it ("12") name the same child


def quiz_owner(quiz_id: Any) -> str:
    """Whose order: a printed quiz's (one copy for the class, its answer key and its marking)."""
    return f"quiz:{quiz_id}"


def choice_positions(count: int, owner: str, exercise_id: Any) -> list[int]:
    """The stored positions of ``count`` choices in the order ``owner`` sees them (reproducible, no global state)."""
    seed = int.from_bytes(hashlib.sha256(f"choices:{owner}:{exercise_id}".encode()).digest()[:8], "big")
    positions = list(range(count))
    random.Random(seed).shuffle(positions)
    return positions


def ordered_choices(choices: Sequence[str], owner: str, exercise_id: Any) -> tuple[str, ...]:
    """``choices`` in the order ``owner`` sees them."""
    return tuple(choices[i] for i in choice_positions(len(choices), owner, exercise_id))


def typed_letter(typed: str, shown: Sequence[str]) -> str | None:
    """The letter typed ("B", "b", "(b)", "B." or a full-width "Ｂ") for a choice on a sheet showing ``shown``, upper
    case; None when the text is no single letter, or the choices are letters themselves (the text is then the answer)."""
    text = unicodedata.normalize("NFKC", typed).strip().strip("().").strip().upper()
    if len(text) != 1 or text not in LETTERS or any(text == choice.strip().upper() for choice in shown):
        return None
    return text


def choice_for_letter(typed: str, shown: Sequence[str]) -> str | None:
    """The choice a letter names (see :func:`typed_letter`) on a sheet showing ``shown``; None if it is no letter there."""
    letter = typed_letter(typed, shown)
    return shown[LETTERS.index(letter)] if letter is not None and letter in LETTERS[: len(shown)] else None


def letter_of(choice: str | None, shown: Sequence[str]) -> str | None:
    """The letter ``choice`` has on a sheet showing ``shown`` (the inverse of :func:`choice_for_letter`); None when it
    is not one of them."""
    shown = list(shown)
    return LETTERS[shown.index(choice)] if choice in shown and shown.index(choice) < len(LETTERS) else None


def with_shown_choices(exercise: Any, owner: str, exercise_id: Any = None) -> Any:
    """An exercise record (``engine.store.records.Exercise``) with its choices in ``owner``'s order (of the exercise's
    own id, or of ``exercise_id``: the id it had where its paper was printed)."""
    if not getattr(exercise, "choices", ()):
        return exercise
    return replace(exercise, choices=ordered_choices(exercise.choices, owner, exercise.id if exercise_id is None else exercise_id))


def paper_order(quiz_id: Any, paper: str | None) -> tuple[str, dict[str, Any]]:
    """The owner whose order a quiz's choices were printed in, and its exercises' ids there by their id here: the
    quiz's own, or (``paper``, the quiz's stored JSON ``{"owner": ..., "exercises": {id here: id there}}``) the
    laptop's it was printed on."""
    try:
        kept = json.loads(paper) if paper else None
    except ValueError:
        kept = None
    if not isinstance(kept, dict) or not isinstance(kept.get("owner"), str) or not isinstance(kept.get("exercises"), dict):
        return quiz_owner(quiz_id), {}
    return kept["owner"], kept["exercises"]


def printed_as(quiz_id: Any, paper: str | None, exercise_id: Any) -> tuple[str, Any]:
    """The owner and exercise id whose order a quiz's exercise was printed in (see :func:`paper_order`)."""
    owner, ids = paper_order(quiz_id, paper)
    return owner, ids.get(str(exercise_id), exercise_id)


def quiz_paper(exercises: Sequence[Any], quiz_id: Any, paper: str | None = None) -> list[Any]:
    """A quiz's exercises as printed (and as its key shows them): choices in the quiz's order (``paper``: see
    :func:`paper_order`)."""
    owner, ids = paper_order(quiz_id, paper)
    return [with_shown_choices(e, owner, ids.get(str(e.id), e.id)) for e in exercises]
