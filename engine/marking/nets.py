"""The answer encoder and the four metric-based meta-learners on top of it.

Every learner reads one episode: the encoded items of a question ``E`` (n, d),
their pairwise lexical similarities ``pairs`` (n, n, F; row = query,
column = support), the support rows with their marks (references count as
correct) and the query rows; it returns one logit of P(correct) per query.
A class the teacher has not marked yet (no wrong answer among the support,
say) is scored by a learned constant, so k = 1 works.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from engine.marking.data import PAIR_FEATURES
from engine.marking.text import BUCKETS

LEARNERS = ("protonet", "matching", "siamese", "relation")
N_PAIR = len(PAIR_FEATURES)


class Encoder(nn.Module):
    """Hashed n-gram features -> unit vector: a learned projection plus a small residual MLP."""

    def __init__(self, dim: int = 64, buckets: int = BUCKETS, train_projection: bool = False) -> None:
        super().__init__()
        self.bag = nn.EmbeddingBag(buckets, dim, mode="sum")
        nn.init.normal_(self.bag.weight, std=1.0)
        # Fixed by default: a trained projection memorises the training questions' words (it overfits).
        self.bag.weight.requires_grad_(train_projection)
        self.mlp = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, dim))
        nn.init.zeros_(self.mlp[2].weight)
        nn.init.zeros_(self.mlp[2].bias)

    def forward(self, index: torch.Tensor, offsets: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        hidden = self.bag(index, offsets, per_sample_weights=weights)
        return F.normalize(hidden + self.mlp(hidden), dim=-1)


class MetricLearner(nn.Module):
    """Shared parts: the encoder and the missing-class constants."""

    def __init__(self, dim: int = 64, train_projection: bool = False) -> None:
        super().__init__()
        self.encoder = Encoder(dim, train_projection=train_projection)
        self.missing = nn.Parameter(torch.zeros(2))  # score of an unmarked class (wrong, right)
        self.bias = nn.Parameter(torch.zeros(()))

    def encode(self, feats: tuple[torch.Tensor, torch.Tensor, torch.Tensor]) -> torch.Tensor:
        return self.encoder(*feats)

    def head(self, E: torch.Tensor, pairs: torch.Tensor, support: torch.Tensor, labels: torch.Tensor,
             query: torch.Tensor, n_refs: int = 0) -> torch.Tensor:
        """Logits of P(correct) for the query rows; items 0..n_refs-1 are the reference answers."""
        raise NotImplementedError

    def extra_loss(self, query_labels: torch.Tensor) -> torch.Tensor | None:
        """A training loss beyond the query BCE for the last ``head`` call (the siamese pair loss); else None."""
        return None

    def per_class(self, support, labels, score) -> torch.Tensor:
        """:meth:`class_scores` of ``score(members, mask)`` for each class (wrong, right) the teacher marked."""
        return self.class_scores([score(support[mask], mask) if bool(mask.any()) else None for mask in _masks(labels)])

    def class_scores(self, per_class: list[torch.Tensor | None]) -> torch.Tensor:
        """logit = score(right) - score(wrong) + bias, an absent class scored by its learned constant."""
        scores = [s if s is not None else self.missing[c] for c, s in enumerate(per_class)]
        return scores[1] - scores[0] + self.bias


def _masks(labels: torch.Tensor) -> list[torch.Tensor]:
    right = labels >= 0.5
    return [~right, right]


class ProtoNet(MetricLearner):
    """Prototypical network: distance to each class's prototype (mean embedding) plus mean lexical similarity."""

    def __init__(self, dim: int = 64) -> None:
        super().__init__(dim)
        self.scale = nn.Parameter(torch.tensor(5.0))
        self.pair_weight = nn.Parameter(torch.full((N_PAIR,), 1.0 / N_PAIR))

    def head(self, E, pairs, support, labels, query, n_refs=0):
        eq = E[query]

        def score(members, mask):
            proto = F.normalize(E[members].mean(0), dim=-1)
            lexical = pairs[query][:, members].mean(1) @ self.pair_weight
            return self.scale * (eq @ proto) + lexical

        return self.per_class(support, labels, score)


class MatchingNet(MetricLearner):
    """Matching network: attention over the marked answers (and a learned 'no match' slot) by a learned metric."""

    def __init__(self, dim: int = 64) -> None:
        super().__init__(dim)
        self.scale = nn.Parameter(torch.tensor(5.0))
        self.pair_weight = nn.Parameter(torch.full((N_PAIR,), 2.0))
        self.null_label = nn.Parameter(torch.zeros(()))
        self.sharpen = nn.Parameter(torch.tensor(1.0))

    def head(self, E, pairs, support, labels, query, n_refs=0):
        sim = self.scale * (E[query] @ E[support].T) + pairs[query][:, support] @ self.pair_weight
        sim = torch.cat([sim, self.missing[0].expand(len(query), 1)], dim=1)
        attention = torch.softmax(sim, dim=1)
        values = torch.cat([labels, torch.sigmoid(self.null_label).reshape(1)])
        p = (attention * values).sum(1).clamp(1e-4, 1 - 1e-4)
        return self.sharpen * torch.logit(p) + self.bias


class SiameseNet(MetricLearner):
    """Siamese network: a learned 'same mark?' between two answers; the marked answers vote by it."""

    def __init__(self, dim: int = 64, hidden: int = 64) -> None:
        super().__init__(dim)
        self.compare = nn.Sequential(nn.Linear(2 * dim + N_PAIR + 1, hidden), nn.ReLU(), nn.Linear(hidden, 1))
        self.trust = nn.Parameter(torch.tensor(3.0))

    def same_logits(self, E, pairs, a, b):
        ea, eb = E[a][:, None, :], E[b][None, :, :]
        cos = (ea * eb).sum(-1, keepdim=True)
        shape = (len(a), len(b), E.shape[1])
        x = torch.cat([(ea * eb).expand(shape), (ea - eb).abs().expand(shape), pairs[a][:, b], cos], dim=-1)
        return self.compare(x).squeeze(-1)

    def head(self, E, pairs, support, labels, query, n_refs=0):
        same = self.same_logits(E, pairs, query, support)  # (q, s)
        p_same = torch.sigmoid(same)
        votes = p_same * labels + (1 - p_same) * (1 - labels)
        weights = torch.softmax(self.trust * (2 * p_same - 1).abs(), dim=1)
        p = (weights * votes).sum(1).clamp(1e-4, 1 - 1e-4)
        self._same, self._support_labels = same, labels
        return torch.logit(p) + self.bias

    def extra_loss(self, query_labels: torch.Tensor) -> torch.Tensor:
        """BCE of 'same mark?' on every (query, support) pair of the last episode."""
        target = ((query_labels[:, None] >= 0.5) == (self._support_labels[None, :] >= 0.5)).float()
        return F.binary_cross_entropy_with_logits(self._same, target)


class RelationNet(MetricLearner):
    """Relation network: a learned comparison module scores the query against each class's marked answers.

    Besides the embeddings it reads the lexical similarities to the class (mean and max over its
    members), each also standardised over all the question's answers: how an answer compares with
    its classmates transfers across questions better than a raw similarity does. A term of its own
    (:meth:`answer_term`) reads how the answer compares with the key and with the whole class.
    """

    def __init__(self, dim: int = 64, hidden: int = 64) -> None:
        super().__init__(dim)
        self.relate = nn.Sequential(nn.Linear(2 * dim + 4 * N_PAIR + 3, hidden), nn.ReLU(),
                                    nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 1))
        self.answer = nn.Sequential(nn.Linear(4 * N_PAIR + 1, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def answer_term(self, pairs: torch.Tensor, n_refs: int, query: torch.Tensor) -> torch.Tensor:
        """How the query compares with the reference answer(s) and with its classmates, raw and standardised.

        Classmates: the mean similarity of an answer to the question's other answers. Right answers
        tend to say the same thing and wrong ones go wrong in different ways, so a right answer sits
        near the middle of its class; this needs no reference answer (zeros stand for a missing one).
        """
        answers = pairs[n_refs:, n_refs:]
        n = answers.shape[0]
        with_self = torch.diagonal(answers, dim1=0, dim2=1).T
        classmates = (answers.sum(1) - with_self) / (n - 1) if n > 1 else torch.zeros_like(with_self)
        to_reference = pairs[n_refs:, :n_refs].max(1).values if n_refs else torch.zeros_like(with_self)
        raw = torch.cat([to_reference, classmates], dim=-1)
        spread = raw.std(0) if n > 1 else torch.zeros(raw.shape[1:])  # one answer: no spread
        standard = (raw - raw.mean(0)) / (spread + 1e-3)
        rows = query - n_refs
        x = torch.cat([raw[rows], standard[rows], torch.full((len(query), 1), float(n_refs))], dim=-1)
        return self.answer(x).squeeze(-1)

    def head(self, E, pairs, support, labels, query, n_refs=0):
        eq = E[query]

        def score(members, mask):
            proto = F.normalize(E[members].mean(0), dim=-1)
            lexical = pairs[:, members]
            cos = (E @ proto)[:, None]
            summary = torch.cat([lexical.mean(1), lexical.max(1).values, cos], dim=-1)  # every item
            standard = (summary - summary.mean(0)) / (summary.std(0) + 1e-3)
            count = torch.log1p(mask.sum().float()).expand(len(query), 1)
            x = torch.cat([eq * proto, (eq - proto).abs(), summary[query], standard[query], count], dim=-1)
            return self.relate(x).squeeze(-1)

        return self.per_class(support, labels, score) + self.answer_term(pairs, n_refs, query)


def build(name: str, dim: int = 64, train_projection: bool = False) -> MetricLearner:
    """A fresh learner by name (one of LEARNERS)."""
    classes = {"protonet": ProtoNet, "matching": MatchingNet, "siamese": SiameseNet, "relation": RelationNet}
    if name not in classes:
        raise ValueError(f"unknown learner {name!r}; use one of {', '.join(LEARNERS)}")
    net = classes[name](dim)
    net.encoder.bag.weight.requires_grad_(train_projection)
    return net
