"""A memory-based cold-start family: a SNAIL-style model that reads the asked answers.

SNAIL (Mishra et al. 2018) meta-learns by reading a task's labelled examples with
temporal (dilated causal) convolutions and causal attention, then answers the query from
that memory: no gradient steps at test time. Here a task is one student: the labelled
examples are the answers asked so far (the support), the queries are the exercises to
predict. The network

* represents an exercise by what transfers to exercises with few answers: the mean of its
  skills' embeddings plus features from a 1PL IRT calibration on the history (the
  exercise's difficulty, how many answers it rests on, whether it had any, and its skills'
  mean difficulty), never a per-exercise learned vector;
* turns each support answer into a token (exercise, right/wrong, surprise = answer minus
  the IRT chance at average ability), runs dilated causal convolutions and causal
  self-attention over the tokens (SNAIL's TC and attention blocks);
* reads the memory with attention from each query exercise (plus a learned empty slot, so
  no answers is allowed) and outputs a logit: a linear term of the exercise features plus
  an MLP of (query, what it read, the last memory state, support statistics).

Meta-training is episodic on the history students, with support/query splits like the
protocol's: for each student, a random support of 0-20 answers and a query of up to 64
others. The exercise features of a history student come from an IRT fitted on the *other*
history students (5-fold cross-fitting), so the network never sees a difficulty computed
from the very answers it is asked to predict; at test time the features come from all the
history. Training stops by epochs and early stopping on a validation slice of the history
students (never by time; the step size halves after an epoch without gain), on one CPU
thread with torch's deterministic algorithms and a fixed seed. ``next_item`` asks the
candidate whose predicted P(correct) is closest to 1/2.
Implements :class:`~engine.model.interface.StudentModel`.
"""
from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from engine.errors import LamplightError
from engine.model.baselines import fit_rasch
from engine.model.interface import Responses
from engine.model.reproducible import pinned_torch

FEATURES = ("difficulty", "log_answers", "answered", "skill_difficulty")
LOADING_DIMS = 2  # the response model's latent dimensions (its defaults: 2 dims, prior 100, 30 answers/exercise)


@dataclass
class SnailConfig:
    """Network size and episodic meta-training settings (fixed a priori, not tuned per dataset)."""

    dim: int = 32
    heads: int = 2
    dilations: tuple[int, ...] = (1, 2, 4, 8)
    dropout: float = 0.1
    max_support: int = 20
    max_query: int = 64
    folds: int = 5
    episodes_per_student: int = 4
    batch_students: int = 64
    learning_rate: float = 2e-3
    weight_decay: float = 1e-4
    max_epochs: int = 20
    patience: int = 3
    validation_share: float = 0.1
    irt_precision: float = 1.0
    # Two additions measured by the history students' validation loss on assist2017 and left off (both raised
    # it: 0.5823 without, 0.5830 with the summary, 0.5832 with both):
    loadings: bool = False  # add the exercises' multidimensional-IRT loadings (when the history has enough answers)
    irt_summary: bool = False  # give the reader closed-form IRT statistics of the support (one Newton step of ability)
    threads: int = 1
    seed: int = 0


@dataclass
class SnailState:
    """The asked answers (exercise rows and scores), oldest first: the model's whole memory of a student."""

    rows: np.ndarray
    correct: np.ndarray


@dataclass
class TrainingLog:
    """Per-epoch training and validation log loss, and the epoch whose weights were kept."""

    epochs: list[dict[str, float]] = field(default_factory=list)
    best_epoch: int = -1


class ExerciseTable:
    """Per-exercise skill indices and IRT features; row ``len(items)`` is an exercise never seen."""

    def __init__(self, items: Mapping[str, Sequence[str]], skills: Sequence[str]) -> None:
        self.items = list(items)
        self.index = {item: i for i, item in enumerate(self.items)}
        self.skill_index = {s: k for k, s in enumerate(skills)}
        self.pad_skill = len(skills)
        width = max([1] + [len(set(ks)) for ks in items.values()])
        self.skills = np.full((len(self.items) + 1, width), self.pad_skill, dtype=np.int64)
        for i, item in enumerate(self.items):
            ks = sorted({self.skill_index[s] for s in items[item] if s in self.skill_index})
            self.skills[i, :len(ks)] = ks

    @property
    def unseen_row(self) -> int:
        return len(self.items)

    def rows(self, item_ids: Sequence[str]) -> np.ndarray:
        get, unseen = self.index.get, self.unseen_row
        return np.fromiter((get(item, unseen) for item in item_ids), dtype=np.int64, count=len(item_ids))

    def features(self, students: np.ndarray, rows: np.ndarray, y: np.ndarray, n_students: int,
                 precision: float, loadings: bool) -> np.ndarray:
        """[exercise rows, len(FEATURES) (+ LOADING_DIMS)] from a 1PL IRT fit on these answers.

        With ``loadings``, the exercise loadings of a multidimensional IRT fit follow (0 when the
        answers are too few per exercise, the response model's rule).
        """
        from engine.model.loadings import fit_loadings, worth_fitting

        n_rows = self.unseen_row + 1
        _, b = fit_rasch(students, rows, y, n_students, n_rows, precision)
        counts = np.bincount(rows, minlength=n_rows).astype(np.float64)
        answered = counts > 0
        b = np.where(answered, b, 0.0)
        total = np.zeros(self.pad_skill + 1)
        number = np.zeros(self.pad_skill + 1)
        np.add.at(total, self.skills[answered], b[answered, None])
        np.add.at(number, self.skills[answered], 1.0)
        skill_b = total / np.maximum(number, 1.0)
        skill_b[self.pad_skill] = 0.0
        present = self.skills != self.pad_skill
        mean_skill_b = (skill_b[self.skills] * present).sum(1) / np.maximum(present.sum(1), 1)
        mean_skill_b = np.where(present.any(1), mean_skill_b, float(b[answered].mean()) if answered.any() else 0.0)
        table = np.stack([b, np.log1p(counts) / 5.0, answered.astype(np.float64), mean_skill_b], axis=1)
        if not loadings:
            return table
        v = np.zeros((n_rows, LOADING_DIMS))
        if worth_fitting(rows, LOADING_DIMS, 30.0):
            v = fit_loadings(students, rows, y, n_rows, LOADING_DIMS, 100.0)
        return np.concatenate([table, v], axis=1)


def _build_net(n_skills: int, config: SnailConfig) -> Any:
    import torch
    from torch import nn
    from torch.nn import functional as F

    class GatedDilatedConv(nn.Module):
        """SNAIL's dense block, residual form: a gated causal convolution with kernel 2 and a dilation."""

        def __init__(self, dim: int, dilation: int) -> None:
            super().__init__()
            self.dilation = dilation
            self.filter = nn.Conv1d(dim, dim, 2, dilation=dilation)
            self.gate = nn.Conv1d(dim, dim, 2, dilation=dilation)
            self.norm = nn.LayerNorm(dim)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            padded = F.pad(x.transpose(1, 2), (self.dilation, 0))
            out = torch.tanh(self.filter(padded)) * torch.sigmoid(self.gate(padded))
            return self.norm(x + out.transpose(1, 2))

    class SnailNet(nn.Module):
        """Support tokens -> TC block -> causal attention -> read by each query exercise."""

        def __init__(self) -> None:
            super().__init__()
            dim, n_features = config.dim, len(FEATURES) + (LOADING_DIMS if config.loadings else 0)
            n_stats = 3 + (2 + (LOADING_DIMS if config.loadings else 0) if config.irt_summary else 0)
            self.pad_skill = n_skills
            self.skill = nn.Embedding(n_skills + 1, dim, padding_idx=n_skills)
            nn.init.normal_(self.skill.weight, std=0.1)
            with torch.no_grad():
                self.skill.weight[n_skills].zero_()
            self.item_features = nn.Linear(n_features, dim)
            self.token = nn.Sequential(nn.Linear(dim + 3, dim), nn.GELU(), nn.Linear(dim, dim))
            self.tc = nn.ModuleList(GatedDilatedConv(dim, d) for d in config.dilations)
            self.attend = nn.MultiheadAttention(dim, config.heads, dropout=config.dropout, batch_first=True)
            self.attend_norm = nn.LayerNorm(dim)
            self.empty = nn.Parameter(torch.zeros(1, 1, dim))
            self.read = nn.MultiheadAttention(dim, config.heads, dropout=config.dropout, batch_first=True)
            self.stats = nn.Linear(n_stats, dim)
            self.ability_weight = nn.Parameter(torch.ones(1))  # the one-step ability enters the logit directly
            self.position_weight = nn.Parameter(torch.zeros(1))  # and the latent position times the loadings
            self.head = nn.Sequential(nn.Linear(4 * dim, 2 * dim), nn.GELU(), nn.Dropout(config.dropout),
                                      nn.Linear(2 * dim, dim), nn.GELU(), nn.Linear(dim, 1))
            self.linear = nn.Linear(n_features, 1)
            with torch.no_grad():  # start at the IRT prediction for an average student: logit = -difficulty
                self.linear.weight.zero_()
                self.linear.weight[0, 0] = -1.0
                self.linear.bias.zero_()

        def exercise(self, skills: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
            present = (skills != self.pad_skill).unsqueeze(-1).float()
            mean_skill = self.skill(skills).sum(-2) / present.sum(-2).clamp(min=1.0)
            return mean_skill + self.item_features(features)

        def forward(self, s_skills, s_features, s_y, s_mask, q_skills, q_features) -> torch.Tensor:
            batch, length = s_y.shape
            surprise = (s_y - torch.sigmoid(-s_features[..., 0])) * s_mask
            token_in = torch.cat([self.exercise(s_skills, s_features), s_y.unsqueeze(-1), (1 - s_y).unsqueeze(-1),
                                  surprise.unsqueeze(-1)], dim=-1)
            memory = self.token(token_in) * s_mask.unsqueeze(-1)
            for block in self.tc:
                memory = block(memory)
            causal = torch.triu(torch.ones(length, length, dtype=torch.bool, device=s_y.device), diagonal=1)
            attended, _ = self.attend(memory, memory, memory, attn_mask=causal, need_weights=False)
            memory = self.attend_norm(memory + attended)
            count = s_mask.sum(1)
            last_index = (count.long() - 1).clamp(min=0)
            last = memory[torch.arange(batch, device=s_y.device), last_index] * (count > 0).float().unsqueeze(-1)
            keys = torch.cat([self.empty.expand(batch, 1, -1), memory], dim=1)
            hidden = torch.cat([torch.ones(batch, 1, dtype=torch.bool, device=s_y.device), s_mask > 0], dim=1)
            query = self.exercise(q_skills, q_features)
            recalled, _ = self.read(query, keys, keys, key_padding_mask=~hidden, need_weights=False)
            stats = [count / config.max_support, surprise.sum(1) / count.clamp(min=1.0),
                     surprise.sum(1) / torch.sqrt(count + 1.0)]
            direct = self.linear(q_features).squeeze(-1)
            if config.irt_summary:  # one Newton step from ability 0 (prior N(0, 1)): closed form, no iterations
                p0 = torch.sigmoid(-s_features[..., 0])
                information = (p0 * (1 - p0) * s_mask).sum(1)
                ability = surprise.sum(1) / (information + 1.0)
                stats += [ability, torch.log1p(information)]
                direct = direct + self.ability_weight * ability.unsqueeze(1)
                if config.loadings:
                    loading = s_features[..., len(FEATURES):]
                    position = (loading * surprise.unsqueeze(-1)).sum(1) / (1.0 + count.unsqueeze(-1))
                    stats += list(position.unbind(-1))
                    direct = direct + self.position_weight * (q_features[..., len(FEATURES):] * position.unsqueeze(1)).sum(-1)
            stats = torch.stack(stats, dim=1)
            context = torch.cat([last, self.stats(stats)], dim=-1).unsqueeze(1).expand(-1, query.shape[1], -1)
            return self.head(torch.cat([query, recalled, context], dim=-1)).squeeze(-1) + direct

    return SnailNet()


class SnailModel:
    """SNAIL-style memory model over the asked answers (see the module docstring)."""

    name = "snail"

    def __init__(self, config: SnailConfig | None = None, name: str = "snail") -> None:
        self.config = config or SnailConfig()
        self.name = name
        self.table: ExerciseTable | None = None
        self.features: np.ndarray | None = None
        self.net: Any = None
        self.log = TrainingLog()

    # ------------------------------------------------------------------ calibration
    def calibrate(self, history: Responses, items: Mapping[str, Sequence[str]] | None = None) -> None:
        """Meta-train the reader episodically on the history students (deterministic for the seed)."""
        if len(history) == 0:
            raise LamplightError("The SNAIL model needs a class history to meta-train on.")
        bank: dict[str, tuple[str, ...]] = {}
        for item, skills in zip(history.item_ids, history.skill_ids):
            bank.setdefault(item, tuple(skills))
        for item, skills in (items or {}).items():
            bank.setdefault(item, tuple(skills))
        skills = sorted({s for ks in bank.values() for s in ks if s})
        self.table = ExerciseTable(bank, skills)
        with pinned_torch(self.config.threads):
            self._meta_train(history)

    def _tasks(self, history: Responses) -> tuple[list[np.ndarray], list[np.ndarray]]:
        rows, ys = [], []
        for items, scores in history.by_student().values():
            if len(items) >= 2:
                rows.append(self.table.rows(items))
                ys.append(np.asarray(scores, dtype=np.float64))
        return rows, ys

    def _fold_features(self, rows: list[np.ndarray], ys: list[np.ndarray], fold: np.ndarray) -> np.ndarray:
        """[folds + 1, exercise rows, features]: fold f's from the other folds' answers; the last from all."""
        cfg = self.config
        tables = []
        for f in list(range(cfg.folds)) + [-1]:
            keep = [s for s in range(len(rows)) if fold[s] != f]
            students = np.concatenate([np.full(len(rows[s]), j) for j, s in enumerate(keep)])
            tables.append(self.table.features(students, np.concatenate([rows[s] for s in keep]),
                                              np.concatenate([ys[s] for s in keep]), len(keep), cfg.irt_precision,
                                              cfg.loadings))
        return np.stack(tables)

    def _meta_train(self, history: Responses) -> None:
        import torch

        cfg = self.config
        torch.manual_seed(cfg.seed)
        rng = np.random.default_rng(cfg.seed)
        rows, ys = self._tasks(history)
        if len(rows) < 2:
            raise LamplightError("The SNAIL model needs at least two history students with two answers each.")
        fold = rng.permutation(len(rows)) % cfg.folds
        tables = self._fold_features(rows, ys, fold)
        self.features = tables[-1]
        feature_t = torch.as_tensor(tables, dtype=torch.float32)
        skills_t = torch.as_tensor(self.table.skills)
        order = rng.permutation(len(rows))
        n_val = max(1, int(round(cfg.validation_share * len(rows))))
        val, fit = order[:n_val], order[n_val:]
        val_batches = [self._episodes(rows, ys, fold, val[i:i + cfg.batch_students], np.random.default_rng(cfg.seed + 1))
                       for i in range(0, len(val), cfg.batch_students)]
        net = _build_net(self.table.pad_skill, cfg)
        optimiser = torch.optim.AdamW(net.parameters(), lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
        best_loss, best_state, stale = math.inf, None, 0
        self.log = TrainingLog()
        for epoch in range(cfg.max_epochs):
            net.train()
            chosen = np.concatenate([rng.permutation(fit) for _ in range(cfg.episodes_per_student)])
            total = 0.0
            for start in range(0, len(chosen), cfg.batch_students):
                episode = self._episodes(rows, ys, fold, chosen[start:start + cfg.batch_students], rng)
                loss = self._episode_loss(net, episode, feature_t, skills_t)
                optimiser.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
                optimiser.step()
                total += float(loss.detach())
            net.eval()
            with torch.no_grad():
                val_loss = float(np.mean([float(self._episode_loss(net, b, feature_t, skills_t)) for b in val_batches]))
            self.log.epochs.append({"epoch": epoch, "train_loss": total / math.ceil(len(chosen) / cfg.batch_students),
                                    "val_loss": val_loss})
            if val_loss < best_loss - 1e-5:
                best_loss, best_state, stale = val_loss, copy.deepcopy(net.state_dict()), 0
                self.log.best_epoch = epoch
            else:
                stale += 1
                if stale >= cfg.patience:
                    break
                for group in optimiser.param_groups:  # as the sequence models: smaller steps after no gain
                    group["lr"] /= 2
        net.load_state_dict(best_state)
        net.eval()
        self.net = net

    def _episodes(self, rows: list[np.ndarray], ys: list[np.ndarray], fold: np.ndarray, students: np.ndarray,
                  rng: np.random.Generator) -> dict[str, np.ndarray]:
        """Padded support (0..max_support answers) and query (up to max_query others) for each student."""
        cfg, pad = self.config, self.table.unseen_row
        b = len(students)
        out = {"fold": fold[students], "s_rows": np.full((b, cfg.max_support), pad), "s_y": np.zeros((b, cfg.max_support)),
               "s_mask": np.zeros((b, cfg.max_support)), "q_rows": np.full((b, cfg.max_query), pad),
               "q_y": np.zeros((b, cfg.max_query)), "q_mask": np.zeros((b, cfg.max_query))}
        for j, s in enumerate(students):
            order = rng.permutation(len(rows[s]))
            n = int(rng.integers(0, min(cfg.max_support, len(order) - 1) + 1))
            support, query = order[:n], order[n:n + cfg.max_query]
            out["s_rows"][j, :n], out["s_y"][j, :n], out["s_mask"][j, :n] = rows[s][support], ys[s][support], 1.0
            q = len(query)
            out["q_rows"][j, :q], out["q_y"][j, :q], out["q_mask"][j, :q] = rows[s][query], ys[s][query], 1.0
        return out

    def _episode_loss(self, net: Any, episode: Mapping[str, np.ndarray], feature_t: Any, skills_t: Any) -> Any:
        import torch
        from torch.nn import functional as F

        logits = self._forward(net, episode, feature_t, skills_t)
        target = torch.as_tensor(episode["q_y"], dtype=torch.float32)
        mask = torch.as_tensor(episode["q_mask"], dtype=torch.float32)
        return (F.binary_cross_entropy_with_logits(logits, target, reduction="none") * mask).sum() / mask.sum()

    @staticmethod
    def _forward(net: Any, episode: Mapping[str, np.ndarray], feature_t: Any, skills_t: Any) -> Any:
        import torch

        fold = torch.as_tensor(episode["fold"]).unsqueeze(1)
        s_rows, q_rows = torch.as_tensor(episode["s_rows"]), torch.as_tensor(episode["q_rows"])
        f32 = torch.float32
        return net(skills_t[s_rows], feature_t[fold, s_rows], torch.as_tensor(episode["s_y"], dtype=f32),
                   torch.as_tensor(episode["s_mask"], dtype=f32), skills_t[q_rows], feature_t[fold, q_rows])

    # ------------------------------------------------------------------ inference
    def _ready(self) -> ExerciseTable:
        if self.table is None or self.net is None:
            raise LamplightError("The SNAIL model must be calibrated on a class history before it predicts.")
        return self.table

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> SnailState:
        """Remember the asked answers (the newest ``max_support`` of them): no gradient steps."""
        if len(item_ids) != len(correct):
            raise LamplightError(f"adapt got {len(item_ids)} exercises but {len(correct)} answers.")
        table = self._ready()
        keep = self.config.max_support
        rows = table.rows(list(item_ids)[-keep:] if len(item_ids) > keep else item_ids)
        return SnailState(rows, np.asarray(list(correct)[-len(rows):] if len(rows) else [], dtype=np.float64))

    def predict(self, state: SnailState | None, item_ids: Sequence[str]) -> np.ndarray:
        """P(correct) on each exercise, read from the memory of the asked answers."""
        import torch

        table = self._ready()
        state = state or SnailState(np.zeros(0, np.int64), np.zeros(0))
        if not len(item_ids):
            return np.zeros(0)
        n, size = len(state.rows), max(1, len(state.rows))
        episode = {"fold": np.array([0]), "s_rows": np.full((1, size), table.unseen_row), "s_y": np.zeros((1, size)),
                   "s_mask": np.zeros((1, size)), "q_rows": table.rows(item_ids)[None, :]}
        episode["s_rows"][0, :n], episode["s_y"][0, :n], episode["s_mask"][0, :n] = state.rows, state.correct, 1.0
        features = torch.as_tensor(self.features, dtype=torch.float32).unsqueeze(0)
        with pinned_torch(self.config.threads), torch.no_grad():
            logits = self._forward(self.net, episode, features, torch.as_tensor(table.skills))
        return 1.0 / (1.0 + np.exp(-logits[0].double().numpy()))

    def next_item(self, state: SnailState | None, candidates: Sequence[str]) -> int:
        """The candidate whose predicted P(correct) is closest to 1/2 (the most uncertain answer)."""
        if not len(candidates):
            raise LamplightError("next_item needs at least one candidate exercise.")
        return int(np.argmin(np.abs(self.predict(state, candidates) - 0.5)))

    def skill_mastery(self, state: SnailState | None, skill_ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mean P(correct) over each skill's exercises; a band that narrows with the answers on that skill."""
        table = self._ready()
        state = state or SnailState(np.zeros(0, np.int64), np.zeros(0))
        estimate, low, high = (np.zeros(len(skill_ids)) for _ in range(3))
        for j, skill in enumerate(skill_ids):
            k = table.skill_index.get(skill)
            members = [] if k is None else [table.items[i] for i in np.flatnonzero((table.skills[:-1] == k).any(1))[:50]]
            p = float(np.mean(self.predict(state, members or ["__unseen__"])))
            seen = 0 if k is None else int((table.skills[state.rows] == k).any(1).sum())
            half = 1.2816 * math.sqrt(p * (1 - p) / (1.0 + seen))
            estimate[j], low[j], high[j] = p, max(0.0, p - half), min(1.0, p + half)
        return estimate, low, high
