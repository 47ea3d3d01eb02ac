"""Training whose result is a function of the data, the seed and the code only.

Two things would otherwise leak the machine into a figure:

* stopping by time: a busy machine runs fewer epochs. Training here stops by epochs and
  validation only; :class:`TimeGuard` can *fail* a run that takes too long, with a message,
  but never changes what a finished run computes;
* the number of CPU threads: a matrix product split over 2 threads sums in a different
  order than over 1, and those last-bit differences grow over an epoch of training.
  :func:`pinned_torch` runs a block with a fixed intra-op thread count (part of the model's
  settings, not of the machine) and torch's deterministic algorithms, then restores both.

A run on a GPU is deterministic for its device but differs in the last bits from the CPU.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

from engine.errors import LamplightError


@contextmanager
def pinned_torch(threads: int, device_type: str = "cpu") -> Iterator[None]:
    """Run the block with ``threads`` intra-op CPU threads and deterministic torch algorithms.

    Both settings are process-wide in torch, so they are restored on exit. On the CPU the
    deterministic algorithms cost nothing measurable; on CUDA an operation without a
    deterministic kernel warns rather than fails.
    """
    import torch

    if threads < 1:
        raise LamplightError(f"threads must be at least 1 (got {threads}).")
    previous_threads = torch.get_num_threads()
    previous_deterministic = torch.are_deterministic_algorithms_enabled()
    previous_warn_only = torch.is_deterministic_algorithms_warn_only_enabled()
    if device_type == "cpu" and previous_threads != threads:
        torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True, warn_only=device_type != "cpu")
    try:
        yield
    finally:
        torch.use_deterministic_algorithms(previous_deterministic, warn_only=previous_warn_only)
        if torch.get_num_threads() != previous_threads:
            torch.set_num_threads(previous_threads)


class TimeGuard:
    """Fails a run that exceeds ``limit_seconds`` of wall time, instead of cutting it short.

    Cutting training short would make the figure depend on how busy the machine was; failing
    says so and leaves the choice (more time, fewer epochs) to the person running it.
    ``None`` means no limit.
    """

    def __init__(self, limit_seconds: float | None, what: str) -> None:
        self.limit_seconds = limit_seconds
        self.what = what
        self.started = time.perf_counter()

    def check(self) -> None:
        """Raise :class:`LamplightError` when the limit has passed."""
        if self.limit_seconds is None:
            return
        elapsed = time.perf_counter() - self.started
        if elapsed > self.limit_seconds:
            raise LamplightError(
                f"{self.what} ran {elapsed:.0f} s, past its limit of {self.limit_seconds:.0f} s. It was stopped "
                "rather than cut short, because a result that depends on the machine's speed is not "
                "reproducible. Allow more time or train fewer epochs.")
