"""Cold start with noisy answers: every model's AUC when a share of the asked answers is flipped.

Lucky guesses and slips happen; a model that trusts one answer too much suffers most. The
harness runs the cold-start protocol of docs/evaluation.md unchanged, except that each test
student's *pool* answers (what the model is told when it asks) are flipped independently
with probability ``--share`` (default 10%), drawn with ``random.Random(f"{seed}:flip:{student}")``.
The target answers it is scored on stay true. Both policies are supported; with the
adaptive one the model sees the flipped answer of what it asked.

    python -m engine.bench.flip_robustness --data ../shared/data/assist2009 --model irt,default

Prints the clean and flipped AUC per model, policy and n (and writes them with ``--json``).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

from engine.data import load_responses
from engine.evaluation import protocols
from engine.evaluation.models import resolve_model


def flipped_split(split: protocols.ColdStartSplit, share: float, seed: int) -> protocols.ColdStartSplit:
    """The same split with each test student's pool answers flipped with probability ``share``."""
    test = []
    for student in split.test:
        rng = random.Random(f"{seed}:flip:{student.student_id}")
        pool = [1.0 - y if rng.random() < share else y for y in student.pool_correct]
        test.append(replace(student, pool_correct=pool))
    return replace(split, test=test)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--model", default="irt,default", help="comma-separated cold-start model names or paths")
    parser.add_argument("--policy", default="random", help="random, adaptive or both (comma-separated)")
    parser.add_argument("--ns", default="1,3,5,10,20")
    parser.add_argument("--share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    ns = [int(n) for n in args.ns.split(",")]
    policies = [p for p in args.policy.split(",") if p]
    clean = protocols.coldstart_split(load_responses(args.data), args.seed)
    noisy = flipped_split(clean, args.share, args.seed)
    rows = []
    for name in [m for m in args.model.split(",") if m]:
        model = resolve_model(name, "coldstart")
        protocols.calibrate_model(model, clean)
        for label, split in (("clean", clean), (f"{args.share:.0%} flipped", noisy)):
            for result in protocols.run_coldstart(model, split, ns, policies):
                rows.append({"model": name, "answers": label, "policy": result["policy"], "n": result["n"],
                             "auc": round(result["auc"], 4), "logloss": round(result["logloss"], 4)})
                print(f"{name:10s} {label:12s} {result['policy']:8s} n={result['n']:<3d} AUC {result['auc']:.4f} "
                      f"log loss {result['logloss']:.4f}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
