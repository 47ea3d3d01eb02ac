"""Peak memory of importing a large response log into a fresh store (issue 14, item 9).

Writes a response log of about ``--mb`` megabytes (shared data format plus a
time column; students' answers grouped and in position order, or shuffled
with ``--shuffled``), imports it with ``engine.store.importers.import_responses``
in a child process and prints the child's peak resident memory (ru_maxrss),
the time taken and the answers imported. Run it niced on a shared machine::

    nice -n 10 .venv/bin/python engine/bench/import_memory.py --mb 200
    nice -n 10 .venv/bin/python engine/bench/import_memory.py --mb 200 --shuffled --twice
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import sys, time
from engine.store import Store
from engine.store.importers import import_responses
start = time.perf_counter()
with Store.open(sys.argv[1]) as store:
    report = import_responses(store, sys.argv[2], class_name="Bench")
    if sys.argv[3] == "twice":  # the second import finds every answer already there
        again = import_responses(store, sys.argv[2], class_name="Bench")
        assert again.responses == 0 and again.duplicates_skipped == report.responses, again
    pages, free, page_size = (store.db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count", "page_size"))
print(report.responses, report.students_added, report.exercises_added, round(time.perf_counter() - start, 1),
      pages * page_size, free * page_size)
"""


def write_log(path: Path, megabytes: float, shuffled: bool, seed: int = 0) -> int:
    """Write a log of about ``megabytes`` MB; returns its rows."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    rows, written, student = 0, 0, 0
    lines: list[str] = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("student_id,item_id,skill_ids,correct,position,time\n")
        while written < target:
            student += 1
            for position in range(rng.randint(50, 400)):
                item = rng.randrange(20_000)
                line = (f"stu{student:06d},item{item:05d},skill{item % 150};skill{item % 37},{int(rng.random() < 0.6)},"
                        f"{position},2025-0{1 + position % 9}-{1 + position % 28:02d}T{8 + position % 8:02d}:{position % 60:02d}:00Z\n")
                lines.append(line)
                written += len(line)
                rows += 1
            if len(lines) > 200_000 or written >= target:
                if shuffled:
                    rng.shuffle(lines)
                handle.writelines(lines)
                lines.clear()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200.0, help="size of the generated log in MB (default 200)")
    parser.add_argument("--shuffled", action="store_true", help="rows out of position order (exercises the sort)")
    parser.add_argument("--twice", action="store_true", help="import the log a second time into the same class "
                                                               "(every answer is a duplicate: exercises the duplicate check)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "responses.csv"
        rows = write_log(log, args.mb, args.shuffled)
        size_mb = log.stat().st_size / 1e6
        start = time.perf_counter()
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        done = subprocess.run([sys.executable, "-c", CHILD, str(Path(tmp) / "data"), str(log),
                               "twice" if args.twice else "once"], capture_output=True,
                              text=True, env=env, cwd=Path(__file__).resolve().parents[1])
        seconds = time.perf_counter() - start
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return 1
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
        cpu_seconds = usage.ru_utime + usage.ru_stime  # unlike the wall time, hardly changed by a busy machine
        answers, students, exercises, _, store_bytes, free_bytes = done.stdout.split()
        print(f"log: {size_mb:.0f} MB, {rows:,} rows ({'shuffled' if args.shuffled else 'in order'})")
        print(f"imported: {int(answers):,} answers, {int(students):,} students, {int(exercises):,} exercises in {seconds:.0f} s"
              + (" (then again: all skipped as duplicates)" if args.twice else "") + f", {cpu_seconds:.0f} s of CPU")
        print(f"peak memory (max RSS of the importing process): {peak_mb:.0f} MB")
        print(f"store file: {int(store_bytes) / 1e6:.0f} MB, of which {int(free_bytes) / 1e6:.0f} MB free pages "
              "(reused by later writes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
