"""Fault injection: kill Lamplight at random points and check nothing acknowledged was lost.

A *worker* (this module run as ``python -m engine.security.faults DATA_DIR
SCENARIO SEED``) does store work and prints ``ack KIND VALUE`` (flushed) right
after each write has returned, the moment the app would tell the teacher
"saved". The parent (:func:`kill_round`) starts it, SIGKILLs it after a random
delay, then reopens the folder: the integrity check must pass and every
acknowledged write must be there. A killed process loses only what it had not
yet acknowledged.

Scenarios (each writes in the ways the app does): ``grid`` (many
``record_response`` calls, as in the quiz grid and practice mode), ``import``
(roster and response-log files), ``backup`` (backups and a restore),
``snapshot`` (model snapshots kept in the store), ``model`` (training
snapshots as the app saves them: a new safetensors + JSON pair, then a store
row), ``migrate`` (first open of a new folder: schema creation) and, when
SQLCipher is installed, ``encrypt`` (turning encryption on, then off...).
``model-overwrite`` (saving a model over the same path again and again, as
``train --out`` does) is not run by default: a kill between its two file
replacements leaves weights and metadata of different saves (reported).

What this does NOT cover: power loss or a failing disk (the operating system's
buffers survive a killed process, not a power cut); SQLite's own power-loss
testing is what Lamplight relies on there, with ``synchronous=FULL`` in WAL mode.

:func:`malformed_inputs` feeds each importer a fixed family of damaged files
and counts crashes (an exception that is not a LamplightError) and refused
inputs that changed the store. :func:`reliability_report` runs both; the
``python -m engine stress`` command prints it.
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

SCENARIOS = ("grid", "import", "backup", "snapshot", "model", "migrate")
OPTIONAL_SCENARIOS = ("model-overwrite",)  # known problem, reported separately (see the safety report)
SLOW_SCENARIOS = {"encrypt": 5.0}  # one step takes seconds (Argon2 key derivations): kill later
PASSWORD = "fault-test-password"


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
    class_id = store.list_classes()[0].id
    student = store.list_students(class_id)[0].id
    exercise = store.list_exercises()[0].id
    while True:
        response_id = store.record_response(student, exercise, 1.0)
        _ack("response", response_id)
        path = store.backup_now("manual")
        _ack("backup", str(path))
        if rng.random() < 0.3:
            # restore the backup just made: it holds every acknowledged answer so far
            store.restore(path)
            _ack("restore", str(path))


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
    from engine.security.passwords import Credentials

    creds = Credentials(store.get_setting, store.set_setting)
    if not creds.is_set():
        creds.setup(PASSWORD)
    store.close()
    while True:
        if encryption.is_encrypted(data_dir):
            encryption.unlock(data_dir, PASSWORD)
            encryption.disable(data_dir, PASSWORD)
            _ack("plain", True)
        else:
            encryption.enable(data_dir, PASSWORD)
            _ack("encrypted", True)


WORKERS: dict[str, Callable[[Any, random.Random, Path], None]] = {
    "grid": _worker_grid, "import": _worker_import, "backup": _worker_backup,
    "snapshot": _worker_snapshot, "model": _worker_model, "model-overwrite": _worker_model_overwrite,
    "encrypt": _worker_encrypt,
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
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-m", "engine.security.faults", str(data_dir), scenario, str(seed)],
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
            present_responses = {r.id for r in store.list_responses()}
            for kind, value in acks:
                if kind == "response" and value not in present_responses:
                    result.lost.append(f"response {value}")
                elif kind in ("roster", "import"):
                    class_id, count = value
                    have = len(store.list_students(class_id)) if kind == "roster" else len(store.list_responses(class_id=class_id))
                    if have < count:
                        result.lost.append(f"{kind} into class {class_id}: {have} of {count}")
                elif kind == "backup":
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
                plain = [i.path for i in backups.list_backups(data_dir / "backups") if not encryption.is_encrypted_file(i.path)]
                if plain:
                    result.lost.append(f"plain backups left in an encrypted folder: {plain}")
    except LamplightError as exc:
        result.problem = str(exc)
    return result


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


# --- malformed inputs ------------------------------------------------------------------------
ROSTER = "name,external_id,group\nAna Lima,s1,Reds\nJosé Núñez,s2,Blues\n李小龙,s3,Reds\n"
LOG = "student_id,item_id,skill_ids,correct,position\ns1,q1,add,1,0\ns1,q2,add;sub,0,1\ns2,q1,add,1,0\n"
PACK = {"format": "lamplight-pack", "version": 1, "id": "p",
        "skills": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]}],
        "exercises": [{"id": "x", "kind": "numeric", "prompt": "2 + 2 = ?", "answer": "4", "skills": ["b"]}]}


def _damaged_variants(good: bytes, rng: random.Random, count: int) -> list[bytes]:
    """Damaged copies of a good file: encodings, truncation, flipped and inserted bytes, noise, huge."""
    text = good.decode("utf-8")
    variants = [b"", b"\xef\xbb\xbf" + good, text.encode("latin-1", "replace"), text.encode("gbk", "replace"),
                text.encode("utf-16"), good.replace(b"\n", b"\r"), good + b"\x00" * 100, good * 2000]
    import gzip

    variants.append(gzip.compress(good)[:20])
    while len(variants) < count:
        data = bytearray(good)
        for _ in range(rng.randint(1, 6)):
            action = rng.randrange(4)
            pos = rng.randrange(len(data) + 1)
            if action == 0 and data:
                del data[pos:pos + rng.randint(1, 20)]
            elif action == 1:
                data[pos:pos] = bytes(rng.choice(b",;\"\t\n\r{}[]:0123456789-.abc\x00\xff\xe9") for _ in range(rng.randint(1, 8)))
            elif action == 2 and data:
                data = data[:pos]
            else:
                data[pos:pos] = rng.randbytes(rng.randint(1, 30))
        variants.append(bytes(data))
    return variants[:count]


@dataclass
class ImporterResult:
    importer: str
    tried: int = 0
    imported: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)
    changed_on_error: int = 0


def _table_contents(store: Any) -> dict[str, list[str]]:
    tables = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: sorted(map(repr, store.db.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}


def malformed_inputs(per_importer: int, seed: int = 0) -> list[ImporterResult]:
    """Feed each importer ``per_importer`` damaged files; count crashes and changes on refusal."""
    from engine.errors import LamplightError
    from engine.store import Store
    from engine.store.importers import import_pack, import_responses, import_roster

    rng = random.Random(seed)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store.open(folder / "data")
        class_id = store.create_class("Malformed")
        importers: dict[str, tuple[bytes, Callable[[Path], Any]]] = {
            "roster CSV": (ROSTER.encode(), lambda p: import_roster(store, class_id, p)),
            "response-log CSV": (LOG.encode(), lambda p: import_responses(store, p, class_id=class_id)),
            "pack JSON": (json.dumps(PACK).encode(), lambda p: import_pack(store, p)),
        }
        try:
            for name, (good, run) in importers.items():
                result = ImporterResult(name)
                for i, data in enumerate(_damaged_variants(good, rng, per_importer)):
                    path = folder / f"input-{i}"
                    path.write_bytes(data)
                    before = _table_contents(store)
                    result.tried += 1
                    try:
                        run(path)
                        result.imported += 1
                    except LamplightError:
                        result.refused += 1
                        if _table_contents(store) != before:
                            result.changed_on_error += 1
                    except Exception as exc:  # the point: anything else is a crash to report
                        result.crashes.append(f"{type(exc).__name__}: {exc}"[:200])
                results.append(result)
        finally:
            store.close()
    return results


# --- the report ------------------------------------------------------------------------------
@dataclass
class ReliabilityReport:
    rounds: list[RoundResult]
    importers: list[ImporterResult]

    @property
    def lost_writes(self) -> int:
        return sum(len(r.lost) for r in self.rounds)

    @property
    def crashes(self) -> int:
        return sum(len(r.crashes) for r in self.importers) + sum(1 for r in self.rounds if r.problem)

    @property
    def ok(self) -> bool:
        return self.lost_writes == 0 and self.crashes == 0 and all(r.recovered for r in self.rounds) \
            and all(r.changed_on_error == 0 for r in self.importers)

    def lines(self) -> list[str]:
        out = ["Lamplight reliability report", ""]
        out.append(f"Kill points tried: {len(self.rounds)} (SIGKILL at a random moment during store work)")
        for scenario in dict.fromkeys(r.scenario for r in self.rounds):
            mine = [r for r in self.rounds if r.scenario == scenario]
            out.append(f"  {scenario:15s} {len(mine):3d} kills, {sum(r.recovered for r in mine):3d} recovered, "
                       f"{sum(r.acknowledged for r in mine):6d} acknowledged writes, {sum(len(r.lost) for r in mine)} lost")
        out.append(f"Recoveries (reopened, integrity check passed): {sum(r.recovered for r in self.rounds)} of {len(self.rounds)}")
        out.append(f"Acknowledged writes lost: {self.lost_writes}")
        for r in self.rounds:
            for item in r.lost[:5]:
                out.append(f"  LOST ({r.scenario}, kill after {r.delay:.2f}s): {item}")
            if r.problem:
                out.append(f"  PROBLEM ({r.scenario}, kill after {r.delay:.2f}s): {r.problem}")
        out.append("Malformed inputs tried per importer:")
        for r in self.importers:
            out.append(f"  {r.importer:17s} {r.tried:4d} tried, {r.imported:4d} imported, {r.refused:4d} refused with a message, "
                       f"{len(r.crashes)} crashes, {r.changed_on_error} changed the store when refused")
            for crash in r.crashes[:5]:
                out.append(f"    CRASH: {crash}")
        out.append(f"Crashes: {self.crashes}")
        out.append("Result: " + ("OK" if self.ok else "PROBLEMS FOUND"))
        return out


def reliability_report(rounds: int = 20, per_importer: int = 100, seed: int = 0,
                       scenarios: tuple[str, ...] | None = None, max_delay: float = 1.5,
                       progress: Callable[[str], None] | None = None) -> ReliabilityReport:
    """Run ``rounds`` kill rounds (scenarios in turn) and the malformed-input check."""
    from engine.security import encryption

    if scenarios is None:
        scenarios = SCENARIOS + (("encrypt",) if encryption.available() else ())
    rng = random.Random(seed)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folders: dict[str, Path] = {}
        for i in range(rounds):
            scenario = scenarios[i % len(scenarios)]
            if scenario not in folders:  # each scenario keeps its folder, so kills pile up on the same data
                folders[scenario] = Path(tmp) / scenario
                folders[scenario].mkdir()
                if scenario != "migrate":
                    _seed_folder(folders[scenario])
            delay = rng.uniform(0.0, max_delay * SLOW_SCENARIOS.get(scenario, 1.0))
            result = kill_round(folders[scenario], scenario, rng.randrange(10**9), delay)
            results.append(result)
            if progress:
                progress(f"round {i + 1}/{rounds}: {scenario}, killed after {delay:.2f}s, "
                         f"{result.acknowledged} acknowledged, {len(result.lost)} lost"
                         + (f", PROBLEM: {result.problem}" if result.problem else ""))
    return ReliabilityReport(results, malformed_inputs(per_importer, seed) if per_importer else [])


if __name__ == "__main__":
    worker_main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
