"""Property-based fuzzing of every importer (hypothesis), callable with any number of examples.

One function per importer - :func:`fuzz_roster`, :func:`fuzz_response_log`,
:func:`fuzz_pack`, all in :data:`FUZZERS` - feeds that many generated files
to the importer and counts what happened, without stopping at the first
problem (the stress harness scales them; ``tests/safety`` runs them small).

Each example is either a valid file, a valid file with one *structural* fault
injected at a known line (an unclosed quote, a stray extra cell, a NUL byte;
for packs, a template bomb), or random damage. The oracles:

* every input imports or raises LamplightError (anything else is a crash);
* a refused input leaves the store exactly as it was;
* an input with an injected fault is refused, naming the line for CSV
  (otherwise it is a *silent acceptance*: wrong data in a child's record).

Needs ``hypothesis`` (a dev dependency), imported only when a fuzzer runs.
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

FIRST_NAMES = ["Ana", "Bo", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana", "José", "Kai", "Lea", "Mo", "小龙", "Zoë"]
LAST_NAMES = ["Lima", "Núñez", "Okafor", "Park", "Rossi", "Smith", "Tan", "Weiß", "李", "王"]
FAULTS = ("unclosed quote", "extra cell", "NUL byte")
REFRESH_EVERY = 200  # examples per store, so "did a refusal change the store" stays cheap to check


@dataclass
class FuzzResult:
    """What one importer did with ``tried`` generated inputs."""

    importer: str
    tried: int = 0
    imported: int = 0
    refused: int = 0
    faults_injected: int = 0
    crashes: list[str] = field(default_factory=list)
    changed_on_error: int = 0
    silent_acceptances: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.crashes and not self.changed_on_error and not self.silent_acceptances


@dataclass(frozen=True)
class Example:
    """A generated input: its bytes, and the fault injected (with the line it is on), if any."""

    data: bytes
    fault: str | None = None
    line: int | None = None


def _table_contents(store: Any) -> dict[str, list[str]]:
    tables = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: sorted(map(repr, store.db.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}


class _Harness:
    """A store to import into (renewed every few hundred examples) and the tally of outcomes."""

    def __init__(self, name: str, folder: Path, run: Callable[[Any, int, Path], Any]) -> None:
        self.result, self.folder, self.run = FuzzResult(name), folder, run
        self.store: Any = None

    def _fresh_store(self) -> None:
        from engine.store import Store

        if self.store is not None:
            self.store.close()
        self.store = Store.open(self.folder / f"store-{self.result.tried}")
        self.class_id = self.store.create_class("Fuzz class")
        self.store.add_student(self.class_id, "Existing Pupil", external_id="e1")
        self.store.add_skill("Counting", skill_id="counting")
        self.store.add_exercise("1 + 1 = ?", "numeric", "2", skills=["counting"], key="q-existing")

    def feed(self, example: Example, suffix: str) -> None:
        from engine.errors import LamplightError

        if self.store is None or self.result.tried % REFRESH_EVERY == 0:
            self._fresh_store()
        path = self.folder / f"input{suffix}"
        path.write_bytes(example.data)
        self.result.tried += 1
        self.result.faults_injected += example.fault is not None
        before = _table_contents(self.store)
        try:
            self.run(self.store, self.class_id, path)
        except LamplightError as exc:
            self.result.refused += 1
            if _table_contents(self.store) != before:
                self.result.changed_on_error += 1
            if example.line is not None and f"line {example.line}" not in str(exc) and len(self.result.silent_acceptances) < 20:
                self.result.silent_acceptances.append(f"{example.fault} on line {example.line} refused without naming it: {exc}")
            return
        except Exception as exc:  # the point: anything else is a crash to report
            if len(self.result.crashes) < 50:
                self.result.crashes.append(f"{type(exc).__name__}: {str(exc)[:160]}")
            return
        self.result.imported += 1
        if example.fault is not None and len(self.result.silent_acceptances) < 20:
            self.result.silent_acceptances.append(f"{example.fault} on line {example.line} was imported: {example.data[:120]!r}")

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def _run(name: str, strategy: Any, suffix: str, run: Callable[[Any, int, Path], Any], examples: int, seed: int) -> FuzzResult:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as with_seed

    with tempfile.TemporaryDirectory() as tmp:
        harness = _Harness(name, Path(tmp), run)

        @with_seed(seed)
        @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
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
def _strategies() -> Any:
    """The hypothesis strategies, built on first use (hypothesis is a dev dependency)."""
    from hypothesis import strategies as st

    names = st.builds(lambda f, l: f"{f} {l}", st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES))
    noise = st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))

    @st.composite
    def inject(draw: Any, header: str, rows: list[str], delimiter: str, multiline_last: bool = False) -> Example:
        """A valid file, or the same with one structural fault on a known data line, or random damage."""
        kind = draw(st.sampled_from(["valid", "valid", "fault", "fault", "damage"]))
        lines = [header] + rows
        if kind == "fault" and rows:
            fault = draw(st.sampled_from(FAULTS))
            index = draw(st.integers(1, len(rows)))
            cells = lines[index].split(delimiter)
            column = draw(st.integers(0, len(cells) - 1))
            if fault == "unclosed quote":
                cells[column] = '"' + cells[column]
            elif fault == "extra cell":
                cells.insert(draw(st.integers(0, len(cells))), draw(st.sampled_from(["x", "Lee", "1", "=1+1"])))
            else:
                cells[column] = cells[column][:1] + "\x00" + cells[column][1:]
            lines[index] = delimiter.join(cells)
            return Example(("\n".join(lines) + "\n").encode("utf-8"), fault, index + 1)
        data = ("\n".join(lines) + "\n").encode("utf-8")
        if kind == "damage":
            cut = draw(st.integers(0, len(data)))
            extra = draw(noise)
            data = data[:cut] + extra + data[cut + draw(st.integers(0, 20)):]
        return Example(data)

    @st.composite
    def rosters(draw: Any) -> Example:
        delimiter = draw(st.sampled_from([",", ";", "\t"]))
        count = draw(st.integers(1, 12))
        people = draw(st.lists(names, min_size=count, max_size=count, unique=True))
        with_ids = draw(st.booleans())
        header = delimiter.join(["name", "external_id", "group"] if with_ids else ["name", "group"])
        rows = [delimiter.join([p, f"s{i}", draw(st.sampled_from(["Reds", "Blues", ""]))] if with_ids
                               else [p, draw(st.sampled_from(["Reds", "Blues", ""]))]) for i, p in enumerate(people)]
        return draw(inject(header, rows, delimiter))

    @st.composite
    def logs(draw: Any) -> Example:
        delimiter = draw(st.sampled_from([",", ";", "\t"]))
        count = draw(st.integers(1, 15))
        header = delimiter.join(["student_id", "item_id", "skill_ids", "correct", "position", "time", "answer"])
        rows = []
        for i in range(count):
            skills = draw(st.sampled_from(["add", "add;sub", "", "counting", "b;b"])).replace(";", ";" if delimiter != ";" else "|")
            rows.append(delimiter.join([
                draw(st.sampled_from(["s1", "s2", "e1", "s3"])), draw(st.sampled_from(["q1", "q2", "q-existing", "q9"])), skills,
                draw(st.sampled_from(["1", "0", "0.5"])), str(i), draw(st.sampled_from(["", "2025-03-03T09:00:00Z", "2025-03-04T10:30"])),
                draw(st.sampled_from(["4", "-3", "four", ""])),
            ]))
        return draw(inject(header, rows, delimiter))

    json_values = st.recursive(
        st.none() | st.booleans() | st.integers(-3, 10) | st.floats(allow_nan=False) | st.text(max_size=6),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=6,
    )

    @st.composite
    def packs(draw: Any) -> Example:
        def maybe(good: Any) -> Any:
            return draw(json_values) if draw(st.integers(0, 9)) == 0 else good

        template = {"id": "t0", "kind": "numeric", "skills": ["a"], "params": {"x": maybe([[1, 9]] * 5)},
                    "let": maybe({"y": "x + 1"}), "where": maybe(["y > 1"]), "prompt": maybe("{x} + 1 = ?"), "answer": maybe("{y}")}
        fault = None
        if draw(st.integers(0, 3)) == 0:
            fault = "template bomb"
            step = draw(st.sampled_from(["str(X) + str(X)", "X * X", "X ** 12 if X < 1000000 else X * X"]))
            let, previous = {}, "x"
            for i in range(draw(st.integers(25, 38))):
                let[f"n{i}"] = step.replace("X", previous)
                previous = f"n{i}"
            template = {**template, "params": {"x": [[2, 9]] * 5}, "let": let, "where": [], "answer": "{" + previous + "}"}
        pack = {"format": maybe("lamplight-pack"), "version": maybe(1), "id": maybe("fuzz-pack"),
                "skills": maybe([{"id": "a", "name": maybe("A")}, {"id": "b", "name": "B", "prerequisites": maybe(["a"])}]),
                "templates": [template],
                "exercises": maybe([{"id": "x1", "kind": maybe("numeric"), "prompt": "2 + 2 = ?", "answer": maybe("4"),
                                     "skills": maybe(["b"]), "template": maybe("t0")}])}
        return Example(json.dumps(pack).encode("utf-8"), fault)

    return rosters(), logs(), packs()


# --- the fuzzers ---------------------------------------------------------------------------
def fuzz_roster(examples: int = 100, seed: int = 0) -> FuzzResult:
    """``examples`` generated rosters into a class that already has a pupil."""
    from engine.store.importers import import_roster

    return _run("roster CSV", _strategies()[0], ".csv", lambda store, class_id, path: import_roster(store, class_id, path), examples, seed)


def fuzz_response_log(examples: int = 100, seed: int = 0) -> FuzzResult:
    """``examples`` generated response logs into a class that already has a pupil and an exercise."""
    from engine.store.importers import import_responses

    return _run("response-log CSV", _strategies()[1], ".csv",
                lambda store, class_id, path: import_responses(store, path, class_id=class_id), examples, seed)


def fuzz_pack(examples: int = 100, seed: int = 0) -> FuzzResult:
    """``examples`` generated exercise packs (a quarter with a template bomb, which must be refused)."""
    from engine.store.importers import import_pack

    return _run("pack JSON", _strategies()[2], ".json", lambda store, class_id, path: import_pack(store, path), examples, seed)


FUZZERS: dict[str, Callable[[int, int], FuzzResult]] = {
    "roster CSV": fuzz_roster, "response-log CSV": fuzz_response_log, "pack JSON": fuzz_pack,
}
