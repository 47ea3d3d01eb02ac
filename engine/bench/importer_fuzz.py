"""Property-based fuzzing of every importer (hypothesis), callable with any number of examples.

One function per importer - :func:`fuzz_roster`, :func:`fuzz_response_log`,
:func:`fuzz_pack`, :func:`fuzz_model_file`, all in :data:`FUZZERS` - feeds that many generated files
to the importer and counts what happened, without stopping at the first
problem. ``python -m engine stress`` (its ``malformed`` class) runs them with
thousands of examples; ``tests/safety`` runs them small.

Each example is drawn by hypothesis (seeded, so a seed gives the same files) as
one of:

* a *valid* file (any delimiter, CRLF or LF, with or without a byte-order
  mark, plain or gzipped), which must be imported;
* the same with one *structural fault* at a known line: for CSV an unclosed
  quote, a stray extra cell, a missing cell or a NUL byte; for packs a cut-off
  file, a template bomb (chained ``let`` doublings or powers), nesting deeper
  than allowed, a number with too many digits or a lone surrogate. It must be
  refused, naming the line where the file has lines to name;
* *damage* of unknown effect: noise spliced in, bytes deleted, inserted or cut
  off, the text re-encoded (Latin-1, GBK, UTF-16...) or a gzip stream cut
  short. It may import or be refused, but never crash or lose data.

Student-model files (``NAME.safetensors``, metadata in its header) are fuzzed
the same way: a valid small model, or one hostile field (a setting of the wrong
type or out of range, a huge or non-finite number, deep nesting, a wrong
format, mismatched shapes, a non-finite tensor, an out-of-range
meta-parameter or skill index, a pickle, a cut-off file), or damage. Loading
touches no store, so only the crash, silent-acceptance and refused-valid
oracles apply there.

The oracles, per input:

* it imports or raises LamplightError (anything else is a *crash*);
* a refused input leaves the store exactly as it was, and an imported one
  removes nothing already stored (otherwise *lost*);
* a structural fault is refused, naming its line (otherwise a *silent
  acceptance*: wrong data in a child's record), and a valid file is imported
  (otherwise *refused valid*).

Needs ``hypothesis`` (a dev dependency), imported only when a fuzzer runs.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import itertools
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

FIRST_NAMES = ["Ana", "Bo", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana", "José", "Kai", "Lea", "Mo", "小龙", "Zoë"]
LAST_NAMES = ["Lima", "Núñez", "Okafor", "Park", "Rossi", "Smith", "Tan", "Weiß", "李", "王"]
CSV_FAULTS = ("unclosed quote", "extra cell", "missing cell", "NUL byte")
REFRESH_EVERY = 200  # examples per store: imports pile up in it, and an importer slows as its store grows
KEPT_TABLES = ("classes", "students", "skills", "exercises", "responses")  # an import may add to these, never remove
MODEL_FAULTS = ("setting of the wrong type", "setting out of range", "huge number", "not a number", "deep nesting",
                "wrong format", "shapes that do not match", "number not finite in a tensor", "meta-parameter out of range",
                "skill index out of range", "pickle", "cut off")
WRONG_MODEL_FIELDS = [  # (metadata key, a value no model file may have there)
    ("format", "lamplight-pack"), ("format", None), ("format_version", 2), ("format_version", "1"),
    ("meta_names", ["beta0", "beta0"]), ("meta_names", ["nope"]), ("meta_names", []), ("skills", ["nope"]),
    ("skills", "q1"), ("items", [1, 2]), ("items", None), ("items", "q1"), ("name", ["x"]),
]
PACK_FAULTS = ("template bomb", "cut off", "nested too deep", "too many digits", "lone surrogate")
GOOD_EXERCISES = [  # exercises a pack may hold (drawn 1-4 at a time); the texts in two languages need pack version 2
    {"kind": "numeric", "prompt": "2 + 2 = ?", "answer": "4", "skills": ["b"]},
    {"kind": "numeric", "prompt": "7 - 10 = ?", "answer": -3, "skills": ["a"], "difficulty": 2},
    {"kind": "multiple_choice", "prompt": "Which is even?", "choices": ["3", "4", "5"], "answer": "4", "skills": ["a"]},
    {"kind": "short_text", "prompt": "Name a prime number below 5.", "answer": "3", "skills": []},
    {"kind": "teacher_marked", "prompt": "Explain why 3 x 4 = 4 x 3.", "skills": ["b"], "difficulty": 4},
    {"kind": "numeric", "prompt": {"en": "3 + 4 = ?", "zh_CN": "3 + 4 = ？"}, "answer": "7", "skills": ["a", "b"]},
]
MUTATION_BYTES = b',;"\t\n\r{}[]:0123456789-.abc\x00\xff\xe9'


@dataclass
class FuzzResult:
    """What one importer did with ``tried`` generated inputs (each list holds one line per problem)."""

    importer: str
    tried: int = 0
    imported: int = 0
    refused: int = 0
    valid: int = 0
    faults_injected: int = 0
    crashes: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    silent_acceptances: list[str] = field(default_factory=list)
    refused_valid: list[str] = field(default_factory=list)
    digest: str = ""  # sha-256 of every input fed, in order: the same seed gives the same one

    @property
    def changed_on_error(self) -> int:
        """Refused inputs that changed the store (part of ``lost``)."""
        return sum(1 for line in self.lost if line.startswith("refused input changed"))

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.lost or self.silent_acceptances or self.refused_valid)


@dataclass(frozen=True)
class Example:
    """A generated input: its bytes, the fault injected (and the line it is on), or that it is valid."""

    data: bytes
    fault: str | None = None
    line: int | None = None
    valid: bool = False


def _row_counts(conn: Any) -> tuple[int, ...]:
    """Rows in each of :data:`KEPT_TABLES`, in one query."""
    return conn.execute("SELECT " + ", ".join(f'(SELECT count(*) FROM "{t}")' for t in KEPT_TABLES)).fetchone()


class _Harness:
    """A store to import into (renewed every few hundred examples) and the tally of outcomes.

    "A refusal changed nothing" is checked cheaply and exactly: a second, read-only
    connection's ``PRAGMA data_version`` moves whenever the importer's connection
    commits anything, and the importer's connection must not be left inside a
    transaction (which a later commit would write). "An import removed nothing"
    compares row counts of :data:`KEPT_TABLES`.
    """

    def __init__(self, name: str, folder: Path, run: Callable[[Any, int, Path], Any]) -> None:
        self.result, self.folder, self.run = FuzzResult(name), folder, run
        self.store: Any = None
        self.watcher: Any = None
        self.digest = hashlib.sha256()

    def _fresh_store(self) -> None:
        import sqlite3

        from engine.store import Store

        self._close_store()
        self.store = Store.open(self.folder / "store")
        self.store.db.conn.execute("PRAGMA synchronous = OFF")  # durability is the kill classes' subject, not this one's
        self.class_id = self.store.create_class("Fuzz class")
        self.store.add_student(self.class_id, "Existing Pupil", external_id="e1")
        self.store.add_skill("Counting", skill_id="counting")
        self.store.add_exercise("1 + 1 = ?", "numeric", "2", skills=["counting"], key="q-existing")
        self.watcher = sqlite3.connect(f"{self.store.path.resolve().as_uri()}?mode=ro", uri=True)

    def _close_store(self) -> None:
        if self.watcher is not None:
            self.watcher.close()
        if self.store is not None:
            self.store.close()
            shutil.rmtree(self.folder / "store")
        self.store = self.watcher = None

    def feed(self, example: Example, suffix: str) -> None:
        """Import one example and count the outcome against the oracles of the module doc."""
        from engine.errors import LamplightError

        if self.store is None or self.result.tried % REFRESH_EVERY == 0:
            self._fresh_store()
        path = self.folder / f"input{suffix}"
        path.write_bytes(example.data)
        self.digest.update(len(example.data).to_bytes(8, "little") + example.data)
        number = self.result.tried = self.result.tried + 1
        self.result.faults_injected += example.fault is not None
        self.result.valid += example.valid
        version, counts = self.watcher.execute("PRAGMA data_version").fetchone()[0], _row_counts(self.watcher)
        try:
            self.run(self.store, self.class_id, path)
        except LamplightError as exc:
            self._refused(number, example, str(exc), version)
        except Exception as exc:  # the point: anything else is a crash to report
            what = f" ({example.fault})" if example.fault else " (valid)" if example.valid else " (damaged)"
            self.result.crashes.append(f"input {number}{what}: {type(exc).__name__}: {str(exc)[:160]} <- {example.data[:100]!r}")
            if self.store.db.conn.in_transaction:
                self.store.db.conn.rollback()
        else:
            self._imported(number, example, counts)

    def _refused(self, number: int, example: Example, message: str, version: int) -> None:
        self.result.refused += 1
        conn = self.store.db.conn
        if conn.in_transaction or self.watcher.execute("PRAGMA data_version").fetchone()[0] != version:
            self.result.lost.append(f"refused input changed the store (input {number}): {message[:160]}")
            if conn.in_transaction:
                conn.rollback()
        if example.valid:
            self.result.refused_valid.append(f"input {number}: a valid file was refused: {message[:200]} <- {example.data[:100]!r}")
        elif example.line is not None and f"line {example.line}" not in message:
            self.result.silent_acceptances.append(
                f"input {number}: {example.fault} on line {example.line} refused without naming that line: {message[:200]}")

    def _imported(self, number: int, example: Example, counts: tuple[int, ...]) -> None:
        self.result.imported += 1
        shrunk = [t for t, before, after in zip(KEPT_TABLES, counts, _row_counts(self.watcher)) if after < before]
        if shrunk:
            self.result.lost.append(f"input {number}: importing removed rows from {', '.join(shrunk)}")
        if example.fault is not None:
            self.result.silent_acceptances.append(
                f"input {number}: {example.fault}" + (f" on line {example.line}" if example.line else "")
                + f" was imported: {example.data[:120]!r}")

    def close(self) -> None:
        self._close_store()
        self.result.digest = self.digest.hexdigest()


def _scratch(folder: Path | None) -> Path | None:
    """Where inputs and stores go: memory (/dev/shm) when the system has it, as thousands of small
    files and commits are the bulk of the time on a slow disk; else ``folder`` (None: the system's temp folder)."""
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) else folder


@contextlib.contextmanager
def _without_local_constants() -> Iterator[None]:
    """Keep hypothesis from mixing literals of the project's loaded modules into its draws, for the time of a run.

    Recent hypothesis versions draw, now and then, a constant found in whatever
    local modules happen to be imported, so the same seed gave other inputs
    depending on what ran before (a test module, the kill classes). Without
    them, a seed and this module's code fix the inputs. Where the hook does not
    exist (older hypothesis) nothing needs doing.
    """
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - a hypothesis without that module
        yield
        return
    original = getattr(providers, "_get_local_constants", None)
    cache = getattr(providers, "CONSTANTS_CACHE", None)
    if original is None or not hasattr(providers, "Constants"):
        yield
        return
    empty = providers.Constants()
    providers._get_local_constants = lambda: empty
    if cache is not None:
        cache.cache.clear()  # permitted constants computed earlier may hold local ones
    try:
        yield
    finally:
        providers._get_local_constants = original
        if cache is not None:
            cache.cache.clear()


def _run(name: str, strategy: Any, suffix: str, run: Callable[[Any, int, Path], Any], examples: int, seed: int,
         folder: Path | None = None) -> FuzzResult:
    """Feed ``examples`` inputs drawn (seeded, no example database) from ``strategy`` to ``run``."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed

    with tempfile.TemporaryDirectory(prefix="lamplight-fuzz-", dir=_scratch(folder)) as tmp, _without_local_constants():
        harness = _Harness(name, Path(tmp), run)

        # The test body never raises (every outcome is counted), so hypothesis draws exactly
        # max_examples inputs and never shrinks; the generate phase alone keeps it from replaying any.
        @with_seed(seed)
        @settings(max_examples=examples, deadline=None, database=None, derandomize=False, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(example=strategy)
        def one(example: Example) -> None:
            harness.feed(example, suffix)

        try:
            one()
        finally:
            harness.close()
    return harness.result


# --- strategies ----------------------------------------------------------------------------
def _damage_strategy() -> Any:
    """``damaged(data)``: damage of unknown effect: noise spliced in, random edits, another encoding, or a cut gzip stream."""
    from hypothesis import strategies as st

    noise = st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))

    @st.composite
    def damaged(draw: Any, data: bytes) -> bytes:
        how = draw(st.sampled_from(["splice", "edits", "edits", "re-encode", "gzip cut"]))
        if how == "splice":
            cut = draw(st.integers(0, len(data)))
            return data[:cut] + draw(noise) + data[cut + draw(st.integers(0, 20)):]
        if how == "re-encode":
            encoding = draw(st.sampled_from(["latin-1", "gbk", "utf-16", "utf-16-le", "cp1252", "shift_jis"]))
            return data.decode("utf-8", "replace").encode(encoding, "replace")
        if how == "gzip cut":
            packed = gzip.compress(data, mtime=0)
            return packed[:draw(st.integers(0, len(packed) - 1))]
        edited = bytearray(data)
        for _ in range(draw(st.integers(1, 6))):
            action, pos = draw(st.integers(0, 3)), draw(st.integers(0, len(edited)))
            if action == 0:
                del edited[pos:pos + draw(st.integers(1, 20))]
            elif action == 1:
                edited[pos:pos] = draw(st.lists(st.sampled_from(list(MUTATION_BYTES)), min_size=1, max_size=8))
            elif action == 2:
                del edited[pos:]
            else:
                edited[pos:pos] = draw(st.binary(min_size=1, max_size=30))
        return bytes(edited)

    return damaged


def _strategies() -> tuple[Any, Any, Any]:
    """The hypothesis strategies (rosters, response logs, packs), built on first use: hypothesis is a dev dependency."""
    from hypothesis import strategies as st

    @functools.lru_cache(maxsize=None)  # building a strategy costs more than drawing from it: build each once
    def one_in(n: int) -> Any:
        """True about once in ``n`` draws (a middle value: hypothesis favours the ends of a range)."""
        return st.integers(0, n - 1).map(lambda k: k == n // 2)

    damaged = _damage_strategy()

    @st.composite
    def packaged(draw: Any, lines: list[str]) -> bytes:
        """Lines as a file the way a teacher's tools save it: LF or CRLF, maybe a byte-order mark, maybe gzipped."""
        data = (draw(st.sampled_from(["\n", "\r\n"])).join(lines) + "\n").encode("utf-8")
        if draw(one_in(6)):
            data = b"\xef\xbb\xbf" + data
        return gzip.compress(data, mtime=0) if draw(one_in(8)) else data

    @st.composite
    def inject(draw: Any, header: str, rows: list[str], delimiter: str) -> Example:
        """A valid file, or the same with one structural fault on a known data line, or random damage."""
        kind = draw(st.sampled_from(["fault", "valid", "damage", "valid", "fault"]))  # about 2:2:1 (ends come up more)
        lines = [header] + rows
        if kind == "fault" and rows:
            fault = draw(st.sampled_from(CSV_FAULTS))
            index = draw(st.integers(1, len(rows)))
            cells = lines[index].split(delimiter)
            column = draw(st.integers(0, len(cells) - 1))
            if fault == "unclosed quote":
                cells[column] = '"' + cells[column]
            elif fault == "extra cell":
                cells.insert(draw(st.integers(0, len(cells))), draw(st.sampled_from(["x", "Lee", "1", "=1+1", ""])))
            elif fault == "missing cell":
                if not "".join(cells[:column] + cells[column + 1:]).strip():  # a blank line is skipped, not a fault:
                    column = next(i for i, cell in enumerate(cells) if i != column and not cell.strip())  # cut a blank cell
                del cells[column]
            else:
                cells[column] = cells[column][:1] + "\x00" + cells[column][1:]
            lines[index] = delimiter.join(cells)
            return Example(draw(packaged(lines)), fault, index + 1)
        if kind == "damage":
            return Example(draw(damaged(("\n".join(lines) + "\n").encode("utf-8"))))
        return Example(draw(packaged(lines)), valid=True)

    @st.composite
    def rosters(draw: Any) -> Example:
        delimiter = draw(st.sampled_from([",", ";", "\t"]))
        people = [f"{first} {last}" for first, last in draw(st.lists(
            st.tuples(st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES)), min_size=1, max_size=12, unique=True))]
        with_ids = draw(st.booleans())
        header = delimiter.join(["name", "external_id", "group"] if with_ids else ["name", "group"])
        groups = draw(st.lists(st.sampled_from(["Reds", "Blues", ""]), min_size=len(people), max_size=len(people)))
        people, groups = longer(draw, people, groups)
        rows = [delimiter.join([p, f"s{i}", g] if with_ids else [p, g]) for i, (p, g) in enumerate(zip(people, groups))]
        return draw(inject(header, rows, delimiter))

    def longer(draw: Any, names: list[str], *columns: list[str]) -> tuple[list[str], ...]:
        """Usually the rows as drawn; one time in 30, repeated to a file of 50-300 rows (names numbered, so still unique)."""
        if not draw(one_in(30)):
            return (names, *columns)
        count = draw(st.integers(50, 300))  # the same numbered names every time, so a store does not grow by thousands
        return ([f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[i % len(LAST_NAMES)]} {i}" for i in range(count)],
                *([column[i % len(column)] for i in range(count)] for column in columns))

    @st.composite
    def logs(draw: Any) -> Example:
        delimiter = draw(st.sampled_from([",", ";", "\t"]))
        header = delimiter.join(["student_id", "item_id", "skill_ids", "correct", "position", "time", "answer"])
        skill_sets = [s.replace(";", "|") if delimiter == ";" else s for s in ["add", "add;sub", "", "counting", "b;b"]]
        cells = list(itertools.product(["s1", "s2", "e1", "s3"], ["q1", "q2", "q-existing", "q9"], skill_sets, ["1", "0", "0.5"],
                                       ["", "2025-03-03T09:00:00Z", "2025-03-04T10:30"], ["4", "-3", "four", ""]))
        # one draw per row (an index into every combination of cells): drawing is most of the time here
        answers = [cells[k] for k in draw(st.lists(st.integers(0, len(cells) - 1), min_size=1, max_size=15))]
        students, *others = longer(draw, [a[0] for a in answers], *([a[k] for a in answers] for k in range(1, 6)))
        if len(students) > len(answers):
            students = [s.split(" ")[0] for s in students]  # the same few pupils, many more answers
        rows = [delimiter.join([student, item, skills, correct, str(i), time, answer])
                for i, (student, item, skills, correct, time, answer) in enumerate(zip(students, *others))]
        return draw(inject(header, rows, delimiter))

    json_values = st.recursive(
        st.none() | st.booleans() | st.integers(-3, 10) | st.floats(allow_nan=False) | st.text(max_size=6),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=6,
    )

    @st.composite
    def packs(draw: Any) -> Example:
        """A pack; now and then a field replaced by random JSON; maybe a structural fault (see the module doc)."""
        replaced = []

        def maybe(good: Any) -> Any:
            if draw(one_in(25)):
                replaced.append(True)
                return draw(json_values)
            return good

        version = draw(st.sampled_from([1, 2]))
        template = {"id": "t0", "kind": "numeric", "skills": ["a"], "params": {"x": maybe([[1, 9]] * 5)},
                    "let": maybe({"y": "x + 1"}), "where": maybe(["y > 1"]), "prompt": maybe("{x} + 1 = ?"), "answer": maybe("{y}")}
        chosen = draw(st.lists(st.sampled_from(range(len(GOOD_EXERCISES))), min_size=1, max_size=4))
        exercises = [{"id": f"x{i}", **GOOD_EXERCISES[k]} for i, k in enumerate(chosen)]
        exercises = [e for e in exercises if version == 2 or not isinstance(e["prompt"], dict)] or [{"id": "x0", **GOOD_EXERCISES[0]}]
        exercises[0] = {**exercises[0], "kind": maybe(exercises[0]["kind"]), "answer": maybe(exercises[0].get("answer", "")),
                        "skills": maybe(exercises[0].get("skills", [])), "template": maybe("t0")}
        pack: dict[str, Any] = {
            "format": maybe("lamplight-pack"), "version": maybe(version), "id": maybe(draw(st.sampled_from(["fuzz-pack", "other"]))),
            "skills": maybe([{"id": "a", "name": maybe("A")}, {"id": "b", "name": "B", "prerequisites": maybe(["a"])}]),
            "templates": [template] if draw(st.booleans()) else [],
            "exercises": maybe(exercises)}
        if not pack["templates"] and exercises[0].get("template") == "t0":
            del exercises[0]["template"]
        fault = draw(st.sampled_from(PACK_FAULTS)) if draw(st.booleans()) else None
        if fault == "template bomb":
            step = draw(st.sampled_from(["str(X) + str(X)", "X * X", "X ** 12 if X < 1000000 else X * X"]))
            let, previous = {}, "x"
            for i in range(draw(st.integers(25, 38))):
                let[f"n{i}"] = step.replace("X", previous)
                previous = f"n{i}"
            pack["templates"] = [{**template, "params": {"x": [[2, 9]] * 5}, "let": let, "where": [], "answer": "{" + previous + "}"}]
        text = json.dumps(pack, indent=draw(st.sampled_from([None, 1, 2])), ensure_ascii=draw(st.booleans()))
        if fault == "cut off":
            cut = draw(st.integers(1, len(text) - 1))
            data = text.encode("utf-8")[:len(text[:cut].encode("utf-8")) - draw(st.integers(0, 1))]
            return Example(data, fault, data.count(b"\n") + 1)
        if fault == "nested too deep":
            depth = draw(st.integers(65, 100_000))
            text = text[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"
        elif fault == "too many digits":
            text = text[:-1] + ', "x": ' + draw(st.sampled_from(["", "-"])) + "9" * draw(st.integers(31, 6000)) + "}"
        elif fault == "lone surrogate":
            surrogate = f'"\\u{draw(st.integers(0xD800, 0xDFFF)):04x}"'
            in_name = draw(st.booleans()) and '"name": "A"' in text  # in a skill's name, or in a field of its own
            text = text.replace('"name": "A"', f'"name": {surrogate}', 1) if in_name else text[:-1] + f', "x": {surrogate}' + "}"
        if fault is None and not replaced and draw(one_in(5)):
            return Example(draw(damaged(text.encode("utf-8"))))
        return Example(text.encode("utf-8"), fault, valid=fault is None and not replaced)

    return rosters(), logs(), packs()


def _sorted_header(data: bytes) -> bytes:
    """A safetensors file with its JSON header's keys sorted: safetensors writes them in a per-process random
    order, which would make the same drawn damage hit other bytes from one run to the next."""
    size = int.from_bytes(data[:8], "little")
    header = json.dumps(json.loads(data[8:8 + size]), sort_keys=True, separators=(",", ":")).encode("utf-8")
    header += b" " * (-len(header) % 8)
    return len(header).to_bytes(8, "little") + header + data[8 + size:]


def _model_strategy() -> Any:
    """Saved student-model files (safetensors, metadata in the header): valid, with one hostile field, or damaged."""
    from hypothesis import strategies as st

    damaged = _damage_strategy()

    @st.composite
    def models(draw: Any) -> Example:
        import numpy as np
        from safetensors.numpy import save

        from engine.model import persistence as saved
        from engine.model.response import TRANSFERABLE, Settings

        n_skills, n_items, width = draw(st.integers(1, 4)), draw(st.integers(0, 5)), draw(st.integers(1, 3))
        skills, items = [""] + [f"s{k}" for k in range(n_skills)], [f"q{i}" for i in range(n_items)]
        settings = {**Settings().as_dict(), "inner_steps": draw(st.integers(1, 100)), "inner_lr": draw(st.sampled_from([0.0, 0.25, 10.0]))}
        rows, skill_count = n_items + 1, n_skills + 1
        arrays = {"beta_skill": np.zeros(skill_count, np.float32), "tau0": np.zeros(skill_count, np.float32),
                  "lr_tau": np.full(skill_count, 0.1, np.float32), "delta": np.zeros(rows, np.float32),
                  "skill_idx": np.array([[(i + j) % skill_count for j in range(width)] for i in range(rows)], np.int64),
                  "skill_w": np.ones((rows, width), np.float32),
                  saved.META_KEY: np.array(draw(st.lists(st.floats(-10, 10), min_size=len(TRANSFERABLE), max_size=len(TRANSFERABLE))))}
        if draw(st.booleans()):
            arrays["loading"] = np.zeros((rows, settings["loading_dims"]), np.float32)
        metadata = {"format": saved.FORMAT, "format_version": saved.FORMAT_VERSION, "name": "fuzz", "algorithm": settings["algorithm"],
                    "settings": settings, "meta_names": list(TRANSFERABLE), "info": {"n": 1}, "skills": skills, "items": items}
        fault = draw(st.sampled_from(MODEL_FAULTS)) if draw(st.booleans()) else None
        raw_number = None
        if fault == "setting of the wrong type":
            name = draw(st.sampled_from(["algorithm", *saved.SETTING_BOUNDS]))
            settings[name] = draw(st.sampled_from(["3", [1], {"a": 1}, None, True, "maml; rm -rf"]))
        elif fault == "setting out of range":
            name = draw(st.sampled_from(sorted(saved.SETTING_BOUNDS)))
            kind, low, high = saved.SETTING_BOUNDS[name]
            settings[name] = draw(st.sampled_from([-1, int(high) * 10 + 1, 10**9 + 7 if high < 10**9 else 2**64]))
            if low <= settings[name] <= high:
                settings[name] = -1 if low >= 0 else int(high) * 10 + 1
        elif fault in ("huge number", "not a number"):
            raw_number = ("-" if draw(st.booleans()) else "") + "9" * draw(st.integers(16, 6000)) if fault == "huge number" \
                else draw(st.sampled_from(["NaN", "Infinity", "-Infinity"]))
        elif fault == "deep nesting":
            depth = draw(st.integers(saved.MAX_JSON_DEPTH + 2, 50_000))
            metadata["info"] = "@NEST@"
            raw_number = "[" * depth + "]" * depth
        elif fault == "wrong format":
            key, value = draw(st.sampled_from(WRONG_MODEL_FIELDS))
            metadata[key] = value
        elif fault == "shapes that do not match":
            key = draw(st.sampled_from(["beta_skill", "delta", "tau0", "lr_tau", "skill_w", saved.META_KEY]))
            arrays[key] = np.zeros(arrays[key].shape[0] + draw(st.sampled_from([-1, 1, 7])), arrays[key].dtype) if arrays[key].shape[0] > 1 \
                else np.zeros(3, arrays[key].dtype)
        elif fault == "number not finite in a tensor":
            arrays["beta_skill"][0] = draw(st.sampled_from([np.nan, np.inf, -np.inf]))
        elif fault == "meta-parameter out of range":
            arrays[saved.META_KEY][0] = draw(st.sampled_from([1e5, -1e12, 1e300]))
        elif fault == "skill index out of range":
            arrays["skill_idx"][0, 0] = draw(st.sampled_from([skill_count, -1, 2**40]))
        text = json.dumps(metadata)
        if raw_number is not None:
            text = text.replace('"@NEST@"', raw_number) if fault == "deep nesting" else text.replace('"n": 1', f'"n": {raw_number}')
        data = _sorted_header(save(arrays, metadata={"format": saved.FORMAT, "format_version": str(saved.FORMAT_VERSION),
                                                    saved.HEADER_KEY: text}))
        if fault == "pickle":
            data = draw(st.sampled_from([b"\x80\x04\x95", b"\x80\x02}q\x00", b"PK\x03\x04"])) + data[:draw(st.integers(0, 200))]
        elif fault == "cut off":
            data = data[:draw(st.integers(0, len(data) - 1))]
        if fault is None and draw(st.booleans()):
            return Example(draw(damaged(data)))
        return Example(data, fault, valid=fault is None)

    return models()


# --- the fuzzers ---------------------------------------------------------------------------
def fuzz_roster(examples: int = 100, seed: int = 0, folder: Path | None = None) -> FuzzResult:
    """``examples`` generated rosters into a class that already has a pupil."""
    from engine.store import importers

    return _run("roster CSV", _strategies()[0], ".csv",
                lambda store, class_id, path: importers.import_roster(store, class_id, path), examples, seed, folder)


def fuzz_response_log(examples: int = 100, seed: int = 0, folder: Path | None = None) -> FuzzResult:
    """``examples`` generated response logs into a class that already has a pupil and an exercise."""
    from engine.store import importers

    return _run("response-log CSV", _strategies()[1], ".csv",
                lambda store, class_id, path: importers.import_responses(store, path, class_id=class_id), examples, seed, folder)


def fuzz_pack(examples: int = 100, seed: int = 0, folder: Path | None = None) -> FuzzResult:
    """``examples`` generated exercise packs (about half with a structural fault or hostile shape, which must be refused)."""
    from engine.store import importers

    return _run("pack JSON", _strategies()[2], ".json",
                lambda store, class_id, path: importers.import_pack(store, path), examples, seed, folder)


def fuzz_model_file(examples: int = 100, seed: int = 0, folder: Path | None = None) -> FuzzResult:
    """``examples`` generated student-model files (about half with one hostile field, which must be refused)."""
    from engine.model import persistence

    return _run("model file", _model_strategy(), ".safetensors",
                lambda store, class_id, path: persistence.load_saved_model(path), examples, seed, folder)


FUZZERS: dict[str, Callable[..., FuzzResult]] = {
    "roster CSV": fuzz_roster, "response-log CSV": fuzz_response_log, "pack JSON": fuzz_pack, "model file": fuzz_model_file,
}
