"""Memory-based student models: predict each next answer from the student's history.

These implement :class:`engine.model.interface.SequenceModel` (the knowledge-tracing
question) and are what ``python -m engine evaluate --protocol kt --model NAME`` runs:

* ``attn`` (the default): a SNAIL-style memory model: causal convolutions and causal
  attention over the student's past (item, answer) interactions, read by the next
  question (AKT/simpleKT style: the query is the item about to be answered);
* ``gru``: the same item embedding and read-out over a GRU memory (an improved DKT).

Both add a few count features computed from the whole earlier history (see
``sequence_data``), so histories longer than the attention window (200 answers) still
count. Items and skills never seen in training share an "unknown" embedding, and each
item's own parameters are shrunk toward its skills', so rarely answered items are fine.

Training is a function of the data, the seed and the settings only (on one device): it runs
at most ``max_epochs`` epochs and stops early on a validation slice of the training students
(halving the learning rate after each epoch without gain), never by time. It runs with a fixed
number of CPU threads (``threads``) and torch's deterministic algorithms, so the machine's core
count and load do not change a figure (see :mod:`engine.model.reproducible`);
``time_limit_seconds`` optionally fails a run that takes too long instead of cutting it short.
Trained models are saved as one safetensors file. This module does not import torch until a
model trains or predicts.
"""
from __future__ import annotations

import copy
import json
import time
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable

import numpy as np

from engine.errors import LamplightError
from engine.model.interface import Responses
from engine.model import sequence_data as data
from engine.model.reproducible import TimeGuard, pinned_torch


SAVE_FORMAT = "lamplight-sequence-model/1"


@dataclass
class SequenceConfig:
    """Settings of a sequence model; the defaults are the ones measured in the README."""

    kind: str = "attn"
    dim: int = 64
    heads: int = 4
    layers: int = 2
    kernel: int = 4
    dropout: float = 0.2
    window: int = 200
    batch_tokens: int = 2_000
    learning_rate: float = 2e-3
    weight_decay: float = 1e-5
    item_prior: float = 1.0
    unknown_rate: float = 0.02
    max_epochs: int = 10
    patience: int = 3
    min_gain: float = 2e-4
    threads: int = 1
    time_limit_seconds: float | None = None
    validation_share: float = 0.1
    seed: int = 0
    device: str = "auto"


@dataclass
class TrainingReport:
    """What one ``fit`` did: per-epoch validation AUC, best epoch, seconds spent."""

    epochs: list[dict[str, float]] = field(default_factory=list)
    best_epoch: int = -1
    best_validation_auc: float = float("nan")
    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0
    stopped_because: str = ""
    parameters: int = 0


class NeuralSequenceModel:
    """A trained sequence network with its vocabulary; see the module docstring."""

    def __init__(self, config: SequenceConfig | None = None, **overrides: Any) -> None:
        config = replace(config or SequenceConfig(), **overrides)
        if config.kind not in ("attn", "gru"):
            raise LamplightError(f"Unknown sequence model kind {config.kind!r}: use 'attn' or 'gru'.")
        self.config = config
        self.name = config.kind
        self.vocab: data.Vocabulary | None = None
        self.net = None
        self.report = TrainingReport()
        self.progress: Callable[[str], None] | None = None

    # -- training ---------------------------------------------------------------------
    def fit(self, train: Responses) -> None:
        """Train on the history students' sequences (early stopping on held-out students).

        The result depends only on ``train``, the settings and the seed: at most
        ``max_epochs`` epochs, early stopping by validation AUC, fixed CPU threads.
        """
        if len(train) == 0:
            raise LamplightError("Cannot train a sequence model on an empty response log.")
        device = self._device()
        with pinned_torch(self.config.threads, device.type):
            self._fit(train, device)

    def _fit(self, train: Responses, device) -> None:
        import torch

        from engine.model.sequence_nets import NETS, count_parameters

        cfg = self.config
        started, cpu_started = time.perf_counter(), time.process_time()
        guard = TimeGuard(cfg.time_limit_seconds, "Training the sequence model")
        torch.manual_seed(cfg.seed)
        rng = np.random.default_rng(cfg.seed)

        self.vocab = data.Vocabulary.from_responses(train)
        encoded = data.encode(train, self.vocab)
        fit_students, val_students = self._split_students(encoded.students, rng)
        fit_log = replace(encoded, students=fit_students)
        val_log = replace(encoded, students=val_students)
        fit_tokens = sum(len(rows) for rows in fit_students)

        net = NETS[cfg.kind](self.vocab.n_items, self.vocab.n_skills, len(data.FEATURE_NAMES),
                             dim=cfg.dim, heads=cfg.heads, layers=cfg.layers, kernel=cfg.kernel,
                             dropout=cfg.dropout).to(device)
        self.net = net
        self.report = TrainingReport(parameters=count_parameters(net))
        optimizer = torch.optim.AdamW(net.parameters(), lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
        best_state, best_auc, stale = None, -1.0, 0
        for epoch in range(cfg.max_epochs):
            net.train()
            total, count = 0.0, 0
            for batch in data.batches_by_length(data.training_windows(fit_log, cfg.window, rng),
                                                cfg.batch_tokens, rng):
                rows = data.padded_rows(batch, encoded.pad_row)
                tensors = self._tensors(encoded, rows, device, rng if cfg.unknown_rate > 0 else None)
                logits = net(*tensors[:4])
                mask = torch.as_tensor(rows != encoded.pad_row, device=device)
                loss = torch.nn.functional.binary_cross_entropy_with_logits(logits[mask], tensors[2][mask])
                loss = loss + cfg.item_prior * net.embed.prior_penalty() / fit_tokens
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
                optimizer.step()
                total += float(loss.detach()) * int(mask.sum())
                count += int(mask.sum())
                guard.check()
            val_auc = self._validation_auc(val_log) if val_students else float("nan")
            elapsed = time.perf_counter() - started
            cpu_used = time.process_time() - cpu_started
            self.report.epochs.append({"epoch": epoch, "train_loss": total / max(count, 1),
                                       "val_auc": val_auc, "seconds": elapsed, "cpu_seconds": cpu_used})
            self._say(f"epoch {epoch}: train loss {total / max(count, 1):.4f}, "
                      f"validation AUC {val_auc:.4f}, {elapsed:.0f} s")
            if not val_students or val_auc > best_auc + cfg.min_gain:
                best_auc, stale = val_auc, 0
                best_state = copy.deepcopy(net.state_dict())
                self.report.best_epoch = epoch
            else:
                stale += 1
                for group in optimizer.param_groups:
                    group["lr"] /= 2
            if stale >= cfg.patience:
                self.report.stopped_because = f"no validation gain for {cfg.patience} epochs"
                break
        else:
            self.report.stopped_because = f"{cfg.max_epochs} epochs"
        if best_state is not None:
            net.load_state_dict(best_state)
        net.eval()
        self.report.best_validation_auc = best_auc
        self.report.wall_seconds = time.perf_counter() - started
        self.report.cpu_seconds = time.process_time() - cpu_started

    # -- prediction -------------------------------------------------------------------
    def predict_next(self, test: Responses) -> np.ndarray:
        """P(correct) of every row of ``test`` from the same student's earlier rows only."""
        if self.net is None or self.vocab is None:
            raise LamplightError("The sequence model must be trained (fit) before it predicts.")
        if len(test) == 0:
            return np.zeros(0, dtype=np.float64)
        encoded = data.encode(test, self.vocab)
        with pinned_torch(self.config.threads, next(self.net.parameters()).device.type):
            return self._predict_encoded(encoded)[: len(test)]

    def _predict_encoded(self, encoded: data.EncodedLog) -> np.ndarray:
        import torch

        device = next(self.net.parameters()).device
        out = np.full(len(encoded.items), np.nan, dtype=np.float64)
        windows = list(data.prediction_windows(encoded, self.config.window))
        self.net.eval()
        with torch.no_grad():
            for batch in data.batches_by_length(windows, self.config.batch_tokens * 2, None,
                                                length=lambda w: len(w.rows)):
                rows = data.padded_rows([w.rows for w in batch], encoded.pad_row)
                probabilities = torch.sigmoid(self.net(*self._tensors(encoded, rows, device, None)[:4]))
                probabilities = probabilities.double().cpu().numpy()
                for b, window in enumerate(batch):
                    n = len(window.rows)
                    kept = slice(n - window.keep_last, n)
                    out[window.rows[kept]] = probabilities[b, kept]
        return out

    def _validation_auc(self, val_log: data.EncodedLog) -> float:
        predictions = self._predict_encoded(val_log)
        scored = np.concatenate([rows[1:] for rows in val_log.students])
        return data.roc_auc(val_log.correct[scored], predictions[scored])

    # -- files ------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the trained model to one safetensors file (weights, settings and vocabulary).

        Loading such a file never executes code (unlike a pickle).
        """
        from safetensors.torch import save_file

        if self.net is None or self.vocab is None:
            raise LamplightError("Only a trained sequence model can be saved; call fit first.")
        metadata = {
            "format": SAVE_FORMAT,
            "config": json.dumps(asdict(self.config)),
            "items": json.dumps(self.vocab.items),
            "skills": json.dumps(self.vocab.skills),
        }
        tensors = {name: value.detach().cpu().contiguous() for name, value in self.net.state_dict().items()}
        save_file(tensors, str(path), metadata=metadata)

    @classmethod
    def load(cls, path: str | Path, device: str = "auto") -> "NeuralSequenceModel":
        """Read a file written by :meth:`save`, ready to predict on ``device``."""
        from safetensors import SafetensorError, safe_open

        from engine.model.sequence_nets import NETS

        try:
            with safe_open(str(path), framework="pt") as file:
                metadata = file.metadata() or {}
                tensors = {name: file.get_tensor(name) for name in file.keys()}
        except (OSError, SafetensorError) as exc:
            raise LamplightError(f"{path}: not a readable sequence model file ({exc}).") from exc
        if metadata.get("format") != SAVE_FORMAT:
            raise LamplightError(f"{path}: not a Lamplight sequence model file "
                                 f"(format {metadata.get('format')!r}, expected {SAVE_FORMAT!r}).")
        known = {f.name for f in fields(SequenceConfig)}  # files from older versions may carry retired settings
        saved = {key: value for key, value in json.loads(metadata["config"]).items() if key in known}
        config = SequenceConfig(**{**saved, "device": device})
        model = cls(config)
        model.vocab = data.Vocabulary(json.loads(metadata["items"]), json.loads(metadata["skills"]))
        net = NETS[config.kind](model.vocab.n_items, model.vocab.n_skills, len(data.FEATURE_NAMES),
                                dim=config.dim, heads=config.heads, layers=config.layers,
                                kernel=config.kernel, dropout=config.dropout)
        try:
            net.load_state_dict(tensors)
        except RuntimeError as exc:
            raise LamplightError(f"{path}: the weights do not fit the {config.kind!r} network ({exc}).") from exc
        model.net = net.to(model._device()).eval()
        return model

    # -- helpers ----------------------------------------------------------------------
    def _tensors(self, encoded: data.EncodedLog, rows: np.ndarray, device, rng: np.random.Generator | None):
        import torch

        items, skills = encoded.items[rows], encoded.skills[rows]
        if rng is not None:
            # Teach the shared "unknown" entries what an unseen item or skill looks like.
            unknown_item = rng.random(items.shape) < self.config.unknown_rate
            items = np.where(unknown_item, data.UNKNOWN, items)
            unknown_skill = rng.random(items.shape) < self.config.unknown_rate / 2
            skills = skills.copy()
            skills[unknown_skill] = self.vocab.skill_pad
            skills[unknown_skill, 0] = data.UNKNOWN
        return (torch.as_tensor(items, device=device), torch.as_tensor(skills, device=device),
                torch.as_tensor(encoded.correct[rows], device=device),
                torch.as_tensor(encoded.features[rows], device=device))

    def _split_students(self, students: list[np.ndarray], rng: np.random.Generator):
        order = rng.permutation(len(students))
        n_val = int(round(self.config.validation_share * len(students)))
        if len(students) < 10:
            n_val = 0
        val = [students[i] for i in sorted(order[:n_val])]
        fit = [students[i] for i in sorted(order[n_val:])]
        return fit, val

    def _device(self):
        from engine.device import choose_device

        return choose_device(self.config.device)

    def _say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)


def attention_model(**overrides: Any) -> NeuralSequenceModel:
    """The SNAIL-style attention memory model (the default sequence model)."""
    return NeuralSequenceModel(SequenceConfig(kind="attn"), **overrides)


def gru_model(**overrides: Any) -> NeuralSequenceModel:
    """The GRU memory model with the same question-aware read-out."""
    return NeuralSequenceModel(SequenceConfig(kind="gru"), **overrides)


SEQUENCE_MODELS: dict[str, Callable[..., NeuralSequenceModel]] = {
    "attn": attention_model,
    "gru": gru_model,
}


def default_sequence_model(**overrides: Any) -> NeuralSequenceModel:
    """A fresh, untrained instance of the sequence model that ships (``attn``)."""
    return SEQUENCE_MODELS["attn"](**overrides)
