"""Meta-training of :class:`~engine.model.response.ResponseModel` (calibrate, train, fine-tune).

Every history student is a task. A batch of students is drawn; for each,
a random support set of 1-20 answers and a query set of (up to 64) other
answers; the student's parameters are adapted on the support set by the
learner of :mod:`engine.model.meta` (vmapped over the batch) and the query
loss is backpropagated into the exercise/skill parameters, the student
initialisation, the prior precisions and (Meta-SGD) the step sizes.
"""
from __future__ import annotations

import copy
import math
import time
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import numpy as np

from engine.data import split_holdout
from engine.model.interface import Responses
from engine.model.optim import Adam  # noqa: F401  (also used by the loadings' fit)

if TYPE_CHECKING:
    from engine.model.response import ResponseModel

ProgressFn = Callable[[float, str], None]
StopFn = Callable[[], bool]


class Interrupted(Exception):
    """Training stopped because ``should_stop()`` said so; the model keeps its last finished step."""


def make_losses(skill_idx: Any, skill_w: Any) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """(inner_loss, outer_loss) as pure functions of (fast, shared, batch) for ``torch.func``.

    ``batch`` holds ``rows`` (exercise rows), ``y`` (correctness) and ``mask``
    (1 for real answers, 0 for padding). The inner loss is the negative log
    posterior the student adapts on (answers + Gaussian prior around the
    initialisation); the outer loss is the mean log loss on the query answers.
    """
    import torch
    import torch.nn.functional as F

    def logits(fast: Mapping[str, Any], shared: Mapping[str, Any], rows: Any) -> Any:
        sidx, sw = skill_idx[rows], skill_w[rows]
        difficulty = shared["beta0"] + (shared["beta_skill"][sidx] * sw).sum(-1) + shared["delta"][rows]
        latent = (fast["u"] * shared["loading"][rows]).sum(-1)
        return fast["theta"] + (fast["tau"][sidx] * sw).sum(-1) + latent - difficulty

    def data_terms(fast: Mapping[str, Any], shared: Mapping[str, Any], batch: Mapping[str, Any]) -> Any:
        logit = logits(fast, shared, batch["rows"])
        return F.binary_cross_entropy_with_logits(logit, batch["y"], reduction="none") * batch["mask"]

    def inner_loss(fast: Mapping[str, Any], shared: Mapping[str, Any], batch: Mapping[str, Any]) -> Any:
        prior = 0.5 * torch.exp(shared["log_prec_theta"]) * ((fast["theta"] - shared["theta0"]) ** 2).sum()
        prior = prior + 0.5 * torch.exp(shared["log_prec_tau"]) * ((fast["tau"] - shared["tau0"]) ** 2).sum()
        prior = prior + 0.5 * torch.exp(shared["log_prec_u"]) * (fast["u"] ** 2).sum()
        return data_terms(fast, shared, batch).sum() + prior

    def outer_loss(fast: Mapping[str, Any], shared: Mapping[str, Any], batch: Mapping[str, Any]) -> Any:
        # query weights stand for all of the student's answers outside the support set
        return data_terms(fast, shared, batch).sum()

    return inner_loss, outer_loss


def _vocabulary(history: Responses, items: Mapping[str, Sequence[str]]) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    bank: dict[str, tuple[str, ...]] = {}
    for item, skills in zip(history.item_ids, history.skill_ids):
        bank.setdefault(item, tuple(skills))
    for item, skills in items.items():
        bank[item] = tuple(skills)
    skills = sorted({s for ks in bank.values() for s in ks if s})
    return skills, bank


def _count_init(model: ResponseModel, rows: np.ndarray, y: np.ndarray) -> None:
    """Start difficulties from smoothed correct rates (skill level, then exercise level)."""
    s = model.settings
    base = model.meta["theta0"] + model.meta["tau0"]
    p_all = float(np.clip(y.mean() if len(y) else 0.6, 0.05, 0.95))
    model.meta["beta0"] = base - _logit(p_all)
    sidx, sw = model.skill_idx[rows], model.skill_w[rows]
    k = model.n_skills
    skill_n = np.bincount(sidx.reshape(-1), weights=sw.reshape(-1), minlength=k)
    skill_c = np.bincount(sidx.reshape(-1), weights=(sw * y[:, None]).reshape(-1), minlength=k)
    p_skill = (skill_c + 20 * p_all) / (skill_n + 20)
    beta_skill = base - _logit(p_skill) - model.meta["beta0"]
    item_n = np.bincount(rows, minlength=model.n_items + 1)
    item_c = np.bincount(rows, weights=y, minlength=model.n_items + 1)
    skill_part = (beta_skill[model.skill_idx] * model.skill_w).sum(-1)
    p_prior = _sigmoid(base - model.meta["beta0"] - skill_part)
    strength = 4.0 * s.item_prior
    p_item = (item_c + strength * p_prior) / (item_n + strength)
    model.params["beta_skill"] = beta_skill
    model.params["delta"] = base - _logit(p_item) - model.meta["beta0"] - skill_part


def _logit(p: Any) -> Any:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _sigmoid(x: Any) -> Any:
    return 1.0 / (1.0 + np.exp(-x))


def prepare_vocabulary(model: ResponseModel, history: Responses, items: Mapping[str, Sequence[str]],
                       warm_start: bool) -> None:
    """Set the model's exercises/skills to those of ``history`` + ``items``, keeping known parameters when warm."""
    skills, bank = _vocabulary(history, items)
    if warm_start and model.n_items:
        skills = list(dict.fromkeys([s for s in model.skills if s] + skills))
        bank = {**{item: tuple(s for s in model.skills_of(item)) for item in model.items}, **bank}
    old = (model.items, model.skills, {k: v.copy() for k, v in model.params.items()}) if warm_start else None
    model.set_vocabulary(skills, bank)
    fresh = model.fresh_params()
    if old is not None:
        old_items, old_skills, old_params = old
        old_item_index = {item: i for i, item in enumerate(old_items)}
        for k, skill in enumerate(model.skills):
            if skill in old_skills:
                j = old_skills.index(skill)
                for name in ("beta_skill", "tau0", "lr_tau"):
                    fresh[name][k] = old_params[name][j]
        for i, item in enumerate(model.items):
            if item in old_item_index:
                fresh["delta"][i] = old_params["delta"][old_item_index[item]]
                fresh["loading"][i] = old_params["loading"][old_item_index[item]]
    model.params = fresh


def student_tasks(model: ResponseModel, history: Responses) -> list[tuple[np.ndarray, np.ndarray]]:
    """(rows, correct) per history student with at least two answers."""
    tasks = []
    for items, ys in history.by_student().values():
        if len(items) >= 2:
            tasks.append((model.item_rows(items), np.asarray(ys, dtype=np.float32)))
    return tasks


def student_soft_targets(history: Responses) -> list[np.ndarray] | None:
    """Per history student (as :func:`student_tasks`), the query targets in ``extra["soft_target"]``, if any.

    Distillation (:mod:`engine.model.distill`) puts a teacher's predictions mixed with the answers there.
    """
    soft = history.extra.get("soft_target")
    if soft is None:
        return None
    groups: dict[str, list[float]] = {}
    for student, value in zip(history.student_ids, soft):
        groups.setdefault(student, []).append(float(value))
    return [np.asarray(values, dtype=np.float32) for values in groups.values() if len(values) >= 2]


def sample_batch(tasks: Sequence[tuple[np.ndarray, np.ndarray]], chosen: Sequence[int], rng: np.random.Generator,
                 max_support: int, max_query: int, pad_row: int,
                 query_targets: Sequence[np.ndarray] | None = None) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Padded support/query arrays for the chosen students (support size uniform in 1..max_support).

    ``query_targets`` (per task, aligned with its answers) replace the answers as the query's targets.
    """
    b = len(chosen)
    support = {"rows": np.full((b, max_support), pad_row, np.int64), "y": np.zeros((b, max_support), np.float32),
               "mask": np.zeros((b, max_support), np.float32)}
    query = {"rows": np.full((b, max_query), pad_row, np.int64), "y": np.zeros((b, max_query), np.float32),
             "mask": np.zeros((b, max_query), np.float32)}
    for j, t in enumerate(chosen):
        rows, ys = tasks[t]
        order = rng.permutation(len(rows))
        n_support = int(rng.integers(1, min(max_support, len(rows) - 1) + 1))
        s_idx, q_idx = order[:n_support], order[n_support:n_support + max_query]
        support["rows"][j, :n_support], support["y"][j, :n_support], support["mask"][j, :n_support] = rows[s_idx], ys[s_idx], 1
        q = len(q_idx)
        targets = ys if query_targets is None else query_targets[t]
        query["rows"][j, :q], query["y"][j, :q] = rows[q_idx], targets[q_idx]
        query["mask"][j, :q] = (len(rows) - n_support) / q
    return support, query


def flip_support(support: dict[str, np.ndarray], share: float, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """The support answers with each real one flipped with probability ``share`` (lucky guesses and slips)."""
    flips = (rng.random(support["y"].shape) < share) & (support["mask"] > 0)
    return {**support, "y": np.where(flips, 1.0 - support["y"], support["y"]).astype(np.float32)}


def meta_train(model: ResponseModel, history: Responses, items: Mapping[str, Sequence[str]], warm_start: bool = False,
               progress: ProgressFn | None = None, should_stop: StopFn | None = None, steps: int | None = None,
               device: Any = None, learn_meta: bool = True) -> dict[str, Any]:
    """Meta-train ``model`` in place on ``history``; returns a summary (steps, final loss, CPU seconds).

    ``warm_start`` keeps the exercise parameters the model already has
    (fine-tuning); otherwise they start from smoothed counts.
    ``learn_meta=False`` keeps the meta-parameters (initialisation, priors,
    step sizes) and refines only the exercise and skill difficulties. Raises
    :class:`Interrupted` when ``should_stop()`` turns true (parameters of the
    last finished step are kept in the model).
    """
    import torch

    threads = torch.get_num_threads()
    if (device is None or torch.device(device).type == "cpu") and threads > 1:
        # The tensors are small: extra intra-op threads cost more in hand-offs than they save
        # (measured 0.12 s vs 0.68 s per step on a busy 2-core machine), and leave the GUI a core.
        torch.set_num_threads(1)
    try:
        return _meta_train(model, history, items, warm_start, progress, should_stop, steps, device, learn_meta)
    finally:
        torch.set_num_threads(threads)


def _meta_train(model: ResponseModel, history: Responses, items: Mapping[str, Sequence[str]], warm_start: bool,
                progress: ProgressFn | None, should_stop: StopFn | None, steps: int | None, device: Any,
                learn_meta: bool) -> dict[str, Any]:
    import torch

    from engine.model.loadings import fit_loadings, worth_fitting
    from engine.model.meta import make_learner
    from engine.model.parallel import current_group

    began_cpu = time.process_time()
    settings = model.settings
    progress = progress or (lambda fraction, message: None)
    should_stop = should_stop or (lambda: False)
    device = device or torch.device("cpu")
    prepare_vocabulary(model, history, items, warm_start)
    tasks = student_tasks(model, history)
    soft_targets = student_soft_targets(history)
    if not tasks:
        model.info.update({"calibrated_on": 0})
        return {"steps": 0, "loss": float("nan"), "cpu_s": 0.0}
    all_rows = np.concatenate([r for r, _ in tasks])
    all_y = np.concatenate([y for _, y in tasks]).astype(np.float64)
    if not warm_start:
        _count_init(model, all_rows, all_y)
        if worth_fitting(all_rows, settings.loading_dims, settings.loading_min_answers):
            progress(0.0, "fitting exercise loadings")
            students = np.repeat(np.arange(len(tasks)), [len(r) for r, _ in tasks])
            model.params["loading"] = fit_loadings(students, all_rows, all_y, model.n_items + 1, settings.loading_dims,
                                                   settings.loading_prior, seed=settings.seed, device=device)
    total_steps = steps if steps is not None else model.settings.outer_steps

    f32 = dict(dtype=torch.float32, device=device)
    skill_idx = torch.as_tensor(model.skill_idx, device=device)
    skill_w = torch.as_tensor(model.skill_w, **f32)
    shared = {
        "beta0": torch.tensor(model.meta["beta0"], **f32), "beta_skill": torch.as_tensor(model.params["beta_skill"], **f32),
        "delta": torch.as_tensor(model.params["delta"], **f32), "theta0": torch.tensor([model.meta["theta0"]], **f32),
        "tau0": torch.as_tensor(model.params["tau0"], **f32), "log_prec_theta": torch.tensor(model.meta["log_prec_theta"], **f32),
        "log_prec_tau": torch.tensor(model.meta["log_prec_tau"], **f32),
        "log_prec_u": torch.tensor(model.meta["log_prec_u"], **f32),
    }
    for value in shared.values():
        value.requires_grad_(True)
    shared["loading"] = torch.as_tensor(model.params["loading"], **f32)  # fixed: fitted before meta-training
    u0 = torch.zeros(model.loading_dims, **f32).requires_grad_(True)  # every student starts at the centre
    inner_loss, outer_loss = make_losses(skill_idx, skill_w)
    fast_like = {"theta": shared["theta0"], "tau": shared["tau0"], "u": u0}
    learner = make_learner(settings.algorithm, inner_loss, fast_like, settings.inner_lr, settings.inner_steps, outer_loss)
    if settings.algorithm == "metasgd":
        learner.lrs["theta"].data.fill_(model.meta["lr_theta"])
        learner.lrs["tau"].data.copy_(torch.as_tensor(model.params["lr_tau"], **f32))
        learner.lrs["u"] = torch.full((1,), model.meta["lr_u"], **f32).requires_grad_(True)  # one step size for all dims
    meta_params = [v for k, v in shared.items() if k not in ("delta", "beta_skill", "loading")] + learner.parameters()
    optimiser = Adam(meta_params, lr=settings.outer_lr)
    rng = np.random.default_rng(settings.seed)
    flip_rng = np.random.default_rng([settings.seed, 1])  # its own stream: no flips leaves the batches unchanged
    responses = float(len(all_rows))
    # Curvature of the log posterior per exercise/skill: the difficulties take damped Newton steps.
    item_counts = np.bincount(all_rows, minlength=model.n_items + 1).astype(np.float64)
    skill_counts = np.bincount(model.skill_idx[all_rows].reshape(-1), weights=model.skill_w[all_rows].reshape(-1),
                               minlength=model.n_skills)
    item_scale = torch.as_tensor(settings.item_lr / (0.2 * item_counts + settings.item_prior), **f32)
    skill_scale = torch.as_tensor(settings.item_lr / (0.2 * skill_counts + settings.skill_prior), **f32)
    batch_size = len(tasks) if settings.batch_students <= 0 else min(settings.batch_students, len(tasks))
    task_scale = len(tasks)  # meta_backward averages over tasks; the posterior sums over them
    loss_ema = float("nan")
    report_every = max(1, total_steps // 100)
    for step in range(total_steps):
        if should_stop():
            _write_back(model, shared, learner)
            raise Interrupted(f"stopped after {step} of {total_steps} steps")
        chosen = rng.choice(len(tasks), size=batch_size, replace=False) if batch_size < len(tasks) else np.arange(len(tasks))
        support, query = sample_batch(tasks, chosen, rng, settings.max_support, settings.max_query, model.n_items,
                                      soft_targets)
        if settings.support_flip > 0:
            support = flip_support(support, settings.support_flip, flip_rng)
        query_scale = float(query["mask"].sum() / len(chosen))
        group = current_group()  # under torchrun: this process keeps its share of the batch, gradients are summed
        if group is not None:
            support, query = group.shard(support), group.shard(query)
        support_t = {k: torch.as_tensor(v, device=device) for k, v in support.items()}
        query_t = {k: torch.as_tensor(v, device=device) for k, v in query.items()}
        for value in list(shared.values()) + learner.parameters() + [u0]:
            value.grad = None
        init = {"theta": shared["theta0"], "tau": shared["tau0"], "u": u0}
        loss = learner.meta_backward(init, shared, support_t, query_t) / query_scale
        if group is not None:
            local = len(support["y"])
            trained = [v for k, v in shared.items() if k != "loading"] + learner.parameters() + [u0]
            group.average_gradients(trained, local, len(chosen))
            loss = group.sum_float(loss * local / len(chosen))
        decay = 1.0 - 0.9 * step / max(1, total_steps - 1)  # linear decay to 10%: the last steps average out sampling noise
        optimiser.lr = settings.outer_lr * decay
        if learn_meta:
            optimiser.step()
        with torch.no_grad():
            for name, prior, scale in (("delta", settings.item_prior, item_scale), ("beta_skill", settings.skill_prior, skill_scale)):
                value = shared[name]
                if value.grad is not None:
                    value -= decay * scale * (value.grad * task_scale + prior * value)
            for lr in learner.parameters():
                lr.clamp_(0.005, 2.0)
            shared["log_prec_theta"].clamp_(-3.0, 5.0)
            shared["log_prec_tau"].clamp_(-3.0, 5.0)
            shared["log_prec_u"].clamp_(-3.0, 5.0)
        loss_ema = loss if math.isnan(loss_ema) else 0.95 * loss_ema + 0.05 * loss
        if (step + 1) % report_every == 0 or step + 1 == total_steps:
            progress((step + 1) / total_steps, f"step {step + 1}/{total_steps}, query loss {loss_ema:.4f}")
    _write_back(model, shared, learner)
    summary = {"steps": total_steps, "loss": loss_ema, "cpu_s": time.process_time() - began_cpu,
               "students": len(tasks), "responses": int(responses)}
    model.info.update({"calibration": summary})
    return summary


def _write_back(model: ResponseModel, shared: Mapping[str, Any], learner: Any) -> None:
    model.meta["beta0"] = float(shared["beta0"].detach())
    model.meta["theta0"] = float(shared["theta0"].detach()[0])
    model.meta["log_prec_theta"] = float(shared["log_prec_theta"].detach())
    model.meta["log_prec_tau"] = float(shared["log_prec_tau"].detach())
    model.meta["log_prec_u"] = float(shared["log_prec_u"].detach())
    model.params["beta_skill"] = shared["beta_skill"].detach().cpu().double().numpy().copy()
    model.params["delta"] = shared["delta"].detach().cpu().double().numpy().copy()
    model.params["tau0"] = shared["tau0"].detach().cpu().double().numpy().copy()
    if model.settings.algorithm == "metasgd":
        model.meta["lr_theta"] = float(learner.lrs["theta"].detach()[0])
        model.params["lr_tau"] = learner.lrs["tau"].detach().cpu().double().numpy().copy()
        model.meta["lr_u"] = float(learner.lrs["u"].detach()[0])
    else:
        model.meta["lr_theta"] = model.settings.inner_lr
        model.meta["lr_u"] = model.settings.inner_lr
        model.params["lr_tau"] = np.full(model.n_skills, model.settings.inner_lr)
    model.meta["tau0"] = float(np.mean(model.params["tau0"]))


RECENCY_CHOICES = (0.0, 100.0, 50.0)  # half-lives (in answers) that on-laptop learning chooses from


def fine_tune(model: ResponseModel, history: Responses, progress: ProgressFn | None = None,
              should_stop: StopFn | None = None) -> ResponseModel:
    """Learn from a class's own answers (the on-laptop learning); returns the model, changed in place.

    What the model learned across thousands of students (initialisation,
    priors, step sizes) is kept: one class is too few students to re-learn
    it. What belongs to the class is refined: its exercises' and skills'
    difficulties take further steps on its answers, and the weight of recent
    answers against old ones (students learn) is chosen from
    :data:`RECENCY_CHOICES` by predicting each student's latest answers from
    their earlier ones. ``progress(fraction, message)`` reports,
    ``should_stop()`` cancels (raising :class:`Interrupted`). A model that
    was never calibrated is meta-trained in full instead.
    """
    progress = progress or (lambda fraction, message: None)
    if not model.n_items:
        meta_train(model, history, {}, progress=progress, should_stop=should_stop)
        return model
    earlier, latest = split_holdout(history)
    trial = copy.deepcopy(model)
    meta_train(trial, earlier, {}, warm_start=True, learn_meta=False, should_stop=should_stop,
               progress=lambda f, m: progress(0.45 * f, f"checking on the latest answers: {m}"))
    losses = {}
    for halflife in RECENCY_CHOICES:
        trial.settings.recency_halflife = halflife
        losses[halflife] = latest_log_loss(trial, earlier, latest)
    model.settings.recency_halflife = min(losses, key=losses.__getitem__)
    progress(0.5, "refining the exercises' difficulties")
    meta_train(model, history, {}, warm_start=True, learn_meta=False, should_stop=should_stop,
               progress=lambda f, m: progress(0.5 + 0.5 * f, m))
    model.info["fine_tune"] = {"recency_halflife": model.settings.recency_halflife,
                               "latest_log_loss": {str(k): round(v, 4) for k, v in losses.items()}}
    return model


def latest_log_loss(model: ResponseModel, earlier: Responses, latest: Responses) -> float:
    """Mean log loss of predicting each student's ``latest`` answers after adapting on their ``earlier`` ones."""
    seen = earlier.by_student()
    total, count = 0.0, 0
    for student, (items, ys) in latest.by_student().items():
        p = np.clip(model.predict(model.adapt(*seen.get(student, ([], []))), items), 1e-6, 1 - 1e-6)
        y = np.asarray(ys, dtype=np.float64)
        total -= float(np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
        count += len(y)
    return total / max(1, count)
