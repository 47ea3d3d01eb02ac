"""``bench --scenario practice``: how many exercises each policy needs to teach every skill.

All policies teach the SAME simulated students (same starting knowledge, same
random seeds; see :mod:`engine.adapt.simulator`):

* ``engine:<model>``: Lamplight's next steps exactly as the app makes them
  (:class:`engine.adapt.recommend.PracticeSession` with the student model and
  settings of :class:`engine.adapt.service.ClassService`, see :func:`app_setup`):
  the model calibrated on a simulated class history (200 earlier students,
  100 answers each along the fixed curriculum), knowledge tracing fitted on
  the same history for mastery, and each student's answers as they come. By
  default: the shipped meta-learned model (what the app uses), and
  :class:`engine.model.bkt.KnowledgeTracingModel` alone (note: the simulator
  is itself BKT, so that model is of the right family; its four numbers per
  skill are fitted on the simulated history, not copied);
* ``fixed``: the curriculum in prerequisite order, moving on after 3 right
  answers in a row on a skill (Kolibri's default mastery rule), starting over
  at the first skill after the last one;
* ``random``: a random exercise of the bank each time;
* ``ideal``: a reference no real policy can reach: it sees the simulated
  student's hidden knowledge and always practises the first skill in
  prerequisite order that is not known yet but can be learned.

Reported per policy: the median number of exercises until the student truly
knows every skill (capped), how many students got there, and the mean share
of skills known after 20, 50 and 100 exercises.
"""
from __future__ import annotations

import json
import random
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from engine.adapt.recommend import NextStepConfig, PracticeSession
from engine.adapt.simulator import SimulatedStudent, SimulatedWorld, build_world, load_params, skill_graph
from engine.errors import LamplightError
from engine.model.interface import Responses

CHECKPOINTS = (20, 50, 100)
# The starter pack's 15 skills, whose fitted learning rates are low (1-3.5% per exercise on several
# of them): even the ideal policy needs about 400 exercises per student, hence the cap.
DEFAULT_GRAPH_NAME = "starter"
DEFAULT_CAP = 3000


@dataclass
class PolicyResult:
    policy: str
    steps_to_all: list[int]
    known_share: dict[int, list[float]]
    seconds: float

    def summary(self, cap: int) -> dict[str, Any]:
        reached = [s for s in self.steps_to_all if s <= cap]
        return {
            "policy": self.policy,
            "median_exercises_to_master_all": float(statistics.median(self.steps_to_all)),
            "students_mastering_all": len(reached),
            "students": len(self.steps_to_all),
            **{f"share_known_after_{n}": round(float(np.mean(v)), 4) for n, v in self.known_share.items()},
            "seconds": round(self.seconds, 2),
        }


def simulate_history(world: SimulatedWorld, students: int = 200, answers: int = 100, seed: int = 0) -> Responses:
    """A class history for calibration: earlier students who followed the fixed curriculum.

    That is how a class would have used exercises before Lamplight; the
    students are drawn apart from the ones the policies teach.
    """
    sids, items, skills, correct = [], [], [], []
    curriculum = fixed_policy(world)
    for n in range(students):
        student = SimulatedStudent.new(world, f"history:{seed}:{n}")
        pick = curriculum(student, n)
        seen: list[str] = []
        scores: list[float] = []
        for _ in range(answers):
            item = pick(seen, scores)
            seen.append(item)
            scores.append(student.answer(item))
        sids.extend([f"h{n}"] * answers)
        items.extend(seen)
        skills.extend((world.item_skill[i],) for i in seen)
        correct.extend(scores)
    return Responses(sids, items, skills, np.array(correct, dtype=np.float32))


Policy = Callable[[SimulatedStudent, int], Callable[[list[str], list[float]], str]]


def random_policy(world: SimulatedWorld) -> Policy:
    bank = sorted(world.item_skill)

    def start(student: SimulatedStudent, index: int):
        rng = random.Random(f"random-policy:{index}")
        return lambda items, correct: rng.choice(bank)

    return start


def _items_by_skill(world: SimulatedWorld) -> dict[str, list[str]]:
    return {s: sorted(i for i, k in world.item_skill.items() if k == s) for s in world.skills}


def fixed_policy(world: SimulatedWorld, streak: int = 3) -> Policy:
    """Curriculum in prerequisite order; next skill after ``streak`` right answers in a row."""
    order = world.skills
    items_of = _items_by_skill(world)

    def start(student: SimulatedStudent, index: int):
        position = {"skill": 0, "run": 0, "turn": 0}

        def pick(items: list[str], correct: list[float]) -> str:
            if items:
                position["run"] = position["run"] + 1 if correct[-1] >= 0.5 else 0
                if position["run"] >= streak:
                    position["skill"] = (position["skill"] + 1) % len(order)
                    position["run"] = 0
            skill_items = items_of[order[position["skill"]]]
            position["turn"] += 1
            return skill_items[position["turn"] % len(skill_items)]

        return pick

    return start


def ideal_policy(world: SimulatedWorld) -> Policy:
    """The reference that sees hidden knowledge: the first learnable skill not yet known, in prerequisite order."""
    order = world.skills
    items_of = _items_by_skill(world)

    def start(student: SimulatedStudent, index: int):
        turn = [0]

        def pick(items: list[str], correct: list[float]) -> str:
            turn[0] += 1
            skill = next((s for s in order if s not in student.known and student.prerequisites_known(s)), order[0])
            return items_of[skill][turn[0] % len(items_of[skill])]

        return pick

    return start


def engine_policy(world: SimulatedWorld, model: Any, config: NextStepConfig = NextStepConfig()) -> Policy:
    bank = world.bank()

    def start(student: SimulatedStudent, index: int):
        session = PracticeSession(model, bank, world.prerequisites, config=config, variety=str(index))  # as the app: an order per child

        def pick(items: list[str], correct: list[float]) -> str:
            if items:
                session.record(items[-1], correct[-1])
            step = session.next_exercise()
            assert step is not None
            return step.exercise_id

        return pick

    return start


BASELINES: dict[str, Callable[[SimulatedWorld], Policy]] = {"fixed": fixed_policy, "random": random_policy, "ideal": ideal_policy}


def app_setup(model: Any, history: Responses, world: SimulatedWorld) -> tuple[Any, NextStepConfig]:
    """The student model and next-step settings the app derives for a class with this history.

    Goes through the app's own :class:`~engine.adapt.service.ClassService`:
    ``model`` calibrated on the history, knowledge tracing for mastery, and
    the mastery bars the class's answers call for.
    """
    from engine.adapt.service import ClassData, ClassService

    service = ClassService(ClassData("simulated class", {}, world.bank(), world.prerequisites, responses=history), model)
    return service.student_model(), service.config


def run_policy(name: str, policy: Policy, world: SimulatedWorld, students: int, seed: int, cap: int) -> PolicyResult:
    """Teach each simulated student with ``policy`` until they know every skill or ``cap`` exercises."""
    began = time.process_time()
    steps_to_all, shares = [], {n: [] for n in CHECKPOINTS}
    total = len(world.skill_params)
    for index in range(students):
        student = SimulatedStudent.new(world, f"{seed}:{index}")
        pick = policy(student, index)
        items: list[str] = []
        correct: list[float] = []
        known_after = {}
        done_at = 0 if student.all_known() else cap + 1
        for step in range(1, max(cap, max(CHECKPOINTS)) + 1):
            if student.all_known():
                break
            item = pick(items, correct)
            items.append(item)
            correct.append(student.answer(item))
            if step in CHECKPOINTS:
                known_after[step] = len(student.known) / total
            if student.all_known() and step <= cap:
                done_at = step
        for n in CHECKPOINTS:
            shares[n].append(known_after.get(n, 1.0 if student.all_known() else len(student.known) / total))
        steps_to_all.append(done_at)
    return PolicyResult(name, steps_to_all, shares, time.process_time() - began)


def shipped_model() -> Any | None:
    """The shipped default student model, or None when it is not installed here."""
    try:
        from engine.model.registry import load_model  # type: ignore[import-not-found]

        return load_model(None)
    except (ImportError, LamplightError):
        return None


def load_default_model() -> Any:
    """The shipped student model when one is installed, else the knowledge-tracing fallback."""
    from engine.model.registry import default_or_fallback

    return default_or_fallback()


def make_model(kind: str) -> Any:
    """A student model by the registry's name (``default``: shipped, else knowledge tracing) or a saved model path."""
    from engine.model.registry import make_or_default

    return make_or_default(kind)


def compare(
    students: int = 100,
    seed: int = 0,
    cap: int = DEFAULT_CAP,
    models: Sequence[str] | None = None,
    params_path: str | None = None,
    baselines: tuple[str, ...] = ("fixed", "random", "ideal"),
    history_students: int = 200,
    graph: str = DEFAULT_GRAPH_NAME,
) -> dict[str, Any]:
    """Run the policies on the same simulated class and return the figures (see module doc).

    ``models`` names the student models behind the engine's next steps (see
    :func:`make_model`); by default the shipped model when one is installed,
    then the knowledge-tracing model. Each gives a policy ``engine:<model>``.
    """
    if models is None:
        models = ["default", "bkt"] if shipped_model() is not None else ["bkt"]
    params = load_params(params_path)
    world = build_world(params, skill_graph(graph), seed=seed)
    history = simulate_history(world, students=history_students, seed=seed) if models else None
    results = []
    for kind in models:
        began = time.process_time()
        model, config = app_setup(make_model(kind), history, world)
        calibrate_s = time.process_time() - began
        name = f"engine:{getattr(model, 'name', kind)}"
        summary = run_policy(name, engine_policy(world, model, config), world, students, seed, cap).summary(cap)
        summary["calibrate_cpu_s"] = round(calibrate_s, 2)
        results.append(summary)
    for name in baselines:
        if name not in BASELINES:
            raise ValueError(f"unknown policy {name!r}")
        results.append(run_policy(name, BASELINES[name](world), world, students, seed, cap).summary(cap))
    fixed = next((r for r in results if r["policy"] == "fixed"), None)
    for r in results:
        if fixed and r["policy"].startswith("engine") and fixed["median_exercises_to_master_all"]:
            r["saving_vs_fixed"] = round(1 - r["median_exercises_to_master_all"] / fixed["median_exercises_to_master_all"], 4)
    return {
        "scenario": "practice",
        "seed": seed,
        "students": students,
        "cap": cap,
        "skills": len(world.skill_params),
        "items_per_skill": len(world.item_skill) // max(1, len(world.skill_params)),
        "simulator": params.source,
        "history_students": history_students,
        "graph": graph,
        "note": "medians at the cap are censored: the policy needs at least that many",
        "results": results,
    }


def _model_list(model_arg: str | None) -> list[str] | None:
    """Names from ``--model``: comma-separated kinds, or one saved model path (compared with bkt)."""
    if not model_arg:
        return None
    if Path(model_arg).suffix or Path(model_arg).exists() or Path(model_arg + ".safetensors").exists():
        return ["bkt", model_arg]
    return [m.strip() for m in model_arg.split(",") if m.strip()]


def run(args: Any) -> int:
    """Entry point for ``python -m engine bench --scenario practice``: prints a table, writes ``--json``.

    ``args`` may carry ``json``, ``students``, ``seed``, ``cap``, ``model``
    (comma-separated names for :func:`make_model`), ``history`` and ``params``.
    """
    model_arg = getattr(args, "model", None)
    report = compare(
        students=int(getattr(args, "students", None) or 100),
        seed=int(getattr(args, "seed", None) or 0),
        cap=int(getattr(args, "cap", None) or DEFAULT_CAP),
        models=_model_list(model_arg),
        params_path=getattr(args, "params", None),
        history_students=int(getattr(args, "history", None) or 200),
        graph=getattr(args, "graph", None) or DEFAULT_GRAPH_NAME,
    )
    print(
        f"practice simulation: {report['students']} students, {report['skills']} skills, "
        f"{report['items_per_skill']} exercises per skill ({report['graph']} graph), cap {report['cap']}, seed {report['seed']}"
    )
    width = max(8, *(len(r["policy"]) for r in report["results"]))
    print(f"{'policy':{width}} {'median to all':>14} {'reached':>8} {'@20':>6} {'@50':>6} {'@100':>6} {'cpu s':>7}  vs fixed")
    fixed_censored = any(r["policy"] == "fixed" and r["median_exercises_to_master_all"] > report["cap"] for r in report["results"])
    for r in report["results"]:
        saving = f"{'at least ' if fixed_censored else ''}{r['saving_vs_fixed']:.0%} fewer" if "saving_vs_fixed" in r else ""
        print(
            f"{r['policy']:{width}} {r['median_exercises_to_master_all']:>14.1f} {r['students_mastering_all']:>5}/{r['students']:<3}"
            f"{r['share_known_after_20']:>6.2f} {r['share_known_after_50']:>6.2f} {r['share_known_after_100']:>6.2f} {r['seconds']:>7.1f}  {saving}"
        )
    print(f"(a median of {report['cap'] + 1} means more than half the students did not get there within the cap)")
    if getattr(args, "json", None):
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0
