"""Where the engine runs: pick a torch device and a sensible number of CPU threads.

The choice order is CUDA, then Apple's MPS, then the CPU. A teacher or a
test can force a device with the ``LAMPLIGHT_DEVICE`` environment variable
(``cpu``, ``cuda``, ``cuda:1``, ``mps``) or an explicit argument; asking for a
device that is not there is an error that says so, not a silent fallback.
"""
from __future__ import annotations

import os
from typing import Any

from engine.errors import LamplightError

DEVICE_ENV = "LAMPLIGHT_DEVICE"
THREADS_ENV = "LAMPLIGHT_THREADS"


def _mps_available(torch: Any) -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def gpu_available() -> bool:
    """Whether torch sees a graphics card to compute on (CUDA, or Apple's Metal); imports torch."""
    import torch

    return bool(torch.cuda.is_available() or _mps_available(torch))


def choose_device(preference: str | None = "auto") -> "Any":
    """The torch device to run on.

    ``preference`` is ``"auto"`` (or None: use $LAMPLIGHT_DEVICE, else the best
    available), or a device name such as ``"cpu"``, ``"cuda"``, ``"cuda:0"``,
    ``"mps"``. An explicit argument wins over the environment variable.
    """
    import torch

    wanted = (preference or "auto").strip().lower()
    if wanted == "auto":
        wanted = os.environ.get(DEVICE_ENV, "auto").strip().lower() or "auto"
    if wanted == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available(torch):
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(wanted)
    except (RuntimeError, ValueError) as exc:
        raise LamplightError(f"Unknown device {wanted!r}: use auto, cpu, cuda, cuda:N or mps.") from exc
    if device.type == "cuda" and not torch.cuda.is_available():
        raise LamplightError(f"Device {wanted!r} was asked for but no CUDA GPU is available; use --device cpu.")
    if device.type == "cuda" and device.index is not None and device.index >= torch.cuda.device_count():
        raise LamplightError(f"Device {wanted!r} does not exist: this machine has {torch.cuda.device_count()} CUDA GPU(s).")
    if device.type == "mps" and not _mps_available(torch):
        raise LamplightError("Device 'mps' was asked for but Apple's Metal backend is not available; use --device cpu.")
    if device.type not in ("cpu", "cuda", "mps"):
        raise LamplightError(f"Unsupported device {wanted!r}: use auto, cpu, cuda, cuda:N or mps.")
    return device


def physical_cores() -> int:
    """Physical CPU cores (logical count halved when hyper-threading is likely), at least 1."""
    logical = os.cpu_count() or 1
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="ignore") as info:
            pairs = {(block.get("physical id"), block.get("core id"))
                     for block in _cpuinfo_blocks(info.read()) if "core id" in block}
        if pairs:
            return max(1, len(pairs))
    except OSError:
        pass
    return max(1, logical // 2) if logical >= 4 else logical


def _cpuinfo_blocks(text: str) -> list[dict[str, str]]:
    blocks = []
    for chunk in text.split("\n\n"):
        fields = {}
        for line in chunk.splitlines():
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
        blocks.append(fields)
    return blocks


def thread_count(leave_one_for_gui: bool = False) -> int:
    """How many torch CPU threads to use: $LAMPLIGHT_THREADS, else physical cores (minus one for the GUI)."""
    configured = os.environ.get(THREADS_ENV, "").strip()
    if configured:
        try:
            return max(1, int(configured))
        except ValueError as exc:
            raise LamplightError(f"{THREADS_ENV}={configured!r} is not a whole number of threads.") from exc
    cores = physical_cores()
    return max(1, cores - 1) if leave_one_for_gui else cores


def configure_threads(leave_one_for_gui: bool = False) -> int:
    """Set torch's intra-op CPU threads (see :func:`thread_count`) and return the number set."""
    import torch

    threads = thread_count(leave_one_for_gui)
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    return threads


def reserve_a_core_for_the_gui() -> int:
    """Let torch use one core fewer than the laptop has (see :func:`thread_count`), so a screen stays
    responsive while a job computes. Before torch is imported this only sets ``OMP_NUM_THREADS`` (torch reads
    it when it loads), so the window can appear without waiting for torch."""
    import sys

    threads = thread_count(leave_one_for_gui=True)
    if "torch" in sys.modules:
        return configure_threads(leave_one_for_gui=True)
    os.environ["OMP_NUM_THREADS"] = str(threads)
    return threads

