"""The ``malformed`` fault class: damaged and hostile files fed to every importer.

Each importer gets damaged copies of a good file (encodings, truncation,
flipped and inserted bytes, noise, a huge copy) and, for pack JSON, known
hostile shapes (nesting 100,000 deep, a 5,000-digit number, a lone surrogate)
that must be refused. Counted: crashes (an exception that is not a
LamplightError), refused inputs that still changed the store, and hostile
inputs accepted (silent acceptances). Importers added elsewhere can join
through :data:`IMPORTERS_HOOKS` (name -> (good bytes, run(store, class_id, path))).
"""
from __future__ import annotations

import json
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from engine.bench.stress import Tally, fault_class

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
    accepted_hostile: list[str] = field(default_factory=list)


def _table_contents(store: Any) -> dict[str, list[str]]:
    tables = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: sorted(map(repr, store.db.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}


PACK_HEAD = '{"format": "lamplight-pack", "version": 1, "id": "h", "skills": [{"id": "a", "name": "A"}], "x": '
HOSTILE_PACKS = [
    (PACK_HEAD + "[" * 100_000 + "]" * 100_000 + "}").encode(),
    (PACK_HEAD + "9" * 5000 + "}").encode(),
    (PACK_HEAD + '"\\ud800"}').encode(),
    (PACK_HEAD[:-6] + '"skills": [{"id": "a", "name": "\\udfff"}]}').encode(),
]
IMPORTERS_HOOKS: dict[str, tuple[bytes, Callable[[Any, int, Path], Any], list[bytes]]] = {}


def malformed_inputs(per_importer: int, seed: int = 0) -> list[ImporterResult]:
    """Feed each importer ``per_importer`` damaged files and its hostile ones; count crashes, changes on refusal, acceptances."""
    from engine.store import Store

    rng = random.Random(seed)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("roster CSV", "response-log CSV", "pack JSON", *IMPORTERS_HOOKS):
            result = ImporterResult(name)
            inputs = [(f"input-{i}", data, False) for i, data in enumerate(_damaged_variants(_good_file(name), rng, per_importer))]
            inputs += [(f"hostile-{i}", data, True) for i, data in enumerate(_hostile_files(name))]
            for start in range(0, len(inputs), FRESH_STORE_EVERY):  # a fresh store now and then: checks stay cheap
                store = Store.open(folder / f"data-{name[:4]}-{start}")
                try:
                    run = _importer(name, store, store.create_class("Malformed"))
                    for file_name, data, must_refuse in inputs[start:start + FRESH_STORE_EVERY]:
                        _feed(store, folder / file_name, data, run, result, must_refuse)
                finally:
                    store.close()
            results.append(result)
    return results


FRESH_STORE_EVERY = 100


def _good_file(name: str) -> bytes:
    good = {"roster CSV": ROSTER.encode(), "response-log CSV": LOG.encode(), "pack JSON": json.dumps(PACK).encode()}
    return good[name] if name in good else IMPORTERS_HOOKS[name][0]


def _hostile_files(name: str) -> list[bytes]:
    return HOSTILE_PACKS if name == "pack JSON" else IMPORTERS_HOOKS[name][2] if name in IMPORTERS_HOOKS else []


def _importer(name: str, store: Any, class_id: int) -> Callable[[Path], Any]:
    from engine.store.importers import import_pack, import_responses, import_roster

    if name == "roster CSV":
        return lambda p: import_roster(store, class_id, p)
    if name == "response-log CSV":
        return lambda p: import_responses(store, p, class_id=class_id)
    if name == "pack JSON":
        return lambda p: import_pack(store, p)
    return lambda p: IMPORTERS_HOOKS[name][1](store, class_id, p)


def _feed(store: Any, path: Path, data: bytes, run: Callable[[Path], Any], result: ImporterResult, must_refuse: bool) -> None:
    from engine.errors import LamplightError

    path.write_bytes(data)
    before = _table_contents(store)
    result.tried += 1
    try:
        run(path)
        result.imported += 1
        if must_refuse:
            result.accepted_hostile.append(f"{path.name}: {data[:60]!r}...")
    except LamplightError:
        result.refused += 1
        if _table_contents(store) != before:
            result.changed_on_error += 1
    except Exception as exc:  # the point: anything else is a crash to report
        result.crashes.append(f"{type(exc).__name__}: {exc}"[:200])


@fault_class("malformed", "damaged and hostile files fed to every importer (trials = files per importer)", weight=20.0)
def run_malformed(trials: int, rng: random.Random, workdir: Path, progress: Callable[[str], None]) -> Tally:
    tally = Tally("malformed")
    for result in malformed_inputs(trials, rng.randrange(2**32)):
        tally.trials += result.tried
        tally.crashes.extend(f"{result.importer}: {c}" for c in result.crashes)
        tally.silent.extend(f"{result.importer}: hostile input imported: {h}" for h in result.accepted_hostile)
        tally.lost.extend(f"{result.importer}: a refused input changed the store" for _ in range(result.changed_on_error))
        progress(f"  malformed {result.importer}: {result.tried} tried, {result.imported} imported, {result.refused} refused, "
                 f"{len(result.crashes)} crashes")
    return tally
