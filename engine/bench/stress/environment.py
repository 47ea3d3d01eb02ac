"""Fault classes from the laptop around the store: the open app, a full disk, permissions.

* ``cli-vs-app``: an "app" process holds the data folder (its lock, an open
  store, answers saved and acknowledged one by one) while the harness runs a
  command that replaces files (``recover --backup``, ``restore``,
  ``encryption on``, ``student-delete --purge-backups``). Each must refuse;
  then the app is SIGKILLed and every acknowledged answer must be in the file
  in use. A command that ran is a silent acceptance.
* ``disk-full`` (Linux, as root: a small tmpfs of its own): the disk is filled
  to a random few kilobytes, then a command runs (backup, imports, restore,
  demo, purge). It must finish or refuse with a message; no half-written file
  may stay; the data must open and keep everything it had.
* ``permissions``: a read-only store file, a read-only folder, a read-only
  mount (root) and a ``-wal`` deleted under the open app. ``doctor``,
  ``recover --yes`` and a write must give a message, never call the data
  damaged, never restore over it; afterwards it must open with all it had.
  As root, commands run as the ``nobody`` account (root ignores file modes).
"""
from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any, Callable

from engine.bench.stress import Tally, fault_class
from engine.bench.stress import kills

ROOT = Path(__file__).resolve().parents[3]
TEMPORARY_MARKS = (".partial", ".restoring", ".purging", ".converting", ".creating-")
NOBODY = 65534


# --- running a command -------------------------------------------------------------------------------
def run_cli(folder: Path, argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    """``python -m engine --data-dir FOLDER ARGV`` in this process: (exit code, output, traceback or "")."""
    from engine.cli import main

    out = io.StringIO()
    saved = sys.stdin, os.environ.get("LAMPLIGHT_PASSWORD_STDIN")
    sys.stdin, os.environ["LAMPLIGHT_PASSWORD_STDIN"] = io.StringIO(stdin), "1"
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["--data-dir", str(folder), *argv])
        return code, out.getvalue(), ""
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), ""
    except Exception:  # the point: a traceback is what the teacher would have seen
        return 1, out.getvalue(), traceback.format_exc(limit=-4)
    finally:
        sys.stdin = saved[0]
        if saved[1] is None:
            os.environ.pop("LAMPLIGHT_PASSWORD_STDIN", None)
        else:
            os.environ["LAMPLIGHT_PASSWORD_STDIN"] = saved[1]


def run_cli_process(folder: Path, argv: list[str], as_nobody: bool = False) -> tuple[int, str, str]:
    """The same in a new process, as the ``nobody`` account when asked (and when this runs as root)."""
    prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if as_nobody else []
    done = subprocess.run([*prefix, sys.executable, "-m", "engine", "--data-dir", str(folder), *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "HOME": str(folder)})
    crash = done.stderr if "Traceback" in done.stderr else ""
    return done.returncode, done.stdout + done.stderr, crash


def _leftovers(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob("*") if any(m in p.name for m in TEMPORARY_MARKS)]


def _contents(folder: Path) -> dict[str, int] | None:
    """Row counts of the folder's store, or None when it does not open and pass the integrity check."""
    from engine.errors import LamplightError
    from engine.store import Store

    try:
        with Store.open(folder, check=True) as store:
            return store.counts()
    except LamplightError:
        return None


def _seed(folder: Path, answers: int = 200, password: bool = False) -> None:
    from engine.store import Store

    kills._seed_folder(folder)
    with Store.open(folder) as store:
        class_id = store.list_classes()[0].id
        students = [s.id for s in store.list_students(class_id)]
        exercises = [e.id for e in store.list_exercises()]
        rng = random.Random(0)
        for _ in range(answers):
            store.record_response(rng.choice(students), rng.choice(exercises), rng.random() < 0.6)
        if password:
            from engine.security.passwords import Credentials

            Credentials(store.get_setting, store.set_setting).setup(kills.PASSWORD)
        store.backup_now("manual")


# --- cli-vs-app --------------------------------------------------------------------------------------
APP = """
import sys, time
from engine.security.instance_lock import DataFolderLock
from engine.store import Store
lock = DataFolderLock(sys.argv[1]).acquire()
store = Store.open(sys.argv[1])
class_id = store.list_classes()[0].id
student = store.list_students(class_id)[0].id
exercise = store.list_exercises()[0].id
print("ack ready true", flush=True)
while True:
    print("ack response", store.record_response(student, exercise, 1.0), flush=True)
    time.sleep(0.005)
"""


def _replacing_commands(folder: Path) -> list[tuple[list[str], str]]:
    from engine.store import backup as backups

    newest = backups.list_backups(folder / "backups")[0].path
    return [(["recover", "--backup", newest, "--yes"], ""), (["restore", "1", "--yes"], ""),
            (["encryption", "on", "--yes"], kills.PASSWORD + "\n"),
            (["student-delete", "1", "--purge-backups", "--yes"], "")]


@fault_class("cli-vs-app", "commands that replace the data file, run while the app has the folder open", weight=0.06)
def run_cli_vs_app(trials: int, rng: random.Random, workdir: Path, progress: Callable[[str], None]) -> Tally:
    from engine.security import encryption

    tally = Tally("cli-vs-app")
    folder = workdir / "data"
    _seed(folder, password=True)
    commands = [c for c in _replacing_commands(folder) if encryption.available() or c[0][0] != "encryption"]
    for i in range(trials):
        argv, stdin = commands[i % len(commands)]
        app = subprocess.Popen([sys.executable, "-c", APP, str(folder)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        acks: list[tuple[str, Any]] = []
        ready = threading.Event()
        reader = threading.Thread(target=kills._read_acks, args=(app, acks, ready), daemon=True)
        reader.start()
        ready.wait(timeout=60)
        time.sleep(rng.uniform(0.0, 0.3))
        code, out, crash = run_cli(folder, argv, stdin)
        time.sleep(rng.uniform(0.0, 0.3))  # the app goes on saving after the command
        app.kill()
        app.wait(timeout=60)
        reader.join(timeout=30)
        tally.trials += 1
        tally.kills += 1
        if crash:
            tally.crashes.append(f"{' '.join(argv)}: {crash}")
        elif code == 0 or "Close the app first" not in out:
            tally.silent.append(f"'{' '.join(argv)}' was not refused while the app ran (exit {code}): {out[-300:]}")
        result = kills._check_after_kill(folder, "grid", acks, 0.0)
        tally.recoveries += result.recovered
        tally.acknowledged += result.acknowledged
        tally.lost.extend(result.lost)
        if result.problem:
            tally.crashes.append(result.problem)
        progress(f"  cli-vs-app {i + 1}/{trials}: {' '.join(argv[:2])}: exit {code}, {result.acknowledged} answers saved by the app, "
                 f"{len(result.lost)} lost")
    return tally


# --- disk-full ---------------------------------------------------------------------------------------
def _can_mount() -> str:
    """"" when this process may mount a small tmpfs, else why not."""
    if sys.platform != "linux":
        return "needs Linux (a small tmpfs of its own)"
    if os.geteuid() != 0:
        return "needs root to mount a small tmpfs"
    return ""


@contextlib.contextmanager
def small_disk(where: Path, size: str) -> Any:
    """A tmpfs of ``size`` mounted at ``where`` (unmounted afterwards)."""
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, text=True)
    if done.returncode != 0:
        raise OSError(f"mount failed: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` until about ``leave`` bytes are free; returns the filler file."""
    filler = disk / "filler"
    target = max(0, shutil.disk_usage(disk).free - leave)
    chunk = b"\0" * 65536
    with open(filler, "wb") as handle:
        try:
            while target > 0:
                handle.write(chunk[:min(len(chunk), target)])
                target -= len(chunk)
            handle.flush()
        except OSError:
            pass
    return filler


def _disk_full_ops(folder: Path, workdir: Path, n: int) -> list[tuple[str, list[str], bool]]:
    """(label, command, may it remove data) for trial ``n``."""
    roster = workdir / f"roster-{n}.csv"
    roster.write_text("name,external_id\n" + "".join(f"Kid {n}-{i} Longname,k{n}-{i}\n" for i in range(400)), encoding="utf-8")
    log = workdir / f"log-{n}.csv"
    log.write_text("student_id,item_id,skill_ids,correct,position\n"
                   + "".join(f"r{n}-{i % 50},item{i % 40},skill{i % 5},{i % 2},{i}\n" for i in range(3000)), encoding="utf-8")
    return [("backup", ["backup"], False), ("import roster", ["import-roster", str(roster), "--class", f"Full {n}"], False),
            ("import responses", ["import-responses", str(log), "--class", f"Log {n}"], False),
            ("restore", ["restore", "1", "--yes"], True), ("demo", ["demo", "--students", "4", "--weeks", "1", "--seed", str(n)], False),
            ("purge", ["student-delete", str(n % 12 + 1), "--purge-backups", "--yes"], True)]


@fault_class("disk-full", "commands run on a nearly full disk (a small tmpfs; Linux, root)", weight=0.1)
def run_disk_full(trials: int, rng: random.Random, workdir: Path, progress: Callable[[str], None]) -> Tally:
    from engine.store import backup as backups

    tally = Tally("disk-full")
    why_not = _can_mount()
    if why_not:
        tally.skipped = why_not
        return tally
    with small_disk(workdir / "disk", "8m") as disk:
        folder = disk / "data"
        _seed(folder)
        for n in range(trials):
            label, argv, removes = rng.choice(_disk_full_ops(folder, workdir, n))
            before = _contents(folder)
            filler = _fill(disk, rng.choice([0, rng.randrange(4096, 65536), rng.randrange(65536, 600_000)]))
            code, out, crash = run_cli(folder, argv)
            filler.unlink()
            tally.trials += 1
            if crash:
                tally.crashes.append(f"{label}: {crash}")
            elif code not in (0, 1) or (code == 1 and not out.strip()):
                tally.crashes.append(f"{label}: exit {code} without a message")
            left = _leftovers(folder)
            if left:
                tally.crashes.append(f"{label}: half-written files left: {left}")
                for name in left:
                    (folder / name).unlink(missing_ok=True)
            after = _contents(folder)
            tally.recoveries += after is not None
            if after is None:
                tally.lost.append(f"{label}: the data no longer opens")
            elif before and not removes and any(after[k] < before[k] for k in before):
                tally.lost.append(f"{label}: rows went missing: {before} -> {after}")
            for info in backups.list_backups(folder / "backups")[3:]:  # keep the small disk from filling with backups
                Path(info.path).unlink()
            progress(f"  disk-full {n + 1}/{trials}: {label}: exit {code}" + (f" ({out.strip().splitlines()[-1][:90]})" if out.strip() else ""))
    return tally


# --- permissions --------------------------------------------------------------------------------------
def _open_to_nobody(path: Path) -> None:
    """Let the nobody account reach ``path`` (run as root): traverse its parents, read and write it all."""
    for part in [path, *path.parents]:
        if part == Path("/"):
            break
        os.chmod(part, os.stat(part).st_mode | 0o005)
    for item in [path, *path.rglob("*")]:
        os.chmod(item, 0o777 if item.is_dir() else 0o666)


def _permission_faults(as_root: bool) -> list[str]:
    faults = ["read-only store file", "read-only folder", "deleted -wal under the open app"]
    return faults + (["read-only mount"] if as_root and sys.platform == "linux" else [])


def _check_messages(tally: Tally, fault: str, folder: Path, runs: list[tuple[str, int, str, str]], inode: int) -> None:
    for label, code, out, crash in runs:
        if crash:
            tally.crashes.append(f"{fault}, {label}: {crash[-400:]}")
        elif "damaged" in out.lower():
            tally.silent.append(f"{fault}, {label}: intact data called damaged: {out.strip()[-200:]}")
        if label == "write" and code == 0 and fault in ("read-only store file", "read-only mount"):
            tally.silent.append(f"{fault}, write: reported success on a read-only store")
    if list(folder.glob("*.damaged-*")) or os.stat(folder / "lamplight.sqlite3").st_ino != inode:
        tally.silent.append(f"{fault}: recover put a backup over intact data")


def _permission_trial(fault: str, folder: Path, workdir: Path, as_root: bool) -> list[tuple[str, int, str, str]]:
    """Apply ``fault`` to the (closed) folder, run doctor, recover and a write; undo the fault."""
    from engine.store import Store

    commands = [("doctor", ["doctor"]), ("recover", ["recover", "--yes"]), ("write", ["demo", "--students", "2", "--weeks", "1"])]
    runs = []
    if fault == "deleted -wal under the open app":
        app = Store.open(folder)
        app.record_response(app.list_students(app.list_classes()[0].id)[0].id, app.list_exercises()[0].id, 1.0)
        Path(f"{folder / 'lamplight.sqlite3'}-wal").unlink(missing_ok=True)
        try:
            runs = [(label, *run_cli(folder, argv)) for label, argv in commands[:2]]
        finally:
            app.close()
        return runs
    if fault == "read-only mount":
        with small_disk(workdir / "ro-disk", "8m") as disk:
            shutil.copytree(folder, disk / "data")
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
            return [(label, *run_cli(disk / "data", argv)) for label, argv in commands]
    store_file = folder / "lamplight.sqlite3"
    if as_root:
        _open_to_nobody(folder)
    if fault == "read-only store file":
        os.chmod(store_file, 0o444)
    else:
        os.chmod(folder, 0o555)
    try:
        runner = (lambda argv: run_cli_process(folder, argv, as_nobody=True)) if as_root else (lambda argv: run_cli(folder, argv))
        runs = [(label, *runner(argv)) for label, argv in commands]
    finally:
        os.chmod(folder, 0o700)
        os.chmod(store_file, 0o600)
    return runs


@fault_class("permissions", "read-only file, folder and mount, and a deleted -wal: a message, never 'damaged', never a restore", weight=0.04)
def run_permissions(trials: int, rng: random.Random, workdir: Path, progress: Callable[[str], None]) -> Tally:
    from engine.store import Store

    tally = Tally("permissions")
    as_root = sys.platform != "win32" and os.geteuid() == 0
    if as_root and not shutil.which("setpriv"):
        tally.skipped = "running as root without setpriv (root ignores file modes)"
        return tally
    faults = _permission_faults(as_root)
    for n in range(trials):
        fault = faults[n % len(faults)]
        folder = workdir / f"data-{n}"
        _seed(folder)
        with Store.open(folder) as store:
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = _contents(folder)
        inode = os.stat(folder / "lamplight.sqlite3").st_ino
        runs = _permission_trial(fault, folder, workdir, as_root)
        tally.trials += 1
        _check_messages(tally, fault, folder, runs, inode)
        if fault != "deleted -wal under the open app":  # deleting the log loses what was in it: nothing to compare
            after = _contents(folder)
            tally.recoveries += after is not None
            if after != before:
                tally.lost.append(f"{fault}: contents changed: {before} -> {after}")
        progress(f"  permissions {n + 1}/{trials}: {fault}: " + ", ".join(f"{label} exit {code}" for label, code, _, _ in runs))
    return tally
