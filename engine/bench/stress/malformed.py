"""The ``malformed`` fault class: hypothesis-drawn files fed to every importer, thousands each.

The inputs, the importers and the oracles live in :mod:`engine.bench.importer_fuzz`
(one home; ``tests/safety`` runs the same fuzzers small): valid files that must
import, files with one structural fault at a known line that must be refused
naming the line (CSV: unclosed quote, stray or missing cell, NUL byte; packs: a
cut-off file, template bombs, nesting too deep, too many digits, lone
surrogates), and damaged bytes of unknown effect (noise, edits, truncation,
other encodings, cut gzip streams) that must import or be refused, never crash.

``trials`` is the number of inputs *per importer* (``--rounds 500`` gives
10,000 each). Each importer's counts are a part of the tally, printed under the
class's row: crashes (an exception that is not a LamplightError), silent
acceptances (a structural fault imported, or refused without naming its line),
lost (a refusal that changed the store, an import that removed stored rows) and
refused good files. An importer joins by adding its fuzzer to
``importer_fuzz.FUZZERS``.
"""
from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any, Callable

from engine.bench.stress import Tally, fault_class

NEEDS_HYPOTHESIS = "needs the hypothesis package (a dev dependency: pip install -e '.[dev]')"


def importer_tally(result: Any, seconds: float) -> Tally:
    """One importer's :class:`~engine.bench.importer_fuzz.FuzzResult` as a part of the class's tally."""
    part = Tally(result.importer, trials=result.tried, seconds=seconds)
    part.crashes.extend(result.crashes)
    part.silent.extend(result.silent_acceptances)
    part.lost.extend(result.lost)
    part.refused_good.extend(result.refused_valid)
    return part


def fuzz_importers(per_importer: int, seed: int, workdir: Path, progress: Callable[[str], None] = lambda line: None,
                   importers: tuple[str, ...] | None = None) -> Tally:
    """Run every importer's fuzzer (or those named) with ``per_importer`` inputs; the class's tally with one part each."""
    try:
        import hypothesis  # noqa: F401 - only to say clearly what is missing
    except ModuleNotFoundError:
        return Tally("malformed", skipped=NEEDS_HYPOTHESIS)
    from engine.bench.importer_fuzz import FUZZERS

    tally = Tally("malformed")
    for index, (name, fuzz) in enumerate(FUZZERS.items()):
        if importers is not None and name not in importers:
            continue
        began = time.perf_counter()
        result = fuzz(per_importer, seed + index, folder=workdir)
        part = importer_tally(result, time.perf_counter() - began)
        tally.parts.append(part)
        tally.trials += part.trials
        for problems in ("crashes", "silent", "lost", "refused_good"):
            getattr(tally, problems).extend(f"{name}: {line}" for line in getattr(part, problems))
        progress(f"  malformed {name}: {result.tried} inputs ({result.valid} valid, {result.faults_injected} with a fault), "
                 f"{result.imported} imported, {result.refused} refused; {len(result.crashes)} crashes, "
                 f"{len(result.silent_acceptances)} silent, {len(result.lost)} lost, {len(result.refused_valid)} valid refused "
                 f"({part.seconds:.0f} s)")
    return tally


@fault_class("malformed", "hypothesis-drawn files for every importer: valid, broken at a known line, template bombs, "
             "hostile JSON, damaged bytes (trials = inputs per importer)", weight=20.0)
def run_malformed(trials: int, rng: random.Random, workdir: Path, progress: Callable[[str], None]) -> Tally:
    return fuzz_importers(trials, rng.randrange(2**31), workdir, progress)
