"""Data-parallel training with ``torch.distributed`` (gloo on CPU, nccl on GPU), launched by ``torchrun``.

Every process draws the same batch from the same seed, keeps its own
contiguous share of the tasks, and the gradients are summed over processes
(each weighted by its share of the batch), so every process then takes the
same step and ends with the same model as a single process would, within
float rounding. Nothing here starts processes: ``torchrun`` does, and sets
``RANK``, ``WORLD_SIZE``, ``MASTER_ADDR`` and ``MASTER_PORT``.
"""
from __future__ import annotations

import contextlib
import os
import threading
from typing import Any, Mapping, Sequence

import numpy as np


class Group:
    """This process's place in the process group, and the collective operations training needs."""

    def __init__(self, rank: int, world: int) -> None:
        self.rank, self.world = rank, world

    def span(self, count: int) -> tuple[int, int]:
        """[start, end) of this process's share of ``count`` tasks (contiguous, sizes differ by at most 1)."""
        bounds = np.linspace(0, count, self.world + 1).round().astype(int)
        return int(bounds[self.rank]), int(bounds[self.rank + 1])

    def shard(self, batch: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        """This process's rows of a batch whose arrays have the task dimension first."""
        start, end = self.span(len(next(iter(batch.values()))))
        return {name: value[start:end] for name, value in batch.items()}

    def average_gradients(self, params: Sequence[Any], local_tasks: int, total_tasks: int) -> None:
        """Turn per-process gradients of a mean over local tasks into the gradient of the mean over all tasks."""
        import torch
        import torch.distributed as dist

        weight = local_tasks / max(1, total_tasks)
        for p in params:
            if p.grad is None:
                p.grad = torch.zeros_like(p)
            p.grad.mul_(weight)
            dist.all_reduce(p.grad, op=dist.ReduceOp.SUM)

    def sum_float(self, value: float) -> float:
        """A float summed over processes."""
        import torch
        import torch.distributed as dist

        tensor = torch.tensor([float(value)], dtype=torch.float64, device=self.device())
        dist.all_reduce(tensor, op=dist.ReduceOp.SUM)
        return float(tensor[0])

    def all_gather_bytes(self, data: bytes) -> list[bytes]:
        """Every process's bytes (e.g. a JSON update), in rank order; no pickling."""
        import torch
        import torch.distributed as dist

        device = self.device()
        size = torch.tensor([len(data)], dtype=torch.int64, device=device)
        sizes = [torch.zeros_like(size) for _ in range(self.world)]
        dist.all_gather(sizes, size)
        longest = int(max(s.item() for s in sizes))
        buffer = torch.zeros(longest, dtype=torch.uint8, device=device)
        buffer[:len(data)] = torch.frombuffer(bytearray(data), dtype=torch.uint8) if data else buffer[:0]
        gathered = [torch.zeros_like(buffer) for _ in range(self.world)]
        dist.all_gather(gathered, buffer)
        return [bytes(g[:int(s.item())].cpu().numpy().tobytes()) for g, s in zip(gathered, sizes)]

    def device(self) -> Any:
        import torch
        import torch.distributed as dist

        if dist.get_backend() == "nccl":
            return torch.device("cuda", torch.cuda.current_device())
        return torch.device("cpu")

    @property
    def is_main(self) -> bool:
        return self.rank == 0


_LOCAL = threading.local()


@contextlib.contextmanager
def local_only() -> Any:
    """Within this block training runs in this process alone (e.g. one school's own model under torchrun)."""
    previous = getattr(_LOCAL, "alone", False)
    _LOCAL.alone = True
    try:
        yield
    finally:
        _LOCAL.alone = previous


def current_group() -> Group | None:
    """The process group when torch.distributed is initialised with more than one process, else None."""
    if getattr(_LOCAL, "alone", False):
        return None
    try:
        import torch.distributed as dist
    except ImportError:
        return None
    if not dist.is_available() or not dist.is_initialized() or dist.get_world_size() < 2:
        return None
    return Group(dist.get_rank(), dist.get_world_size())


def launched_by_torchrun() -> bool:
    """True when ``torchrun`` (or another launcher) asked for more than one process."""
    return int(os.environ.get("WORLD_SIZE", "1")) > 1


def init_from_environment(device: str | None = None) -> Group | None:
    """Join the process group torchrun set up (nccl for CUDA, gloo otherwise); None for a single process.

    With CUDA, each process uses the GPU ``LOCAL_RANK``; returns the group.
    """
    if not launched_by_torchrun():
        return None
    import torch
    import torch.distributed as dist

    use_cuda = (device or "").startswith("cuda") or (device in (None, "auto") and torch.cuda.is_available())
    if not dist.is_initialized():
        if use_cuda:
            torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")))
        dist.init_process_group(backend="nccl" if use_cuda else "gloo")
    return current_group()


def local_device(device: str | None) -> str | None:
    """The device this process should train on: ``cuda:LOCAL_RANK`` for CUDA under torchrun."""
    if launched_by_torchrun() and device is not None and device.startswith("cuda"):
        return f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}"
    return device


def finish() -> None:
    """Leave the process group (at the end of a torchrun command)."""
    try:
        import torch.distributed as dist
    except ImportError:
        return
    if dist.is_available() and dist.is_initialized():
        try:  # every rank done first: a rank that left while another still talked to it aborted that one ("terminate
            dist.barrier()  # called without an active exception" from gloo's threads, once in a busy full suite)
        finally:
            dist.destroy_process_group()
