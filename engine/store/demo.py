"""The demo class: a believable class with a few weeks of answers, for a first look at the app.

``create_demo_class(store, seed=0, students=30, weeks=4)`` imports the starter
pack when it is missing and adds a class whose answers come from this
simulation (deterministic for a seed and start date):

* Each simulated student has a general ability (normal, sd 0.8), a personal
  offset per skill (sd 0.5), a head start of 1.4 logits and a learning rate (0.10-0.30 logits per practised
  exercise). Skills deeper in the prerequisite graph start lower (0.5 logits
  per level of depth).
* P(right) = guess + (1 - guess) * sigmoid(ability + skill level - 0.6 *
  (difficulty - 3) - 1.2 if any prerequisite is still below 0); guess is 1/number
  of choices for multiple choice, else 0. Teacher-marked answers score 0, 0.5 or 1.
* Every answered exercise raises the student's level on its skills by their
  learning rate (a third of it while a prerequisite is below 0): practice helps,
  prerequisites come first.
* The class works through the skills in prerequisite order, about a quarter of
  them each week with a look back at earlier ones. On each school day
  (Monday-Friday) about 40% of the students practise on the laptop (3-6
  exercises, source "practice"); on Fridays the whole class sits a paper quiz of
  8 exercises (source "paper", about 8% absent).
"""
from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta, timezone

from engine.errors import LamplightError
from engine.store.clock import to_utc_iso
from engine.store.core import Store
from engine.store.records import Exercise
from engine.store.transactions import write_transaction

FIRST_NAMES = [
    "Amara", "Ben", "Chen Wei", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo",
    "Nadia", "Oscar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe",
    "Aiko", "Bruno", "Chloe", "Dev", "Emeka", "Freya", "Gabriel", "Ines", "Jonas", "Kai", "Layla", "Malik",
    "Nora", "Olu", "Pablo", "Rania", "Sven", "Thandi", "Uma", "Viktor", "Wanjiru", "Yara", "Zain", "Li Na",
]
LAST_INITIALS = "ABCDEFGHJKLMNOPRSTVWYZ"


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _depths(prerequisites: dict[str, list[str]]) -> dict[str, int]:
    depth: dict[str, int] = {}

    def of(skill: str) -> int:
        if skill not in depth:
            depth[skill] = 0
            depth[skill] = 1 + max((of(p) for p in prerequisites.get(skill, [])), default=-1)
        return depth[skill]

    for skill in prerequisites:
        of(skill)
    return depth


def _wrong_answer(exercise: Exercise, rng: random.Random) -> str | None:
    if exercise.kind == "multiple_choice":
        return rng.choice([c for c in exercise.choices if c != exercise.answer])
    if exercise.kind == "numeric":
        try:
            value = float(exercise.answer)
        except ValueError:
            return None
        wrong = value + rng.choice([-2, -1, 1, 2, 10])
        return str(int(wrong)) if float(wrong).is_integer() else f"{wrong:g}"
    if exercise.kind == "short_text":
        return rng.choice(["?", "I don't know", exercise.answer[::-1] or "?"])
    return None


def _school_days(start: date, weeks: int) -> list[date]:
    return [start + timedelta(days=7 * w + d) for w in range(weeks) for d in range(5)]


def create_demo_class(store: Store, seed: int = 0, students: int = 30, weeks: int = 4, start: date | None = None, name: str = "Demo class") -> int:
    """Create the demo class (see the module doc) in one transaction and return its id.

    ``start`` is the Monday of the first week (default: the weeks just before
    this one, so no answer lies in the future). The same seed and start give
    identical rows.
    """
    if not 1 <= students <= len(FIRST_NAMES) * len(LAST_INITIALS):
        raise LamplightError(f"The demo class can have 1 to {len(FIRST_NAMES) * len(LAST_INITIALS)} students.")
    if not 1 <= weeks <= 52:
        raise LamplightError("The demo class can cover 1 to 52 weeks.")
    if start is None:
        today = datetime.now(timezone.utc).date()
        start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks)  # ends last Friday: no future answers
    rng = random.Random(f"lamplight-demo:{seed}")
    with write_transaction(store.db):
        if store.exercise_by_key("starter-math:add-within-20-1-1") is None:
            from engine.store.importers import import_pack
            from engine.store.starter_pack import starter_pack_path

            import_pack(store, starter_pack_path())
        class_name, n = name, 2
        while store.find_class(class_name, include_archived=True) is not None:
            class_name, n = f"{name} {n}", n + 1
        class_id = store.create_class(class_name)

        bank = [e for e in store.list_exercises() if e.key.startswith("starter-math:")]
        prerequisites = store.skill_prerequisites()
        depth = _depths(prerequisites)
        order = sorted(depth, key=lambda s: (depth[s], s))
        by_skill: dict[str, list[Exercise]] = {s: [e for e in bank if s in e.skills] for s in order}
        order = [s for s in order if by_skill[s]]

        firsts = list(FIRST_NAMES)
        rng.shuffle(firsts)
        names: list[str] = []
        while len(names) < students:
            candidate = f"{firsts[len(names) % len(firsts)]} {rng.choice(LAST_INITIALS)}."
            if candidate not in names:
                names.append(candidate)
        roster = []
        for i, student_name in enumerate(sorted(names)):
            student_id = store.add_student(class_id, student_name, external_id=f"demo-{i + 1:02d}", group=None)
            ability = rng.gauss(0.0, 0.8)
            levels = {s: ability + rng.gauss(0.0, 0.5) + 1.4 - 0.5 * depth[s] for s in order}
            roster.append((student_id, levels, rng.uniform(0.10, 0.30)))

        per_week = max(1, math.ceil(len(order) / weeks))
        rows = []

        def answer(student: tuple, exercise: Exercise, moment: datetime, source: str, quiz_id: int | None) -> None:
            student_id, levels, rate = student
            blocked = any(levels.get(p, 0.0) < 0 for s in exercise.skills for p in prerequisites.get(s, []))
            level = sum(levels[s] for s in exercise.skills) / max(1, len(exercise.skills))
            logit = level - 0.6 * ((exercise.difficulty or 3) - 3) - (1.2 if blocked else 0.0)
            guess = 1.0 / len(exercise.choices) if exercise.kind == "multiple_choice" else 0.0
            p = guess + (1 - guess) * _sigmoid(logit)
            if exercise.kind == "teacher_marked":
                u = rng.random()
                score = 1.0 if u < p * 0.8 else (0.5 if u < p * 1.2 else 0.0)
            else:
                score = 1.0 if rng.random() < p else 0.0
            given = exercise.answer if score == 1.0 and exercise.kind != "teacher_marked" else (None if exercise.kind == "teacher_marked" else _wrong_answer(exercise, rng))
            rows.append((student_id, exercise.id, score, given, to_utc_iso(moment), source, quiz_id))
            for s in exercise.skills:
                levels[s] += rate * (0.33 if blocked else 1.0)

        for week in range(weeks):
            topics = order[week * per_week:(week + 1) * per_week] or order[-per_week:]
            review = order[: week * per_week]
            for offset, day in enumerate(_school_days(start + timedelta(weeks=week), 1)):
                for student in roster:
                    if rng.random() >= 0.4:
                        continue
                    moment = datetime.combine(day, time(8, 30), timezone.utc) + timedelta(minutes=rng.randrange(0, 360))
                    for k in range(rng.randint(3, 6)):
                        pool = topics if not review or rng.random() < 0.75 else review
                        exercise = rng.choice(by_skill[rng.choice(pool)])
                        answer(student, exercise, moment + timedelta(minutes=2 * k), "practice", None)
                if offset == 4:
                    chosen = []
                    for i in range(8):
                        skill = topics[i % len(topics)]
                        candidates = [e for e in by_skill[skill] if e.kind != "teacher_marked" or i == 7]
                        chosen.append(rng.choice([e for e in candidates if e not in chosen] or candidates))
                    quiz_id = store.create_quiz(class_id, f"Week {week + 1} quiz", [e.id for e in chosen])
                    store.db.execute("UPDATE quizzes SET created = ? WHERE id = ?", [to_utc_iso(datetime.combine(day, time(9, 0), timezone.utc)), quiz_id])
                    quiz_time = datetime.combine(day, time(10, 0), timezone.utc)
                    for student in roster:
                        if rng.random() < 0.08:
                            continue
                        for k, exercise in enumerate(chosen):
                            answer(student, exercise, quiz_time + timedelta(minutes=3 * k), "paper", quiz_id)
        store.db.conn.executemany(
            "INSERT INTO responses (student_id, exercise_id, score, answer, time, source, quiz_id) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
        )
    return class_id
