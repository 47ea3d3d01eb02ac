"""District commands: ``district export|aggregate|import|simulate`` (issue 17).

``export`` writes a school's update file, ``aggregate`` combines many into a
district model, ``import`` adopts a district model on a laptop when it
predicts the class's own held-out answers at least as well, ``simulate``
measures the loop on a dataset. Heavy imports happen inside the functions.
"""
from __future__ import annotations

import argparse
import base64
import sys
import time
from pathlib import Path

from engine.cli import refuse_overwrite, save_json


def register(subparsers: argparse._SubParsersAction) -> None:
    district = subparsers.add_parser("district", help="learn together with other schools without sharing a child's data")
    commands = district.add_subparsers(dest="district_command", metavar="ACTION")

    export = commands.add_parser("export", help="write this class's update file (aggregates only) for the district")
    export.add_argument("--class", dest="class_name", required=True, help="the class in the Lamplight store (see --data-dir)")
    export.add_argument("--out", required=True, help="update file to write (JSON)")
    export.add_argument("--pack", help="the shared pack file (default: the starter pack)")
    export.add_argument("--base", help="the district model the update is made against (default: the district model this "
                        "laptop last adopted, else round 0)")
    export.add_argument("--min-students", type=int, default=10, help="release an exercise or skill only with this many students")
    export.add_argument("--epsilon", type=float, default=None, help="differential privacy: clip and add noise for this ε")
    export.add_argument("--meta-steps", type=int, default=30, help="local meta-learning steps for the meta update (0: none)")
    export.add_argument("--key-file", help="district key file: sign the update with it (default: the key file chosen in "
                        "the app for this data folder, if any)")
    export.add_argument("--roster", help="secure aggregation: the district's roster for this round (writes a masked update)")
    export.add_argument("--force", action="store_true", help="replace OUT when it exists")
    export.set_defaults(func=export_command)

    keys = commands.add_parser("keys", help="secure aggregation: write this laptop's key file (public key) for the district")
    keys.add_argument("--school", required=True, help="the school's name on the district's roster")
    keys.add_argument("--out", required=True, help="key file to write (JSON)")
    keys.add_argument("--force", action="store_true", help="make a new key pair for another school name (the old one is gone)")
    keys.set_defaults(func=keys_command)

    roster = commands.add_parser("roster", help="secure aggregation: make a round's roster from the schools' key files")
    roster.add_argument("files", nargs="+", help="the schools' key files")
    roster.add_argument("--out", required=True, help="roster file to write (JSON)")
    roster.add_argument("--pack", help="the shared pack file (default: the starter pack)")
    roster.add_argument("--base", help="the district model this round starts from (default: round 0)")
    roster.add_argument("--min-students", type=int, default=10, help="sum an exercise or skill only when this many students "
                        "across the district answered it")
    roster.add_argument("--key-file", help="district key file: check the key files with it and sign the roster")
    roster.add_argument("--force", action="store_true", help="replace OUT when it exists")
    roster.set_defaults(func=roster_command)

    combine = commands.add_parser("aggregate", help="combine school update files into a district model")
    combine.add_argument("files", nargs="+", help="school update files")
    combine.add_argument("--out", required=True, help="district model file to write (JSON)")
    combine.add_argument("--pack", help="the shared pack file (default: the starter pack)")
    combine.add_argument("--base", help="the previous district model (default: start from the shipped model's meta-parameters)")
    combine.add_argument("--meta-step", type=float, default=1.0, help="outer step of the meta-parameters (1: FedAvg)")
    combine.add_argument("--key-file", help="district key file: accept only files signed with it, and sign the model")
    combine.add_argument("--roster", help="secure aggregation: the roster the masked update files were made for")
    combine.add_argument("--force", action="store_true", help="replace OUT when it exists")
    combine.set_defaults(func=aggregate_command)

    adopt = commands.add_parser("import", help="use a district model for a class if it predicts the class at least as well "
                                "(exit status 3 when it does not, and the class keeps its model)")
    adopt.add_argument("model", help="district model file")
    adopt.add_argument("--class", dest="class_name", required=True, help="the class in the Lamplight store")
    adopt.add_argument("--pack", help="the shared pack file (default: the starter pack)")
    adopt.add_argument("--key-file", help="district key file the model must be signed with (default: the key file chosen "
                        "in the app for this data folder, if any)")
    adopt.set_defaults(func=import_command)

    simulate = commands.add_parser("simulate", help="measure school-alone, federated, pooled and DP on a dataset")
    simulate.add_argument("--data", required=True, help="dataset folder with responses.csv.gz")
    simulate.add_argument("--schools", type=int, default=30)
    simulate.add_argument("--rounds", type=int, default=5)
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument("--epsilons", default="1,8", help="comma-separated ε for the DP settings ('' for none)")
    simulate.add_argument("--meta-steps", type=int, default=30)
    simulate.add_argument("--min-students", type=int, default=10)
    simulate.add_argument("--json", help="write the figures to this file")
    simulate.add_argument("--secure", action="store_true", help="also run federated rounds with secure aggregation")
    simulate.add_argument("--no-diagnostic", action="store_true", help="skip the diagnostic run without the minimum-students rule")
    simulate.add_argument("--only", help="run only these settings, comma-separated: alone, pooled, federated, secure, dp, diagnostic")
    simulate.set_defaults(func=simulate_command)
    district.set_defaults(func=lambda args: (district.print_help(), 2)[1])


def simulate_command(args: argparse.Namespace) -> int:
    from engine.device import configure_threads
    from engine.district.simulate import Simulation, table
    from engine.model.dataset import read_responses
    from engine.model.parallel import finish, init_from_environment

    configure_threads()
    group = init_from_environment("cpu")
    main = group is None or group.is_main
    began = time.perf_counter()
    log = read_responses(args.data)
    epsilons = [float(e) for e in args.epsilons.split(",") if e.strip()]

    def say(message: str) -> None:
        if main:
            print(f"[{time.perf_counter() - began:7.1f}s] {message}", file=sys.stderr, flush=True)

    simulation = Simulation(log, Path(args.data).resolve().name, args.schools, args.rounds, args.seed, epsilons,
                            args.meta_steps, args.min_students, log=say, secure=args.secure, diagnostic=not args.no_diagnostic,
                            only=None if args.only is None else [s.strip() for s in args.only.split(",") if s.strip()])
    result = simulation.run()
    result["wall_s"] = round(time.perf_counter() - began, 1)
    if main:
        print(table(result))
        if args.json:
            save_json(args.json, result)
    finish()
    return 0


def _how_many(count: int, thing: str) -> str:
    """``count`` things, in English: "1 exercise", "3 exercises".

    >>> _how_many(1, "skill"), _how_many(0, "skill")
    ('1 skill', '0 skills')
    """
    return f"{count} {thing}" if count == 1 else f"{count} {thing}s"


def _open_store(args: argparse.Namespace):
    from engine.store import Store

    return Store.open(args.data_dir)


def _class_id(store, name: str) -> int:
    from engine.errors import LamplightError

    found = store.find_class(name, include_archived=True)
    if found is None:
        known = ", ".join(c.name for c in store.list_classes(include_archived=True)) or "none yet"
        raise LamplightError(f"There is no class named '{name}' (classes: {known}).")
    return found.id


def _laptop_key(args: argparse.Namespace) -> bytes | None:
    """The district key of a laptop's command: --key-file, else $LAMPLIGHT_DISTRICT_KEY, else the key file the data
    folder remembers (chosen in the app with "District key file…")."""
    from engine.district.fileformat import read_key
    from engine.district.laptop import laptop_key

    key = read_key(args.key_file)
    if key is None:
        with _open_store(args) as store:
            key = laptop_key(store)
    return key


def export_command(args: argparse.Namespace) -> int:
    from engine.district.laptop import export_class_update
    from engine.district.pack import load_shared_pack
    from engine.district.update import UpdateSettings

    refuse_overwrite(args.out, args.force)  # review 43d: a mistyped --out replaced the district's model file
    key = _laptop_key(args)
    pack = load_shared_pack(args.pack)
    settings = UpdateSettings(min_students=args.min_students, epsilon=args.epsilon, meta_steps=args.meta_steps)
    began = time.perf_counter()
    if args.roster:
        return _export_masked(args, pack, settings, key, began)
    with _open_store(args) as store:
        payload = export_class_update(store, _class_id(store, args.class_name), args.out, pack, settings, args.base, key)
    counts = payload["counts"]
    privacy = payload["privacy"]
    print(f"wrote {args.out}: {_how_many(counts['exercises_released'], 'exercise')} and "
          f"{_how_many(counts['skills_released'], 'skill')} of pack "
          f"{pack.id!r} from " + (f"{counts['students']} students" if privacy["mechanism"] == "none" else
                                    f"about {round(counts['students'])} students (a count with privacy noise)")
          + ("" if privacy["mechanism"] == "none" else f", with differential privacy ε = {privacy['epsilon']}")
          + ("" if key is None else ", signed with the district key")
          + f" ({time.perf_counter() - began:.1f} s)")
    return 0


def _export_masked(args: argparse.Namespace, pack, settings, key, began: float) -> int:
    from engine.district.laptop import export_masked_update

    with _open_store(args) as store:
        payload = export_masked_update(store, _class_id(store, args.class_name), args.out, pack, args.roster, settings, args.base, key)
    blocks = dict((name, length) for name, length in payload["layout"])
    what = "masked counts only (a counting round)" if blocks["exercise_precision"] + blocks["skill_precision"] == 0 else "masked sums"
    print(f"wrote {args.out}: {what} of pack {pack.id!r} for roster {payload['roster']['id']} as "
          f"{payload['roster']['school']!r}; only the district's total over all schools can be read "
          f"({time.perf_counter() - began:.1f} s)")
    return 0


def keys_command(args: argparse.Namespace) -> int:
    from engine.district.laptop import private_key_path, school_key_file

    with _open_store(args) as store:
        key = school_key_file(store, args.school, args.out, replace=args.force)
        kept = private_key_path(store)
    print(f"wrote {args.out}: the public key of {key.school!r} for the district's roster "
          f"(the private key stays on this laptop, {kept})")
    return 0


def roster_command(args: argparse.Namespace) -> int:
    from engine.district.fileformat import read_key
    from engine.district.laptop import roster_from_files
    from engine.district.pack import load_shared_pack

    refuse_overwrite(args.out, args.force)
    key = read_key(args.key_file)
    roster = roster_from_files(args.files, load_shared_pack(args.pack), args.out, args.base, args.min_students, key)
    kind = ("a counting round (files hold only masked counts)" if roster.release is None else
            f"{_how_many(len(roster.release.exercises), 'exercise')} and {_how_many(len(roster.release.skills), 'skill')} "
            "may be summed")
    print(f"wrote {args.out}: roster {roster.id} of {len(roster.members)} schools from district model "
          f"{roster.base['id']} (round {roster.base['round']}); {kind}")
    return 0


def aggregate_command(args: argparse.Namespace) -> int:
    from engine.district.laptop import aggregate_files, aggregate_masked_files
    from engine.district.fileformat import read_key
    from engine.district.pack import load_shared_pack

    refuse_overwrite(args.out, args.force)
    key = read_key(args.key_file)
    pack = load_shared_pack(args.pack)
    if args.roster:
        model = aggregate_masked_files(args.files, pack, args.roster, args.out, args.base, args.meta_step, key)
    else:
        model = aggregate_files(args.files, pack, args.out, args.base, args.meta_step, key)
    print(f"wrote {args.out}: district model {model.id} (round {model.round}), "
          f"{_how_many(len(model.exercises), 'exercise')} and {_how_many(len(model.skills), 'skill')} calibrated")
    if model.release is not None:
        print(f"the next roster made from it may sum {_how_many(len(model.release['exercises']), 'exercise')} and "
              f"{_how_many(len(model.release['skills']), 'skill')} (at least {model.release['min_students']} students across the district)")
    secure = bool(args.roster)
    print("| file |" + (" school |" if secure else "") + " students | answers | exercises | skills | share of evidence | meta update | privacy |")
    print("|---|" + ("---|" if secure else "") + "---|---|---|---|---|---|---|")
    for row in model.schools:
        cells = ([row.get("file")] + ([row.get("school")] if secure else []) + [row.get("students"), row.get("answers"),
                 row.get("exercises"), row.get("skills"), None if row.get("evidence_share") is None else f"{row['evidence_share']:.1%}",
                 row.get("meta"), row.get("privacy")])
        hidden = "masked" if secure else "-"  # secure: only the district's sum is known
        print("| " + " | ".join(hidden if c is None else str(c) for c in cells) + " |")
    return 0


def import_command(args: argparse.Namespace) -> int:
    from engine.district.laptop import import_district_model
    from engine.district.pack import load_shared_pack

    key = _laptop_key(args)
    with _open_store(args) as store:
        report = import_district_model(store, _class_id(store, args.class_name), args.model, load_shared_pack(args.pack), key)
    print(report.summary)
    return 0 if report.adopted else 3  # review 43d: a script could not tell "not adopted" from adopted


DISTRICT_TARGETS = {"export_40x500_s": 2.0, "aggregate_100_files_s": 10.0,
                    "masked_export_40x500_s": 2.0, "masked_aggregate_100_files_s": 10.0}


def district_bench(args: argparse.Namespace) -> int:
    """``bench --scenario district``: seconds to export one class's update and to aggregate 100 school files."""
    import tempfile

    from engine.device import configure_threads
    from engine.district.aggregate import starting_model
    from engine.district.fileformat import read_file, write_file
    from engine.district.laptop import aggregate_files
    from engine.district.pack import SharedPack
    from engine.district.update import UpdateSettings, school_update
    from engine.model.synthetic import make_class

    threads = configure_threads()
    truth, _ = make_class(students=1, items=1000, answers_per_student=1, skills=30, seed=args.seed)
    pack = SharedPack("bench-pack", {k: tuple(v) for k, v in truth.items.items()})
    district = starting_model(pack)
    base = district.response_model(pack)
    info = {"kind": "district", "id": district.id, "round": 0}
    _, warm = make_class(students=12, items=1000, answers_per_student=30, skills=30, seed=args.seed + 99)
    school_update(base, _renamed(warm, truth), pack, UpdateSettings(meta_steps=2), info)  # pays torch's first-use costs
    figures: dict[str, float] = {"threads": threads}
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for school in range(10):
            _, log = make_class(students=40, items=1000, answers_per_student=500, skills=30, seed=args.seed + school)
            log = _renamed(log, truth)
            began = time.perf_counter()
            payload = school_update(base, log, pack, UpdateSettings(seed=school), info)
            files.append(write_file(Path(folder) / f"school-{school:03d}.json", "school-update", payload))
            figures.setdefault("export_40x500_s", round(time.perf_counter() - began, 3))
        payloads = [read_file(f, "school-update") for f in files]
        for copy in range(10, 100):  # 100 files in all; combining costs the same whatever the numbers, but the district
            # counts each class once: each copy stands for a class of its own
            files.append(write_file(Path(folder) / f"school-{copy:03d}.json", "school-update",
                                    {**payloads[copy % 10], "class": f"{copy:032x}"}))
        began = time.perf_counter()
        aggregate_files(files, pack, Path(folder) / "district.json", None, 1.0)
        figures["aggregate_100_files_s"] = round(time.perf_counter() - began, 3)
        figures["update_file_kb"] = round(files[0].stat().st_size / 1024, 1)
        figures.update(_masked_bench(Path(folder), pack, district, base, args.seed))
    print(f"bench district (synthetic pack of 1000 exercises and 30 skills, {threads} torch thread(s))")
    for key, value in figures.items():
        target = DISTRICT_TARGETS.get(key)
        verdict = "" if target is None else ("  ok" if value <= target else f"  OVER target {target}")
        print(f"  {key:28} {value}{'' if target is None else f'  (target <= {target})'}{verdict}")
    if args.json:
        save_json(args.json, figures)
    return 0


def _masked_bench(folder: Path, pack, district, base, seed: int) -> dict[str, float]:
    """Secure aggregation on a roster of 100 schools: one class's masked export, then combining 100 masked files.

    Every file needs its own key's masks, so the 100 files are 10 classes' sums
    each masked by 10 schools (masking is the part that differs per file).
    """
    from engine.district.fileformat import read_file, write_file
    from engine.district.laptop import aggregate_masked_files
    from engine.district.masked import layout, masked_update, school_values
    from engine.district.secure import Release, make_roster, mask, new_key, to_fixed
    from engine.district.update import UpdateSettings
    from engine.model.synthetic import make_class

    import numpy as np

    truth, _ = make_class(students=1, items=1000, answers_per_student=1, skills=30, seed=seed)
    write_file(folder / "district-r0.json", "district-model", district.payload())
    keys = [new_key(f"school {n:03d}") for n in range(100)]
    members = [(k.school, k.public_hex) for k in keys]
    info = {"kind": "district", "id": district.id, "round": district.round}
    counting = make_roster(members, pack.describe(), info)
    release = Release(tuple(pack.exercises), tuple(pack.skills), 10, counting.fingerprint, True)  # all summed, loadings too
    roster = make_roster(members, pack.describe(), info, 10, release)
    write_file(folder / "roster.json", "roster", roster.payload())
    figures: dict[str, float] = {}
    blocks = layout(pack, roster)
    paths = []
    for school in range(10):
        _, log = make_class(students=40, items=1000, answers_per_student=500, skills=30, seed=seed + school)
        log = _renamed(log, truth)
        began = time.perf_counter()
        payload = masked_update(base, log, pack, roster, keys[school], UpdateSettings(seed=school))
        paths.append(write_file(folder / f"masked-{school:03d}.json", "masked-update", payload))
        figures.setdefault("masked_export_40x500_s", round(time.perf_counter() - began, 3))
        values = school_values(base, log, pack, roster, UpdateSettings(seed=school, meta_steps=0))
        vector = to_fixed(np.concatenate([values[name] for name, _ in blocks]))
        template = read_file(paths[-1], "masked-update")
        for member in range(10 + school, 100, 10):  # the same class's sums, masked by the other schools' keys
            masked = mask(vector, keys[member], roster)
            other = {**template, "roster": {"id": roster.id, "school": keys[member].school},
                     "values": base64.b64encode(masked.astype("<u8").tobytes()).decode("ascii")}
            paths.append(write_file(folder / f"masked-{member:03d}.json", "masked-update", other))
    began = time.perf_counter()
    aggregate_masked_files(paths, pack, folder / "roster.json", folder / "district-masked.json", folder / "district-r0.json")
    figures["masked_aggregate_100_files_s"] = round(time.perf_counter() - began, 3)
    figures["masked_file_kb"] = round(paths[0].stat().st_size / 1024, 1)
    return figures


def _renamed(log, truth):
    """A synthetic log whose skills are the bank's (make_class draws the same bank for the same size)."""
    from engine.model.interface import Responses

    return Responses(log.student_ids, log.item_ids, [tuple(truth.items.get(i, ())) for i in log.item_ids], log.correct)
