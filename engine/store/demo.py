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
  8 exercises (source "paper"; about 8% are marked absent).
* On the last day a dozen children typed what a flat shape with 3 straight sides is called in practice mode,
  in other words than the key ("a triangle", "triangel", "square"...): their answers wait in "Mark written
  answers", so a new teacher finds something to mark there.
"""
from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta, timezone

from engine.errors import LamplightError
from engine.store.clock import to_utc_iso
from engine.store.core import Store
from engine.store.name_order import name_key
from engine.store.records import Exercise
from engine.store.transactions import write_transaction

FIRST_NAMES = [
    "Amara", "Ben", "Chen Wei", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo",
    "Nadia", "Oscar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe",
    "Aiko", "Bruno", "Chloe", "Dev", "Emeka", "Freya", "Gabriel", "Ines", "Jonas", "Kai", "Layla", "Malik",
    "Nora", "Olu", "Pablo", "Rania", "Sven", "Thandi", "Uma", "Viktor", "Wanjiru", "Yara", "Zain", "Li Na",
]
LAST_INITIALS = "ABCDEFGHJKLMNOPRSTVWYZ"

# Simplified Chinese (a teacher who chose 简体中文 at first run): given names and family names, as many of each
# as the English lists, so the simulation draws the same numbers and the class learns the same way in both languages.
GIVEN_NAMES_ZH = [
    "子涵", "欣怡", "梓轩", "浩然", "雨桐", "一诺", "宇航", "思源", "佳琪", "俊杰", "诗涵", "明轩", "可欣", "博文",
    "雅婷", "天佑", "若曦", "子墨", "晨阳", "梦琪", "家豪", "心怡", "文博", "紫萱", "志强", "静怡", "嘉怡", "皓轩",
    "语桐", "思彤", "浩宇", "晓萱", "俊熙", "欣妍", "泽宇", "悦然", "鹏飞", "婉清", "睿哲", "昕玥", "伟", "芳",
    "敏", "磊", "静", "涛", "丽", "强", "娜", "军",
]
WAITING_PROMPT = "Name a flat shape with 3 straight sides."
"""The starter pack's short-text question whose typed answers wait for the teacher in the demo class."""
WAITING_ANSWERS = {
    "en": ["a triangle", "Triangle!", "triangel", "a shape with three sides", "3 sided shape", "tri", "square",
           "a square", "rectangle", "circle", "trianlge", "a triangle shape"],
    "zh": ["三角", "一个三角形", "三角型", "三边形", "有三条边的图形", "正方形", "长方形", "圆形", "三角行", "三角形状",
           "四边形", "三角形的"],
}
FAMILY_NAMES_ZH = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁"]


def _words(language: str | None) -> dict[str, str]:
    """The demo's own words (class name, quiz title, a child's unsure answer) in ``language``."""
    if (language or "").startswith("zh"):
        return {"class": "示范班级", "quiz": "第{n}周小测验", "unsure": "不知道"}
    return {"class": "Demo class", "quiz": "Week {n} quiz", "unsure": "I don't know"}


def _student_name(given: str, family: str, language: str | None) -> str:
    """A demo student's name: "Amara K." in English, "王子涵" (family name first) in Chinese."""
    return f"{family}{given}" if (language or "").startswith("zh") else f"{given} {family}."


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


def _wrong_answer(exercise: Exercise, rng: random.Random, unsure: str = "I don't know") -> str | None:
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
        return rng.choice(["?", unsure, exercise.answer[::-1] or "?"])
    return None


def _school_days(start: date, weeks: int) -> list[date]:
    return [start + timedelta(days=7 * w + d) for w in range(weeks) for d in range(5)]


def create_demo_class(store: Store, seed: int = 0, students: int = 30, weeks: int = 4, start: date | None = None,
                      name: str | None = None, language: str | None = None) -> int:
    """Create the demo class (see the module doc) in one transaction and return its id.

    ``start`` is the Monday of the first week (default: the weeks just before
    this one, so no answer lies in the future). The same seed and start give
    identical rows. ``language`` (the teacher's, e.g. "zh_CN") gives the class,
    its students and quizzes names in that language, and the answers are typed in
    it; the answers are right or wrong exactly as in English.
    """
    words = _words(language)
    name = name or words["class"]
    chinese = (language or "").startswith("zh")
    given_names, family_names = (GIVEN_NAMES_ZH, FAMILY_NAMES_ZH) if chinese else (FIRST_NAMES, list(LAST_INITIALS))
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

        bank = [e for e in store.list_exercises(language) if e.key.startswith("starter-math:")]
        prerequisites = store.skill_prerequisites()
        depth = _depths(prerequisites)
        order = sorted(depth, key=lambda s: (depth[s], s))
        by_skill: dict[str, list[Exercise]] = {s: [e for e in bank if s in e.skills] for s in order}
        order = [s for s in order if by_skill[s]]

        firsts = list(given_names)
        rng.shuffle(firsts)
        names: list[str] = []
        while len(names) < students:
            candidate = _student_name(firsts[len(names) % len(firsts)], rng.choice(family_names), language)
            if candidate not in names:
                names.append(candidate)
        roster = []
        for i, student_name in enumerate(sorted(names, key=name_key)):  # numbered in the class list's order (pinyin)
            student_id = store.add_student(class_id, student_name, external_id=f"2024{i + 1:03d}", group=None)
            store.db.execute("UPDATE students SET created = ? WHERE id = ?",  # in the class from its first day, before
                             [to_utc_iso(datetime.combine(start, time(8, 0), timezone.utc)), student_id])  # its quizzes
            ability = rng.gauss(0.0, 0.8)
            levels = {s: ability + rng.gauss(0.0, 0.5) + 1.4 - 0.5 * depth[s] for s in order}
            roster.append((student_id, levels, rng.uniform(0.10, 0.30)))

        per_week = max(1, math.ceil(len(order) / weeks))
        rows = []
        absences: list[tuple[int, int]] = []

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
            given = exercise.answer if score == 1.0 and exercise.kind != "teacher_marked" else (None if exercise.kind == "teacher_marked" else _wrong_answer(exercise, rng, words["unsure"]))
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
                    quiz_id = store.create_quiz(class_id, words["quiz"].format(n=week + 1), [e.id for e in chosen])
                    store.db.execute("UPDATE quizzes SET created = ? WHERE id = ?", [to_utc_iso(datetime.combine(day, time(9, 0), timezone.utc)), quiz_id])
                    quiz_time = datetime.combine(day, time(10, 0), timezone.utc)
                    for student in roster:
                        if rng.random() < 0.08:
                            absences.append((quiz_id, student[0]))  # marked absent, as a teacher does (review 49d:
                            continue  # the quizzes all read "not yet entered: 3", as if never finished)
                        for k, exercise in enumerate(chosen):
                            answer(student, exercise, quiz_time + timedelta(minutes=3 * k), "paper", quiz_id)
        store.db.conn.executemany(
            "INSERT INTO responses (student_id, exercise_id, score, answer, time, source, quiz_id) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
        )
        store.db.conn.executemany("INSERT INTO quiz_absences (quiz_id, student_id) VALUES (?, ?)", absences)
        shapes = next((e for e in store.list_exercises() if e.prompt == WAITING_PROMPT), None)
        if shapes is not None:
            last_day = datetime.combine(_school_days(start, weeks)[-1], time(11, 0), timezone.utc)
            for n, (student, typed) in enumerate(zip(roster, WAITING_ANSWERS["zh" if chinese else "en"])):
                store.queue_answer(student[0], shapes.id, typed, time=last_day + timedelta(minutes=n), source="practice")
    return class_id
