"""The plain records the store returns (frozen dataclasses, no database handles inside).

Ids are integers except skill and template ids, which are short stable text
keys ("add-within-20") so that packs, response logs and the student model can
name them the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

EXERCISE_KINDS = ("multiple_choice", "numeric", "short_text", "teacher_marked")
RESPONSE_SOURCES = ("paper", "practice", "import")
_CHINESE_LAST = re.compile(r"[\u3400-\u9fff]$")  # a name ending in a Chinese character is written in Chinese



def right_answers(key: str) -> list[str]:
    """The right answers a short-text key holds: one, or several with ";" between them (a family of facts has two,
    "12 - 9 = 3; 12 - 3 = 9"); the "；" a Chinese input method types separates them too.

    >>> right_answers("12 - 9 = 3; 12 - 3 = 9"), right_answers("3:30；3时30分"), right_answers("triangle")
    (['12 - 9 = 3', '12 - 3 = 9'], ['3:30', '3时30分'], ['triangle'])
    """
    return [part.strip() for part in re.split(r"[;；]", key) if part.strip()] or [key]


STAND_IN_EXERCISE = ("Imported exercise {id}", "导入的练习 {id}")
"""The text an answers import gives an exercise the file only names by its id, in English and Chinese."""

@dataclass(frozen=True)
class ClassInfo:
    id: int
    name: str
    archived: bool
    created: str


@dataclass(frozen=True)
class Student:
    id: int
    class_id: int
    name: str
    external_id: str | None
    group_ids: tuple[int, ...] = ()
    twin_mark: str = ""
    """Set when another child of the class has the same name: her student number, else her place among them."""

    @property
    def label(self) -> str:
        """The name as screens and printouts show it: 张伟（2024004）beside another 张伟, Ana (2) beside another Ana, else
        the name (a Chinese name takes full-width brackets, as Chinese text does: review 41b)."""
        if not self.twin_mark:
            return self.name
        return f"{self.name}（{self.twin_mark}）" if _CHINESE_LAST.search(self.name) else f"{self.name} ({self.twin_mark})"


@dataclass(frozen=True)
class Group:
    id: int
    class_id: int
    name: str
    student_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    description: str = ""
    prerequisites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exercise:
    id: int
    key: str
    kind: str
    prompt: str
    answer: str
    choices: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    difficulty: float | None = None
    template_id: str | None = None
    params: dict[str, Any] | None = None

    @property
    def untitled(self) -> bool:
        """True while the exercise has only the stand-in text an answers import gave it ("Imported exercise OT-7"):
        nothing for a child to read, so it is never a next step, a worksheet item or a quiz pick (review 34e) until
        the teacher writes its question in the bank. Its answers count all the same."""
        return self.prompt in {words.format(id=self.key) for words in STAND_IN_EXERCISE}

    @property
    def on_paper(self) -> bool:
        """False for a task a child cannot do on a printed sheet alone (it needs the teacher or classroom
        materials: cards, counters, blocks); a pack marks it ``"params": {"on_paper": false}``."""
        return (self.params or {}).get(ON_PAPER) is not False


ON_PAPER = "on_paper"
"""The exercise parameter that keeps a task off printed worksheets (see :attr:`Exercise.on_paper`)."""


@dataclass(frozen=True)
class Quiz:
    id: int
    class_id: int
    title: str
    created: str
    exercise_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Response:
    id: int
    student_id: int
    exercise_id: int
    score: float
    time: str
    source: str
    answer: str | None = None
    quiz_id: int | None = None

    @property
    def correct(self) -> bool:
        """True for a fully right answer (score 1)."""
        return self.score >= 1.0


@dataclass(frozen=True)
class ModelSnapshot:
    id: int
    class_id: int | None
    created: str
    kind: str
    note: str
    metrics: dict[str, Any] = field(default_factory=dict)
    path: str | None = None
    has_weights: bool = False
    active: bool = False


@dataclass(frozen=True)
class BackupInfo:
    path: str
    created: str
    size_bytes: int
    reason: str
