"""A meta-learned question-selection policy in the spirit of BOBCAT (Ghosh & Lan 2021).

The bilevel objective: pick the next question so that the response model,
adapted on the answers so far plus the answer to that question, predicts the
student's remaining (query) answers best. BOBCAT learns the policy jointly
with the model; here the model is the shipped response model, already
calibrated, and only the policy is learned, on the history students:

* **Features that transfer.** A candidate is described by what the adapted
  model says about it, never by its identity, so a policy trained on one
  dataset can choose among another's exercises: its predicted chance of
  success and Fisher information ``p(1-p)``, the posterior variance of its
  logit, the shipped score (their product), the expected drop in the
  predictive variance over the remaining candidates if it were asked (a
  one-step look-ahead of the query loss, in closed form under the Laplace
  posterior), its loadings' size, how often the class history answered it,
  and how its skills are covered among the asked and the remaining
  questions. Candidate features are standardised within each choice (their
  ranks matter, not a dataset's scale); the step, the ability estimate and
  its uncertainty describe the state.
* **A differentiable objective (BOBCAT's approximate gradient).** A history
  student has answered every question in their pool, so the reward of each
  candidate is known exactly: the query log-likelihood after adapting on the
  asked answers plus that one. The policy is a softmax over a small network's
  scores, and training maximises the expected reward ``sum_i pi_i r_i``
  (centred within each choice, one scale for all) over choice states visited
  by random, maximum-information and (in later rounds) the policy's own
  greedy choices. No sampled gradients, so no variance to subtract a
  baseline from. Training starts from the shipped rule's score, and that
  start is kept unless an epoch validates better.
* **Stopped by epochs and validation.** The epoch whose greedy policy gives
  the best query AUC on held-out history students (pooled over n = 1, 3,
  5, 10, 20) is kept; nothing depends on time, so the same seed gives the
  same weights. Whether the first question (no answer seen yet) is asked by
  score or by maximum information is chosen the same way, at n = 1.

Inference is plain numpy (:class:`SelectionPolicy`); torch is needed only to train.

It is a named policy of the cold-start harness (``evaluate --policy learned``), not the
shipped model's ``next_item``: on assist2009 and assist2017 (seed 0) it tied or beat the
model's own choice at n = 3-10 when trained on the other dataset, but fell behind it at
n = 3-5 on assist2009 when trained on assist2009 itself (README, "Question-selection policies").
"""
from __future__ import annotations

import json
import os
import random
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from engine.errors import LamplightError
from engine.files import write_text
from engine.evaluation.metrics import summarize
from engine.model.interface import Responses
from engine.model.response import ResponseModel, StudentState, _sigmoid

FORMAT = "lamplight-selection-policy"
CANDIDATE_FEATURES = ("fisher", "log_logit_variance", "log_shipped_score", "log_pool_variance_drop", "abs_logit",
                      "loading_norm", "log_exposure", "log_asked_same_skill", "remaining_same_skill")
STATE_FEATURES = ("step", "ability_sd", "ability")
HORIZON = 20
VALIDATION_NS = (1, 3, 5, 10, 20)
Progress = Callable[[str], None]


def default_selection_path() -> Path:
    """Where the shipped selection policy lives ($LAMPLIGHT_SELECTION overrides)."""
    from engine.model.registry import _resources_root

    override = os.environ.get("LAMPLIGHT_SELECTION")
    return Path(override) if override else _resources_root() / "models" / "selection.json"


# ---------------------------------------------------------------------- features
def exposure_counts(model: ResponseModel, history: Responses) -> np.ndarray:
    """History answers per exercise row of ``model`` (the 'unseen' row counts 0)."""
    counts = np.bincount(model.item_rows(history.item_ids), minlength=model.n_items + 1).astype(np.float64)
    counts[model.n_items] = 0.0
    return counts


def _skill_matrix(model: ResponseModel, rows: np.ndarray) -> np.ndarray:
    """[len(rows), skills] 0/1: which skills each exercise row has (the pseudo-skill included)."""
    hot = np.zeros((len(rows), model.n_skills))
    weights = model.skill_w[rows]
    np.put_along_axis(hot, model.skill_idx[rows], (weights > 0).astype(np.float64), axis=1)
    return hot


def _standardised(values: np.ndarray) -> np.ndarray:
    """Each column centred and scaled within one choice (a constant column becomes 0)."""
    centred = values - values.mean(0, keepdims=True)
    spread = values.std(0, keepdims=True)
    return np.where(spread > 1e-9, centred / np.maximum(spread, 1e-9), 0.0)


def candidate_features(model: ResponseModel, state: StudentState, candidate_rows: np.ndarray,
                       exposure: np.ndarray, step: int) -> np.ndarray:
    """[candidates, features] for one choice: standardised candidate features, then the state's.

    The pool-variance drop of candidate i is ``w_i / (1 + w_i g_i'S g_i) * g_i'S M S g_i`` with
    ``M = sum_j w_j g_j g_j'`` over the remaining candidates: how much asking i shrinks the
    variance of their predicted logits, weighted by how much each one's probability moves
    (``w = p(1-p)``, ``g`` the gradient of a logit, ``S`` the Laplace posterior covariance).
    """
    rows = np.asarray(candidate_rows, dtype=np.int64)
    logit = model._logits(np.array([state.theta]), state.tau[None, :], state.u[None, :], rows)[0]
    p = _sigmoid(logit)
    fisher = p * (1 - p)
    design = model._design(rows)
    covariance = model._posterior_covariance(state)
    spread = design @ covariance  # [c, d]
    variance = np.maximum((spread * design).sum(1), 1e-12)
    pool_moment = design.T @ (design * fisher[:, None])  # M
    drop = ((spread @ pool_moment) * spread).sum(1) * fisher / (1 + fisher * variance)
    hot = _skill_matrix(model, rows)
    hot[:, 0] = 0.0  # sharing only "no skill" says nothing
    asked = _skill_matrix(model, state.items).sum(0) if len(state.items) else np.zeros(model.n_skills)
    asked[0] = 0.0
    remaining = hot.sum(0)
    tagged = np.maximum(hot.sum(1), 1.0)
    candidate = np.column_stack([
        fisher, np.log(variance), np.log(fisher * variance + 1e-12), np.log(drop + 1e-12), np.abs(logit),
        np.linalg.norm(model.params["loading"][rows], axis=1), np.log1p(exposure[rows]),
        np.log1p(hot @ asked / tagged), (hot @ remaining - hot.sum(1)) / tagged / max(len(rows), 1),
    ])
    state_part = np.array([step / HORIZON, float(np.sqrt(max(covariance[0, 0], 0.0))), float(state.theta)])
    return np.hstack([_standardised(candidate), np.tile(state_part, (len(rows), 1))])


# ---------------------------------------------------------------------- policy
@dataclass
class SelectionPolicy:
    """A small network scoring candidates from :func:`candidate_features`; numpy inference.

    ``score = w2 . tanh(W1 x + b1) + linear . x``: a linear part that can
    reproduce any weighting of the features, plus a hidden layer for their
    interactions with the state (how the best trade-off moves with n).
    """

    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    linear: np.ndarray
    first_by_information: bool = False
    """Ask the first question by maximum information (closest to even odds) instead of by score;
    training sets it when that asks better on the validation students at n = 1."""
    info: dict[str, Any] = field(default_factory=dict)

    def scores(self, features: np.ndarray) -> np.ndarray:
        """One score per candidate row of ``features``."""
        return np.tanh(features @ self.w1.T + self.b1) @ self.w2 + features @ self.linear

    def choose(self, model: ResponseModel, state: StudentState, candidate_rows: np.ndarray,
               exposure: np.ndarray) -> int:
        """Index of the best-scored candidate (the first on a tie)."""
        if self.first_by_information and not len(state.items):
            p = _sigmoid(model._logits(np.array([state.theta]), state.tau[None, :], state.u[None, :], candidate_rows)[0])
            return int(np.argmax(p * (1 - p)))
        features = candidate_features(model, state, candidate_rows, exposure, len(state.items))
        return int(np.argmax(self.scores(features)))

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "format_version": 1, "candidate_features": list(CANDIDATE_FEATURES),
                "state_features": list(STATE_FEATURES), "w1": self.w1.tolist(), "b1": self.b1.tolist(),
                "w2": self.w2.tolist(), "linear": self.linear.tolist(),
                "first_by_information": self.first_by_information, "info": self.info}

    def save(self, path: str | os.PathLike[str]) -> Path:
        return write_text(path, json.dumps(self.to_dict(), indent=1) + "\n", make_folder=True)

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> "SelectionPolicy":
        """A saved policy (``None``: the shipped one), checked against this code's features."""
        target = default_selection_path() if path is None else Path(path)
        try:
            data = json.loads(Path(target).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise LamplightError(f"No question-selection policy at {target}; train one with "
                                 "`python -m engine train-selection --data DIR --out FILE.json`.") from None
        except (OSError, ValueError) as error:
            raise LamplightError(f"The question-selection policy at {target} cannot be read ({error}).") from None
        if data.get("format") != FORMAT or data.get("candidate_features") != list(CANDIDATE_FEATURES) \
                or data.get("state_features") != list(STATE_FEATURES):
            raise LamplightError(f"{target} is not a question-selection policy for this version of Lamplight.")
        return cls(*(np.asarray(data[k], dtype=np.float64) for k in ("w1", "b1", "w2", "linear")),
                   first_by_information=bool(data.get("first_by_information", False)), info=data.get("info", {}))


class SelectingModel:
    """A response model whose ``next_item`` is a learned policy; everything else is the model's own."""

    def __init__(self, base: ResponseModel, policy: SelectionPolicy, name: str | None = None) -> None:
        self.base = base
        self.policy = policy
        self.name = name or f"{base.name}+learned"
        self.exposure = np.zeros(base.n_items + 1)

    def calibrate(self, history: Responses, items: Mapping[str, Sequence[str]]) -> None:
        self.base.calibrate(history, items)
        self.attach(history)

    def attach(self, history: Responses) -> None:
        """Count the class history's answers per exercise (a feature) for the base model's bank."""
        self.exposure = exposure_counts(self.base, history)

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> StudentState:
        return self.base.adapt(item_ids, correct)

    def predict(self, state: StudentState | None, item_ids: Sequence[str]) -> np.ndarray:
        return self.base.predict(state, item_ids)

    def skill_mastery(self, state: StudentState | None, skill_ids: Sequence[str]) -> Any:
        return self.base.skill_mastery(state, skill_ids)

    def next_item(self, state: StudentState | None, candidates: Sequence[str]) -> int:
        if not len(candidates):
            raise LamplightError("next_item needs at least one candidate exercise.")
        if len(self.exposure) != self.base.n_items + 1:
            raise LamplightError("The selection policy's model was calibrated again without attach(history).")
        return self.policy.choose(self.base, state or self.base.initial_state(), self.base.item_rows(candidates),
                                  self.exposure)


def selecting(model: Any, history: Responses, policy: SelectionPolicy | None = None) -> SelectingModel:
    """``model`` (a calibrated response model) choosing questions by ``policy`` (default: the shipped one)."""
    base = model.base if isinstance(model, SelectingModel) else model
    if not isinstance(base, ResponseModel):
        raise LamplightError(f"The learned question-selection policy needs the response model (default, metasgd, "
                             f"maml, ...); {getattr(model, 'name', model)!r} is not one.")
    chooser = SelectingModel(base, policy or SelectionPolicy.load(), name=getattr(model, "name", None))
    chooser.attach(history)
    return chooser


# ---------------------------------------------------------------------- training
@dataclass
class SelectionSettings:
    """Hyperparameters of policy training (not tuned on any test student)."""

    train_students: int = 400  # history students whose choices train the policy
    validation_students: int = 200  # other history students that pick the epoch
    hidden: int = 8
    epochs: int = 8  # passes over the cached choice states per round
    rounds: int = 2  # round 1: random and max-information states; later rounds add the policy's own
    candidates_per_state: int = 48  # candidates whose reward is computed exactly (a seeded sample)
    reward_steps: tuple[int, ...] = (0, 1, 2, 3, 4, 6, 9, 14, 19)  # choice states kept from each rollout
    lr: float = 0.01
    weight_decay: float = 1e-4
    seed: int = 0


@dataclass
class _Student:
    pool_rows: np.ndarray
    pool_correct: np.ndarray
    query_rows: np.ndarray
    query_correct: np.ndarray


def _history_tasks(model: ResponseModel, history: Responses, seed: int) -> list[_Student]:
    """Each history student's answers split as the protocol splits a test student: 80% pool, 20% query."""
    tasks = []
    for student, (items, correct) in history.by_student().items():
        order = list(range(len(items)))
        random.Random(f"selection:{seed}:{student}").shuffle(order)
        cut = int(0.8 * len(order))
        if cut < 1 or cut == len(order):
            continue
        rows = model.item_rows([items[i] for i in order])
        y = np.asarray([correct[i] for i in order], dtype=np.float64)
        tasks.append(_Student(rows[:cut], y[:cut], rows[cut:], y[cut:]))
    random.Random(f"selection-students:{seed}").shuffle(tasks)
    return tasks


def _adapted(model: ResponseModel, rows: np.ndarray, correct: np.ndarray) -> StudentState:
    if not len(rows):
        return model.initial_state()
    weights = model.answer_weights(len(rows))
    theta, tau, u = model.adapt_rows(rows[None, :], correct[None, :], weights[None, :])
    return StudentState(float(theta[0]), tau[0], u[0], rows, correct, weights)


def candidate_rewards(model: ResponseModel, task: _Student, asked: list[int], candidates: np.ndarray) -> np.ndarray:
    """Query log-likelihood (mean per answer) after adapting on the asked answers plus each candidate's."""
    base_rows, base_y = task.pool_rows[asked], task.pool_correct[asked]
    count = len(candidates)
    rows = np.column_stack([np.tile(base_rows, (count, 1)), task.pool_rows[candidates]])
    y = np.column_stack([np.tile(base_y, (count, 1)), task.pool_correct[candidates]])
    weights = np.tile(model.answer_weights(rows.shape[1]), (count, 1))
    theta, tau, u = model.adapt_rows(rows, y, weights)
    p = np.clip(_sigmoid(model._logits(theta, tau, u, task.query_rows)), 1e-6, 1 - 1e-6)
    q = task.query_correct[None, :]
    return (q * np.log(p) + (1 - q) * np.log(1 - p)).mean(1)


Chooser = Callable[[StudentState, np.ndarray, int], int]


def _rollout(model: ResponseModel, task: _Student, choose: Chooser, steps: int) -> list[tuple[list[int], StudentState]]:
    """The (asked pool indices, adapted state) before each of ``steps`` choices, and the choices made."""
    asked: list[int] = []
    visited = []
    for step in range(min(steps, len(task.pool_rows))):
        state = _adapted(model, task.pool_rows[asked], task.pool_correct[asked])
        visited.append((list(asked), state))
        remaining = np.setdiff1d(np.arange(len(task.pool_rows)), asked)
        asked.append(int(remaining[choose(state, remaining, step)]))
    return visited


def _max_information(model: ResponseModel, task: _Student) -> Chooser:
    def choose(state: StudentState, remaining: np.ndarray, step: int) -> int:
        rows = task.pool_rows[remaining]
        p = _sigmoid(model._logits(np.array([state.theta]), state.tau[None, :], state.u[None, :], rows)[0])
        return int(np.argmax(p * (1 - p)))
    return choose


def _random_choice(seed: str) -> Chooser:
    generator = random.Random(seed)
    return lambda state, remaining, step: generator.randrange(len(remaining))


def _policy_choice(model: ResponseModel, task: _Student, policy: SelectionPolicy, exposure: np.ndarray) -> Chooser:
    return lambda state, remaining, step: policy.choose(model, state, task.pool_rows[remaining], exposure)


def _collect(model: ResponseModel, tasks: Sequence[_Student], chooser_for: Callable[[int, _Student], Chooser],
             exposure: np.ndarray, settings: SelectionSettings, tag: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features, standardised rewards) of a seeded sample of candidates at each kept choice state."""
    states = []
    keep = set(settings.reward_steps)
    for index, task in enumerate(tasks):
        sampler = np.random.default_rng([settings.seed, tag, index])
        for step, (asked, state) in enumerate(_rollout(model, task, chooser_for(index, task), HORIZON)):
            if step not in keep:
                continue
            remaining = np.setdiff1d(np.arange(len(task.pool_rows)), asked)
            if len(remaining) < 2:
                continue
            if len(remaining) > settings.candidates_per_state:
                remaining = np.sort(sampler.choice(remaining, settings.candidates_per_state, replace=False))
            rewards = candidate_rewards(model, task, asked, remaining)
            if rewards.std() < 1e-9:
                continue
            features = candidate_features(model, state, task.pool_rows[remaining], exposure, step)
            states.append((features, rewards - rewards.mean()))
    return states


def _scaled(states: list[tuple[np.ndarray, np.ndarray]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Rewards divided by one spread over all states: a choice whose candidates barely differ weighs little."""
    spread = float(np.sqrt(np.mean(np.concatenate([r for _, r in states]) ** 2))) if states else 1.0
    return [(x, r / max(spread, 1e-12)) for x, r in states]


def validation_auc(model: ResponseModel, tasks: Sequence[_Student], choose_for: Callable[[_Student], Chooser],
                   ns: Sequence[int] = VALIDATION_NS) -> float:
    """Query AUC pooled over the students and the given n, each student asked by ``choose_for``."""
    ys, ps = [], []
    for task in tasks:
        visited = _rollout(model, task, choose_for(task), max(ns) + 1)
        for n in ns:
            if n >= len(visited):
                continue
            state = visited[n][1]
            ps.append(_sigmoid(model._logits(np.array([state.theta]), state.tau[None, :], state.u[None, :],
                                             task.query_rows)[0]))
            ys.append(task.query_correct)
    return float(summarize(np.concatenate(ys), np.concatenate(ps))["auc"])


def _fit(states: list[tuple[np.ndarray, np.ndarray]], start: SelectionPolicy, settings: SelectionSettings,
         epoch_done: Callable[[int, SelectionPolicy], None], round_index: int) -> None:
    """Adam on -sum_i softmax(score)_i * reward_i over the cached states, one state per step, seeded order."""
    import torch

    torch.manual_seed(settings.seed + round_index)
    params = [torch.tensor(getattr(start, k), dtype=torch.float64, requires_grad=True)
              for k in ("w1", "b1", "w2", "linear")]
    optimiser = torch.optim.Adam(params, lr=settings.lr, weight_decay=settings.weight_decay)
    tensors = [(torch.from_numpy(x), torch.from_numpy(r)) for x, r in states]
    order = np.random.default_rng([settings.seed, round_index])
    for epoch in range(settings.epochs):
        for index in order.permutation(len(tensors)):
            x, r = tensors[index]
            w1, b1, w2, linear = params
            scores = torch.tanh(x @ w1.T + b1) @ w2 + x @ linear
            loss = -(torch.softmax(scores, 0) * r).sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        epoch_done(epoch, SelectionPolicy(*(p.detach().numpy().copy() for p in params)))


def train_policy(model: ResponseModel, history: Responses, settings: SelectionSettings | None = None,
                 progress: Progress | None = None) -> SelectionPolicy:
    """Train the selection policy for a calibrated ``model`` on ``history`` (history students only)."""
    import torch

    from engine.model.reproducible import pinned_torch

    settings = settings or SelectionSettings()
    say = progress or (lambda message: None)
    tasks = _history_tasks(model, history, settings.seed)
    wanted = settings.train_students + settings.validation_students
    if len(tasks) < 4:
        raise LamplightError(f"Training a question-selection policy needs at least 4 history students "
                             f"with 2 or more answers (got {len(tasks)}).")
    tasks = tasks[:wanted]
    cut = max(1, min(settings.train_students, len(tasks) * settings.train_students // wanted))
    train, validation = tasks[:cut], tasks[cut:]
    exposure = exposure_counts(model, history)
    features = len(CANDIDATE_FEATURES) + len(STATE_FEATURES)
    start = _shipped_rule_policy(features, settings.hidden, settings.seed)
    best = {"auc": validation_auc(model, validation, lambda task: _policy_choice(model, task, start, exposure)),
            "policy": start, "round": 0, "epoch": 0}
    say(f"selection: validation AUC of the starting point (the shipped rule's score) {best['auc']:.4f}")
    states: list[tuple[np.ndarray, np.ndarray]] = []
    with pinned_torch(1):
        for round_index in range(settings.rounds):
            if round_index == 0:
                choosers = [lambda i, task: _random_choice(f"{settings.seed}:{round_index}:{i}"),
                            lambda i, task: _max_information(model, task)]
            else:
                current = best["policy"]
                choosers = [lambda i, task, current=current: _policy_choice(model, task, current, exposure)]
            for tag, chooser_for in enumerate(choosers):
                states += _collect(model, train, chooser_for, exposure, settings, 10 * round_index + tag)
            say(f"selection round {round_index + 1}: {len(states)} choice states")

            def epoch_done(epoch: int, candidate: SelectionPolicy, round_index: int = round_index) -> None:
                auc = validation_auc(model, validation, lambda task: _policy_choice(model, task, candidate, exposure))
                say(f"selection round {round_index + 1} epoch {epoch + 1}: validation AUC {auc:.4f}")
                if auc > best["auc"]:
                    best.update(auc=auc, policy=candidate, round=round_index + 1, epoch=epoch + 1)

            _fit(_scaled(states), best["policy"], settings, epoch_done, round_index)
    chosen = _first_question_rule(model, validation, best["policy"], exposure, say)
    chosen.info = {"validation_auc": round(best["auc"], 6), "round": best["round"], "epoch": best["epoch"],
                   "train_students": len(train), "validation_students": len(validation), "states": len(states),
                   "settings": asdict(settings), "torch": torch.__version__}
    return chosen


def _first_question_rule(model: ResponseModel, validation: Sequence[_Student], policy: SelectionPolicy,
                         exposure: np.ndarray, say: Progress) -> SelectionPolicy:
    """``policy`` asking its first question by score or by maximum information, whichever the validation
    students' query AUC at n = 1 prefers (the first choice sees no answer of the student yet)."""
    informed = replace(policy, first_by_information=True, info={})
    scored, by_information = (validation_auc(model, validation, lambda task, p=p: _policy_choice(model, task, p, exposure),
                                             ns=(1,)) for p in (policy, informed))
    say(f"selection: first question by score {scored:.4f}, by maximum information {by_information:.4f} (n = 1)")
    return informed if by_information > scored else policy


def _shipped_rule_policy(features: int, hidden: int, seed: int) -> SelectionPolicy:
    """Where training starts, and what is kept if no epoch validates better: the shipped rule's score.

    The linear part ranks by ``log p(1-p) g'Sg`` (the response model's own
    ``next_item`` from the second question on); the hidden layer starts small
    and silent so its gradients are not zero.
    """
    linear = np.zeros(features)
    linear[CANDIDATE_FEATURES.index("log_shipped_score")] = 3.0
    rng = np.random.default_rng(seed)
    return SelectionPolicy(rng.normal(0, 0.1, (hidden, features)), np.zeros(hidden), np.zeros(hidden), linear)
