"""A DKT-style baseline (``dkt``): a GRU over (question, correct) pairs, as in Piech et al. (2015).

The "question" of a response is its skill set (items with the same skills
share it; items without skills stand for themselves), so the output layer has
one logit per question, as in the original DKT. The prediction for a response
reads the hidden state after the student's earlier responses only.

Training cuts each history student's sequence into windows of 200 responses,
holds out 10% of students to pick the best epoch (early stopping; never a time
budget, so the figure is a function of data, seed and code), and runs on CUDA, then
Apple MPS, then the CPU (``LAMPLIGHT_DEVICE`` overrides) with a fixed number of CPU
threads and torch's deterministic algorithms (:mod:`engine.model.reproducible`).
Prediction runs each test student's whole sequence without resetting.
"""
from __future__ import annotations

import hashlib
from typing import Any

import numpy as np

from engine.evaluation.metrics import auc
from engine.evaluation.protocols import student_runs
from engine.model.reproducible import pinned_torch
from engine.model.interface import Responses

UNKNOWN = 0


def pick_device(preference: str | None = None) -> Any:
    """CUDA, then MPS, then CPU (through ``engine.device`` when it is installed)."""
    import torch

    try:
        from engine.device import choose_device
    except ImportError:
        if torch.cuda.is_available():
            return torch.device("cuda")
        mps = getattr(torch.backends, "mps", None)
        return torch.device("mps" if mps is not None and mps.is_available() else "cpu")
    return choose_device(preference)


def question_key(item: str, skills: tuple[str, ...]) -> str:
    return ";".join(sorted(skills)) if skills else f"item:{item}"


def _network(torch: Any, n_questions: int, embedding: int, hidden: int, dropout: float) -> Any:
    nn = torch.nn

    class DKTNetwork(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = nn.Embedding(2 * n_questions, embedding)
            self.gru = nn.GRU(embedding, hidden, batch_first=True)
            self.dropout = nn.Dropout(dropout)
            self.out = nn.Linear(hidden, n_questions)

        def forward(self, questions: Any, correct: Any, state: Any = None) -> tuple[Any, Any]:
            """Logits of each row's question from the state before that row, and the final state."""
            outputs, last = self.gru(self.embed(questions * 2 + correct), state)
            start = torch.zeros_like(outputs[:, :1]) if state is None else state.transpose(0, 1)
            before = torch.cat([start, outputs[:, :-1]], dim=1)
            logits = self.out(self.dropout(before)).gather(2, questions.unsqueeze(2)).squeeze(2)
            return logits, last

    return DKTNetwork()


class DKTModel:
    """The ``dkt`` :class:`~engine.model.interface.SequenceModel`."""

    name = "dkt"

    def __init__(self, embedding: int = 64, hidden: int = 128, dropout: float = 0.2, window: int = 200,
                 batch_size: int = 64, learning_rate: float = 2e-3, max_epochs: int = 12, patience: int = 2,
                 threads: int = 1, seed: int = 0, device: str | None = None):
        self.embedding, self.hidden, self.dropout = embedding, hidden, dropout
        self.window, self.batch_size, self.learning_rate = window, batch_size, learning_rate
        self.max_epochs, self.patience, self.threads = max_epochs, patience, threads
        self.seed, self.device_name = seed, device
        self.questions: dict[str, int] = {}
        self.network: Any = None
        self.epochs_run = 0

    def _sequences(self, log: Responses, grow: bool) -> list[tuple[np.ndarray, np.ndarray]]:
        codes = np.empty(len(log), dtype=np.int64)
        for row, (item, skills) in enumerate(zip(log.item_ids, log.skill_ids)):
            key = question_key(item, skills)
            code = self.questions.get(key)
            if code is None:
                code = UNKNOWN
                if grow:
                    code = self.questions[key] = len(self.questions) + 1
            codes[row] = code
        correct = (np.asarray(log.correct) >= 0.5).astype(np.int64)
        return [(codes[start:end], correct[start:end]) for _, start, end in student_runs(log)]

    def _batches(self, torch: Any, sequences: list[tuple[np.ndarray, np.ndarray]], device: Any):
        """Padded (questions, correct, mask) batches of similar lengths, longest first."""
        order = sorted(range(len(sequences)), key=lambda i: -len(sequences[i][0]))
        for start in range(0, len(order), self.batch_size):
            chunk = [sequences[i] for i in order[start:start + self.batch_size]]
            length = len(chunk[0][0])
            questions = np.zeros((len(chunk), length), dtype=np.int64)
            correct = np.zeros_like(questions)
            mask = np.zeros(questions.shape, dtype=bool)
            for row, (q, c) in enumerate(chunk):
                questions[row, :len(q)], correct[row, :len(c)], mask[row, :len(q)] = q, c, True
            yield (torch.from_numpy(questions).to(device), torch.from_numpy(correct).to(device),
                   torch.from_numpy(mask).to(device), [order[i] for i in range(start, start + len(chunk))])

    def _windows(self, sequences):
        return [(q[s:s + self.window], c[s:s + self.window]) for q, c in sequences for s in range(0, len(q), self.window)
                if len(q[s:s + self.window]) > 1]

    def _scores(self, torch: Any, sequences, device: Any) -> list[np.ndarray]:
        """P(correct) of every row of every sequence (full sequences, no resets)."""
        self.network.eval()
        out: list[np.ndarray] = [np.zeros(0)] * len(sequences)
        with torch.no_grad():
            for questions, correct, _, which in self._batches(torch, sequences, device):
                probabilities = torch.sigmoid(self.network(questions, correct)[0]).cpu().numpy()
                for row, index in enumerate(which):
                    out[index] = probabilities[row, :len(sequences[index][0])].astype(np.float64)
        return out

    def fit(self, train: Responses) -> None:
        """Train on the history students: at most ``max_epochs`` epochs, early stopping by validation AUC."""
        device = pick_device(self.device_name)
        with pinned_torch(self.threads, device.type):
            self._fit(train, device)

    def _fit(self, train: Responses, device: Any) -> None:
        import torch

        torch.manual_seed(self.seed)
        self.questions = {}
        sequences = self._sequences(train, grow=True)
        students = [s for s, _, _ in student_runs(train)]
        held_out = [hashlib.sha256(f"dkt:{s}".encode()).digest()[0] < 26 for s in students]  # about 10%
        fitting = self._windows([seq for seq, out in zip(sequences, held_out) if not out])
        validation = [seq for seq, out in zip(sequences, held_out) if out]
        self.network = _network(torch, len(self.questions) + 1, self.embedding, self.hidden, self.dropout).to(device)
        optimizer = torch.optim.Adam(self.network.parameters(), lr=self.learning_rate)
        loss_fn = torch.nn.functional.binary_cross_entropy_with_logits
        best, best_state, stale = -1.0, None, 0
        rng = np.random.default_rng(self.seed)
        for epoch in range(self.max_epochs):
            self.network.train()
            batches = list(self._batches(torch, fitting, device))
            for index in rng.permutation(len(batches)):
                questions, correct, mask, _ = batches[index]
                logits, _ = self.network(questions, correct)
                scored = mask.clone()
                scored[:, 0] = False
                loss = loss_fn(logits[scored], correct[scored].float())
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.network.parameters(), 5.0)
                optimizer.step()
            self.epochs_run = epoch + 1
            if not validation:
                continue
            scores = self._scores(torch, validation, device)
            y = np.concatenate([c[1:] for _, c in validation])
            score = auc(y, np.concatenate([p[1:] for p in scores]))
            if score > best:
                best, stale = score, 0
                best_state = {k: v.detach().clone() for k, v in self.network.state_dict().items()}
            else:
                stale += 1
            if stale >= self.patience:
                break
        if best_state is not None:
            self.network.load_state_dict(best_state)
        self.validation_auc = best

    def predict_next(self, test: Responses) -> np.ndarray:
        import torch

        device = next(self.network.parameters()).device
        sequences = self._sequences(test, grow=False)
        with pinned_torch(self.threads, device.type):
            return np.concatenate(self._scores(torch, sequences, device)) if sequences else np.zeros(0)
