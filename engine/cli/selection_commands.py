"""The ``train-selection`` command: meta-learn the question-selection policy on a dataset's history students.

Heavy imports happen inside the command function so ``python -m engine --help`` stays fast.
"""
from __future__ import annotations

import argparse
import sys
import time


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train-selection", help="train the learned question-selection policy (evaluate --policy learned)",
        description="Calibrate a response model on the history students of a dataset's cold-start split and "
                    "train the question-selection policy on them (test students are never seen).")
    parser.add_argument("--data", required=True, help="dataset folder with responses.csv.gz")
    parser.add_argument("--out", required=True, help="the policy file to write (.json)")
    parser.add_argument("--model", default=None, help="a saved response model (default: the shipped default; "
                        "$LAMPLIGHT_MODEL)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the cold-start split and of policy training")
    parser.add_argument("--students", type=int, default=None, help="history students whose choices train it")
    parser.add_argument("--epochs", type=int, default=None, help="passes over the choice states per round")
    parser.set_defaults(func=train_selection_command)


def train_selection_command(args: argparse.Namespace) -> int:
    from engine.data import load_responses
    from engine.evaluation.protocols import calibrate_model, coldstart_split
    from engine.model.registry import load_model
    from engine.model.selection import SelectionSettings, train_policy

    settings = SelectionSettings(seed=args.seed)
    if args.students is not None:
        settings.train_students = max(1, args.students)
    if args.epochs is not None:
        settings.epochs = max(1, args.epochs)
    split = coldstart_split(load_responses(args.data), args.seed)
    model = load_model(args.model)
    began = time.process_time()
    calibrate_model(model, split)
    say = lambda message: print(message, file=sys.stderr, flush=True)
    say(f"calibrated {model.name} on {len(split.history)} history answers")
    policy = train_policy(model, split.history, settings, progress=say)
    policy.info["data"] = args.data.rstrip("/").split("/")[-1]
    policy.info["cpu_seconds"] = round(time.process_time() - began, 1)
    target = policy.save(args.out)
    print(f"wrote {target}: validation AUC {policy.info['validation_auc']:.4f} (round {policy.info['round']}, "
          f"epoch {policy.info['epoch']}), {policy.info['cpu_seconds']} CPU s")
    return 0
