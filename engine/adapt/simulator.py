"""Simulated students grounded in real data, to measure the teaching value of a policy.

Each simulated skill follows Bayesian knowledge tracing (BKT) with parameters
fitted on real answers (ASSISTments 2009, its most practised skills):

* ``prior``: chance the student already knows the skill at the start;
* ``learn``: chance of learning it from one practice exercise;
* ``guess``/``slip``: chance of a right answer without knowing it / a wrong
  answer while knowing it.

Items of a skill differ in difficulty: each gets a log-odds offset drawn with
the spread fitted on the same data (how much items of one skill differ in
success rate beyond chance). Skills are linked by a prerequisite graph: a
skill cannot be known at the start nor learned until all its prerequisites
are known. The graph is the starter pack's (15 primary-mathematics skills)
unless told otherwise.

Fit once with ``python -m engine simulator-fit --data ../shared/data/assist2009``;
the parameters are stored in ``resources/simulator/bkt-assist2009.json`` so the
practice benchmark runs without the data.
"""
from __future__ import annotations

import json
import math
import random
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from engine.model.bkt import fit_bkt
from engine.graph import Prerequisites, prerequisite_order
from engine.csv_files import open_table
from engine.data import load_skill_names
from engine.errors import LamplightError

DEFAULT_PARAMS_PATH = Path(__file__).resolve().parents[2] / "resources" / "simulator" / "bkt-assist2009.json"

# A primary-mathematics skill graph used when no other graph is given
# (the shape of the starter pack: foundations first, fractions last).
DEFAULT_GRAPH: dict[str, list[str]] = {
    "counting": [],
    "place value": ["counting"],
    "addition": ["counting"],
    "subtraction": ["addition"],
    "multi-digit addition": ["addition", "place value"],
    "multiplication": ["addition"],
    "division": ["multiplication", "subtraction"],
    "fractions": ["division"],
    "decimals": ["place value", "fractions"],
    "percentages": ["decimals", "multiplication"],
}


STARTER_PACK_PATH = Path(__file__).resolve().parents[2] / "resources" / "packs" / "starter-math.json"


def skill_graph(name: str = "starter") -> dict[str, list[str]]:
    """The prerequisite graph to simulate: ``starter`` (the shipped starter pack's 15 skills) or ``small`` (10 skills)."""
    if name == "small":
        return {k: list(v) for k, v in DEFAULT_GRAPH.items()}
    if name != "starter":
        raise LamplightError(f"unknown skill graph {name!r} (starter or small)")
    try:
        pack = json.loads(STARTER_PACK_PATH.read_text(encoding="utf-8"))
        return {s["id"]: list(s.get("prerequisites", [])) for s in pack["skills"]}
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise LamplightError(f"cannot read the starter pack's skills from {STARTER_PACK_PATH}: {exc}") from exc


@dataclass(frozen=True)
class BKTSkill:
    """Fitted knowledge-tracing parameters of one real skill."""

    skill_id: str
    name: str
    prior: float
    learn: float
    guess: float
    slip: float
    students: int = 0
    responses: int = 0
    log_loss: float = float("nan")


@dataclass
class SimulatorParams:
    """Everything the simulator needs, as stored in the JSON file."""

    skills: list[BKTSkill]
    item_logit_sd: float
    source: str = ""
    notes: str = ""

    def to_json(self) -> str:
        return json.dumps(
            {"source": self.source, "notes": self.notes, "item_logit_sd": self.item_logit_sd, "skills": [asdict(s) for s in self.skills]},
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> "SimulatorParams":
        data = json.loads(text)
        return cls([BKTSkill(**s) for s in data["skills"]], float(data["item_logit_sd"]), data.get("source", ""), data.get("notes", ""))


def load_params(path: Path | str | None = None) -> SimulatorParams:
    """The fitted parameters (default: the shipped assist2009 fit)."""
    path = Path(path) if path else DEFAULT_PARAMS_PATH
    if not path.exists():
        raise LamplightError(f"simulator parameters not found at {path}; run `python -m engine simulator-fit` first")
    try:
        return SimulatorParams.from_json(path.read_text(encoding="utf-8"))
    except (KeyError, TypeError, ValueError) as exc:
        raise LamplightError(f"simulator parameters in {path} are not valid: {exc}") from exc


# --- fitting -----------------------------------------------------------------------------


def item_logit_spread(rates: Sequence[tuple[float, int]]) -> float:
    """Spread (sd, log-odds) of item success rates beyond what chance alone explains.

    ``rates`` holds (success rate, attempts) of items of one skill relative to
    the skill's mean; method of moments: observed variance minus the mean
    binomial variance, on the log-odds scale.
    """
    usable = [(r, n) for r, n in rates if n >= 2]
    if len(usable) < 3:
        return 0.0
    logits = np.array([math.log((r * n + 0.5) / (n - r * n + 0.5)) for r, n in usable])
    noise = np.array([(n + 1) * (n + 2) / (n * (r * n + 1) * (n - r * n + 1)) for r, n in usable])
    return float(math.sqrt(max(0.0, logits.var() - noise.mean())))


def fit_from_dataset(
    folder: Path | str, n_skills: int = 12, max_students: int = 600, max_length: int = 40, seed: int = 0
) -> SimulatorParams:
    """Fit BKT on the ``n_skills`` most practised single-skill skills of a dataset folder."""
    folder = Path(folder)
    path = folder / "responses.csv.gz"
    if not path.exists():
        raise LamplightError(f"no responses.csv.gz in {folder}")
    rows: dict[str, dict[str, list[tuple[int, str, int]]]] = defaultdict(lambda: defaultdict(list))
    counts: Counter[str] = Counter()
    with open_table(path) as table:
        at = [table.column(name) for name in ("skill_ids", "student_id", "position", "item_id", "correct")]
        if None in at:
            raise LamplightError(f"{path}: missing column(s) student_id, item_id, skill_ids, correct or position")
        i_skills, i_student, i_position, i_item, i_correct = at
        for line, cells in table.rows():
            skills = cells[i_skills]
            if not skills or ";" in skills:
                continue
            try:
                rows[skills][cells[i_student]].append((int(cells[i_position]), cells[i_item], int(float(cells[i_correct]))))
            except ValueError as exc:
                raise LamplightError(f"{path}, line {line}: cannot read the row ({exc})") from exc
            counts[skills] += 1
    names = load_skill_names(folder)
    rng = random.Random(seed)
    fitted, spreads = [], []
    for skill, _ in counts.most_common(n_skills):
        students = sorted(rows[skill])
        rng.shuffle(students)
        sequences, item_stats = [], defaultdict(lambda: [0, 0])
        for student in students[:max_students]:
            answers = sorted(rows[skill][student])[:max_length]
            sequences.append([c for _, _, c in answers])
            for _, item, c in answers:
                item_stats[item][0] += c
                item_stats[item][1] += 1
        prior, learn, guess, slip, log_loss = fit_bkt(sequences)
        spreads.append(item_logit_spread([(r / n, n) for r, n in item_stats.values()]))
        fitted.append(
            BKTSkill(skill, names.get(skill, skill), prior, learn, guess, slip, len(sequences), sum(map(len, sequences)), round(log_loss, 4))
        )
    item_sd = float(np.median(spreads)) if spreads else 0.0
    return SimulatorParams(
        fitted,
        round(item_sd, 4),
        source=f"{folder.name}: {n_skills} most practised single-skill skills, up to {max_students} students "
        f"and the first {max_length} answers each, seed {seed}",
        notes="BKT fitted by grid search (coarse then fine) on the likelihood; item_logit_sd by method of moments",
    )


# --- simulation ------------------------------------------------------------------------------


@dataclass
class SimulatedWorld:
    """A skill graph with fitted BKT parameters per skill and a bank of items."""

    prerequisites: dict[str, list[str]]
    skill_params: dict[str, BKTSkill]
    item_skill: dict[str, str]
    item_offset: dict[str, float]

    @property
    def skills(self) -> list[str]:
        return prerequisite_order(dict(sorted(self.prerequisites.items())), self.skill_params)

    def bank(self) -> dict[str, tuple[str, ...]]:
        return {item: (skill,) for item, skill in self.item_skill.items()}


def build_world(
    params: SimulatorParams, prerequisites: Prerequisites | None = None, items_per_skill: int = 8, seed: int = 0
) -> SimulatedWorld:
    """Give each skill of the graph the BKT parameters of a fitted skill and draw its items.

    Fitted skills are dealt to graph skills in prerequisite order, cycling when
    the graph has more skills than were fitted; item offsets (log-odds,
    positive = harder) are drawn with the fitted spread.
    """
    prerequisites = {k: list(v) for k, v in (prerequisites or DEFAULT_GRAPH).items()}
    if not params.skills:
        raise LamplightError("simulator parameters hold no fitted skills")
    order = prerequisite_order(dict(sorted(prerequisites.items())))  # alphabetical ties, as the benchmarks' worlds were always dealt
    skill_params = {skill: params.skills[i % len(params.skills)] for i, skill in enumerate(order)}
    rng = random.Random(f"world:{seed}")
    item_skill, item_offset = {}, {}
    for skill in order:
        for i in range(items_per_skill):
            item = f"{skill}#{i + 1}"
            item_skill[item] = skill
            item_offset[item] = rng.gauss(0.0, params.item_logit_sd)
    return SimulatedWorld(prerequisites, skill_params, item_skill, item_offset)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@dataclass
class SimulatedStudent:
    """One simulated student: hidden knowledge per skill that grows with practice."""

    world: SimulatedWorld
    rng: random.Random
    known: set[str] = field(default_factory=set)

    @classmethod
    def new(cls, world: SimulatedWorld, seed: str | int) -> "SimulatedStudent":
        student = cls(world, random.Random(f"student:{seed}"))
        for skill in world.skills:
            if student.prerequisites_known(skill) and student.rng.random() < world.skill_params[skill].prior:
                student.known.add(skill)
        return student

    def prerequisites_known(self, skill: str) -> bool:
        return all(need in self.known for need in self.world.prerequisites.get(skill, ()) if need != skill)

    def p_correct(self, item: str) -> float:
        skill = self.world.item_skill[item]
        bkt = self.world.skill_params[skill]
        base = 1 - bkt.slip if skill in self.known else bkt.guess
        return _sigmoid(_logit(base) - self.world.item_offset[item])

    def answer(self, item: str) -> float:
        """Answer an item (1.0 right, 0.0 wrong), then maybe learn its skill."""
        right = 1.0 if self.rng.random() < self.p_correct(item) else 0.0
        skill = self.world.item_skill[item]
        if skill not in self.known and self.prerequisites_known(skill):
            if self.rng.random() < self.world.skill_params[skill].learn:
                self.known.add(skill)
        return right

    def all_known(self) -> bool:
        return len(self.known) == len(self.world.skill_params)
