"""The district simulator: a dataset's students split into schools, four ways to learn compared.

Students are split by the cold-start protocol (docs/evaluation.md) into
history and test students, then spread over ``schools`` schools of uneven
size (log-normal weights) that differ by which skills they practised (each
school prefers some groups of skills; a student goes to a school with a
probability that follows the school's size and its liking for the student's
most practised skill group). For each school's test students, cold-start AUC
(random policy) at each n, for

* ``alone``: each school calibrates a model on its own history students;
* ``federated``: rounds of update files (:mod:`engine.district.update`)
  combined by :func:`engine.district.aggregate.aggregate`, one district model
  per round; ``federated+own``: each school's laptop adds to it what its own
  answers say about the exercises and skills its update could not share
  (fewer than the minimum number of students), see
  :func:`engine.district.adopt.with_own_evidence`;
* ``secure``, ``secure+own`` (``--secure``): the same rounds with masked
  update files (:mod:`engine.district.masked`): the district sees only sums
  over all schools, so the minimum-students rule applies to the district's
  total; one counting round comes first;
* ``pooled``: one model calibrated on every school's history (the upper bound);
* ``dp-eps1``, ``dp-eps8``: federated with differential privacy, the ε
  covering all rounds of one school together.

Under ``torchrun`` the schools' work is shared between processes and the
pooled calibration runs data-parallel; every process ends with the same
figures. Figures depend only on data, seed and code.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from engine.data import subset
from engine.district.adopt import with_own_evidence
from engine.district.aggregate import DistrictModel, aggregate, starting_model
from engine.district.fileformat import decode, encode
from engine.district.masked import aggregate_masked, masked_update
from engine.district.pack import SharedPack, pack_from_responses
from engine.district.secure import Release, SchoolKey, make_roster
from engine.district.update import UpdateSettings, school_update
from engine.evaluation.metrics import summarize
from engine.evaluation.protocols import ColdStartSplit, TestStudent, coldstart_split
from engine.model.interface import Responses
from engine.model.parallel import Group, current_group, local_only
from engine.model.response import ResponseModel

NS = (1, 3, 5, 10, 20)
SKILL_GROUPS = 6
Log = Callable[[str], None]


@dataclass
class School:
    index: int
    history: Responses
    test: list[TestStudent] = field(default_factory=list)

    @property
    def students(self) -> int:
        return len(set(self.history.student_ids))


def _unit(seed: int, text: str) -> float:
    """A number in [0, 1) fixed by the seed and a text (the same on every machine)."""
    return int(hashlib.sha256(f"{seed}:{text}".encode("utf-8")).hexdigest()[:12], 16) / 16 ** 12


def assign_schools(split: ColdStartSplit, schools: int, seed: int = 0) -> dict[str, int]:
    """Student id -> school: uneven sizes, and schools that prefer different groups of skills."""
    rng = np.random.default_rng(seed)
    size = np.exp(rng.normal(0.0, 0.9, schools))
    liking = rng.dirichlet(np.full(SKILL_GROUPS, 0.4), schools) + 0.05
    profile: dict[str, np.ndarray] = {}

    def count(student: str, skills: Sequence[tuple[str, ...]]) -> None:
        counts = profile.setdefault(student, np.zeros(SKILL_GROUPS))
        for ks in skills:
            for k in ks or ("",):
                counts[int(_unit(seed, "skill:" + k) * SKILL_GROUPS)] += 1.0 / max(1, len(ks))

    history = split.history
    for student, ks in zip(history.student_ids, history.skill_ids):
        count(student, [ks])
    for t in split.test:
        count(t.student_id, [split.items.get(i, ()) for i in t.pool_items + t.target_items])
    chosen = {}
    for student, counts in profile.items():
        weights = size * liking[:, int(np.argmax(counts))]
        cumulative = np.cumsum(weights / weights.sum())
        chosen[student] = int(min(np.searchsorted(cumulative, _unit(seed, "school:" + student)), schools - 1))
    return chosen


def make_schools(split: ColdStartSplit, schools: int, seed: int = 0) -> list[School]:
    assignment = assign_schools(split, schools, seed)
    rows: list[list[int]] = [[] for _ in range(schools)]
    for row, student in enumerate(split.history.student_ids):
        rows[assignment[student]].append(row)
    out = [School(j, subset(split.history, r)) for j, r in enumerate(rows)]
    for t in split.test:
        out[assignment[t.student_id]].test.append(t)
    return out


def predictions(model: Any, students: Sequence[TestStudent], ns: Sequence[int] = NS) -> dict[int, list[list[float]]]:
    """Per n, the predicted P(correct) of each test student's targets after their first n pool answers."""
    out: dict[int, list[list[float]]] = {n: [] for n in ns}
    for student in students:
        for n in ns:
            state = model.adapt(student.pool_items[:n], student.pool_correct[:n])
            out[n].append(np.asarray(model.predict(state, student.target_items), dtype=float).tolist())
    return out


def auc_rows(setting: str, round_: int | None, groups: dict[str, list[int]], students: Sequence[TestStudent],
             predicted: dict[int, list[list[float]]]) -> list[dict[str, Any]]:
    """AUC (and the rest of the protocol's metrics) per group of test students and n."""
    rows = []
    for group, members in groups.items():
        if not members:
            continue
        for n, per_student in predicted.items():
            y = np.concatenate([students[i].target_correct for i in members])
            p = np.concatenate([per_student[i] for i in members])
            rows.append({"setting": setting, "round": round_, "group": group, "n": n, **summarize(y, p),
                         "students": len(members), "responses": int(len(y))})
    return rows


class Simulation:
    """One run of the simulator (see the module doc)."""

    def __init__(self, responses: Responses, name: str, schools: int = 30, rounds: int = 5, seed: int = 0,
                 epsilons: Sequence[float] = (1.0, 8.0), meta_steps: int = 30, min_students: int = 10,
                 log: Log | None = None, secure: bool = False, diagnostic: bool = True,
                 only: Sequence[str] | None = None) -> None:
        self.name, self.rounds, self.seed, self.epsilons, self.meta_steps = name, rounds, seed, tuple(epsilons), meta_steps
        self.secure, self.diagnostic = secure, diagnostic
        self.only = None if only is None else set(only)
        self.log = log or (lambda message: None)
        self.min_students = min_students
        self.group: Group | None = current_group()
        self.split = coldstart_split(responses, seed)
        self.pack: SharedPack = pack_from_responses(name, self.split.history, self.split.items)
        self.schools = make_schools(self.split, schools, seed)
        self.test = [t for school in self.schools for t in school.test]
        offsets = np.cumsum([0] + [len(s.test) for s in self.schools])
        self.members = {s.index: list(range(offsets[s.index], offsets[s.index + 1])) for s in self.schools}
        by_size = sorted(self.schools, key=lambda s: (s.students, s.index))
        self.smallest = [s.index for s in by_size[:max(1, len(by_size) // 3)]]
        self.groups = {"all": list(range(len(self.test))),
                       "smallest-third": [i for j in self.smallest for i in self.members[j]]}

    def mine(self, count: int) -> list[int]:
        """The schools (or other units) this process works on."""
        if self.group is None:
            return list(range(count))
        return [j for j in range(count) if j % self.group.world == self.group.rank]

    def gather_json(self, items: dict[int, Any]) -> dict[int, Any]:
        """Every process's ``{index: JSON-able}`` results, merged (no pickling)."""
        if self.group is None:
            return items
        merged: dict[int, Any] = {}
        for chunk in self.group.all_gather_bytes(json.dumps({str(k): v for k, v in items.items()}).encode("utf-8")):
            merged.update({int(k): v for k, v in json.loads(chunk.decode("utf-8")).items()})
        return merged

    def alone(self) -> list[dict[str, Any]]:
        """Each school calibrates its own model on its own history."""
        predicted: dict[int, Any] = {}
        for j in self.mine(len(self.schools)):
            school = self.schools[j]
            model = ResponseModel()
            model.settings.seed = self.seed
            with local_only():
                model.calibrate(school.history, self.split.items)
            predicted[j] = {str(n): v for n, v in predictions(model, school.test).items()}
            self.log(f"alone: school {j} ({school.students} history students) calibrated")
        predicted = self.gather_json(predicted)
        merged = {n: [p for j in range(len(self.schools)) for p in predicted[j][str(n)]] for n in NS}
        return auc_rows("alone", None, self.groups, self.test, merged)

    def pooled(self) -> list[dict[str, Any]]:
        """Everything in one place: the upper bound (data-parallel under torchrun)."""
        model = ResponseModel()
        model.settings.seed = self.seed
        model.calibrate(self.split.history, self.split.items)
        self.log("pooled: calibrated")
        return auc_rows("pooled", None, self.groups, self.test, predictions(model, self.test))

    def federated(self, epsilon: float | None = None, min_students: int | None = None) -> list[dict[str, Any]]:
        """Rounds of update files and district models; one AUC table per round."""
        min_students = self.min_students if min_students is None else min_students
        setting = "federated" if epsilon is None else f"dp-eps{epsilon:g}"
        setting += "" if min_students == self.min_students else f"-min{min_students}"
        district: DistrictModel = starting_model(self.pack)
        rows: list[dict[str, Any]] = []
        for round_ in range(1, self.rounds + 1):
            base = district.response_model(self.pack)
            files: dict[int, Any] = {}
            for j in self.mine(len(self.schools)):
                settings = UpdateSettings(min_students=min_students, epsilon=epsilon, releases=self.rounds, meta_steps=self.meta_steps,
                                          seed=self.seed * 100003 + round_ * 1009 + j, seeded_noise=True)
                with local_only():
                    payload = school_update(base, self.schools[j].history, self.pack, settings,
                                            {"kind": "district", "id": district.id, "round": district.round})
                files[j] = encode("school-update", payload).decode("ascii")  # exactly what goes on the USB stick
            files = self.gather_json(files)
            updates = [(f"school-{j:02d}", decode(files[j].encode("ascii"), "school-update", where=f"school-{j:02d}"))
                       for j in range(len(self.schools))]
            district = aggregate(updates, self.pack, district)
            rows += auc_rows(setting, round_, self.groups, self.test, predictions(district.response_model(self.pack), self.test))
            if epsilon is None and min_students == self.min_students:
                shared = {j: {"exercises": set(u["exercises"]["keys"]), "skills": set(u["skills"]["keys"])} for j, (_, u) in enumerate(updates)}
                rows += self.with_own_evidence(setting, round_, district, shared)
            self.log(f"{setting}: round {round_} done ({sum(len(u['exercises']['keys']) for _, u in updates)} exercise rows)")
        return rows

    def school_keys(self) -> list[SchoolKey]:
        """Every school's key pair, the same in every process (the figures do not depend on the keys: masks cancel)."""
        return [SchoolKey(f"school-{j:02d}", X25519PrivateKey.from_private_bytes(
            hashlib.sha256(f"{self.seed}:district-key:{j}".encode("ascii")).digest())) for j in range(len(self.schools))]

    def federated_secure(self) -> list[dict[str, Any]]:
        """Rounds of masked update files (secure aggregation), after one counting round; one AUC table per round.

        The minimum-students rule applies to the district's total: an
        exercise is summed once ``min_students`` students across all schools
        answered it (known from the previous round's masked counts).
        """
        keys = self.school_keys()
        members = [(k.school, k.public_hex) for k in keys]
        district: DistrictModel = starting_model(self.pack)
        rows: list[dict[str, Any]] = []
        for round_ in range(0, self.rounds + 1):
            release = Release.from_payload(district.release)
            roster = make_roster(members, self.pack.describe(), {"kind": "district", "id": district.id, "round": district.round},
                                 self.min_students, release, session=hashlib.sha256(f"{self.seed}:roster:{round_}".encode()).hexdigest()[:32])
            base = district.response_model(self.pack)
            files: dict[int, Any] = {}
            for j in self.mine(len(self.schools)):
                settings = UpdateSettings(min_students=self.min_students, meta_steps=self.meta_steps,
                                          seed=self.seed * 100003 + max(round_, 1) * 1009 + j)
                with local_only():
                    payload = masked_update(base, self.schools[j].history, self.pack, roster, keys[j], settings)
                files[j] = encode("masked-update", payload).decode("ascii")
            files = self.gather_json(files)
            updates = [(f"school-{j:02d}", decode(files[j].encode("ascii"), "masked-update", where=f"school-{j:02d}"))
                       for j in range(len(self.schools))]
            district = aggregate_masked(updates, roster, self.pack, district)
            summed = 0 if roster.release is None else len(roster.release.exercises)
            self.log(f"secure: round {round_} done ({summed} exercises summed; the next roster may sum "
                     f"{len(district.release['exercises'])})")
            if round_ == 0:
                continue  # the counting round: the model has not changed
            rows += auc_rows("secure", round_, self.groups, self.test, predictions(district.response_model(self.pack), self.test))
            summed = {"exercises": set(roster.release.exercises), "skills": set(roster.release.skills)}
            rows += self.with_own_evidence("secure", round_, district, {j: summed for j in range(len(self.schools))})
        return rows

    def with_own_evidence(self, setting: str, round_: int, district: DistrictModel,
                          released: dict[int, dict[str, set[str]]]) -> list[dict[str, Any]]:
        """Each school's test students predicted by the district model plus the school's own unshared evidence."""
        predicted: dict[int, Any] = {}
        for j in self.mine(len(self.schools)):
            model = with_own_evidence(district, self.pack, self.schools[j].history, released[j], seed=self.seed * 7919 + j)
            predicted[j] = {str(n): v for n, v in predictions(model, self.schools[j].test).items()}
        predicted = self.gather_json(predicted)
        merged = {n: [p for j in range(len(self.schools)) for p in predicted[j][str(n)]] for n in NS}
        return auc_rows(setting + "+own", round_, self.groups, self.test, merged)

    def run(self) -> dict[str, Any]:
        began = time.process_time()
        wanted = (lambda setting: self.only is None or setting in self.only)
        rows = (self.alone() if wanted("alone") else []) + (self.pooled() if wanted("pooled") else [])
        rows += self.federated() if wanted("federated") else []
        if self.secure or (self.only is not None and "secure" in self.only):
            rows += self.federated_secure()
        for epsilon in self.epsilons if wanted("dp") else ():
            rows += self.federated(epsilon)
        if self.min_students > 1 and self.diagnostic and wanted("diagnostic"):  # what the privacy threshold costs
            rows += self.federated(min_students=1)
        return {"dataset": self.name, "seed": self.seed, "schools": len(self.schools), "rounds": self.rounds,
                "school_history_students": [s.students for s in self.schools],
                "school_test_students": [len(s.test) for s in self.schools], "smallest_third": self.smallest,
                "meta_steps": self.meta_steps, "min_students": self.min_students, "results": rows, "goals": goals(rows, self.rounds),
                "cpu_s": round(time.process_time() - began, 1), "processes": 1 if self.group is None else self.group.world}


def _auc(rows: Sequence[dict[str, Any]], setting: str, group: str, round_: int | None) -> dict[int, float]:
    return {r["n"]: r["auc"] for r in rows if r["setting"] == setting and r["group"] == group and r["round"] == round_}


def goals(rows: Sequence[dict[str, Any]], rounds: int) -> dict[str, Any]:
    """The issue's goals: federated within 0.003 AUC of pooled at every n; above alone for the smallest third."""
    out: dict[str, Any] = {}
    pooled, small_alone = _auc(rows, "pooled", "all", None), _auc(rows, "alone", "smallest-third", None)
    for setting in ("federated", "federated+own", "secure", "secure+own"):
        fed, small_fed = _auc(rows, setting, "all", rounds), _auc(rows, setting, "smallest-third", rounds)
        if not fed or not pooled or not small_alone:
            continue
        gap = {n: round(pooled[n] - fed[n], 4) for n in fed}
        lift = {n: round(small_fed[n] - small_alone[n], 4) for n in small_fed}
        out[setting] = {"pooled_minus_federated": gap, "within_0.003_of_pooled": all(v <= 0.003 for v in gap.values()),
                        "smallest_third_federated_minus_alone": lift,
                        "above_alone_for_smallest_third": all(v > 0 for v in lift.values())}
    return out


def table(result: dict[str, Any]) -> str:
    """The figures as a markdown table: AUC per setting (and round) and n, all schools and the smallest third."""
    rows = result["results"]
    lines = [f"{result['dataset']}: {result['schools']} schools, {result['rounds']} rounds, seed {result['seed']}",
             "| setting | round | schools | " + " | ".join(f"n={n}" for n in NS) + " |", "|---|---|---|" + "---|" * len(NS)]
    keys = list(dict.fromkeys((r["setting"], r["round"], r["group"]) for r in rows))
    for setting, round_, group in keys:
        auc = _auc(rows, setting, group, round_)
        lines.append(f"| {setting} | {'' if round_ is None else round_} | {group} | " + " | ".join(f"{auc[n]:.4f}" for n in NS) + " |")
    for setting, g in result["goals"].items():
        lines.append(f"{setting}, final round: pooled - {setting} {g['pooled_minus_federated']} -> within 0.003: "
                     f"{g['within_0.003_of_pooled']}; smallest third, {setting} - alone "
                     f"{g['smallest_third_federated_minus_alone']} -> above: {g['above_alone_for_smallest_third']}")
    return "\n".join(lines)
