"""Model commands: ``train`` (meta-train a response model) and ``bench`` (speed and memory figures).

Heavy imports (torch, the model package) happen inside the command functions.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from engine.cli import save_json
from engine.cli.progress import ProgressBar

ALGORITHMS = ("maml", "fomaml", "reptile", "metasgd")


def register(subparsers: argparse._SubParsersAction) -> None:
    train = subparsers.add_parser("train", help="meta-train a response model on one or more datasets")
    train.add_argument("--data", nargs="+", required=True, help="dataset folder(s) with responses.csv.gz")
    train.add_argument("--algorithm", choices=ALGORITHMS, default="metasgd")
    train.add_argument("--out", required=True, help="output path without suffix (writes OUT.safetensors and OUT.json)")
    train.add_argument("--epochs", type=int, default=None,
                       help="outer steps; each step uses every history student once (default: the model's setting)")
    train.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N or mps (default auto; $LAMPLIGHT_DEVICE)")
    train.add_argument("--seed", type=int, default=0, help="seed of the history/test split and of task sampling")
    train.add_argument("--portable", action="store_true",
                       help="save only the dataset-independent meta-parameters (what the shipped default keeps)")
    train.set_defaults(func=train_command)

    bench = subparsers.add_parser("bench", help="time adapt/predict/calibrate and measure memory on synthetic data")
    bench.add_argument("--json", help="also write the figures to this file")
    bench.add_argument("--scenario", choices=("model", "practice", "classroom", "marking", "district", "quiz-pick"), default="model",
                       help="model (default), practice (the practice-session benchmark), classroom (screens on a year of answers) "
                       "or quiz-pick (the teacher's wait after Pick in a new quiz on a class with a year of answers)")
    bench.add_argument("--sizes", default="100,1000,3000", help="classroom and quiz-pick scenarios: answers per student, "
                       "comma-separated (quiz-pick also takes 'demo': the app's demo class)")
    bench.add_argument("--data", default=None, help="classroom scenario: a dataset folder for the histories "
                       "(default ../shared/data/assist2017 when present, else synthetic)")
    bench.add_argument("--students", type=int, default=None, help="practice scenario: simulated students")
    bench.add_argument("--seed", type=int, default=0)
    bench.add_argument("--model", default=None, help="a saved model path (default: the shipped default model)")
    bench.add_argument("--repeats", type=int, default=200, help="single-student adapt+predict repetitions")
    bench.set_defaults(func=bench_command)


def train_command(args: argparse.Namespace) -> int:
    import torch

    from engine.device import choose_device, configure_threads
    from engine.model.dataset import concatenate, history_students, prefixed, read_responses
    from engine.model.persistence import save_model
    from engine.model.response import ResponseModel, Settings
    from engine.model.parallel import finish, init_from_environment, local_device
    from engine.model.training import meta_train

    configure_threads()
    device = choose_device(local_device(args.device))
    group = init_from_environment(str(device))  # under torchrun: data-parallel, gloo on CPU, nccl on GPU
    torch.manual_seed(args.seed)
    logs, sources = [], []
    for folder in args.data:
        began = time.perf_counter()
        history = history_students(read_responses(folder), seed=args.seed)
        name = Path(folder).resolve().name
        sources.append({"name": name, "students": len(set(history.student_ids)), "responses": len(history),
                        "exercises": len(set(history.item_ids))})
        logs.append(prefixed(history, name) if len(args.data) > 1 else history)
        print(f"{name}: {sources[-1]['students']} history students, {len(history)} first attempts "
              f"({time.perf_counter() - began:.1f}s to read)", file=sys.stderr)
    settings = Settings(algorithm=args.algorithm, seed=args.seed)
    if args.epochs is not None:
        settings.outer_steps = max(1, args.epochs)
    model = ResponseModel(settings, name=args.algorithm)
    bar = ProgressBar() if group is None or group.is_main else (lambda fraction, message="": None)
    began_cpu, began_wall = time.process_time(), time.perf_counter()
    try:
        summary = meta_train(model, concatenate(logs), {}, progress=bar, device=device)
    except KeyboardInterrupt:
        bar.close()
        print(f"interrupted: nothing written to {args.out}", file=sys.stderr)
        return 130
    if group is not None:
        finish()
        if not group.is_main:
            return 0
        print(f"data-parallel on {group.world} processes", file=sys.stderr)
    bar.close()
    model.settings.outer_steps = Settings().outer_steps  # what calibrating a new class will spend
    cpu_s, wall_s = time.process_time() - began_cpu, time.perf_counter() - began_wall
    extra = {"training": {"data": sources, "device": str(device), "cpu_seconds": round(cpu_s, 2),
                          "wall_seconds": round(wall_s, 2), "split": f"history students of the coldstart split, seed {args.seed}"},
             "metrics": {"final_query_log_loss": round(float(summary["loss"]), 5), "steps": summary["steps"]}}
    weights, meta = save_model(model, args.out, include_class=not args.portable, extra=extra)
    print(f"trained {args.algorithm} on {', '.join(s['name'] for s in sources)}: {summary['steps']} steps, "
          f"query log loss {summary['loss']:.4f}, {cpu_s:.1f} CPU s ({wall_s:.1f} s wall) on {device}")
    print(f"wrote {weights} ({weights.stat().st_size / 1024:.0f} KiB) and {meta}")
    return 0


# ---------------------------------------------------------------------------- bench

def _bench_model(path: str | None) -> Any:
    """The model the bench times: a saved one, else the shipped default, else a fresh Meta-SGD model."""
    from engine.errors import LamplightError
    from engine.model import registry

    if path is not None:
        return registry.make(path)
    try:
        return registry.default()
    except LamplightError:
        print("(no shipped default model found: benchmarking a fresh metasgd model)", file=sys.stderr)
        return registry.make("meta")


def _median_ms(samples: list[float]) -> float:
    return round(1000.0 * statistics.median(samples), 3)


def _warm_up_torch_func() -> None:
    """torch.func's first call imports torch's compiler stack (seconds, once per process); pay it apart."""
    import torch
    from torch.func import grad, vmap

    vmap(grad(lambda x: (x * x).sum()))(torch.ones(2, 2))


def measure_speed(model_path: str | None, repeats: int, seed: int) -> dict[str, Any]:
    """Timings of calibrate, single-student adapt+predict and whole-class adapt+predict."""
    import copy

    import numpy as np

    from engine.model.synthetic import make_class

    figures: dict[str, Any] = {}
    base = _bench_model(model_path)

    began = time.perf_counter()
    _warm_up_torch_func()
    figures["torch_func_first_use_s"] = round(time.perf_counter() - began, 3)

    truth, history = make_class(students=300, items=1000, answers_per_student=100, skills=30, seed=seed)
    model = copy.deepcopy(base)
    began_cpu, began = time.process_time(), time.perf_counter()
    model.calibrate(history, truth.items)
    figures["calibrate_300x100_s"] = round(time.perf_counter() - began, 3)
    figures["calibrate_300x100_cpu_s"] = round(time.process_time() - began_cpu, 3)

    _, students = make_class(students=repeats, items=1000, answers_per_student=20, skills=30, seed=seed + 1)
    bank = list(truth.items)
    single = []
    for items, ys in students.by_student().values():
        began = time.perf_counter()
        state = model.adapt(items, ys)
        model.predict(state, bank)
        single.append(time.perf_counter() - began)
    figures["adapt_predict_1x20_over_1000_ms_median"] = _median_ms(single)

    _, klass = make_class(students=40, items=1000, answers_per_student=20, skills=30, seed=seed + 2)
    answers = list(klass.by_student().values())
    targets = bank[:500]
    whole = []
    for _ in range(30):
        began = time.perf_counter()
        matrix = model.predict_matrix(model.adapt_many(answers), targets)
        whole.append(time.perf_counter() - began)
    assert matrix.shape == (40, 500) and np.isfinite(matrix).all()
    figures["class_40x500_ms_median"] = _median_ms(whole)
    return figures


REFRESH_SCRIPT = """
import json, resource, sys
from engine.cli.model_commands import class_refresh
class_refresh(sys.argv[1] if sys.argv[1] != '-' else None, int(sys.argv[2]))
print(json.dumps({'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def class_refresh(model_path: str | None, seed: int) -> None:
    """What the app does when a class's data changed: calibrate on its history, adapt everyone, predict all."""
    from engine.model.synthetic import make_class

    model = _bench_model(model_path)
    truth, history = make_class(students=300, items=1000, answers_per_student=100, skills=30, seed=seed)
    model.calibrate(history, truth.items)
    model.predict_matrix(model.adapt_many(list(history.by_student().values())), list(truth.items))


def measure_memory(model_path: str | None, seed: int) -> dict[str, Any]:
    """Peak RSS of a class refresh, measured in a fresh subprocess (so nothing else is counted)."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", REFRESH_SCRIPT, model_path or "-", str(seed)], capture_output=True,
                          text=True, env=env, timeout=600)
    if done.returncode != 0:
        return {"peak_rss_mb": None, "error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    return {"peak_rss_mb": round(json.loads(done.stdout.strip().splitlines()[-1])["peak_rss_mb"], 1)}


TARGETS = {"adapt_predict_1x20_over_1000_ms_median": 5.0, "class_40x500_ms_median": 100.0,
           "calibrate_300x100_s": 10.0, "peak_rss_mb": 500.0}


def bench_command(args: argparse.Namespace) -> int:
    if args.scenario == "district":  # export an update for a class of 40 x 500 answers; aggregate 100 school files
        from engine.cli.district_commands import district_bench

        return district_bench(args)
    if args.scenario == "marking":  # suggested marks for 60 written answers; --model: a marking model path
        from engine.cli.marking_commands import marking_bench

        return marking_bench(args)
    if args.scenario in ("classroom", "quiz-pick"):
        from engine.bench import classroom, quiz_pick

        default = Path(__file__).resolve().parents[3] / "shared" / "data" / "assist2017"
        data = Path(args.data) if args.data else (default if default.exists() else None)
        sizes = args.sizes.split(",")
        if args.scenario == "classroom":
            classroom.run(tuple(int(s) for s in sizes), data, args.json)
        else:
            quiz_pick.run(tuple(sizes), data, args.json)
        return 0
    if args.scenario == "practice":
        try:
            from engine.bench import practice as practice_bench
        except ImportError:
            print("error: the practice benchmark (engine.bench.practice) is not installed", file=sys.stderr)
            return 1
        return int(practice_bench.run(args) or 0)
    from engine.device import configure_threads

    threads = configure_threads()
    figures = {"threads": threads, **measure_speed(args.model, args.repeats, args.seed), **measure_memory(args.model, args.seed)}
    print(f"bench (synthetic data, {threads} torch thread(s); wall-clock figures are noisy on a shared machine)")
    for key, value in figures.items():
        target = TARGETS.get(key)
        verdict = "" if target is None or value is None else ("  ok" if value <= target else f"  OVER target {target}")
        print(f"  {key:42} {value}{'' if target is None else f'  (target <= {target})'}{verdict}")
    if args.json:
        save_json(args.json, figures)
    return 0
