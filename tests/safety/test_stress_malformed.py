"""The stress harness's ``malformed`` class: hypothesis-drawn inputs per importer, and it catches planted faults.

Small round counts here (``python -m engine stress --rounds 500`` runs 10,000
inputs per importer). The planted faults are wrappers around the real
importers that do what a broken importer would - skip broken lines silently,
raise a raw exception, write before refusing, refuse good files - and each must
show up in its importer's row of the report.
"""
from __future__ import annotations

import random
import re

import pytest

pytest.importorskip("hypothesis")

from engine.bench import stress  # noqa: E402
from engine.bench.importer_fuzz import FUZZERS, fuzz_roster  # noqa: E402
from engine.bench.stress import malformed  # noqa: E402
from engine.errors import LamplightError  # noqa: E402
from engine.store import importers  # noqa: E402


def test_the_class_runs_twenty_hypothesis_inputs_per_round_for_every_importer():
    report = stress.run(rounds=3, seed=5, classes=("malformed",))
    (tally,) = report.tallies
    assert [part.name for part in tally.parts] == list(FUZZERS) == ["roster CSV", "response-log CSV", "pack JSON", "model file"]
    assert [part.trials for part in tally.parts] == [60, 60, 60, 60] and tally.trials == 240
    assert tally.crashes == tally.silent == tally.lost == tally.refused_good == [], tally
    lines = report.lines()
    assert any(line.split()[:3] == ["roster", "CSV", "60"] for line in lines), lines
    assert lines[-1] == "Result: OK"


def test_inputs_reach_every_outcome_and_a_seed_gives_the_same_inputs(tmp_path):
    first, again, other = (fuzz_roster(80, seed, folder=tmp_path) for seed in (3, 3, 4))
    assert first.valid > 15 and first.faults_injected > 15 and first.tried - first.valid - first.faults_injected > 5
    assert first.imported >= first.valid and first.refused >= first.faults_injected
    assert first.digest == again.digest != other.digest


def _tally(tmp_path, importer: str, per_importer: int = 80) -> stress.Tally:
    return malformed.fuzz_importers(per_importer, 11, tmp_path, importers=(importer,))


def test_a_roster_importer_that_drops_broken_lines_silently_is_caught(tmp_path, monkeypatch):
    """Planted: on a refusal naming a line, that line is cut out and the rest imported (the hole of issue 14, item 4)."""
    real = importers.import_roster

    def drops_broken_lines(store, class_id, path):
        for _ in range(50):
            try:
                return real(store, class_id, path)
            except LamplightError as exc:
                named = re.search(r"line (\d+)", str(exc))
                lines = path.read_bytes().split(b"\n")
                if not named or len(lines) < 3:
                    raise
                del lines[int(named.group(1)) - 1]
                path.write_bytes(b"\n".join(lines))
        raise LamplightError("gave up")

    monkeypatch.setattr(importers, "import_roster", drops_broken_lines)
    tally = _tally(tmp_path, "roster CSV")
    assert len(tally.parts[0].silent) > 5 and tally.crashes == [] and not tally.ok
    assert sum("was imported" in line for line in tally.silent) > 5, tally.silent[:3]


def test_an_importer_that_raises_a_raw_exception_is_caught(tmp_path, monkeypatch):
    real = importers.import_responses

    def crashes_on_nul(store, path, **kwargs):
        if b"\x00" in path.read_bytes():
            raise ValueError("embedded null byte")
        return real(store, path, **kwargs)

    monkeypatch.setattr(importers, "import_responses", crashes_on_nul)
    tally = _tally(tmp_path, "response-log CSV")
    assert tally.parts[0].crashes and all("ValueError: embedded null byte" in line for line in tally.crashes)
    lines = stress.StressReport([tally], rounds=4).lines()
    assert lines[-1] == "Result: PROBLEMS FOUND" and any(line.startswith("  CRASHES (malformed)") for line in lines)


def test_a_refusal_that_writes_to_the_store_is_counted_as_lost(tmp_path, monkeypatch):
    real = importers.import_pack
    planted = iter(range(10**6))

    def writes_first(store, path):
        store.add_skill("Planted skill", skill_id=f"planted-{next(planted)}")
        return real(store, path)

    monkeypatch.setattr(importers, "import_pack", writes_first)
    tally = _tally(tmp_path, "pack JSON")
    assert len(tally.parts[0].lost) > 20 and all("refused input changed the store" in line for line in tally.lost)
    assert tally.crashes == [] and not tally.ok


def test_an_importer_that_refuses_good_files_is_caught(tmp_path, monkeypatch):
    real = importers.import_roster

    def refuses_gzip(store, class_id, path):
        if path.read_bytes()[:2] == b"\x1f\x8b":
            raise LamplightError(f"{path}: gzip files are not read")
        return real(store, class_id, path)

    monkeypatch.setattr(importers, "import_roster", refuses_gzip)
    tally = _tally(tmp_path, "roster CSV", 150)
    assert tally.refused_good and all("gzip files are not read" in line for line in tally.refused_good)
    assert not tally.ok


def test_without_hypothesis_the_class_says_what_is_missing(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "hypothesis", None)  # import hypothesis now raises ModuleNotFoundError
    tally = malformed.run_malformed(5, random.Random(0), tmp_path, lambda line: None)
    assert tally.skipped == malformed.NEEDS_HYPOTHESIS and tally.trials == 0


def test_an_import_that_removes_stored_rows_is_counted_as_lost(tmp_path, monkeypatch):
    real = importers.import_roster

    def imports_then_deletes(store, class_id, path):
        report = real(store, class_id, path)
        store.db.execute("DELETE FROM students WHERE id = (SELECT min(id) FROM students)")  # the pupil stored before
        store.db.conn.commit()
        return report

    monkeypatch.setattr(importers, "import_roster", imports_then_deletes)
    tally = _tally(tmp_path, "roster CSV", 40)
    assert tally.lost and all("importing removed rows from students" in line for line in tally.lost), tally.lost[:3]


def test_a_model_file_with_a_400_digit_number_is_refused_with_a_message(tmp_path):
    from engine.model.persistence import load_saved_model

    example = _model_example_with_huge_number(400)
    (tmp_path / "m.safetensors").write_bytes(example)
    with pytest.raises(LamplightError, match="out of range"):
        load_saved_model(tmp_path / "m")


def _model_example_with_huge_number(digits: int) -> bytes:
    """A small valid student-model file whose free-form metadata holds an integer of ``digits`` digits."""
    import json

    import numpy as np
    from safetensors.numpy import save

    from engine.model import persistence as saved
    from engine.model.response import TRANSFERABLE, Settings

    arrays = {"beta_skill": np.zeros(2, np.float32), "tau0": np.zeros(2, np.float32), "lr_tau": np.zeros(2, np.float32),
              "delta": np.zeros(1, np.float32), "skill_idx": np.zeros((1, 1), np.int64), "skill_w": np.ones((1, 1), np.float32),
              saved.META_KEY: np.zeros(len(TRANSFERABLE))}
    metadata = {"format": saved.FORMAT, "format_version": saved.FORMAT_VERSION, "settings": Settings().as_dict(),
                "meta_names": list(TRANSFERABLE), "skills": ["", "s0"], "items": [], "info": {"n": 1}}
    text = json.dumps(metadata).replace('"n": 1', '"n": ' + "9" * digits)
    return save(arrays, metadata={"format": saved.FORMAT, "format_version": "1", saved.HEADER_KEY: text})


def test_the_same_model_file_with_a_short_number_loads():
    """Control for the test above: the file is otherwise valid (16 digits: refused as out of range, with a message)."""
    import tempfile
    from pathlib import Path

    from engine.model.persistence import load_saved_model

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "m.safetensors").write_bytes(_model_example_with_huge_number(1))
        assert load_saved_model(Path(tmp) / "m").skills == ["", "s0"]
        (Path(tmp) / "m.safetensors").write_bytes(_model_example_with_huge_number(16))
        with pytest.raises(LamplightError, match="out of range"):
            load_saved_model(Path(tmp) / "m")
