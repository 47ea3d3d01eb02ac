"""One typed notice of what an operation changed, so each screen refreshes only what it shows.

In the spirit of Anki's ``OpChanges``: every operation that writes returns
(or the desktop emits) a :class:`Changes`, and a screen asks ``changes.answers``
or ``changes.affects_figures()`` instead of comparing strings.

>>> (Changes(students=True) | Changes(answers=True)).affects_figures()
True
>>> Changes(settings=True).affects_figures()
False
"""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    """What was saved. ``everything`` after a restore or a folder change."""

    classes: bool = False
    students: bool = False
    groups: bool = False
    bank: bool = False
    answers: bool = False
    quizzes: bool = False
    model: bool = False
    settings: bool = False
    everything: bool = False

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def touches(self, *names: str) -> bool:
        """True when any of ``names`` (field names) changed, or everything did."""
        return self.everything or any(getattr(self, name) for name in names)

    def affects_figures(self) -> bool:
        """True when mastery, next steps and the dashboard may show something else."""
        return self.touches("students", "bank", "answers", "model", "classes")

    @classmethod
    def all(cls) -> "Changes":
        return cls(everything=True)
