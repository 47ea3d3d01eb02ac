"""Fault injection: kill Lamplight at random points and check nothing acknowledged was lost.

A *worker* (this module run as ``python -m engine.bench.stress.kills DATA_DIR
SCENARIO SEED``) does store work and prints ``ack KIND VALUE`` (flushed) right
after each write has returned, the moment the app would tell the teacher
"saved". The parent (:func:`kill_round`) starts it, SIGKILLs it after a random
delay, then reopens the folder: the integrity check must pass and every
acknowledged write must be there. A killed process loses only what it had not
yet acknowledged.

Scenarios (each writes in the ways the app does): ``grid`` (many
``record_response`` calls, as in the quiz grid and practice mode), ``import``
(roster and response-log files), ``backup`` (backups, restores and rotation),
``snapshot`` (model snapshots kept in the store), ``model`` (training
snapshots as the app saves them: a new safetensors + JSON pair, then a store
row), ``migrate`` (first open of a new folder: schema creation) and, when
SQLCipher is installed, ``encrypt`` (turning encryption on, then off or to a new key...; after
each kill no file may hold a plain name while the folder says "encrypted"),
and ``purge`` (deleting a student with ``--purge-backups``, sometimes after a
plain delete: every backup must stay usable and an acknowledged purge must
leave the name in no file at all).
``model-overwrite`` (saving a model over the same path again and again, as
``train --out`` does) is not run by default: a kill between its two file
replacements leaves weights and metadata of different saves (reported).

What this does NOT cover: power loss or a failing disk (the operating system's
buffers survive a killed process, not a power cut); SQLite's own power-loss
testing is what Lamplight relies on there, with ``synchronous=FULL`` in WAL mode.

Each scenario is a fault class of ``python -m engine stress`` (see
``engine.bench.stress``), named ``kill-<scenario>``.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

SCENARIOS = ("grid", "import", "backup", "snapshot", "model", "migrate", "purge")
OPTIONAL_SCENARIOS = ("model-overwrite",)  # known problem, reported separately (see the safety report)
SLOW_SCENARIOS = {"encrypt": 5.0}  # one step takes seconds (Argon2 key derivations): kill later
PASSWORD = "fault-test-password"
SEEDED_NAME = b"Pupil "  # every seeded student's name starts so: found in a file's bytes = a plain name on disk


# --- the worker (runs in the child process) --------------------------------------------------
def _ack(kind: str, value: Any) -> None:
    sys.stdout.write(f"ack {kind} {json.dumps(value)}\n")
    sys.stdout.flush()


def _seed_folder(data_dir: Path) -> None:
    """A class with students and exercises to answer (made before the worker starts)."""
    from engine.store import Store

    with Store.open(data_dir) as store:
        class_id = store.create_class("Fault class")
        for i in range(12):
            store.add_student(class_id, f"Pupil {i}", external_id=f"p{i}")
        skill = store.add_skill("Adding", skill_id="adding")
        for i in range(10):
            store.add_exercise(f"{i} + 1 = ?", "numeric", str(i + 1), skills=[skill], key=f"e{i}")
        store.set_setting("fault_seed", True)


def _worker_grid(store: Any, rng: random.Random, data_dir: Path) -> None:
    class_id = store.list_classes()[0].id
    students = [s.id for s in store.list_students(class_id)]
    exercises = [e.id for e in store.list_exercises()]
    while True:
        response_id = store.record_response(rng.choice(students), rng.choice(exercises), rng.random() < 0.6,
                                            source=rng.choice(["paper", "practice"]))
        _ack("response", response_id)


def _worker_import(store: Any, rng: random.Random, data_dir: Path) -> None:
    from engine.store.importers import import_responses, import_roster

    n = 0
    while True:
        n += 1
        class_id = store.create_class(f"Imported {n}")
        roster = data_dir / f"roster-{n}.csv"
        roster.write_text("name,external_id\n" + "".join(f"Kid {n}-{i},k{n}-{i}\n" for i in range(40)), encoding="utf-8")
        report = import_roster(store, class_id, roster)
        _ack("roster", [class_id, report.added])
        log = data_dir / f"log-{n}.csv"
        rows = [f"k{n}-{rng.randrange(40)},item{rng.randrange(30)},skill{rng.randrange(5)},{rng.randrange(2)},{i}" for i in range(400)]
        log.write_text("student_id,item_id,skill_ids,correct,position\n" + "\n".join(rows), encoding="utf-8")
        report = import_responses(store, log, class_id=class_id)
        _ack("import", [class_id, report.responses])


def _worker_backup(store: Any, rng: random.Random, data_dir: Path) -> None:
    """Answers, backups and restores, with the folder rotated as the app keeps it.

    Rotation (at start, as the app does, and after each step) keeps the newest
    10 backups of each reason; without it the folder grew by about 200 backups
    per round, and checking every one after every kill made the class quadratic.
    """
    from engine.store import backup as backups

    class_id = store.list_classes()[0].id
    student = store.list_students(class_id)[0].id
    exercise = store.list_exercises()[0].id
    backups.rotate(store.backup_dir)
    while True:
        response_id = store.record_response(student, exercise, 1.0)
        _ack("response", response_id)
        path = store.backup_now("manual")
        _ack("backup", str(path))
        if rng.random() < 0.3:
            # restore the backup just made: it holds every acknowledged answer so far
            store.restore(path)
            _ack("restore", str(path))
        backups.rotate(store.backup_dir)


def _worker_snapshot(store: Any, rng: random.Random, data_dir: Path) -> None:
    class_id = store.list_classes()[0].id
    while True:
        weights = os.urandom(rng.randrange(10_000, 200_000))
        snapshot_id = store.save_model_snapshot("class", class_id=class_id, weights=weights, note="fault test",
                                                metrics={"log_loss": rng.random()})
        _ack("snapshot", [snapshot_id, len(weights)])


def _numbered_model(rng: random.Random, n: int) -> Any:
    """A small response model of random size whose every item difficulty is ``n`` (to tell saves apart)."""
    from engine.model.response import ResponseModel

    model = ResponseModel()
    skills = [f"s{k}" for k in range(rng.randint(1, 30))]
    model._set_vocabulary(skills, {f"i{j}": [rng.choice(skills)] for j in range(rng.randint(1, 400))})
    model.params = model._fresh_params()
    model.params["delta"][:] = n
    return model


def _worker_model(store: Any, rng: random.Random, data_dir: Path) -> None:
    """Training snapshots as the app saves them: a new model file pair, then a store row pointing to it."""
    from engine.model.persistence import save_model

    class_id = store.list_classes()[0].id
    n = 0
    while True:
        n += 1
        weights, _ = save_model(_numbered_model(rng, n), data_dir / "models" / f"class-{class_id}-{n}", extra={"marker": n})
        snapshot_id = store.save_model_snapshot("class", path=str(weights), class_id=class_id, note=f"save {n}")
        _ack("model", [snapshot_id, n])


def _worker_model_overwrite(store: Any, rng: random.Random, data_dir: Path) -> None:
    """Saving over the same model path again and again (``python -m engine train --out SAME``)."""
    from engine.model.persistence import save_model

    n = 0
    while True:
        n += 1
        save_model(_numbered_model(rng, n), data_dir / "models" / "class-model", extra={"marker": n})
        _ack("model-overwrite", n)


def _worker_encrypt(store: Any, rng: random.Random, data_dir: Path) -> None:
    from engine.security import encryption
    from engine.security.passwords import Credentials, new_recovery_key

    creds = Credentials(store.get_setting, store.set_setting)
    if not creds.is_set():
        creds.setup(PASSWORD)
    store.close()
    while True:
        if encryption.is_encrypted(data_dir) and rng.random() < 0.5:
            encryption.unlock(data_dir, PASSWORD)
            encryption.new_key(data_dir, PASSWORD, new_recovery_key())
            _ack("new-key", True)
        elif encryption.is_encrypted(data_dir):
            encryption.unlock(data_dir, PASSWORD)
            encryption.disable(data_dir, PASSWORD)
            _ack("plain", True)
        else:
            encryption.enable(data_dir, PASSWORD, new_recovery_key())
            _ack("encrypted", True)


def _worker_purge(store: Any, rng: random.Random, data_dir: Path) -> None:
    """A child joins, answers, gets backed up, then is deleted everywhere (sometimes a plain delete first)."""
    from engine.security import data_rights
    from engine.store import backup as backups

    class_id = store.list_classes()[0].id
    exercise = store.list_exercises()[0].id
    while True:
        name = f"Purged child {rng.randrange(10**9):09d}"
        student = store.add_student(class_id, name)
        for _ in range(rng.randint(1, 40)):
            store.record_response(student, exercise, 1.0)
        for _ in range(rng.randint(1, 2)):
            store.backup_now("manual")
        backups.rotate(store.backup_dir)
        if rng.random() < 0.3:  # deleted first, purged from the backups later
            data_rights.delete_student_everywhere(store, student)
            _ack("deleted", [student, name])
        data_rights.delete_student_everywhere(store, student, purge_backups=True)
        _ack("purged", [student, name])


WORKERS: dict[str, Callable[[Any, random.Random, Path], None]] = {
    "grid": _worker_grid, "import": _worker_import, "backup": _worker_backup,
    "snapshot": _worker_snapshot, "model": _worker_model, "model-overwrite": _worker_model_overwrite,
    "encrypt": _worker_encrypt, "purge": _worker_purge,
}


def worker_main(data_dir: str, scenario: str, seed: int) -> None:
    from engine.store import Store

    folder = Path(data_dir)
    rng = random.Random(seed)
    if scenario == "migrate":
        _ack("ready", True)
        while True:
            target = folder / f"new-{rng.randrange(10**9)}"
            with Store.open(target) as store:
                store.set_setting("made", True)
            _ack("folder", str(target))
    if scenario == "encrypt":
        from engine.security import encryption

        if encryption.read_key_file(folder) is not None:
            encryption.unlock(folder, PASSWORD)
    store = Store.open(folder)
    _ack("ready", True)
    WORKERS[scenario](store, rng, folder)


# --- the parent: kill rounds -----------------------------------------------------------------
@dataclass
class RoundResult:
    scenario: str
    delay: float
    acknowledged: int
    recovered: bool
    lost: list[str] = field(default_factory=list)
    problem: str = ""
    plaintext: list[str] = field(default_factory=list)  # files holding a plain name while the folder is encrypted


def _read_acks(proc: subprocess.Popen, acks: list[tuple[str, Any]], ready: threading.Event) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        parts = line.rstrip("\n").split(" ", 2)
        if len(parts) == 3 and parts[0] == "ack":
            try:
                acks.append((parts[1], json.loads(parts[2])))
            except json.JSONDecodeError:
                continue  # a half-written line: not acknowledged
            if parts[1] == "ready":
                ready.set()
    ready.set()


def kill_round(data_dir: Path, scenario: str, seed: int, delay: float) -> RoundResult:
    """Run one worker, SIGKILL it ``delay`` seconds after it is ready, reopen and check."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    root = Path(__file__).resolve().parents[3]
    proc = subprocess.Popen([sys.executable, "-m", "engine.bench.stress.kills", str(data_dir), scenario, str(seed)],
                            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    acks: list[tuple[str, Any]] = []
    ready = threading.Event()
    reader = threading.Thread(target=_read_acks, args=(proc, acks, ready), daemon=True)
    reader.start()
    if not ready.wait(timeout=60):
        proc.kill()
    time.sleep(delay)
    proc.kill()  # SIGKILL on Unix, TerminateProcess on Windows: no clean-up code runs
    proc.wait(timeout=60)
    reader.join(timeout=30)
    stderr = proc.stderr.read() if proc.stderr else ""
    if not any(kind == "ready" for kind, _ in acks):
        return RoundResult(scenario, delay, 0, False, problem=f"the worker did not start: {stderr[-500:]}")
    if proc.returncode not in (-9, 1, 137) and proc.returncode is not None and proc.returncode >= 0 and "Traceback" in stderr:
        return RoundResult(scenario, delay, len(acks) - 1, False, problem=f"the worker crashed by itself: {stderr[-800:]}")
    return _check_after_kill(data_dir, scenario, acks, delay)


def _check_after_kill(data_dir: Path, scenario: str, acks: list[tuple[str, Any]], delay: float) -> RoundResult:
    from engine.errors import LamplightError
    from engine.store import Store
    from engine.store import backup as backups

    result = RoundResult(scenario, delay, sum(1 for kind, _ in acks if kind != "ready"), recovered=False)
    try:
        if scenario == "encrypt":
            from engine.security import encryption

            if encryption.read_key_file(data_dir) is not None:
                encryption.unlock(data_dir, PASSWORD)
        if scenario == "migrate":
            for kind, value in acks:
                if kind == "folder":
                    with Store.open(value, check=True) as store:
                        if store.get_setting("made") is not True:
                            result.lost.append(f"folder {value}")
            for folder in data_dir.glob("new-*"):  # the folder being created when killed must open too
                Store.open(folder, check=True).close()
            result.recovered = True
            return result
        with Store.open(data_dir, check=True) as store:
            result.recovered = True
            present_responses = {r.id for r in store.list_responses()} if scenario != "purge" else set()
            for kind, value in acks:
                if kind == "response" and value not in present_responses:
                    result.lost.append(f"response {value}")
                elif kind in ("roster", "import"):
                    class_id, count = value
                    have = len(store.list_students(class_id)) if kind == "roster" else len(store.list_responses(class_id=class_id))
                    if have < count:
                        result.lost.append(f"{kind} into class {class_id}: {have} of {count}")
                elif kind == "backup" and (Path(value).exists() or not rotated_away(Path(value))):
                    try:
                        backups.check_file(Path(value))
                    except LamplightError as exc:
                        result.lost.append(f"backup {value}: {exc}")
                elif kind == "snapshot":
                    snapshot_id, size = value
                    try:
                        weights = store.model_snapshot_weights(snapshot_id)
                    except LamplightError:
                        weights = None
                    if weights is None or len(weights) != size:
                        result.lost.append(f"snapshot {snapshot_id}")
            for kind, value in acks:
                if kind == "model":
                    snapshot_id, n = value
                    try:
                        path = store.get_model_snapshot(snapshot_id).path
                    except LamplightError:
                        result.lost.append(f"model snapshot {snapshot_id}")
                        continue
                    result.lost.extend(_check_model_file(Path(path).with_suffix(""), n, exact=True))
            overwritten = [value for kind, value in acks if kind == "model-overwrite"]
            if overwritten:
                result.lost.extend(_check_model_file(data_dir / "models" / "class-model", max(overwritten)))
            if store.get_setting("fault_seed") is not True or len(store.list_exercises()) < 10:
                result.lost.append("the seeded class")
        for info in backups.list_backups(data_dir / "backups"):  # every finished backup must be usable
            try:
                backups.check_file(Path(info.path))
            except LamplightError as exc:
                result.lost.append(f"backup {info.path}: {exc}")
        if scenario == "encrypt":
            from engine.security import encryption

            if encryption.is_encrypted(data_dir):
                result.plaintext.extend(files_holding(data_dir, SEEDED_NAME))
        if scenario == "purge":
            for kind, value in acks:
                if kind == "purged":
                    result.lost.extend(f"purged name still in {name}" for name in files_holding(data_dir, value[1].encode()))
    except LamplightError as exc:
        result.problem = str(exc)
    return result


def rotated_away(path: Path) -> bool:
    """Whether rotation may have deleted the backup ``path``: its policy drops it, given the backups beside it.

    An acknowledged backup that is missing counts as lost unless this holds
    (for a manual backup: at least 10 newer manual ones are there, and each of
    them is checked too).
    """
    from engine.store import backup as backups
    from engine.store.records import BackupInfo

    present = [Path(info.path) for info in backups.list_backups(path.parent)]
    dated = [(backups.parse_backup_name(p), p) for p in {*present, path}]
    dated = sorted(((parsed, p) for parsed, p in dated if parsed), key=lambda pair: pair[0][0], reverse=True)
    infos = [BackupInfo(str(p), moment.isoformat(timespec="seconds"), 0, reason) for (moment, reason), p in dated]
    return str(path) in {info.path for info in backups.backups_to_delete(infos)}


def files_holding(folder: Path, needle: bytes) -> list[str]:
    """Files under ``folder`` whose bytes contain ``needle`` (a name)."""
    found = []
    for path in folder.rglob("*"):
        try:
            if path.is_file() and needle in path.read_bytes():
                found.append(str(path.relative_to(folder)))
        except OSError:
            continue
    return found


def _check_model_file(path: Path, last_acknowledged: int, exact: bool = False) -> list[str]:
    """The saved model loads, and is the last acknowledged save (or, unless ``exact``, the one after it)."""
    from engine.errors import LamplightError
    from engine.model.persistence import load_saved_model

    try:
        model = load_saved_model(path)
    except LamplightError as exc:
        return [f"model file: {exc}"]
    marker = model.info.get("marker") if isinstance(model.info, dict) else None
    try:
        from engine.model.persistence import read_metadata

        marker = read_metadata(path).get("marker", marker)
    except LamplightError as exc:
        return [f"model metadata: {exc}"]
    weights_marker = int(round(float(model.params["delta"][0])))
    allowed = (last_acknowledged,) if exact else (last_acknowledged, last_acknowledged + 1)
    if marker not in allowed or weights_marker != marker:
        return [f"model file: metadata of save {marker}, weights of save {weights_marker}, last acknowledged {last_acknowledged}"]
    return []


# --- fault classes ---------------------------------------------------------------------------------
def kill_rounds(scenario: str, rounds: int, rng: random.Random, workdir: Path, max_delay: float = 1.5,
                progress: Callable[[str], None] | None = None) -> list[RoundResult]:
    """``rounds`` kill rounds of one scenario on one folder (kills pile up on the same data)."""
    folder = workdir / scenario
    if not folder.exists():
        folder.mkdir(parents=True)
        if scenario != "migrate":
            _seed_folder(folder)
    results = []
    for i in range(rounds):
        delay = rng.uniform(0.0, max_delay * SLOW_SCENARIOS.get(scenario, 1.0))
        result = kill_round(folder, scenario, rng.randrange(10**9), delay)
        results.append(result)
        if progress:
            progress(f"  kill-{scenario} {i + 1}/{rounds}: killed after {delay:.2f}s, {result.acknowledged} acknowledged, "
                     f"{len(result.lost)} lost" + (f", PROBLEM: {result.problem}" if result.problem else ""))
    return results


def tally_rounds(name: str, results: list[RoundResult]) -> Any:
    """The stress report's line for a list of kill rounds."""
    from engine.bench.stress import Tally

    tally = Tally(name, trials=len(results), kills=len(results))
    for r in results:
        tally.recoveries += r.recovered
        tally.acknowledged += r.acknowledged
        tally.lost.extend(f"kill after {r.delay:.2f}s: {item}" for item in r.lost)
        tally.plaintext.extend(f"kill after {r.delay:.2f}s: {item}" for item in r.plaintext)
        if r.problem:
            tally.crashes.append(f"kill after {r.delay:.2f}s: {r.problem}")
    return tally


def _register(scenario: str, describe: str) -> None:
    from engine.bench.stress import fault_class

    def run(trials: int, rng: random.Random, workdir: Path, progress: Callable[[str], None]) -> Any:
        if scenario == "encrypt":
            from engine.security import encryption

            if not encryption.available():
                from engine.bench.stress import Tally

                return Tally(f"kill-{scenario}", skipped="SQLCipher (sqlcipher3) is not installed")
        return tally_rounds(f"kill-{scenario}", kill_rounds(scenario, trials, rng, workdir, progress=progress))

    fault_class(f"kill-{scenario}", describe)(run)


for _scenario, _describe in (
    ("grid", "SIGKILL while answers are saved one by one (quiz grid, practice)"),
    ("import", "SIGKILL during roster and response-log imports"),
    ("backup", "SIGKILL during backups and restores"),
    ("snapshot", "SIGKILL while model snapshots are stored"),
    ("model", "SIGKILL while model files and their store rows are saved"),
    ("migrate", "SIGKILL while a new data folder is created"),
    ("encrypt", "SIGKILL while encryption is switched on and off or to a new key (backups converted too)"),
    ("purge", "SIGKILL while a student is deleted and purged from the backups"),
):
    _register(_scenario, _describe)


if __name__ == "__main__":
    worker_main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
