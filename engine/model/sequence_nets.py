"""The torch networks behind the sequence models (imported only when a model trains or predicts).

Both networks read a window of one student's answers and output, for every position t,
the logit of P(correct) at t from the answers *before* t. They share the same pieces:

* ``ItemEmbedding``: an item is the mean of its skills' vectors plus one scalar per item
  (AKT's Rasch-style embedding: skill vector + difficulty * skill variation), and an
  easiness term that is the skills' easiness plus a per-item offset. The per-item scalars
  carry a Gaussian prior, so items with few answers stay close to their skills.
* the input sequence is shifted by one: a learned start token, then interaction 0, 1, ...
  so position t of the encoder has seen exactly the interactions before t.

``AttentionNet`` is the memory model: SNAIL-style causal convolutions and causal
self-attention (with a learned recency decay per head, as AKT's monotonic attention) over
the past interactions, then a question-aware read: the query is the next item, the keys
are the past items, the values the encoded past interactions. ``GRUNet`` is the recurrent
alternative (a DKT GRU with the same item embedding, read and count features).
"""
from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F


class ItemEmbedding(nn.Module):
    """Question and interaction embeddings, and the easiness term of the logit."""

    def __init__(self, n_items: int, n_skills: int, dim: int) -> None:
        super().__init__()
        self.skill_pad = n_skills + 1
        self.skill = nn.Embedding(n_skills + 2, dim, padding_idx=self.skill_pad)
        self.skill_variation = nn.Embedding(n_skills + 2, dim, padding_idx=self.skill_pad)
        self.skill_easiness = nn.Embedding(n_skills + 2, 1, padding_idx=self.skill_pad)
        self.answer = nn.Embedding(2, dim)
        self.answer_variation = nn.Embedding(2, dim)
        self.item_difficulty = nn.Embedding(n_items + 1, 1)
        self.item_easiness = nn.Embedding(n_items + 1, 1)
        for table in (self.skill, self.skill_variation, self.answer, self.answer_variation):
            nn.init.normal_(table.weight, std=0.1)
        for table in (self.item_difficulty, self.item_easiness, self.skill_easiness):
            nn.init.zeros_(table.weight)
        with torch.no_grad():
            self.skill.weight[self.skill_pad].zero_()
            self.skill_variation.weight[self.skill_pad].zero_()

    def prior_penalty(self) -> torch.Tensor:
        """Sum of squares of the per-item scalars (a Gaussian prior centred on the skills)."""
        return self.item_difficulty.weight.pow(2).sum() + self.item_easiness.weight.pow(2).sum()

    def forward(self, items: torch.Tensor, skills: torch.Tensor, correct: torch.Tensor):
        """Return (question [B,T,D], interaction [B,T,D], easiness [B,T])."""
        present = (skills != self.skill_pad).unsqueeze(-1).float()
        count = present.sum(-2).clamp(min=1.0)
        skill_vec = self.skill(skills).sum(-2) / count
        variation = self.skill_variation(skills).sum(-2) / count
        difficulty = self.item_difficulty(items)
        question = skill_vec + difficulty * variation
        right = correct.unsqueeze(-1)
        answer = right * self.answer.weight[1] + (1 - right) * self.answer.weight[0]
        answer_var = right * self.answer_variation.weight[1] + (1 - right) * self.answer_variation.weight[0]
        interaction = question + answer + difficulty * answer_var
        easiness = (self.skill_easiness(skills).sum(-2) / count + self.item_easiness(items)).squeeze(-1)
        return question, interaction, easiness


def shift_right(sequence: torch.Tensor, start: torch.Tensor) -> torch.Tensor:
    """[start, x_0, ..., x_{T-2}]: position t then holds what is known before answer t."""
    first = start.expand(sequence.shape[0], 1, sequence.shape[-1])
    return torch.cat([first, sequence[:, :-1]], dim=1)


class DecayAttention(nn.Module):
    """Multi-head causal attention whose scores fall linearly with distance (learned rate per head)."""

    def __init__(self, dim: int, heads: int, dropout: float) -> None:
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(dim, dim)
        self.key = nn.Linear(dim, dim)
        self.value = nn.Linear(dim, dim)
        self.out = nn.Linear(dim, dim)
        self.dropout = dropout
        # ALiBi's geometric slopes as a starting point; softplus keeps them positive.
        slopes = torch.tensor([2.0 ** (-8.0 * (h + 1) / heads) for h in range(heads)])
        self.raw_decay = nn.Parameter(torch.log(torch.expm1(slopes)))

    def forward(self, queries: torch.Tensor, keys: torch.Tensor, values: torch.Tensor) -> torch.Tensor:
        batch, length, dim = queries.shape
        head_dim = dim // self.heads

        def split(x: torch.Tensor) -> torch.Tensor:
            return x.view(batch, length, self.heads, head_dim).transpose(1, 2)

        q, k, v = split(self.query(queries)), split(self.key(keys)), split(self.value(values))
        positions = torch.arange(length, device=queries.device)
        distance = (positions.view(-1, 1) - positions.view(1, -1)).float()
        decay = F.softplus(self.raw_decay).view(1, -1, 1, 1)
        bias = -decay * distance.clamp(min=0)
        bias = bias.masked_fill(distance < 0, float("-inf"))
        attended = F.scaled_dot_product_attention(
            q, k, v, attn_mask=bias, dropout_p=self.dropout if self.training else 0.0)
        return self.out(attended.transpose(1, 2).reshape(batch, length, dim))


class CausalConv(nn.Module):
    """Depthwise convolution over the last few positions only (SNAIL's temporal convolution)."""

    def __init__(self, dim: int, kernel: int) -> None:
        super().__init__()
        self.kernel = kernel
        self.conv = nn.Conv1d(dim, dim, kernel, groups=dim)
        self.mix = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        padded = F.pad(x.transpose(1, 2), (self.kernel - 1, 0))
        return self.mix(F.gelu(self.conv(padded).transpose(1, 2)))


class Block(nn.Module):
    """Pre-norm residual block: causal conv, causal decay attention, feed-forward."""

    def __init__(self, dim: int, heads: int, kernel: int, dropout: float) -> None:
        super().__init__()
        self.norm_conv, self.conv = nn.LayerNorm(dim), CausalConv(dim, kernel)
        self.norm_attn, self.attn = nn.LayerNorm(dim), DecayAttention(dim, heads, dropout)
        self.norm_ff = nn.LayerNorm(dim)
        self.ff = nn.Sequential(nn.Linear(dim, 2 * dim), nn.GELU(), nn.Dropout(dropout), nn.Linear(2 * dim, dim))
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.drop(self.conv(self.norm_conv(x)))
        normed = self.norm_attn(x)
        x = x + self.drop(self.attn(normed, normed, normed))
        return x + self.drop(self.ff(self.norm_ff(x)))


class Readout(nn.Module):
    """Logit from the next question, what the student's history says about it, and count features."""

    def __init__(self, dim: int, n_features: int, n_inputs: int, dropout: float) -> None:
        super().__init__()
        self.features = nn.Linear(n_features, dim)
        self.mlp = nn.Sequential(
            nn.Linear((n_inputs + 1) * dim, 2 * dim), nn.GELU(), nn.Dropout(dropout),
            nn.Linear(2 * dim, dim), nn.GELU(), nn.Linear(dim, 1))
        self.feature_weights = nn.Linear(n_features, 1)

    def forward(self, parts: list[torch.Tensor], features: torch.Tensor, easiness: torch.Tensor) -> torch.Tensor:
        hidden = torch.cat([*parts, self.features(features)], dim=-1)
        return self.mlp(hidden).squeeze(-1) + self.feature_weights(features).squeeze(-1) + easiness


class AttentionNet(nn.Module):
    """Causal conv + decay-attention memory over past interactions, read by the next question."""

    def __init__(self, n_items: int, n_skills: int, n_features: int, dim: int = 64, heads: int = 4,
                 layers: int = 2, kernel: int = 4, dropout: float = 0.2) -> None:
        super().__init__()
        self.embed = ItemEmbedding(n_items, n_skills, dim)
        self.start = nn.Parameter(torch.zeros(1, 1, dim))
        self.start_key = nn.Parameter(torch.zeros(1, 1, dim))
        self.blocks = nn.ModuleList(Block(dim, heads, kernel, dropout) for _ in range(layers))
        self.norm = nn.LayerNorm(dim)
        self.read = DecayAttention(dim, heads, dropout)
        self.readout = Readout(dim, n_features, 3, dropout)
        self.input_drop = nn.Dropout(dropout)

    def forward(self, items, skills, correct, features) -> torch.Tensor:
        question, interaction, easiness = self.embed(items, skills, correct)
        memory = self.input_drop(shift_right(interaction, self.start))
        for block in self.blocks:
            memory = block(memory)
        memory = self.norm(memory)
        past_questions = shift_right(question, self.start_key)
        recalled = self.read(question, past_questions, memory)
        return self.readout([question, recalled, memory], features, easiness)


class GRUNet(nn.Module):
    """A GRU over past interactions (DKT), with the same question-aware readout."""

    def __init__(self, n_items: int, n_skills: int, n_features: int, dim: int = 64, dropout: float = 0.2,
                 **_: object) -> None:
        super().__init__()
        self.embed = ItemEmbedding(n_items, n_skills, dim)
        self.start = nn.Parameter(torch.zeros(1, 1, dim))
        self.gru = nn.GRU(dim, dim, batch_first=True)
        self.readout = Readout(dim, n_features, 2, dropout)
        self.input_drop = nn.Dropout(dropout)

    def forward(self, items, skills, correct, features) -> torch.Tensor:
        question, interaction, easiness = self.embed(items, skills, correct)
        memory, _ = self.gru(self.input_drop(shift_right(interaction, self.start)))
        return self.readout([question, memory], features, easiness)


NETS = {"attn": AttentionNet, "gru": GRUNet}


def count_parameters(net: nn.Module) -> int:
    return sum(math.prod(p.shape) for p in net.parameters())
