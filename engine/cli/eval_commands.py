"""The ``evaluate`` command: run an evaluation protocol of docs/evaluation.md on a dataset folder.

Heavy imports happen inside the command function so ``python -m engine --help`` stays fast.
"""
from __future__ import annotations

import argparse
import sys

from engine.errors import LamplightError


def _int_list(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated whole numbers, got {text!r}") from None
    if not values or min(values) < 0:
        raise argparse.ArgumentTypeError(f"expected comma-separated whole numbers >= 0, got {text!r}")
    return values


def _name_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="cold-start or knowledge-tracing evaluation of student models on a dataset",
        description="Run an evaluation protocol (docs/evaluation.md) and print a table; --json writes the figures.")
    parser.add_argument("--data", required=True, nargs="+",
                        help="dataset folder with responses.csv.gz (or the file itself); marking: one or more "
                             "folders with answers.csv.gz")
    parser.add_argument("--protocol", choices=["coldstart", "kt", "marking"], default="coldstart")
    parser.add_argument("--model", type=_name_list, default=None,
                        help="model name(s), comma-separated (baselines: coldstart difficulty, irt, elo; "
                             "kt lr-kt, dkt, elo, irt; plus the model registries' names), or a saved model path; "
                             "default: the shipped default model")
    parser.add_argument("--ns", type=_int_list, default=[1, 3, 5, 10, 20], help="asked items (coldstart), e.g. 1,3,5,10,20")
    parser.add_argument("--policy", type=_name_list, default=["random", "adaptive"], help="random, adaptive (the model's own choice) and/or learned (the meta-learned selection policy; "
                             "response models only; $LAMPLIGHT_SELECTION picks its file)")
    parser.add_argument("--ks", type=_int_list, default=[1, 3, 5, 10], help="marked answers (marking), e.g. 1,3,5,10")
    parser.add_argument("--split", choices=["questions", "datasets"], default="questions",
                        help="marking: hold out folds of questions (default) or whole datasets")
    parser.add_argument("--support", choices=["random", "chosen"], default="random",
                        help="marking: the k marked answers drawn at random (default) or picked one by one by the "
                             "model, as the marking screen asks the teacher")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-students", type=int, default=None, help="only the first N test students (quick runs)")
    parser.add_argument("--json", help="write the report here (one model: an object; several: a list of objects)")
    parser.set_defaults(func=evaluate_command)


def evaluate_command(args: argparse.Namespace) -> int:
    from engine.evaluation.report import evaluate, format_table, write_json

    if args.protocol == "marking":
        from engine.cli.marking_commands import marking_evaluate

        return marking_evaluate(args)
    if len(args.data) != 1:
        raise LamplightError(f"The {args.protocol} protocol takes one --data folder (got {len(args.data)}).")
    args.data = args.data[0]
    if args.max_students is not None and args.max_students < 1:
        raise LamplightError("--max-students must be at least 1.")
    reports = evaluate(args.data, args.protocol, args.model or [None], seed=args.seed, ns=args.ns,
                       policies=args.policy, max_students=args.max_students,
                       progress=lambda message: print(message, file=sys.stderr, flush=True))
    print(format_table(reports))
    if args.json:
        write_json(reports, args.json)
        print(f"written to {args.json}", file=sys.stderr)
    return 0
