"""Adapt commands: fit the practice simulator, next steps from a response log, learning benchmark.

Heavy imports happen inside the command functions so ``python -m engine --help`` stays fast.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from engine.cli import save_json
from engine.files import write_text


def register(subparsers: argparse._SubParsersAction) -> None:
    fit = subparsers.add_parser("simulator-fit", help="fit the practice simulator's BKT parameters on a dataset")
    fit.add_argument("--data", required=True, help="dataset folder with responses.csv.gz (e.g. ../shared/data/assist2009)")
    fit.add_argument("--out", help="where to write the JSON (default: resources/simulator/bkt-assist2009.json)")
    fit.add_argument("--skills", type=int, default=12, help="how many of the most practised skills to fit")
    fit.add_argument("--seed", type=int, default=0)
    fit.set_defaults(func=simulator_fit)

    steps = subparsers.add_parser("next-steps", help="next steps for the students of a class (or of a response log)")
    source = steps.add_mutually_exclusive_group(required=True)
    source.add_argument("--class", dest="class_name", help="a class in the Lamplight store (see --data-dir)")
    source.add_argument("--data", help="a response log instead: folder with responses.csv.gz, or a .csv/.csv.gz file")
    steps.add_argument("--student", action="append", help="student id or name (repeatable; default: all / the first 5 of a log)")
    steps.add_argument("-k", type=int, default=5, help="exercises per student")
    steps.add_argument("--model", default="default", help="default, bkt or skill")
    steps.set_defaults(func=next_steps_command)

    learn = subparsers.add_parser("learn-bench", help="learning on the laptop on a dataset used as one class")
    learn.add_argument("--data", required=True, help="dataset folder with responses.csv.gz")
    learn.add_argument("--students", type=int, default=40)
    learn.add_argument("--answers", type=int, default=10000, help="keep about this many answers in all")
    learn.add_argument("--model", default="default", help="default, bkt or skill")
    learn.add_argument("--seed", type=int, default=0)
    learn.add_argument("--json", help="write the figures to this file")
    learn.set_defaults(func=learn_bench)

    practice = subparsers.add_parser("practice-bench", help="same as `bench --scenario practice`")
    practice.add_argument("--students", type=int, default=100)
    practice.add_argument("--seed", type=int, default=0)
    practice.add_argument("--cap", type=int, default=None, help="most exercises per simulated student (default 3000)")
    practice.add_argument("--model", default=None, help="comma-separated student models for the engine's policy: bkt, default (shipped), meta, skill, irt")
    practice.add_argument("--graph", default=None, help="skill graph: starter (the starter pack's 15 skills, default) or small (10)")
    practice.add_argument("--history", type=int, default=200, help="simulated earlier students the model is calibrated on")
    practice.add_argument("--json")
    practice.set_defaults(func=practice_bench)


def simulator_fit(args: argparse.Namespace) -> int:
    from engine.adapt.simulator import DEFAULT_PARAMS_PATH, fit_from_dataset

    params = fit_from_dataset(args.data, n_skills=args.skills, seed=args.seed)
    out = Path(args.out) if args.out else DEFAULT_PARAMS_PATH
    write_text(out, params.to_json() + "\n", make_folder=True)
    for skill in params.skills:
        print(f"{skill.name[:40]:40} prior {skill.prior:.2f} learn {skill.learn:.3f} guess {skill.guess:.2f} slip {skill.slip:.2f}")
    print(f"item spread (log-odds sd) {params.item_logit_sd:.2f}; written to {out}")
    return 0


def next_steps_command(args: argparse.Namespace) -> int:
    if args.class_name:
        return _class_next_steps(args)
    from engine.adapt.datasets import read_responses
    from engine.model.registry import make_or_default as make_model
    from engine.adapt.recommend import next_steps

    log = read_responses(args.data)
    bank = log.item_skills()
    model = make_model(args.model)
    model.calibrate(log, bank)
    students = args.student or list(dict.fromkeys(log.student_ids))[:5]
    for student in students:
        rows = [i for i, s in enumerate(log.student_ids) if s == student]
        items = [log.item_ids[i] for i in rows]
        scores = [float(log.correct[i]) for i in rows]
        print(f"{student} ({len(rows)} answers)")
        for step in next_steps(model, items, scores, bank, {}, args.k):
            print(f"  {step.exercise_id}: {step.reason}")
    return 0


def _class_next_steps(args: argparse.Namespace) -> int:
    """Next steps of a stored class, through the same classroom API as the app (its stored calibration, no re-fit)."""
    from engine.classroom import Classroom, StudentId
    from engine.errors import LamplightError

    if args.model != "default":
        raise LamplightError("--model applies to --data only: a class always uses its own model (see the Model screen)")
    room = Classroom.open(args.data_dir)
    try:
        found = room.store.find_class(args.class_name)
        if found is None:
            raise LamplightError(f"there is no class named {args.class_name!r}")
        students = room.store.list_students(found.id)
        wanted = args.student or [str(s.id) for s in students]
        for name in wanted:
            student = next((s for s in students if str(s.id) == name or s.name == name), None)
            if student is None:
                raise LamplightError(f"there is no student {name!r} in class {args.class_name!r}")
            page = room.student_page(found.id, StudentId(student.id), args.k)
            print(student.name)
            for step in page.steps:
                print(f"  {page.exercise_prompts.get(step.exercise_id, step.exercise_id)[:60]}: {step.reason}")
    finally:
        room.store.close()
    return 0


def learn_bench(args: argparse.Namespace) -> int:
    import time

    from engine.adapt.datasets import read_responses, sample_class
    from engine.adapt.learning import improve_model
    from engine.model.registry import make_or_default as make_model

    log = sample_class(read_responses(args.data), args.students, args.answers, args.seed)
    model = make_model(args.model)
    began = time.perf_counter()
    cpu = time.process_time()
    report = improve_model(log, model)
    figures = {
        "dataset": Path(args.data).name,
        "students": len(set(log.student_ids)),
        "answers": len(log),
        "model": getattr(model, "name", type(model).__name__),
        "before_log_loss": round(report.before.log_loss, 4),
        "after_log_loss": round(report.after.log_loss, 4) if report.after else None,
        "before_accuracy": round(report.before.accuracy, 4),
        "after_accuracy": round(report.after.accuracy, 4) if report.after else None,
        "held_out_answers": report.before.answers,
        "adopted": report.adopted,
        "wall_s": round(time.perf_counter() - began, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
        "summary": report.summary,
    }
    for key, value in figures.items():
        print(f"{key:18} {value}")
    if args.json:
        save_json(args.json, figures)
    return 0


def practice_bench(args: argparse.Namespace) -> int:
    from engine.bench.practice import run

    return run(args)
