"""Personalised worksheets and the tables of student and class reports.

The desktop turns these into PDF; :func:`write_csv` writes any of the tables
as CSV (UTF-8 with a byte-order mark, so spreadsheet programs show Chinese
names correctly).
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from engine.adapt.insights import Group, HelpNeed, MasteryTable, next_skill
from engine.adapt.mastery import MASTERED, NEEDS_HELP, VERDICT_WORDS, MasteryRule, SkillMastery, shown_chance, verdict_code
from engine.adapt.recommend import NextStep
from engine.choices import ordered_choices, student_owner
from engine.csv_files import csv_text
from engine.errors import LamplightError
from engine.files import write_text

# (exercise id, predicted success, rng) -> (prompt, answer) of a fresh variant, or None if the
# exercise has no template. The service builds it from the store's exercise templates.
VariantMaker = Callable[[str, float, random.Random], "tuple[str, str] | None"]


_CHOICES = re.compile(r"  \(a\) (.*)$", re.S)
_NEXT_CHOICE = re.compile(r"   \([b-z]\) ")


def format_choices(prompt: str, choices: Sequence[str]) -> str:
    """A prompt with its choices written after it: ``"Which? (a) 1   (b) 2"`` (worksheet items and CSV)."""
    if not choices:
        return prompt
    return prompt + "  " + "   ".join(f"({chr(97 + i)}) {c}" for i, c in enumerate(choices))


def split_choices(text: str) -> tuple[str, tuple[str, ...]]:
    """The prompt and the choices of a text written by :func:`format_choices` (no choices: the text, ())."""
    found = _CHOICES.search(text)
    if not found:
        return text, ()
    return text[: found.start()], tuple(_NEXT_CHOICE.split(found.group(1)))


@dataclass(frozen=True)
class WorksheetItem:
    number: int
    exercise_id: str
    skill_id: str
    skill_name: str
    prompt: str
    answer: str
    reason: str
    fresh_variant: bool
    choices: tuple[str, ...] = ()
    """A multiple-choice item's choices in the order this child sees them (also written in ``prompt``)."""
    kind: str = ""
    """The exercise's kind ("short_text": ``answer`` may hold several right answers; "teacher_marked": a model answer)."""


@dataclass
class Worksheet:
    student_id: str
    student_name: str
    items: list[WorksheetItem]

    def answer_key(self) -> list[tuple[int, str]]:
        return [(item.number, item.answer) for item in self.items]


VARIANT_TRIES = 20
"""Fresh draws of a template before a worksheet gives up on a variant that repeats a question already on the sheet."""


def question_text(prompt: str) -> str:
    """A question's words for telling repeats apart: the stem without its choices, spaces and case ignored."""
    return " ".join(split_choices(prompt)[0].split()).casefold()


def build_worksheet(
    student_id: str,
    steps: Sequence[NextStep],
    content: Mapping[str, Mapping[str, Any]],
    student_name: str | None = None,
    skill_names: Mapping[str, str] | None = None,
    make_variant: VariantMaker | None = None,
    seed: int | str = 0,
    limit: int | None = None,
) -> Worksheet:
    """A worksheet from a student's next steps: at most ``limit`` items (default: one per step).

    ``content[exercise_id]`` holds at least ``prompt`` (and ``answer``; ``on_paper``: False for a
    task that needs the teacher or classroom materials, which a paper sheet leaves out). When
    ``make_variant`` gives a fresh variant for an exercise (template exercises), the sheet uses
    it, so a reprinted sheet is not a copy of the last one; the variants are reproducible from
    ``seed`` and the student. No question appears twice on one sheet: a step whose question
    (as drawn, or as stored) is already there is passed over, so callers give spare steps.
    Choices come in the child's own order (:mod:`engine.choices`), as on their practice screen.
    """
    rng = random.Random(f"worksheet:{seed}:{student_id}")
    names = skill_names or {}
    drawn_items: list[tuple[NextStep, tuple[str, tuple[str, ...]], str, bool, str]] = []
    asked: set[str] = set()
    for step in steps:
        entry = content.get(step.exercise_id)
        if entry is None:
            raise LamplightError(f"exercise {step.exercise_id!r} is in the next steps but not in the exercise bank")
        if entry.get("on_paper") is False or entry.get("untitled"):
            continue
        drawn = _fresh_question(step, entry, make_variant, rng, asked)
        if drawn is None:
            continue
        (stem, choices), answer, fresh = drawn
        asked.add(question_text(stem))
        drawn_items.append((step, (stem, choices), answer, fresh, str(entry.get("kind", ""))))
    items: list[WorksheetItem] = []
    for step, (stem, choices), answer, fresh, kind in _varied(drawn_items, limit):
        choices = ordered_choices(choices, student_owner(student_id), step.exercise_id) if choices else ()
        items.append(
            WorksheetItem(len(items) + 1, step.exercise_id, step.skill_id, names.get(step.skill_id, step.skill_id),
                          format_choices(stem, choices), answer, step.reason, fresh, choices, kind)
        )
    return Worksheet(student_id, student_name or student_id, items)


SAME_STORY_AT_MOST = 2
"""Questions of one wording (numbers aside) a sheet takes before others, when it has others: review 38b, four of eight
were "N pencils are shared equally between M children"."""
STORY_WORDS = 4
"""Wordings of at least this many words (Chinese: characters) count as one story; number facts ("7 × 8 = ?", no word)
may fill a sheet."""


def _varied(drawn: list, limit: int | None) -> list:
    """The first ``limit`` of ``drawn`` in their order, but at most :data:`SAME_STORY_AT_MOST` of one story while
    other questions are left to take their place."""
    wanted = len(drawn) if limit is None else min(limit, len(drawn))
    stories: list[list[str]] = []  # each story's wordings met so far
    first, later = [], []
    for item in drawn:
        story = question_story(item[1][0])
        told = next((s for s in stories if same_story(s[0], story)), None)
        if told is None:
            stories.append([story])
        else:
            told.append(story)
        (later if told is not None and len(told) > SAME_STORY_AT_MOST else first).append(item)
    chosen = {id(item) for item in (first + later)[:wanted]}
    return [item for item in drawn if id(item) in chosen]


def question_story(stem: str) -> str:
    """A question's wording with its numbers taken out, in digits or Chinese numerals ('' for a short one, see
    :data:`STORY_WORDS`; review 38c: the Chinese "哪个分数与N/N相等？", one word between spaces, was never a story).

    >>> question_story("六个六个地数：6，12，18，下一个是？") == question_story("十个十个地数：10，20，30，下一个是？")
    True
    """
    wording = _CHINESE_NUMERAL.sub("#", re.sub(r"\d+(?:[.,/]\d+)*", "#", question_text(stem)))
    words = len(re.findall(r"[\u3400-\u9fff]", wording)) + len(re.findall(r"[^\W\d_\u3400-\u9fff]+", wording))
    return wording if words >= STORY_WORDS else ""


_CHINESE_NUMERAL = re.compile("[零〇一二两三四五六七八九十百千万]+")
SAME_STORY_SHARE = 0.75
"""Two wordings share this much of their words (Chinese: characters) and are one story: the same question with
another child's name in it (review 46: "Sofia packs … apples", then Mateo, then Omar, on one sheet)."""


def same_story(first: str, second: str) -> bool:
    """Whether two stories (:func:`question_story`) are one, names and numbers aside ('' is no story).

    >>> same_story(question_story("Sofia packs 3 bags with 4 apples in each. How many apples?"),
    ...            question_story("Omar packs 5 bags with 2 apples in each. How many apples?"))
    True
    >>> same_story(question_story("How many apples are there in all?"), question_story("How many pencils are left over?"))
    False
    """
    if not first or not second:
        return False
    a, b = _story_words(first), _story_words(second)
    return len(a & b) >= SAME_STORY_SHARE * len(a | b)


def _story_words(story: str) -> set[str]:
    return set(re.findall(r"[\u3400-\u9fff]|[^\W\d_\u3400-\u9fff]+", story))


def _fresh_question(
    step: NextStep, entry: Mapping[str, Any], make_variant: VariantMaker | None, rng: random.Random, asked: set[str]
) -> "tuple[tuple[str, tuple[str, ...]], str, bool] | None":
    """((stem, choices), answer, is a fresh variant) for a step, not already ``asked``; None when every try repeats one."""
    if make_variant:
        for _ in range(VARIANT_TRIES):
            variant = make_variant(step.exercise_id, step.p_success, rng)
            if variant is None:
                break
            if question_text(variant[0]) not in asked:
                return split_choices(variant[0]), variant[1], True
    stem = str(entry.get("prompt", ""))
    if question_text(stem) in asked:
        return None
    return (stem, tuple(entry.get("choices") or ())), str(entry.get("answer", "")), False


def student_report_rows(
    mastery: Mapping[str, SkillMastery], skill_names: Mapping[str, str] | None = None, order: Iterable[str] | None = None,
    words: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """One row per skill: status, chance of success with its band (in whole percent, as the screens show it),
    answers and right answers.

    The status is in the words the student page shows (:data:`VERDICT_WORDS`), and a skill with no
    answers has no figure, as on screen; ``words`` replaces them (the report in the teacher's language).
    """
    names = skill_names or {}
    shown_words = {**VERDICT_WORDS, **(words or {})}
    rows = []
    for skill in order or sorted(mastery):
        m = mastery[skill]
        answered = shown_chance(m) is not None
        rows.append(
            {
                "skill": names.get(skill, skill),
                "status": shown_words.get(verdict_code(m), verdict_code(m)),
                "chance_of_success": percent(m.estimate) if answered else "",
                "band_low": percent(m.low) if answered else "",
                "band_high": percent(m.high) if answered else "",
                "sure_mastered": percent(m.shown_sure) if answered else "",
                "answers": m.answered,
                "right": int(m.right) if float(m.right).is_integer() else round(m.right, 2),  # part marks: 2.5
            }
        )
    return rows


def whole_percent(share: float) -> int:
    """A share of marks in whole percent, halves rounded up as a teacher rounds by hand (review 44: 5 of 8 showed as
    62%, Python rounding halves to even).

    >>> [whole_percent(n / 8) for n in (1, 3, 5, 7)], whole_percent(2 / 3), whole_percent(0.285)
    ([13, 38, 63, 88], 67, 29)
    """
    return math.floor(share * 100 + 0.5 + 1e-9)


def percent(share: float) -> int:
    """A share 0..1 in whole percent, rounded as the screens' ``{:.0%}`` rounds it (0.875 -> 88)."""
    return int(f"{share:.0%}".rstrip("%"))


RECENT_WRONG = "{skill} (last {count} answers wrong)"
"""A skill listed as needing help for its latest answers all wrong, in a class report's "needs help with"."""


def class_report_rows(
    table: MasteryTable,
    answers: Mapping[str, tuple[int, float]],
    help_list: Sequence[HelpNeed] = (),
    prerequisites: Mapping[str, Sequence[str]] | None = None,
    student_names: Mapping[str, str] | None = None,
    skill_names: Mapping[str, str] | None = None,
    separator: str = "; ",
    recent_wrong: str = RECENT_WRONG,
) -> list[dict[str, Any]]:
    """One row per student: answers, share right (whole percent), skills mastered, skills needing help, next skill.

    ``answers[student] = (number of answers, total score)``. A skill listed only for its latest answers all wrong
    says so (``recent_wrong``: in the teacher's language), as the dashboard does: it may be mastered all the same
    (review 48a: "Shapes and perimeter" needed help in the CSV, was mastered ✓ in the PDF).
    """
    names = student_names or {}
    skills = skill_names or {}
    helps: dict[str, list[str]] = {}
    for need in help_list:
        name = skills.get(need.skill_id, need.skill_id)
        helps.setdefault(need.student_id, []).append(
            recent_wrong.format(skill=name, count=need.recent_wrong) if need.recent_wrong else name)
    rows = []
    for student in table.students:
        count, score = answers.get(student, (0, 0.0))
        cells = table.cells[student]
        upcoming = next_skill(cells, prerequisites or {})
        rows.append(
            {
                "student": names.get(student, student),
                "answers": count,
                "share_right": whole_percent(score / count) if count else "",
                "skills_mastered": sum(c.status == MASTERED for c in cells.values()),
                "skills_total": len(cells),
                "needs_help_with": separator.join(helps.get(student, [])),
                "next_skill": skills.get(upcoming, upcoming) if upcoming else "",
            }
        )
    return rows


def skill_summary_rows(table: MasteryTable, skill_names: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """One row per skill for the class: students mastered / needing help, mean chance of success (whole percent)."""
    names = skill_names or {}
    rows = []
    for skill in table.skills:
        cells = [table.cells[s][skill] for s in table.students]
        rows.append(
            {
                "skill": names.get(skill, skill),
                "students": len(cells),
                "mastered": sum(c.status == MASTERED for c in cells),
                "needs_help": sum(c.status == NEEDS_HELP for c in cells),
                "mean_chance_of_success": percent(sum(c.estimate for c in cells) / len(cells)) if cells else "",
            }
        )
    return rows


def group_rows(groups: Sequence[Group], left_out: Sequence[str], skill_names: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    names = skill_names or {}
    rows = [{"group": i + 1, "skill": names.get(g.skill_id, g.skill_id), "students": "; ".join(g.students)} for i, g in enumerate(groups)]
    if left_out:
        rows.append({"group": "", "skill": "", "students": "; ".join(left_out)})
    return rows


def worksheet_rows(sheet: Worksheet) -> list[dict[str, Any]]:
    return [asdict(item) for item in sheet.items]


def write_csv(rows: Sequence[Mapping[str, Any]], path: Path | str) -> Path:
    """Write rows (dicts) as CSV through the one CSV writer (no cell runs as a spreadsheet formula).

    The header is every key, in order of first appearance."""
    fields: list[str] = []
    for row in rows:
        for key in row:
            if key not in fields:
                fields.append(key)
    return write_text(path, csv_text([fields] + [[row.get(key, "") for key in fields] for row in rows]), "utf-8-sig")


def mastery_rule_text(rule: MasteryRule = MasteryRule()) -> str:
    """The mastery rule in words, printed at the foot of reports."""
    return rule.describe()


_TEACHER_NOTE = re.compile(r"\s*[(（]\s*(?:Teacher|老师)\s*[:：]\s*(.*?)\s*[)）]\s*$", re.S | re.I)


def teacher_note(prompt: str) -> tuple[str, str]:
    """(what the child reads, the note for the teacher) of a prompt ending "(Teacher: …)" / "（老师：…）".

    A task the teacher marks may end with how to mark it; children's sheets print the task
    without it, and the answer key prints the note where an answer would go.
    """
    found = _TEACHER_NOTE.search(prompt)
    if not found:
        return prompt, ""
    return prompt[: found.start()].rstrip(), found.group(1)
