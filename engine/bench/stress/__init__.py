"""``python -m engine stress``: attack Lamplight the ways a school laptop does, count what breaks.

Each *fault class* is one way things go wrong (a kill during some store work,
a full disk, a read-only folder, a command run against the open app, hostile
files fed to an importer...). It runs a number of trials scaled by
``--rounds`` and returns a :class:`Tally`:

* ``trials``: attempts made; ``kills``: processes SIGKILLed among them;
* ``recoveries``: times the data opened and passed the integrity check afterwards;
* ``lost``: acknowledged writes (or stored data) missing afterwards;
* ``crashes``: tracebacks instead of a message, or half-written files left behind;
* ``silent``: silent acceptances: a fault that should have been refused or
  reported went through (a replacing command ran under the open app, a damaged
  file called sound, a hostile input imported, good data called "damaged");
* ``plaintext``: files holding a plain name while the folder says "encrypted";
* ``refused_good``: valid inputs refused (a well-formed file an importer would not take).

A class may split its tally into ``parts`` (the ``malformed`` class: one per
importer); the report prints them under the class's row.

The report is OK only when lost, crashes, silent, plaintext and refused_good are all 0 and
every kill was recovered from.

Adding a fault class (other harness modules do the same): write a function
``run(trials, rng, workdir, progress) -> Tally`` in a module, decorate it with
``@fault_class("name", "what it does", weight=...)`` and add the module to
:data:`FAULT_MODULES`. ``weight`` sets trials per round (``--rounds 100`` and
weight 0.1 give 10 trials).
"""
from __future__ import annotations

import importlib
import random
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

FAULT_MODULES = [
    "engine.bench.stress.kills",
    "engine.bench.stress.environment",
    "engine.bench.stress.malformed",
]
Progress = Callable[[str], None]


@dataclass
class Tally:
    """What one fault class found (see the module doc for each count)."""

    name: str
    trials: int = 0
    kills: int = 0
    recoveries: int = 0
    lost: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    plaintext: list[str] = field(default_factory=list)
    refused_good: list[str] = field(default_factory=list)
    parts: list["Tally"] = field(default_factory=list)
    acknowledged: int = 0
    skipped: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return (not (self.lost or self.crashes or self.silent or self.plaintext or self.refused_good)
                and self.recoveries >= self.kills)


@dataclass(frozen=True)
class FaultClass:
    name: str
    describe: str
    run: Callable[[int, random.Random, Path, Progress], Tally]
    weight: float = 0.125
    default: bool = True


FAULT_CLASSES: dict[str, FaultClass] = {}


def fault_class(name: str, describe: str, weight: float = 0.125, default: bool = True) -> Callable:
    """Register ``run(trials, rng, workdir, progress) -> Tally`` as the fault class ``name``."""
    def register(run: Callable[[int, random.Random, Path, Progress], Tally]) -> Callable:
        FAULT_CLASSES[name] = FaultClass(name, describe, run, weight, default)
        return run
    return register


def load_fault_classes() -> dict[str, FaultClass]:
    """Every registered fault class (importing the modules of :data:`FAULT_MODULES`)."""
    for module in FAULT_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return FAULT_CLASSES


def trials_for(fault: FaultClass, rounds: int) -> int:
    return max(1, round(rounds * fault.weight))


PROBLEMS = ("lost", "crashes", "silent", "plaintext", "refused_good")


def _row(name: str, t: Tally) -> str:
    """One line of the report's table (the recovered column says "-" for a class that kills nothing)."""
    recovered = f"{t.recoveries:9d}" if t.kills or t.recoveries else f"{'-':>9s}"
    return (f"{name:24s} {t.trials:7d} {t.kills:6d} {recovered} {len(t.lost):5d} {len(t.crashes):7d} "
            f"{len(t.silent):6d} {len(t.plaintext):9d} {t.seconds:6.0f}s")


@dataclass
class StressReport:
    tallies: list[Tally]
    rounds: int
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tallies)

    def lines(self) -> list[str]:
        out = [f"Lamplight stress report (--rounds {self.rounds}, {self.seconds:.0f} s)", ""]
        header = f"{'fault class':24s} {'trials':>7s} {'kills':>6s} {'recovered':>9s} {'lost':>5s} {'crashes':>7s} {'silent':>6s} {'plaintext':>9s} {'time':>7s}"
        out += [header, "-" * len(header)]
        for t in self.tallies:
            if t.skipped:
                out.append(f"{t.name:24s} skipped: {t.skipped}")
                continue
            out.append(_row(t.name, t))
            out += [_row(f"  {part.name}", part) for part in t.parts]
        total = Tally("total")
        for t in self.tallies:
            total.trials += t.trials
            total.kills += t.kills
            total.recoveries += t.recoveries
            for name in PROBLEMS:
                getattr(total, name).extend(getattr(t, name))
        out += ["-" * len(header),
                f"{'total':24s} {total.trials:7d} {total.kills:6d} {total.recoveries:9d} {len(total.lost):5d} "
                f"{len(total.crashes):7d} {len(total.silent):6d} {len(total.plaintext):9d} {self.seconds:6.0f}s", ""]
        for t in self.tallies:
            for label in PROBLEMS:
                for item in getattr(t, label)[:5]:
                    out.append(f"  {label.upper()} ({t.name}): {item[:400]}")
        out.append("Result: " + ("OK" if self.ok else "PROBLEMS FOUND"))
        return out


def run(rounds: int = 20, seed: int = 0, classes: tuple[str, ...] | None = None,
        progress: Progress | None = None, **options: int) -> StressReport:
    """Run the chosen fault classes (default: all default ones) with trials scaled by ``rounds``.

    ``options`` go to fault classes that take them (``per_importer`` for the malformed inputs).
    """
    known = load_fault_classes()
    chosen = list(classes) if classes else [name for name, fault in known.items() if fault.default]
    unknown = [name for name in chosen if name not in known]
    if unknown:
        from engine.errors import LamplightError

        raise LamplightError(f"Unknown fault class(es): {', '.join(unknown)} (known: {', '.join(known)}).")
    say = progress or (lambda line: None)
    rng = random.Random(seed)
    started = time.perf_counter()
    tallies = []
    with tempfile.TemporaryDirectory(prefix="lamplight-stress-") as tmp:
        for name in chosen:
            fault = known[name]
            workdir = Path(tmp) / name
            workdir.mkdir()
            began = time.perf_counter()
            trials = options["per_importer"] if name == "malformed" and options.get("per_importer") else trials_for(fault, rounds)
            tally = fault.run(trials, random.Random(rng.randrange(2**32)), workdir, say)
            tally.seconds = time.perf_counter() - began
            tallies.append(tally)
            say(f"{name}: {tally.trials} trials, {tally.kills} kills, {len(tally.lost)} lost, {len(tally.crashes)} crashes, "
                f"{len(tally.silent)} silent, {len(tally.plaintext)} plaintext ({tally.seconds:.0f} s)"
                + (f" - skipped: {tally.skipped}" if tally.skipped else ""))
    return StressReport(tallies, rounds, time.perf_counter() - started)
