"""Next steps for one student, and the adaptive practice session.

Everything takes plain data: the student's answers in time order, the bank
as ``{exercise_id: (skill_id, ...)}``, the prerequisite graph as
``{skill_id: [prerequisite_skill_id, ...]}`` and a calibrated
:class:`engine.model.interface.StudentModel`.

How exercises are chosen (in this order of importance):

1. **Skills that are ready**: not yet mastered, with every prerequisite
   mastered (or secure enough to build on: practised ``secure_after`` times
   with at least ``secure_level`` chance of success, or shown by the child's
   success on a later skill, :func:`engine.adapt.mastery.built_on`).
   Exercises of mastered skills come next (review); exercises of skills
   whose prerequisites are missing come last.
2. **Coverage**: in a list of several exercises each ready skill gets one
   before any gets a second; foundations (earlier in prerequisite order) first.
3. **Desirable difficulty**: the exercise whose predicted chance of success is
   inside the target band (default 60%-85%), closest to its middle.
4. **Re-check foundations**: when a student keeps failing a skill whose
   prerequisites were judged mastered (``recheck_after`` answers and still
   "needs help"), one exercise of each prerequisite comes first, at most once
   every ``recheck_every`` answers: a lucky streak may have hidden a gap.
5. **No endless drilling**: after ``max_in_a_row`` exercises of one
   unmastered skill, other ready skills go first for a while.
6. **A child new to the class starts where the class is**: while she has
   fewer than ``placement_answers`` answers, the skills the class has got to
   (``placement``) come first, two exercises each. If they go well, the skills
   before them count as known (:func:`engine.adapt.mastery.built_on`); after a
   miss, the skills just before that one are asked about instead.
   Any child who misses a skill not yet met whose prerequisite she has not shown
   is asked about that prerequisite first (:func:`prerequisites_to_ask`): after
   a first multiplication quiz of ten that went badly, addition, not counting.
7. **No recent repeats**: an exercise among the last ``repeat_window``
   answers, or answered the same day (``lately``), comes back only when its
   skill group (ready / review / not ready) has no fresh exercise left, the
   least recent first.
"""
from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Collection, Mapping, Sequence

import numpy as np

from engine.graph import Prerequisites, all_skills, prerequisite_order, ready_skills
from engine.adapt.mastery import NEEDS_HELP, WENT_WELL_RIGHT, MasteryRule, SkillMastery, answer_counts, built_on, student_mastery

LEARN = "learn"
REVIEW = "review"
STRETCH = "stretch"
CHECK = "check"


@dataclass(frozen=True)
class NextStepConfig:
    """What a teacher can tune about next steps."""

    band: tuple[float, float] = (0.6, 0.85)
    """Target range of predicted success: likely but not certain."""
    repeat_window: int = 10
    """An exercise among the student's last this-many answers is not suggested again."""
    rule: MasteryRule = field(default_factory=MasteryRule)
    recheck_after: int = 4
    """After this many answers on a skill that still needs help, re-check its prerequisites..."""
    recheck_every: int = 10
    """...each at most once in this many answers."""
    secure_level: float = 0.6
    """A skill practised ``secure_after`` times with at least this chance of success is
    secure enough to build on (its dependents become ready) even before it is mastered..."""
    secure_after: int = 8
    """...(0 = only mastered skills unlock others)."""
    max_in_a_row: int = 8
    """After this many exercises of one unmastered skill in a row, other ready skills go
    first for a while (0 = never): practice does not get stuck on one skill."""
    interleave_window: int = 0
    """Among ready skills, the one least practised in the last this-many answers goes
    first (interleaved practice); 0 = foundations first, one skill at a time."""
    evidence_window: int = 0
    """Static models (that take a student's level as fixed) see only each skill's latest
    this-many answers, so a skill learned this week is not held down by last month's
    mistakes. Models that trace learning over time (they have ``update``) see everything.
    0 = everything for every model."""
    placement_answers: int = 8
    """A child with fewer answers than this is first asked about the skills her class has got to
    (``placement`` of :func:`plan_next_steps`), so a child who joins in March does not start at counting."""

    def __post_init__(self) -> None:
        low, high = self.band
        if not 0.0 <= low < high <= 1.0:
            raise ValueError(f"target band must satisfy 0 <= low < high <= 1, got {self.band}")
        if self.repeat_window < 0:
            raise ValueError("repeat_window must be 0 or more")


@dataclass(frozen=True)
class ReasonPart:
    """One piece of a next step's reason: a code a screen can translate, and its values.

    Codes: ``record`` (skill, right, answered), ``not_practised`` (skill),
    ``general``, ``check`` (struggling), ``review``, ``shown``, ``placement`` (answers; before: whether the skill has
    prerequisites), ``stretch_missing`` (skills), ``stretch``, ``prerequisites_shown``, ``secure``, ``prerequisites_mastered``,
    ``no_prerequisites``, ``chance`` (percent), ``repeated``, ``asked_first`` (after), ``needed_for`` and
    ``needed_for_several`` (skills: in English words; names: each skill's).
    """

    code: str
    values: tuple[tuple[str, Any], ...] = ()

    def get(self, name: str, default: Any = None) -> Any:
        return dict(self.values).get(name, default)


_REASON_TEXT = {
    "record": "{skill}: {right} of last {answered} right",
    "record_one": "{skill}: {right} of 1 answer right",
    "not_practised": "{skill}: not practised yet",
    "general": "General practice",
    "check": "review: {struggling} is not going well, so check this prerequisite",
    "review": "already mastered, review",
    "shown": "later skills went well, so this one is taken as known; a check that it holds",
    "placement": "few answers yet, so this starts where the class has got to; if it goes well, the skills before it count as known",
    "placement_first": "few answers yet, so this starts where the class has got to",
    "asked_first": "{after} is not going well, so the skill just before it is checked first",
    "needed_for": "needed for {skills}, which is not going well",
    "needed_for_several": "needed for {skills}, which are not going well",
    "stretch_missing": "prerequisites not yet mastered: {skills}",
    "stretch": "not yet mastered",
    "prerequisites_shown": "prerequisites taken as known: later skills went well",
    "secure": "prerequisites secure enough to build on",
    "prerequisites_mastered": "prerequisites mastered",
    "no_prerequisites": "no prerequisites",
    "chance": "about {percent}% chance of success on this exercise",
    "repeated": "seen recently (no fresh exercise left)",
}


def reason_text(parts: Sequence[ReasonPart]) -> str:
    """A reason's parts in English, joined by "; " (screens in other languages translate the codes)."""
    texts = []
    for part in parts:
        code = "record_one" if part.code == "record" and part.get("answered") == 1 else part.code
        code = "placement_first" if code == "placement" and not part.get("before", True) else code
        texts.append(_REASON_TEXT[code].format(**dict(part.values)))
    return "; ".join(texts)


@dataclass(frozen=True)
class NextStep:
    """One suggested exercise with the reason a teacher reads (``reason``; ``parts`` for translation)."""

    exercise_id: str
    skill_id: str
    p_success: float
    kind: str
    reason: str
    parts: tuple[ReasonPart, ...] = ()


@dataclass
class StudentPlan:
    """Next steps of one student plus the mastery they were derived from."""

    steps: list[NextStep]
    mastery: dict[str, SkillMastery]


def _skill_label(skill: str, skill_names: Mapping[str, str] | None) -> str:
    return (skill_names or {}).get(skill, skill)


def _latest_scores(
    skills: Collection[str], item_ids: Sequence[str], correct: Sequence[float], exercise_skills: Mapping[str, Sequence[str]],
    last: int = 5,
) -> dict[str, list[float]]:
    """Each of ``skills``' latest ``last`` scores in time order, from one pass back from the end (a year of answers:
    looked for once for all of a child's next steps, not once per step)."""
    found: dict[str, list[float]] = {skill: [] for skill in skills}
    wanting = len(found)
    for position in range(len(item_ids) - 1, -1, -1):
        if not wanting:
            break
        for skill in dict.fromkeys(exercise_skills.get(item_ids[position], ())):  # a skill listed twice counts once
            scores = found.get(skill)
            if scores is not None and len(scores) < last:
                scores.append(float(correct[position]))
                wanting -= len(scores) == last
    for scores in found.values():
        scores.reverse()
    return found


def _recent_record(skill: str, label: str, scores: Sequence[float]) -> ReasonPart:
    """What the child's latest answers on ``skill`` (``scores``, see :func:`_latest_scores`) were."""
    if not scores:
        return ReasonPart("not_practised", (("skill", label),))
    right = sum(scores)
    right_text = f"{right:.0f}" if abs(right - round(right)) < 1e-9 else f"{right:.1f}"
    return ReasonPart("record", (("skill", label), ("right", right_text), ("answered", len(scores))))


def recent_evidence(
    item_ids: Sequence[str], correct: Sequence[float], exercise_skills: Mapping[str, Sequence[str]], window: int
) -> tuple[list[str], list[float]]:
    """The answers among the latest ``window`` of at least one of their skills (all when ``window`` is 0)."""
    if window <= 0:
        return list(item_ids), [float(c) for c in correct]
    seen: dict[str, int] = {}
    keep = [False] * len(item_ids)
    for t in range(len(item_ids) - 1, -1, -1):
        skills = exercise_skills.get(item_ids[t], ()) or ("",)
        for skill in skills:
            seen[skill] = seen.get(skill, 0) + 1
            if seen[skill] <= window:
                keep[t] = True
    return [i for i, k in zip(item_ids, keep) if k], [float(c) for c, k in zip(correct, keep) if k]


def adapt_student(
    model: Any, item_ids: Sequence[str], correct: Sequence[float], exercise_skills: Mapping[str, Sequence[str]], window: int
) -> Any:
    """``model.adapt`` on the evidence the model should see (see ``NextStepConfig.evidence_window``)."""
    if hasattr(model, "update"):
        return model.adapt(list(item_ids), [float(c) for c in correct])
    return model.adapt(*recent_evidence(item_ids, correct, exercise_skills, window))


def plan_next_steps(
    model: Any,
    item_ids: Sequence[str],
    correct: Sequence[float],
    exercise_skills: Mapping[str, Sequence[str]],
    prerequisites: Prerequisites,
    k: int = 5,
    config: NextStepConfig = NextStepConfig(),
    skill_names: Mapping[str, str] | None = None,
    state: Any = None,
    mastery: Mapping[str, SkillMastery] | None = None,
    exclude: Collection[str] = (),
    placement: Collection[str] = (),
    variety: str = "",
    lately: Collection[str] = (),
) -> StudentPlan:
    """The ``k`` exercises a student should do next, and their mastery of every skill.

    ``item_ids``/``correct`` are the student's answers in time order (may be
    empty). ``state`` may pass an already adapted model state, and ``mastery`` its skill mastery, to save work.
    Exercises with no skills are treated as their own skill-less review. Exercises in ``exclude``
    are never chosen (their answers still count). ``placement``: the skills the student's class has got to
    (asked about first while she has fewer than ``config.placement_answers`` answers; see the module doc).
    ``variety``: a word of the student's own (her id) that orders exercises about as good as each other differently
    for each child, so that children side by side do not see the same questions in the same order (review 30a); ""
    orders them by id, the same for everyone. ``lately``: exercises she answered lately (the same day) though further
    back than the window (a quiz of 15 this morning): they wait behind fresh ones too, before the window's (review 51a).
    """
    if state is None:
        state = adapt_student(model, item_ids, correct, exercise_skills, config.evidence_window)
    skills = all_skills(prerequisites, (s for sk in exercise_skills.values() for s in sk))
    if mastery is None:
        mastery = student_mastery(model, state, skills, answer_counts(item_ids, correct, exercise_skills), config.rule)
    if k <= 0 or not exercise_skills:
        return StudentPlan([], mastery)

    mastered = {s for s, m in mastery.items() if m.mastered}
    secure = {
        s
        for s, m in mastery.items()
        if not m.mastered and config.secure_after and m.answered >= config.secure_after and m.estimate >= config.secure_level
    }
    shown = built_on(mastery, prerequisites)
    met = mastered | secure | shown
    placing = placement_targets(placement, prerequisites, mastery, met) if len(item_ids) < config.placement_answers else set()
    asked_first = {need: skill for need, skill in prerequisites_to_ask(prerequisites, mastery, met).items() if need not in placing}
    placing |= set(asked_first)
    ready = set(ready_skills(prerequisites, met, skills)) | placing
    ready |= {s for s in secure if ready_skills(prerequisites, met - {s}, [s])}
    resting = _resting_skill(item_ids, exercise_skills, mastered, config.max_in_a_row)
    rank = {s: i for i, s in enumerate(prerequisite_order(prerequisites, skills))}
    window = list(item_ids)[-config.repeat_window :] if config.repeat_window else []
    last_seen = {**{item: -0.5 for item in lately}, **{item: position for position, item in enumerate(window)}}

    # a prerequisite taken as known from later work is re-checked too: a lucky answer may have hidden a gap
    recheck = _prerequisites_to_recheck(mastery, ready, mastered | shown, prerequisites, item_ids, exercise_skills, config)

    exercises = sorted(e for e in exercise_skills if e not in exclude)
    if not exercises:
        return StudentPlan([], mastery)
    p_success = np.asarray(model.predict(state, exercises), dtype=float)
    if not np.isfinite(p_success).all():
        raise ValueError("the model gave a chance of success that is not a number")
    low, high = config.band
    middle = (low + high) / 2

    # How far each chance is from the band and from its middle, rounded as the ranking compares them (to 0.01 and
    # to whole percent): at once for the bank, not one numpy scalar at a time (a bank of thousands, a class of 60)
    off_band = np.where((p_success >= low) & (p_success <= high), 0.0,
                        np.minimum(np.abs(p_success - low), np.abs(p_success - high))).round(2).tolist()
    distance = np.abs(p_success - middle)
    from_middle = (np.rint(distance * 100).astype(np.int64) if variety else distance).tolist()

    candidates = []
    targets: dict[tuple[str, ...], tuple[str, str, int]] = {}  # the same few skill lists over a bank of thousands
    for exercise, p, off, mid in zip(exercises, p_success.tolist(), off_band, from_middle):
        ex_skills = tuple(exercise_skills[exercise])
        found = targets.get(ex_skills)
        if found is None:
            found = targets[ex_skills] = _target_skill(list(ex_skills), ready, met, mastery, rank)
        target, kind, tier = found
        if kind == REVIEW and target in recheck:
            kind, tier = CHECK, -1
        elif tier == 0 and target in placing:
            tier = -0.5
        elif tier == 0 and target == resting:
            tier = 0.5
        # A recent exercise only comes back when its tier has nothing fresh left; oldest first.
        staleness = last_seen.get(exercise, -1)
        candidates.append((tier, staleness, off, mid, exercise, target, kind, p))

    recent_load: dict[str, int] = {}
    for item in list(item_ids)[-config.interleave_window :] if config.interleave_window else []:
        for skill in exercise_skills.get(item, ()):
            recent_load[skill] = recent_load.get(skill, 0) + 1
    chosen: list[NextStep] = []
    picked: list[tuple] = []
    times_chosen: dict[str, int] = {}
    # The parts of each candidate's rank that do not change as steps are chosen, computed once.
    weakness = {target: _weakness(mastery, target) for target in {c[5] for c in candidates}}
    fixed = {
        id(c): ((recent_load.get(c[5], 0), rank.get(c[5], -1)) if c[0] in (-0.5, 0, 0.5) else (0, -weakness[c[5]]), c[2],
                c[3], _shuffled(variety, c[4]) if variety else c[4])
        for c in candidates
    }
    # Within one target skill (checks apart) every candidate has the same tier, so their order never changes as
    # steps are chosen: only each group's k best can ever be picked, in that order, and the next step is the best
    # of the groups' heads (the same choice as the best of all, far fewer comparisons: a bank of 2,400 exercises).
    groups: dict[tuple[str, bool], list[tuple]] = {}
    for c in candidates:
        groups.setdefault((c[5], c[6] == CHECK), []).append(c)
    queues = [heapq.nsmallest(k, group, key=lambda c: (c[0], c[1], *fixed[id(c)])) for group in groups.values()]
    while queues and len(picked) < k:
        queue = min(
            queues,
            key=lambda q: (
                1 if q[0][6] == CHECK and times_chosen.get(q[0][5]) else  # one check per prerequisite
                0 if q[0][0] == -0.5 and times_chosen.get(q[0][5], 0) >= WENT_WELL_RIGHT else q[0][0],  # two per placement skill
                q[0][1],
                times_chosen.get(q[0][5], 0),
                *fixed[id(q[0])],
            ),
        )
        best = queue.pop(0)
        if not queue:
            queues.remove(queue)
        picked.append(best)
        times_chosen[best[5]] = times_chosen.get(best[5], 0) + 1
    latest = _latest_scores({c[5] for c in picked if c[5]}, item_ids, correct, exercise_skills)
    needed_for: dict[str, list[str]] = {}  # review 49d: Division facts came "to keep practising", unsaid that Fractions
    for skill in sorted(mastery, key=lambda s: rank.get(s, 0)):  # basics, which needs help, is built on it
        if mastery[skill].status == NEEDS_HELP and skill not in mastered:
            for need in prerequisites.get(skill, ()):
                if need != skill:
                    needed_for.setdefault(need, []).append(skill)
    for _, staleness, _, _, exercise, target, kind, p in picked:
        parts = _reason(
            target, kind, p, len(item_ids), latest.get(target, ()), prerequisites, mastered, skill_names, staleness >= 0,
            recheck.get(target), secure, shown, placing, asked_first, needed_for.get(target, ())
        )
        chosen.append(NextStep(exercise, target, p, kind, reason_text(parts), parts))
    return StudentPlan(chosen, mastery)


def next_steps(
    model: Any,
    item_ids: Sequence[str],
    correct: Sequence[float],
    exercise_skills: Mapping[str, Sequence[str]],
    prerequisites: Prerequisites,
    k: int = 5,
    config: NextStepConfig = NextStepConfig(),
    skill_names: Mapping[str, str] | None = None,
) -> list[NextStep]:
    """The ``k`` exercises a student should do next, best first (see the module doc)."""
    return plan_next_steps(model, item_ids, correct, exercise_skills, prerequisites, k, config, skill_names).steps


def _prerequisites_to_recheck(
    mastery: Mapping[str, SkillMastery],
    ready: set[str],
    mastered: set[str],
    prerequisites: Prerequisites,
    item_ids: Sequence[str],
    exercise_skills: Mapping[str, Sequence[str]],
    config: NextStepConfig,
) -> dict[str, str]:
    """{mastered prerequisite: the struggling skill that needs it} for prerequisites due a check."""
    if config.recheck_after <= 0:
        return {}
    recent_skills = {s for item in list(item_ids)[-config.recheck_every :] for s in exercise_skills.get(item, ())}
    due: dict[str, str] = {}
    for skill in sorted(ready):
        cell = mastery.get(skill)
        if cell is None or cell.status != NEEDS_HELP or cell.answered < config.recheck_after:
            continue
        for need in prerequisites.get(skill, ()):
            if need in mastered and need not in recent_skills and need != skill:
                due.setdefault(need, skill)
    return due


def placement_targets(
    placement: Collection[str], prerequisites: Prerequisites, mastery: Mapping[str, SkillMastery], met: Collection[str]
) -> set[str]:
    """The skills to ask a child new to her class about now: each skill of ``placement`` not yet met and with
    fewer than two right answers; after a miss on one, the skills just before it instead (and so on down).

    >>> placement_targets(["times", "shapes"], {"times": ["add"], "add": ["count"]}, {}, met=["shapes"])
    {'times'}
    """
    targets: set[str] = set()
    todo, seen = list(placement), set()
    while todo:
        skill = todo.pop()
        if skill in seen or skill in met:
            continue
        seen.add(skill)
        cell = mastery.get(skill)
        if cell is not None and cell.answered > cell.right:
            todo.extend(need for need in prerequisites.get(skill, ()) if need != skill)
        elif cell is None or cell.right < WENT_WELL_RIGHT:
            targets.add(skill)
    return targets


def prerequisites_to_ask(
    prerequisites: Prerequisites, mastery: Mapping[str, SkillMastery], met: Collection[str]
) -> dict[str, str]:
    """Each prerequisite not yet shown (never answered, or right less than twice and never wrong) of a skill the child
    has missed and not met, with that skill (the first by name when several), where no skill just below either was
    missed: asked about first, as a teacher would, rather than the first skill of all (review 47a: a child's first quiz
    of ten on multiplication went badly and her practice started at counting, never asked). If it goes well, the
    skills before it count as known (:func:`engine.adapt.mastery.built_on`); after a miss, the skills just before it
    are asked about in turn.

    >>> missed = SkillMastery("times", 0.3, 0.1, 0.5, 0.0, NEEDS_HELP, answered=10, right=3)
    >>> prerequisites_to_ask({"times": ["add"], "add": ["count"]}, {"times": missed}, met=[])
    {'add': 'times'}
    """
    def missed(skill: str) -> bool:
        cell = mastery.get(skill)
        return cell is not None and cell.answered > cell.right and skill not in met

    def needs(skill: str) -> list[str]:
        return [need for need in prerequisites.get(skill, ()) if need != skill]

    found: dict[str, str] = {}
    for skill in sorted(mastery):
        if not missed(skill) or any(missed(need) for need in needs(skill)):
            continue  # a gap already seen below it: the skills before that come first (no guess needed)
        for need in needs(skill):
            asked = mastery.get(need)
            unknown = asked is None or (asked.answered <= asked.right and asked.right < WENT_WELL_RIGHT)
            if need not in met and unknown and not any(missed(below) for below in needs(need)):
                found.setdefault(need, skill)
    return found


def _resting_skill(item_ids: Sequence[str], exercise_skills: Mapping[str, Sequence[str]], mastered: set[str], limit: int) -> str | None:
    """The unmastered skill of the last ``limit`` answers, if they were all on that one skill."""
    if limit <= 0 or len(item_ids) < limit:
        return None
    common = set(exercise_skills.get(item_ids[-1], ()))
    for item in list(item_ids)[-limit:]:
        common &= set(exercise_skills.get(item, ()))
    common -= mastered
    return min(common) if common else None


def _weakness(mastery: Mapping[str, SkillMastery], skill: str) -> float:
    m = mastery.get(skill)
    return 0.0 if m is None else 1.0 - m.sure_mastered


def _target_skill(
    ex_skills: list[str], ready: set[str], mastered: set[str], mastery: Mapping[str, SkillMastery], rank: Mapping[str, int]
) -> tuple[str, str, int]:
    """(skill the exercise practises for this student, kind, tier: 0 learn, 1 review, 2 stretch)."""
    if not ex_skills:
        return "", REVIEW, 1
    ready_here = [s for s in ex_skills if s in ready]
    blocked = [s for s in ex_skills if s not in ready and s not in mastered]
    if ready_here and not blocked:
        return min(ready_here, key=lambda s: rank.get(s, 0)), LEARN, 0
    if blocked:
        return min(blocked, key=lambda s: rank.get(s, 0)), STRETCH, 2
    weakest = max(ex_skills, key=lambda s: _weakness(mastery, s))
    return weakest, REVIEW, 1


def _reason(
    skill: str,
    kind: str,
    p: float,
    answered: int,
    latest: Sequence[float],
    prerequisites: Prerequisites,
    mastered: set[str],
    skill_names: Mapping[str, str] | None,
    repeated: bool,
    struggling_with: str | None = None,
    secure: set[str] | None = None,
    shown: set[str] | None = None,
    placing: set[str] | None = None,
    asked_first: Mapping[str, str] | None = None,
    needed_for: Sequence[str] = (),
) -> tuple[ReasonPart, ...]:
    """Why this exercise: the child's record on the skill (``latest``: its latest scores; ``answered``: how many answers
    the child has in all), why the skill now (never left out), the chance."""
    if skill:
        parts = [_recent_record(skill, _skill_label(skill, skill_names), latest)]
    else:
        parts = [ReasonPart("general")]
    needs = [n for n in prerequisites.get(skill, ()) if n != skill]
    if kind == CHECK:
        parts.append(ReasonPart("check", (("struggling", _skill_label(struggling_with or skill, skill_names)),)))
    elif kind == REVIEW:
        parts.append(ReasonPart("shown" if skill in (shown or ()) else "review"))
    elif kind == STRETCH:
        missing = [n for n in needs if n not in mastered]
        if missing:
            parts.append(ReasonPart("stretch_missing", (("skills", ", ".join(_skill_label(n, skill_names) for n in missing)),)))
        else:
            parts.append(ReasonPart("stretch"))
    elif skill in (asked_first or {}):
        parts.append(ReasonPart("asked_first", (("after", _skill_label(asked_first[skill], skill_names)),)))
    elif skill in (placing or ()):
        parts.append(ReasonPart("placement", (("answers", answered), ("before", bool(needs)))))  # review 43: no skill
        # before it to count as known
    elif needs and any(n in (shown or ()) for n in needs):  # not "secure": the child may never have answered it
        parts.append(ReasonPart("prerequisites_shown"))
    elif needs and any(n in (secure or ()) for n in needs):
        parts.append(ReasonPart("secure"))
    elif needs:
        parts.append(ReasonPart("prerequisites_mastered"))
    else:
        parts.append(ReasonPart("no_prerequisites"))
    if needed_for and kind != CHECK and skill not in (asked_first or {}):  # (those two say what is not going well)
        names = tuple(_skill_label(n, skill_names) for n in needed_for)
        parts.append(ReasonPart("needed_for" if len(names) == 1 else "needed_for_several",
                                (("skills", ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]),
                                 ("names", names))))
    parts.append(ReasonPart("chance", (("percent", f"{round(p * 100 / 5) * 5:.0f}"),)))
    if repeated:
        parts.append(ReasonPart("repeated"))
    return tuple(parts)


def _shuffled(variety: str, exercise: str) -> str:
    """A place for ``exercise`` in an order of its own for each ``variety`` (the same every time: a stable hash)."""
    return hashlib.blake2s(f"{variety}\0{exercise}".encode("utf-8"), digest_size=8).hexdigest()


SAME_STORY_IN_A_TURN = 2
"""Questions of one wording (numbers aside) a practice turn asks while it has others to ask."""


class PracticeSession:
    """Adaptive practice for one student: pick an exercise, record the answer, repeat.

    Uses the same rules as :func:`next_steps`; the student's earlier answers
    (``item_ids``/``correct``) count, so a session continues where the last
    one stopped and does not repeat recent exercises.
    """

    def __init__(
        self,
        model: Any,
        exercise_skills: Mapping[str, Sequence[str]],
        prerequisites: Prerequisites,
        item_ids: Sequence[str] = (),
        correct: Sequence[float] = (),
        config: NextStepConfig = NextStepConfig(),
        skill_names: Mapping[str, str] | None = None,
        once_each: bool = False,
        placement: Collection[str] = (),
        variety: str = "",
        stories: Mapping[str, str] | None = None,
    ) -> None:
        """``once_each``: the session is one child's turn, which asks each exercise at most once (it ends,
        :meth:`next_exercise` giving None, when every exercise it may use was asked). ``placement``: the skills
        her class has got to, ``variety`` a word of her own (see :func:`plan_next_steps`). ``stories``: each
        exercise's wording with its numbers out (:func:`engine.adapt.reports.question_story`); a turn asks at most
        :data:`SAME_STORY_IN_A_TURN` of one while it has others (review 46: six of ten were "N后面的一个数是多少？")."""
        if len(item_ids) != len(correct):
            raise ValueError("item_ids and correct must have the same length")
        self.model = model
        self.exercise_skills = dict(exercise_skills)
        self.prerequisites = prerequisites
        self.config = config
        self.skill_names = skill_names
        self.once_each = once_each
        self.placement = tuple(placement)
        self.variety = variety
        self.stories = dict(stories or {})
        self.item_ids: list[str] = list(item_ids)
        self.correct: list[float] = [float(c) for c in correct]
        self.answered_in_session = 0
        self._plan: StudentPlan | None = None
        self._state: Any = None

    def plan(self) -> StudentPlan:
        """Current next step and mastery (recomputed only after a new answer)."""
        if self._plan is None:
            if self._state is None:
                self._state = adapt_student(self.model, self.item_ids, self.correct, self.exercise_skills, self.config.evidence_window)
            asked = self.item_ids[len(self.item_ids) - self.answered_in_session:]
            exclude = set(asked) if self.once_each else set()
            told = Counter(story for e in asked if (story := self.stories.get(e)))
            retold = {e for e, story in self.stories.items() if told[story] >= SAME_STORY_IN_A_TURN}
            recent = set(self.item_ids[-self.config.repeat_window:]) if self.config.repeat_window else set()
            for leave_out in ([exclude | retold, exclude] if retold else [exclude]):
                self._plan = plan_next_steps(
                    self.model, self.item_ids, self.correct, self.exercise_skills, self.prerequisites, 1, self.config, self.skill_names,
                    self._state, exclude=leave_out, placement=self.placement, variety=self.variety,
                )
                if self._plan.steps and self._plan.steps[0].exercise_id not in recent:
                    break  # another wording, unless only a question asked lately is left: a new one of the same wording
        return self._plan

    @property
    def questions_at_most(self) -> int | None:
        """How many questions a ``once_each`` turn can ask at most (each exercise once); None: no limit."""
        return len(self.exercise_skills) if self.once_each else None

    def next_exercise(self) -> NextStep | None:
        """The exercise to show now, or None when the bank is empty (or, ``once_each``, every exercise was asked)."""
        steps = self.plan().steps
        return steps[0] if steps else None

    def record(self, exercise_id: str, correct: float) -> None:
        """Store the student's answer so the next pick takes it into account."""
        if exercise_id not in self.exercise_skills:
            raise ValueError(f"exercise {exercise_id!r} is not in this practice bank")
        self.item_ids.append(exercise_id)
        self.correct.append(float(correct))
        self.answered_in_session += 1
        self._plan = None
        # Models that can fold in one more answer (``update``) save replaying the whole history.
        update = getattr(self.model, "update", None)
        self._state = update(self._state, [exercise_id], [float(correct)]) if update and self._state is not None else None

    def mastery(self) -> dict[str, SkillMastery]:
        return self.plan().mastery

    def all_mastered(self) -> bool:
        """True when every skill with exercises is mastered: the session can end."""
        skills = {s for sk in self.exercise_skills.values() for s in sk}
        mastery = self.mastery()
        return bool(skills) and all(mastery[s].mastered for s in skills)
