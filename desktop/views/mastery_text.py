"""The engine's mastery words and next-step reasons in the app's language (one home for both screens).

The engine gives a status and a verdict per skill (``SkillMastery.verdict``)
and a next step's reason as coded parts (``NextStep.parts``); this turns them
into the words a teacher reads, in English or Chinese, so the dashboard, the
student page and the bars say the same thing about the same numbers.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from desktop.i18n import listing


class MasteryTexts(QObject):
    """Translated mastery words and reasons (a class context for lupdate)."""

    def verdict(self, verdict: str) -> str:
        """A skill's verdict in words that agree with its bar and the dashed mastered level."""
        return {
            "mastered": self.tr("mastered"),
            "learning": self.tr("learning"),
            "needs help": self.tr("needs help"),
            "not started": self.tr("no answers yet"),
            "not sure yet": self.tr("above the bar, not sure yet"),
            "too few answers": self.tr("too few answers to say"),
        }.get(verdict, verdict)

    def cell_verdict(self, cell: Any) -> str:
        """The words of :func:`engine.adapt.mastery.verdict_code` (the reports' too)."""
        from engine.adapt.mastery import verdict_code

        return self.verdict(verdict_code(cell))

    def help_reason(self, cell: Any, recent_wrong: int = 0) -> str:
        """Why a child is on the needs-help list, from that child's own answers on the skill (``recent_wrong``: listed
        because that many latest answers were all wrong, while the skill's status may still read "learning")."""
        reason = self.tr("{right:g} of {answered} answers right; about {estimate:.0%} chance of success from their own answers").format(
            right=cell.right, answered=cell.answered, estimate=cell.estimate
        )
        if recent_wrong:
            reason = self.tr("the last {count} answers wrong; {reason}").format(count=recent_wrong, reason=reason)
        return reason

    def step_why(self, step: Any, skill: str, needs_help: bool = False) -> str:
        """A next step's skill and why that skill now, without the record and the chance (a printed report's short
        line: review 42, three mastered skills' exercises and nothing said they were reviews).

        The words are :meth:`step_reason`'s."""
        why = [text for code, text in self._worded_parts(step, needs_help)
               if code not in ("record", "not_practised", "chance", "repeated") and text]
        return self.tr("{skill} — {why}").format(skill=skill, why=self.tr("; ").join(why)) if why else skill

    def step_reason(self, step: Any, needs_help: bool = False) -> str:
        """A next step's reason from the engine's coded parts (never empty: the engine always gives the why).

        After answers that went badly on the skill, or when the child needs help with it (``needs_help``: the
        dashboard lists them), the skill is one to keep practising (not "ready to learn") and a good chance on the
        exercise is said to be an easier one's (reviews 37a, 37c: "1 of last 5 right; ready to learn …; about 65%
        chance" beside the dashboard's "needs help, 39%" read as a contradiction).
        """
        text = self.tr("; ").join(part for _code, part in self._worded_parts(step, needs_help) if part)
        return text or str(getattr(step, "reason", ""))

    def _worded_parts(self, step: Any, needs_help: bool) -> list[tuple[str, str]]:
        """Each of the step's coded parts (its code, its words), worded for a skill still being learnt after a bad
        run (see :meth:`step_reason`)."""
        coded = [(part.code, dict(part.values)) for part in getattr(step, "parts", ())]
        record = next((values for code, values in coded if code == "record"), {})
        if needs_help or _share_right(record) < 0.5:
            run = "bad"
        else:
            run = "good" if int(record.get("answered") or 0) >= 3 and _share_right(record) >= 0.8 else ""
        return [(code, self._part(_worded(code, values, run), values)) for code, values in coded]

    def _part(self, code: str, values: dict[str, Any]) -> str:
        if "names" in values:  # a list of skills, joined as the app's language joins one
            values = {**values, "skills": listing(values["names"])}
        if code == "record" and values.get("answered") == 1:
            return self.tr("{skill}: {right} of 1 answer right").format(**values)
        if code == "placement" and not values.get("before", True):  # review 43: no skill before it to count as known
            return (self.tr("no answers yet, so this starts where the class has got to") if values.get("answers") == 0 else
                    self.tr("few answers yet, so this starts where the class has got to"))
        if code == "placement" and values.get("answers") == 0:  # review 26: "few answers yet" for a child with none
            return self.tr("no answers yet, so this starts where the class has got to: if it goes well, the skills before "
                           "it count as known")
        texts = {
            "record": self.tr("{skill}: {right} of last {answered} right"),
            "not_practised": self.tr("{skill}: not practised yet"),
            "general": self.tr("General practice"),
            "check": self.tr("review: {struggling} is not going well, so check this prerequisite"),
            "review": self.tr("review of a mastered skill, to keep it fresh"),
            "shown": self.tr("later skills went well, so this one is taken as known: a check that it holds"),
            "placement": self.tr("few answers yet, so this starts where the class has got to: if it goes well, the skills before it count as known"),
            "nearly": self.tr("going well: a few more right answers and it counts as mastered"),
            "asked_first": self.tr("{after} is not going well, so the skill just before it is checked first"),
            "needed_for": self.tr("needed for {skills}, which is not going well"),
            "needed_for_several": self.tr("needed for {skills}, which are not going well"),
            "stretch_missing": self.tr("a stretch: prerequisites not yet mastered: {skills}"),
            "stretch": self.tr("a stretch: not yet mastered"),
            "prerequisites_shown": self.tr("ready to learn: its prerequisites are taken as known, as later skills went well"),
            "secure": self.tr("ready to learn: its prerequisites are secure enough to build on"),
            "prerequisites_mastered": self.tr("ready to learn: its prerequisites are mastered"),
            "no_prerequisites": self.tr("ready to learn: it needs no other skill first"),
            "chance": self.tr("about {percent}% chance of success on this exercise"),  # review 34a: read as the skill's
            "prerequisites_shown_practising": self.tr("to keep practising: its prerequisites are taken as known, as later "
                                                      "skills went well"),
            "secure_practising": self.tr("to keep practising: its prerequisites are secure enough to build on"),
            "prerequisites_mastered_practising": self.tr("to keep practising: its prerequisites are mastered"),
            "no_prerequisites_practising": self.tr("to keep practising: it needs no other skill first"),
            "chance_easier": self.tr("an easier exercise of the skill: about {percent}% chance of success on it"),
            "repeated": self.tr("seen recently (no fresh exercise left)"),
        }
        template = texts.get(code)
        return template.format(**values) if template else ""


STILL_LEARNING = {"prerequisites_shown": "prerequisites_shown_practising", "secure": "secure_practising",
                  "prerequisites_mastered": "prerequisites_mastered_practising",
                  "no_prerequisites": "no_prerequisites_practising", "chance": "chance_easier"}
"""The words of a reason's parts after answers on the skill went mostly wrong (the chance's only when 50% or more)."""


NEARLY = dict.fromkeys(("prerequisites_shown", "secure", "prerequisites_mastered", "no_prerequisites"), "nearly")
"""The words of why a skill is ready when its latest answers went well (4 of 5, 3 of 3): not yet mastered, only not
sure yet (review 49d: "5 of last 5 right; ready to learn" read as wrong to a teacher)."""


def _worded(code: str, values: dict[str, Any], run: str) -> str:
    """The code whose words a part gets: :data:`NEARLY`'s after a good ``run`` of latest answers, :data:`STILL_LEARNING`'s
    after a bad one (a chance under 50% keeps its own), else its own."""
    if run == "good":
        return NEARLY.get(code, code)
    if run == "bad" and not (code == "chance" and float(values["percent"]) < 50):
        return STILL_LEARNING.get(code, code)
    return code


def _share_right(record: dict[str, Any]) -> float:
    """The share right of a "record" part's latest answers (1.0 without answers: nothing went badly)."""
    try:
        return float(record["right"]) / int(record["answered"]) if record.get("answered") else 1.0
    except (KeyError, TypeError, ValueError):
        return 1.0
