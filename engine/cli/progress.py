"""A plain-text progress bar for long commands (one line on stderr, rewritten)."""
from __future__ import annotations

import sys
from typing import Any
import time


class ProgressBar:
    """A plain-text progress bar on stderr (one line, rewritten)."""

    def __init__(self, stream: Any = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.began = time.perf_counter()

    def __call__(self, fraction: float, message: str = "") -> None:
        filled = int(round(self.width * min(max(fraction, 0.0), 1.0)))
        elapsed = time.perf_counter() - self.began
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {fraction:4.0%} {elapsed:6.1f}s {message}   ")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
