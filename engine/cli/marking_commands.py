"""Marking commands: ``marking-train`` (the shipped marking model) and the ``bench --scenario marking`` figures.

Heavy imports (torch, the marking package) happen inside the command functions.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from engine.cli import save_json

LEARNER_NAMES = ("protonet", "matching", "siamese", "relation")
BENCH_TARGET_MS = 200.0


def register(subparsers: argparse._SubParsersAction) -> None:
    train = subparsers.add_parser("marking-train", help="meta-train the marking model on graded short answers",
                                  description="Meta-train a marking model on every question of the given folders "
                                              "(80% train, 20% choose the epoch and the auto-marking thresholds).")
    train.add_argument("--data", nargs="+", required=True, help="folder(s) with answers.csv.gz")
    train.add_argument("--out", required=True, help="output path without suffix (writes OUT.safetensors and OUT.json)")
    train.add_argument("--learner", choices=LEARNER_NAMES, default=None, help="default: the shipped default's learner")
    train.add_argument("--epochs", type=int, default=None, help="most epochs (one episode per question each)")
    train.add_argument("--seed", type=int, default=0)
    train.set_defaults(func=marking_train)


def marking_train(args: argparse.Namespace) -> int:
    import torch

    from engine.cli.progress import ProgressBar
    from engine.device import configure_threads
    from engine.marking.data import read_datasets
    from engine.marking.model import LearnedMarker
    from engine.marking.persistence import save_marker
    from engine.marking.protocol import DEFAULT_KS, calibrate
    from engine.marking.training import shipped_settings

    threads = configure_threads()
    began_cpu, began_wall = time.process_time(), time.perf_counter()
    questions = read_datasets(args.data)
    settings = shipped_settings(seed=args.seed)
    if args.learner:
        settings.learner = args.learner
    if args.epochs:
        settings.epochs = max(1, args.epochs)
    torch.manual_seed(args.seed)
    marker = LearnedMarker(settings)
    bar = ProgressBar()
    marker.progress = bar
    marker.fit(questions)
    bar.close()
    calibrate(marker, marker.calibration_questions or questions, list(DEFAULT_KS), args.seed)
    cpu_s, wall_s = time.process_time() - began_cpu, time.perf_counter() - began_wall
    sources = sorted({q.dataset for q in questions})
    extra = {"training_record": {"data": sources, "questions": len(questions), "threads": threads,
                                 "cpu_seconds": round(cpu_s, 1), "wall_seconds": round(wall_s, 1),
                                 "command": "python -m engine " + " ".join(sys.argv[1:])}}
    weights, meta = save_marker(marker, args.out, extra=extra)
    best = marker.info["training"]["best_epoch"]
    print(f"trained {settings.learner} (x{settings.ensemble}) on {len(questions)} questions of {', '.join(sources)}: "
          f"best epoch {best} of {settings.epochs}, {cpu_s:.0f} CPU s ({wall_s:.0f} s wall, {threads} thread(s))")
    print(f"auto-marking thresholds at 95% precision: {marker.thresholds}; "
          f"questions without a reference answer: {marker.thresholds_without_reference}")
    print(f"wrote {weights} ({weights.stat().st_size / 1e6:.1f} MB) and {meta}")
    return 0


# ---------------------------------------------------------------------------- bench

WORDS = ("energy", "current", "circuit", "battery", "closed", "open", "bulb", "switch", "terminal", "voltage",
         "because", "the", "is", "not", "flows", "through", "path", "connected", "gap", "positive")


def synthetic_answers(n: int, seed: int) -> tuple[str, list[str]]:
    """A reference and ``n`` short synthetic answers built from a small vocabulary."""
    rng = random.Random(seed)
    reference = "the bulb lights because the circuit is closed and current flows through the battery"
    answers = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 16))) for _ in range(n)]
    return reference, answers


def marking_bench(args: argparse.Namespace) -> int:
    """Time the suggestions for 60 answers and the answer to mark next, after each of a teacher's marks (median over 20)."""
    from engine.device import configure_threads
    from engine.marking.marker import MarkingSession, load_default_marker

    threads = configure_threads()
    marker = load_default_marker(args.model)
    reference, answers = synthetic_answers(60, args.seed)
    began = time.perf_counter()
    session = MarkingSession("Why does the bulb light?", [reference], answers, marker)
    session.groups()
    session.next_to_mark(session.suggestions())
    open_ms = (time.perf_counter() - began) * 1000
    samples = []
    for index in range(20):
        began = time.perf_counter()
        session.mark(index, float(index % 3 == 0))
        session.next_to_mark(session.suggestions())
        samples.append((time.perf_counter() - began) * 1000)
    figures = {"threads": threads, "marking_open_60_answers_ms": round(open_ms, 1),
               "marking_suggest_60_after_mark_ms_median": round(statistics.median(samples), 2),
               "marking_suggest_60_after_mark_ms_max": round(max(samples), 2)}
    print(f"bench marking (synthetic question, 60 answers, {threads} torch thread(s))")
    for key, value in figures.items():
        verdict = ""
        if key == "marking_suggest_60_after_mark_ms_median":
            verdict = f"  (target <= {BENCH_TARGET_MS}) " + ("ok" if value <= BENCH_TARGET_MS else "OVER")
        print(f"  {key:44} {value}{verdict}")
    if args.json:
        save_json(args.json, figures)
    return 0


# ---------------------------------------------------------------------------- evaluate --protocol marking

def marking_evaluate(args: argparse.Namespace) -> int:
    """``evaluate --protocol marking``: every learner and baseline (or --model) on the folders, leave-questions-out."""
    from engine.device import configure_threads
    from engine.errors import LamplightError
    from engine.marking.baselines import BASELINES
    from engine.marking.data import read_datasets
    from engine.marking.protocol import evaluate, format_table
    from engine.marking.training import SHIPPED

    configure_threads()
    if not args.ks or min(args.ks) < 1:
        raise LamplightError("--ks needs whole numbers of at least 1 (marked answers per question).")
    names = args.model or [*BASELINES, *LEARNER_NAMES, SHIPPED]
    questions = read_datasets(args.data)
    report = evaluate(questions, names, args.ks, seed=args.seed, split=args.split,
                      say=lambda message: print(message, file=sys.stderr, flush=True), support_by=args.support)
    print(format_table(report))
    if args.json:
        save_json(args.json, report)
        print(f"written to {args.json}", file=sys.stderr)
    return 0
